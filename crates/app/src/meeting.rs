//! The meetings register's use cases (会议记录): record, list, follow-up tasks, 三会一课
//! compliance and attendance points.

use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    meeting::{self as rules, Attendee, MeetingInput, MeetingKind, Period, TaskStatus},
    org::OrgKind,
    search::SearchText,
};
use taizhang_db::{
    meeting::{self as table, MeetingDetail, MeetingQuery, MeetingRow, TaskRow},
    org,
    rusqlite::Transaction,
    setting, Db,
};
use ts_rs::TS;

use crate::{scope, AppError, Ctx, Page, Result};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = table::ENTITY;

/// Setting: 党员积分 per 三会一课 meeting attended (default 1).
pub const POINTS_SETTING: &str = "meeting.points_per_attendance";

fn record(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    id: i64,
    summary: String,
) -> Result<()> {
    crate::audit::note(tx, ctx, action, ENTITY, id, summary)
}

/// A page of the meetings `q` finds, newest first.
pub fn page(
    db: &Db,
    ctx: &Ctx,
    q: &MeetingQuery,
    (page, page_size): (u32, u32),
) -> Result<Page<MeetingRow>> {
    Ok(taizhang_db::page::of(list(db, ctx, q)?, page, page_size))
}

/// The global search's meeting hits, by title, place or chair: only for text a title could
/// hold (not pinyin initials or digits).
pub fn search_hits(
    db: &Db,
    ctx: &Ctx,
    text: &str,
    kind: &SearchText,
) -> Result<Vec<crate::found::SearchHit>> {
    if !matches!(kind, SearchText::Name(_)) {
        return Ok(Vec::new());
    }
    let q = MeetingQuery {
        search: text.trim().to_owned(),
        ..Default::default()
    };
    Ok(list(db, ctx, &q)?
        .into_iter()
        .map(|m| crate::found::SearchHit {
            title: m.title,
            detail: format!("{} · {}", m.kind.label(), m.held_at),
            target: crate::link::Link::Meeting(m.id),
        })
        .collect())
}

/// The meetings `q` finds that `ctx` may see.
pub fn list(db: &Db, ctx: &Ctx, q: &MeetingQuery) -> Result<Vec<MeetingRow>> {
    let mut rows = table::list(db.conn(), q, &ctx.today.to_string())?;
    rows.retain(|m| scope::sees(ctx, &[m.org_id]));
    Ok(rows)
}

/// Refuses `ctx` a meeting held by another community's unit.
fn check_scope(ctx: &Ctx, m: &MeetingInput) -> Result<()> {
    let seen = scope::sees(ctx, &[m.org_id]);
    scope::check(ctx, &format!("会议“{}”", m.title), seen)
}

/// One meeting, when `ctx` may see it.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<MeetingDetail> {
    let d = table::get(db.conn(), id)?;
    check_scope(ctx, &d.input)?;
    Ok(d)
}

pub fn create(db: &mut Db, ctx: &Ctx, input: MeetingInput) -> Result<i64> {
    let m = rules::validate(input).map_err(AppError::validation)?;
    check_scope(ctx, &m)?;
    db.write(|tx| {
        let id = table::insert(tx, &m)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Create,
            (ENTITY, id),
            format!("记录{}“{}”（{}）", m.kind.label(), m.title, m.held_at),
            &serde_json::Value::Null,
            &m,
        )?;
        Ok(id)
    })
}

pub fn update(db: &mut Db, ctx: &Ctx, id: i64, input: MeetingInput) -> Result<()> {
    let m = rules::validate(input).map_err(AppError::validation)?;
    let before = get(db, ctx, id)?.input;
    check_scope(ctx, &m)?;
    db.write(|tx| {
        table::update(tx, id, &m)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, id),
            format!("修改会议记录“{}”", m.title),
            &before,
            &m,
        )
    })
}

/// Moves a meeting to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let d = get(db, ctx, id)?;
    db.write(|tx| {
        table::set_deleted(tx, id, Some(&ctx.actor))?;
        record(
            tx,
            ctx,
            AuditAction::Delete,
            id,
            format!("删除会议记录“{}”", d.input.title),
        )
    })
}

pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    db.write(|tx| {
        table::set_deleted(tx, id, None)?;
        record(tx, ctx, AuditAction::Restore, id, "恢复会议记录".into())
    })?;
    Ok(())
}

/// The attendance list for a branch's meeting: its full and probationary members (not those
/// transferred out or deceased) in roster order, all present until the secretary marks someone
/// absent.
pub fn roster_attendees(db: &Db, ctx: &Ctx, branch_id: i64) -> Result<Vec<Attendee>> {
    let seen = scope::sees(ctx, &[Some(branch_id)]);
    scope::check(ctx, "这个党组织", seen)?;
    let q = taizhang_db::party_member::PartyMemberQuery {
        branch_id: Some(branch_id),
        ..Default::default()
    };
    let members = taizhang_db::party_member::matching(db.conn(), &q, ctx.today)?;
    Ok(members
        .into_iter()
        .filter(|m| {
            use taizhang_core::party_member::{Category, Status};
            matches!(m.input.category, Category::Full | Category::Probationary)
                && !matches!(m.input.status, Status::TransferredOut | Status::Deceased)
        })
        .map(|m| Attendee {
            person_id: Some(m.person_id),
            name: m.input.name,
            role: String::new(),
            present: true,
            absence_reason: String::new(),
        })
        .collect())
}

/// Follow-up tasks; `open` leaves out the finished ones.
pub fn tasks(db: &Db, ctx: &Ctx, open: bool) -> Result<Vec<TaskRow>> {
    let mut rows = table::tasks(db.conn(), open, &ctx.today.to_string())?;
    rows.retain(|t| scope::sees(ctx, &[t.org_id]));
    Ok(rows)
}

/// Progress on a task after the meeting; finishing it dates it today.
pub fn set_task(db: &mut Db, ctx: &Ctx, id: i64, status: TaskStatus, review: &str) -> Result<()> {
    let org_id = table::task_org(db.conn(), id)?;
    scope::check(ctx, "这项任务", scope::sees(ctx, &[org_id]))?;
    let closed = (status == TaskStatus::Done).then(|| ctx.today.to_string());
    db.write(|tx| {
        table::set_task(tx, id, status, review.trim(), closed.as_deref())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            id,
            format!("议事任务进度改为“{}”", status.label()),
        )
    })
}

/// One branch's record for one kind of meeting over a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ComplianceRow {
    pub branch_id: i64,
    pub branch: String,
    pub kind: MeetingKind,
    /// Meetings held in each period.
    pub held: Vec<i64>,
    /// Per period: begun (by the day the office is on) and none held — a gap.
    pub missing: Vec<bool>,
    /// How many periods are missing.
    pub gaps: i64,
}

/// 三会一课 compliance for `year`: monthly and quarterly periods, every branch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Compliance {
    pub year: i32,
    pub months: Vec<String>,
    pub quarters: Vec<String>,
    pub rows: Vec<ComplianceRow>,
}

pub fn compliance(db: &Db, ctx: &Ctx, year: i32) -> Result<Compliance> {
    let held = table::held(db.conn(), year)?;
    let branches: Vec<_> = org::all(db.conn())?
        .into_iter()
        .filter(|o| o.kind == OrgKind::Branch && scope::sees(ctx, &[Some(o.id)]))
        .collect();
    let mut rows = Vec::new();
    for branch in &branches {
        for kind in MeetingKind::ALL.iter().copied() {
            let Some(period) = kind.period() else {
                continue;
            };
            let periods = rules::periods(period, year);
            let mut counts = vec![0; periods.len()];
            for (_, _, at) in held
                .iter()
                .filter(|(o, k, _)| *o == branch.id && *k == kind)
            {
                if let Some(day) = rules::held_at(at) {
                    counts[rules::period_index(period, day.date())] += 1;
                }
            }
            let missing: Vec<bool> = periods
                .iter()
                .zip(&counts)
                .map(|((_, first, _), n)| *first <= ctx.today && *n == 0)
                .collect();
            rows.push(ComplianceRow {
                branch_id: branch.id,
                branch: branch.name.clone(),
                kind,
                held: counts,
                gaps: missing.iter().filter(|m| **m).count() as i64,
                missing,
            });
        }
    }
    let labels = |p| {
        rules::periods(p, year)
            .into_iter()
            .map(|(l, _, _)| l)
            .collect()
    };
    Ok(Compliance {
        year,
        months: labels(Period::Month),
        quarters: labels(Period::Quarter),
        rows,
    })
}

/// 党员积分 earned by attending 三会一课 in a year, by the branch's rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttendancePoints {
    pub person_id: i64,
    pub name: String,
    pub meetings: i64,
    pub points: i64,
}

pub fn points_per_attendance(db: &Db) -> Result<i64> {
    Ok(setting::get(db.conn(), POINTS_SETTING)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(1))
}

pub fn set_points_per_attendance(db: &mut Db, ctx: &Ctx, points: i64) -> Result<()> {
    if !(0..=100).contains(&points) {
        return Err(AppError::field("points", "每次参会积分应在 0 到 100 之间"));
    }
    db.write(|tx| {
        setting::set(tx, POINTS_SETTING, &points.to_string())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            0,
            format!("三会一课参会积分规则改为每次 {points} 分"),
        )
    })
}

/// Attendance at the meetings `ctx` may see.
pub fn attendance_points(db: &Db, ctx: &Ctx, year: i32) -> Result<Vec<AttendancePoints>> {
    let per = points_per_attendance(db)?;
    let kinds: Vec<&str> = MeetingKind::ALL
        .iter()
        .filter(|k| k.is_party())
        .map(|k| k.label())
        .collect();
    let units = ctx.scope.as_ref().map(|s| s.units.as_slice());
    Ok(table::attended(db.conn(), (year, units), &kinds)?
        .into_iter()
        .map(|(person_id, name, meetings)| AttendancePoints {
            person_id,
            name,
            meetings,
            points: meetings * per,
        })
        .collect())
}

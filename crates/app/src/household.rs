//! 住户 use cases: the grid's households paged by address and found by a member's name or
//! part of the address; a household saved with its members (each the same person as in every
//! other register, found by ID) and their care tags; the care tags' visit frequencies; the
//! recycle bin; which households are due a visit, and per grid worker. The visits themselves are
//! `visit`'s.

mod import;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    dict::Dict,
    form::FieldError,
    household::{HouseholdInput, MemberInput},
    id_number::IdNumber,
    mask,
    org::OrgKind,
    talent::tidy_tags,
};
use taizhang_db::{
    household::{self as table, Filter, HouseholdRecord, HouseholdRow, VisitPlan},
    org,
    page::Page,
    person,
    rusqlite::Transaction,
    Db,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

pub use import::Residents;

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "住户";

/// A member as an import of the 住户信息表 writes them, in the audit trail and 待补录.
pub const MEMBER: &str = "住户成员";

/// The list's filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct HouseholdQuery {
    /// A member's name (pinyin initials too), the tail of their ID or phone, or part of the
    /// address.
    pub search: String,
    pub community_id: Option<i64>,
    pub grid_id: Option<i64>,
    /// Only households with a member of this care tag.
    pub care: Option<String>,
    /// Only households whose visit is due on the office's day.
    pub due: bool,
}

/// One line of the list: the household, and when its next visit is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdLine {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: HouseholdRow,
    /// The day the next visit is due (None: no care tag asks for visits).
    pub next_due: Option<String>,
    /// Due on or before the office's day.
    pub due: bool,
}

/// One page of the list, head's phone masked.
pub fn page(
    db: &Db,
    ctx: &Ctx,
    q: &HouseholdQuery,
    (page, page_size): (u32, u32),
) -> Result<Page<HouseholdLine>> {
    let due = q.due.then(|| due_households(db, ctx)).transpose()?;
    let filter = Filter {
        search: &q.search,
        community_id: q.community_id,
        grid_id: q.grid_id,
        care: q.care.as_deref().filter(|c| !c.is_empty()),
        units: ctx.scope.as_ref().map(|s| s.units.as_slice()),
        only: due.as_deref(),
    };
    let (rows, total) = table::page(db.conn(), &filter, page, page_size)?;
    let (page, page_size) = taizhang_db::page::clamp(page, page_size);
    Ok(Page {
        items: rows.into_iter().map(|r| line(ctx, r)).collect(),
        total,
        page,
        page_size,
    })
}

fn line(ctx: &Ctx, mut row: HouseholdRow) -> HouseholdLine {
    row.phone = mask::phone(&row.phone);
    let last = row.last_visit.as_deref().and_then(|d| d.parse().ok());
    let next = taizhang_core::visit::next_due(last, row.visit_days, ctx.today);
    HouseholdLine {
        row,
        next_due: next.map(|d| d.to_string()),
        due: next.is_some_and(|d| d <= ctx.today),
    }
}

/// A household as its form opens it: the record (IDs and phones masked) and its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub record: HouseholdRecord,
    /// The version shown (`audit::unchanged_since`).
    pub version: i64,
}

/// One household as `ctx` may see it: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<HouseholdRecord> {
    let h = table::get(db.conn(), id)?;
    check_scope(ctx, &h.input)?;
    Ok(h)
}

fn check_scope(ctx: &Ctx, h: &HouseholdInput) -> Result<()> {
    let seen = crate::scope::sees(ctx, &[h.community_id, h.grid_id]);
    crate::scope::check(ctx, &format!("住户 {}", h.address()), seen)
}

fn masked(mut h: HouseholdRecord) -> HouseholdRecord {
    for m in &mut h.input.members {
        m.id_number = mask::id_number(&m.id_number);
        m.phone = mask::phone(&m.phone);
    }
    h
}

/// One household with its members, IDs and phones masked.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<HouseholdDetail> {
    Ok(HouseholdDetail {
        record: masked(in_scope(db, ctx, id)?),
        version: taizhang_db::audit::version(db.conn(), ENTITY, id)?,
    })
}

/// A household's fields checked as a form save is: every field error, keyed by field
/// (`members.2.id_number` for the third member's ID).
fn check(db: &Db, h: &HouseholdInput) -> Result<Vec<FieldError>> {
    let conn = db.conn();
    let mut errors = Vec::new();
    let mut err = |field: String, message: String| errors.push(FieldError { field, message });
    if h.room.trim().is_empty() {
        err("room".into(), "请填写门牌（室）".into());
    }
    match h.community_id {
        None => err("community_id".into(), "请选择社区（村）".into()),
        Some(c) => {
            if org::get(conn, c)?.map(|n| n.kind) != Some(OrgKind::Community) {
                err(
                    "community_id".into(),
                    "所选组织不是社区/村，请重新选择".into(),
                );
            }
        }
    }
    if let Some(g) = h.grid_id {
        let kind = org::get(conn, g)?.map(|n| n.kind);
        let under = match h.community_id {
            Some(c) => org::is_within(conn, g, c)?,
            None => false,
        };
        if !kind.is_some_and(|k| matches!(k, OrgKind::Grid | OrgKind::Building)) || !under {
            err(
                "grid_id".into(),
                "所选网格不属于所选社区，请重新选择".into(),
            );
        }
    }
    if h.members.is_empty() {
        err("members".into(), "请至少登记一名住户成员".into());
    }
    let mut numbers: Vec<String> = Vec::new();
    for (i, m) in h.members.iter().enumerate() {
        let at = |f: &str| format!("members.{i}.{f}");
        if m.name.trim().is_empty() {
            err(at("name"), "请填写姓名".into());
        }
        match IdNumber::parse(&m.id_number) {
            Err(e) => err(at("id_number"), e.to_string()),
            Ok(n) if numbers.contains(&n.as_str().to_owned()) => {
                err(at("id_number"), "同一户中重复登记了此人".into())
            }
            Ok(n) => numbers.push(n.as_str().to_owned()),
        }
        if !m.phone.trim().is_empty() {
            if let Err(e) = taizhang_core::phone::parse(&m.phone) {
                err(at("phone"), e.to_string());
            }
        }
        for c in &m.care {
            if !taizhang_db::dict::contains(conn, Dict::CareTag, c)? {
                err(
                    at("care"),
                    format!("关爱类别“{c}”不在字典中，可在“系统设置 → 字典”中添加"),
                );
            }
        }
    }
    Ok(errors)
}

/// Links each member to their person (found by ID in any register, or added); their ids.
fn persons(tx: &Transaction, h: &HouseholdInput) -> Result<Vec<i64>> {
    h.members
        .iter()
        .map(|m| {
            let number = IdNumber::parse(&m.id_number)
                .map_err(|e| AppError::field("id_number", e.to_string()))?;
            let id = person::find_or_add(
                tx,
                &number,
                person::Known {
                    name: &m.name,
                    phone: &m.phone,
                    address: "",
                    grid_id: h.grid_id,
                },
            )?;
            let mut record = person::get(tx, id)?;
            record.name = m.name.trim().to_owned();
            if !m.phone.trim().is_empty() {
                record.phone = m.phone.trim().to_owned();
            }
            person::update(tx, id, &record)?;
            Ok(id)
        })
        .collect()
}

/// Writes a checked household: its members' persons linked, then the household. Refused when
/// another live household of the community has the same address.
pub(crate) fn write(tx: &Transaction, id: Option<i64>, h: &HouseholdInput) -> Result<i64> {
    if let Some(other) = table::find_by_address(tx, h.community_id, &h.address())? {
        if Some(other) != id {
            return Err(AppError::conflict(format!(
                "{} 已登记为一户，请在原记录上修改，不要重复登记",
                h.address()
            )));
        }
    }
    let ids = persons(tx, h)?;
    Ok(table::write(tx, id, h, &ids)?)
}

fn tidy(h: &mut HouseholdInput) {
    for part in [&mut h.estate, &mut h.building, &mut h.unit, &mut h.room] {
        *part = part.trim().to_owned();
    }
    for m in &mut h.members {
        m.name = m.name.trim().to_owned();
        m.care = tidy_tags(&m.care);
    }
}

/// Saves a household (new when `id` is None); returns its id. A member's masked ID or phone
/// sent back unchanged keeps the stored one.
pub fn save(db: &mut Db, ctx: &Ctx, id: Option<i64>, mut h: HouseholdInput) -> Result<i64> {
    check_scope(ctx, &h)?;
    let before = id.map(|id| in_scope(db, ctx, id)).transpose()?;
    if let Some(b) = &before {
        keep_masked(&mut h.members, &b.input.members);
    }
    tidy(&mut h);
    let errors = check(db, &h)?;
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    db.write(|tx| {
        let saved = write(tx, id, &h)?;
        // Saved through the form, its members are complete: no longer 待补录.
        for person in table::get(tx, saved)?.person_ids {
            taizhang_db::incomplete::set(tx, MEMBER, person, &[])?;
        }
        let (action, summary) = match &before {
            Some(_) => (AuditAction::Update, format!("修改住户 {}", h.address())),
            None => (AuditAction::Create, format!("登记住户 {}", h.address())),
        };
        crate::audit::change(
            tx,
            ctx,
            action,
            (ENTITY, saved),
            summary,
            &before.as_ref().map(|b| &b.input),
            &h,
        )?;
        Ok(saved)
    })
}

/// A member whose masked ID comes back unchanged keeps the stored one: the one stored member
/// with that masked ID (members may have been reordered or renamed), and their phone with it.
fn keep_masked(members: &mut [MemberInput], stored: &[MemberInput]) {
    for m in members {
        let mut same = stored
            .iter()
            .filter(|s| mask::id_number(&s.id_number) == m.id_number);
        let (Some(s), None) = (same.next(), same.next()) else {
            continue;
        };
        mask::keep_if_masked(&mut m.id_number, &s.id_number, mask::id_number);
        mask::keep_if_masked(&mut m.phone, &s.phone, mask::phone);
    }
}

/// Moves a household to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let what = format!("住户 {}", in_scope(db, ctx, id)?.input.address());
    crate::audit::binned(db, ctx, (ENTITY, id), &what, true, table::set_deleted)
}

/// Puts a household back from the recycle bin, unless its address has been registered again.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let h = table::get(db.conn(), id)?;
    let address = h.input.address();
    if table::find_by_address(db.conn(), h.input.community_id, &address)?.is_some() {
        return Err(AppError::conflict(format!(
            "{address} 已重新登记为一户，不能恢复；请在现有记录上修改"
        )));
    }
    crate::audit::binned(
        db,
        ctx,
        (ENTITY, id),
        &format!("住户 {address}"),
        false,
        table::set_deleted,
    )
}

/// A care tag and the days between the visits it asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CareTag {
    pub tag: String,
    /// None: kept as a tag, no visits due.
    pub visit_days: Option<u32>,
}

/// Every care tag of the dictionary with its visit frequency.
pub fn care_tags(db: &Db) -> Result<Vec<CareTag>> {
    Ok(table::care_tags(db.conn())?
        .into_iter()
        .map(|(tag, visit_days)| CareTag { tag, visit_days })
        .collect())
}

/// Sets how often a care tag is visited (None: not at all), audited.
pub fn set_visit_days(db: &mut Db, ctx: &Ctx, tag: &str, days: Option<u32>) -> Result<()> {
    if !taizhang_db::dict::contains(db.conn(), Dict::CareTag, tag)? {
        return Err(AppError::field(
            "tag",
            format!("关爱类别“{tag}”不在字典中，可在“系统设置 → 字典”中添加"),
        ));
    }
    if days.is_some_and(|d| d == 0 || d > 366) {
        return Err(AppError::field(
            "visit_days",
            "走访间隔应在 1 到 366 天之间".to_owned(),
        ));
    }
    let before = care_tags(db)?
        .into_iter()
        .find(|t| t.tag == tag)
        .and_then(|t| t.visit_days);
    let said = |d: Option<u32>| d.map_or("不定期".to_owned(), |d| format!("每 {d} 天"));
    db.write(|tx| {
        table::set_visit_days(tx, tag, days)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            "关爱类别",
            0,
            format!("{tag} 的走访频次：{} → {}", said(before), said(days)),
        )
    })
}

/// The households `ctx` sees whose next visit falls on or before the office's day, most
/// overdue first.
pub fn due_households(db: &Db, ctx: &Ctx) -> Result<Vec<i64>> {
    Ok(due(db, ctx)?
        .into_iter()
        .map(|(p, _)| p.household_id)
        .collect())
}

/// Every household due a visit on `ctx.today` that `ctx` sees, with the day it fell due, most
/// overdue first.
fn due(db: &Db, ctx: &Ctx) -> Result<Vec<(VisitPlan, NaiveDate)>> {
    let mut due: Vec<(VisitPlan, NaiveDate)> = table::visited(db.conn())?
        .into_iter()
        .filter(|p| crate::scope::sees(ctx, &[p.community_id, p.grid_id]))
        .filter_map(|p| {
            let last = p.last_visit.as_deref().and_then(|d| d.parse().ok());
            let next = taizhang_core::visit::next_due(last, Some(p.visit_days), ctx.today)?;
            (next <= ctx.today).then_some((p, next))
        })
        .collect();
    due.sort_by_key(|(p, day)| (*day, p.household_id));
    Ok(due)
}

/// A grid worker and how many of the households they serve are due a visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkerDue {
    /// 0 for the households nobody serves.
    pub worker_id: i64,
    pub name: String,
    /// The unit served (0 and "" for the households nobody serves).
    pub unit_id: i64,
    pub unit: String,
    pub role: String,
    /// Households of the worker's unit (and the units under it) due a visit.
    pub due: i64,
}

/// For each grid worker `ctx` sees, how many of the households they serve are due a visit;
/// those with none left out. A household is served by the workers of the nearest unit above it
/// that has any (its grid's 网格员, else its community's 网格长), so each is counted once
/// (twice only where two work one grid); those nobody serves are counted under "（无人负责）".
pub fn due_by_worker(db: &Db, ctx: &Ctx) -> Result<Vec<WorkerDue>> {
    let conn = db.conn();
    let due = due(db, ctx)?;
    let workers: Vec<_> = taizhang_db::grid_worker::all(conn)?
        .into_iter()
        .filter(|w| !w.deleted && crate::scope::sees(ctx, &[w.input.unit_id]))
        .collect();
    let paths = taizhang_db::org::paths(conn)?;
    let mut counts = vec![0i64; workers.len()];
    let mut unserved = 0;
    for (p, _) in &due {
        let Some(at) = p.grid_id.or(p.community_id).and_then(|u| paths.get(&u)) else {
            unserved += 1;
            continue;
        };
        let serving = |w: &&taizhang_db::grid_worker::GridWorkerRow| at.starts_with(&w.unit_path);
        let Some(nearest) = workers
            .iter()
            .filter(serving)
            .map(|w| w.unit_path.len())
            .max()
        else {
            unserved += 1;
            continue;
        };
        for (i, w) in workers.iter().enumerate() {
            if serving(&w) && w.unit_path.len() == nearest {
                counts[i] += 1;
            }
        }
    }
    let mut out: Vec<WorkerDue> = workers
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(w, due)| WorkerDue {
            worker_id: w.id,
            name: w.input.name.clone(),
            unit_id: w.input.unit_id.unwrap_or_default(),
            unit: w.unit.clone(),
            role: w
                .input
                .role
                .map(|r| r.label())
                .unwrap_or_default()
                .to_owned(),
            due,
        })
        .collect();
    if unserved > 0 {
        out.push(WorkerDue {
            worker_id: 0,
            name: "（无人负责）".into(),
            unit_id: 0,
            unit: String::new(),
            role: String::new(),
            due: unserved,
        });
    }
    Ok(out)
}

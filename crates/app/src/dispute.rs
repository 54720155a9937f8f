//! 矛盾纠纷排查化解 use cases: a dispute registered (numbered TJ年月-序号), each 调解 session
//! recorded, and its end — 调解成功 with the 人民调解协议书's content, or 调解不成 with where the
//! parties were sent; the list with what is still open and how grave; the recycle bin. Parties'
//! IDs, phones and addresses leave masked.

use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    dict::Dict,
    dispute::{
        check_fail, check_session, check_settle, AgreementInput, DisputeInput, DisputeStatus,
        MediationInput, Risk,
    },
    form::FieldError,
    id_number::IdNumber,
    mask,
    org::OrgKind,
};
use taizhang_db::{
    dispute::{self as table, DisputeRow, MediationRow},
    org,
    page::Page,
    Db,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "矛盾纠纷";

/// The list's filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DisputeQuery {
    /// Part of the number, a party's name, the kind or the summary.
    pub search: String,
    pub status: Option<DisputeStatus>,
    pub community_id: Option<i64>,
    pub risk: Option<Risk>,
}

/// A page of the list with what its header shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DisputePage {
    pub rows: Page<DisputeRow>,
    /// Disputes not yet settled or given up that `ctx` sees.
    pub open: i64,
    /// Of those, graded 重大.
    pub grave: i64,
}

/// A dispute as its drawer shows it: the record (masked), its sessions, its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DisputeDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: DisputeRow,
    pub sessions: Vec<MediationRow>,
    /// The version shown (`audit::unchanged_since`).
    pub version: i64,
}

fn masked(mut d: DisputeRow) -> DisputeRow {
    let i = &mut d.input;
    for id in [&mut i.party_a_id, &mut i.party_b_id] {
        *id = mask::id_number(id);
    }
    for phone in [&mut i.party_a_phone, &mut i.party_b_phone] {
        *phone = mask::phone(phone);
    }
    for address in [&mut i.party_a_address, &mut i.party_b_address] {
        *address = mask::address(address);
    }
    d
}

fn sees(ctx: &Ctx, d: &DisputeInput) -> bool {
    crate::scope::sees(ctx, &[d.community_id, d.grid_id])
}

/// A page of the disputes `ctx` sees that match, newest first, with the open and grave counts.
pub fn page(
    db: &Db,
    ctx: &Ctx,
    q: &DisputeQuery,
    (page, page_size): (u32, u32),
) -> Result<DisputePage> {
    let all: Vec<DisputeRow> = table::all(db.conn())?
        .into_iter()
        .filter(|d| !d.deleted && sees(ctx, &d.input))
        .collect();
    let open: Vec<&DisputeRow> = all.iter().filter(|d| !d.status.ended()).collect();
    let grave = open
        .iter()
        .filter(|d| d.input.risk == Some(Risk::Grave))
        .count() as i64;
    let open = open.len() as i64;
    let text = q.search.trim();
    let found: Vec<DisputeRow> = all
        .into_iter()
        .filter(|d| q.status.is_none_or(|s| d.status == s))
        .filter(|d| {
            q.community_id
                .is_none_or(|c| d.input.community_id == Some(c))
        })
        .filter(|d| q.risk.is_none_or(|r| d.input.risk == Some(r)))
        .filter(|d| {
            text.is_empty()
                || [
                    &d.number,
                    &d.input.party_a,
                    &d.input.party_b,
                    &d.input.kind,
                    &d.input.summary,
                ]
                .iter()
                .any(|f| f.contains(text))
        })
        .map(masked)
        .collect();
    Ok(DisputePage {
        rows: taizhang_db::page::of(found, page, page_size),
        open,
        grave,
    })
}

/// One dispute as `ctx` may see it: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<DisputeRow> {
    let d = table::get(db.conn(), id)?;
    check_scope(ctx, &d.input)?;
    Ok(d)
}

fn check_scope(ctx: &Ctx, d: &DisputeInput) -> Result<()> {
    crate::scope::check(
        ctx,
        &format!("纠纷 {} 与 {}", d.party_a, d.party_b),
        sees(ctx, d),
    )
}

/// One dispute with its sessions, masked.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<DisputeDetail> {
    Ok(DisputeDetail {
        row: masked(in_scope(db, ctx, id)?),
        sessions: table::sessions(db.conn(), id)?,
        version: taizhang_db::audit::version(db.conn(), ENTITY, id)?,
    })
}

/// What was registered, checked as a form save is: every field error, keyed by field.
fn check(db: &Db, ctx: &Ctx, d: &DisputeInput) -> Result<Vec<FieldError>> {
    let conn = db.conn();
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    match d.found_on.trim().parse::<chrono::NaiveDate>() {
        Err(_) => err("found_on", "请填写排查日期".into()),
        Ok(day) if day > ctx.today => err("found_on", "排查日期不能晚于今天".into()),
        Ok(_) => {}
    }
    if d.source.is_none() {
        err("source", "请选择纠纷来源".into());
    }
    if d.risk.is_none() {
        err("risk", "请选择风险等级".into());
    }
    match d.community_id {
        None => err("community_id", "请选择社区（村）".into()),
        Some(c) if org::get(conn, c)?.map(|n| n.kind) != Some(OrgKind::Community) => {
            err("community_id", "所选组织不是社区/村，请重新选择".into())
        }
        Some(c) => {
            if let Some(g) = d.grid_id {
                if !org::is_within(conn, g, c)? {
                    err("grid_id", "所选网格不属于所选社区，请重新选择".into());
                }
            }
        }
    }
    if !taizhang_db::dict::contains(conn, Dict::DisputeKind, d.kind.trim())? {
        err(
            "kind",
            if d.kind.trim().is_empty() {
                "请选择纠纷类型".into()
            } else {
                format!(
                    "纠纷类型“{}”不在字典中，可在“系统设置 → 字典”中添加",
                    d.kind
                )
            },
        );
    }
    for (field, name) in [("party_a", &d.party_a), ("party_b", &d.party_b)] {
        if name.trim().is_empty() {
            err(field, "请填写当事人".into());
        }
    }
    for (field, id) in [("party_a_id", &d.party_a_id), ("party_b_id", &d.party_b_id)] {
        if !id.trim().is_empty() {
            if let Err(e) = IdNumber::parse(id) {
                err(field, e.to_string());
            }
        }
    }
    for (field, phone) in [
        ("party_a_phone", &d.party_a_phone),
        ("party_b_phone", &d.party_b_phone),
    ] {
        if !phone.trim().is_empty() {
            if let Err(e) = taizhang_core::phone::parse(phone) {
                err(field, e.to_string());
            }
        }
    }
    for (field, address) in [
        ("party_a_address", &d.party_a_address),
        ("party_b_address", &d.party_b_address),
    ] {
        if address.contains('*') {
            err(field, "住址是隐去部分的，请填写完整住址".into());
        }
    }
    if d.summary.trim().is_empty() {
        err("summary", "请填写纠纷简要情况".into());
    }
    Ok(errors)
}

/// Registers (`id` None) or corrects a dispute; its id. Masked values sent back keep the
/// stored ones; an ended dispute is not corrected.
pub fn save(db: &mut Db, ctx: &Ctx, id: Option<i64>, mut d: DisputeInput) -> Result<i64> {
    check_scope(ctx, &d)?;
    let before = id.map(|id| in_scope(db, ctx, id)).transpose()?;
    if let Some(b) = &before {
        if b.status.ended() {
            return Err(AppError::conflict(format!(
                "纠纷已{}，不能再修改",
                b.status.label()
            )));
        }
        let s = &b.input;
        mask::keep_if_masked(&mut d.party_a_id, &s.party_a_id, mask::id_number);
        mask::keep_if_masked(&mut d.party_b_id, &s.party_b_id, mask::id_number);
        mask::keep_if_masked(&mut d.party_a_phone, &s.party_a_phone, mask::phone);
        mask::keep_if_masked(&mut d.party_b_phone, &s.party_b_phone, mask::phone);
        mask::keep_if_masked(&mut d.party_a_address, &s.party_a_address, mask::address);
        mask::keep_if_masked(&mut d.party_b_address, &s.party_b_address, mask::address);
    }
    let errors = check(db, ctx, &d)?;
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    db.write(|tx| {
        let (saved, number) = match &before {
            Some(b) => {
                table::update(tx, b.id, &d)?;
                (b.id, b.number.clone())
            }
            None => {
                let month: String = d
                    .found_on
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(6)
                    .collect();
                let number = table::next_number(tx, &month)?;
                (table::insert(tx, &number, &d)?, number)
            }
        };
        let (action, summary) = match &before {
            Some(_) => (AuditAction::Update, format!("修改纠纷 {number}")),
            None => (AuditAction::Create, format!("登记纠纷 {number}")),
        };
        crate::audit::change(
            tx,
            ctx,
            action,
            (ENTITY, saved),
            summary,
            &before.as_ref().map(|b| &b.input),
            &d,
        )?;
        Ok(saved)
    })
}

/// Records a 调解 session; the dispute is 调解中 from the first.
pub fn mediate(db: &mut Db, ctx: &Ctx, id: i64, m: MediationInput) -> Result<i64> {
    let d = in_scope(db, ctx, id)?;
    check_session(d.status, &m).map_err(|e| AppError::field("session", e))?;
    match m.held_on.trim().parse::<chrono::NaiveDate>() {
        Ok(day) if day > ctx.today => {
            return Err(AppError::field("held_on", "调解日期不能晚于今天"))
        }
        Ok(day) if day.to_string().as_str() < d.input.found_on.as_str() => {
            return Err(AppError::field("held_on", "调解日期不能早于排查日期"))
        }
        Err(_) => {
            return Err(AppError::field(
                "held_on",
                "请填写调解日期（如 2026-11-20）",
            ))
        }
        Ok(_) => {}
    }
    db.write(|tx| {
        let session = table::add_session(tx, id, &m, &ctx.actor)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            id,
            format!(
                "纠纷 {} 调解（{}，{}）",
                d.number,
                m.held_on.trim(),
                m.mediators.trim()
            ),
        )?;
        Ok(session)
    })
}

/// Ends a dispute as settled with what the parties agreed (the 调解协议书's content).
pub fn settle(db: &mut Db, ctx: &Ctx, id: i64, a: AgreementInput) -> Result<()> {
    let d = in_scope(db, ctx, id)?;
    check_settle(d.status, &a).map_err(|e| AppError::field("agreement", e))?;
    end(db, ctx, &d, (DisputeStatus::Settled, &a, ""))
}

/// Ends a dispute as failed, with why and where the parties were sent.
pub fn fail(db: &mut Db, ctx: &Ctx, id: i64, reason: &str) -> Result<()> {
    let d = in_scope(db, ctx, id)?;
    check_fail(d.status, reason).map_err(|e| AppError::field("reason", e))?;
    end(
        db,
        ctx,
        &d,
        (DisputeStatus::Failed, &AgreementInput::default(), reason),
    )
}

fn end(
    db: &mut Db,
    ctx: &Ctx,
    d: &DisputeRow,
    outcome: (DisputeStatus, &AgreementInput, &str),
) -> Result<()> {
    let day = ctx.today.to_string();
    db.write(|tx| {
        table::end(tx, d.id, outcome, &day)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            d.id,
            format!(
                "纠纷 {} {} → {}",
                d.number,
                d.status.label(),
                outcome.0.label()
            ),
        )
    })
}

/// Moves a dispute to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let what = format!("纠纷 {}", in_scope(db, ctx, id)?.number);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, true, table::set_deleted)
}

/// Puts a dispute back from the recycle bin.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let what = format!("纠纷 {}", table::get(db.conn(), id)?.number);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, false, table::set_deleted)
}

//! The 操作日志 view, the entries every change writes, and the versions they give records.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use taizhang_core::audit::{self as rules, AuditAction};
use taizhang_db::{
    audit::{AuditEntry, AuditQuery, NewEntry},
    rusqlite::{Connection, Transaction},
    Db, Page,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

/// A page of the trail; a community's user sees what the community's users did (数据权限:
/// they change nothing but the community's records).
pub fn list(db: &Db, ctx: &Ctx, q: &AuditQuery) -> Result<Page<AuditEntry>> {
    let actors = match &ctx.scope {
        Some(s) => Some(
            taizhang_db::user::all(db.conn())?
                .into_iter()
                .filter(|u| u.unit_id == Some(s.community_id))
                .map(|u| u.name)
                .collect(),
        ),
        None => None,
    };
    let q = AuditQuery {
        actors,
        ..q.clone()
    };
    Ok(taizhang_db::audit::list(db.conn(), &q)?)
}

/// What changed since a list was loaded: the trail's newest entry, and the registers others
/// changed after `after` (their audit names). A list asks every few seconds and loads again when
/// its register is among them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Changes {
    /// The newest entry's id: the `after` of the next question.
    pub last: i64,
    /// The registers (audit names, as `ENTITY` lists them) another clerk changed since `after`;
    /// none on the first question (`after` 0).
    pub entities: Vec<String>,
}

/// [`Changes`] since `after`.
pub fn since(db: &Db, ctx: &Ctx, after: i64) -> Result<Changes> {
    let (last, entities) = taizhang_db::audit::since(db.conn(), after, (&ctx.actor, &ctx.place))?;
    Ok(Changes {
        last,
        entities: if after == 0 { Vec::new() } else { entities },
    })
}

/// Refuses a save made from a record as it was at version `seen` (its detail's `version`) once
/// someone has changed it since, saying who and when; `None` (the command line, a new record)
/// checks nothing. Called under the database's one writer lock, before the save's transaction,
/// so nothing can come between the check and the write.
pub fn unchanged_since(
    db: &Db,
    ctx: &Ctx,
    (entity, id): (&str, i64),
    seen: Option<i64>,
) -> Result<()> {
    let Some(seen) = seen else {
        return Ok(());
    };
    match taizhang_db::audit::latest(db.conn(), entity, id)? {
        Some(last) if last.id != seen => Err(AppError::conflict(format!(
            "此记录已被 {} 于 {} 修改，请刷新后再改",
            last.actor,
            when(&last.at, ctx)
        ))),
        _ => Ok(()),
    }
}

/// `10:42` today, `12月2日 10:42` another day (from the trail's `YYYY-MM-DD HH:MM:SS`).
fn when(at: &str, ctx: &Ctx) -> String {
    let (day, time) = at.split_once(' ').unwrap_or((at, ""));
    let time = time.get(..5).unwrap_or(time);
    if day == ctx.today.format("%Y-%m-%d").to_string() {
        return time.to_owned();
    }
    match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => format!("{} {time}", d.format("%-m月%-d日")),
        Err(_) => at.to_owned(),
    }
}

/// Writes an entry that names no field changes (a delete, a restore, a setting) in `tx`.
pub(crate) fn note(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    entity: &str,
    entity_id: i64,
    summary: String,
) -> Result<()> {
    taizhang_db::audit::record(
        tx,
        NewEntry {
            actor: &ctx.actor,
            place: &ctx.place,
            action,
            entity,
            entity_id,
            summary,
            changes: Default::default(),
        },
    )?;
    Ok(())
}

/// How a table moves a record into the recycle bin (`Some(who)`) or back out (`None`).
pub(crate) type SetDeleted = fn(&Transaction, i64, Option<&str>) -> taizhang_db::Result<()>;

/// Moves the record `id` of `entity` into the recycle bin (`deleting`) or back out of it, with
/// its entry "删除{what}" / "恢复{what}", in one transaction.
pub(crate) fn binned(
    db: &mut Db,
    ctx: &Ctx,
    (entity, id): (&str, i64),
    what: &str,
    deleting: bool,
    set: SetDeleted,
) -> Result<()> {
    let (action, verb) = match deleting {
        true => (AuditAction::Delete, "删除"),
        false => (AuditAction::Restore, "恢复"),
    };
    db.write(|tx| {
        set(tx, id, deleting.then_some(ctx.actor.as_str()))?;
        note(tx, ctx, action, entity, id, format!("{verb}{what}"))
    })
}

/// Writes an entry with the fields that differ between `before` (null for a new record) and
/// `after`, sensitive values masked.
pub(crate) fn change(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    (entity, entity_id): (&str, i64),
    summary: String,
    before: &impl Serialize,
    after: &impl Serialize,
) -> Result<()> {
    taizhang_db::audit::record(
        tx,
        NewEntry {
            actor: &ctx.actor,
            place: &ctx.place,
            action,
            entity,
            entity_id,
            summary,
            changes: diff(
                tx,
                &serde_json::to_value(before).unwrap_or_default(),
                &serde_json::to_value(after).unwrap_or_default(),
            )?,
        },
    )?;
    Ok(())
}

/// The fields that differ between `before` and `after` as the trail keeps them: sensitive values
/// masked (`core::audit::changes`), and a unit by its name rather than its id, so the entry
/// still reads after the unit is renamed or merged away.
pub(crate) fn diff(conn: &Connection, before: &Value, after: &Value) -> Result<Map<String, Value>> {
    let mut changes = rules::changes(before, after);
    for (field, pair) in changes.iter_mut() {
        if !taizhang_db::org::is_unit_column(field) {
            continue;
        }
        for side in pair.as_array_mut().into_iter().flatten() {
            let Some(id) = side.as_i64() else { continue };
            if let Some(unit) = taizhang_db::org::get(conn, id)? {
                *side = Value::from(unit.name);
            }
        }
    }
    Ok(changes)
}

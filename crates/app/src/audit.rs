//! The 操作日志 view.

use serde::Serialize;
use serde_json::{Map, Value};
use taizhang_core::audit::{self as rules, AuditAction};
use taizhang_db::{
    audit::{AuditEntry, AuditQuery, NewEntry},
    rusqlite::{Connection, Transaction},
    Db, Page,
};

use crate::{Ctx, Result};

pub fn list(db: &Db, q: &AuditQuery) -> Result<Page<AuditEntry>> {
    Ok(taizhang_db::audit::list(db.conn(), q)?)
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

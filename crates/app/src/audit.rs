//! The 操作日志 view.

use serde::Serialize;
use taizhang_core::audit::{self as rules, AuditAction};
use taizhang_db::{
    audit::{AuditEntry, AuditQuery, NewEntry},
    rusqlite::Transaction,
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
            action,
            entity,
            entity_id,
            summary,
            changes: rules::changes(
                &serde_json::to_value(before).unwrap_or_default(),
                &serde_json::to_value(after).unwrap_or_default(),
            ),
        },
    )?;
    Ok(())
}

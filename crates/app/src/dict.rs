//! Dictionaries (结构类型, 隐患类型, 民族, 学历 …): what the selects offer, and the entries an
//! office adds — on the 字典 page, or in an import's value step for a value its file writes.

use taizhang_core::{audit::AuditAction, dict::Dict};
use taizhang_db::{rusqlite::Transaction, Db};

use crate::{AppError, Ctx, Result};

/// The name dictionary changes go by in the audit trail.
pub const ENTITY: &str = "字典";

/// The longest entry a dictionary takes.
const MAX_VALUE: usize = 30;

pub fn values(db: &Db, dict: Dict) -> Result<Vec<String>> {
    Ok(taizhang_db::dict::values(db.conn(), dict)?)
}

/// Adds an entry at the end of `dict`; one it has already is refused.
pub fn add_value(db: &mut Db, ctx: &Ctx, dict: Dict, value: &str) -> Result<()> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > MAX_VALUE {
        return Err(AppError::field(
            "value",
            format!("请填写 1 到 {MAX_VALUE} 个字的字典项"),
        ));
    }
    if taizhang_db::dict::contains(db.conn(), dict, value)? {
        return Err(AppError::field(
            "value",
            format!("{}字典中已有“{value}”", dict.label()),
        ));
    }
    db.write(|tx| add(tx, ctx, dict, value))
}

/// Writes a new entry and its audit entry (an entry it has already is left alone).
pub(crate) fn add(tx: &Transaction, ctx: &Ctx, dict: Dict, value: &str) -> Result<()> {
    if let Some(id) = taizhang_db::dict::add(tx, dict, value)? {
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Create,
            ENTITY,
            id,
            format!("{}字典新增“{value}”", dict.label()),
        )?;
    }
    Ok(())
}

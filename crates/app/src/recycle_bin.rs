//! The 回收站 view: what was deleted, and putting it back. The kinds of record are listed in
//! [`crate::registers::KEPT`].

use taizhang_db::{recycle_bin::RecycledItem, Db, Page};

use crate::{registers, AppError, Ctx, Result};

/// Page `page` of every deleted record, newest first.
pub fn list(db: &Db, page: u32, page_size: u32) -> Result<Page<RecycledItem>> {
    Ok(taizhang_db::recycle_bin::list(
        db.conn(),
        &registers::bins(),
        page,
        page_size,
    )?)
}

/// Restores the item `entity_id` of the register `entity` (as listed).
pub fn restore(db: &mut Db, ctx: &Ctx, entity: &str, entity_id: i64) -> Result<()> {
    let restore = registers::KEPT
        .iter()
        .find(|k| k.entity == entity)
        .and_then(|k| k.bin)
        .map(|(_, restore)| restore)
        .ok_or_else(|| AppError::conflict(format!("回收站中没有“{entity}”类的记录")))?;
    restore(db, ctx, entity_id)
}

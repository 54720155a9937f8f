//! The 回收站 view: what was deleted, and putting it back.

use taizhang_db::{recycle_bin::RecycledItem, Db, Page};

use crate::{house, meeting, org, party_member, talent, AppError, Ctx, Result};

pub fn list(db: &Db, page: u32, page_size: u32) -> Result<Page<RecycledItem>> {
    Ok(taizhang_db::recycle_bin::list(db.conn(), page, page_size)?)
}

/// Restores the item `entity_id` of the register `entity` (as listed).
pub fn restore(db: &mut Db, ctx: &Ctx, entity: &str, entity_id: i64) -> Result<()> {
    match entity {
        party_member::ENTITY => party_member::restore(db, ctx, entity_id),
        meeting::ENTITY => meeting::restore(db, ctx, entity_id),
        house::ENTITY => house::restore(db, ctx, entity_id),
        house::ATTACHMENT => house::restore_attachment(db, ctx, entity_id),
        talent::ENTITY => talent::restore(db, ctx, entity_id),
        org::ENTITY => org::restore(db, ctx, entity_id),
        other => Err(AppError::conflict(format!("回收站中没有“{other}”类的记录"))),
    }
}

//! The 回收站 view: what was deleted, and putting it back. The kinds of record are listed in
//! [`crate::registers::KEPT`].

use taizhang_db::{recycle_bin::RecycledItem, Db, Page};

use crate::{registers, AppError, Ctx, Result};

/// Page `page` of every deleted record `ctx` may see, newest first. The 街道 pages in SQL; a
/// community's bin is read whole (it is small: what was deleted and not yet emptied) and each
/// record is asked whether it is the community's.
pub fn list(db: &Db, ctx: &Ctx, page: u32, page_size: u32) -> Result<Page<RecycledItem>> {
    let bins = registers::bins();
    if ctx.scope.is_none() {
        return Ok(taizhang_db::recycle_bin::list(
            db.conn(),
            &bins,
            page,
            page_size,
        )?);
    }
    let mut seen = Vec::new();
    for at in 1.. {
        let read = taizhang_db::recycle_bin::list(db.conn(), &bins, at, PAGE)?;
        for item in read.items {
            if kind(&item.entity)?.2(db, ctx, item.entity_id)? {
                seen.push(item);
            }
        }
        if i64::from(at) * i64::from(PAGE) >= read.total {
            break;
        }
    }
    Ok(taizhang_db::page::of(seen, page, page_size))
}

/// How many deleted records a community's bin reads at a time.
const PAGE: u32 = 500;

/// The recycle bin's entry for the register `entity`.
fn kind(entity: &str) -> Result<(&'static str, registers::Restore, registers::Seen)> {
    registers::KEPT
        .iter()
        .find(|k| k.entity == entity)
        .and_then(|k| k.bin)
        .ok_or_else(|| AppError::conflict(format!("回收站中没有“{entity}”类的记录")))
}

/// Restores the item `entity_id` of the register `entity` (as listed), when `ctx` may see it.
pub fn restore(db: &mut Db, ctx: &Ctx, entity: &str, entity_id: i64) -> Result<()> {
    let (_, restore, seen) = kind(entity)?;
    crate::scope::check(ctx, &format!("这条{entity}记录"), seen(db, ctx, entity_id)?)?;
    restore(db, ctx, entity_id)
}

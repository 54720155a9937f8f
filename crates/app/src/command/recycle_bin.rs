//! 回收站.

use super::{command, Command};
use crate::{db::recycle_bin::RecycledItem, recycle_bin, Page};

pub const ALL: &[Command] = &[
    command!(recycle_bin.list(page: u32, page_size: u32) -> Page<RecycledItem>, Read + Community, |db, ctx| recycle_bin::list(db, ctx, page, page_size)),
    command!(recycle_bin.restore(entity: String, entity_id: i64) -> (), Write + Community, |db, ctx| recycle_bin::restore(db, ctx, &entity, entity_id)),
];

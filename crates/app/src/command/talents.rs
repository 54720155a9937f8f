//! 人才库.

use super::{command, Command};
use crate::{
    core::talent::TalentInput,
    db::talent::TalentRow,
    talent::{self, TalentQuery},
    Page,
};

pub const ALL: &[Command] = &[
    command!(talents.list(query: TalentQuery, page: u32, page_size: u32) -> Page<TalentRow>, Read, |db, _| talent::page(db, &query, (page, page_size))),
    command!(talents.get(id: i64) -> TalentRow, Read, |db, _| talent::get(db, id)),
    command!(
        /// Each skill the register names, with how many talents have it.
        talents.skills() -> Vec<(String, i64)>, Read, |db, _| talent::skills(db)
    ),
    command!(
        /// Adds (`id` null) or updates a talent; returns its id.
        talents.save(id: Option<i64>, input: TalentInput) -> i64, Write, |db, ctx| talent::save(db, ctx, id, input)
    ),
    command!(talents.remove(id: i64) -> (), Write, |db, ctx| talent::delete(db, ctx, id)),
];

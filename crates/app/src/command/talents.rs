//! 人才库.

use super::{command, Command};
use crate::{
    audit,
    core::talent::TalentInput,
    db::talent::TalentRow,
    talent::{self, TalentDetail, TalentQuery},
    Page,
};

pub const ALL: &[Command] = &[
    command!(talents.list(query: TalentQuery, page: u32, page_size: u32) -> Page<TalentRow>, Read + Community, |db, ctx| talent::page(db, ctx, &query, (page, page_size))),
    command!(talents.get(id: i64) -> TalentDetail, Read + Community, |db, ctx| talent::get(db, ctx, id)),
    command!(
        /// Each skill the register names, with how many talents have it.
        talents.skills() -> Vec<(String, i64)>, Read + Community, |db, ctx| talent::skills(db, ctx)
    ),
    command!(
        /// Adds (`id` null) or updates a talent; returns its id. `version`: the detail's, from
        /// which the form was filled.
        talents.save(id: Option<i64>, input: TalentInput, version: Option<i64>) -> i64, Write + Community,
        |db, ctx| {
            if let Some(id) = id {
                audit::unchanged_since(db, ctx, (talent::ENTITY, id), version)?;
            }
            talent::save(db, ctx, id, input)
        }
    ),
    command!(talents.remove(id: i64) -> (), Write + Community, |db, ctx| talent::delete(db, ctx, id)),
];

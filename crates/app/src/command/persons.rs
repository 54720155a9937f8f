//! One person's whole file, and merging two records of one person.

use super::{command, Command};
use crate::{
    party_member::SensitiveField,
    person::{self, MergePreview, PersonFile},
};

pub const ALL: &[Command] = &[
    command!(persons.file(id: i64) -> PersonFile, Read + Community, |db, ctx| person::file(db, ctx, id)),
    command!(persons.reveal(id: i64, field: SensitiveField, reason: String) -> String, Reveal + Community, |db, ctx| person::reveal(db, ctx, id, field, &reason)),
    command!(persons.merge_preview(keep: i64, other: i64) -> MergePreview, Read, |db, ctx| person::merge_preview(db, ctx, keep, other)),
    command!(persons.merge(keep: i64, other: i64) -> (), Write, |db, ctx| person::merge(db, ctx, keep, other)),
];

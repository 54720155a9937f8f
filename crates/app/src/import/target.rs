//! What the import engine needs from a register. A register plugs into import (preview, apply,
//! undo) and export by implementing [`Target`]; the engine itself knows no register.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Serialize};
use taizhang_core::import::FieldSpec;
use taizhang_db::{
    rusqlite::{Connection, Transaction},
    Db,
};
use taizhang_excel::check::Values;

use super::office::Office;
use crate::{Ctx, Result};

/// A stored record as the engine compares it.
#[derive(Debug, Clone)]
pub struct Stored<I> {
    pub id: i64,
    pub input: I,
    /// In the recycle bin.
    pub deleted: bool,
}

/// A row laid over a record: the record and the required fields it still lacks (待补录), or
/// the rule errors as (field key, Chinese message).
pub type Merged<I> = std::result::Result<(I, Vec<&'static str>), Vec<(String, String)>>;

pub trait Target {
    /// The register's stable English name: the command line's, the import history's, and the
    /// key of its remembered column mappings (`party-members`).
    const CLI_NAME: &'static str;
    /// The register's Chinese name, the title of its exports and templates.
    const TITLE: &'static str;
    /// The register's name in the audit trail and the recycle bin, e.g. 党员.
    const ENTITY: &'static str;
    /// The field that identifies a record (公民身份号码); a register whose records are told
    /// apart by several fields says how in [`Target::key`].
    const KEY: &'static str;
    /// The field that names a record in the preview (姓名, 产权人).
    const NAME: &'static str = "name";
    /// Where a record is, as the preview shows it beside the name (a household's address): the
    /// column's label and the fields it joins; none for a register whose key says it.
    const PLACE: (&'static str, &'static [&'static str]) = ("", &[]);
    /// What identifies a record, as the preview's key column and a repeated key's reason say it.
    const KEY_LABEL: &'static str = "公民身份号码";
    /// A field a sheet's name may stand for when the sheet has no column for it: one sheet per
    /// 党支部 is common, the branch named only on the tab.
    const SHEET_NAMES: Option<&'static str> = None;
    /// Fields computed from the others for a day (年龄, 党龄): filled on export, ignored on
    /// import, left out of the import template.
    const DERIVED: &'static [&'static str] = &[];
    /// The import template's example row: (field key, text).
    const EXAMPLE: &'static [(&'static str, &'static str)];
    /// What a form saves for one record; also the snapshot an undo puts back.
    type Input: Clone + PartialEq + Serialize + DeserializeOwned;

    /// The register's fields, as sheets name them.
    fn fields() -> &'static [FieldSpec];

    /// The key of a row, as [`Target::stored`] keys records; empty when the row names no
    /// record (its merge says why).
    fn key(_office: &Office, values: &Values) -> String {
        values.get(Self::KEY).unwrap_or_default().to_owned()
    }

    /// The key as the preview shows it: an ID number masked.
    fn shown_key(key: &str) -> String {
        Self::fields()
            .iter()
            .find(|f| f.key == Self::KEY)
            .map_or_else(|| key.to_owned(), |f| f.kind.masked(key))
    }

    /// Every record, active or in the recycle bin, by key; derived fields as of `today` (the
    /// caller's day: `Ctx::today`, never the clock).
    fn stored(db: &Db, today: NaiveDate) -> Result<HashMap<String, Stored<Self::Input>>>;

    /// Whether `ctx` may see a record (数据权限); by default the register is the 街道's alone.
    fn seen(ctx: &Ctx, _input: &Self::Input) -> bool {
        ctx.scope.is_none()
    }

    /// A record's value of `field` as canonical text: what a sheet cell reads as, so a record
    /// and a row compare, and what an export writes.
    fn text(office: &Office, input: &Self::Input, field: &str) -> String;

    /// The row's values laid over `base` (a new record's defaults when None) and checked as a
    /// form save would be. Fields the sheet does not have keep their stored values. A field the
    /// register requires may stay empty when the file has no column for it (`absent`): the
    /// record goes in 待补录, and the fields it still lacks come back with it (registers without
    /// such fields return none). Errors are (field key, Chinese message).
    fn merge(
        office: &Office,
        base: Option<&Self::Input>,
        values: &Values,
        today: NaiveDate,
        absent: &dyn Fn(&str) -> bool,
    ) -> Merged<Self::Input>;

    /// Writes a record: a new one when `id` is None. Returns its id.
    fn write(tx: &Transaction, ctx: &Ctx, id: Option<i64>, input: &Self::Input) -> Result<i64>;

    /// Moves a record to the recycle bin (by `ctx.actor`) or back out of it.
    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()>;

    /// What an export groups records by before the order they were added in ("" for that order
    /// alone): residents, a person a row, come household by household.
    fn export_group(_input: &Self::Input) -> String {
        String::new()
    }

    /// The first change made to a record after the audit entry `after` (when, who, what), which
    /// an undo would overwrite; by default the record's own entries. A register whose records
    /// are also edited as part of another's form (a household's members) looks there too.
    fn later_edit(
        conn: &Connection,
        id: i64,
        after: i64,
    ) -> Result<Option<(String, String, String)>> {
        Ok(taizhang_db::import_batch::later_edit(
            conn,
            Self::ENTITY,
            id,
            after,
        )?)
    }
}

/// Each text field the row has, trimmed, into its slot; a field the sheet has no column for
/// keeps what the slot holds.
pub fn fill_texts<'a>(values: &Values, slots: impl IntoIterator<Item = (&'a str, &'a mut String)>) {
    for (field, slot) in slots {
        if let Some(v) = values.get(field) {
            *slot = v.trim().to_owned();
        }
    }
}

//! One person across every register (一人一档): the shared person record, found by ID from any
//! register; the person's whole file; merging two records of the same person; and the global
//! search.

mod file;
mod merge;
mod search;

use taizhang_core::id_number::IdNumber;
use taizhang_db::{
    person::{self as table, PersonRecord},
    rusqlite::Transaction,
};

pub use file::{file, reveal, PersonFile};
pub use merge::{merge, merge_preview, MergePreview};
pub use search::{search, SearchGroup, SearchHit};

use crate::Result;

/// The register's name in the audit trail: merges and reveals are logged under the person.
pub const ENTITY: &str = "人员";

/// What a register knows of a person it is about to link.
pub(crate) struct Known<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
    pub grid_id: Option<i64>,
}

/// The person with this ID: the one already known (the same person in every register), or a
/// new record with what the register knows; birth date and sex come from the ID.
pub(crate) fn find_or_add(tx: &Transaction, id: &IdNumber, known: Known) -> Result<i64> {
    if let Some(p) = table::find_by_id_number(tx, id.as_str())? {
        return Ok(p);
    }
    Ok(table::insert(
        tx,
        &PersonRecord {
            name: known.name.trim().to_owned(),
            id_number: Some(id.as_str().to_owned()),
            sex: Some(id.sex().label().to_owned()),
            birth_date: Some(id.birth_date().to_string()),
            nation: String::new(),
            native_place: String::new(),
            education: String::new(),
            phone: known.phone.trim().to_owned(),
            address: known.address.trim().to_owned(),
            grid_id: known.grid_id,
        },
    )?)
}

//! One person across every register (一人一档): the person's whole file; merging two records of
//! the same person; and the global search. Registers link a person by ID through
//! `db::person::find_or_add`.

mod file;
mod merge;
mod search;

pub use file::{file, reveal, PersonFile};
pub use merge::{merge, merge_preview, MergePreview};
pub use search::{search, SearchGroup};

/// The register's name in the audit trail: merges and reveals are logged under the person.
pub const ENTITY: &str = "人员";

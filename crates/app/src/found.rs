//! What the global search finds: a hit, and the two ways a register takes part — by the person
//! it is about ([`OnPerson`]) or by its own text ([`Searched`]). `registers` lists which do.

use serde::{Deserialize, Serialize};
use taizhang_core::search::SearchText;
use taizhang_db::Db;
use ts_rs::TS;

use crate::{link::Link, Ctx, Result};

/// One thing the search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// The name or address it is known by.
    pub title: String,
    /// What tells two hits of the same name apart: branch, category, masked ID tail, address.
    pub detail: String,
    /// Where it leads.
    pub target: Link,
}

/// The person's live record in a register (its id), with what tells it apart in a search hit.
pub type Record = Option<(i64, String)>;

/// A register a person can be on, for the global search and the person's file.
pub struct OnPerson {
    /// Its group in the search results (党员).
    pub group: &'static str,
    /// Its records' name in the audit trail.
    pub entity: &'static str,
    /// The person's live record in it, with what tells it apart in a search hit (branch and
    /// category, balance, skills); `None` when the person is not on it.
    pub find: fn(&Db, &Ctx, i64) -> Result<Record>,
}

/// A register the search reads by its own text (addresses, meeting titles).
pub struct Searched {
    /// Its group in the search results (房屋).
    pub group: &'static str,
    /// Its hits for the text, as parsed.
    pub find: fn(&Db, &Ctx, &str, &SearchText) -> Result<Vec<SearchHit>>,
}

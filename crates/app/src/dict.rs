//! Dictionaries for the UI's selects.

use taizhang_core::dict::Dict;
use taizhang_db::Db;

use crate::Result;

pub fn values(db: &Db, dict: Dict) -> Result<Vec<String>> {
    Ok(taizhang_db::dict::values(db.conn(), dict)?)
}

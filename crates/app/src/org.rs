//! The organisation tree as the UI's selects and filters need it.

use taizhang_db::{org::OrgNode, Db};

use crate::Result;

/// Every node, parents first.
pub fn tree(db: &Db) -> Result<Vec<OrgNode>> {
    Ok(taizhang_db::org::all(db.conn())?)
}

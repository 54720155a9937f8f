//! The 操作日志 view.

use taizhang_db::{
    audit::{AuditEntry, AuditQuery},
    Db, Page,
};

use crate::Result;

pub fn list(db: &Db, q: &AuditQuery) -> Result<Page<AuditEntry>> {
    Ok(taizhang_db::audit::list(db.conn(), q)?)
}

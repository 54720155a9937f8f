//! 操作记录.

use super::{command, Command};
use crate::{
    audit,
    db::audit::{AuditEntry, AuditQuery},
    Page,
};

pub const ALL: &[Command] = &[
    command!(audit.list(query: AuditQuery) -> Page<AuditEntry>, Read, |db, _| audit::list(db, &query)),
];

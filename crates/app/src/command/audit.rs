//! 操作记录.

use super::{command, Command};
use crate::{
    audit::{self, Changes},
    db::audit::{AuditEntry, AuditQuery},
    Page,
};

pub const ALL: &[Command] = &[
    command!(audit.list(query: AuditQuery) -> Page<AuditEntry>, Read + Community, |db, ctx| audit::list(db, ctx, &query)),
    command!(
        /// What others changed since `after` (0: only the newest entry, to start from).
        audit.since(after: i64) -> Changes, Read + Community, |db, ctx| audit::since(db, ctx, after)
    ),
];

//! Named users of the window: their roles, and the rules of logging in (how many failures lock
//! one out, for how long; how long idle before the window locks).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// What a user may do. 管理员 configures (users, backups, fonts), restores and sees full IDs;
    /// 录入员 edits the registers; 查看 reads, with IDs and phones masked.
    Role {
        Admin => "管理员",
        Editor => "录入员",
        Viewer => "查看",
    }
);

/// Failed logins in a row that lock a user out.
pub const LOCK_AFTER: i64 = 5;
/// How long a lock-out lasts.
pub const LOCK_MINUTES: i64 = 5;
/// Minutes without a key or a click before the window locks.
pub const IDLE_MINUTES: u32 = 10;
/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 6;

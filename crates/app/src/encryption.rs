//! The database password (encryption at rest, SQLCipher): a 管理员 sets it, changes it or takes
//! it off; without it the file reads as noise. Backups are keyed like the database; archives
//! travel plain (see `taizhang_db::encryption`).

use serde::{Deserialize, Serialize};
use taizhang_core::{audit::AuditAction, user::MIN_PASSWORD};
use taizhang_db::Db;
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

const ENTITY: &str = "数据库";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EncryptionStatus {
    /// The database file is keyed with a password.
    pub encrypted: bool,
}

pub fn status(db: &Db) -> EncryptionStatus {
    EncryptionStatus {
        encrypted: db.key().is_some(),
    }
}

/// Keys the database with `new`, or makes it plain again (None). An encrypted database asks
/// for its `current` password first, even of a 管理员 already in.
pub fn set_password(db: &mut Db, ctx: &Ctx, current: &str, new: Option<&str>) -> Result<()> {
    crate::user::may_configure(db, ctx)?;
    let was = db.key().is_some();
    if db.key().is_some_and(|key| key != current) {
        return Err(AppError::field("current", "当前数据库密码不对"));
    }
    match new {
        Some(p) if p.chars().count() < MIN_PASSWORD => {
            return Err(AppError::field(
                "password",
                format!("数据库密码至少 {MIN_PASSWORD} 位"),
            ))
        }
        None if !was => return Err(AppError::conflict("数据库没有加密")),
        _ => {}
    }
    db.set_key(new)?;
    let what = match (was, new.is_some()) {
        (false, _) => "设置数据库密码：数据文件已加密",
        (true, true) => "更改数据库密码",
        (true, false) => "取消数据库加密：数据文件恢复为不加密",
    };
    db.write(|tx| crate::audit::note(tx, ctx, AuditAction::Encryption, ENTITY, 0, what.into()))
}

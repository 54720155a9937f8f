//! 数据加密.

use super::{command, Command};
use crate::encryption::{self, EncryptionStatus};

pub const ALL: &[Command] = &[
    command!(encryption.status() -> EncryptionStatus, Read, |db, _| Ok(encryption::status(db))),
    command!(
        /// `password` null takes the encryption off; `current` is the password now in use.
        encryption.set_password(current: String, password: Option<String>) -> (), Configure,
        |db, ctx| encryption::set_password(db, ctx, &current, password.as_deref())
    ),
];

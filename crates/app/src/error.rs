//! `AppError`: what the UI and the CLI receive when a use case fails. `code` is for the UI to
//! branch on; `message` is Chinese, for a clerk; `fields` pins form errors to their inputs.

use serde::{Deserialize, Serialize};
use taizhang_core::form::FieldError;
use taizhang_db::DbError;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule; see `fields`.
    Validation,
    NotFound,
    /// The action clashes with what is already there (a duplicate ID, say).
    Conflict,
    /// The database file was written by a newer Taizhang.
    NewerDatabase,
    /// Files, disks, permissions.
    Io,
    /// A file to import that cannot be read (corrupt, encrypted, not a spreadsheet).
    BadFile,
    /// Anything else in the database.
    Database,
    /// The user stopped a long task; nothing was written.
    Cancelled,
    /// The user's role does not allow it, or the user is locked out.
    Forbidden,
    /// The database file is encrypted and its password is missing or wrong.
    Encrypted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }

    pub fn cancelled() -> Self {
        Self::new(ErrorCode::Cancelled, "已取消，台账没有任何改动")
    }

    /// A form's errors: the message lists them all, `fields` places each.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = fields
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("；");
        Self {
            code: ErrorCode::Validation,
            message,
            fields,
        }
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

/// A file that could not be written, with the reason already in Chinese
/// (`taizhang_disk::write_whole`).
impl From<taizhang_disk::NotPlaced> for AppError {
    fn from(e: taizhang_disk::NotPlaced) -> Self {
        Self::new(ErrorCode::Io, e.0)
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        let code = match &e {
            DbError::NotFound { .. } => ErrorCode::NotFound,
            DbError::NewerVersion { .. } => ErrorCode::NewerDatabase,
            DbError::ReadOnly => ErrorCode::Forbidden,
            DbError::Keyed(_) | DbError::WrongKey(_) => ErrorCode::Encrypted,
            DbError::Io { .. } | DbError::NotADatabase(_) => ErrorCode::Io,
            DbError::Sqlite(e) => {
                use taizhang_db::rusqlite::ErrorCode as C;
                match e.sqlite_error_code() {
                    Some(C::ReadOnly | C::CannotOpen | C::DiskFull | C::SystemIoFailure) => {
                        ErrorCode::Io
                    }
                    _ => ErrorCode::Database,
                }
            }
        };
        tracing::warn!(error = ?e, "database error");
        Self::new(code, e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, AppError>;

//! Taizhang's use cases: one function per user action, shared by the desktop app and the CLI.
//!
//! Every function takes the database and a [`Ctx`] (who acts, and what day it is); writes run in
//! one transaction and leave an audit entry. Values that leave this crate are masked unless the
//! caller asked, on purpose, to reveal them. Errors are [`AppError`]s with Chinese messages.

pub mod access;
pub mod appeal;
pub mod archive;
pub mod attachment;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod command;
pub mod demo;
pub mod dict;
pub mod dispute;
pub mod encryption;
mod error;
pub mod export;
pub mod files;
pub mod found;
pub mod grid;
pub mod home;
pub mod house;
pub mod household;
pub mod import;
pub mod link;
pub mod meeting;
pub mod network;
pub mod org;
pub mod party_member;
pub mod paths;
pub mod person;
pub mod points;
pub mod print;
pub mod recycle_bin;
pub mod registers;
pub mod scope;
mod sealed;
pub mod service;
pub mod setup;
pub mod share;
pub mod start;
pub mod talent;
pub mod todo;
pub mod user;
pub mod visit;
pub mod workdir;

pub use error::{AppError, ErrorCode, Result};
pub use taizhang_core as core;
pub use taizhang_db as db;
pub use taizhang_db::{Db, Page};
pub use taizhang_excel as excel;

use chrono::NaiveDate;

/// Who is acting, and on which day. The clock is read once, at the edge (CLI or desktop).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: String,
    /// From which PC: another PC's address on the office network (共享模式); empty on the PC
    /// that holds the database. The audit trail keeps it.
    pub place: String,
    /// 数据权限: a community's user acts within that community's part; none for the 街道 and
    /// the PC's own user.
    pub scope: Option<scope::Scope>,
    pub today: NaiveDate,
}

impl Ctx {
    /// The logged-in OS user, today.
    pub fn now() -> Self {
        let actor = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "本机用户".to_owned());
        Self {
            actor,
            place: String::new(),
            scope: None,
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// `taizhang check`: every problem found in the database, in Chinese; empty when sound.
pub fn db_check(db: &Db) -> Result<Vec<String>> {
    Ok(taizhang_db::check::run(db.conn())?)
}

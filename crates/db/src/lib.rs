//! The only crate that knows SQLite.
//!
//! [`Db::open`] turns on foreign keys, WAL and a busy timeout, applies the embedded migrations
//! in one transaction and records the schema version in `user_version` (the app takes a backup
//! first when a migration is pending: [`Db::open_unmigrated`], [`backup`]). It refuses a
//! database written by a newer Taizhang. A file may be encrypted with a password (SQLCipher,
//! [`encryption`]). Reads take `&Connection`; writes take `&Transaction`, so a user action that
//! writes several rows is one transaction ([`Db::write`]).
#![warn(missing_docs)]

pub mod appeal;
pub mod attachment;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod check;
pub mod dict;
pub mod dispute;
pub mod encryption;
pub mod grid_worker;
pub mod house;
pub mod household;
pub mod import_batch;
pub mod incomplete;
pub mod meeting;
mod migrate;
mod numbered;
pub mod org;
pub mod page;
pub mod party_member;
pub mod person;
pub mod points;
pub mod recycle_bin;
pub mod setting;
pub mod talent;
pub mod user;
pub mod visit;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};
use thiserror::Error;

pub use migrate::SCHEMA_VERSION;
pub use page::Page;
pub use rusqlite;

/// What went wrong with the database; each message (in Chinese) tells the clerk what to do.
#[derive(Debug, Error)]
pub enum DbError {
    /// SQLite refused: the message says what in the clerk's terms (locked, full, damaged …).
    #[error("{}", describe(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// The database file could not be reached.
    #[error("无法访问数据库文件 {path}：{source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Written by a newer Taizhang: the file's schema version and this program's.
    #[error("数据库文件由更新版本的台账（数据版本 {found}）创建，本程序只支持到版本 {supported}，请升级台账后再打开")]
    NewerVersion {
        /// The file's schema version.
        found: i64,
        /// The newest this program reads.
        supported: i64,
    },
    /// The file is not a Taizhang database (or is damaged).
    #[error("文件 {0} 不是台账数据库，或已损坏；请选择正确的数据文件，或从备份恢复")]
    NotADatabase(PathBuf),
    /// The file is encrypted and no password was given.
    #[error("数据文件 {0} 已加密，请输入数据库密码")]
    Keyed(PathBuf),
    /// The password does not open the file.
    #[error("数据库密码不对，打不开 {0}（也可能该文件不是台账数据库）")]
    WrongKey(PathBuf),
    /// The record is not there (deleted, or never was): its register and id.
    #[error("找不到{entity}（编号 {id}），可能已被删除")]
    NotFound {
        /// Its register (党员, 房屋 …).
        entity: &'static str,
        /// Its id.
        id: i64,
    },
    /// A read-only connection was asked to write.
    #[error("当前用户只能查看，不能修改台账；如需修改请让录入员或管理员登录")]
    ReadOnly,
}

/// How long a write waits for another program's write (a colleague's import, the command line)
/// before it gives up.
pub const BUSY_WAIT_SECS: u64 = 30;

/// What SQLite's failure means to a clerk, and what to do: waiting for another writer is not a
/// damaged database, and a damaged one is not a reason to retry.
fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => format!(
            "另一项操作（其他同事或另一个窗口的导入、保存）正在写入台账，已等待 {BUSY_WAIT_SECS} 秒仍未完成；请稍候再试"
        ),
        Some(C::DatabaseCorrupt) => "数据库文件已损坏：请在“系统设置 → 备份与恢复”中从最近的备份恢复；运行 taizhang check 可查看损坏的位置".to_owned(),
        Some(C::NotADatabase) => "数据文件不是台账数据库，或已损坏：请选择正确的数据文件，或从备份恢复".to_owned(),
        Some(C::ReadOnly) => "数据文件或它所在的文件夹是只读的（或在只读的 U 盘、光盘上），无法写入；请把数据文件放到可写的文件夹，或请管理员开放写入权限".to_owned(),
        Some(C::CannotOpen) => "无法打开数据文件：所在的文件夹不存在，或没有权限访问；请检查数据文件的位置".to_owned(),
        Some(C::DiskFull) => "磁盘已满，无法写入台账；请清理磁盘空间后再试（此次修改没有保存）".to_owned(),
        Some(C::SystemIoFailure) => "读写数据文件时出错（磁盘或网络盘故障）；请检查磁盘后再试，此次修改没有保存".to_owned(),
        _ => format!(
            "数据库操作失败（{e}）。请重试；若反复出现，请关闭台账后运行 taizhang check 检查数据库"
        ),
    }
}

/// A database result; the error is a [`DbError`] unless said otherwise.
pub type Result<T, E = DbError> = std::result::Result<T, E>;

/// How to open more connections to a database file: readers beside the one writer, so a read
/// never waits for a long write (WAL: a reader sees what was committed when it began).
#[derive(Debug, Clone)]
pub struct Readers {
    path: PathBuf,
    key: Option<String>,
}

/// A reader's page cache: several may be open, each smaller than the writer's.
const READER_CACHE_KIB: i64 = 16 * 1024;

/// The writer's page cache (64 MB): a 100,000-row import is one transaction, and with the
/// default 2 MB its indexes spill to the WAL half-way (measured: 8.7 s → 7.8 s). A reader of a
/// whole register has as much, so its walk in roster order reads (and decrypts) a page once.
const LARGE_CACHE_KIB: i64 = 64 * 1024;

impl Readers {
    /// A new read-only connection (SQLite refuses its writes, and so does [`Db::write`]).
    pub fn open(&self) -> Result<Db> {
        self.open_with(READER_CACHE_KIB)
    }

    /// A reader of a whole register (an export, read beside its writer): the writer's cache.
    pub fn open_large(&self) -> Result<Db> {
        self.open_with(LARGE_CACHE_KIB)
    }

    fn open_with(&self, cache_kib: i64) -> Result<Db> {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
            | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = encryption::open_file(&self.path, flags, self.key.as_deref())?;
        let mut db = Db::configure(conn, Some(self.path.clone()))?;
        db.conn.pragma_update(None, "cache_size", -cache_kib)?;
        db.conn.pragma_update(None, "query_only", true)?;
        db.key = self.key.clone();
        db.read_only = true;
        Ok(db)
    }
}

/// An open register database.
pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    /// The database password the file is keyed with (see [`encryption`]).
    key: Option<String>,
    /// Set for a user who may only read: every [`Db::write`] is refused.
    read_only: bool,
}

impl Db {
    /// Opens (creating if needed) the plain database file at `path` and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Self> {
        let mut db = Self::open_unmigrated(path, None)?;
        db.migrate()?;
        Ok(db)
    }

    /// Opens the database file at `path` (keyed with `key`, None for a plain file) as it is:
    /// the caller takes a backup when [`Db::pending_migration`] says the schema is about to
    /// change, then calls [`Db::migrate`].
    pub fn open_unmigrated(path: &Path, key: Option<&str>) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        // An empty file is a copy that failed or a file made by hand: it is refused, never set
        // up as a new office over what the clerk meant to open.
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            return Err(DbError::NotADatabase(path.to_owned()));
        }
        let key = encryption::key_for(path, key);
        let conn = encryption::open_file(path, rusqlite::OpenFlags::default(), key)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Ok(Self {
            key: key.map(str::to_owned),
            ..Self::configure(conn, Some(path.to_owned()))?
        })
    }

    /// The schema version of a database that holds data but is older than this build's.
    pub fn pending_migration(&self) -> Result<Option<i64>> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((found > 0 && found < SCHEMA_VERSION).then_some(found))
    }

    /// Applies the migrations this database lacks, in one transaction.
    pub fn migrate(&mut self) -> Result<()> {
        migrate::run(&mut self.conn).map_err(|e| match (e, &self.path) {
            (DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _)), Some(path))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                DbError::NotADatabase(path.clone())
            }
            (other, _) => other,
        })
    }

    /// A fresh database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        let mut db = Self::configure(Connection::open_in_memory()?, None)?;
        migrate::run(&mut db.conn)?;
        Ok(db)
    }

    fn configure(conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -LARGE_CACHE_KIB)?;
        conn.busy_timeout(std::time::Duration::from_secs(BUSY_WAIT_SECS))?;
        // Room for every statement an import's row writes, so none is prepared again per row.
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Self {
            conn,
            path,
            key: None,
            read_only: false,
        })
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// How to open readers of this database's file; none in memory.
    pub fn readers(&self) -> Option<Readers> {
        self.path.as_ref().map(|path| Readers {
            path: path.clone(),
            key: self.key.clone(),
        })
    }

    /// The database file; none for an in-memory database.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Refuses every write from now on (a 查看 user), or allows them again.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// Refuses now what a later [`Db::write`] would refuse, before any file is written.
    pub fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(DbError::ReadOnly);
        }
        Ok(())
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn write<T, E: From<DbError>>(
        &mut self,
        f: impl FnOnce(&Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.writable()?;
        let tx = self.conn.transaction().map_err(DbError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(DbError::from)?;
        Ok(out)
    }
}

use bulk::now;

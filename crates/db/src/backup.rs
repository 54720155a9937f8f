//! Consistent copies of the database through SQLite's online backup API: taken while the app
//! runs (readers and the WAL included), read back for a preview, restored in place.

use std::path::Path;

use rusqlite::{backup::Backup, Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{migrate, Db, DbError, Result};

/// What a backup holds, for the clerk to recognise it before restoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Summary {
    pub schema_version: i64,
    pub office_name: String,
    /// (register, records not in the recycle bin), registers the backup's version has.
    pub counts: Vec<(String, i64)>,
    /// The newest audit entry's time: the last change the backup saw.
    pub last_change: Option<String>,
}

/// The registers a summary counts: (label, table, whether it has a recycle bin).
const REGISTERS: &[(&str, &str, bool)] = &[
    ("党员", "party_member", true),
    ("会议", "meeting", true),
    ("积分账户", "points_account", false),
    ("房屋", "house", true),
    ("人才", "talent", true),
];

/// Copies the database `conn` is open on into a new file `dest` (which must not exist), as one
/// consistent snapshot; the copy does not depend on a WAL file.
pub fn snapshot(conn: &Connection, dest: &Path) -> Result<()> {
    let mut out = Connection::open(dest)?;
    {
        let backup = Backup::new(conn, &mut out)?;
        backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    }
    out.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// Reads what the backup file at `path` holds, without changing it; refuses a file that is not
/// a Taizhang database, is damaged, or was written by a newer Taizhang.
pub fn summary(path: &Path) -> Result<Summary> {
    let not_ours = || DbError::NotADatabase(path.to_owned());
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|_| not_ours())?;
    if check != "ok" {
        return Err(not_ours());
    }
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if schema_version == 0 {
        return Err(not_ours());
    }
    if schema_version > migrate::SCHEMA_VERSION {
        return Err(DbError::NewerVersion {
            found: schema_version,
            supported: migrate::SCHEMA_VERSION,
        });
    }
    let has = |table: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?)
    };
    let mut counts = Vec::new();
    for (label, table, bin) in REGISTERS {
        if has(table)? {
            let filter = if *bin {
                " WHERE deleted_at IS NULL"
            } else {
                ""
            };
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}{filter}"), [], |r| {
                    r.get(0)
                })?;
            counts.push(((*label).to_owned(), n));
        }
    }
    Ok(Summary {
        schema_version,
        office_name: crate::setting::get(&conn, crate::setting::OFFICE_NAME)?.unwrap_or_default(),
        counts,
        last_change: conn.query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0))?,
    })
}

/// Removes settings (secrets such as the backup password) from a copy at `path`, overwriting
/// their bytes rather than leaving them in free pages.
pub fn without_settings(path: &Path, keys: &[&str]) -> Result<()> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "secure_delete", true)?;
    for key in keys {
        conn.execute("DELETE FROM setting WHERE key = ?1", [key])?;
    }
    Ok(())
}

/// The schema version of the database file at `path`: 0 for a new or empty file.
pub fn schema_version(path: &Path) -> Result<i64> {
    if !path.exists() {
        return Ok(0);
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

impl Db {
    /// Copies this database into `dest` (see [`snapshot`]).
    pub fn snapshot(&self, dest: &Path) -> Result<()> {
        snapshot(&self.conn, dest)
    }

    /// Replaces this database's contents with the backup at `from` (checked first with
    /// [`summary`]), then brings its schema up to date.
    pub fn restore_from(&mut self, from: &Path) -> Result<Summary> {
        let summary = summary(from)?;
        let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let backup = Backup::new(&source, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        migrate::run(&mut self.conn)?;
        Ok(summary)
    }
}

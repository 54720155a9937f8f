//! Consistent copies of the database through SQLite's online backup API: taken while the app
//! runs (readers and the WAL included), read back for a preview, restored in place.

use std::path::Path;

use rusqlite::{backup::Backup, Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    encryption::{copy, open_file},
    migrate, Db, DbError, Result,
};

/// What a backup holds, for the clerk to recognise it before restoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Summary {
    /// Its schema version (`user_version`).
    pub schema_version: i64,
    /// The office's name as its settings hold it.
    pub office_name: String,
    /// (register, records not in the recycle bin), registers the backup's version has.
    pub counts: Vec<(String, i64)>,
    /// The newest audit entry's time: the last change the backup saw.
    pub last_change: Option<String>,
}

/// A register a summary counts (the registers are named by `app::registers`).
#[derive(Debug, Clone, Copy)]
pub struct Counted {
    /// Its name in the summary, e.g. 党员.
    pub label: &'static str,
    /// Its table; a backup made before the register existed lacks it and is not counted.
    pub table: &'static str,
    /// Whether its rows are soft-deleted (`deleted_at`): those are not counted.
    pub binned: bool,
}

/// Reads what the backup file at `path` (keyed with `key`) holds, without changing it; refuses
/// a file that is not a Taizhang database, is damaged, or was written by a newer Taizhang.
/// Counts the records of each of `counted`.
pub fn summary(path: &Path, key: Option<&str>, counted: &[Counted]) -> Result<Summary> {
    let conn = open_file(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )?;
    summary_of(&conn, path, counted)
}

/// Which of `keys` opens the file at `path` (a backup taken before the password changed has
/// the old one); the last key's error when none does.
pub fn key_of<'k>(path: &Path, keys: &[Option<&'k str>]) -> Result<Option<&'k str>> {
    let mut last = DbError::NotADatabase(path.to_owned());
    for key in keys {
        match open_file(path, OpenFlags::SQLITE_OPEN_READ_ONLY, *key) {
            Ok(_) => return Ok(crate::encryption::key_for(path, *key)),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn summary_of(conn: &Connection, path: &Path, counted: &[Counted]) -> Result<Summary> {
    let not_ours = || DbError::NotADatabase(path.to_owned());
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
    for c in counted {
        if has(c.table)? {
            // A backup older than a register's recycle bin counts all its rows.
            let binned: bool = c.binned
                && conn.query_row(
                    "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = 'deleted_at'",
                    [c.table],
                    |r| r.get(0),
                )?;
            let filter = if binned {
                " WHERE deleted_at IS NULL"
            } else {
                ""
            };
            let n: i64 = conn.query_row(
                &format!("SELECT count(*) FROM {}{filter}", c.table),
                [],
                |r| r.get(0),
            )?;
            counts.push((c.label.to_owned(), n));
        }
    }
    Ok(Summary {
        schema_version,
        office_name: crate::setting::get(conn, crate::setting::OFFICE_NAME)?.unwrap_or_default(),
        counts,
        last_change: conn.query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0))?,
    })
}

/// Removes settings (secrets such as the backup password) from a copy at `path` (keyed with
/// `key`), overwriting their bytes rather than leaving them in free pages.
pub fn without_settings(path: &Path, key: Option<&str>, keys: &[&str]) -> Result<()> {
    let conn = open_file(path, OpenFlags::default(), key)?;
    conn.pragma_update(None, "secure_delete", true)?;
    for key in keys {
        conn.execute("DELETE FROM setting WHERE key = ?1", [key])?;
    }
    Ok(())
}

impl Db {
    /// Copies this database into the new file `dest` as one consistent snapshot, keyed like
    /// this one: a backup of an encrypted database is encrypted too.
    pub fn snapshot(&self, dest: &Path) -> Result<()> {
        copy(&self.conn, self.key(), dest, self.key())
    }

    /// A snapshot into `dest` that is a plain file whatever this database's key (an archive
    /// that travels to another PC).
    pub fn plain_snapshot(&self, dest: &Path) -> Result<()> {
        copy(&self.conn, self.key(), dest, None)
    }

    /// What this database holds (see [`summary`]).
    pub fn summary(&self, counted: &[Counted]) -> Result<Summary> {
        summary_of(&self.conn, self.path().unwrap_or(Path::new("")), counted)
    }

    /// Replaces this database's contents with the backup at `from` (keyed with `from_key`,
    /// checked first with [`summary`]), then brings its schema up to date. This database keeps
    /// its own key: a backup keyed otherwise is first re-written with it beside this file.
    pub fn restore_from(&mut self, from: &Path, from_key: Option<&str>) -> Result<()> {
        summary(from, from_key, &[])?;
        // Read-write: a change of key attaches the re-written copy to this connection.
        let source = open_file(from, OpenFlags::default(), from_key)?;
        let rekeyed = match (&self.path, from_key == self.key()) {
            (_, true) => None,
            (None, false) => return Err(DbError::NotADatabase(from.to_owned())),
            (Some(path), false) => {
                let part = path.with_extension("restore.part");
                let _ = std::fs::remove_file(&part);
                copy(&source, from_key, &part, self.key())?;
                Some(part)
            }
        };
        let copied = (|| -> Result<()> {
            let source = match &rekeyed {
                Some(part) => open_file(part, OpenFlags::SQLITE_OPEN_READ_ONLY, self.key())?,
                None => source,
            };
            let backup = Backup::new(&source, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
            Ok(())
        })();
        if let Some(part) = rekeyed {
            let _ = std::fs::remove_file(part);
        }
        copied?;
        migrate::run(&mut self.conn)?;
        Ok(())
    }
}

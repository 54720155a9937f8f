//! Encryption at rest (SQLCipher): a database file is plain, or keyed with the office's
//! database password. Every connection to a file goes through [`open_file`], every copy
//! between files through [`copy`], so a key is never forgotten on the way.

use std::path::Path;

use rusqlite::{backup::Backup, Connection, OpenFlags};

use crate::{Db, DbError, Result};

/// A plain SQLite file starts with these bytes; a keyed one with random salt.
const PLAIN_HEADER: &[u8] = b"SQLite format 3\0";

/// The file's first bytes, when it has that many.
fn header(path: &Path) -> Option<[u8; 16]> {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .ok()
        .map(|()| head)
}

/// Whether the file at `path` looks keyed with a password: whole pages (SQLCipher pages are
/// 512 to 65,536 bytes) that do not start like a plain SQLite file. A text or a PDF renamed
/// `.db` is not, and opening it says "not a database".
pub fn is_keyed(path: &Path) -> bool {
    let pages = std::fs::metadata(path).is_ok_and(|m| m.len() > 0 && m.len() % 512 == 0);
    pages && header(path).is_some_and(|h| h != *PLAIN_HEADER)
}

/// The key a file opens with: a plain file needs none whatever was given (a password set in
/// the environment for another file, say); a new file is created keyed with `key`.
pub(crate) fn key_for<'k>(path: &Path, key: Option<&'k str>) -> Option<&'k str> {
    key.filter(|_| header(path).is_none_or(|h| h != *PLAIN_HEADER))
}

/// Opens `path` with `key` (None: plain) and proves the key fits, so a wrong password is told
/// apart from a damaged file.
pub(crate) fn open_file(path: &Path, flags: OpenFlags, key: Option<&str>) -> Result<Connection> {
    let key = key_for(path, key);
    let conn = Connection::open_with_flags(path, flags)?;
    // A wrong key is our error to report, not SQLCipher's to print.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    if let Some(key) = key {
        conn.pragma_update(None, "key", key)?;
    }
    let probe = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    match probe {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(match key {
                Some(_) => DbError::WrongKey(path.to_owned()),
                None if is_keyed(path) => DbError::Keyed(path.to_owned()),
                None => DbError::NotADatabase(path.to_owned()),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Copies the database `source` (keyed with `source_key`) into the new file `dest`, keyed with
/// `dest_key`, as one consistent snapshot that does not depend on a WAL file. Alike keys copy
/// pages (SQLite's online backup); a change of key re-writes every table (`sqlcipher_export`).
pub(crate) fn copy(
    source: &Connection,
    source_key: Option<&str>,
    dest: &Path,
    dest_key: Option<&str>,
) -> Result<()> {
    if source_key == dest_key {
        let mut out = open_file(dest, OpenFlags::default(), dest_key)?;
        {
            let backup = Backup::new(source, &mut out)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        out.pragma_update(None, "journal_mode", "DELETE")?;
        return Ok(());
    }
    let dest_name = dest
        .to_str()
        .ok_or_else(|| DbError::NotADatabase(dest.to_owned()))?;
    source.execute(
        "ATTACH DATABASE ?1 AS copy KEY ?2",
        (dest_name, dest_key.unwrap_or("")),
    )?;
    let exported = (|| -> Result<()> {
        source.query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))?;
        // The schema version is not part of what sqlcipher_export copies.
        let version: i64 = source.pragma_query_value(None, "user_version", |r| r.get(0))?;
        source.pragma_update(Some("copy"), "user_version", version)?;
        Ok(())
    })();
    source.execute("DETACH DATABASE copy", [])?;
    exported
}

impl Db {
    /// The key this database was opened with (None: a plain file).
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// Keys this database's file with `new` (None: plain again). The file is re-written beside
    /// itself and renamed into place once complete: killed half-way, the old file stands.
    pub fn set_key(&mut self, new: Option<&str>) -> Result<()> {
        let path = self
            .path
            .clone()
            .ok_or_else(|| DbError::NotADatabase("（内存数据库）".into()))?;
        let part = path.with_extension("key.part");
        let _ = std::fs::remove_file(&part);
        if let Err(e) = copy(&self.conn, self.key.as_deref(), &part, new) {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        let io = |source| DbError::Io {
            path: path.clone(),
            source,
        };
        taizhang_disk::sync(&part).map_err(io)?;
        // Closing the only connection checkpoints the WAL into the old file and removes it, so
        // no old WAL is ever read against the new file.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((old, e)) = old.close() {
            // Still open: this database goes on as it was, the copy is dropped.
            self.conn = old;
            let _ = std::fs::remove_file(&part);
            return Err(e.into());
        }
        for side in ["-wal", "-shm"] {
            let mut name = path.clone().into_os_string();
            name.push(side);
            let _ = std::fs::remove_file(name);
        }
        let renamed = std::fs::rename(&part, &path);
        let key = if renamed.is_ok() {
            new.map(str::to_owned)
        } else {
            self.key.clone()
        };
        let reopened = Self::open_unmigrated(&path, key.as_deref())?;
        *self = Self {
            read_only: self.read_only,
            ..reopened
        };
        renamed.map_err(io)
    }
}

//! The `app_user` table: named users of the window, their role and password hash, and the count
//! of failed logins that locks one out for a while.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::{now, Result};

/// A user who can log in.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    /// The user's id.
    pub id: i64,
    /// The login name (unique).
    pub name: String,
    /// 管理员, 录入员 or 查看.
    pub role: String,
    /// The argon2 hash of the password.
    pub password_hash: String,
    /// Failed logins since the last success.
    pub failed: i64,
    /// Locked until then (local time), after too many failures.
    pub locked_until: Option<String>,
    /// When the user was added.
    pub created_at: String,
    /// The 社区/村 whose part of the registers the user keeps; none for the 街道 (all of it).
    pub unit_id: Option<i64>,
}

const COLUMNS: &str = "id, name, role, password_hash, failed, locked_until, created_at, unit_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<UserRecord> {
    Ok(UserRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        password_hash: r.get(3)?,
        failed: r.get(4)?,
        locked_until: r.get(5)?,
        created_at: r.get(6)?,
        unit_id: r.get(7)?,
    })
}

/// Every user, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<UserRecord>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM app_user ORDER BY id"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The user with this login name, if any.
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<UserRecord>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM app_user WHERE name = ?1"),
            [name],
            row,
        )
        .optional()?)
}

/// Adds a user of `unit_id` (none: the 街道); returns the id.
pub fn insert(
    tx: &Transaction,
    name: &str,
    (role, unit_id): (&str, Option<i64>),
    password_hash: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO app_user (name, role, password_hash, created_at, unit_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, role, password_hash, now(), unit_id],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Sets a user's password hash.
pub fn set_password(tx: &Transaction, id: i64, password_hash: &str) -> Result<()> {
    tx.execute(
        "UPDATE app_user SET password_hash = ?2, failed = 0, locked_until = NULL WHERE id = ?1",
        params![id, password_hash],
    )?;
    Ok(())
}

/// Records a login: a failure counts (and locks until `lock_until` when given), a success clears.
pub fn set_failed(tx: &Transaction, id: i64, failed: i64, lock_until: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE app_user SET failed = ?2, locked_until = ?3 WHERE id = ?1",
        params![id, failed, lock_until],
    )?;
    Ok(())
}

/// Removes a user.
pub fn delete(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM app_user WHERE id = ?1", [id])?;
    Ok(())
}

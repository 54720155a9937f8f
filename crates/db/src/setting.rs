//! Key-value settings of the office (name, whether set-up is done).

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::Result;

/// The office's name (e.g. 交口街道办事处): titles, exports and prints carry it.
pub const OFFICE_NAME: &str = "office_name";

/// A setting's value, if set.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Sets a setting (replacing its value).
pub fn set(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO setting(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

//! The `dict_item` table: dictionary entries, built-in and the office's own.

use rusqlite::{params, Connection, Transaction};
use taizhang_core::dict::Dict;

use crate::Result;

/// Writes the built-in entries of every dictionary, and the built-in care tags' visit
/// frequencies; existing entries (and frequencies the office set) are kept.
pub fn seed_builtin(tx: &Transaction) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT OR IGNORE INTO dict_item(dict, value, sort, builtin) VALUES (?1, ?2, ?3, 1)",
    )?;
    for &dict in Dict::ALL {
        for (i, value) in dict.builtin().iter().enumerate() {
            stmt.execute(params![dict.label(), value, i as i64])?;
        }
    }
    crate::household::seed_visit_days(tx)
}

/// Every value of `dict`, built-in and the office's own, in its order.
pub fn values(conn: &Connection, dict: Dict) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT value FROM dict_item WHERE dict = ?1 ORDER BY sort, id")?;
    let rows = stmt.query_map([dict.label()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether `value` is one of `dict`'s.
pub fn contains(conn: &Connection, dict: Dict, value: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM dict_item WHERE dict = ?1 AND value = ?2)",
        [dict.label(), value],
        |r| r.get(0),
    )?)
}

/// Adds an office entry at the end of the dictionary; its id, or None when it was there.
pub fn add(tx: &Transaction, dict: Dict, value: &str) -> Result<Option<i64>> {
    let added = tx.execute(
        "INSERT OR IGNORE INTO dict_item(dict, value, sort)
         VALUES (?1, ?2, (SELECT coalesce(max(sort), 0) + 1 FROM dict_item WHERE dict = ?1))",
        [dict.label(), value],
    )?;
    Ok((added > 0).then(|| tx.last_insert_rowid()))
}

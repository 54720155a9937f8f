//! The `incomplete` table: records an import took in without some field the register requires,
//! because the file had no column for it (待补录). A record leaves it when saved complete.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::Result;

/// Records `fields` (keys) as what record `id` of `entity` still lacks; none clears the flag.
pub fn set(tx: &Transaction, entity: &str, id: i64, fields: &[&str]) -> Result<()> {
    if fields.is_empty() {
        tx.prepare_cached("DELETE FROM incomplete WHERE entity = ?1 AND record_id = ?2")?
            .execute(params![entity, id])?;
    } else {
        tx.prepare_cached(
            "INSERT INTO incomplete(entity, record_id, fields) VALUES (?1, ?2, ?3)
             ON CONFLICT(entity, record_id) DO UPDATE SET fields = excluded.fields",
        )?
        .execute(params![entity, id, fields.join(",")])?;
    }
    Ok(())
}

/// The fields record `id` of `entity` lacks (keys); empty when it is complete.
pub fn of(conn: &Connection, entity: &str, id: i64) -> Result<Vec<String>> {
    let fields: Option<String> = conn
        .prepare_cached("SELECT fields FROM incomplete WHERE entity = ?1 AND record_id = ?2")?
        .query_row(params![entity, id], |r| r.get(0))
        .optional()?;
    Ok(fields
        .map(|f| f.split(',').map(str::to_owned).collect())
        .unwrap_or_default())
}

/// The ids of `entity`'s incomplete records.
pub fn ids(conn: &Connection, entity: &str) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT record_id FROM incomplete WHERE entity = ?1")?;
    let ids = stmt
        .query_map([entity], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// An SQL condition true for the ids (of `column`) of `entity`'s incomplete records; `entity`
/// is a register's constant name, never user text.
pub fn condition(entity: &str, column: &str) -> String {
    debug_assert!(!entity.contains('\''));
    format!("{column} IN (SELECT record_id FROM incomplete WHERE entity = '{entity}')")
}

/// How many records of `entity` not in the recycle bin are incomplete; `table` is the
/// register's table (a constant, never user text).
pub fn count(conn: &Connection, entity: &str, table: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*) FROM {table} WHERE deleted_at IS NULL AND {}",
            condition(entity, "id")
        ),
        [],
        |r| r.get(0),
    )?)
}

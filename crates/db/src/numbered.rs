//! What the tables whose rows carry the office's own numbers (诉求 SQ年月-序号, 纠纷 TJ年月-序号)
//! and a registered part rewritten as a whole share.

use rusqlite::{params_from_iter, types::Value as SqlValue, Connection, Transaction};

use crate::{now, Result};

/// The next number `prefix`年月-NNNN in `table`'s `number` column for `month` (`YYYYMM`):
/// SQ202612-0001 ….
pub(crate) fn next(conn: &Connection, table: &str, prefix: &str, month: &str) -> Result<String> {
    let prefix = format!("{prefix}{month}-");
    let last: Option<String> = conn.query_row(
        &format!("SELECT max(number) FROM {table} WHERE number GLOB ?1"),
        [format!("{prefix}[0-9][0-9][0-9][0-9]")],
        |r| r.get(0),
    )?;
    let n = last
        .and_then(|l| l.strip_prefix(&prefix).and_then(|d| d.parse::<u32>().ok()))
        .unwrap_or(0);
    Ok(format!("{prefix}{:04}", n + 1))
}

/// Sets `columns` of row `id` of `table` to `values` (in order), and its `updated_at`.
pub(crate) fn update(
    tx: &Transaction,
    table: &str,
    id: i64,
    columns: &[&str],
    mut values: Vec<SqlValue>,
) -> Result<()> {
    let sets: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ?{}", c.trim(), i + 1))
        .collect();
    values.push(SqlValue::Text(now()));
    values.push(SqlValue::Integer(id));
    tx.execute(
        &format!(
            "UPDATE {table} SET {}, updated_at = ?{} WHERE id = ?{}",
            sets.join(", "),
            values.len() - 1,
            values.len()
        ),
        params_from_iter(values),
    )?;
    Ok(())
}

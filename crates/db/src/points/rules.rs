//! Rules, versioned by the day they take effect.

use super::*;

/// Adds a version of a rule; returns its id.
pub fn insert_rule(tx: &Transaction, r: &Rule) -> Result<i64> {
    tx.execute(
        "INSERT INTO points_rule (name, basis, points, cap_day, cap_month, cap_year, valid_from, valid_to, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            r.name,
            r.basis.label(),
            r.points.0,
            r.cap_day.map(|p| p.0),
            r.cap_month.map(|p| p.0),
            r.cap_year.map(|p| p.0),
            r.valid_from,
            r.valid_to,
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Ends a rule the day before `from` (its successor starts on `from`).
pub fn end_rule(tx: &Transaction, id: i64, last_day: &str) -> Result<()> {
    tx.execute(
        "UPDATE points_rule SET valid_to = ?2 WHERE id = ?1",
        params![id, last_day],
    )?;
    Ok(())
}

fn rule_row(r: &Row) -> rusqlite::Result<Rule> {
    Ok(Rule {
        id: r.get(0)?,
        name: r.get(1)?,
        basis: label(r, 2, Basis::from_label)?,
        points: Points(r.get(3)?),
        cap_day: r.get::<_, Option<i64>>(4)?.map(Points),
        cap_month: r.get::<_, Option<i64>>(5)?.map(Points),
        cap_year: r.get::<_, Option<i64>>(6)?.map(Points),
        valid_from: r.get(7)?,
        valid_to: r.get(8)?,
    })
}

const RULE_COLUMNS: &str =
    "id, name, basis, points, cap_day, cap_month, cap_year, valid_from, valid_to";

/// The rule named `name` in force on `day`.
pub fn rule_on(conn: &Connection, name: &str, day: &str) -> Result<Option<Rule>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {RULE_COLUMNS} FROM points_rule
                 WHERE name = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)"
            ),
            params![name, day],
            rule_row,
        )
        .optional()?)
}

/// Every rule, current and past, newest first within a name.
pub fn rules(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM points_rule ORDER BY name, valid_from DESC"
    ))?;
    let rows = stmt
        .query_map([], rule_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

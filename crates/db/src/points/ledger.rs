//! The append-only ledger: entries, balances, an account's history, what may expire.

use super::*;

/// One ledger line with the balance after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryRow {
    /// The entry's id.
    pub id: i64,
    /// When it was written.
    pub at: String,
    /// 获得, 兑换, 调整, 冲正 or 过期.
    pub kind: EntryKind,
    /// Points in (positive) or out (negative).
    pub points: Points,
    /// The balance after it.
    pub balance: Points,
    /// What it was for.
    pub reason: String,
    /// Who wrote it.
    pub operator: String,
    /// What it came from (a service record, a redemption …), as text.
    pub source: String,
    /// The entry it reverses, for a 冲正.
    pub reverses: Option<i64>,
}

/// A ledger entry to append.
pub struct NewEntry<'a> {
    /// The account.
    pub account_id: i64,
    /// What kind of entry.
    pub kind: EntryKind,
    /// Points in (positive) or out (negative).
    pub points: Points,
    /// What it is for.
    pub reason: &'a str,
    /// Who writes it.
    pub operator: &'a str,
    /// What it came from.
    pub source: &'a str,
    /// The entry it reverses, for a 冲正.
    pub reverses: Option<i64>,
}

/// An account's balance: the sum of its entries.
pub fn balance(conn: &Connection, account_id: i64) -> Result<Points> {
    Ok(Points(conn.query_row(
        "SELECT coalesce(sum(points), 0) FROM points_entry WHERE account_id = ?1",
        [account_id],
        |r| r.get(0),
    )?))
}

/// Appends an entry to the ledger; returns its id.
pub fn append(tx: &Transaction, e: &NewEntry) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO points_entry (account_id, at, kind, points, reason, operator, source, reverses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![e.account_id, now(), e.kind.label(), e.points.0, e.reason, e.operator, e.source, e.reverses])?;
    Ok(tx.last_insert_rowid())
}

/// The account's ledger, oldest first, each line with the balance after it.
pub fn ledger(conn: &Connection, account_id: i64) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, kind, points, sum(points) OVER (ORDER BY id), reason, operator, source, reverses
         FROM points_entry WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([account_id], |r| {
            Ok(EntryRow {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: label(r, 2, EntryKind::from_label)?,
                points: Points(r.get(3)?),
                balance: Points(r.get(4)?),
                reason: r.get(5)?,
                operator: r.get(6)?,
                source: r.get(7)?,
                reverses: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One entry (for reversing it): account, kind, points, and whether something reversed it.
pub fn entry(conn: &Connection, id: i64) -> Result<(i64, EntryKind, Points, bool)> {
    conn.query_row(
        "SELECT account_id, kind, points, EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)
         FROM points_entry e WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, label(r, 1, EntryKind::from_label)?, Points(r.get(2)?), r.get(3)?)),
    )
    .optional()?
    .ok_or(DbError::NotFound { entity: "积分流水", id })
}

/// Per account, the points earned before `cutoff` (a date; entries by when they were written)
/// that are still unspent, spending oldest first: what an expiry at `cutoff` takes.
pub fn expirable(conn: &Connection, cutoff: &str) -> Result<Vec<(i64, Points)>> {
    let mut stmt = conn.prepare(
        "SELECT account_id,
                max(0, min(sum(points),
                    coalesce(sum(CASE WHEN points > 0 AND substr(at, 1, 10) < ?1 THEN points END), 0)
                    + coalesce(sum(CASE WHEN points < 0 THEN points END), 0)))
         FROM points_entry GROUP BY account_id",
    )?;
    let rows = stmt
        .query_map([cutoff], |r| Ok((r.get(0)?, Points(r.get(1)?))))?
        .filter(|r| r.as_ref().map_or(true, |(_, p): &(i64, Points)| p.0 > 0))
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Per account over a period: points earned and spent (for the public notice and ranking).
pub fn period(conn: &Connection, from: &str, to: &str) -> Result<Vec<(String, Points, Points)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.name, x.earned, x.spent FROM (
            SELECT a.id, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END AS name,
                   coalesce(sum(CASE WHEN e.kind IN ('获得', '调整') AND e.points > 0 THEN e.points END), 0) AS earned,
                   coalesce(-sum(CASE WHEN e.kind = '兑换' THEN e.points END), 0)
                     - coalesce(sum(CASE WHEN e.kind = '冲正' AND e.source LIKE 'redemption:%' THEN e.points END), 0) AS spent
            FROM points_account a LEFT JOIN person p ON p.id = a.person_id
            JOIN points_entry e ON e.account_id = a.id AND substr(e.at, 1, 10) BETWEEN ?1 AND ?2
            GROUP BY a.id) x
         ORDER BY x.earned DESC, x.name",
    )?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok((r.get(0)?, Points(r.get(1)?), Points(r.get(2)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

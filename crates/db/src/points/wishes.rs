//! 微心愿.

use super::*;

/// A 微心愿 with who claimed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WishRow {
    /// The wish's id.
    pub id: i64,
    /// Who made it.
    pub resident: String,
    /// What they wish for.
    pub content: String,
    /// When it was posted, `YYYY-MM-DD`.
    pub posted_on: String,
    /// Where the wish has got (待认领 … 已实现).
    pub status: taizhang_core::points::WishStatus,
    /// The account that claimed it.
    pub account_id: Option<i64>,
    /// Who claimed it ("" when nobody has).
    pub claimed_by: String,
    /// When it was claimed.
    pub claimed_on: Option<String>,
    /// When it was fulfilled.
    pub fulfilled_on: Option<String>,
}

/// Posts a wish; returns its id.
pub fn insert_wish(
    tx: &Transaction,
    resident: &str,
    content: &str,
    posted_on: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO wish (resident, content, posted_on, status, created_at) VALUES (?1, ?2, ?3, '待认领', ?4)",
        params![resident, content, posted_on, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Every wish, those not yet fulfilled first, newest first.
pub fn wishes(conn: &Connection) -> Result<Vec<WishRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.resident, w.content, w.posted_on, w.status, w.account_id,
                coalesce(CASE a.kind WHEN '个人' THEN p.name ELSE a.household END, ''), w.claimed_on, w.fulfilled_on
         FROM wish w LEFT JOIN points_account a ON a.id = w.account_id LEFT JOIN person p ON p.id = a.person_id
         ORDER BY w.status = '已实现', w.posted_on DESC, w.id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(WishRow {
                id: r.get(0)?,
                resident: r.get(1)?,
                content: r.get(2)?,
                posted_on: r.get(3)?,
                status: label(r, 4, taizhang_core::points::WishStatus::from_label)?,
                account_id: r.get(5)?,
                claimed_by: r.get(6)?,
                claimed_on: r.get(7)?,
                fulfilled_on: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One wish.
pub fn wish(conn: &Connection, id: i64) -> Result<WishRow> {
    wishes(conn)?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or(DbError::NotFound {
            entity: "微心愿",
            id,
        })
}

/// A volunteer's account claims a wish on day `on`.
pub fn claim_wish(tx: &Transaction, id: i64, account_id: i64, on: &str) -> Result<()> {
    tx.execute(
        "UPDATE wish SET status = '已认领', account_id = ?2, claimed_on = ?3 WHERE id = ?1 AND status = '待认领'",
        params![id, account_id, on],
    )?;
    Ok(())
}

/// A wish fulfilled on day `on`, by the service record `record_id`.
pub fn fulfil_wish(tx: &Transaction, id: i64, on: &str, record_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE wish SET status = '已实现', fulfilled_on = ?2, record_id = ?3 WHERE id = ?1 AND status = '已认领'",
        params![id, on, record_id],
    )?;
    Ok(())
}

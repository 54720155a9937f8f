//! The `visit` table: the 民情日志, one row per visit to a household.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::visit::{VisitInput, VisitWay};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// Its soft-deleted entries for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str =
    "SELECT v.id, v.visited_on || ' 走访 ' || h.address, v.deleted_at, coalesce(v.deleted_by, '')
     FROM visit v JOIN household h ON h.id = v.household_id WHERE v.deleted_at IS NOT NULL";

/// One visit with the names a log shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VisitRow {
    /// The visit's id.
    pub id: i64,
    /// What was recorded.
    pub input: VisitInput,
    /// The household's address.
    pub address: String,
    /// The visitor's name.
    pub worker: String,
    /// The household's community and grid, for 数据权限.
    #[serde(skip)]
    #[ts(skip)]
    pub units: [Option<i64>; 2],
    /// In the recycle bin.
    pub deleted: bool,
    /// The number of the 诉求 its need became, if it became one.
    pub appeal: Option<String>,
}

const SELECT: &str = "SELECT v.id, v.household_id, v.worker_id, v.visited_on, v.way, v.found,
        v.need, h.address, p.name, h.community_id, h.grid_id, v.deleted_at IS NOT NULL,
        (SELECT a.number FROM appeal a WHERE a.visit_id = v.id AND a.deleted_at IS NULL
         ORDER BY a.id DESC LIMIT 1)
     FROM visit v
     JOIN household h ON h.id = v.household_id
     JOIN grid_worker w ON w.id = v.worker_id
     JOIN person p ON p.id = w.person_id";

fn row(r: &Row) -> rusqlite::Result<VisitRow> {
    let way: String = r.get(4)?;
    Ok(VisitRow {
        id: r.get(0)?,
        input: VisitInput {
            household_id: r.get(1)?,
            worker_id: r.get(2)?,
            visited_on: r.get(3)?,
            way: VisitWay::from_label(&way),
            found: r.get(5)?,
            need: r.get(6)?,
        },
        address: r.get(7)?,
        worker: r.get(8)?,
        units: [r.get(9)?, r.get(10)?],
        deleted: r.get(11)?,
        appeal: r.get(12)?,
    })
}

/// A household's visits (not in the recycle bin), newest first.
pub fn of_household(conn: &Connection, household_id: i64) -> Result<Vec<VisitRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE v.household_id = ?1 AND v.deleted_at IS NULL
         ORDER BY v.visited_on DESC, v.id DESC"
    ))?;
    let rows = stmt.query_map([household_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Visits (not in the recycle bin) made from `from` to `to` (inclusive), newest first.
pub fn between(conn: &Connection, from: &str, to: &str) -> Result<Vec<VisitRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE v.visited_on BETWEEN ?1 AND ?2 AND v.deleted_at IS NULL
         ORDER BY v.visited_on DESC, v.id DESC"
    ))?;
    let rows = stmt.query_map([from, to], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The household of each live visit from `from` to `to` (inclusive), one per visit: what a
/// month's figures count visits by (from the `visit_day` index alone).
pub fn households_between(conn: &Connection, from: &str, to: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT household_id FROM visit
         WHERE visited_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([from, to], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One visit (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64) -> Result<VisitRow> {
    conn.prepare_cached(&format!("{SELECT} WHERE v.id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "走访", id
        })
}

/// Records a visit (checked by the caller); its id.
pub fn insert(tx: &Transaction, v: &VisitInput) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO visit (household_id, worker_id, visited_on, way, found, need, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        )?
        .query_row(
            params![
                v.household_id,
                v.worker_id,
                v.visited_on,
                v.way.map_or("", VisitWay::label),
                v.found.trim(),
                v.need.trim(),
                now()
            ],
            |r| r.get(0),
        )?)
}

/// Moves a visit to the recycle bin (`deleted_by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE visit SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2 WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    Ok(())
}

//! The `grid_worker` table: who serves which grid, in which role.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::grid::{GridRole, GridWorkerInput};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// Its soft-deleted entries for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str =
    "SELECT w.id, p.name || '（' || u.name || w.role || '）', w.deleted_at, coalesce(w.deleted_by, '')
     FROM grid_worker w JOIN person p ON p.id = w.person_id JOIN org_unit u ON u.id = w.unit_id
     WHERE w.deleted_at IS NOT NULL";

/// A grid worker with the person's fields and the unit's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GridWorkerRow {
    /// The entry's id.
    pub id: i64,
    /// The person serving.
    pub person_id: i64,
    /// The register's fields, the person's own included.
    pub input: GridWorkerInput,
    /// The unit's name, a grid's with its community's (东关社区第一网格).
    pub unit: String,
    /// The unit's path in the tree (`/1/4/9/`), for "everyone under this community".
    pub unit_path: String,
    /// In the recycle bin.
    pub deleted: bool,
}

const SELECT: &str = "SELECT w.id, w.person_id, p.name, coalesce(p.id_number, ''), p.phone,
        w.unit_id, w.role, w.area, w.note,
        CASE WHEN u.kind = '社区/村' THEN u.name ELSE coalesce(pu.name, '') || u.name END,
        u.path, w.deleted_at IS NOT NULL
     FROM grid_worker w
     JOIN person p ON p.id = w.person_id
     JOIN org_unit u ON u.id = w.unit_id
     LEFT JOIN org_unit pu ON pu.id = u.parent_id";

fn row(r: &Row) -> rusqlite::Result<GridWorkerRow> {
    let role: String = r.get(6)?;
    Ok(GridWorkerRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        input: GridWorkerInput {
            name: r.get(2)?,
            id_number: r.get(3)?,
            phone: r.get(4)?,
            unit_id: r.get(5)?,
            role: GridRole::from_label(&role),
            area: r.get(7)?,
            note: r.get(8)?,
        },
        unit: r.get(9)?,
        unit_path: r.get(10)?,
        deleted: r.get(11)?,
    })
}

/// Every grid worker, in the recycle bin or not, by unit and role, then name.
pub fn all(conn: &Connection) -> Result<Vec<GridWorkerRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} ORDER BY u.path, CASE w.role WHEN '网格长' THEN 0 ELSE 1 END, p.name_pinyin, w.id"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One entry (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64) -> Result<GridWorkerRow> {
    conn.prepare_cached(&format!("{SELECT} WHERE w.id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "网格员",
            id,
        })
}

/// The entry of a person at a unit, and whether it is in the recycle bin.
pub fn find(conn: &Connection, person_id: i64, unit_id: i64) -> Result<Option<(i64, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, deleted_at IS NOT NULL FROM grid_worker
             WHERE person_id = ?1 AND unit_id = ?2",
            [person_id, unit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Writes the register's own fields (a new row when `id` is None); the person's are the
/// caller's to write.
pub fn write(
    tx: &Transaction,
    id: Option<i64>,
    person_id: i64,
    w: &GridWorkerInput,
) -> Result<i64> {
    let unit = w.unit_id.ok_or(DbError::NotFound {
        entity: "网格",
        id: 0,
    })?;
    let role = w.role.map_or("", GridRole::label);
    Ok(tx
        .prepare_cached(
            "INSERT INTO grid_worker (id, person_id, unit_id, role, area, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
             ON CONFLICT(id) DO UPDATE SET person_id = ?2, unit_id = ?3, role = ?4, area = ?5,
                 note = ?6, updated_at = ?7
             RETURNING id",
        )?
        .query_row(
            params![id, person_id, unit, role, w.area, w.note, now()],
            |r| r.get(0),
        )?)
}

/// Moves an entry to the recycle bin (`deleted_by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE grid_worker SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    Ok(())
}

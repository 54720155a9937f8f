//! The `org_unit` table: the organisation tree.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::org::OrgKind;
use ts_rs::TS;

use crate::{now, DbError, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrgNode {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    pub name: String,
}

const COLUMNS: &str = "id, parent_id, kind, name";

fn from_row(r: &Row) -> rusqlite::Result<OrgNode> {
    let kind: String = r.get(2)?;
    Ok(OrgNode {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        kind: OrgKind::from_label(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                2,
                rusqlite::types::Type::Text,
                format!("unknown org kind {kind}").into(),
            )
        })?,
        name: r.get(3)?,
    })
}

/// Adds a node under `parent_id` (or a root) and returns its id.
pub fn insert(tx: &Transaction, parent_id: Option<i64>, kind: OrgKind, name: &str) -> Result<i64> {
    let parent_path: String = match parent_id {
        Some(p) => tx
            .query_row("SELECT path FROM org_unit WHERE id = ?1", [p], |r| r.get(0))
            .optional()?
            .ok_or(DbError::NotFound {
                entity: "上级组织",
                id: p,
            })?,
        None => "/".to_owned(),
    };
    tx.execute(
        "INSERT INTO org_unit(parent_id, kind, name, sort, created_at)
         VALUES (?1, ?2, ?3, (SELECT count(*) FROM org_unit WHERE parent_id IS ?1), ?4)",
        params![parent_id, kind.label(), name, now()],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE org_unit SET path = ?1 WHERE id = ?2",
        params![format!("{parent_path}{id}/"), id],
    )?;
    Ok(id)
}

/// Every node, parents before children, siblings in their order.
pub fn all(conn: &Connection) -> Result<Vec<OrgNode>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM org_unit ORDER BY length(path) - length(replace(path, '/', '')), sort, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<OrgNode>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM org_unit WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// The GLOB pattern matching `id` and everything under it, for filters.
pub fn subtree_glob(conn: &Connection, id: i64) -> Result<String> {
    let path: Option<String> = conn
        .query_row("SELECT path FROM org_unit WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    // An unknown id matches nothing rather than everything.
    Ok(path.map_or_else(|| "/nothing/".to_owned(), |p| format!("{p}*")))
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM org_unit", [], |r| r.get(0))?)
}

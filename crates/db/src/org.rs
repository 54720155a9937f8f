//! The `org_unit` table: the organisation tree.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::org::OrgKind;
use ts_rs::TS;

use crate::{now, DbError, Result};

/// Its soft-deleted units for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str = "SELECT id, name || '（' || kind || '）', deleted_at,
                                   coalesce(deleted_by, '')
                            FROM org_unit WHERE deleted_at IS NOT NULL";

/// A unit of the organisation tree (街道, 社区, 网格, 党委, 党支部, 党小组 …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrgNode {
    /// The unit's id.
    pub id: i64,
    /// The unit it hangs under; none for a root.
    pub parent_id: Option<i64>,
    /// What kind of unit it is.
    pub kind: OrgKind,
    /// Its name.
    pub name: String,
    /// For a party organisation: the 社区/村 it serves (数据权限: that community's users see its
    /// members). None for the others, and for a party organisation of the 街道 itself.
    pub serves_id: Option<i64>,
}

const COLUMNS: &str = "id, parent_id, kind, name, serves_id";

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
        serves_id: r.get(4)?,
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

/// Where a record is: its 社区 and its 网格.
pub type Place = (Option<i64>, Option<i64>);

/// Every node not in the recycle bin, parents before children, siblings in their order.
pub fn all(conn: &Connection) -> Result<Vec<OrgNode>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM org_unit WHERE deleted_at IS NULL
         ORDER BY length(path) - length(replace(path, '/', '')), sort, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A node not in the recycle bin.
pub fn get(conn: &Connection, id: i64) -> Result<Option<OrgNode>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM org_unit WHERE id = ?1 AND deleted_at IS NULL"
        ))?
        .query_row([id], from_row)
        .optional()?)
}

/// Says which community a party organisation serves (`None`: none, the 街道's own).
pub fn set_serves(tx: &Transaction, id: i64, community: Option<i64>) -> Result<()> {
    tx.execute(
        "UPDATE org_unit SET serves_id = ?2 WHERE id = ?1",
        params![id, community],
    )?;
    Ok(())
}

/// The units a community's users see records of: the community and everything under it (its
/// grids), and the party organisations that serve it with everything under them (their
/// branches and groups).
pub fn scope_units(conn: &Connection, community: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id FROM org_unit u JOIN org_unit c ON u.path GLOB c.path || '*' WHERE c.id = ?1
         UNION
         SELECT u.id FROM org_unit u JOIN org_unit s ON u.path GLOB s.path || '*'
         WHERE s.serves_id = ?1
         ORDER BY 1",
    )?;
    let ids = stmt.query_map([community], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Every party unit that some community's party organisation holds (it or one above it serves a
/// community): a member of such a branch is that community's, wherever they live.
pub fn claimed_units(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT u.id FROM org_unit u JOIN org_unit s ON u.path GLOB s.path || '*'
         WHERE s.serves_id IS NOT NULL ORDER BY 1",
    )?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Every unit's path (`/1/4/9/`: its ancestors and itself), by id: for telling what lies under
/// what across many records at once.
pub fn paths(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, path FROM org_unit")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

/// How many units the office has (not in the recycle bin).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM org_unit WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// The id the next unit added will get (SQLite gives the largest id so far plus one).
pub fn next_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM org_unit", [], |r| {
            r.get(0)
        })?,
    )
}

/// A node in the recycle bin (for putting it back).
pub fn get_deleted(conn: &Connection, id: i64) -> Result<Option<OrgNode>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM org_unit WHERE id = ?1 AND deleted_at IS NOT NULL"),
            [id],
            from_row,
        )
        .optional()?)
}

/// A sibling under `parent_id` named `name`, active or in the recycle bin (names are unique
/// among siblings, the recycle bin included): (id, deleted).
pub fn sibling_named(
    conn: &Connection,
    parent_id: Option<i64>,
    name: &str,
) -> Result<Option<(i64, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, deleted_at IS NOT NULL FROM org_unit WHERE parent_id IS ?1 AND name = ?2",
            params![parent_id, name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Renames a unit.
pub fn rename(tx: &Transaction, id: i64, name: &str) -> Result<()> {
    tx.execute(
        "UPDATE org_unit SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    Ok(())
}

fn path_of(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT path FROM org_unit WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "组织", id
    })
}

/// Hangs `id` (and everything under it) under `parent_id`, last among its new siblings. The
/// caller has checked that the parent is of a fitting kind and not inside `id`'s subtree.
pub fn move_under(tx: &Transaction, id: i64, parent_id: i64) -> Result<()> {
    let old = path_of(tx, id)?;
    let new = format!("{}{id}/", path_of(tx, parent_id)?);
    tx.execute(
        "UPDATE org_unit SET parent_id = ?1,
             sort = (SELECT count(*) FROM org_unit WHERE parent_id = ?1 AND id <> ?2)
         WHERE id = ?2",
        params![parent_id, id],
    )?;
    tx.execute(
        "UPDATE org_unit SET path = ?1 || substr(path, length(?2) + 1) WHERE path GLOB ?2 || '*'",
        params![new, old],
    )?;
    // A 网格's houses carry its 社区; a 党小组's members carry its 党支部.
    tx.execute(
        "UPDATE house SET community_id = ?1 WHERE grid_id = ?2",
        params![parent_id, id],
    )?;
    tx.execute(
        "UPDATE party_member SET branch_id = ?1 WHERE group_id = ?2",
        params![parent_id, id],
    )?;
    Ok(())
}

/// Whether `id` is `ancestor` or lies under it.
pub fn is_within(conn: &Connection, id: i64, ancestor: i64) -> Result<bool> {
    let path = path_of(conn, id)?;
    Ok(path.contains(&format!("/{ancestor}/")))
}

/// Every column that refers to a unit, besides a unit's parent: (what the clerk is told,
/// table, column). `tests::every_reference_to_a_unit_is_known` holds it to the schema's
/// foreign keys.
const USES: &[(&str, &str, &str)] = &[
    ("党员（所在党支部）", "party_member", "branch_id"),
    ("党员（党小组）", "party_member", "group_id"),
    ("人员（网格）", "person", "grid_id"),
    ("会议记录", "meeting", "org_id"),
    ("房屋（社区）", "house", "community_id"),
    ("房屋（网格）", "house", "grid_id"),
    ("人才", "talent", "community_id"),
    ("网格员（所在网格）", "grid_worker", "unit_id"),
    ("住户（社区）", "household", "community_id"),
    ("住户（网格）", "household", "grid_id"),
    ("诉求（社区）", "appeal", "community_id"),
    ("诉求（网格）", "appeal", "grid_id"),
    ("矛盾纠纷（社区）", "dispute", "community_id"),
    ("矛盾纠纷（网格）", "dispute", "grid_id"),
    ("用户（所属社区）", "app_user", "unit_id"),
    ("党组织（所服务的社区）", "org_unit", "serves_id"),
];

/// Whether a record's field `column` holds a unit's id (`branch_id`, `community_id`, a unit's
/// own `parent_id` …): the audit trail names the unit instead.
pub fn is_unit_column(column: &str) -> bool {
    column == "parent_id" || USES.iter().any(|(_, _, c)| *c == column)
}

/// What refers to a unit: (what, how many), only the kinds that do; records in the recycle
/// bin count too (putting one back needs its unit), units in it do not.
pub fn references(conn: &Connection, id: i64) -> Result<Vec<(&'static str, i64)>> {
    let mut found = Vec::new();
    // A child in the recycle bin comes back only after its parent does.
    let children: i64 = conn.query_row(
        "SELECT count(*) FROM org_unit WHERE parent_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if children > 0 {
        found.push(("下级组织", children));
    }
    for (what, table, column) in USES {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if n > 0 {
            found.push((*what, n));
        }
    }
    Ok(found)
}

/// Moves everything that refers to `from` over to `into` (its active children included; those
/// in the recycle bin stay with it), leaving `from` unreferenced. Returns how many rows moved.
pub fn reassign(tx: &Transaction, from: i64, into: i64) -> Result<usize> {
    let children: Vec<i64> = tx
        .prepare(
            "SELECT id FROM org_unit WHERE parent_id = ?1 AND deleted_at IS NULL ORDER BY sort, id",
        )?
        .query_map([from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut moved = children.len();
    for child in children {
        move_under(tx, child, into)?;
    }
    for (_, table, column) in USES {
        moved += tx.execute(
            &format!("UPDATE {table} SET {column} = ?2 WHERE {column} = ?1"),
            params![from, into],
        )?;
    }
    Ok(moved)
}

/// Moves a unit to the recycle bin (by `actor`) or back out of it.
pub fn set_deleted(tx: &Transaction, id: i64, actor: Option<&str>) -> Result<()> {
    let changed = tx.execute(
        "UPDATE org_unit SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
             deleted_by = ?2
         WHERE id = ?1",
        params![id, actor, now()],
    )?;
    if changed == 0 {
        return Err(DbError::NotFound {
            entity: "组织", id
        });
    }
    Ok(())
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::USES;

    /// A column the schema points at `org_unit` is counted before a unit is removed and moved
    /// when units merge: a new register's unit column cannot be forgotten.
    #[test]
    fn every_reference_to_a_unit_is_known() -> crate::Result<()> {
        let db = crate::Db::open_in_memory()?;
        let mut stmt = db.conn().prepare(
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = 'org_unit'
               AND NOT (m.name = 'org_unit' AND f.\"from\" = 'parent_id')
             ORDER BY 1, 2",
        )?;
        let mut schema = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut known: Vec<(String, String)> = USES
            .iter()
            .map(|(_, t, c)| ((*t).to_owned(), (*c).to_owned()))
            .collect();
        schema.sort();
        known.sort();
        assert_eq!(known, schema);
        Ok(())
    }
}

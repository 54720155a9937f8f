//! The recycle bin (回收站): soft-deleted records of every register, newest first. The
//! registers are named by `app::registers`; each table module says how its deleted records
//! read (its `RECYCLED` query).

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{page, Page, Result};

/// One deleted record, as the 回收站 lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecycledItem {
    /// The register, e.g. 党员.
    pub entity: String,
    /// The record's id in its register.
    pub entity_id: i64,
    /// What the clerk recognises the record by, e.g. "王国民（第一党支部）".
    pub title: String,
    /// When it was deleted (local time, `YYYY-MM-DD HH:MM:SS`).
    pub deleted_at: String,
    /// Who deleted it ("" when not recorded).
    pub deleted_by: String,
}

/// A kind of record that can sit in the recycle bin.
#[derive(Debug, Clone, Copy)]
pub struct Bin {
    /// Its name in the list (the audit trail's entity, e.g. 党员).
    pub entity: &'static str,
    /// Its deleted records as `SELECT id, title, deleted_at, deleted_by … WHERE deleted_at IS
    /// NOT NULL`.
    pub recycled: &'static str,
}

/// Page `page` of every deleted record of the `bins`, newest first.
pub fn list(
    conn: &Connection,
    bins: &[Bin],
    page: u32,
    page_size: u32,
) -> Result<Page<RecycledItem>> {
    let (page, page_size) = page::clamp(page, page_size);
    let items_sql = bins
        .iter()
        .map(|b| {
            format!(
                "SELECT '{}', * FROM ({})",
                b.entity.replace('\'', "''"),
                b.recycled
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM ({items_sql})"), [], |r| {
        r.get(0)
    })?;
    let mut stmt =
        conn.prepare_cached(&format!("{items_sql} ORDER BY 4 DESC LIMIT ?1 OFFSET ?2"))?;
    let items = stmt
        .query_map(
            params![page_size, (page as i64 - 1) * page_size as i64],
            |r| {
                Ok(RecycledItem {
                    entity: r.get(0)?,
                    entity_id: r.get(1)?,
                    title: r.get(2)?,
                    deleted_at: r.get(3)?,
                    deleted_by: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

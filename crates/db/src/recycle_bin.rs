//! The recycle bin (回收站): soft-deleted records of every register, newest first.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{page, Page, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecycledItem {
    /// The register, e.g. 党员.
    pub entity: String,
    pub entity_id: i64,
    /// What the clerk recognises the record by, e.g. "王国民（第一党支部）".
    pub title: String,
    pub deleted_at: String,
    pub deleted_by: String,
}

pub fn list(conn: &Connection, page: u32, page_size: u32) -> Result<Page<RecycledItem>> {
    let (page, page_size) = page::clamp(page, page_size);
    // One SELECT per register, joined with UNION ALL as registers arrive.
    let items_sql = "SELECT '党员', m.id, p.name || '（' || b.name || '）', m.deleted_at,
                            coalesce(m.deleted_by, '')
                     FROM party_member m JOIN person p ON p.id = m.person_id
                     JOIN org_unit b ON b.id = m.branch_id
                     WHERE m.deleted_at IS NOT NULL
                     UNION ALL
                     SELECT '会议', id, title || '（' || substr(held_at, 1, 10) || '）', deleted_at,
                            coalesce(deleted_by, '')
                     FROM meeting WHERE deleted_at IS NOT NULL
                     UNION ALL
                     SELECT '房屋', id, address || '（' || owner || '）', deleted_at,
                            coalesce(deleted_by, '')
                     FROM house WHERE deleted_at IS NOT NULL
                     UNION ALL
                     SELECT '房屋附件', a.id, a.name || '（' || h.address || '）', a.deleted_at,
                            coalesce(a.deleted_by, '')
                     FROM house_attachment a JOIN house h ON h.id = a.house_id
                     WHERE a.deleted_at IS NOT NULL
                     UNION ALL
                     SELECT '人才', t.id, p.name || '（人才库）', t.deleted_at,
                            coalesce(t.deleted_by, '')
                     FROM talent t JOIN person p ON p.id = t.person_id
                     WHERE t.deleted_at IS NOT NULL
                     UNION ALL
                     SELECT '组织', id, name || '（' || kind || '）', deleted_at,
                            coalesce(deleted_by, '')
                     FROM org_unit WHERE deleted_at IS NOT NULL";
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

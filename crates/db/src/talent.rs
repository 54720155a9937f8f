//! The 人才库 tables: `talent` (one per person) and its tags (categories and skills).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::talent::TalentInput;
use ts_rs::TS;

use crate::{now, DbError, Result};

/// A talent with the person's own fields and the community's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TalentRow {
    pub id: i64,
    pub person_id: i64,
    pub input: TalentInput,
    pub community: String,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    pub deleted: bool,
}

const TALENT_SELECT: &str = "SELECT t.id, t.person_id, p.name, coalesce(p.id_number, ''),
        p.phone, t.community_id, p.education, t.major, t.work_place, t.political, t.honours,
        t.note, coalesce(c.name, ''), p.sex, p.birth_date, t.deleted_at IS NOT NULL
    FROM talent t
    JOIN person p ON p.id = t.person_id
    LEFT JOIN org_unit c ON c.id = t.community_id";

fn talent_row(r: &Row) -> rusqlite::Result<TalentRow> {
    Ok(TalentRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        input: TalentInput {
            name: r.get(2)?,
            id_number: r.get(3)?,
            phone: r.get(4)?,
            community_id: r.get(5)?,
            categories: Vec::new(),
            education: r.get(6)?,
            major: r.get(7)?,
            skills: Vec::new(),
            work_place: r.get(8)?,
            political: r.get(9)?,
            honours: r.get(10)?,
            note: r.get(11)?,
        },
        community: r.get(12)?,
        sex: r.get(13)?,
        birth_date: r.get(14)?,
        deleted: r.get(15)?,
    })
}

/// Every talent, in the recycle bin or not, by name's pinyin, with their tags.
pub fn all(conn: &Connection) -> Result<Vec<TalentRow>> {
    let mut rows: Vec<TalentRow> = conn
        .prepare_cached(&format!("{TALENT_SELECT} ORDER BY p.name_pinyin, t.id"))?
        .query_map([], talent_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut tags: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT talent_id, kind, value FROM talent_tag ORDER BY sort")?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let (id, kind, value): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let entry = tags.entry(id).or_default();
        if kind == "category" {
            entry.0.push(value);
        } else {
            entry.1.push(value);
        }
    }
    for row in &mut rows {
        if let Some((categories, skills)) = tags.remove(&row.id) {
            row.input.categories = categories;
            row.input.skills = skills;
        }
    }
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<TalentRow> {
    let mut row = conn
        .query_row(
            &format!("{TALENT_SELECT} WHERE t.id = ?1"),
            [id],
            talent_row,
        )
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "人才", id
        })?;
    row.input.categories = tags(conn, id, "category")?;
    row.input.skills = tags(conn, id, "skill")?;
    Ok(row)
}

fn tags(conn: &Connection, id: i64, kind: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT value FROM talent_tag WHERE talent_id = ?1 AND kind = ?2 ORDER BY sort",
    )?;
    let rows = stmt.query_map(params![id, kind], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The talent record of a person, and whether it is in the recycle bin.
pub fn find_by_person(conn: &Connection, person_id: i64) -> Result<Option<(i64, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, deleted_at IS NOT NULL FROM talent WHERE person_id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Writes the pool's own fields and tags (a new row when `id` is None); the person's fields
/// are the caller's to write.
pub fn write(tx: &Transaction, id: Option<i64>, person_id: i64, t: &TalentInput) -> Result<i64> {
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO talent (id, person_id, community_id, major, work_place, political,
                    honours, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
             ON CONFLICT(id) DO UPDATE SET person_id = ?2, community_id = ?3, major = ?4,
                    work_place = ?5, political = ?6, honours = ?7, note = ?8, updated_at = ?9
             RETURNING id",
        )?
        .query_row(
            params![
                id,
                person_id,
                t.community_id,
                t.major,
                t.work_place,
                t.political,
                t.honours,
                t.note,
                now(),
            ],
            |r| r.get(0),
        )?;
    tx.execute("DELETE FROM talent_tag WHERE talent_id = ?1", [id])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO talent_tag (talent_id, kind, value, sort) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (kind, list) in [("category", &t.categories), ("skill", &t.skills)] {
        for (i, value) in list.iter().enumerate() {
            insert.execute(params![id, kind, value, i as i64])?;
        }
    }
    Ok(id)
}

pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE talent SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    Ok(())
}

/// Skills in use with how many talents (not in the recycle bin) have each, most common first:
/// the form's suggestions.
pub fn skills(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.value, count(*) FROM talent_tag g JOIN talent t ON t.id = g.talent_id
         WHERE g.kind = 'skill' AND t.deleted_at IS NULL
         GROUP BY g.value ORDER BY count(*) DESC, g.value",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

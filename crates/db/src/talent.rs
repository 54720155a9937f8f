//! The 人才库 tables: `talent` (one per person) and its tags (categories and skills).

use std::collections::HashMap;

use rusqlite::{
    params, params_from_iter,
    types::{Type, Value as SqlValue, ValueRef},
    Connection, OptionalExtension, Row, Transaction,
};
use serde::{Deserialize, Serialize};
use taizhang_core::talent::TalentInput;
use ts_rs::TS;

/// Its soft-deleted entries for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str =
    "SELECT t.id, p.name || '（人才库）', t.deleted_at, coalesce(t.deleted_by, '')
                            FROM talent t JOIN person p ON p.id = t.person_id
                            WHERE t.deleted_at IS NOT NULL";

use crate::{now, DbError, Result};

/// A talent with the person's own fields and the community's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TalentRow {
    /// The entry's id.
    pub id: i64,
    /// The person it is about.
    pub person_id: i64,
    /// The register's fields, the person's own included.
    pub input: TalentInput,
    /// The community's name ("" when none).
    pub community: String,
    /// 男 or 女, from the person.
    pub sex: Option<String>,
    /// `YYYY-MM-DD`, from the person.
    pub birth_date: Option<String>,
    /// In the recycle bin.
    pub deleted: bool,
}

/// The fields a talent keeps on the shared person record, as the query reads them.
const PERSON: &[(&str, &str)] = &[
    ("name", "p.name"),
    ("id_number", "coalesce(p.id_number, '')"),
    ("phone", "p.phone"),
    ("education", "p.education"),
];

/// The pool's lists, kept in `talent_tag` (kinds `category` and `skill`).
const TAGS: &[&str] = &["categories", "skills"];

/// The `talent` table's own columns: every other field of [`TalentInput`], under its own name.
/// A field added to the input is read and written here once the migration adds its column.
static OWN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let Ok(serde_json::Value::Object(blank)) = serde_json::to_value(TalentInput::default()) else {
        return Vec::new();
    };
    blank
        .keys()
        .filter(|k| !PERSON.iter().any(|(field, _)| field == k) && !TAGS.contains(&k.as_str()))
        .cloned()
        .collect()
});

/// `SELECT` of a talent: id, person id, the person's fields, the own columns, then the
/// community's name, sex, birth date and whether deleted.
static TALENT_SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let person: Vec<&str> = PERSON.iter().map(|(_, expr)| *expr).collect();
    let own: Vec<String> = OWN.iter().map(|c| format!("t.{c}")).collect();
    format!(
        "SELECT t.id, t.person_id, {}, {}, coalesce(c.name, ''), p.sex, p.birth_date,
                t.deleted_at IS NOT NULL
         FROM talent t
         JOIN person p ON p.id = t.person_id
         LEFT JOIN org_unit c ON c.id = t.community_id",
        person.join(", "),
        own.join(", ")
    )
});

fn json_of(value: ValueRef) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned().into(),
    }
}

fn sql_of(value: &serde_json::Value) -> SqlValue {
    match value {
        serde_json::Value::Null => SqlValue::Null,
        serde_json::Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or_default())),
        serde_json::Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn talent_row(r: &Row) -> rusqlite::Result<TalentRow> {
    let own = &*OWN;
    let mut input = serde_json::Map::new();
    for (i, (field, _)) in PERSON.iter().enumerate() {
        input.insert((*field).to_owned(), json_of(r.get_ref(2 + i)?));
    }
    for (i, column) in own.iter().enumerate() {
        input.insert(column.clone(), json_of(r.get_ref(2 + PERSON.len() + i)?));
    }
    for field in TAGS {
        input.insert((*field).to_owned(), serde_json::Value::Array(Vec::new()));
    }
    let input: TalentInput = serde_json::from_value(input.into())
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, Type::Text, Box::new(e)))?;
    let at = 2 + PERSON.len() + own.len();
    Ok(TalentRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        input,
        community: r.get(at)?,
        sex: r.get(at + 1)?,
        birth_date: r.get(at + 2)?,
        deleted: r.get(at + 3)?,
    })
}

/// Every talent, in the recycle bin or not, by name's pinyin, with their tags.
pub fn all(conn: &Connection) -> Result<Vec<TalentRow>> {
    let mut rows: Vec<TalentRow> = conn
        .prepare_cached(&format!("{} ORDER BY p.name_pinyin, t.id", *TALENT_SELECT))?
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

/// One entry, with its person (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64) -> Result<TalentRow> {
    let mut row = conn
        .query_row(
            &format!("{} WHERE t.id = ?1", *TALENT_SELECT),
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
    let own = &*OWN;
    let values = serde_json::to_value(t).unwrap_or_default();
    // ?1 id, ?2 person, ?3 now, then the own columns from ?4.
    let placeholders: Vec<String> = (0..own.len()).map(|i| format!("?{}", i + 4)).collect();
    let updates: Vec<String> = own.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO talent (id, person_id, created_at, updated_at, {})
         VALUES (?1, ?2, ?3, ?3, {})
         ON CONFLICT(id) DO UPDATE SET person_id = ?2, updated_at = ?3, {}
         RETURNING id",
        own.join(", "),
        placeholders.join(", "),
        updates.join(", ")
    );
    let mut params: Vec<SqlValue> = vec![
        id.map_or(SqlValue::Null, SqlValue::Integer),
        SqlValue::Integer(person_id),
        SqlValue::Text(now()),
    ];
    params.extend(own.iter().map(|c| sql_of(&values[c.as_str()])));
    let id: i64 = tx
        .prepare_cached(&sql)?
        .query_row(params_from_iter(params), |r| r.get(0))?;
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

/// Moves an entry to the recycle bin (`deleted_by` = who) or back out of it (None).
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

//! The `person` table: one row per human being, shared by every register.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use taizhang_core::{name_key, search::reversed};

use crate::{now, Result};

/// A person's own fields, as the registers write them.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
    pub name: String,
    pub id_number: Option<String>,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    pub nation: String,
    pub native_place: String,
    pub education: String,
    pub phone: String,
    pub address: String,
    pub grid_id: Option<i64>,
}

pub fn find_by_id_number(conn: &Connection, id_number: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM person WHERE id_number = ?1",
            [id_number],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes a person: a new row when `id` is None, else that row. The search keys are derived
/// here, with the row, so they can never be forgotten.
fn write(tx: &Transaction, id: Option<i64>, p: &PersonRecord) -> Result<i64> {
    let key = name_key::of(&p.name);
    tx.prepare_cached(
        "INSERT INTO person(id, name, id_number, sex, birth_date, nation, native_place, education,
                            phone, address, grid_id, name_initials, name_pinyin, name_chars, id_rev,
                            phone_rev, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)
         ON CONFLICT(id) DO UPDATE SET name = ?2, id_number = ?3, sex = ?4, birth_date = ?5,
                nation = ?6, native_place = ?7, education = ?8, phone = ?9, address = ?10,
                grid_id = ?11, name_initials = ?12, name_pinyin = ?13, name_chars = ?14,
                id_rev = ?15, phone_rev = ?16, updated_at = ?17
         RETURNING id",
    )?
    .query_row(
        params![
            id,
            p.name,
            p.id_number,
            p.sex,
            p.birth_date,
            p.nation,
            p.native_place,
            p.education,
            p.phone,
            p.address,
            p.grid_id,
            key.initials,
            key.full,
            key.chars,
            reversed(p.id_number.as_deref().unwrap_or("")),
            reversed(&p.phone),
            now(),
        ],
        |r| r.get(0),
    )
    .map_err(Into::into)
}

/// A person's own fields.
pub fn get(conn: &Connection, id: i64) -> Result<PersonRecord> {
    conn.query_row(
        "SELECT name, id_number, sex, birth_date, nation, native_place, education, phone, address,
                grid_id
         FROM person WHERE id = ?1",
        [id],
        |r| {
            Ok(PersonRecord {
                name: r.get(0)?,
                id_number: r.get(1)?,
                sex: r.get(2)?,
                birth_date: r.get(3)?,
                nation: r.get(4)?,
                native_place: r.get(5)?,
                education: r.get(6)?,
                phone: r.get(7)?,
                address: r.get(8)?,
                grid_id: r.get(9)?,
            })
        },
    )
    .optional()?
    .ok_or(crate::DbError::NotFound {
        entity: "人员", id
    })
}

pub fn insert(tx: &Transaction, p: &PersonRecord) -> Result<i64> {
    write(tx, None, p)
}

pub fn update(tx: &Transaction, id: i64, p: &PersonRecord) -> Result<()> {
    write(tx, Some(id), p).map(|_| ())
}

//! The `person` table: one row per human being, shared by every register.

use rusqlite::{params, types::Value as SqlValue, Connection, OptionalExtension, Transaction};
use taizhang_core::{
    id_number::IdNumber,
    name_key,
    search::{reversed, SearchText},
};

use crate::{now, Result};

/// A person's own fields, as the registers write them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonRecord {
    /// The name.
    pub name: String,
    /// 公民身份号码, 18 characters, checked; none when not known.
    pub id_number: Option<String>,
    /// 男 or 女 (from the ID when it has one).
    pub sex: Option<String>,
    /// `YYYY-MM-DD` (from the ID when it has one).
    pub birth_date: Option<String>,
    /// 民族.
    pub nation: String,
    /// 籍贯.
    pub native_place: String,
    /// 学历.
    pub education: String,
    /// The phone number.
    pub phone: String,
    /// The home address.
    pub address: String,
    /// The grid the person lives in.
    pub grid_id: Option<i64>,
}

/// The person holding `id_number`, if any.
pub fn find_by_id_number(conn: &Connection, id_number: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM person WHERE id_number = ?1")?
        .query_row([id_number], |r| r.get(0))
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

/// Adds a person; returns the id.
pub fn insert(tx: &Transaction, p: &PersonRecord) -> Result<i64> {
    write(tx, None, p)
}

/// Rewrites a person's own fields.
pub fn update(tx: &Transaction, id: i64, p: &PersonRecord) -> Result<()> {
    write(tx, Some(id), p).map(|_| ())
}

/// What a search box's text asks of the persons `p`.
pub enum PersonMatch {
    /// Nothing can match (an empty search).
    Nothing,
    /// A condition on `person p`'s columns (pinyin, ID or phone tail).
    Where(String),
    /// A subquery of matching person ids (a name fragment, through the name index).
    Ids(String),
}

/// The roster's and the global search's one reading of a search text: pinyin initials or
/// full-pinyin prefix, the tail of an ID or phone, or a fragment of a name. `arg` binds a value
/// and returns its placeholder.
pub fn search_match(text: &str, arg: &mut impl FnMut(SqlValue) -> String) -> PersonMatch {
    match SearchText::parse(text) {
        SearchText::Empty => PersonMatch::Nothing,
        SearchText::Pinyin(s) => {
            let a = arg(SqlValue::Text(format!("{s}*")));
            PersonMatch::Where(format!(
                "(p.name_initials GLOB {a} OR p.name_pinyin GLOB {a})"
            ))
        }
        SearchText::Digits(s) => {
            let a = arg(SqlValue::Text(format!("{}*", reversed(&s))));
            PersonMatch::Where(format!("(p.id_rev GLOB {a} OR p.phone_rev GLOB {a})"))
        }
        SearchText::Name(s) => {
            // A phrase of single-character tokens: the fragment, contiguous, in order.
            let phrase = name_key::spaced(&s.replace('"', ""));
            let a = arg(SqlValue::Text(format!("\"{phrase}\"")));
            PersonMatch::Ids(format!(
                "SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH {a}"
            ))
        }
    }
}

/// Every person: (id, name, ID number), in pinyin order.
pub fn names(conn: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut stmt =
        conn.prepare("SELECT id, name, id_number FROM person ORDER BY name_pinyin, id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The persons a search text finds, by pinyin, at most `limit`.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<i64>> {
    let mut args = Vec::new();
    let condition = match search_match(text, &mut |v| {
        args.push(v);
        format!("?{}", args.len())
    }) {
        PersonMatch::Nothing => return Ok(Vec::new()),
        PersonMatch::Where(c) => c,
        PersonMatch::Ids(q) => format!("p.id IN ({q})"),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id FROM person p WHERE {condition} ORDER BY p.name_pinyin, p.id LIMIT {limit}"
    ))?;
    let ids = stmt.query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Where one person is referred to, for a merge: (table, column) pairs. Tables that allow one
/// row per person are `unique`.
const REFERENCES: &[(&str, &str, bool)] = &[
    ("party_member", "person_id", true),
    ("talent", "person_id", true),
    ("points_account", "person_id", true),
    ("house", "owner_person_id", false),
    ("meeting_attendee", "person_id", false),
    ("grid_worker", "person_id", false),
    ("household_member", "person_id", false),
];

/// The registers in which both persons have a record of their own (one membership, one talent
/// record, one account per person): a merge would have to drop one of them.
pub fn both_in(conn: &Connection, a: i64, b: i64) -> Result<Vec<&'static str>> {
    let mut out = Vec::new();
    for (table, column, unique) in REFERENCES {
        if !unique {
            continue;
        }
        let both: bool = conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM {table} WHERE {column} = ?1)
                      * (SELECT count(*) FROM {table} WHERE {column} = ?2) > 0"
            ),
            [a, b],
            |r| r.get(0),
        )?;
        if both {
            out.push(*table);
        }
    }
    Ok(out)
}

/// Points every record of `from` at `into`, then removes `from`'s row (nothing refers to it
/// any more). The caller has checked [`both_in`] is empty.
pub fn merge(tx: &Transaction, from: i64, into: i64) -> Result<()> {
    for (table, column, _) in REFERENCES {
        tx.execute(
            &format!("UPDATE {table} SET {column} = ?2 WHERE {column} = ?1"),
            [from, into],
        )?;
    }
    tx.execute("DELETE FROM person WHERE id = ?1", [from])?;
    Ok(())
}

/// What a register knows of a person it is about to link.
pub struct Known<'a> {
    /// The name.
    pub name: &'a str,
    /// The phone number ("" when not known).
    pub phone: &'a str,
    /// The address ("" when not known).
    pub address: &'a str,
    /// The grid, when known.
    pub grid_id: Option<i64>,
}

/// The person with this ID: the one already known (the same person in every register), or a
/// new record with what the register knows; birth date and sex come from the ID.
pub fn find_or_add(tx: &Transaction, id: &IdNumber, known: Known) -> Result<i64> {
    if let Some(p) = find_by_id_number(tx, id.as_str())? {
        return Ok(p);
    }
    insert(
        tx,
        &PersonRecord {
            name: known.name.trim().to_owned(),
            id_number: Some(id.as_str().to_owned()),
            sex: Some(id.sex().label().to_owned()),
            birth_date: Some(id.birth_date().to_string()),
            nation: String::new(),
            native_place: String::new(),
            education: String::new(),
            phone: known.phone.trim().to_owned(),
            address: known.address.trim().to_owned(),
            grid_id: known.grid_id,
        },
    )
}

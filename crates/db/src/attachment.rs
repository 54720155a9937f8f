//! Photos and scanned documents kept with a record, inside the database (so the one file and
//! every backup hold them): a house's (`house_attachment`) and a 诉求's (`appeal_attachment`),
//! one table each, the same columns.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// The kind of record an attachment is kept with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A house (房屋安全).
    House,
    /// A 诉求.
    Appeal,
}

impl Owner {
    fn table(self) -> &'static str {
        match self {
            Owner::House => "house_attachment",
            Owner::Appeal => "appeal_attachment",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Owner::House => "house_id",
            Owner::Appeal => "appeal_id",
        }
    }

    /// Its name in the recycle bin and the audit trail.
    pub const fn entity(self) -> &'static str {
        match self {
            Owner::House => "房屋附件",
            Owner::Appeal => "诉求附件",
        }
    }
}

/// The deleted attachments for the recycle bin, each named with its house's address.
pub const RECYCLED_HOUSE: &str =
    "SELECT a.id, a.name || '（' || h.address || '）', a.deleted_at, coalesce(a.deleted_by, '')
     FROM house_attachment a JOIN house h ON h.id = a.house_id
     WHERE a.deleted_at IS NOT NULL";

/// The deleted attachments for the recycle bin, each named with its 诉求's number.
pub const RECYCLED_APPEAL: &str =
    "SELECT a.id, a.name || '（诉求 ' || p.number || '）', a.deleted_at, coalesce(a.deleted_by, '')
     FROM appeal_attachment a JOIN appeal p ON p.id = a.appeal_id
     WHERE a.deleted_at IS NOT NULL";

/// A photo or scanned document, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Attachment {
    /// The attachment's id.
    pub id: i64,
    /// The record it is kept with (a house's id, a 诉求's).
    pub owner_id: i64,
    /// Its file name.
    pub name: String,
    /// Its MIME type (image/jpeg, application/pdf …).
    pub mime: String,
    /// Its size in bytes.
    pub size: i64,
    /// What it shows.
    pub note: String,
    /// When it was added.
    pub added_at: String,
}

fn columns(owner: Owner) -> String {
    format!(
        "id, {}, name, mime, length(bytes), note, added_at",
        owner.key()
    )
}

fn row(r: &Row) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        name: r.get(2)?,
        mime: r.get(3)?,
        size: r.get(4)?,
        note: r.get(5)?,
        added_at: r.get(6)?,
    })
}

/// Keeps a photo or scan with the record `owner_id`; returns its id.
pub fn insert(
    tx: &Transaction,
    (owner, owner_id): (Owner, i64),
    name: &str,
    mime: &str,
    bytes: &[u8],
    note: &str,
) -> Result<i64> {
    tx.execute(
        &format!(
            "INSERT INTO {} ({}, name, mime, bytes, note, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            owner.table(),
            owner.key()
        ),
        params![owner_id, name, mime, bytes, note, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A record's attachments not in the recycle bin, in the order they were added.
pub fn of(conn: &Connection, owner: Owner, owner_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {} WHERE {} = ?1 AND deleted_at IS NULL ORDER BY id",
        columns(owner),
        owner.table(),
        owner.key()
    ))?;
    let rows = stmt
        .query_map([owner_id], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One attachment (in the recycle bin or not) and its bytes.
pub fn get(conn: &Connection, owner: Owner, id: i64) -> Result<(Attachment, Vec<u8>)> {
    conn.query_row(
        &format!(
            "SELECT {}, bytes FROM {} WHERE id = ?1",
            columns(owner),
            owner.table()
        ),
        [id],
        |r| Ok((row(r)?, r.get(7)?)),
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: owner.entity(),
        id,
    })
}

/// Moves an attachment to the recycle bin (`by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, owner: Owner, id: i64, by: Option<&str>) -> Result<()> {
    tx.execute(
        &format!(
            "UPDATE {} SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                    deleted_by = ?2 WHERE id = ?1",
            owner.table()
        ),
        params![id, by, now()],
    )?;
    Ok(())
}

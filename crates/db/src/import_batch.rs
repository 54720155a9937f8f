//! The `import_batch`, `import_change` and `import_mapping` tables: what each applied import
//! changed (so it can be undone as a whole) and the column mappings remembered per layout.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::audit::AuditAction;
use ts_rs::TS;

use crate::{now, DbError, Result};

/// One applied import, as the import history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportBatch {
    /// The batch's id.
    pub id: i64,
    /// The register's command-line name (`party-members`, `houses` …).
    pub register: String,
    /// The file's name.
    pub file_name: String,
    /// SHA-256 of the file's bytes: the same file imported twice is recognised.
    pub content_hash: String,
    /// The sheets read, joined with 、.
    pub sheets: String,
    /// Records the batch created.
    pub created: u32,
    /// Records it changed.
    pub changed: u32,
    /// Rows that matched a record and changed nothing.
    pub unchanged: u32,
    /// Rows left alone because the record was edited after the file was saved.
    pub conflicts: u32,
    /// Rows refused.
    pub errors: u32,
    /// When it was applied.
    pub at: String,
    /// Who applied it.
    pub actor: String,
    /// When it was undone; none while it stands.
    pub undone_at: Option<String>,
    /// Who undid it.
    pub undone_by: Option<String>,
}

/// A batch about to be written.
pub struct NewBatch<'a> {
    /// The register's command-line name.
    pub register: &'a str,
    /// The file's name.
    pub file_name: &'a str,
    /// SHA-256 of the file's bytes.
    pub content_hash: &'a str,
    /// The sheets read, joined with 、.
    pub sheets: &'a str,
    /// Records created.
    pub created: u32,
    /// Records changed.
    pub changed: u32,
    /// Rows that changed nothing.
    pub unchanged: u32,
    /// Rows left alone as conflicts.
    pub conflicts: u32,
    /// Rows refused.
    pub errors: u32,
    /// Who applied it.
    pub actor: &'a str,
}

/// What a batch did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeAction {
    /// A record that did not exist.
    Create,
    /// A record brought back from the recycle bin with the file's values.
    Restore,
    /// A record whose fields the file changed.
    Update,
}

impl ChangeAction {
    fn as_str(self) -> &'static str {
        match self {
            ChangeAction::Create => "create",
            ChangeAction::Restore => "restore",
            ChangeAction::Update => "update",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Create, Self::Restore, Self::Update]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// What a batch did to one record: what undoing it puts back.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The record's id in its register.
    pub entity_id: i64,
    /// Created, restored or changed.
    pub action: ChangeAction,
    /// The record's input as JSON before the batch; None when the batch created it.
    pub before: Option<String>,
    /// The record's input as JSON after the batch.
    pub after: String,
}

/// Writes a batch; returns its id.
pub fn insert(tx: &Transaction, b: &NewBatch) -> Result<i64> {
    tx.execute(
        "INSERT INTO import_batch(register, file_name, content_hash, sheets, created, changed,
                                  unchanged, conflicts, errors, at, actor, audit_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0)",
        params![
            b.register,
            b.file_name,
            b.content_hash,
            b.sheets,
            b.created,
            b.changed,
            b.unchanged,
            b.conflicts,
            b.errors,
            now(),
            b.actor,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The batch's own audit entry, written after its records' entries.
pub fn set_audit_id(tx: &Transaction, id: i64, audit_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE import_batch SET audit_id = ?2 WHERE id = ?1",
        params![id, audit_id],
    )?;
    Ok(())
}

/// Records what a batch did to one record.
pub fn add_change(tx: &Transaction, batch_id: i64, c: &Change) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO import_change(batch_id, entity_id, action, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        batch_id,
        c.entity_id,
        c.action.as_str(),
        c.before,
        c.after
    ])?;
    Ok(())
}

const COLUMNS: &str = "id, register, file_name, content_hash, sheets, created, changed, unchanged,
                       conflicts, errors, at, actor, undone_at, undone_by";

fn batch(r: &rusqlite::Row) -> rusqlite::Result<ImportBatch> {
    Ok(ImportBatch {
        id: r.get(0)?,
        register: r.get(1)?,
        file_name: r.get(2)?,
        content_hash: r.get(3)?,
        sheets: r.get(4)?,
        created: r.get(5)?,
        changed: r.get(6)?,
        unchanged: r.get(7)?,
        conflicts: r.get(8)?,
        errors: r.get(9)?,
        at: r.get(10)?,
        actor: r.get(11)?,
        undone_at: r.get(12)?,
        undone_by: r.get(13)?,
    })
}

/// Every batch, newest first.
pub fn list(conn: &Connection) -> Result<Vec<ImportBatch>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM import_batch ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([], batch)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One batch and its audit entry's id.
pub fn get(conn: &Connection, id: i64) -> Result<(ImportBatch, i64)> {
    conn.query_row(
        &format!("SELECT {COLUMNS}, audit_id FROM import_batch WHERE id = ?1"),
        [id],
        |r| Ok((batch(r)?, r.get(14)?)),
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "导入批次",
        id,
    })
}

/// What a batch did, record by record, in the order it did it.
pub fn changes(conn: &Connection, batch_id: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT entity_id, action, before, after FROM import_change WHERE batch_id = ?1
         ORDER BY id",
    )?;
    let rows = stmt.query_map([batch_id], |r| {
        let action: String = r.get(1)?;
        Ok(Change {
            entity_id: r.get(0)?,
            action: ChangeAction::parse(&action).unwrap_or(ChangeAction::Update),
            before: r.get(2)?,
            after: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The first edit of `entity` `entity_id` after audit entry `after` (by hand or by another
/// import; looking is not editing): (time, who, what).
pub fn later_edit(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
    after: i64,
) -> Result<Option<(String, String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT at, actor, summary FROM audit_log
             WHERE entity = ?1 AND entity_id = ?2 AND id > ?3 AND action <> ?4
             ORDER BY id LIMIT 1",
        )?
        .query_row(
            params![entity, entity_id, after, AuditAction::Reveal.label()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// When and by whom a record's present content was last edited: its latest audit entry that
/// changed it, where an undone import and its undo cancel out (the record is again as it was
/// before that import, so a file saved in between overwrites nothing newer than itself).
pub fn last_edit(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
) -> Result<Option<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, action FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 AND action <> ?3
         ORDER BY id DESC",
    )?;
    let mut rows = stmt.query(params![entity, entity_id, AuditAction::Reveal.label()])?;
    let (import, undo) = (AuditAction::Import.label(), AuditAction::UndoImport.label());
    let mut undone = 0;
    while let Some(r) = rows.next()? {
        let action: String = r.get(2)?;
        if action == undo {
            undone += 1;
        } else if action == import && undone > 0 {
            undone -= 1;
        } else {
            return Ok(Some((r.get(0)?, r.get(1)?)));
        }
    }
    Ok(None)
}

/// Marks a batch undone by `actor`.
pub fn mark_undone(tx: &Transaction, id: i64, actor: &str) -> Result<()> {
    tx.execute(
        "UPDATE import_batch SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
        params![id, now(), actor],
    )?;
    Ok(())
}

/// The mapping remembered for a layout, as JSON.
pub fn mapping(conn: &Connection, register: &str, fingerprint: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT mapping FROM import_mapping WHERE register = ?1 AND fingerprint = ?2",
            params![register, fingerprint],
            |r| r.get(0),
        )
        .optional()?)
}

/// Remembers a layout's column mapping and the values chosen for it (JSON objects both).
pub fn remember_mapping(
    tx: &Transaction,
    register: &str,
    fingerprint: &str,
    (mapping, choices): (&str, &str),
) -> Result<()> {
    tx.execute(
        "INSERT INTO import_mapping(register, fingerprint, mapping, choices, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(register, fingerprint)
         DO UPDATE SET mapping = ?3, choices = ?4, updated_at = ?5",
        params![register, fingerprint, mapping, choices, now()],
    )?;
    Ok(())
}

/// The values chosen for a layout (JSON), if it was imported before.
pub fn choices(conn: &Connection, register: &str, fingerprint: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT choices FROM import_mapping WHERE register = ?1 AND fingerprint = ?2",
            params![register, fingerprint],
            |r| r.get(0),
        )
        .optional()?)
}

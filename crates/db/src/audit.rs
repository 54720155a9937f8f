//! The `audit_log` table (操作日志): append-only record of who changed what, and when.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use taizhang_core::audit::AuditAction;
use ts_rs::TS;

use crate::{now, page, Page, Result};

/// One entry of the audit trail (操作日志): who did what to which record, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    /// The entry's id.
    pub id: i64,
    /// When (local time, `YYYY-MM-DD HH:MM:SS`).
    pub at: String,
    /// Who: the logged-in user's name (the system user's from the CLI).
    pub actor: String,
    /// From which PC: another PC's address on the office network; empty on the PC that holds
    /// the database.
    pub place: String,
    /// What, in Chinese (新增, 修改, 删除, 恢复, 导入 …).
    pub action: String,
    /// The register, e.g. 党员.
    pub entity: String,
    /// The record's id in its register (0 for the whole office).
    pub entity_id: i64,
    /// What happened, in one Chinese sentence.
    pub summary: String,
    /// `{field: [before, after]}`.
    #[ts(type = "Record<string, [unknown, unknown]>")]
    pub changes: Value,
}

/// Which entries a page of the trail shows; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditQuery {
    /// Only entries of this register.
    pub entity: Option<String>,
    /// Only entries of this record.
    pub entity_id: Option<i64>,
    /// Only entries of this action, e.g. 查看完整信息 for the access log.
    pub action: Option<AuditAction>,
    /// The page, 1-based.
    pub page: u32,
    /// Entries per page.
    pub page_size: u32,
    /// 数据权限: only entries these users made. Set by the app from the user's scope, never by
    /// the page.
    #[serde(skip)]
    #[ts(skip)]
    pub actors: Option<Vec<String>>,
}

/// An entry to write ([`write`]).
pub struct NewEntry<'a> {
    /// Who.
    pub actor: &'a str,
    /// From which PC (empty: the PC that holds the database).
    pub place: &'a str,
    /// What.
    pub action: AuditAction,
    /// The register.
    pub entity: &'a str,
    /// The record's id in it.
    pub entity_id: i64,
    /// What happened, in one Chinese sentence.
    pub summary: String,
    /// `{field: [before, after]}` for a change; empty otherwise.
    pub changes: Map<String, Value>,
}

/// Writes one entry; returns its id.
pub fn record(tx: &Transaction, e: NewEntry) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO audit_log(at, actor, action, entity, entity_id, summary, changes, place)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        now(),
        e.actor,
        e.action.label(),
        e.entity,
        e.entity_id,
        e.summary,
        Value::Object(e.changes).to_string(),
        e.place,
    ])?;
    Ok(tx.last_insert_rowid())
}

fn entry(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    let changes: String = r.get(7)?;
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        summary: r.get(6)?,
        changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
        place: r.get(8)?,
    })
}

/// A record's version: the id of its newest audit entry (0 when it has none). Every change to a
/// record writes an entry, so an edit made from an older version has been overtaken.
pub fn version(conn: &Connection, entity: &str, id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(max(id), 0) FROM audit_log WHERE entity = ?1 AND entity_id = ?2",
        )?
        .query_row(params![entity, id], |r| r.get(0))?)
}

/// A record's newest audit entry, if it has one.
pub fn latest(conn: &Connection, entity: &str, id: i64) -> Result<Option<AuditEntry>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, at, actor, action, entity, entity_id, summary, changes, place FROM audit_log
             WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![entity, id], entry)
        .optional()?)
}

/// The trail's newest entry id, and the registers that entries after `after` touched, leaving
/// out what `actor` at `place` did themself (a clerk's own save does not tell their own list to
/// load again).
pub fn since(
    conn: &Connection,
    after: i64,
    (actor, place): (&str, &str),
) -> Result<(i64, Vec<String>)> {
    let last: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
        r.get(0)
    })?;
    let entities = conn
        .prepare_cached(
            "SELECT DISTINCT entity FROM audit_log
             WHERE id > ?1 AND NOT (actor = ?2 AND place = ?3) ORDER BY entity",
        )?
        .query_map(params![after, actor, place], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((last, entities))
}

/// Newest first.
pub fn list(conn: &Connection, q: &AuditQuery) -> Result<Page<AuditEntry>> {
    let (page, page_size) = page::clamp(q.page, q.page_size);
    let filter = "(?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)
                  AND (?5 IS NULL OR action = ?5)
                  AND (?6 IS NULL OR actor IN (SELECT value FROM json_each(?6)))";
    let action = q.action.map(AuditAction::label);
    let actors = q
        .actors
        .as_ref()
        .map(|a| serde_json::to_string(a).unwrap_or_else(|_| "[]".into()));
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM audit_log WHERE {filter}"),
        params![
            q.entity,
            q.entity_id,
            None::<i64>,
            None::<i64>,
            action,
            actors
        ],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, at, actor, action, entity, entity_id, summary, changes, place FROM audit_log
         WHERE {filter} ORDER BY id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let items = stmt
        .query_map(
            params![
                q.entity,
                q.entity_id,
                page_size,
                (page - 1) as i64 * page_size as i64,
                action,
                actors
            ],
            entry,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

/// The entries about any of `records` ((entity, id) pairs), newest first, at most `limit`.
pub fn of_records(
    conn: &Connection,
    records: &[(&str, i64)],
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let clauses: Vec<String> = records
        .iter()
        .map(|(entity, id)| {
            args.push((*entity).to_owned().into());
            args.push((*id).into());
            format!(
                "(entity = ?{} AND entity_id = ?{})",
                args.len() - 1,
                args.len()
            )
        })
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity, entity_id, summary, changes, place FROM audit_log
         WHERE {} ORDER BY id DESC LIMIT {limit}",
        clauses.join(" OR ")
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&args), entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Masks the IDs and phones nested in entries' lists and objects (`core::audit::masked_within`):
/// entries a household's form wrote before the trail masked inside its members. Only entries
/// that change are rewritten.
pub(crate) fn mask_nested(tx: &Transaction) -> Result<()> {
    let mut read = tx.prepare(
        "SELECT id, changes FROM audit_log
         WHERE changes LIKE '%id_number%' OR changes LIKE '%phone%'",
    )?;
    let rows: Vec<(i64, String)> = read
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut write = tx.prepare("UPDATE audit_log SET changes = ?2 WHERE id = ?1")?;
    for (id, text) in rows {
        let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let fixed = Value::Object(taizhang_core::audit::masked_within(changes.clone()));
        if fixed != Value::Object(changes) {
            write.execute(params![id, fixed.to_string()])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    /// A household entry written before the trail masked inside `members` is masked by the
    /// migration; entries already masked are left as they were.
    #[test]
    fn old_household_entries_are_masked_once() -> crate::Result<()> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch(
            "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, changes TEXT NOT NULL);
             INSERT INTO audit_log VALUES
               (1, '{\"members\":[[],[{\"name\":\"王国民\",\"id_number\":\"141130195603020017\",\"phone\":\"13812345678\"}]]}'),
               (2, '{\"phone\":[\"138****5678\",\"139****5678\"]}');",
        )?;
        let tx = conn.transaction()?;
        super::mask_nested(&tx)?;
        tx.commit()?;
        let read = |id: i64| -> crate::Result<String> {
            Ok(
                conn.query_row("SELECT changes FROM audit_log WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?,
            )
        };
        let first = read(1)?;
        assert!(
            !first.contains("141130195603020017") && !first.contains("13812345678"),
            "{first}"
        );
        assert!(first.contains("1411**********0017"), "{first}");
        assert_eq!(read(2)?, "{\"phone\":[\"138****5678\",\"139****5678\"]}");
        Ok(())
    }
}

//! The 矛盾纠纷 tables: `dispute` (one per dispute, with how it ended) and `mediation` (its 调解
//! sessions).

use rusqlite::{
    params, params_from_iter, types::Value as SqlValue, Connection, OptionalExtension, Row,
    Transaction,
};
use serde::{Deserialize, Serialize};
use taizhang_core::dispute::{
    AgreementInput, DisputeInput, DisputeSource, DisputeStatus, MediationInput, Risk,
};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// Its soft-deleted entries for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str =
    "SELECT id, number || ' ' || party_a || '与' || party_b || '（纠纷）', deleted_at,
                                   coalesce(deleted_by, '')
                            FROM dispute WHERE deleted_at IS NOT NULL";

/// A dispute with where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DisputeRow {
    /// The dispute's id.
    pub id: i64,
    /// 纠纷编号 (TJ202611-0001).
    pub number: String,
    /// As registered.
    pub input: DisputeInput,
    /// Where it stands.
    pub status: DisputeStatus,
    /// What was agreed, once settled.
    pub agreement: AgreementInput,
    /// Why it failed and where the parties were sent.
    pub failed_reason: String,
    /// The day it was settled or given up.
    pub ended_on: Option<String>,
    /// The community's name ("" when none).
    pub community: String,
    /// The grid's name ("" when none).
    pub grid: String,
    /// In the recycle bin.
    pub deleted: bool,
}

/// One 调解 session as its list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MediationRow {
    /// The session's id.
    pub id: i64,
    /// As recorded.
    pub input: MediationInput,
    /// Who recorded it.
    pub actor: String,
}

/// The columns a dispute is registered with, in table order.
const INTAKE: [&str; 16] = [
    "found_on",
    "source",
    "community_id",
    "grid_id",
    "kind",
    "risk",
    "party_a",
    "party_a_id",
    "party_a_phone",
    "party_a_address",
    "party_b",
    "party_b_id",
    "party_b_phone",
    "party_b_address",
    "summary",
    "mediator",
];

fn intake(d: &DisputeInput) -> Vec<SqlValue> {
    let text = |s: &str| SqlValue::Text(s.trim().to_owned());
    let id = |i: Option<i64>| i.map_or(SqlValue::Null, SqlValue::Integer);
    vec![
        text(&d.found_on),
        text(d.source.map_or("", DisputeSource::label)),
        id(d.community_id),
        id(d.grid_id),
        text(&d.kind),
        text(d.risk.map_or("", Risk::label)),
        text(&d.party_a),
        text(&d.party_a_id),
        text(&d.party_a_phone),
        text(&d.party_a_address),
        text(&d.party_b),
        text(&d.party_b_id),
        text(&d.party_b_phone),
        text(&d.party_b_address),
        text(&d.summary),
        text(&d.mediator),
    ]
}

fn row(r: &Row) -> rusqlite::Result<DisputeRow> {
    let at = |name: &str| INTAKE.iter().position(|c| *c == name).unwrap_or_default() + 2;
    let source: String = r.get(at("source"))?;
    let risk: String = r.get(at("risk"))?;
    let status: String = r.get(18)?;
    Ok(DisputeRow {
        id: r.get(0)?,
        number: r.get(1)?,
        input: DisputeInput {
            found_on: r.get(at("found_on"))?,
            source: DisputeSource::from_label(&source),
            community_id: r.get(at("community_id"))?,
            grid_id: r.get(at("grid_id"))?,
            kind: r.get(at("kind"))?,
            risk: Risk::from_label(&risk),
            party_a: r.get(at("party_a"))?,
            party_a_id: r.get(at("party_a_id"))?,
            party_a_phone: r.get(at("party_a_phone"))?,
            party_a_address: r.get(at("party_a_address"))?,
            party_b: r.get(at("party_b"))?,
            party_b_id: r.get(at("party_b_id"))?,
            party_b_phone: r.get(at("party_b_phone"))?,
            party_b_address: r.get(at("party_b_address"))?,
            summary: r.get(at("summary"))?,
            mediator: r.get(at("mediator"))?,
        },
        status: DisputeStatus::from_label(&status).unwrap_or(DisputeStatus::Registered),
        agreement: AgreementInput {
            matters: r.get(19)?,
            terms: r.get(20)?,
            performance: r.get(21)?,
        },
        failed_reason: r.get(22)?,
        ended_on: r.get(23)?,
        community: r.get(24)?,
        grid: r.get(25)?,
        deleted: r.get(26)?,
    })
}

fn select() -> String {
    let intake: Vec<String> = INTAKE.iter().map(|c| format!("d.{c}")).collect();
    format!(
        "SELECT d.id, d.number, {}, d.status, d.matters, d.terms, d.performance, d.failed_reason,
                d.ended_on, coalesce(c.name, ''), coalesce(g.name, ''), d.deleted_at IS NOT NULL
         FROM dispute d
         LEFT JOIN org_unit c ON c.id = d.community_id
         LEFT JOIN org_unit g ON g.id = d.grid_id",
        intake.join(", ")
    )
}

/// Every dispute (in the recycle bin or not), newest first.
pub fn all(conn: &Connection) -> Result<Vec<DisputeRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("{} ORDER BY d.found_on DESC, d.id DESC", select()))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One dispute (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64) -> Result<DisputeRow> {
    conn.prepare_cached(&format!("{} WHERE d.id = ?1", select()))?
        .query_row([id], row)
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "纠纷", id
        })
}

/// The office's next number for a dispute found in `month` (`YYYYMM`): TJ202611-0001 ….
pub fn next_number(conn: &Connection, month: &str) -> Result<String> {
    crate::numbered::next(conn, "dispute", "TJ", month)
}

/// Registers a dispute at 待调解 under `number`; its id.
pub fn insert(tx: &Transaction, number: &str, d: &DisputeInput) -> Result<i64> {
    let mut values = intake(d);
    values.push(SqlValue::Text(number.to_owned()));
    values.push(SqlValue::Text(DisputeStatus::Registered.label().to_owned()));
    values.push(SqlValue::Text(now()));
    let holes: Vec<String> = (1..values.len()).map(|i| format!("?{i}")).collect();
    Ok(tx
        .prepare_cached(&format!(
            "INSERT INTO dispute ({}, number, status, created_at, updated_at)
             VALUES ({}, ?{n}, ?{n}) RETURNING id",
            INTAKE.join(", "),
            holes.join(", "),
            n = values.len()
        ))?
        .query_row(params_from_iter(values), |r| r.get(0))?)
}

/// Rewrites what was registered.
pub fn update(tx: &Transaction, id: i64, d: &DisputeInput) -> Result<()> {
    crate::numbered::update(tx, "dispute", id, &INTAKE, intake(d))
}

/// Records a session (checked by the caller) and moves the dispute to 调解中.
pub fn add_session(tx: &Transaction, id: i64, m: &MediationInput, actor: &str) -> Result<i64> {
    tx.execute(
        "UPDATE dispute SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, DisputeStatus::Mediating.label(), now()],
    )?;
    Ok(tx
        .prepare_cached(
            "INSERT INTO mediation (dispute_id, held_on, mediators, place, process, actor, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        )?
        .query_row(
            params![
                id,
                m.held_on.trim(),
                m.mediators.trim(),
                m.place.trim(),
                m.process.trim(),
                actor,
                now()
            ],
            |r| r.get(0),
        )?)
}

/// A dispute's sessions, in the order they were held.
pub fn sessions(conn: &Connection, id: i64) -> Result<Vec<MediationRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, held_on, mediators, place, process, actor FROM mediation
         WHERE dispute_id = ?1 ORDER BY held_on, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(MediationRow {
            id: r.get(0)?,
            input: MediationInput {
                held_on: r.get(1)?,
                mediators: r.get(2)?,
                place: r.get(3)?,
                process: r.get(4)?,
            },
            actor: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ends a dispute (checked by the caller): settled with `agreement`, or failed with `reason`.
pub fn end(
    tx: &Transaction,
    id: i64,
    outcome: (DisputeStatus, &AgreementInput, &str),
    day: &str,
) -> Result<()> {
    let (status, a, reason) = outcome;
    tx.execute(
        "UPDATE dispute SET status = ?2, matters = ?3, terms = ?4, performance = ?5,
                failed_reason = ?6, ended_on = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            id,
            status.label(),
            a.matters.trim(),
            a.terms.trim(),
            a.performance.trim(),
            reason.trim(),
            day,
            now()
        ],
    )?;
    Ok(())
}

/// Moves a dispute to the recycle bin (`deleted_by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE dispute SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    Ok(())
}

//! The 诉求 tables: `appeal` (one per 诉求, where it stands in the loop) and `appeal_step` (each
//! step taken, append-only).

use rusqlite::{
    params, params_from_iter, types::Value as SqlValue, Connection, OptionalExtension, Row,
    Transaction,
};
use serde::{Deserialize, Serialize};
use taizhang_core::appeal::{
    AppealInput, AppealLinks, AppealSource, AppealStatus, AppealStep, Progress, Satisfaction,
    Urgency,
};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// Its soft-deleted entries for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str =
    "SELECT id, number || ' ' || substr(content, 1, 20) || '（诉求）', deleted_at,
                                   coalesce(deleted_by, '')
                            FROM appeal WHERE deleted_at IS NOT NULL";

/// A 诉求 with where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppealRow {
    /// The 诉求's id.
    pub id: i64,
    /// As taken in (the number filled in).
    pub input: AppealInput,
    /// Where it stands in the loop.
    pub status: AppealStatus,
    /// 承办人/承办单位.
    pub handler: String,
    /// 办理时限.
    pub deadline: Option<String>,
    /// 办理结果.
    pub result: String,
    /// The day it was finished (办结).
    pub finished_on: Option<String>,
    /// The last 回访's verdict.
    pub satisfaction: Option<Satisfaction>,
    /// The day a 回访 closed it.
    pub closed_on: Option<String>,
    /// How many times a 回访 not satisfied sent it back.
    pub reopened: i64,
    /// The house and the 说事议事 task it is linked to.
    pub links: AppealLinks,
    /// The community's name ("" when none).
    pub community: String,
    /// The grid's name ("" when none).
    pub grid: String,
    /// In the recycle bin.
    pub deleted: bool,
}

/// One step of a 诉求's loop, as its history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepRow {
    /// The step's id.
    pub id: i64,
    /// The day it was taken.
    pub on_day: String,
    /// Where the 诉求 stood before.
    pub from: AppealStatus,
    /// Where it stood after.
    pub to: AppealStatus,
    /// Who took the step.
    pub actor: String,
    /// The progress note, the result or what was said on the call.
    pub note: String,
    /// Why it went back, when it did.
    pub reason: String,
    /// A 回访's verdict.
    pub satisfaction: Option<Satisfaction>,
}

const SELECT: &str = "SELECT a.id, a.number, a.source, a.received_on, a.community_id, a.grid_id,
        a.address, a.household_id, a.house_id, a.visit_id, a.reporter, a.phone, a.content,
        a.category, a.urgency, a.status, a.handler, a.deadline, a.result, a.finished_on,
        a.satisfaction, a.closed_on, a.reopened, coalesce(c.name, ''), coalesce(g.name, ''),
        a.deleted_at IS NOT NULL, a.task_id
     FROM appeal a
     LEFT JOIN org_unit c ON c.id = a.community_id
     LEFT JOIN org_unit g ON g.id = a.grid_id";

fn label<T>(r: &Row, i: usize, from: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(from))
}

fn row(r: &Row) -> rusqlite::Result<AppealRow> {
    Ok(AppealRow {
        id: r.get(0)?,
        input: AppealInput {
            number: r.get(1)?,
            source: label(r, 2, AppealSource::from_label)?,
            received_on: r.get(3)?,
            community_id: r.get(4)?,
            grid_id: r.get(5)?,
            address: r.get(6)?,
            household_id: r.get(7)?,
            visit_id: r.get(9)?,
            reporter: r.get(10)?,
            phone: r.get(11)?,
            content: r.get(12)?,
            category: r.get(13)?,
            urgency: label(r, 14, Urgency::from_label)?,
        },
        status: label(r, 15, AppealStatus::from_label)?.unwrap_or(AppealStatus::Collected),
        handler: r.get(16)?,
        deadline: r.get(17)?,
        result: r.get(18)?,
        finished_on: r.get(19)?,
        satisfaction: label(r, 20, Satisfaction::from_label)?,
        closed_on: r.get(21)?,
        reopened: r.get(22)?,
        links: AppealLinks {
            house_id: r.get(8)?,
            task_id: r.get(26)?,
        },
        community: r.get(23)?,
        grid: r.get(24)?,
        deleted: r.get(25)?,
    })
}

/// Every 诉求 (in the recycle bin or not), newest first.
pub fn all(conn: &Connection) -> Result<Vec<AppealRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} ORDER BY a.received_on DESC, a.id DESC"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One 诉求 (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64) -> Result<AppealRow> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "诉求", id
        })
}

/// The live 诉求 with this number, if any.
pub fn find_by_number(conn: &Connection, number: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM appeal WHERE number = ?1 AND deleted_at IS NULL",
            [number],
            |r| r.get(0),
        )
        .optional()?)
}

/// The number of the live 诉求 raised from this visit, if any.
pub fn of_visit(conn: &Connection, visit_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT number FROM appeal WHERE visit_id = ?1 AND deleted_at IS NULL",
            [visit_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The office's next own number for a 诉求 received in `month` (`YYYYMM`): SQ202612-0001 ….
pub fn next_number(conn: &Connection, month: &str) -> Result<String> {
    crate::numbered::next(conn, "appeal", "SQ", month)
}

/// What was taken in, as the columns `number` … `urgency` in table order.
fn intake(a: &AppealInput) -> Vec<SqlValue> {
    let text = |s: &str| SqlValue::Text(s.trim().to_owned());
    let id = |i: Option<i64>| i.map_or(SqlValue::Null, SqlValue::Integer);
    let label = |l: Option<&str>| l.map_or(SqlValue::Null, text);
    vec![
        text(&a.number),
        label(a.source.map(AppealSource::label)),
        text(&a.received_on),
        id(a.community_id),
        id(a.grid_id),
        text(&a.address),
        id(a.household_id),
        id(a.visit_id),
        text(&a.reporter),
        text(&a.phone),
        text(&a.content),
        text(&a.category),
        label(a.urgency.map(Urgency::label)),
    ]
}

const INTAKE: &str = "number, source, received_on, community_id, grid_id, address, household_id,
                      visit_id, reporter, phone, content, category, urgency";

/// Takes a 诉求 in (numbered by the caller) at `status`; its id.
pub fn insert(tx: &Transaction, a: &AppealInput, status: AppealStatus) -> Result<i64> {
    let mut values = intake(a);
    values.push(SqlValue::Text(status.label().to_owned()));
    values.push(SqlValue::Text(now()));
    let holes: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    Ok(tx
        .prepare_cached(&format!(
            "INSERT INTO appeal ({INTAKE}, status, created_at, updated_at)
             VALUES ({}, ?{}) RETURNING id",
            holes.join(", "),
            values.len()
        ))?
        .query_row(params_from_iter(values), |r| r.get(0))?)
}

/// Links a 诉求 to a house and a 说事议事 task (or unlinks it).
pub fn set_links(tx: &Transaction, id: i64, links: AppealLinks) -> Result<()> {
    tx.prepare_cached(
        "UPDATE appeal SET house_id = ?2, task_id = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, links.house_id, links.task_id, now()])?;
    Ok(())
}

/// A 诉求 as a record linked to it lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LinkedAppeal {
    /// The 诉求's id.
    pub id: i64,
    /// 诉求编号.
    pub number: String,
    /// Where it stands.
    pub status: AppealStatus,
}

/// The live 诉求 linked to this house, newest first.
pub fn of_house(conn: &Connection, house_id: i64) -> Result<Vec<LinkedAppeal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, status FROM appeal WHERE house_id = ?1 AND deleted_at IS NULL
         ORDER BY received_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([house_id], |r| {
        Ok(LinkedAppeal {
            id: r.get(0)?,
            number: r.get(1)?,
            status: label(r, 2, AppealStatus::from_label)?.unwrap_or(AppealStatus::Collected),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rewrites what was taken in (the loop's fields are the steps').
pub fn update(tx: &Transaction, id: i64, a: &AppealInput) -> Result<()> {
    crate::numbered::update(
        tx,
        "appeal",
        id,
        &INTAKE.split(',').collect::<Vec<_>>(),
        intake(a),
    )
}

/// Records a step (checked by the caller) from `from` to `to` on `day` by `actor`, and sets
/// what it decides: 研判 the category and urgency, 派单 the handler and deadline, 办结 the
/// result and day, 回访 the verdict (and the day closed, or one more reopening).
pub fn take_step(
    tx: &Transaction,
    id: i64,
    (from, to): (AppealStatus, AppealStatus),
    step: &AppealStep,
    actor: &str,
    day: &str,
) -> Result<i64> {
    let set = |sql: &str, value: &dyn rusqlite::ToSql| -> Result<()> {
        tx.execute(
            &format!("UPDATE appeal SET {sql} WHERE id = ?1"),
            params![id, value],
        )?;
        Ok(())
    };
    set("status = ?2", &to.label())?;
    set("updated_at = ?2", &now())?;
    match to {
        AppealStatus::Assessed if from == AppealStatus::Collected => {
            set("category = ?2", &step.category.trim())?;
            set("urgency = ?2", &step.urgency.map(Urgency::label))?;
        }
        AppealStatus::Dispatched if from == AppealStatus::Assessed => {
            set("handler = ?2", &step.handler.trim())?;
            set("deadline = ?2", &step.deadline)?;
        }
        AppealStatus::Done => {
            set("result = ?2", &step.note.trim())?;
            set("finished_on = ?2", &day)?;
        }
        AppealStatus::Closed => {
            set(
                "satisfaction = ?2",
                &step.satisfaction.map(Satisfaction::label),
            )?;
            set("closed_on = ?2", &day)?;
        }
        AppealStatus::Handling if step.satisfaction.is_some() => {
            set(
                "satisfaction = ?2",
                &step.satisfaction.map(Satisfaction::label),
            )?;
            tx.execute(
                "UPDATE appeal SET reopened = reopened + 1, finished_on = NULL WHERE id = ?1",
                [id],
            )?;
        }
        _ => {}
    }
    Ok(tx
        .prepare_cached(
            "INSERT INTO appeal_step (appeal_id, on_day, from_status, to_status, actor, note,
                 reason, satisfaction, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        )?
        .query_row(
            params![
                id,
                day,
                from.label(),
                to.label(),
                actor,
                step.note.trim(),
                step.reason.trim(),
                step.satisfaction.map(Satisfaction::label),
                now()
            ],
            |r| r.get(0),
        )?)
}

/// Sets what the loop's steps recorded to what a sheet says (a 12345 工单's deadline extended,
/// its result reworded); the status is the steps' to set.
pub fn set_progress(tx: &Transaction, id: i64, p: &Progress) -> Result<()> {
    tx.execute(
        "UPDATE appeal SET handler = ?2, deadline = ?3, result = ?4, satisfaction = ?5,
                updated_at = ?6 WHERE id = ?1",
        params![
            id,
            p.handler.trim(),
            p.deadline,
            p.result.trim(),
            p.satisfaction.map(Satisfaction::label),
            now()
        ],
    )?;
    Ok(())
}

/// A live 诉求's place and days, as a month's figures count it.
#[derive(Debug, Clone, PartialEq)]
pub struct AppealDays {
    /// Its community and grid.
    pub place: crate::org::Place,
    /// 受理日期.
    pub received_on: String,
    /// The day it was finished (办结), if it was.
    pub finished_on: Option<String>,
    /// Its 办理时限, once dispatched.
    pub deadline: Option<String>,
}

/// Every live 诉求 received by `to` and not finished before `from`: those a month's figures
/// may count.
pub fn days_within(conn: &Connection, from: &str, to: &str) -> Result<Vec<AppealDays>> {
    let mut stmt = conn.prepare_cached(
        "SELECT community_id, grid_id, received_on, finished_on, deadline FROM appeal
         WHERE deleted_at IS NULL AND received_on <= ?2
           AND (finished_on IS NULL OR finished_on >= ?1)",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok(AppealDays {
            place: (r.get(0)?, r.get(1)?),
            received_on: r.get(2)?,
            finished_on: r.get(3)?,
            deadline: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The 回访 taken from `from` to `to` (inclusive) on live 诉求: (community, grid, verdict).
pub fn call_backs(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(crate::org::Place, Satisfaction)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.community_id, a.grid_id, s.satisfaction FROM appeal_step s
         JOIN appeal a ON a.id = s.appeal_id
         WHERE s.on_day BETWEEN ?1 AND ?2 AND s.satisfaction IS NOT NULL
           AND a.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, label(r, 2, Satisfaction::from_label)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let (c, g, Some(s)) = row? {
            out.push(((c, g), s));
        }
    }
    Ok(out)
}

/// A 诉求's steps, oldest first.
pub fn steps(conn: &Connection, id: i64) -> Result<Vec<StepRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, on_day, from_status, to_status, actor, note, reason, satisfaction
         FROM appeal_step WHERE appeal_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(StepRow {
            id: r.get(0)?,
            on_day: r.get(1)?,
            from: label(r, 2, AppealStatus::from_label)?.unwrap_or(AppealStatus::Collected),
            to: label(r, 3, AppealStatus::from_label)?.unwrap_or(AppealStatus::Collected),
            actor: r.get(4)?,
            note: r.get(5)?,
            reason: r.get(6)?,
            satisfaction: label(r, 7, Satisfaction::from_label)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves a 诉求 to the recycle bin (`deleted_by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE appeal SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    Ok(())
}

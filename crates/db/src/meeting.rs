//! The meetings register's tables: meeting, its attendance list, topics and follow-up tasks.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::meeting::{
    quorum, Attendee, MeetingInput, MeetingKind, Quorum, Task, TaskStatus, Topic, Votes,
};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// The meetings' name in the audit trail and the recycle bin.
pub const ENTITY: &str = "会议";

/// Its soft-deleted meetings for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str = "SELECT id, title || '（' || substr(held_at, 1, 10) || '）', deleted_at,
                                   coalesce(deleted_by, '')
                            FROM meeting WHERE deleted_at IS NOT NULL";

/// One line of the meetings list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeetingRow {
    /// The meeting's id.
    pub id: i64,
    /// Which meeting.
    pub kind: MeetingKind,
    /// Its title.
    pub title: String,
    /// The holding unit.
    pub org_id: Option<i64>,
    /// The holding unit's name ("" when none).
    pub org_name: String,
    /// `YYYY-MM-DD HH:MM`.
    pub held_at: String,
    /// Where.
    pub place: String,
    /// 应到 / 实到.
    pub quorum: Quorum,
    /// How many topics.
    pub topics: i64,
    /// Follow-up tasks not done.
    pub open_tasks: i64,
    /// Of those, how many are past their deadline.
    pub overdue_tasks: i64,
}

/// Everything recorded for one meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeetingDetail {
    /// The meeting's id.
    pub id: i64,
    /// What was recorded.
    pub input: MeetingInput,
    /// The holding unit's name ("" when none).
    pub org_name: String,
    /// 应到 / 实到, from the attendance list.
    pub quorum: Quorum,
    /// The version shown ([`crate::audit::version`]): a save from it is refused once someone
    /// else has changed the meeting.
    pub version: i64,
}

/// A follow-up task with the meeting and topic it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TaskRow {
    /// The task.
    pub task: Task,
    /// The meeting it came from.
    pub meeting_id: i64,
    /// That meeting's title.
    pub meeting_title: String,
    /// That meeting's holding unit.
    pub org_id: Option<i64>,
    /// When that meeting was held.
    pub held_at: String,
    /// The topic it came from.
    pub topic_title: String,
    /// Not done and past its deadline on the day asked.
    pub overdue: bool,
}

/// The list's filter: kind, branch (and what is under it), year, free text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MeetingQuery {
    /// Only this kind.
    pub kind: Option<MeetingKind>,
    /// Only meetings of this unit and the units under it.
    pub org_id: Option<i64>,
    /// Only meetings of this year.
    pub year: Option<i32>,
    /// Text in the title, place or chair ("" for all).
    pub search: String,
}

/// Adds a meeting with its attendance, topics and tasks; returns the id.
pub fn insert(tx: &Transaction, m: &MeetingInput) -> Result<i64> {
    let at = now();
    tx.execute(
        "INSERT INTO meeting (kind, title, org_id, held_at, place, host, recorder, observers, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![m.kind.label(), m.title, m.org_id, m.held_at, m.place, m.host, m.recorder, m.observers, at],
    )?;
    let id = tx.last_insert_rowid();
    write_parts(tx, id, m)?;
    Ok(id)
}

/// Rewrites a meeting, its attendance, topics and tasks.
pub fn update(tx: &Transaction, id: i64, m: &MeetingInput) -> Result<()> {
    let n = tx.execute(
        "UPDATE meeting SET kind = ?2, title = ?3, org_id = ?4, held_at = ?5, place = ?6, host = ?7,
                recorder = ?8, observers = ?9, updated_at = ?10
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, m.kind.label(), m.title, m.org_id, m.held_at, m.place, m.host, m.recorder, m.observers, now()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound { entity: ENTITY, id });
    }
    write_parts(tx, id, m)
}

/// Attendance and topics are rewritten; tasks keep their ids (and with them their history).
fn write_parts(tx: &Transaction, id: i64, m: &MeetingInput) -> Result<()> {
    tx.execute("DELETE FROM meeting_attendee WHERE meeting_id = ?1", [id])?;
    tx.execute("DELETE FROM meeting_topic WHERE meeting_id = ?1", [id])?;
    let mut attendee = tx.prepare_cached(
        "INSERT INTO meeting_attendee (meeting_id, sort, person_id, name, role, present, absence_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, a) in m.attendees.iter().enumerate() {
        attendee.execute(params![
            id,
            i as i64,
            a.person_id,
            a.name,
            a.role,
            a.present,
            a.absence_reason
        ])?;
    }
    let mut topic = tx.prepare_cached(
        "INSERT INTO meeting_topic (meeting_id, sort, title, source, proposer, discussion,
                votes_agree, votes_against, votes_abstain, resolution)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let kept: Vec<i64> = m
        .topics
        .iter()
        .flat_map(|t| &t.tasks)
        .filter_map(|t| t.id)
        .collect();
    let existing: Vec<i64> = tx
        .prepare_cached("SELECT id FROM meeting_task WHERE meeting_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for gone in existing.iter().filter(|e| !kept.contains(e)) {
        tx.execute("DELETE FROM meeting_task WHERE id = ?1", [gone])?;
    }
    for (i, t) in m.topics.iter().enumerate() {
        let v = t.votes;
        topic.execute(params![
            id,
            i as i64,
            t.title,
            t.source,
            t.proposer,
            t.discussion,
            v.map(|v| v.agree),
            v.map(|v| v.against),
            v.map(|v| v.abstain),
            t.resolution
        ])?;
        for (k, task) in t.tasks.iter().enumerate() {
            let status = task.status.label();
            let (topic, sort, at) = (i as i64, k as i64, now());
            match task.id.filter(|t| existing.contains(t)) {
                Some(task_id) => tx.execute(
                    "UPDATE meeting_task SET topic = ?2, sort = ?3, content = ?4, owner = ?5, due_on = ?6,
                            status = ?7, review = ?8, closed_on = ?9, updated_at = ?10
                     WHERE id = ?1",
                    params![task_id, topic, sort, task.content, task.owner, task.due_on, status, task.review, task.closed_on, at],
                )?,
                None => tx.execute(
                    "INSERT INTO meeting_task (meeting_id, topic, sort, content, owner, due_on, status, review, closed_on, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![id, topic, sort, task.content, task.owner, task.due_on, status, task.review, task.closed_on, at],
                )?,
            };
        }
    }
    Ok(())
}

/// Moves a meeting to the recycle bin (`deleted_by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    let n = tx.execute(
        "UPDATE meeting SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END, deleted_by = ?2
         WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound { entity: ENTITY, id });
    }
    Ok(())
}

/// Progress on one task after the meeting.
pub fn set_task(
    tx: &Transaction,
    id: i64,
    status: TaskStatus,
    review: &str,
    closed_on: Option<&str>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE meeting_task SET status = ?2, review = ?3, closed_on = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, status.label(), review, closed_on, now()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound {
            entity: "任务", id
        });
    }
    Ok(())
}

/// The holding unit of a meeting, in the recycle bin or not.
pub fn org_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    conn.query_row("SELECT org_id FROM meeting WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(DbError::NotFound { entity: ENTITY, id })
}

/// The holding unit of the meeting a task came from.
pub fn task_org(conn: &Connection, task: i64) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT m.org_id FROM meeting_task t JOIN meeting m ON m.id = t.meeting_id WHERE t.id = ?1",
        [task],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "任务",
        id: task,
    })
}

fn label<T>(r: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    parse(&text)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, text, rusqlite::types::Type::Text))
}

fn task(r: &Row, at: usize) -> rusqlite::Result<Task> {
    Ok(Task {
        id: Some(r.get(at)?),
        content: r.get(at + 1)?,
        owner: r.get(at + 2)?,
        due_on: r.get(at + 3)?,
        status: label(r, at + 4, TaskStatus::from_label)?,
        review: r.get(at + 5)?,
        closed_on: r.get(at + 6)?,
    })
}

const TASK_COLUMNS: &str = "t.id, t.content, t.owner, t.due_on, t.status, t.review, t.closed_on";

/// One meeting with all it recorded (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64) -> Result<MeetingDetail> {
    let head = conn
        .query_row(
            "SELECT m.kind, m.title, m.org_id, m.held_at, m.place, m.host, m.recorder, m.observers,
                    coalesce(o.name, '')
             FROM meeting m LEFT JOIN org_unit o ON o.id = m.org_id
             WHERE m.id = ?1 AND m.deleted_at IS NULL",
            [id],
            |r| {
                Ok((
                    MeetingInput {
                        kind: label(r, 0, MeetingKind::from_label)?,
                        title: r.get(1)?,
                        org_id: r.get(2)?,
                        held_at: r.get(3)?,
                        place: r.get(4)?,
                        host: r.get(5)?,
                        recorder: r.get(6)?,
                        attendees: Vec::new(),
                        observers: r.get(7)?,
                        topics: Vec::new(),
                    },
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()?;
    let (mut input, org_name) = head.ok_or(DbError::NotFound {
        entity: "会议", id
    })?;
    input.attendees = conn
        .prepare_cached(
            "SELECT person_id, name, role, present, absence_reason FROM meeting_attendee
             WHERE meeting_id = ?1 ORDER BY sort",
        )?
        .query_map([id], |r| {
            Ok(Attendee {
                person_id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                present: r.get(3)?,
                absence_reason: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    input.topics = conn
        .prepare_cached(
            "SELECT title, source, proposer, discussion, votes_agree, votes_against, votes_abstain, resolution
             FROM meeting_topic WHERE meeting_id = ?1 ORDER BY sort",
        )?
        .query_map([id], |r| {
            let votes = match (r.get(4)?, r.get(5)?, r.get(6)?) {
                (Some(agree), Some(against), Some(abstain)) => Some(Votes { agree, against, abstain }),
                _ => None,
            };
            Ok(Topic {
                title: r.get(0)?,
                source: r.get(1)?,
                proposer: r.get(2)?,
                discussion: r.get(3)?,
                votes,
                resolution: r.get(7)?,
                tasks: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut tasks = conn.prepare_cached(&format!(
        "SELECT t.topic, {TASK_COLUMNS} FROM meeting_task t WHERE t.meeting_id = ?1 ORDER BY t.topic, t.sort"
    ))?;
    for row in tasks.query_map([id], |r| Ok((r.get::<_, i64>(0)?, task(r, 1)?)))? {
        let (topic, task) = row?;
        if let Some(t) = usize::try_from(topic)
            .ok()
            .and_then(|i| input.topics.get_mut(i))
        {
            t.tasks.push(task);
        }
    }
    let quorum = quorum(&input.attendees);
    Ok(MeetingDetail {
        id,
        input,
        org_name,
        quorum,
        version: crate::audit::version(conn, ENTITY, id)?,
    })
}

/// The meetings matching `q` (not in the recycle bin), newest first; tasks overdue as of `today`.
pub fn list(conn: &Connection, q: &MeetingQuery, today: &str) -> Result<Vec<MeetingRow>> {
    let glob = match q.org_id {
        Some(id) => crate::org::subtree_glob(conn, id)?,
        None => "*".to_string(),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.kind, m.title, coalesce(o.name, ''), m.held_at, m.place,
                (SELECT count(*) FROM meeting_attendee a WHERE a.meeting_id = m.id),
                (SELECT count(*) FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.present),
                (SELECT count(*) FROM meeting_topic t WHERE t.meeting_id = m.id),
                (SELECT count(*) FROM meeting_task t WHERE t.meeting_id = m.id AND t.status <> '已办结'),
                (SELECT count(*) FROM meeting_task t WHERE t.meeting_id = m.id AND t.status <> '已办结' AND t.due_on < ?5),
                m.org_id
         FROM meeting m LEFT JOIN org_unit o ON o.id = m.org_id
         WHERE m.deleted_at IS NULL
           AND (?1 IS NULL OR m.kind = ?1)
           AND (?2 = '*' OR o.path GLOB ?2)
           AND (?3 IS NULL OR substr(m.held_at, 1, 4) = ?3)
           AND (?4 = '' OR m.title LIKE '%' || ?4 || '%' OR m.place LIKE '%' || ?4 || '%'
                OR m.host LIKE '%' || ?4 || '%')
         ORDER BY m.held_at DESC, m.id DESC",
    )?;
    let rows = stmt
        .query_map(
            params![
                q.kind.map(|k| k.label()),
                glob,
                q.year.map(|y| y.to_string()),
                q.search.trim(),
                today
            ],
            |r| {
                let (expected, present): (i64, i64) = (r.get(6)?, r.get(7)?);
                Ok(MeetingRow {
                    id: r.get(0)?,
                    kind: label(r, 1, MeetingKind::from_label)?,
                    title: r.get(2)?,
                    org_id: r.get(11)?,
                    org_name: r.get(3)?,
                    held_at: r.get(4)?,
                    place: r.get(5)?,
                    quorum: Quorum {
                        expected,
                        present,
                        reached: present * 2 > expected,
                    },
                    topics: r.get(8)?,
                    open_tasks: r.get(9)?,
                    overdue_tasks: r.get(10)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Follow-up tasks, oldest deadline first; `open` leaves out finished ones.
pub fn tasks(conn: &Connection, open: bool, today: &str) -> Result<Vec<TaskRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.title, m.held_at, coalesce(p.title, ''), m.org_id, {TASK_COLUMNS}
         FROM meeting_task t JOIN meeting m ON m.id = t.meeting_id
         LEFT JOIN meeting_topic p ON p.meeting_id = t.meeting_id AND p.sort = t.topic
         WHERE m.deleted_at IS NULL AND (?1 = 0 OR t.status <> '已办结')
         ORDER BY t.status = '已办结', t.due_on, t.id"
    ))?;
    let rows = stmt
        .query_map([open], |r| {
            let task = task(r, 5)?;
            Ok(TaskRow {
                overdue: task.status != TaskStatus::Done && task.due_on.as_str() < today,
                task,
                meeting_id: r.get(0)?,
                meeting_title: r.get(1)?,
                org_id: r.get(4)?,
                held_at: r.get(2)?,
                topic_title: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (branch id, kind, held_at) of every party meeting held in `year`.
pub fn held(conn: &Connection, year: i32) -> Result<Vec<(i64, MeetingKind, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT org_id, kind, held_at FROM meeting
         WHERE deleted_at IS NULL AND org_id IS NOT NULL AND substr(held_at, 1, 4) = ?1",
    )?;
    let rows = stmt
        .query_map([year.to_string()], |r| {
            Ok((r.get(0)?, label(r, 1, MeetingKind::from_label)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Per roster person: how many of `kinds` meetings in `year` (held by one of `units`, when
/// given) they attended.
pub fn attended(
    conn: &Connection,
    (year, units): (i32, Option<&[i64]>),
    kinds: &[&str],
) -> Result<Vec<(i64, String, i64)>> {
    let list = kinds
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(",");
    let held_by = match units {
        Some(units) => format!(
            "AND m.org_id IN ({})",
            units
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        ),
        None => String::new(),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT a.person_id, p.name, count(*) FROM meeting_attendee a
         JOIN meeting m ON m.id = a.meeting_id JOIN person p ON p.id = a.person_id
         WHERE m.deleted_at IS NULL AND a.present AND substr(m.held_at, 1, 4) = ?1 AND m.kind IN ({list}) {held_by}
         GROUP BY a.person_id ORDER BY count(*) DESC, p.name_pinyin"
    ))?;
    let rows = stmt
        .query_map([year.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A meeting a person was on the attendance list of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Attended {
    /// The meeting's id.
    pub meeting_id: i64,
    /// Its holding unit.
    pub org_id: Option<i64>,
    /// Which meeting.
    pub kind: MeetingKind,
    /// Its title.
    pub title: String,
    /// When it was held.
    pub held_at: String,
    /// Whether the person came.
    pub present: bool,
    /// Why not, when not.
    pub absence_reason: String,
}

/// The meetings (not in the recycle bin) a person was listed for, newest first.
pub fn attended_by(conn: &Connection, person_id: i64) -> Result<Vec<Attended>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.kind, m.title, m.held_at, a.present, a.absence_reason, m.org_id
         FROM meeting_attendee a JOIN meeting m ON m.id = a.meeting_id
         WHERE a.person_id = ?1 AND m.deleted_at IS NULL ORDER BY m.held_at DESC, m.id DESC",
    )?;
    let rows = stmt
        .query_map([person_id], |r| {
            Ok(Attended {
                meeting_id: r.get(0)?,
                org_id: r.get(6)?,
                kind: label(r, 1, MeetingKind::from_label)?,
                title: r.get(2)?,
                held_at: r.get(3)?,
                present: r.get(4)?,
                absence_reason: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

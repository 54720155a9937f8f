//! Service records (录入 → 审核) and the certificates issued from them.

use super::*;

/// Points an account has earned (or has waiting for approval) under rules named `name` between
/// two days, inclusive: what the caps count.
pub fn earned(
    conn: &Connection,
    account_id: i64,
    name: &str,
    from: &str,
    to: &str,
) -> Result<Points> {
    Ok(Points(conn.query_row(
        "SELECT coalesce(sum(s.points), 0) FROM service_record s JOIN points_rule r ON r.id = s.rule_id
         WHERE s.account_id = ?1 AND r.name = ?2 AND s.served_on BETWEEN ?3 AND ?4 AND s.status IN ('待审核', '已审核')",
        params![account_id, name, from, to],
        |r| r.get(0),
    )?))
}

/// A service record to write.
pub struct NewRecord<'a> {
    /// The volunteer's account.
    pub account_id: i64,
    /// The rule (version) it is priced by.
    pub rule_id: i64,
    /// What was done.
    pub activity: &'a str,
    /// When, `YYYY-MM-DD`.
    pub served_on: &'a str,
    /// How long, in tenths of an hour (0 for a rule priced per time).
    pub hours: i64,
    /// The points it earns.
    pub points: Points,
    /// Who can vouch for it.
    pub certified_by: &'a str,
    /// 待审核, 已审核, 已退回 or 已撤回.
    pub status: RecordStatus,
    /// The ledger entry that credited it, once credited.
    pub entry_id: Option<i64>,
}

/// Writes a service record; returns its id.
pub fn insert_record(tx: &Transaction, r: &NewRecord) -> Result<i64> {
    tx.execute(
        "INSERT INTO service_record (account_id, rule_id, activity, served_on, hours, points, certified_by, status, entry_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![r.account_id, r.rule_id, r.activity, r.served_on, r.hours, r.points.0, r.certified_by, r.status.label(), r.entry_id, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A pending record approved (with the entry that credits it) or rejected.
pub fn decide_record(
    tx: &Transaction,
    id: i64,
    status: RecordStatus,
    entry_id: Option<i64>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE service_record SET status = ?2, entry_id = ?3 WHERE id = ?1 AND status = '待审核'",
        params![id, status.label(), entry_id],
    )?;
    if n == 0 {
        return Err(DbError::NotFound {
            entity: "待审核的服务记录",
            id,
        });
    }
    Ok(())
}

/// A service record as an imported sheet's row compares with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    /// The record's id.
    pub id: i64,
    /// The volunteer's account.
    pub account_id: i64,
    /// The rule's name.
    pub rule: String,
    /// What was done.
    pub activity: String,
    /// When, `YYYY-MM-DD`.
    pub served_on: String,
    /// Tenths of an hour.
    pub hours: i64,
    /// The points it earns.
    pub points: Points,
    /// Who can vouch for it.
    pub certified_by: String,
    /// 待审核, 已审核, 已退回 or 已撤回.
    pub status: RecordStatus,
    /// The ledger entry that credited it, once credited.
    pub entry_id: Option<i64>,
}

const SERVICE_SELECT: &str = "SELECT s.id, s.account_id, r.name, s.activity, s.served_on, s.hours,
        s.points, s.certified_by, s.status, s.entry_id
    FROM service_record s JOIN points_rule r ON r.id = s.rule_id";

fn service_row(r: &Row) -> rusqlite::Result<ServiceRow> {
    Ok(ServiceRow {
        id: r.get(0)?,
        account_id: r.get(1)?,
        rule: r.get(2)?,
        activity: r.get(3)?,
        served_on: r.get(4)?,
        hours: r.get(5)?,
        points: Points(r.get(6)?),
        certified_by: r.get(7)?,
        status: label(r, 8, RecordStatus::from_label)?,
        entry_id: r.get(9)?,
    })
}

/// Every service record, oldest first.
pub fn service_records(conn: &Connection) -> Result<Vec<ServiceRow>> {
    let mut stmt = conn.prepare_cached(&format!("{SERVICE_SELECT} ORDER BY s.id"))?;
    let rows = stmt
        .query_map([], service_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One service record.
pub fn service_record(conn: &Connection, id: i64) -> Result<ServiceRow> {
    conn.query_row(
        &format!("{SERVICE_SELECT} WHERE s.id = ?1"),
        [id],
        service_row,
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "服务记录",
        id,
    })
}

/// A record's status set outright (withdrawn by an undone import, or back), with the entry
/// that now credits it.
pub fn set_record_status(
    tx: &Transaction,
    id: i64,
    status: RecordStatus,
    entry_id: Option<i64>,
) -> Result<()> {
    tx.execute(
        "UPDATE service_record SET status = ?2, entry_id = ?3 WHERE id = ?1",
        params![id, status.label(), entry_id],
    )?;
    Ok(())
}

/// Sets who vouches for a record.
pub fn set_certified_by(tx: &Transaction, id: i64, certified_by: &str) -> Result<()> {
    tx.execute(
        "UPDATE service_record SET certified_by = ?2 WHERE id = ?1",
        params![id, certified_by],
    )?;
    Ok(())
}

/// (account, points, activity, served_on) of a pending record.
pub fn pending_record(conn: &Connection, id: i64) -> Result<(i64, Points, String, String)> {
    conn.query_row(
        "SELECT account_id, points, activity, served_on FROM service_record WHERE id = ?1 AND status = '待审核'",
        [id],
        |r| Ok((r.get(0)?, Points(r.get(1)?), r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or(DbError::NotFound { entity: "待审核的服务记录", id })
}

/// A service record waiting for 审核.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PendingRow {
    /// The record's id.
    pub id: i64,
    /// The volunteer's account.
    pub account_id: i64,
    /// The account's name (the person, or the household's head).
    pub name: String,
    /// The rule's name.
    pub rule: String,
    /// What was done.
    pub activity: String,
    /// When, `YYYY-MM-DD`.
    pub served_on: String,
    /// How long, in hours.
    pub hours: Points,
    /// The points it would earn.
    pub points: Points,
    /// Who can vouch for it.
    pub certified_by: String,
}

/// Every record waiting for 审核, oldest service first.
pub fn pending(conn: &Connection) -> Result<Vec<PendingRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.account_id, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END, r.name,
                s.activity, s.served_on, s.hours, s.points, s.certified_by
         FROM service_record s JOIN points_account a ON a.id = s.account_id
         LEFT JOIN person p ON p.id = a.person_id JOIN points_rule r ON r.id = s.rule_id
         WHERE s.status = '待审核' ORDER BY s.served_on, s.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(PendingRow {
                id: r.get(0)?,
                account_id: r.get(1)?,
                name: r.get(2)?,
                rule: r.get(3)?,
                activity: r.get(4)?,
                served_on: r.get(5)?,
                hours: Points(r.get(6)?),
                points: Points(r.get(7)?),
                certified_by: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Approved service of an account between two days: (served_on, activity, hours in tenths).
pub fn service(
    conn: &Connection,
    account_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT served_on, activity, hours FROM service_record
         WHERE account_id = ?1 AND status = '已审核' AND served_on BETWEEN ?2 AND ?3 ORDER BY served_on, id",
    )?;
    let rows = stmt
        .query_map(params![account_id, from, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A certificate to issue; its number is taken here.
pub struct NewCertificate<'a> {
    /// The volunteer's account.
    pub account_id: i64,
    /// The year its number is counted in.
    pub year: i32,
    /// The first day it covers, `YYYY-MM-DD`.
    pub from_day: &'a str,
    /// The last day it covers.
    pub to_day: &'a str,
    /// Hours served in that span, in tenths.
    pub hours: i64,
    /// What was done, as the certificate says it.
    pub content: &'a str,
    /// The unit that issues it.
    pub issuer: &'a str,
    /// The day it is issued.
    pub issued_on: &'a str,
    /// Who issued it.
    pub operator: &'a str,
}

/// Issues a certificate with the year's next number ("2026-0007"); returns the number.
pub fn issue_certificate(tx: &Transaction, c: &NewCertificate) -> Result<String> {
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM volunteer_certificate WHERE year = ?1",
        [c.year],
        |r| r.get(0),
    )?;
    let number = format!("{}-{seq:04}", c.year);
    tx.execute(
        "INSERT INTO volunteer_certificate (year, seq, number, account_id, from_day, to_day, hours, content, issuer, issued_on, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![c.year, seq, number, c.account_id, c.from_day, c.to_day, c.hours, c.content, c.issuer, c.issued_on, c.operator],
    )?;
    Ok(number)
}

/// An issued certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Certificate {
    /// Its number, e.g. 2026-0007.
    pub number: String,
    /// The volunteer's account.
    pub account_id: i64,
    /// The first day it covers, `YYYY-MM-DD`.
    pub from_day: String,
    /// The last day it covers.
    pub to_day: String,
    /// Hours served in that span, in tenths.
    pub hours: i64,
    /// What was done.
    pub content: String,
    /// The unit that issued it.
    pub issuer: String,
    /// The day it was issued.
    pub issued_on: String,
}

/// The certificate numbered `number`.
pub fn certificate(conn: &Connection, number: &str) -> Result<Certificate> {
    conn.query_row(
        "SELECT number, account_id, from_day, to_day, hours, content, issuer, issued_on
         FROM volunteer_certificate WHERE number = ?1",
        [number],
        |r| {
            Ok(Certificate {
                number: r.get(0)?,
                account_id: r.get(1)?,
                from_day: r.get(2)?,
                to_day: r.get(3)?,
                hours: r.get(4)?,
                content: r.get(5)?,
                issuer: r.get(6)?,
                issued_on: r.get(7)?,
            })
        },
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "志愿服务证明",
        id: 0,
    })
}

//! Service records: priced by the rule of their day within its caps, 录入 → 审核, and the
//! certificates issued from them.

use super::*;

/// A service record as the form (or an imported sheet) gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceInput {
    pub account_id: i64,
    /// The rule's name (积分项目).
    pub rule: String,
    pub activity: String,
    pub served_on: String,
    /// "2", "2.5", "3小时", "半天"; empty for a rule counted per time.
    pub hours: String,
    pub certified_by: String,
    /// Approved as it is entered (one step), or left for 审核.
    pub approve: bool,
}

/// What a service earned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recorded {
    pub record_id: i64,
    pub points: Points,
    /// Why it earned less than the rule gives (a cap), if it did.
    pub note: String,
}

/// Records a service: the points come from the rule in force on the day it was done, within the
/// rule's caps; approved now, the ledger is credited in the same transaction.
pub fn record_service(db: &mut Db, ctx: &Ctx, s: ServiceInput) -> Result<Recorded> {
    let planned = plan_service(db.conn(), ctx, &s)?;
    if planned.points.0 == 0 {
        return Err(AppError::conflict(format!(
            "{} 的“{}”已达上限，本次不再计分",
            planned.account, s.rule
        )));
    }
    db.write(|tx| write_service(tx, ctx, &planned, s.approve))
}

/// A service checked and priced, ready to write.
pub(super) struct Planned {
    account_id: i64,
    account: String,
    rule_id: i64,
    activity: String,
    on: String,
    hours: i64,
    points: Points,
    certified_by: String,
    note: String,
}

/// Checks a service and prices it by the rule in force on its day, within the rule's caps (0
/// when a cap is already reached: the hours still count for a certificate).
pub(super) fn plan_service(conn: &Connection, ctx: &Ctx, s: &ServiceInput) -> Result<Planned> {
    let served = day(&s.served_on, "served_on")?;
    if served > ctx.today {
        return Err(AppError::field("served_on", "服务日期不能晚于今天"));
    }
    let account = table::account(conn, s.account_id)?;
    let on = served.to_string();
    let rule = table::rule_on(conn, s.rule.trim(), &on)?.ok_or_else(|| {
        AppError::field(
            "rule",
            format!("{on} 没有名为“{}”的积分规则", s.rule.trim()),
        )
    })?;
    let hours = match rule.basis {
        Basis::PerHour => parse_hours(&s.hours).map_err(|e| AppError::field("hours", e))?,
        _ if s.hours.trim().is_empty() => 0,
        _ => parse_hours(&s.hours).map_err(|e| AppError::field("hours", e))?,
    };
    let activity = s.activity.trim().to_string();
    if activity.is_empty() {
        return Err(AppError::field("activity", "请填写服务内容"));
    }
    let earned =
        |from: NaiveDate| table::earned(conn, s.account_id, &rule.name, &from.to_string(), &on);
    let month = served.with_day(1).unwrap_or(served);
    let year = served.with_ordinal(1).unwrap_or(served);
    let full = rule.earns(hours);
    let points = rule.capped(full, earned(served)?, earned(month)?, earned(year)?);
    let note = if points < full {
        format!("已达上限，按 {points} 分计（规则为 {full} 分）")
    } else {
        String::new()
    };
    Ok(Planned {
        account_id: s.account_id,
        account: account.name,
        rule_id: rule.id,
        activity,
        on,
        hours,
        points,
        certified_by: s.certified_by.trim().to_string(),
        note,
    })
}

/// Writes a planned service (credited at once when `approve`) and its audit entry.
pub(super) fn write_service(
    tx: &Transaction,
    ctx: &Ctx,
    p: &Planned,
    approve: bool,
) -> Result<Recorded> {
    let record_id = table::insert_record(
        tx,
        &NewRecord {
            account_id: p.account_id,
            rule_id: p.rule_id,
            activity: &p.activity,
            served_on: &p.on,
            hours: p.hours,
            points: p.points,
            certified_by: &p.certified_by,
            // Nothing to credit: approved as it stands.
            status: if approve && p.points.0 == 0 {
                RecordStatus::Approved
            } else {
                RecordStatus::Pending
            },
            entry_id: None,
        },
    )?;
    if approve && p.points.0 > 0 {
        credit(
            tx,
            ctx,
            record_id,
            p.account_id,
            p.points,
            &p.activity,
            &p.on,
        )?;
    }
    let status = if approve {
        RecordStatus::Approved
    } else {
        RecordStatus::Pending
    };
    record(
        tx,
        ctx,
        AuditAction::Create,
        SERVICE,
        record_id,
        format!(
            "{} {} {}：{} 分（{}）",
            p.account,
            p.on,
            p.activity,
            p.points,
            status.label()
        ),
    )?;
    Ok(Recorded {
        record_id,
        points: p.points,
        note: p.note.clone(),
    })
}

fn credit(
    tx: &Transaction,
    ctx: &Ctx,
    record_id: i64,
    account_id: i64,
    points: Points,
    activity: &str,
    on: &str,
) -> Result<()> {
    let entry = earn_entry(
        tx,
        ctx,
        record_id,
        account_id,
        points,
        &format!("{on} {activity}"),
    )?;
    table::decide_record(tx, record_id, RecordStatus::Approved, Some(entry))?;
    Ok(())
}

/// The ledger entry that credits a service record.
pub(super) fn earn_entry(
    tx: &Transaction,
    ctx: &Ctx,
    record_id: i64,
    account_id: i64,
    points: Points,
    reason: &str,
) -> Result<i64> {
    Ok(table::append(
        tx,
        &NewEntry {
            account_id,
            kind: EntryKind::Earn,
            points,
            reason,
            operator: &ctx.actor,
            source: &format!("service:{record_id}"),
            reverses: None,
        },
    )?)
}

/// Service records waiting for 审核, oldest first.
pub fn pending(db: &Db, (page, page_size): (u32, u32)) -> Result<Page<table::PendingRow>> {
    Ok(taizhang_db::page::of(
        table::pending(db.conn())?,
        page,
        page_size,
    ))
}

/// 审核: a pending record approved (credited) or sent back.
pub fn decide(db: &mut Db, ctx: &Ctx, record_id: i64, approve: bool) -> Result<()> {
    let (account, points, activity, on) = table::pending_record(db.conn(), record_id)?;
    db.write(|tx| {
        if approve {
            credit(tx, ctx, record_id, account, points, &activity, &on)?;
        } else {
            table::decide_record(tx, record_id, RecordStatus::Rejected, None)?;
        }
        let verdict = if approve { "审核通过" } else { "退回" };
        record(
            tx,
            ctx,
            AuditAction::Update,
            SERVICE,
            record_id,
            format!("服务记录 {on} {activity}：{verdict}"),
        )
    })
}

/// 志愿服务记录证明 for an account's approved service in a period: numbered (the year's next
/// number, no gaps) and recorded; returns its number.
pub fn issue_certificate(
    db: &mut Db,
    ctx: &Ctx,
    account_id: i64,
    from: &str,
    to: &str,
    issuer: &str,
) -> Result<String> {
    let (from, to) = (day(from, "from")?, day(to, "to")?);
    if from > to {
        return Err(AppError::field("to", "截止日期不能早于起始日期"));
    }
    let issuer = issuer.trim();
    if issuer.is_empty() {
        return Err(AppError::field(
            "issuer",
            "请填写出具证明的组织，如 东关社区居民委员会",
        ));
    }
    let account = table::account(db.conn(), account_id)?;
    if account.kind != AccountKind::Person {
        return Err(AppError::conflict("志愿服务证明只能为个人出具"));
    }
    let service = table::service(db.conn(), account_id, &from.to_string(), &to.to_string())?;
    let hours: i64 = service.iter().map(|(_, _, h)| h).sum();
    if hours == 0 {
        return Err(AppError::conflict(format!(
            "{} 在 {from} 至 {to} 没有已审核的计时服务记录",
            account.name
        )));
    }
    let mut kinds: Vec<&str> = Vec::new();
    for (_, activity, _) in &service {
        if !kinds.contains(&activity.as_str()) {
            kinds.push(activity);
        }
    }
    let content = kinds.join("、");
    db.write(|tx| {
        let number = table::issue_certificate(
            tx,
            &table::NewCertificate {
                account_id,
                year: ctx.today.year(),
                from_day: &from.to_string(),
                to_day: &to.to_string(),
                hours,
                content: &content,
                issuer,
                issued_on: &ctx.today.to_string(),
                operator: &ctx.actor,
            },
        )?;
        record(
            tx,
            ctx,
            AuditAction::Create,
            ACCOUNT,
            account_id,
            format!("为 {} 出具志愿服务证明 {number}", account.name),
        )?;
        Ok(number)
    })
}

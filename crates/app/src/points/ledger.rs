//! Corrections on the ledger: adjustments, reversals, expiry.

use super::*;

pub fn ledger(db: &Db, account_id: i64) -> Result<Vec<EntryRow>> {
    table::account(db.conn(), account_id)?;
    Ok(table::ledger(db.conn(), account_id)?)
}

/// Page `page` of an account's ledger, newest first, each entry with the balance after it.
pub fn ledger_page(
    db: &Db,
    account_id: i64,
    (page, page_size): (u32, u32),
) -> Result<Page<EntryRow>> {
    let mut lines = ledger(db, account_id)?;
    lines.reverse();
    Ok(taizhang_db::page::of(lines, page, page_size))
}

/// An adjustment with its reason: positive or negative, never below zero.
pub fn adjust(db: &mut Db, ctx: &Ctx, account_id: i64, points: &str, reason: &str) -> Result<i64> {
    let points = Points::parse(points).map_err(|e| AppError::field("points", e))?;
    if points.0 == 0 {
        return Err(AppError::field("points", "调整的积分不能为 0"));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", "请填写调整原因"));
    }
    let account = table::account(db.conn(), account_id)?;
    if account.balance.0 + points.0 < 0 {
        return Err(AppError::conflict(format!(
            "{} 余额 {} 分，不能扣减 {} 分",
            account.name,
            account.balance,
            Points(-points.0)
        )));
    }
    db.write(|tx| {
        let entry = table::append(
            tx,
            &NewEntry {
                account_id,
                kind: EntryKind::Adjust,
                points,
                reason,
                operator: &ctx.actor,
                source: "",
                reverses: None,
            },
        )?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            ACCOUNT,
            account_id,
            format!("{} 积分调整 {points} 分：{reason}", account.name),
        )?;
        Ok(entry)
    })
}

/// 冲正: an entry undone by one of the opposite sign. A redemption is reversed as a whole
/// ([`reverse_redemption`]), and nothing is reversed twice.
pub fn reverse(db: &mut Db, ctx: &Ctx, entry_id: i64, reason: &str) -> Result<i64> {
    let (account_id, kind, points, reversed) = table::entry(db.conn(), entry_id)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", "请填写冲正原因"));
    }
    match kind {
        EntryKind::Redeem => Err(AppError::conflict(
            "兑换请在兑换记录中整笔冲正（积分和库存一起退回）",
        )),
        EntryKind::Reverse => Err(AppError::conflict("冲正记录不能再冲正；如需更正请做调整")),
        _ if reversed => Err(AppError::conflict(format!("流水 {entry_id} 已冲正过"))),
        _ => Ok(()),
    }?;
    let balance = table::balance(db.conn(), account_id)?;
    if balance.0 - points.0 < 0 {
        return Err(AppError::conflict(format!(
            "冲正后余额将为负：余额 {balance} 分，冲正 {points} 分"
        )));
    }
    db.write(|tx| {
        let entry = table::append(
            tx,
            &NewEntry {
                account_id,
                kind: EntryKind::Reverse,
                points: Points(-points.0),
                reason,
                operator: &ctx.actor,
                source: &format!("entry:{entry_id}"),
                reverses: Some(entry_id),
            },
        )?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            ACCOUNT,
            account_id,
            format!("冲正流水 {entry_id}（{points} 分）：{reason}"),
        )?;
        Ok(entry)
    })
}

/// 积分到期: points earned before `cutoff` and still unspent (oldest spent first) expire, as one
/// 过期 entry per account, in one transaction. Returns (accounts, points expired). Running it
/// again for the same cutoff expires nothing more.
pub fn expire(db: &mut Db, ctx: &Ctx, cutoff: &str) -> Result<(usize, Points)> {
    let cutoff = day(cutoff, "cutoff")?;
    if cutoff > ctx.today {
        return Err(AppError::field("cutoff", "到期日不能晚于今天"));
    }
    let due = table::expirable(db.conn(), &cutoff.to_string())?;
    let reason = format!("{cutoff} 前获得的积分到期");
    db.write(|tx| {
        for (account_id, points) in &due {
            table::append(
                tx,
                &NewEntry {
                    account_id: *account_id,
                    kind: EntryKind::Expire,
                    points: Points(-points.0),
                    reason: &reason,
                    operator: &ctx.actor,
                    source: "",
                    reverses: None,
                },
            )?;
        }
        let total = Points(due.iter().map(|(_, p)| p.0).sum());
        record(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            0,
            format!(
                "积分到期（{cutoff} 前获得）：{} 个账户共 {total} 分",
                due.len()
            ),
        )?;
        Ok((due.len(), total))
    })
}

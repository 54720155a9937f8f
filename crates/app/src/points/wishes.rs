//! 微心愿: posted, claimed, fulfilled — fulfilling earns through a service record.

use super::*;

/// 微心愿: a resident's small wish, posted.
pub fn post_wish(db: &mut Db, ctx: &Ctx, resident: &str, content: &str) -> Result<i64> {
    let (resident, content) = (resident.trim(), content.trim());
    if resident.is_empty() || content.is_empty() {
        return Err(AppError::field("content", "请填写居民姓名和心愿内容"));
    }
    db.write(|tx| {
        let id = table::insert_wish(tx, resident, content, &ctx.today.to_string())?;
        record(
            tx,
            ctx,
            AuditAction::Create,
            WISH,
            id,
            format!("登记微心愿：{resident}“{content}”"),
        )?;
        Ok(id)
    })
}

pub fn wishes(db: &Db) -> Result<Vec<table::WishRow>> {
    Ok(table::wishes(db.conn())?)
}

/// A volunteer (an account) claims an open wish.
pub fn claim_wish(db: &mut Db, ctx: &Ctx, wish_id: i64, account_id: i64) -> Result<()> {
    let wish = table::wish(db.conn(), wish_id)?;
    if wish.status != taizhang_core::points::WishStatus::Open {
        return Err(AppError::conflict(format!(
            "这个心愿已被 {} 认领",
            wish.claimed_by
        )));
    }
    let account = table::account(db.conn(), account_id)?;
    db.write(|tx| {
        table::claim_wish(tx, wish_id, account_id, &ctx.today.to_string())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            WISH,
            wish_id,
            format!("{} 认领微心愿“{}”", account.name, wish.content),
        )
    })
}

/// The claimed wish fulfilled: its volunteer earns by `rule` (a rule counted per time), in the
/// same transaction.
pub fn fulfil_wish(db: &mut Db, ctx: &Ctx, wish_id: i64, rule: &str) -> Result<Recorded> {
    let wish = table::wish(db.conn(), wish_id)?;
    let account_id = match (wish.status, wish.account_id) {
        (taizhang_core::points::WishStatus::Claimed, Some(a)) => a,
        _ => return Err(AppError::conflict("只有已认领的心愿才能标记为已实现")),
    };
    let planned = plan_service(
        db.conn(),
        ctx,
        &ServiceInput {
            account_id,
            rule: rule.to_string(),
            activity: format!("实现微心愿：{}（{}）", wish.content, wish.resident),
            served_on: ctx.today.to_string(),
            hours: String::new(),
            certified_by: ctx.actor.clone(),
            approve: true,
        },
    )?;
    db.write(|tx| {
        let done = write_service(tx, ctx, &planned, true)?;
        table::fulfil_wish(tx, wish_id, &ctx.today.to_string(), done.record_id)?;
        Ok(done)
    })
}

//! 走访 use cases: a visit recorded (audited), a household's log, the visits of a period. Which
//! households are due a visit is `household`'s.

use chrono::NaiveDate;
use taizhang_core::{audit::AuditAction, form::FieldError, visit::VisitInput};
use taizhang_db::{visit as table, visit::VisitRow, Db};

use crate::{AppError, Ctx, Result};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "走访";

/// A household's visits, newest first.
pub fn of_household(db: &Db, ctx: &Ctx, household_id: i64) -> Result<Vec<VisitRow>> {
    crate::household::in_scope(db, ctx, household_id)?;
    Ok(table::of_household(db.conn(), household_id)?)
}

/// The visits `ctx` sees made from `from` to `to` (`YYYY-MM-DD`, inclusive), newest first.
pub fn between(db: &Db, ctx: &Ctx, from: &str, to: &str) -> Result<Vec<VisitRow>> {
    Ok(table::between(db.conn(), from, to)?
        .into_iter()
        .filter(|v| crate::scope::sees(ctx, &v.units))
        .collect())
}

/// A visit's fields checked: every field error, keyed by field.
fn check(db: &Db, ctx: &Ctx, v: &VisitInput) -> Result<Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    match v.visited_on.parse::<NaiveDate>() {
        Err(_) => err("visited_on", "请填写走访日期".into()),
        Ok(d) if d > ctx.today => err("visited_on", "走访日期不能晚于今天".into()),
        Ok(_) => {}
    }
    match v.worker_id {
        None => err("worker_id", "请选择走访的网格员".into()),
        Some(w) => {
            if crate::scope::if_seen(crate::grid::in_scope(db, ctx, w))?.is_none_or(|w| w.deleted) {
                err("worker_id", "所选网格员不存在或已删除".into());
            }
        }
    }
    if v.way.is_none() {
        err("way", "请选择走访方式".into());
    }
    if v.found.trim().is_empty() {
        err("found", "请填写走访情况".into());
    }
    Ok(errors)
}

/// Records a visit; its id.
pub fn record(db: &mut Db, ctx: &Ctx, v: VisitInput) -> Result<i64> {
    let h = crate::household::in_scope(db, ctx, v.household_id)?;
    if h.deleted {
        return Err(AppError::conflict("该住户已删除，不能登记走访"));
    }
    let errors = check(db, ctx, &v)?;
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let address = h.input.address();
    db.write(|tx| {
        let id = table::insert(tx, &v)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Create,
            (ENTITY, id),
            format!("走访 {address}（{}）", v.visited_on),
            &None::<VisitInput>,
            &v,
        )?;
        Ok(id)
    })
}

/// Moves a visit to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let v = in_scope(db, ctx, id)?;
    let what = format!("走访记录 {}（{}）", v.address, v.input.visited_on);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, true, table::set_deleted)
}

/// One visit as `ctx` may see it: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<VisitRow> {
    let v = table::get(db.conn(), id)?;
    let seen = crate::scope::sees(ctx, &v.units);
    crate::scope::check(ctx, &format!("走访记录 {}", v.address), seen)?;
    Ok(v)
}

/// Puts a visit back from the recycle bin.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let v = table::get(db.conn(), id)?;
    let what = format!("走访记录 {}（{}）", v.address, v.input.visited_on);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, false, table::set_deleted)
}

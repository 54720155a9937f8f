//! 诉求与事件 use cases: a 诉求 taken in (numbered, or keyed by its 12345 工单编号), raised from
//! a visit's need, moved through its loop one audited step at a time (研判, 派单, 办理, 办结,
//! 回访, going back with a reason), listed with the overdue ones (督办) standing out.

mod import;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use taizhang_core::{
    appeal::{
        after_call_back, check_move, overdue, AppealInput, AppealLinks, AppealSource, AppealStatus,
        AppealStep,
    },
    audit::AuditAction,
    dict::Dict,
    form::FieldError,
    mask,
    org::OrgKind,
};
use taizhang_db::{
    appeal::{self as table, AppealRow, StepRow},
    attachment::{Attachment, Owner},
    house::HouseRow,
    meeting::TaskRow,
    org,
    page::Page,
    Db,
};
use ts_rs::TS;

use crate::{AppError, Ctx, ErrorCode, Result};

pub use import::{Appeals, WorkOrder};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "诉求";

/// The list's filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppealQuery {
    /// Part of the number, the content, the reporter or the address.
    pub search: String,
    pub status: Option<AppealStatus>,
    pub category: Option<String>,
    pub community_id: Option<i64>,
    /// Only those still open past their deadline (督办).
    pub overdue: bool,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppealLine {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: AppealRow,
    /// Open past its deadline on the office's day.
    pub overdue: bool,
}

/// A page of the list with the counts the page's header shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppealPage {
    pub rows: Page<AppealLine>,
    /// 诉求 still open (not 已办结 or 已归档) that `ctx` sees.
    pub open: i64,
    /// Of those, past their deadline.
    pub overdue: i64,
}

fn masked(mut row: AppealRow) -> AppealRow {
    row.input.phone = mask::phone(&row.input.phone);
    row
}

fn line(ctx: &Ctx, row: AppealRow) -> AppealLine {
    AppealLine {
        overdue: overdue(row.status, row.deadline.as_deref(), ctx.today),
        row: masked(row),
    }
}

/// Every 诉求 `ctx` sees (not in the recycle bin), newest first.
fn seen(db: &Db, ctx: &Ctx) -> Result<Vec<AppealRow>> {
    Ok(table::all(db.conn())?
        .into_iter()
        .filter(|a| !a.deleted && sees(ctx, &a.input))
        .collect())
}

fn sees(ctx: &Ctx, a: &AppealInput) -> bool {
    crate::scope::sees(ctx, &[a.community_id, a.grid_id])
}

/// One page of the list, phones masked.
pub fn page(
    db: &Db,
    ctx: &Ctx,
    q: &AppealQuery,
    (page, page_size): (u32, u32),
) -> Result<AppealPage> {
    let all: Vec<AppealLine> = seen(db, ctx)?.into_iter().map(|a| line(ctx, a)).collect();
    let open = all.iter().filter(|a| a.row.status.open()).count() as i64;
    let late = all.iter().filter(|a| a.overdue).count() as i64;
    let text = q.search.trim();
    let category = q.category.as_deref().filter(|c| !c.is_empty());
    let found = all
        .into_iter()
        .filter(|a| q.status.is_none_or(|s| a.row.status == s))
        .filter(|a| category.is_none_or(|c| a.row.input.category == c))
        .filter(|a| {
            q.community_id
                .is_none_or(|c| a.row.input.community_id == Some(c))
        })
        .filter(|a| !q.overdue || a.overdue)
        .filter(|a| {
            text.is_empty()
                || [
                    &a.row.input.number,
                    &a.row.input.content,
                    &a.row.input.reporter,
                    &a.row.input.address,
                ]
                .iter()
                .any(|f| f.contains(text))
        })
        .collect();
    Ok(AppealPage {
        rows: taizhang_db::page::of(found, page, page_size),
        open,
        overdue: late,
    })
}

/// The 诉求 `ctx` sees that are open past their deadline, most overdue first: 督办.
pub fn overdue_list(db: &Db, ctx: &Ctx) -> Result<Vec<AppealLine>> {
    let mut late: Vec<AppealLine> = seen(db, ctx)?
        .into_iter()
        .map(|a| line(ctx, a))
        .filter(|a| a.overdue)
        .collect();
    late.sort_by(|a, b| a.row.deadline.cmp(&b.row.deadline));
    Ok(late)
}

/// One 诉求 as its page opens it: where it stands, its steps, and its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppealDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub line: AppealLine,
    pub steps: Vec<StepRow>,
    /// Photos and scans of its handling, without their bytes.
    pub attachments: Vec<Attachment>,
    /// The house it is linked to (owner's ID and phone masked).
    pub house: Option<HouseRow>,
    /// The 说事议事 task it is linked to.
    pub task: Option<TaskRow>,
    /// The version shown (`audit::unchanged_since`).
    pub version: i64,
}

/// The recycle bin's name for a 诉求's attachment.
pub const ATTACHMENT: &str = Owner::Appeal.entity();

/// A 诉求, as its photos' and scans' holder (the spot before and after, a signed receipt).
pub struct AppealFiles;

impl crate::attachment::Holder for AppealFiles {
    const OWNER: Owner = Owner::Appeal;
    const ENTITY: &'static str = ENTITY;

    fn named(db: &Db, ctx: &Ctx, id: i64) -> Result<String> {
        Ok(format!("诉求 {}", in_scope(db, ctx, id)?.input.number))
    }
}

/// One 诉求 as `ctx` may see it: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<AppealRow> {
    let a = table::get(db.conn(), id)?;
    check_scope(ctx, &a.input)?;
    Ok(a)
}

fn check_scope(ctx: &Ctx, a: &AppealInput) -> Result<()> {
    crate::scope::check(ctx, &format!("诉求 {}", a.number), sees(ctx, a))
}

/// One 诉求 with its steps, the phone masked.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<AppealDetail> {
    let a = in_scope(db, ctx, id)?;
    let (house, task) = linked(db, ctx, a.links)?;
    Ok(AppealDetail {
        house: house.map(crate::house::masked),
        task,
        steps: table::steps(db.conn(), id)?,
        attachments: taizhang_db::attachment::of(db.conn(), Owner::Appeal, id)?,
        version: taizhang_db::audit::version(db.conn(), ENTITY, id)?,
        line: line(ctx, a),
    })
}

fn day(text: &str, field: &str, label: &str) -> Result<NaiveDate> {
    text.trim()
        .parse()
        .map_err(|_| AppError::field(field, format!("请填写{label}（如 2026-12-03）")))
}

/// What was taken in, checked as a form save is: every field error, keyed by field.
fn check(db: &Db, ctx: &Ctx, a: &AppealInput) -> Result<Vec<FieldError>> {
    let conn = db.conn();
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    if a.content.trim().is_empty() {
        err("content", "请填写诉求内容".into());
    }
    if a.source.is_none() {
        err("source", "请选择诉求来源".into());
    }
    match a.received_on.trim().parse::<NaiveDate>() {
        Err(_) => err("received_on", "请填写收集日期".into()),
        Ok(d) if d > ctx.today => err("received_on", "收集日期不能晚于今天".into()),
        Ok(_) => {}
    }
    if !a.phone.trim().is_empty() {
        if let Err(e) = taizhang_core::phone::parse(&a.phone) {
            err("phone", e.to_string());
        }
    }
    if !a.category.is_empty()
        && !taizhang_db::dict::contains(conn, Dict::AppealCategory, &a.category)?
    {
        err(
            "category",
            format!(
                "诉求类别“{}”不在字典中，可在“系统设置 → 字典”中添加",
                a.category
            ),
        );
    }
    if let Some(c) = a.community_id {
        if org::get(conn, c)?.map(|n| n.kind) != Some(OrgKind::Community) {
            err("community_id", "所选组织不是社区/村，请重新选择".into());
        }
    }
    if let (Some(g), Some(c)) = (a.grid_id, a.community_id) {
        if !org::is_within(conn, g, c)? {
            err("grid_id", "所选网格不属于所选社区，请重新选择".into());
        }
    }
    if a.community_id.is_none() && a.grid_id.is_none() && a.address.trim().is_empty() {
        err("address", "请选择社区或填写诉求地址".into());
    }
    Ok(errors)
}

fn checked(db: &Db, ctx: &Ctx, a: &AppealInput) -> Result<()> {
    let errors = check(db, ctx, a)?;
    match errors.is_empty() {
        true => Ok(()),
        false => Err(AppError::validation(errors)),
    }
}

/// Takes a 诉求 in at 待研判; its id. Numbered SQ年月-序号 unless it carries a number (a 12345
/// 工单编号), which no other live 诉求 may have.
pub fn record(db: &mut Db, ctx: &Ctx, mut a: AppealInput) -> Result<i64> {
    check_scope(ctx, &a)?;
    a.number = a.number.trim().to_owned();
    checked(db, ctx, &a)?;
    if !a.number.is_empty() && table::find_by_number(db.conn(), &a.number)?.is_some() {
        return Err(AppError::conflict(format!(
            "诉求编号 {} 已登记，请在原诉求上办理",
            a.number
        )));
    }
    db.write(|tx| {
        if a.number.is_empty() {
            let month: String = a
                .received_on
                .trim()
                .chars()
                .filter(char::is_ascii_digit)
                .take(6)
                .collect();
            a.number = table::next_number(tx, &month)?;
        }
        let id = table::insert(tx, &a, AppealStatus::Collected)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Create,
            (ENTITY, id),
            format!("登记诉求 {}", a.number),
            &None::<AppealInput>,
            &a,
        )?;
        Ok(id)
    })
}

/// Corrects what was taken in; refused once archived. A masked phone sent back keeps the stored.
pub fn update(db: &mut Db, ctx: &Ctx, id: i64, mut a: AppealInput) -> Result<()> {
    let before = in_scope(db, ctx, id)?;
    check_scope(ctx, &a)?;
    if before.status == AppealStatus::Closed {
        return Err(AppError::conflict("已归档的诉求不能再修改"));
    }
    mask::keep_if_masked(&mut a.phone, &before.input.phone, mask::phone);
    a.number = a.number.trim().to_owned();
    if a.number.is_empty() {
        a.number.clone_from(&before.input.number);
    }
    checked(db, ctx, &a)?;
    if table::find_by_number(db.conn(), &a.number)?.is_some_and(|other| other != id) {
        return Err(AppError::conflict(format!("诉求编号 {} 已登记", a.number)));
    }
    db.write(|tx| {
        table::update(tx, id, &a)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, id),
            format!("修改诉求 {}", a.number),
            &before.input,
            &a,
        )
    })
}

/// The house and the task `links` name, as `ctx` may see them: refused when another
/// community's, not found when binned.
pub(crate) fn linked(
    db: &Db,
    ctx: &Ctx,
    links: AppealLinks,
) -> Result<(Option<HouseRow>, Option<TaskRow>)> {
    let house = links
        .house_id
        .map(|h| -> Result<HouseRow> {
            let row = taizhang_db::house::get(db.conn(), h, ctx.today)?;
            let seen = crate::scope::sees(ctx, &[row.input.community_id, row.input.grid_id]);
            crate::scope::check(ctx, &format!("房屋“{}”", row.input.address), seen)?;
            match row.deleted {
                true => Err(AppError::new(
                    ErrorCode::NotFound,
                    format!("房屋“{}”已在回收站中", row.input.address),
                )),
                false => Ok(row),
            }
        })
        .transpose()?;
    let task = match links.task_id {
        Some(t) => Some(
            crate::meeting::tasks(db, ctx, false)?
                .into_iter()
                .find(|row| row.task.id == Some(t))
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        "找不到这项议事任务，可能已从会议中删除",
                    )
                })?,
        ),
        None => None,
    };
    Ok((house, task))
}

/// Links a 诉求 to the house it concerns and the 说事议事 task that takes it up (either may be
/// none, to unlink), so each is tracked once; both must be ones `ctx` sees. Audited.
pub fn link(db: &mut Db, ctx: &Ctx, id: i64, links: AppealLinks) -> Result<()> {
    let a = in_scope(db, ctx, id)?;
    let (house, task) = linked(db, ctx, links)?;
    let say = |what: &str, to: Option<String>| match to {
        Some(t) => format!("{what}“{t}”"),
        None => format!("不关联{what}"),
    };
    let summary = format!(
        "诉求 {}：{}，{}",
        a.input.number,
        say("房屋", house.map(|h| h.input.address)),
        say("议事任务", task.map(|t| t.task.content)),
    );
    db.write(|tx| {
        table::set_links(tx, id, links)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, id),
            summary,
            &a.links,
            &links,
        )
    })
}

/// Moves a 诉求 a step in its loop (研判, 派单, a progress note, 办结, or back with a reason).
pub fn take_step(
    db: &mut Db,
    ctx: &Ctx,
    id: i64,
    to: AppealStatus,
    step: AppealStep,
) -> Result<()> {
    let a = in_scope(db, ctx, id)?;
    check_move(a.status, to, &step).map_err(|e| AppError::field("status", e))?;
    if to == AppealStatus::Assessed
        && a.status == AppealStatus::Collected
        && !taizhang_db::dict::contains(db.conn(), Dict::AppealCategory, step.category.trim())?
    {
        return Err(AppError::field(
            "category",
            format!("诉求类别“{}”不在字典中", step.category.trim()),
        ));
    }
    if to == AppealStatus::Dispatched && a.status == AppealStatus::Assessed {
        let deadline = day(
            step.deadline.as_deref().unwrap_or(""),
            "deadline",
            "办理时限",
        )?;
        if deadline < day(&a.input.received_on, "received_on", "收集日期")? {
            return Err(AppError::field("deadline", "办理时限不能早于收集日期"));
        }
    }
    write_step(db, ctx, &a, to, &step)
}

/// Records a 回访 of a finished 诉求: 满意 or 基本满意 archive it, 不满意 sends it back to 办理中.
pub fn call_back(db: &mut Db, ctx: &Ctx, id: i64, step: AppealStep) -> Result<AppealStatus> {
    let a = in_scope(db, ctx, id)?;
    let to = after_call_back(a.status, &step).map_err(|e| AppError::field("satisfaction", e))?;
    write_step(db, ctx, &a, to, &step)?;
    Ok(to)
}

fn write_step(
    db: &mut Db,
    ctx: &Ctx,
    a: &AppealRow,
    to: AppealStatus,
    step: &AppealStep,
) -> Result<()> {
    let what = match (a.status, to) {
        (from, to) if from == to => format!("办理进展：{}", step.note.trim()),
        (AppealStatus::Done, AppealStatus::Closed | AppealStatus::Handling) => format!(
            "回访（{}）：{} → {}",
            step.satisfaction.map(|s| s.label()).unwrap_or_default(),
            a.status.label(),
            to.label()
        ),
        (from, to) => format!("{} → {}", from.label(), to.label()),
    };
    let why = match step.reason.trim() {
        "" => String::new(),
        r => format!("，原因：{r}"),
    };
    db.write(|tx| {
        table::take_step(
            tx,
            a.id,
            (a.status, to),
            step,
            &ctx.actor,
            &ctx.today.to_string(),
        )?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            a.id,
            format!("诉求 {} {what}{why}", a.input.number),
        )
    })
}

/// Raises a 诉求 from what a household asked for on a visit: its place, head and words.
/// Refused when the visit asked for nothing, or already became one.
pub fn from_visit(db: &mut Db, ctx: &Ctx, visit_id: i64) -> Result<i64> {
    let v = crate::visit::in_scope(db, ctx, visit_id)?;
    if v.input.need.trim().is_empty() {
        return Err(AppError::conflict("这次走访没有记录群众诉求"));
    }
    if let Some(number) = table::of_visit(db.conn(), visit_id)? {
        return Err(AppError::conflict(format!(
            "这次走访的诉求已登记为 {number}"
        )));
    }
    let h = crate::household::in_scope(db, ctx, v.input.household_id)?;
    let head = h.input.head().map(|m| (m.name.clone(), m.phone.clone()));
    record(
        db,
        ctx,
        AppealInput {
            source: Some(AppealSource::Visit),
            received_on: v.input.visited_on.clone(),
            community_id: h.input.community_id,
            grid_id: h.input.grid_id,
            address: h.input.address(),
            household_id: Some(h.id),
            visit_id: Some(visit_id),
            reporter: head.as_ref().map(|(n, _)| n.clone()).unwrap_or_default(),
            phone: head.map(|(_, p)| p).unwrap_or_default(),
            content: v.input.need.trim().to_owned(),
            ..AppealInput::suggested()
        },
    )
}

/// Moves a 诉求 to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let what = format!("诉求 {}", in_scope(db, ctx, id)?.input.number);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, true, table::set_deleted)
}

/// Puts a 诉求 back from the recycle bin, unless its number has been used again.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let a = table::get(db.conn(), id)?;
    if table::find_by_number(db.conn(), &a.input.number)?.is_some() {
        return Err(AppError::conflict(format!(
            "诉求编号 {} 已被另一条诉求使用，不能恢复",
            a.input.number
        )));
    }
    let what = format!("诉求 {}", a.input.number);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, false, table::set_deleted)
}

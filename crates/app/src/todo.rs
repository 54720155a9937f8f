//! The to-do list the home screen opens with (and `taizhang todo` prints), computed from the
//! registers for a given day: 转正 due, 三会一课 not yet held this period, 议事 tasks and
//! rectifications overdue, goods at or below their threshold, members away not reached,
//! households due a visit by their care tags, 诉求 past their deadline (督办).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    date,
    meeting::{period_index, periods},
    party_member::Category,
    todo::{self as rules, TodoKind},
};
use taizhang_db::{party_member::PartyMemberDetail, Db};
use ts_rs::TS;

use crate::{house, link::Link, meeting, scope, Ctx, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TodoItem {
    pub kind: TodoKind,
    /// What is due, naming the record: "王国民 预备期满，应讨论转正".
    pub title: String,
    pub detail: String,
    /// The day it is due; None for what is due at once.
    pub due: Option<String>,
    pub overdue: bool,
    /// The record it opens.
    pub link: Link,
}

/// Everything due on `ctx.today`, overdue first, then by due date.
pub fn todo(db: &Db, ctx: &Ctx) -> Result<Vec<TodoItem>> {
    let today = ctx.today;
    let mut items = Vec::new();
    let members: Vec<_> = taizhang_db::party_member::all(db.conn(), today)?
        .into_iter()
        .filter(|m| m.deleted_at.is_none())
        .filter(|m| scope::sees_member(ctx, m.input.branch_id, m.input.grid_id))
        .collect();
    confirmations(&members, today, &mut items);
    meeting_gaps(db, ctx, &mut items)?;
    for t in meeting::tasks(db, ctx, true)?
        .into_iter()
        .filter(|t| t.overdue)
    {
        let due = date::parse(&t.task.due_on);
        items.push(TodoItem {
            kind: TodoKind::Task,
            title: format!("{}（责任人 {}）", t.task.content, t.task.owner),
            detail: format!(
                "{} · {}{}",
                t.meeting_title,
                t.task.status.label(),
                due.map(|d| format!(" · 时限 {d}，{}", rules::days_left(d, today)))
                    .unwrap_or_default()
            ),
            due: Some(t.task.due_on.clone()),
            overdue: true,
            link: Link::Meeting(t.meeting_id),
        });
    }
    for (r, h) in house::overdue(db, ctx)? {
        let due = date::parse(&r.input.deadline);
        items.push(TodoItem {
            kind: TodoKind::Rectification,
            title: format!(
                "{}（{}）{}",
                h.input.address,
                h.input.owner,
                r.input.measure.label()
            ),
            detail: format!(
                "{} · 责任人 {} · 时限 {}{}",
                r.status.label(),
                r.input.responsible,
                r.input.deadline,
                due.map(|d| format!("，{}", rules::days_left(d, today)))
                    .unwrap_or_default()
            ),
            due: Some(r.input.deadline.clone()),
            overdue: true,
            link: Link::House(h.id),
        });
    }
    // The points supermarket is the 街道's.
    let goods = match crate::points::street_only(ctx) {
        Ok(()) => taizhang_db::points::goods(db.conn())?,
        Err(_) => Vec::new(),
    };
    for g in goods.into_iter().filter(|g| g.stock <= g.low_stock) {
        items.push(TodoItem {
            kind: TodoKind::LowStock,
            title: format!("{} 库存 {} {}", g.name, g.stock, g.unit),
            detail: format!("低于或等于提醒线 {} {}，请补货", g.low_stock, g.unit),
            due: None,
            overdue: false,
            link: Link::Goods(g.id),
        });
    }
    for m in taizhang_db::party_member::away(db.conn())?
        .into_iter()
        .filter(|m| scope::sees_member(ctx, m.branch_id, m.grid_id))
    {
        let last = m.last_contact.as_deref().and_then(date::parse);
        let due = rules::contact_due(last);
        if due.is_some_and(|d| d > today) {
            continue;
        }
        items.push(TodoItem {
            kind: TodoKind::Contact,
            title: format!("{}（{}）", m.name, m.status.label()),
            detail: format!(
                "{} · {}",
                m.branch,
                match last {
                    Some(d) => format!("上次联系 {d}，已超过 {} 个月", rules::CONTACT_MONTHS),
                    None => "尚无联系记录".to_owned(),
                }
            ),
            due: due.map(|d| d.to_string()),
            overdue: true,
            link: Link::PartyMember(m.member_id),
        });
    }
    // 诉求 still open past their deadline: 督办.
    for a in crate::appeal::overdue_list(db, ctx)? {
        let deadline = a.row.deadline.clone().unwrap_or_default();
        let content: String = a.row.input.content.chars().take(24).collect();
        items.push(TodoItem {
            kind: TodoKind::Appeal,
            title: format!("{} {content}", a.row.input.number),
            detail: format!(
                "{} · 承办 {} · 时限 {deadline}{}",
                a.row.status.label(),
                a.row.handler,
                date::parse(&deadline)
                    .map(|d| format!("，{}", rules::days_left(d, today)))
                    .unwrap_or_default()
            ),
            due: Some(deadline),
            overdue: true,
            link: Link::Appeal(a.row.id),
        });
    }
    // Households whose care tags say a visit is due, by the grid worker who serves them.
    for w in crate::household::due_by_worker(db, ctx)? {
        let who = match w.unit.as_str() {
            "" => w.name.clone(),
            unit => format!("{}（{unit}）", w.name),
        };
        items.push(TodoItem {
            kind: TodoKind::Visit,
            title: format!("{who}：{} 户关爱对象应走访", w.due),
            detail: "按关爱类别的走访频次，今天到期或已超期".to_owned(),
            due: None,
            overdue: true,
            link: Link::DueVisits(w.unit_id),
        });
    }
    // Records an import took in without some required field (待补录), register by register.
    let incomplete_houses = house::HouseQuery {
        incomplete: true,
        ..Default::default()
    };
    let incomplete_members = taizhang_db::incomplete::ids(db.conn(), crate::party_member::ENTITY)?;
    let incomplete = [
        (
            members
                .iter()
                .filter(|m| incomplete_members.contains(&m.id))
                .count(),
            "名党员待补录",
            "导入时表中缺少必填项（如转正日期、民族），请在花名册中补全",
            Link::IncompleteMembers,
        ),
        (
            house::houses(db, ctx, &incomplete_houses)?.len(),
            "处房屋待补录",
            "导入时表中没有产权人或结构类型，请在房屋台账中补全",
            Link::IncompleteHouses,
        ),
    ];
    for (count, title, detail, link) in incomplete {
        if count > 0 {
            items.push(TodoItem {
                kind: TodoKind::Incomplete,
                title: format!("{count} {title}"),
                detail: detail.to_owned(),
                due: None,
                overdue: false,
                link,
            });
        }
    }
    items.sort_by(|a, b| {
        (!a.overdue, a.due.is_none(), &a.due).cmp(&(!b.overdue, b.due.is_none(), &b.due))
    });
    Ok(items)
}

/// Probationary members whose year ends within the window, or has ended.
fn confirmations(members: &[PartyMemberDetail], today: NaiveDate, items: &mut Vec<TodoItem>) {
    for m in members {
        if m.input.category != Category::Probationary {
            continue;
        }
        let Some(joined) = m.input.joined_on.as_deref().and_then(date::parse) else {
            continue;
        };
        let due = rules::probation_ends(joined);
        if !rules::on_list(due, today) {
            continue;
        }
        items.push(TodoItem {
            kind: TodoKind::Confirmation,
            title: format!("{} 预备期满，应讨论转正", m.input.name),
            detail: format!(
                "{} · 入党 {joined} · 预备期满 {due}，{}",
                m.branch,
                rules::days_left(due, today)
            ),
            due: Some(due.to_string()),
            overdue: due < today,
            link: Link::PartyMember(m.id),
        });
    }
}

/// Per branch, the 三会一课 kinds not yet held in the current month or quarter, due by the
/// period's last day.
fn meeting_gaps(db: &Db, ctx: &Ctx, items: &mut Vec<TodoItem>) -> Result<()> {
    let today = ctx.today;
    let compliance = meeting::compliance(db, ctx, today.year())?;
    let mut branches: Vec<(i64, String, Vec<String>, NaiveDate)> = Vec::new();
    for row in &compliance.rows {
        let Some(period) = row.kind.period() else {
            continue;
        };
        let i = period_index(period, today);
        if row.held.get(i).copied().unwrap_or(0) > 0 {
            continue;
        }
        let (label, _, last) = periods(period, today.year())[i].clone();
        let missing = format!("{label}{}", row.kind.label());
        match branches.iter_mut().find(|b| b.0 == row.branch_id) {
            Some(b) => {
                b.2.push(missing);
                b.3 = b.3.min(last);
            }
            None => branches.push((row.branch_id, row.branch.clone(), vec![missing], last)),
        }
    }
    for (id, branch, missing, due) in branches {
        items.push(TodoItem {
            kind: TodoKind::MeetingGap,
            title: format!("{branch} 本期尚未召开 {} 项会议", missing.len()),
            detail: format!("{}；{}", missing.join("、"), rules::days_left(due, today)),
            due: Some(due.to_string()),
            overdue: false,
            link: Link::Compliance(id),
        });
    }
    Ok(())
}

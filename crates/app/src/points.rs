//! 积分超市 use cases: accounts, rules, service records (录入 → 审核), adjustments, goods and
//! stock, redemptions and their reversal. Every points change is a ledger entry in the same
//! transaction as what caused it; the database refuses to edit or delete entries and to take a
//! balance or a stock below zero, and the checks here say why first, in Chinese.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    id_number::IdNumber,
    points::{self as rules, AccountKind, Basis, EntryKind, Points, RecordStatus, Rule, StockKind},
};
use taizhang_db::{
    person::{self, PersonRecord},
    points::{
        self as table, AccountRow, EntryRow, GoodsRow, NewAccount, NewEntry, NewMove, NewRecord,
    },
    rusqlite::Transaction,
    Db,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

/// The register's name in the audit trail.
pub const ENTITY: &str = "积分";

fn record(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    id: i64,
    summary: String,
) -> Result<()> {
    crate::audit::note(tx, ctx, action, ENTITY, id, summary)
}

fn day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field(field, format!("日期“{text}”应写成 2026-11-22")))
}

/// A new points account, as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountInput {
    pub kind: AccountKind,
    /// The person, or the head of the household.
    pub name: String,
    /// Required for a person's account.
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub volunteer_no: String,
    pub team: String,
    pub registered_on: String,
}

/// Opens an account; a person is found by ID (a party member who volunteers is one person) or
/// added to the shared person records.
pub fn open_account(db: &mut Db, ctx: &Ctx, a: AccountInput) -> Result<i64> {
    let name = a.name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::field("name", "请填写姓名（家庭户填户主姓名）"));
    }
    let registered = day(&a.registered_on, "registered_on")?;
    let volunteer_no = Some(a.volunteer_no.trim()).filter(|n| !n.is_empty());
    if let Some(no) = volunteer_no {
        if table::account_by_volunteer_no(db.conn(), no)?.is_some() {
            return Err(AppError::field(
                "volunteer_no",
                format!("志愿者编号 {no} 已被使用"),
            ));
        }
    }
    let id = match a.kind {
        AccountKind::Person => Some(
            IdNumber::parse(&a.id_number)
                .map_err(|e| AppError::field("id_number", e.to_string()))?,
        ),
        AccountKind::Household => None,
    };
    db.write(|tx| {
        let person_id = match &id {
            Some(id) => Some(match person::find_by_id_number(tx, id.as_str())? {
                Some(p) => {
                    if table::account_of_person(tx, p)?.is_some() {
                        return Err(AppError::conflict(format!("{name} 已有积分账户")));
                    }
                    p
                }
                None => person::insert(
                    tx,
                    &PersonRecord {
                        name: name.clone(),
                        id_number: Some(id.as_str().to_string()),
                        sex: Some(id.sex().label().to_string()),
                        birth_date: Some(id.birth_date().to_string()),
                        nation: String::new(),
                        native_place: String::new(),
                        education: String::new(),
                        phone: a.phone.trim().to_string(),
                        address: a.address.trim().to_string(),
                        grid_id: None,
                    },
                )?,
            }),
            None => None,
        };
        let account = table::insert_account(
            tx,
            &NewAccount {
                kind: a.kind,
                person_id,
                household: if a.kind == AccountKind::Household {
                    &name
                } else {
                    ""
                },
                address: a.address.trim(),
                volunteer_no,
                team: a.team.trim(),
                registered_on: &registered.to_string(),
            },
        )?;
        record(
            tx,
            ctx,
            AuditAction::Create,
            account,
            format!("开立积分账户：{name}（{}）", a.kind.label()),
        )?;
        Ok(account)
    })
}

/// Accounts, highest balance first; `search` is a name fragment, pinyin initials or full
/// pinyin, or part of a volunteer number.
pub fn accounts(db: &Db, search: &str) -> Result<Vec<AccountRow>> {
    let q = search.trim();
    Ok(table::accounts(db.conn())?
        .into_iter()
        .filter(|a| {
            taizhang_core::name_key::matches(&a.name, q)
                || a.volunteer_no
                    .as_deref()
                    .is_some_and(|n| !q.is_empty() && n.contains(q))
        })
        .collect())
}

pub fn account(db: &Db, id: i64) -> Result<AccountRow> {
    Ok(table::account(db.conn(), id)?)
}

pub fn ledger(db: &Db, account_id: i64) -> Result<Vec<EntryRow>> {
    table::account(db.conn(), account_id)?;
    Ok(table::ledger(db.conn(), account_id)?)
}

/// A rule as the form sends it; points and caps as typed ("2", "2.5").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RuleInput {
    pub name: String,
    pub basis: Basis,
    pub points: String,
    pub cap_day: String,
    pub cap_month: String,
    pub cap_year: String,
    pub valid_from: String,
}

/// Sets a rule from `valid_from` on. A rule of the same name in force then ends the day before:
/// records already earned keep the rule they were earned under.
pub fn set_rule(db: &mut Db, ctx: &Ctx, r: RuleInput) -> Result<i64> {
    let name = r.name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::field("name", "请填写积分项目名称，如 志愿服务"));
    }
    let points = Points::parse(&r.points).map_err(|e| AppError::field("points", e))?;
    if points.0 <= 0 {
        return Err(AppError::field("points", "积分应大于 0"));
    }
    let cap = |text: &str, field: &str| -> Result<Option<Points>> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Points::parse(text)
                .map(Some)
                .map_err(|e| AppError::field(field, e))
        }
    };
    let from = day(&r.valid_from, "valid_from")?;
    let rule = Rule {
        id: 0,
        name: name.clone(),
        basis: r.basis,
        points,
        cap_day: cap(&r.cap_day, "cap_day")?,
        cap_month: cap(&r.cap_month, "cap_month")?,
        cap_year: cap(&r.cap_year, "cap_year")?,
        valid_from: from.to_string(),
        valid_to: None,
    };
    let current = table::rule_on(db.conn(), &name, &from.to_string())?;
    db.write(|tx| {
        if let Some(old) = &current {
            if old.valid_from == rule.valid_from {
                return Err(AppError::conflict(format!(
                    "“{name}”在 {from} 已有规则；新规则请从之后的日期起算"
                )));
            }
            let last = from.pred_opt().unwrap_or(from);
            table::end_rule(tx, old.id, &last.to_string())?;
        }
        let id = table::insert_rule(tx, &rule)?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            id,
            format!(
                "积分规则“{name}”自 {from} 起：{}{} 分",
                r.basis.label(),
                points
            ),
        )?;
        Ok(id)
    })
}

pub fn rules(db: &Db) -> Result<Vec<Rule>> {
    Ok(table::rules(db.conn())?)
}

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
    let planned = plan_service(db, ctx, &s)?;
    db.write(|tx| write_service(tx, ctx, &planned, s.approve))
}

/// A service checked and priced, ready to write.
struct Planned {
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

/// Checks a service and prices it by the rule in force on its day, within the rule's caps.
fn plan_service(db: &Db, ctx: &Ctx, s: &ServiceInput) -> Result<Planned> {
    let served = day(&s.served_on, "served_on")?;
    if served > ctx.today {
        return Err(AppError::field("served_on", "服务日期不能晚于今天"));
    }
    let account = table::account(db.conn(), s.account_id)?;
    let on = served.to_string();
    let rule = table::rule_on(db.conn(), s.rule.trim(), &on)?.ok_or_else(|| {
        AppError::field(
            "rule",
            format!("{on} 没有名为“{}”的积分规则", s.rule.trim()),
        )
    })?;
    let hours = match rule.basis {
        Basis::PerHour => rules::parse_hours(&s.hours).map_err(|e| AppError::field("hours", e))?,
        _ if s.hours.trim().is_empty() => 0,
        _ => rules::parse_hours(&s.hours).map_err(|e| AppError::field("hours", e))?,
    };
    let activity = s.activity.trim().to_string();
    if activity.is_empty() {
        return Err(AppError::field("activity", "请填写服务内容"));
    }
    let earned = |from: NaiveDate| {
        table::earned(db.conn(), s.account_id, &rule.name, &from.to_string(), &on)
    };
    let month = served.with_day(1).unwrap_or(served);
    let year = served.with_ordinal(1).unwrap_or(served);
    let full = rule.earns(hours);
    let points = rule.capped(full, earned(served)?, earned(month)?, earned(year)?);
    if points.0 == 0 {
        return Err(AppError::conflict(format!(
            "{} 的“{}”已达上限，本次不再计分",
            account.name, rule.name
        )));
    }
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
fn write_service(tx: &Transaction, ctx: &Ctx, p: &Planned, approve: bool) -> Result<Recorded> {
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
            status: RecordStatus::Pending,
            entry_id: None,
        },
    )?;
    if approve {
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
    let entry = table::append(
        tx,
        &NewEntry {
            account_id,
            kind: EntryKind::Earn,
            points,
            reason: &format!("{on} {activity}"),
            operator: &ctx.actor,
            source: &format!("service:{record_id}"),
            reverses: None,
        },
    )?;
    table::decide_record(tx, record_id, RecordStatus::Approved, Some(entry))?;
    Ok(())
}

/// Service records waiting for 审核, oldest first.
pub fn pending(db: &Db) -> Result<Vec<table::PendingRow>> {
    Ok(table::pending(db.conn())?)
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
            record_id,
            format!("服务记录 {on} {activity}：{verdict}"),
        )
    })
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
            account_id,
            format!("冲正流水 {entry_id}（{points} 分）：{reason}"),
        )?;
        Ok(entry)
    })
}

pub fn goods(db: &Db) -> Result<Vec<GoodsRow>> {
    Ok(table::goods(db.conn())?)
}

pub fn add_goods(
    db: &mut Db,
    ctx: &Ctx,
    name: &str,
    unit: &str,
    price: &str,
    low_stock: i64,
) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() || unit.trim().is_empty() {
        return Err(AppError::field("name", "请填写商品名称和单位"));
    }
    let price = Points::parse(price).map_err(|e| AppError::field("price", e))?;
    if price.0 <= 0 {
        return Err(AppError::field("price", "兑换所需积分应大于 0"));
    }
    if table::goods_by_name(db.conn(), name)?.is_some() {
        return Err(AppError::conflict(format!("已有商品“{name}”")));
    }
    db.write(|tx| {
        let id = table::insert_goods(tx, name, unit.trim(), price, low_stock.max(0))?;
        record(
            tx,
            ctx,
            AuditAction::Create,
            id,
            format!("新增商品 {name}（{price} 分/{}）", unit.trim()),
        )?;
        Ok(id)
    })
}

/// 入库: where the goods came from (捐赠, 采购 …) and what they were worth (yuan, optional).
pub fn stock_in(
    db: &mut Db,
    ctx: &Ctx,
    goods_id: i64,
    quantity: i64,
    source: &str,
    value_fen: Option<i64>,
) -> Result<i64> {
    let g = table::goods_item(db.conn(), goods_id)?;
    if quantity <= 0 {
        return Err(AppError::field("quantity", "入库数量应大于 0"));
    }
    db.write(|tx| {
        let id = table::move_stock(
            tx,
            &NewMove {
                goods_id,
                kind: StockKind::In,
                quantity,
                source: source.trim(),
                value_fen,
                operator: &ctx.actor,
                redemption_id: None,
            },
        )?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            goods_id,
            format!("{} 入库 {quantity}{}（{}）", g.name, g.unit, source.trim()),
        )?;
        Ok(id)
    })
}

/// 盘点: the counted quantity replaces what the movements say, by a 盘点调整 movement of the
/// difference (with its reason); a count that matches writes nothing.
pub fn count_stock(
    db: &mut Db,
    ctx: &Ctx,
    goods_id: i64,
    counted: i64,
    reason: &str,
) -> Result<i64> {
    let g = table::goods_item(db.conn(), goods_id)?;
    if counted < 0 {
        return Err(AppError::field("quantity", "盘点数量不能为负"));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "请填写盘点调整的原因，如 破损、过期",
        ));
    }
    let difference = counted - g.stock;
    if difference == 0 {
        return Ok(0);
    }
    db.write(|tx| {
        table::move_stock(
            tx,
            &NewMove {
                goods_id,
                kind: StockKind::Count,
                quantity: difference,
                source: reason,
                value_fen: None,
                operator: &ctx.actor,
                redemption_id: None,
            },
        )?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            goods_id,
            format!(
                "{} 盘点：账面 {}{}，实有 {counted}{}（{reason}）",
                g.name, g.stock, g.unit, g.unit
            ),
        )?;
        Ok(difference)
    })
}

/// What was redeemed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Receipt {
    pub redemption_id: i64,
    pub account: String,
    /// (name, quantity, unit, points each).
    pub items: Vec<(String, i64, String, Points)>,
    pub total: Points,
    pub balance: Points,
}

/// Redeems a basket for one account in one transaction: refused, with the shortfall stated, if
/// the balance or any item's stock is short.
pub fn redeem(db: &mut Db, ctx: &Ctx, account_id: i64, basket: &[(i64, i64)]) -> Result<Receipt> {
    if basket.is_empty() || basket.iter().any(|(_, q)| *q <= 0) {
        return Err(AppError::field("items", "请选择要兑换的商品和数量"));
    }
    let account = table::account(db.conn(), account_id)?;
    let mut items: Vec<(i64, i64, GoodsRow)> = Vec::new();
    let mut total = 0;
    for &(goods_id, quantity) in basket {
        let g = table::goods_item(db.conn(), goods_id)?;
        if items.iter().any(|(id, ..)| *id == goods_id) {
            return Err(AppError::field(
                "items",
                format!("“{}”重复出现，请合并数量", g.name),
            ));
        }
        if g.stock < quantity {
            return Err(AppError::conflict(format!(
                "库存不足：{} 还剩 {}{}，要兑换 {}{}",
                g.name, g.stock, g.unit, quantity, g.unit
            )));
        }
        total += g.price.0 * quantity;
        items.push((goods_id, quantity, g));
    }
    let total = Points(total);
    if account.balance < total {
        return Err(AppError::conflict(format!(
            "积分不足：需要 {total} 分，{} 的余额为 {} 分，还差 {} 分",
            account.name,
            account.balance,
            Points(total.0 - account.balance.0)
        )));
    }
    db.write(|tx| {
        let lines: Vec<(i64, i64, Points)> =
            items.iter().map(|(id, q, g)| (*id, *q, g.price)).collect();
        let id = table::insert_redemption(tx, account_id, &ctx.actor, total, &lines)?;
        let what: Vec<String> = items
            .iter()
            .map(|(_, q, g)| format!("{}×{q}", g.name))
            .collect();
        table::append(
            tx,
            &NewEntry {
                account_id,
                kind: EntryKind::Redeem,
                points: Points(-total.0),
                reason: &format!("兑换 {}", what.join("、")),
                operator: &ctx.actor,
                source: &format!("redemption:{id}"),
                reverses: None,
            },
        )?;
        for (goods_id, quantity, _) in &items {
            table::move_stock(
                tx,
                &NewMove {
                    goods_id: *goods_id,
                    kind: StockKind::Redeemed,
                    quantity: -quantity,
                    source: "",
                    value_fen: None,
                    operator: &ctx.actor,
                    redemption_id: Some(id),
                },
            )?;
        }
        record(
            tx,
            ctx,
            AuditAction::Create,
            id,
            format!("{} 兑换 {}，共 {total} 分", account.name, what.join("、")),
        )?;
        Ok(Receipt {
            redemption_id: id,
            account: account.name.clone(),
            items: items
                .iter()
                .map(|(_, q, g)| (g.name.clone(), *q, g.unit.clone(), g.price))
                .collect(),
            total,
            balance: Points(account.balance.0 - total.0),
        })
    })
}

/// 冲正 a redemption: the points go back to the account and the goods back to stock, by
/// compensating entries; the redemption is marked, once.
pub fn reverse_redemption(db: &mut Db, ctx: &Ctx, redemption_id: i64, reason: &str) -> Result<()> {
    let (account_id, total, reversed, items) = table::redemption(db.conn(), redemption_id)?;
    if reversed {
        return Err(AppError::conflict(format!(
            "兑换记录 {redemption_id} 已冲正过"
        )));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", "请填写冲正原因"));
    }
    let redeem_entry: i64 = db
        .conn()
        .query_row(
            "SELECT id FROM points_entry WHERE source = ?1 AND kind = '兑换'",
            [format!("redemption:{redemption_id}")],
            |r| r.get(0),
        )
        .map_err(taizhang_db::DbError::from)?;
    db.write(|tx| {
        table::append(
            tx,
            &NewEntry {
                account_id,
                kind: EntryKind::Reverse,
                points: total,
                reason,
                operator: &ctx.actor,
                source: &format!("redemption:{redemption_id}"),
                reverses: Some(redeem_entry),
            },
        )?;
        for (goods_id, quantity, _) in &items {
            table::move_stock(
                tx,
                &NewMove {
                    goods_id: *goods_id,
                    kind: StockKind::Returned,
                    quantity: *quantity,
                    source: reason,
                    value_fen: None,
                    operator: &ctx.actor,
                    redemption_id: Some(redemption_id),
                },
            )?;
        }
        table::mark_reversed(tx, redemption_id)?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            redemption_id,
            format!("冲正兑换记录 {redemption_id}（退回 {total} 分）：{reason}"),
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
            account_id,
            format!("为 {} 出具志愿服务证明 {number}", account.name),
        )?;
        Ok(number)
    })
}

/// What the supermarket exports to Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PointsSheet {
    Ledger,
    Stock,
    Service,
}

/// Writes the whole ledger, the stock movements or the service records to an .xlsx (names, no
/// IDs); returns the rows written. Audited.
pub fn export(db: &mut Db, ctx: &Ctx, sheet: PointsSheet, path: &std::path::Path) -> Result<u32> {
    use taizhang_excel::write::{write_table, ColumnKind, OutColumn, OutTable};
    let index = sheet as usize;
    let (name, headers) = table::SHEET_HEADERS[index];
    let rows = table::sheet_rows(db.conn(), index)?;
    let columns: Vec<OutColumn> = headers
        .iter()
        .map(|h| OutColumn {
            header: h.to_string(),
            kind: ColumnKind::Text,
            width: if h.contains("摘要") || h.contains("内容") {
                30.0
            } else {
                14.0
            },
            choices: Vec::new(),
        })
        .collect();
    let office = crate::export::office_name(db)?;
    let title = format!("{office}积分超市{name}");
    let note = format!("单位：{office}　　导出日期：{}", ctx.today);
    let written = write_table(
        path,
        &OutTable {
            sheet: name,
            title: &title,
            note: &note,
            columns: &columns,
        },
        rows.into_iter(),
        None,
    )
    .map_err(|e| AppError::new(crate::ErrorCode::Io, e))?;
    db.write(|tx| {
        record(
            tx,
            ctx,
            AuditAction::Export,
            0,
            format!("导出{name} {written} 行到 {}", path.display()),
        )
    })?;
    Ok(written)
}

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
        db,
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

/// The supermarket at a glance for `year`.
pub fn dashboard(db: &Db, year: i32) -> Result<table::Dashboard> {
    Ok(table::dashboard(db.conn(), year)?)
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
            0,
            format!(
                "积分到期（{cutoff} 前获得）：{} 个账户共 {total} 分",
                due.len()
            ),
        )?;
        Ok((due.len(), total))
    })
}

/// A household's members (户口本): (id, name, relation).
pub fn household_members(db: &Db, account_id: i64) -> Result<Vec<(i64, String, String)>> {
    Ok(table::household_members(db.conn(), account_id)?)
}

pub fn add_household_member(
    db: &mut Db,
    ctx: &Ctx,
    account_id: i64,
    name: &str,
    relation: &str,
) -> Result<i64> {
    let account = table::account(db.conn(), account_id)?;
    if account.kind != AccountKind::Household {
        return Err(AppError::conflict("只有家庭户账户有家庭成员"));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "请填写家庭成员姓名"));
    }
    if table::household_members(db.conn(), account_id)?
        .iter()
        .any(|(_, n, _)| n == name)
    {
        return Err(AppError::conflict(format!(
            "{} 户已有成员 {name}",
            account.name
        )));
    }
    db.write(|tx| {
        let id = table::add_household_member(tx, account_id, name, relation.trim())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            account_id,
            format!(
                "{} 户添加家庭成员 {name}（{}）",
                account.name,
                relation.trim()
            ),
        )?;
        Ok(id)
    })
}

pub fn remove_household_member(
    db: &mut Db,
    ctx: &Ctx,
    account_id: i64,
    member_id: i64,
) -> Result<()> {
    let account = table::account(db.conn(), account_id)?;
    let members = table::household_members(db.conn(), account_id)?;
    let Some((_, name, _)) = members.iter().find(|(id, _, _)| *id == member_id) else {
        return Err(AppError::new(
            crate::ErrorCode::NotFound,
            "没有这个家庭成员",
        ));
    };
    db.write(|tx| {
        table::remove_household_member(tx, member_id)?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            account_id,
            format!("{} 户移除家庭成员 {name}", account.name),
        )
    })
}

//! The demo office's points supermarket: rules, twenty volunteers from the roster and five
//! households, a year of service, goods with stock, and redemptions.

use chrono::{Datelike, Days, NaiveDate};
use taizhang_core::points::{AccountKind, Basis, EntryKind, Points, RecordStatus, Rule, StockKind};
use taizhang_db::{
    points::{self as table, NewAccount, NewEntry, NewMove, NewRecord},
    rusqlite::Transaction,
};

use crate::Result as AppResult;

const OPERATOR: &str = "演示数据";

fn rule(name: &str, basis: Basis, points: i64, cap_day: Option<i64>, from: NaiveDate) -> Rule {
    Rule {
        id: 0,
        name: name.into(),
        basis,
        points: Points::whole(points),
        cap_day: cap_day.map(Points::whole),
        cap_month: None,
        cap_year: None,
        valid_from: from.to_string(),
        valid_to: None,
    }
}

/// The first twenty members of the roster volunteer.
fn volunteers(tx: &Transaction) -> taizhang_db::Result<Vec<i64>> {
    let mut stmt = tx.prepare(
        "SELECT person_id FROM party_member WHERE deleted_at IS NULL ORDER BY person_id LIMIT 20",
    )?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Writes the demo supermarket up to `today`.
pub fn write_points(tx: &Transaction, today: NaiveDate) -> AppResult<()> {
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let rules = [
        (
            table::insert_rule(tx, &rule("志愿服务", Basis::PerHour, 2, Some(8), start))?,
            Basis::PerHour,
            20,
        ),
        (
            table::insert_rule(tx, &rule("环境卫生星级", Basis::PerRating, 10, None, start))?,
            Basis::PerRating,
            100,
        ),
        (
            table::insert_rule(tx, &rule("善行义举", Basis::PerTime, 5, None, start))?,
            Basis::PerTime,
            50,
        ),
    ];
    table::insert_rule(tx, &rule("微心愿", Basis::PerTime, 5, None, start))?;
    let people = volunteers(tx)?;
    let mut accounts = Vec::new();
    for (i, person) in people.iter().enumerate() {
        accounts.push(table::insert_account(
            tx,
            &NewAccount {
                kind: AccountKind::Person,
                person_id: Some(*person),
                household: "",
                address: "",
                volunteer_no: Some(&format!("JK{:04}", i + 1)),
                team: ["红马甲服务队", "银发先锋队", "青年志愿者服务队"][i % 3],
                registered_on: &start.to_string(),
            },
        )?);
    }
    for (i, head) in ["刘桂英", "陈建国", "赵秀兰", "孙福生", "周晓燕"]
        .iter()
        .enumerate()
    {
        accounts.push(table::insert_account(
            tx,
            &NewAccount {
                kind: AccountKind::Household,
                person_id: None,
                household: head,
                address: &format!("东关社区{}号楼{}单元", i + 2, i % 3 + 1),
                volunteer_no: None,
                team: "",
                registered_on: &start.to_string(),
            },
        )?);
    }
    let activities = [
        "清扫楼道",
        "文明交通劝导",
        "关爱独居老人",
        "垃圾分类宣传",
        "核酸采样秩序维护",
    ];
    let mut day = start;
    let mut n = 0usize;
    while day <= today {
        for (k, account) in accounts.iter().enumerate() {
            // Some volunteers serve more often than others.
            if !(k * 7 + n * 3).is_multiple_of(2 + k % 5) {
                continue;
            }
            let (rule_id, basis, points) = rules[(k + n) % rules.len()];
            let hours = if basis == Basis::PerHour {
                20 + 5 * ((k + n) % 4) as i64
            } else {
                0
            };
            let points = Points(if basis == Basis::PerHour {
                points * hours / 10
            } else {
                points
            });
            let on = day.to_string();
            let activity = activities[(k + n) % activities.len()];
            let record = table::insert_record(
                tx,
                &NewRecord {
                    account_id: *account,
                    rule_id,
                    activity,
                    served_on: &on,
                    hours,
                    points,
                    certified_by: "网格员 马丽",
                    status: RecordStatus::Pending,
                    entry_id: None,
                },
            )?;
            // The last fortnight waits for 审核.
            if day + Days::new(14) < today {
                let entry = table::append(
                    tx,
                    &NewEntry {
                        account_id: *account,
                        kind: EntryKind::Earn,
                        points,
                        reason: &format!("{on} {activity}"),
                        operator: OPERATOR,
                        source: &format!("service:{record}"),
                        reverses: None,
                    },
                )?;
                table::decide_record(tx, record, RecordStatus::Approved, Some(entry))?;
            }
        }
        n += 1;
        day = day + Days::new(9);
    }
    let goods = [
        ("洗洁精", "瓶", 2, 40),
        ("毛巾", "条", 5, 30),
        ("扫帚", "把", 18, 6),
        ("食用油", "桶", 25, 10),
        ("大米（5公斤）", "袋", 30, 8),
    ];
    let mut ids = Vec::new();
    for (name, unit, price, stock) in goods {
        let id = table::insert_goods(tx, name, unit, Points::whole(price), 5)?;
        table::move_stock(
            tx,
            &NewMove {
                goods_id: id,
                kind: StockKind::In,
                quantity: stock,
                source: "爱心企业捐赠",
                value_fen: None,
                operator: OPERATOR,
                redemption_id: None,
            },
        )?;
        ids.push((id, Points::whole(price), name));
    }
    for (resident, wish) in [
        ("赵秀兰", "帮忙更换卫生间灯泡"),
        ("孙福生", "陪同去医院复查"),
        ("周晓燕", "给孩子辅导数学作业"),
    ] {
        table::insert_wish(tx, resident, wish, &today.to_string())?;
    }
    table::claim_wish(tx, 1, accounts[0], &today.to_string())?;
    // Every third account spends part of its balance.
    for (k, account) in accounts
        .iter()
        .enumerate()
        .filter(|(k, _)| k.is_multiple_of(3))
    {
        let (goods_id, price, name) = ids[k % ids.len()];
        let balance = table::balance(tx, *account)?;
        let quantity = (balance.0 / price.0).min(2);
        if quantity == 0 {
            continue;
        }
        let total = Points(price.0 * quantity);
        let id = table::insert_redemption(
            tx,
            *account,
            OPERATOR,
            total,
            &[(goods_id, quantity, price)],
        )?;
        table::append(
            tx,
            &NewEntry {
                account_id: *account,
                kind: EntryKind::Redeem,
                points: Points(-total.0),
                reason: &format!("兑换 {name}×{quantity}"),
                operator: OPERATOR,
                source: &format!("redemption:{id}"),
                reverses: None,
            },
        )?;
        table::move_stock(
            tx,
            &NewMove {
                goods_id,
                kind: StockKind::Redeemed,
                quantity: -quantity,
                source: "",
                value_fen: None,
                operator: OPERATOR,
                redemption_id: Some(id),
            },
        )?;
    }
    Ok(())
}

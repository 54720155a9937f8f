//! 积分超市 papers: the passbook (积分存折) of an account, the volunteer-service certificate,
//! and the monthly public notice with its ranking.

use taizhang_core::points::Points;
use taizhang_db::{points as table, Db};
use taizhang_pdf::{Align, Block, Column, Document, PageSetup, Table};

use super::{chinese_date, make, Printed};
use crate::{export::office_name, Result};

/// 积分存折: every entry with the running balance.
pub fn passbook(db: &Db, account_id: i64) -> Result<Printed> {
    let a = table::account(db.conn(), account_id)?;
    let rows = table::ledger(db.conn(), account_id)?
        .into_iter()
        .map(|e| {
            let (income, spent) = if e.points.0 > 0 {
                (e.points.to_string(), String::new())
            } else {
                (String::new(), Points(-e.points.0).to_string())
            };
            vec![
                e.at.chars().take(10).collect(),
                e.kind.label().to_string(),
                e.reason,
                income,
                spent,
                e.balance.to_string(),
            ]
        })
        .collect();
    let columns = vec![
        Column::new("日期", 1.2, Align::Center),
        Column::new("类别", 0.7, Align::Center),
        Column::new("摘要", 3.2, Align::Left),
        Column::new("收入", 0.8, Align::Center),
        Column::new("支出", 0.8, Align::Center),
        Column::new("余额", 0.8, Align::Center),
    ];
    let office = office_name(db)?;
    let document = Document {
        title: format!("积分存折（{}）", a.name),
        author: office.clone(),
        setup: PageSetup::portrait(11.0),
        blocks: vec![
            Block::Title("积分存折".into()),
            Block::Text(format!(
                "户名：{}　　类型：{}　　账户编号：{}　　志愿者编号：{}",
                a.name,
                a.kind.label(),
                a.id,
                a.volunteer_no.as_deref().unwrap_or("无")
            )),
            Block::Text(format!(
                "所属队伍：{}　　登记日期：{}　　当前余额：{} 分",
                if a.team.is_empty() { "无" } else { &a.team },
                a.registered_on,
                a.balance
            )),
            Block::Table(Table {
                columns,
                rows,
                size: 10.0,
                min_row: 0.0,
            }),
            Block::Right(format!("{office}积分超市")),
        ],
    };
    make(db, &document)
}

/// 志愿服务记录证明 as issued (see `points::issue_certificate`).
pub fn certificate(db: &Db, number: &str) -> Result<Printed> {
    let c = table::certificate(db.conn(), number)?;
    let a = table::account(db.conn(), c.account_id)?;
    let id_number: String = match a.person_id {
        Some(p) => db
            .conn()
            .query_row(
                "SELECT coalesce(id_number, '') FROM person WHERE id = ?1",
                [p],
                |r| r.get(0),
            )
            .map_err(taizhang_db::DbError::from)?,
        None => String::new(),
    };
    let hours = Points(c.hours);
    let document = Document {
        title: format!("志愿服务记录证明（{}）", c.number),
        author: c.issuer.clone(),
        setup: PageSetup::official(),
        blocks: vec![
            Block::Title("志愿服务记录证明".into()),
            Block::Right(format!("编号：{}", c.number)),
            Block::Paragraph(format!(
                "兹证明 {}（公民身份号码：{}，志愿者编号：{}）于 {} 至 {} 期间参加志愿服务，累计志愿服务时间 {} 小时。",
                a.name,
                id_number,
                a.volunteer_no.as_deref().unwrap_or("无"),
                chinese_date(&c.from_day),
                chinese_date(&c.to_day),
                hours
            )),
            Block::Paragraph(format!("服务内容：{}。", c.content)),
            Block::Paragraph("特此证明。".into()),
            Block::Paragraph("本证明依据《志愿服务记录与证明出具办法》出具，服务时间以志愿服务记录为准。".into()),
            Block::Blank,
            Block::Blank,
            Block::Right(format!("{}（盖章）", c.issuer)),
            Block::Right(chinese_date(&c.issued_on)),
        ],
    };
    make(db, &document)
}

/// 积分公示 for a month ("2026-11"): every account's points earned and spent, the top ten as
/// 光荣榜, in the official layout.
pub fn notice(db: &Db, month: &str) -> Result<Printed> {
    let (from, to) = crate::points::month_span(month)?;
    let rows = table::period(db.conn(), &from, &to)?;
    let office = office_name(db)?;
    let title = format!(
        "{office}积分超市{}积分公示",
        crate::points::chinese_month(month)
    );
    // The first ten places (ties share a place, so a few more names may stand).
    let ranking: Vec<Vec<String>> = crate::points::ranking(db, month)?
        .into_iter()
        .take_while(|(place, ..)| *place <= 10)
        .map(|(place, name, earned, _)| vec![place.to_string(), name, earned.to_string()])
        .collect();
    let all: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, earned, spent))| {
            vec![
                (i + 1).to_string(),
                name.clone(),
                earned.to_string(),
                spent.to_string(),
            ]
        })
        .collect();
    let document = Document {
        title: title.clone(),
        author: office.clone(),
        setup: PageSetup::official(),
        blocks: vec![
            Block::Title(title),
            Block::Paragraph(format!(
                "现将 {} 至 {} 居民志愿服务积分获得和兑换情况公示如下。如有异议，请于公示之日起 5 个工作日内向社区反映。",
                chinese_date(&from),
                chinese_date(&to)
            )),
            Block::Heading1("一、光荣榜（本月获得积分前十名）".into()),
            Block::Table(Table {
                columns: vec![Column::new("名次", 0.6, Align::Center), Column::new("姓名（户名）", 2.0, Align::Center), Column::new("获得积分", 1.2, Align::Center)],
                rows: ranking,
                size: 12.0,
                min_row: 0.0,
            }),
            Block::Heading1("二、积分明细".into()),
            Block::Table(Table {
                columns: vec![
                    Column::new("序号", 0.6, Align::Center),
                    Column::new("姓名（户名）", 2.0, Align::Center),
                    Column::new("获得积分", 1.2, Align::Center),
                    Column::new("兑换积分", 1.2, Align::Center),
                ],
                rows: all,
                size: 12.0,
                min_row: 0.0,
            }),
            Block::Blank,
            Block::Right(office),
            Block::Right(chinese_date(&to)),
        ],
    };
    make(db, &document)
}

/// 积分兑换凭证: what one redemption gave, for the resident to sign on receipt.
pub fn receipt(db: &Db, redemption_id: i64) -> Result<Printed> {
    let (account_id, total, reversed, items) = table::redemption(db.conn(), redemption_id)?;
    let a = table::account(db.conn(), account_id)?;
    let (at, operator): (String, String) = db
        .conn()
        .query_row(
            "SELECT at, operator FROM redemption WHERE id = ?1",
            [redemption_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(taizhang_db::DbError::from)?;
    let goods = table::goods(db.conn())?;
    let rows = items
        .iter()
        .map(|(goods_id, quantity, price)| {
            let (name, unit) = goods
                .iter()
                .find(|g| g.id == *goods_id)
                .map(|g| (g.name.clone(), g.unit.clone()))
                .unwrap_or_default();
            vec![
                name,
                format!("{quantity}{unit}"),
                price.to_string(),
                Points(price.0 * quantity).to_string(),
            ]
        })
        .collect();
    let office = office_name(db)?;
    let mut blocks = vec![
        Block::Title("积分兑换凭证".into()),
        Block::Text(format!(
            "凭证编号：{redemption_id}　　兑换时间：{at}　　经办人：{operator}"
        )),
        Block::Text(format!(
            "户名：{}（{}）　　志愿者编号：{}",
            a.name,
            a.kind.label(),
            a.volunteer_no.as_deref().unwrap_or("无")
        )),
        Block::Table(Table {
            columns: vec![
                Column::new("商品", 2.0, Align::Left),
                Column::new("数量", 0.8, Align::Center),
                Column::new("单价（分）", 0.9, Align::Center),
                Column::new("积分", 0.9, Align::Center),
            ],
            rows,
            size: 11.0,
            min_row: 0.0,
        }),
        Block::Text(format!("合计 {total} 分　　当前余额 {} 分", a.balance)),
    ];
    if reversed {
        blocks.push(Block::Text("此次兑换已冲正（积分和商品已退回）".into()));
    }
    blocks.push(Block::Blank);
    blocks.push(Block::Signatures(vec![
        "领取人（签字）：".into(),
        "经办人（签字）：".into(),
    ]));
    blocks.push(Block::Right(format!("{office}积分超市")));
    let document = Document {
        title: format!("积分兑换凭证 {redemption_id}"),
        author: office,
        setup: PageSetup::portrait(11.0),
        blocks,
    };
    make(db, &document)
}

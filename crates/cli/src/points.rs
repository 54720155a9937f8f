//! `taizhang points …` and `taizhang goods …`: the 积分超市's accounts, ledger, service
//! points, redemptions and goods.

use std::path::PathBuf;

use clap::Subcommand;
use taizhang_app::{points, AppError, Ctx, Db};

use crate::show;

#[derive(Subcommand)]
pub enum PointsCommand {
    /// 余额：不给账户则列出全部账户（余额从高到低）
    Balance {
        /// 账户编号或志愿者编号
        account: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 一个账户的积分流水（每行后的余额）
    Ledger {
        account: String,
        #[arg(long)]
        json: bool,
    },
    /// 记录一次服务并按当天有效的规则计分（默认直接审核通过）
    Earn {
        account: String,
        /// 积分项目（规则名称），如 志愿服务
        rule: String,
        #[arg(long)]
        date: String,
        /// 时长：2、2.5、3小时、半天（按小时计分的项目必填）
        #[arg(long, default_value = "")]
        hours: String,
        #[arg(long, default_value = "志愿服务")]
        activity: String,
        #[arg(long, default_value = "")]
        certified_by: String,
        /// 只录入，待审核后计分
        #[arg(long)]
        pending: bool,
    },
    /// 积分到期：此日期之前获得且未用完的积分记为过期（先用先扣）
    Expire {
        #[arg(long)]
        before: String,
    },
    /// 导出到 Excel：ledger（积分流水）、stock（库存流水）、service（服务记录）、
    /// ranking（积分排行榜，--month 指定月份，默认本月）
    Export {
        sheet: String,
        out: PathBuf,
        #[arg(long)]
        month: Option<String>,
    },
    /// 兑换商品：商品编号或名称=数量，可多个；积分或库存不足时整笔拒绝
    Redeem {
        account: String,
        #[arg(required = true, value_name = "商品=数量")]
        items: Vec<String>,
    },
}

#[derive(Subcommand)]
pub enum GoodsCommand {
    /// 商品、所需积分和库存
    List {
        #[arg(long)]
        json: bool,
    },
}

/// `taizhang goods list`.
pub fn goods(db: &Db, command: GoodsCommand) -> Result<(), AppError> {
    match command {
        GoodsCommand::List { json } => {
            let goods = points::goods(db)?;
            show(json, &goods, |goods| {
                for g in goods {
                    let low = if g.stock <= g.low_stock {
                        "（库存偏低）"
                    } else {
                        ""
                    };
                    println!(
                        "{}\t{}\t{} 分/{}\t库存 {}{}{low}",
                        g.id, g.name, g.price, g.unit, g.stock, g.unit
                    );
                }
            });
        }
    }
    Ok(())
}

/// An account by its number or its volunteer number.
pub fn account_id(db: &Db, text: &str) -> Result<i64, AppError> {
    let found = points::accounts(db, "")?
        .into_iter()
        .find(|a| a.id.to_string() == text || a.volunteer_no.as_deref() == Some(text));
    found.map(|a| a.id).ok_or_else(|| {
        AppError::new(
            taizhang_app::ErrorCode::NotFound,
            format!("没有编号或志愿者编号为 {text} 的积分账户"),
        )
    })
}

/// `taizhang points …`.
pub fn run(db: &mut Db, ctx: &Ctx, command: PointsCommand) -> Result<(), AppError> {
    match command {
        PointsCommand::Balance { account, json } => {
            let rows = match account {
                Some(a) => vec![points::account(db, account_id(db, &a)?)?],
                None => points::accounts(db, "")?,
            };
            show(json, &rows, |rows| {
                for a in rows {
                    println!(
                        "{}\t{}\t{}\t{}\t余额 {} 分",
                        a.id,
                        a.volunteer_no.as_deref().unwrap_or("-"),
                        a.kind.label(),
                        a.name,
                        a.balance
                    );
                }
            });
        }
        PointsCommand::Expire { before } => {
            let (n, total) = points::expire(db, ctx, &before)?;
            println!("{n} 个账户共 {total} 分到期");
        }
        PointsCommand::Export { sheet, out, month } => {
            let which = match sheet.as_str() {
                "ledger" => points::PointsSheet::Ledger,
                "stock" => points::PointsSheet::Stock,
                "service" => points::PointsSheet::Service,
                "ranking" => points::PointsSheet::Ranking,
                other => {
                    return Err(AppError::field(
                        "sheet",
                        format!("不认识“{other}”：可导出 ledger、stock、service、ranking"),
                    ))
                }
            };
            let month = month.unwrap_or_else(|| ctx.today.format("%Y-%m").to_string());
            let n = points::export(db, ctx, which, &month, &out)?;
            println!("已导出 {n} 行：{}", out.display());
        }
        PointsCommand::Ledger { account, json } => {
            let entries = points::ledger(db, account_id(db, &account)?)?;
            show(json, &entries, |entries| {
                for e in entries {
                    println!(
                        "{}\t{}\t{}\t{:>6}\t余额 {}\t{}",
                        e.id,
                        e.at,
                        e.kind.label(),
                        e.points.to_string(),
                        e.balance,
                        e.reason
                    );
                }
            });
        }
        PointsCommand::Earn {
            account,
            rule,
            date,
            hours,
            activity,
            certified_by,
            pending,
        } => {
            let account_id = account_id(db, &account)?;
            let done = points::record_service(
                db,
                ctx,
                points::ServiceInput {
                    account_id,
                    rule,
                    activity,
                    served_on: date,
                    hours,
                    certified_by,
                    approve: !pending,
                },
            )?;
            let state = if pending { "待审核" } else { "已计入" };
            println!(
                "服务记录 {}：{} 分（{state}）{}",
                done.record_id, done.points, done.note
            );
        }
        PointsCommand::Redeem { account, items } => {
            let account_id = account_id(db, &account)?;
            let goods = points::goods(db)?;
            let mut basket = Vec::new();
            for item in &items {
                let (what, quantity) = item.split_once('=').unwrap_or((item, "1"));
                let g = goods
                    .iter()
                    .find(|g| g.id.to_string() == what || g.name == what)
                    .ok_or_else(|| {
                        AppError::new(
                            taizhang_app::ErrorCode::NotFound,
                            format!("没有商品“{what}”"),
                        )
                    })?;
                let quantity: i64 = quantity
                    .parse()
                    .map_err(|_| AppError::field("items", format!("“{item}”的数量应为整数")))?;
                basket.push((g.id, quantity));
            }
            let r = points::redeem(db, ctx, account_id, &basket)?;
            let what: Vec<String> = r
                .items
                .iter()
                .map(|(n, q, u, _)| format!("{n}{q}{u}"))
                .collect();
            println!(
                "兑换 {}：{}，共 {} 分，余额 {} 分（兑换记录 {}）",
                r.account,
                what.join("、"),
                r.total,
                r.balance,
                r.redemption_id
            );
        }
    }
    Ok(())
}

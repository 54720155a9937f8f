//! 积分超市 tables: accounts, rules, service records, the ledger (append-only, enforced by
//! triggers), goods and stock movements (append-only too), redemptions.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::points::{
    AccountKind, AccountStatus, Basis, EntryKind, Points, RecordStatus, Rule, StockKind,
};
use ts_rs::TS;

use crate::{now, DbError, Result};

mod account;
mod goods;
mod ledger;
mod report;
mod rules;
mod service;
mod wishes;

pub use account::*;
pub use goods::*;
pub use ledger::*;
pub use report::*;
pub use rules::*;
pub use service::*;
pub use wishes::*;

fn label<T>(r: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    parse(&text)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, text, rusqlite::types::Type::Text))
}

/// Problems with the books, in Chinese: what `taizhang check` reports.
pub fn check(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut rows = |sql: &str, say: fn(i64, i64) -> String| -> Result<()> {
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (a, b) = row?;
            problems.push(say(a, b));
        }
        Ok(())
    };
    rows(
        "SELECT account_id, sum(points) FROM points_entry GROUP BY account_id HAVING sum(points) < 0",
        |a, p| format!("积分账户 {a} 余额为负（{}）", Points(p)),
    )?;
    rows(
        "SELECT goods_id, sum(quantity) FROM stock_move GROUP BY goods_id HAVING sum(quantity) < 0",
        |g, q| format!("商品 {g} 库存为负（{q}）"),
    )?;
    rows(
        "SELECT s.id, s.points FROM service_record s LEFT JOIN points_entry e ON e.id = s.entry_id
         WHERE s.status = '已审核' AND (e.id IS NULL OR e.points <> s.points OR e.account_id <> s.account_id)",
        |s, _| format!("服务记录 {s} 已审核，但积分流水中没有对应的获得记录"),
    )?;
    rows(
        "SELECT r.id, r.total FROM redemption r
         WHERE r.total <> (SELECT sum(i.quantity * i.price) FROM redemption_item i WHERE i.redemption_id = r.id)
            OR -r.total <> (SELECT coalesce(sum(e.points), 0) FROM points_entry e
                            WHERE e.source = 'redemption:' || r.id AND e.kind = '兑换')",
        |r, _| format!("兑换记录 {r} 的合计与商品明细或积分流水不符"),
    )?;
    rows(
        "SELECT r.id, 0 FROM redemption r JOIN redemption_item i ON i.redemption_id = r.id
         WHERE -i.quantity <> (SELECT coalesce(sum(m.quantity), 0) FROM stock_move m
                               WHERE m.redemption_id = r.id AND m.goods_id = i.goods_id AND m.kind = '兑换出库')",
        |r, _| format!("兑换记录 {r} 的出库数量与商品明细不符"),
    )?;
    rows(
        "SELECT e.id, e.points FROM points_entry e JOIN points_entry o ON o.id = e.reverses
         WHERE e.points <> -o.points OR e.account_id <> o.account_id",
        |e, _| format!("冲正流水 {e} 与被冲正的流水金额不符"),
    )?;
    Ok(problems)
}

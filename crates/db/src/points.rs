//! 积分超市 tables: accounts, rules, service records, the ledger (append-only, enforced by
//! triggers), goods and stock movements (append-only too), redemptions.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::points::{
    AccountKind, AccountStatus, Basis, EntryKind, Points, RecordStatus, Rule, StockKind,
};
use ts_rs::TS;

use crate::{now, DbError, Result};

/// An account as lists show it, with its balance (the sum of its entries).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountRow {
    pub id: i64,
    pub kind: AccountKind,
    /// The person's name, or the household's head.
    pub name: String,
    pub person_id: Option<i64>,
    pub address: String,
    pub volunteer_no: Option<String>,
    pub team: String,
    pub registered_on: String,
    pub status: AccountStatus,
    pub balance: Points,
}

/// A new account.
pub struct NewAccount<'a> {
    pub kind: AccountKind,
    pub person_id: Option<i64>,
    pub household: &'a str,
    pub address: &'a str,
    pub volunteer_no: Option<&'a str>,
    pub team: &'a str,
    pub registered_on: &'a str,
}

/// One ledger line with the balance after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryRow {
    pub id: i64,
    pub at: String,
    pub kind: EntryKind,
    pub points: Points,
    pub balance: Points,
    pub reason: String,
    pub operator: String,
    pub source: String,
    pub reverses: Option<i64>,
}

/// A ledger entry to append.
pub struct NewEntry<'a> {
    pub account_id: i64,
    pub kind: EntryKind,
    pub points: Points,
    pub reason: &'a str,
    pub operator: &'a str,
    pub source: &'a str,
    pub reverses: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GoodsRow {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub price: Points,
    pub low_stock: i64,
    pub stock: i64,
}

fn label<T>(r: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    parse(&text)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, text, rusqlite::types::Type::Text))
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.kind, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END,
        a.person_id, CASE a.kind WHEN '个人' THEN p.address ELSE a.address END, a.volunteer_no, a.team,
        a.registered_on, a.status,
        coalesce((SELECT sum(e.points) FROM points_entry e WHERE e.account_id = a.id), 0)
    FROM points_account a LEFT JOIN person p ON p.id = a.person_id";

fn account_row(r: &Row) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        kind: label(r, 1, AccountKind::from_label)?,
        name: r.get(2)?,
        person_id: r.get(3)?,
        address: r.get(4)?,
        volunteer_no: r.get(5)?,
        team: r.get(6)?,
        registered_on: r.get(7)?,
        status: label(r, 8, AccountStatus::from_label)?,
        balance: Points(r.get(9)?),
    })
}

pub fn insert_account(tx: &Transaction, a: &NewAccount) -> Result<i64> {
    tx.execute(
        "INSERT INTO points_account (kind, person_id, household, address, volunteer_no, team, registered_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '正常', ?8, ?8)",
        params![a.kind.label(), a.person_id, a.household, a.address, a.volunteer_no, a.team, a.registered_on, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn account(conn: &Connection, id: i64) -> Result<AccountRow> {
    conn.query_row(
        &format!("{ACCOUNT_SELECT} WHERE a.id = ?1"),
        [id],
        account_row,
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "积分账户",
        id,
    })
}

pub fn account_of_person(conn: &Connection, person_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM points_account WHERE kind = '个人' AND person_id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn account_by_volunteer_no(conn: &Connection, no: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM points_account WHERE volunteer_no = ?1",
            [no],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every account, highest balance first.
pub fn accounts(conn: &Connection) -> Result<Vec<AccountRow>> {
    let mut stmt = conn.prepare_cached(&format!("{ACCOUNT_SELECT} ORDER BY 10 DESC, a.id"))?;
    let rows = stmt
        .query_map([], account_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn balance(conn: &Connection, account_id: i64) -> Result<Points> {
    Ok(Points(conn.query_row(
        "SELECT coalesce(sum(points), 0) FROM points_entry WHERE account_id = ?1",
        [account_id],
        |r| r.get(0),
    )?))
}

pub fn append(tx: &Transaction, e: &NewEntry) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO points_entry (account_id, at, kind, points, reason, operator, source, reverses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![e.account_id, now(), e.kind.label(), e.points.0, e.reason, e.operator, e.source, e.reverses])?;
    Ok(tx.last_insert_rowid())
}

/// The account's ledger, oldest first, each line with the balance after it.
pub fn ledger(conn: &Connection, account_id: i64) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, kind, points, sum(points) OVER (ORDER BY id), reason, operator, source, reverses
         FROM points_entry WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([account_id], |r| {
            Ok(EntryRow {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: label(r, 2, EntryKind::from_label)?,
                points: Points(r.get(3)?),
                balance: Points(r.get(4)?),
                reason: r.get(5)?,
                operator: r.get(6)?,
                source: r.get(7)?,
                reverses: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One entry (for reversing it): account, kind, points, and whether something reversed it.
pub fn entry(conn: &Connection, id: i64) -> Result<(i64, EntryKind, Points, bool)> {
    conn.query_row(
        "SELECT account_id, kind, points, EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)
         FROM points_entry e WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, label(r, 1, EntryKind::from_label)?, Points(r.get(2)?), r.get(3)?)),
    )
    .optional()?
    .ok_or(DbError::NotFound { entity: "积分流水", id })
}

pub fn insert_rule(tx: &Transaction, r: &Rule) -> Result<i64> {
    tx.execute(
        "INSERT INTO points_rule (name, basis, points, cap_day, cap_month, cap_year, valid_from, valid_to, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            r.name,
            r.basis.label(),
            r.points.0,
            r.cap_day.map(|p| p.0),
            r.cap_month.map(|p| p.0),
            r.cap_year.map(|p| p.0),
            r.valid_from,
            r.valid_to,
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Ends a rule the day before `from` (its successor starts on `from`).
pub fn end_rule(tx: &Transaction, id: i64, last_day: &str) -> Result<()> {
    tx.execute(
        "UPDATE points_rule SET valid_to = ?2 WHERE id = ?1",
        params![id, last_day],
    )?;
    Ok(())
}

fn rule_row(r: &Row) -> rusqlite::Result<Rule> {
    Ok(Rule {
        id: r.get(0)?,
        name: r.get(1)?,
        basis: label(r, 2, Basis::from_label)?,
        points: Points(r.get(3)?),
        cap_day: r.get::<_, Option<i64>>(4)?.map(Points),
        cap_month: r.get::<_, Option<i64>>(5)?.map(Points),
        cap_year: r.get::<_, Option<i64>>(6)?.map(Points),
        valid_from: r.get(7)?,
        valid_to: r.get(8)?,
    })
}

const RULE_COLUMNS: &str =
    "id, name, basis, points, cap_day, cap_month, cap_year, valid_from, valid_to";

/// The rule named `name` in force on `day`.
pub fn rule_on(conn: &Connection, name: &str, day: &str) -> Result<Option<Rule>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {RULE_COLUMNS} FROM points_rule
                 WHERE name = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)"
            ),
            params![name, day],
            rule_row,
        )
        .optional()?)
}

/// Every rule, current and past, newest first within a name.
pub fn rules(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM points_rule ORDER BY name, valid_from DESC"
    ))?;
    let rows = stmt
        .query_map([], rule_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Points an account has earned (or has waiting for approval) under rules named `name` between
/// two days, inclusive: what the caps count.
pub fn earned(
    conn: &Connection,
    account_id: i64,
    name: &str,
    from: &str,
    to: &str,
) -> Result<Points> {
    Ok(Points(conn.query_row(
        "SELECT coalesce(sum(s.points), 0) FROM service_record s JOIN points_rule r ON r.id = s.rule_id
         WHERE s.account_id = ?1 AND r.name = ?2 AND s.served_on BETWEEN ?3 AND ?4 AND s.status <> '已退回'",
        params![account_id, name, from, to],
        |r| r.get(0),
    )?))
}

/// A service record to write.
pub struct NewRecord<'a> {
    pub account_id: i64,
    pub rule_id: i64,
    pub activity: &'a str,
    pub served_on: &'a str,
    pub hours: i64,
    pub points: Points,
    pub certified_by: &'a str,
    pub status: RecordStatus,
    pub entry_id: Option<i64>,
}

pub fn insert_record(tx: &Transaction, r: &NewRecord) -> Result<i64> {
    tx.execute(
        "INSERT INTO service_record (account_id, rule_id, activity, served_on, hours, points, certified_by, status, entry_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![r.account_id, r.rule_id, r.activity, r.served_on, r.hours, r.points.0, r.certified_by, r.status.label(), r.entry_id, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A pending record approved (with the entry that credits it) or rejected.
pub fn decide_record(
    tx: &Transaction,
    id: i64,
    status: RecordStatus,
    entry_id: Option<i64>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE service_record SET status = ?2, entry_id = ?3 WHERE id = ?1 AND status = '待审核'",
        params![id, status.label(), entry_id],
    )?;
    if n == 0 {
        return Err(DbError::NotFound {
            entity: "待审核的服务记录",
            id,
        });
    }
    Ok(())
}

/// (account, points, activity, served_on) of a pending record.
pub fn pending_record(conn: &Connection, id: i64) -> Result<(i64, Points, String, String)> {
    conn.query_row(
        "SELECT account_id, points, activity, served_on FROM service_record WHERE id = ?1 AND status = '待审核'",
        [id],
        |r| Ok((r.get(0)?, Points(r.get(1)?), r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or(DbError::NotFound { entity: "待审核的服务记录", id })
}

pub fn insert_goods(
    tx: &Transaction,
    name: &str,
    unit: &str,
    price: Points,
    low_stock: i64,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO goods (name, unit, price, low_stock, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, unit, price.0, low_stock, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

const GOODS_SELECT: &str = "SELECT g.id, g.name, g.unit, g.price, g.low_stock,
        coalesce((SELECT sum(m.quantity) FROM stock_move m WHERE m.goods_id = g.id), 0)
    FROM goods g";

fn goods_row(r: &Row) -> rusqlite::Result<GoodsRow> {
    Ok(GoodsRow {
        id: r.get(0)?,
        name: r.get(1)?,
        unit: r.get(2)?,
        price: Points(r.get(3)?),
        low_stock: r.get(4)?,
        stock: r.get(5)?,
    })
}

pub fn goods(conn: &Connection) -> Result<Vec<GoodsRow>> {
    let mut stmt = conn.prepare_cached(&format!("{GOODS_SELECT} ORDER BY g.name"))?;
    let rows = stmt
        .query_map([], goods_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn goods_item(conn: &Connection, id: i64) -> Result<GoodsRow> {
    conn.query_row(&format!("{GOODS_SELECT} WHERE g.id = ?1"), [id], goods_row)
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "商品", id
        })
}

pub fn goods_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM goods WHERE name = ?1", [name], |r| r.get(0))
        .optional()?)
}

/// A stock movement to append.
pub struct NewMove<'a> {
    pub goods_id: i64,
    pub kind: StockKind,
    pub quantity: i64,
    pub source: &'a str,
    pub value_fen: Option<i64>,
    pub operator: &'a str,
    pub redemption_id: Option<i64>,
}

pub fn move_stock(tx: &Transaction, m: &NewMove) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO stock_move (goods_id, at, kind, quantity, source, value_fen, operator, redemption_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![m.goods_id, now(), m.kind.label(), m.quantity, m.source, m.value_fen, m.operator, m.redemption_id])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_redemption(
    tx: &Transaction,
    account_id: i64,
    operator: &str,
    total: Points,
    items: &[(i64, i64, Points)],
) -> Result<i64> {
    tx.execute(
        "INSERT INTO redemption (account_id, at, operator, total) VALUES (?1, ?2, ?3, ?4)",
        params![account_id, now(), operator, total.0],
    )?;
    let id = tx.last_insert_rowid();
    let mut item = tx.prepare_cached(
        "INSERT INTO redemption_item (redemption_id, goods_id, quantity, price) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (goods_id, quantity, price) in items {
        item.execute(params![id, goods_id, quantity, price.0])?;
    }
    Ok(id)
}

/// A redemption: (account, total, reversed, items as (goods, quantity, price)).
pub type Redemption = (i64, Points, bool, Vec<(i64, i64, Points)>);

pub fn redemption(conn: &Connection, id: i64) -> Result<Redemption> {
    let (account, total, reversed) = conn
        .query_row(
            "SELECT account_id, total, reversed_at IS NOT NULL FROM redemption WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, Points(r.get(1)?), r.get(2)?)),
        )
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "兑换记录",
            id,
        })?;
    let items = conn
        .prepare_cached(
            "SELECT goods_id, quantity, price FROM redemption_item WHERE redemption_id = ?1",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, Points(r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((account, total, reversed, items))
}

pub fn mark_reversed(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE redemption SET reversed_at = ?2 WHERE id = ?1 AND reversed_at IS NULL",
        params![id, now()],
    )?;
    Ok(())
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

/// Approved service of an account between two days: (served_on, activity, hours in tenths).
pub fn service(
    conn: &Connection,
    account_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT served_on, activity, hours FROM service_record
         WHERE account_id = ?1 AND status = '已审核' AND served_on BETWEEN ?2 AND ?3 ORDER BY served_on, id",
    )?;
    let rows = stmt
        .query_map(params![account_id, from, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A certificate to issue; its number is taken here.
pub struct NewCertificate<'a> {
    pub account_id: i64,
    pub year: i32,
    pub from_day: &'a str,
    pub to_day: &'a str,
    pub hours: i64,
    pub content: &'a str,
    pub issuer: &'a str,
    pub issued_on: &'a str,
    pub operator: &'a str,
}

/// Issues a certificate with the year's next number ("2026-0007"); returns the number.
pub fn issue_certificate(tx: &Transaction, c: &NewCertificate) -> Result<String> {
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM volunteer_certificate WHERE year = ?1",
        [c.year],
        |r| r.get(0),
    )?;
    let number = format!("{}-{seq:04}", c.year);
    tx.execute(
        "INSERT INTO volunteer_certificate (year, seq, number, account_id, from_day, to_day, hours, content, issuer, issued_on, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![c.year, seq, number, c.account_id, c.from_day, c.to_day, c.hours, c.content, c.issuer, c.issued_on, c.operator],
    )?;
    Ok(number)
}

/// Per account over a period: points earned and spent (for the public notice and ranking).
pub fn period(conn: &Connection, from: &str, to: &str) -> Result<Vec<(String, Points, Points)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.name, x.earned, x.spent FROM (
            SELECT a.id, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END AS name,
                   coalesce(sum(CASE WHEN e.kind IN ('获得', '调整') AND e.points > 0 THEN e.points END), 0) AS earned,
                   coalesce(-sum(CASE WHEN e.kind = '兑换' THEN e.points END), 0)
                     - coalesce(sum(CASE WHEN e.kind = '冲正' AND e.source LIKE 'redemption:%' THEN e.points END), 0) AS spent
            FROM points_account a LEFT JOIN person p ON p.id = a.person_id
            JOIN points_entry e ON e.account_id = a.id AND substr(e.at, 1, 10) BETWEEN ?1 AND ?2
            GROUP BY a.id) x
         ORDER BY x.earned DESC, x.name",
    )?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok((r.get(0)?, Points(r.get(1)?), Points(r.get(2)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An issued certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Certificate {
    pub number: String,
    pub account_id: i64,
    pub from_day: String,
    pub to_day: String,
    pub hours: i64,
    pub content: String,
    pub issuer: String,
    pub issued_on: String,
}

pub fn certificate(conn: &Connection, number: &str) -> Result<Certificate> {
    conn.query_row(
        "SELECT number, account_id, from_day, to_day, hours, content, issuer, issued_on
         FROM volunteer_certificate WHERE number = ?1",
        [number],
        |r| {
            Ok(Certificate {
                number: r.get(0)?,
                account_id: r.get(1)?,
                from_day: r.get(2)?,
                to_day: r.get(3)?,
                hours: r.get(4)?,
                content: r.get(5)?,
                issuer: r.get(6)?,
                issued_on: r.get(7)?,
            })
        },
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "志愿服务证明",
        id: 0,
    })
}

/// A service record waiting for 审核.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PendingRow {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub rule: String,
    pub activity: String,
    pub served_on: String,
    pub hours: Points,
    pub points: Points,
    pub certified_by: String,
}

pub fn pending(conn: &Connection) -> Result<Vec<PendingRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.account_id, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END, r.name,
                s.activity, s.served_on, s.hours, s.points, s.certified_by
         FROM service_record s JOIN points_account a ON a.id = s.account_id
         LEFT JOIN person p ON p.id = a.person_id JOIN points_rule r ON r.id = s.rule_id
         WHERE s.status = '待审核' ORDER BY s.served_on, s.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(PendingRow {
                id: r.get(0)?,
                account_id: r.get(1)?,
                name: r.get(2)?,
                rule: r.get(3)?,
                activity: r.get(4)?,
                served_on: r.get(5)?,
                hours: Points(r.get(6)?),
                points: Points(r.get(7)?),
                certified_by: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Rows for the Excel exports, as text: the whole ledger, the stock movements, the service
/// records. Each query's columns are named by [`SHEET_HEADERS`].
pub fn sheet_rows(conn: &Connection, sheet: usize) -> Result<Vec<Vec<String>>> {
    const NAME: &str = "CASE a.kind WHEN '个人' THEN p.name ELSE a.household END";
    let sql = match sheet {
        0 => format!(
            "SELECT e.at, {NAME}, coalesce(a.volunteer_no, ''), e.kind, e.points,
                    sum(e.points) OVER (PARTITION BY e.account_id ORDER BY e.id), e.reason, e.operator
             FROM points_entry e JOIN points_account a ON a.id = e.account_id LEFT JOIN person p ON p.id = a.person_id
             ORDER BY e.id"
        ),
        1 => "SELECT m.at, g.name, m.kind, m.quantity, g.unit, m.source,
                     coalesce(printf('%.2f', m.value_fen / 100.0), ''), m.operator
              FROM stock_move m JOIN goods g ON g.id = m.goods_id ORDER BY m.id"
            .to_string(),
        _ => format!(
            "SELECT s.served_on, {NAME}, coalesce(a.volunteer_no, ''), r.name, s.activity, s.hours, s.points,
                    s.certified_by, s.status
             FROM service_record s JOIN points_account a ON a.id = s.account_id LEFT JOIN person p ON p.id = a.person_id
             JOIN points_rule r ON r.id = s.rule_id ORDER BY s.served_on, s.id"
        ),
    };
    // Points and hours are tenths: written as 2.5.
    let tenths: &[usize] = match sheet {
        0 => &[4, 5],
        1 => &[],
        _ => &[5, 6],
    };
    let mut stmt = conn.prepare(&sql)?;
    let width = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            (0..width)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Integer(n) if tenths.contains(&i) => {
                            Points(n).to_string()
                        }
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Text(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                        _ => String::new(),
                    })
                })
                .collect()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The exports' names and column headers, in the order of [`sheet_rows`].
pub const SHEET_HEADERS: [(&str, &[&str]); 3] = [
    (
        "积分流水",
        &[
            "时间",
            "姓名（户名）",
            "志愿者编号",
            "类别",
            "积分",
            "余额",
            "摘要",
            "经办人",
        ],
    ),
    (
        "库存流水",
        &[
            "时间",
            "商品",
            "类别",
            "数量",
            "单位",
            "来源",
            "价值（元）",
            "经办人",
        ],
    ),
    (
        "服务记录",
        &[
            "服务日期",
            "姓名（户名）",
            "志愿者编号",
            "积分项目",
            "服务内容",
            "时长（小时）",
            "积分",
            "证明人",
            "状态",
        ],
    ),
];

/// A 微心愿 with who claimed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WishRow {
    pub id: i64,
    pub resident: String,
    pub content: String,
    pub posted_on: String,
    pub status: taizhang_core::points::WishStatus,
    pub account_id: Option<i64>,
    pub claimed_by: String,
    pub claimed_on: Option<String>,
    pub fulfilled_on: Option<String>,
}

pub fn insert_wish(
    tx: &Transaction,
    resident: &str,
    content: &str,
    posted_on: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO wish (resident, content, posted_on, status, created_at) VALUES (?1, ?2, ?3, '待认领', ?4)",
        params![resident, content, posted_on, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn wishes(conn: &Connection) -> Result<Vec<WishRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.resident, w.content, w.posted_on, w.status, w.account_id,
                coalesce(CASE a.kind WHEN '个人' THEN p.name ELSE a.household END, ''), w.claimed_on, w.fulfilled_on
         FROM wish w LEFT JOIN points_account a ON a.id = w.account_id LEFT JOIN person p ON p.id = a.person_id
         ORDER BY w.status = '已实现', w.posted_on DESC, w.id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(WishRow {
                id: r.get(0)?,
                resident: r.get(1)?,
                content: r.get(2)?,
                posted_on: r.get(3)?,
                status: label(r, 4, taizhang_core::points::WishStatus::from_label)?,
                account_id: r.get(5)?,
                claimed_by: r.get(6)?,
                claimed_on: r.get(7)?,
                fulfilled_on: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn wish(conn: &Connection, id: i64) -> Result<WishRow> {
    wishes(conn)?
        .into_iter()
        .find(|w| w.id == id)
        .ok_or(DbError::NotFound {
            entity: "微心愿",
            id,
        })
}

pub fn claim_wish(tx: &Transaction, id: i64, account_id: i64, on: &str) -> Result<()> {
    tx.execute(
        "UPDATE wish SET status = '已认领', account_id = ?2, claimed_on = ?3 WHERE id = ?1 AND status = '待认领'",
        params![id, account_id, on],
    )?;
    Ok(())
}

pub fn fulfil_wish(tx: &Transaction, id: i64, on: &str, record_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE wish SET status = '已实现', fulfilled_on = ?2, record_id = ?3 WHERE id = ?1 AND status = '已认领'",
        params![id, on, record_id],
    )?;
    Ok(())
}

/// The supermarket at a glance for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// Per month 1–12: points earned by approved service done that month, and points redeemed
    /// (redemptions not reversed) that month.
    pub earned: Vec<Points>,
    pub redeemed: Vec<Points>,
    /// (goods, quantity redeemed), most first.
    pub top_goods: Vec<(String, i64)>,
    /// Goods at or below their threshold: (goods, stock, unit).
    pub low_stock: Vec<(String, i64, String)>,
    /// (name, hours in tenths, records), most hours first.
    pub active: Vec<(String, Points, i64)>,
}

pub fn dashboard(conn: &Connection, year: i32) -> Result<Dashboard> {
    let y = year.to_string();
    let monthly = |sql: &str| -> Result<Vec<Points>> {
        let mut out = vec![Points(0); 12];
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([&y], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (month, points) = row?;
            if let Some(slot) = month
                .parse::<usize>()
                .ok()
                .and_then(|m| out.get_mut(m.wrapping_sub(1)))
            {
                *slot = Points(points);
            }
        }
        Ok(out)
    };
    let earned = monthly(
        "SELECT substr(served_on, 6, 2), sum(points) FROM service_record
         WHERE status = '已审核' AND substr(served_on, 1, 4) = ?1 GROUP BY 1",
    )?;
    let redeemed = monthly(
        "SELECT substr(at, 6, 2), sum(total) FROM redemption
         WHERE reversed_at IS NULL AND substr(at, 1, 4) = ?1 GROUP BY 1",
    )?;
    let top_goods = conn
        .prepare(
            "SELECT g.name, sum(i.quantity) FROM redemption_item i JOIN redemption r ON r.id = i.redemption_id
             JOIN goods g ON g.id = i.goods_id
             WHERE r.reversed_at IS NULL AND substr(r.at, 1, 4) = ?1 GROUP BY g.id ORDER BY 2 DESC LIMIT 5",
        )?
        .query_map([&y], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let low_stock = goods(conn)?
        .into_iter()
        .filter(|g| g.stock <= g.low_stock)
        .map(|g| (g.name, g.stock, g.unit))
        .collect();
    let active = conn
        .prepare(
            "SELECT CASE a.kind WHEN '个人' THEN p.name ELSE a.household END, sum(s.hours), count(*)
             FROM service_record s JOIN points_account a ON a.id = s.account_id LEFT JOIN person p ON p.id = a.person_id
             WHERE s.status = '已审核' AND substr(s.served_on, 1, 4) = ?1
             GROUP BY a.id ORDER BY 2 DESC, 3 DESC LIMIT 10",
        )?
        .query_map([&y], |r| Ok((r.get(0)?, Points(r.get(1)?), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Dashboard {
        earned,
        redeemed,
        top_goods,
        low_stock,
        active,
    })
}

/// Per account, the points earned before `cutoff` (a date; entries by when they were written)
/// that are still unspent, spending oldest first: what an expiry at `cutoff` takes.
pub fn expirable(conn: &Connection, cutoff: &str) -> Result<Vec<(i64, Points)>> {
    let mut stmt = conn.prepare(
        "SELECT account_id,
                max(0, min(sum(points),
                    coalesce(sum(CASE WHEN points > 0 AND substr(at, 1, 10) < ?1 THEN points END), 0)
                    + coalesce(sum(CASE WHEN points < 0 THEN points END), 0)))
         FROM points_entry GROUP BY account_id",
    )?;
    let rows = stmt
        .query_map([cutoff], |r| Ok((r.get(0)?, Points(r.get(1)?))))?
        .filter(|r| r.as_ref().map_or(true, |(_, p): &(i64, Points)| p.0 > 0))
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The members of a household account: (id, name, relation to the head).
pub fn household_members(conn: &Connection, account_id: i64) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, relation FROM points_household_member WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn add_household_member(
    tx: &Transaction,
    account_id: i64,
    name: &str,
    relation: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO points_household_member (account_id, name, relation) VALUES (?1, ?2, ?3)",
        params![account_id, name, relation],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn remove_household_member(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM points_household_member WHERE id = ?1", [id])?;
    Ok(())
}

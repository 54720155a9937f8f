//! Goods, append-only stock movements, redemptions.

use super::*;

/// Goods on the shelf, with their stock (the sum of their movements).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GoodsRow {
    /// The goods' id.
    pub id: i64,
    /// The name (unique).
    pub name: String,
    /// The unit (个, 瓶, 袋 …).
    pub unit: String,
    /// What one unit costs in points.
    pub price: Points,
    /// At or below this stock the dashboard warns.
    pub low_stock: i64,
    /// Units in stock.
    pub stock: i64,
}

/// Adds goods to the shelf; returns their id.
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

/// Every goods item, by name.
pub fn goods(conn: &Connection) -> Result<Vec<GoodsRow>> {
    let mut stmt = conn.prepare_cached(&format!("{GOODS_SELECT} ORDER BY g.name"))?;
    let rows = stmt
        .query_map([], goods_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One goods item with its stock.
pub fn goods_item(conn: &Connection, id: i64) -> Result<GoodsRow> {
    conn.query_row(&format!("{GOODS_SELECT} WHERE g.id = ?1"), [id], goods_row)
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "商品", id
        })
}

/// The goods named `name`, if any.
pub fn goods_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM goods WHERE name = ?1", [name], |r| r.get(0))
        .optional()?)
}

/// A stock movement to append.
pub struct NewMove<'a> {
    /// The goods moved.
    pub goods_id: i64,
    /// 入库, 兑换, 盘点, 冲正 ….
    pub kind: StockKind,
    /// Units in (positive) or out (negative).
    pub quantity: i64,
    /// Where they came from (a donor, a purchase) or why they went.
    pub source: &'a str,
    /// What they were worth, in 分 (cents), when known.
    pub value_fen: Option<i64>,
    /// Who moved them.
    pub operator: &'a str,
    /// The redemption that took them, for a 兑换.
    pub redemption_id: Option<i64>,
}

/// Appends a stock movement; returns its id.
pub fn move_stock(tx: &Transaction, m: &NewMove) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO stock_move (goods_id, at, kind, quantity, source, value_fen, operator, redemption_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![m.goods_id, now(), m.kind.label(), m.quantity, m.source, m.value_fen, m.operator, m.redemption_id])?;
    Ok(tx.last_insert_rowid())
}

/// Records a redemption with its items; returns its id.
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

/// One redemption with its items.
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

/// Marks a redemption reversed (冲正); a second reversal changes nothing.
pub fn mark_reversed(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE redemption SET reversed_at = ?2 WHERE id = ?1 AND reversed_at IS NULL",
        params![id, now()],
    )?;
    Ok(())
}

//! Goods, stock (入库, 盘点) and redemptions with their reversal.

use super::*;

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
            GOODS,
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
            GOODS,
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
            GOODS,
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
            REDEMPTION,
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
            REDEMPTION,
            redemption_id,
            format!("冲正兑换记录 {redemption_id}（退回 {total} 分）：{reason}"),
        )
    })
}

//! What the supermarket reports: Excel sheets and the dashboard.

use super::*;

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

/// The supermarket at a glance for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// Per month 1–12: points earned by approved service done that month, and points redeemed
    /// (redemptions not reversed) that month.
    pub earned: Vec<Points>,
    /// Per month 1–12: points redeemed that month (redemptions not reversed).
    pub redeemed: Vec<Points>,
    /// (goods, quantity redeemed), most first.
    pub top_goods: Vec<(String, i64)>,
    /// Goods at or below their threshold: (goods, stock, unit).
    pub low_stock: Vec<(String, i64, String)>,
    /// (name, hours in tenths, records), most hours first.
    pub active: Vec<(String, Points, i64)>,
}

/// The supermarket at a glance for `year`.
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

//! Excel exports and the dashboard.

use super::*;

/// What the supermarket exports to Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PointsSheet {
    Ledger,
    Stock,
    Service,
    /// 积分排行榜 of a month.
    Ranking,
}

/// A month's 积分排行榜: (place, name, earned, spent) of everyone who earned, highest first,
/// equal points sharing a place. The monthly notice prints its head as the 光荣榜.
pub fn ranking(db: &Db, month: &str) -> Result<Vec<(usize, String, Points, Points)>> {
    let (from, to) = month_span(month)?;
    let rows: Vec<_> = table::period(db.conn(), &from, &to)?
        .into_iter()
        .filter(|(_, earned, _)| earned.0 > 0)
        .collect();
    let places = taizhang_core::points::ranks(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
    Ok(places
        .into_iter()
        .zip(rows)
        .map(|(place, (name, earned, spent))| (place, name, earned, spent))
        .collect())
}

/// Writes the whole ledger, the stock movements, the service records, or `month`'s ranking to
/// an .xlsx (names, no IDs); returns the rows written. Audited.
pub fn export(
    db: &mut Db,
    ctx: &Ctx,
    sheet: PointsSheet,
    month: &str,
    path: &std::path::Path,
) -> Result<u32> {
    use taizhang_excel::write::{write_table, ColumnKind, OutColumn, OutTable};
    db.writable()?;
    let (name, headers, rows) = match sheet {
        PointsSheet::Ranking => {
            let rows = ranking(db, month)?
                .into_iter()
                .map(|(place, name, earned, spent)| {
                    vec![
                        place.to_string(),
                        name,
                        earned.to_string(),
                        spent.to_string(),
                    ]
                })
                .collect();
            let name = format!("{}积分排行榜", chinese_month(month));
            (name, RANKING_HEADERS, rows)
        }
        _ => {
            let index = sheet as usize;
            let (name, headers) = table::SHEET_HEADERS[index];
            (
                name.to_string(),
                headers,
                table::sheet_rows(db.conn(), index)?,
            )
        }
    };
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
    let name = name.as_str();
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
            ENTITY,
            0,
            format!("导出{name} {written} 行到 {}", path.display()),
        )
    })?;
    Ok(written)
}

const RANKING_HEADERS: &[&str] = &["名次", "姓名（户名）", "获得积分", "兑换积分"];

/// The supermarket at a glance for `year`.
pub fn dashboard(db: &Db, year: i32) -> Result<table::Dashboard> {
    Ok(table::dashboard(db.conn(), year)?)
}

/// "2026年11月" for a month given as "2026-11".
pub(crate) fn chinese_month(month: &str) -> String {
    let (y, m) = month.trim().split_once('-').unwrap_or((month, ""));
    format!("{y}年{}月", m.trim_start_matches('0'))
}

/// The first and last day of a month given as "2026-11".
pub(crate) fn month_span(month: &str) -> Result<(String, String)> {
    let first = chrono::NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .map_err(|_| AppError::field("month", format!("月份“{month}”应写成 2026-11")))?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    Ok((first.to_string(), next.to_string()))
}

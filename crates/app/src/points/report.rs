//! Excel exports and the dashboard.

use super::*;

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
            ENTITY,
            0,
            format!("导出{name} {written} 行到 {}", path.display()),
        )
    })?;
    Ok(written)
}

/// The supermarket at a glance for `year`.
pub fn dashboard(db: &Db, year: i32) -> Result<table::Dashboard> {
    Ok(table::dashboard(db.conn(), year)?)
}

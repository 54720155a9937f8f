//! Writing a register as a styled .xlsx: a title row, a line naming the office and date, the
//! header, then the rows, with frozen panes, widths, ID and phone columns stored as text, days as
//! real dates and dropdowns for columns with fixed choices. Rows are streamed (constant memory).

use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

/// How a column's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Stored as text, so Excel never turns an ID into 4.1E+17.
    Text,
    /// `YYYY-MM-DD` written as an Excel date; anything else (a year-month) as text.
    Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutColumn {
    pub header: String,
    pub kind: ColumnKind,
    /// In characters.
    pub width: f64,
    /// A dropdown of these values (from a hidden 选项 sheet).
    pub choices: Vec<String>,
}

/// A table to write.
pub struct OutTable<'a> {
    pub sheet: &'a str,
    /// The first row, merged across the columns: 交口街道党员花名册.
    pub title: &'a str,
    /// The second row: 单位：交口街道　　导出日期：2026-11-22.
    pub note: &'a str,
    pub columns: &'a [OutColumn],
}

/// Rows of plain text, written as a second sheet (填表说明).
pub struct TextSheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<String>>,
    pub widths: &'a [f64],
}

/// Excel's row number of the header, 0-based: title, note, header.
pub const HEADER_ROW: u32 = 2;

fn failed(e: XlsxError) -> String {
    format!("无法写入 Excel 文件：{e}")
}

/// Writes `table` with `rows` (one text per column) to `path`; returns the rows written.
pub fn write_table(
    path: &Path,
    table: &OutTable,
    rows: impl Iterator<Item = Vec<String>>,
    extra: Option<TextSheet>,
) -> Result<u32, String> {
    let mut book = Workbook::new();
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let header = Format::new()
        .set_bold()
        .set_background_color("#D9E1F2")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let text = Format::new()
        .set_num_format("@")
        .set_border(FormatBorder::Thin);
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_border(FormatBorder::Thin);
    let columns = table.columns;
    let last = columns.len().saturating_sub(1) as u16;

    let ws = book.add_worksheet_with_constant_memory().map_err(failed)?;
    ws.set_name(table.sheet).map_err(failed)?;
    for (c, col) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, col.width).map_err(failed)?;
        // Empty cells typed into later keep the column's format: text for IDs.
        ws.set_column_format(
            c as u16,
            if col.kind == ColumnKind::Date {
                &date
            } else {
                &text
            },
        )
        .map_err(failed)?;
    }
    ws.set_row_height(0, 30).map_err(failed)?;
    ws.merge_range(0, 0, 0, last, table.title, &title)
        .map_err(failed)?;
    ws.write(1, 0, table.note).map_err(failed)?;
    for (c, col) in columns.iter().enumerate() {
        ws.write_with_format(HEADER_ROW, c as u16, &col.header, &header)
            .map_err(failed)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0).map_err(failed)?;
    let mut written = 0u32;
    for values in rows {
        let r = HEADER_ROW + 1 + written;
        for (c, (col, v)) in columns.iter().zip(&values).enumerate() {
            let c = c as u16;
            match (col.kind, day(v)) {
                (ColumnKind::Date, Some(d)) => ws.write_datetime_with_format(r, c, &d, &date),
                _ => ws.write_string_with_format(r, c, v, &text),
            }
            .map_err(failed)?;
        }
        written += 1;
    }
    let last_row = (HEADER_ROW + written).max(HEADER_ROW + 500);
    let with_choices: Vec<(usize, &OutColumn)> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.choices.is_empty())
        .collect();
    for (i, (c, col)) in with_choices.iter().enumerate() {
        let letter = crate::column_letter(i as u32);
        let formula = format!("=选项!${letter}$2:${letter}${}", col.choices.len() + 1);
        let v = DataValidation::new()
            .allow_list_formula(formula.as_str().into())
            .set_error_title(&col.header)
            .map_err(failed)?
            .set_error_message(format!("请从下拉列表中选择{}", col.header))
            .map_err(failed)?;
        ws.add_data_validation(HEADER_ROW + 1, *c as u16, last_row, *c as u16, &v)
            .map_err(failed)?;
    }
    if let Some(extra) = extra {
        let ws = book.add_worksheet();
        ws.set_name(extra.name).map_err(failed)?;
        for (c, w) in extra.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(failed)?;
        }
        for (r, row) in extra.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if r == 0 {
                    ws.write_with_format(0, c as u16, v, &header)
                } else {
                    ws.write(r as u32, c as u16, v)
                }
                .map_err(failed)?;
            }
        }
    }
    if !with_choices.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name("选项").map_err(failed)?;
        for (i, (_, col)) in with_choices.iter().enumerate() {
            ws.write(0, i as u16, &col.header).map_err(failed)?;
            for (r, v) in col.choices.iter().enumerate() {
                ws.write(r as u32 + 1, i as u16, v).map_err(failed)?;
            }
        }
        ws.set_hidden(true);
    }
    book.save(path).map_err(failed)?;
    Ok(written)
}

fn day(v: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

//! Writing a register as a styled .xlsx: a title row, a line naming the office and date, the
//! header, then the rows, with frozen panes, widths, ID and phone columns stored as text, days as
//! real dates and dropdowns for columns with fixed choices. Rows are streamed (constant memory).

use std::path::Path;

use taizhang_disk as disk;

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
    /// A whole number (序号), written as a number.
    Number,
}

/// A column of a written table.
#[derive(Debug, Clone, PartialEq)]
pub struct OutColumn {
    /// Its header.
    pub header: String,
    /// How its values are written.
    pub kind: ColumnKind,
    /// In characters.
    pub width: f64,
    /// A dropdown of these values (from a hidden 选项 sheet).
    pub choices: Vec<String>,
}

/// A table to write.
pub struct OutTable<'a> {
    /// The sheet's name.
    pub sheet: &'a str,
    /// The first row, merged across the columns: 交口街道党员花名册.
    pub title: &'a str,
    /// The second row: 单位：交口街道　　导出日期：2026-11-22.
    pub note: &'a str,
    /// The columns, in order.
    pub columns: &'a [OutColumn],
}

/// Rows of plain text, written as a second sheet (填表说明).
pub struct TextSheet<'a> {
    /// The sheet's name.
    pub name: &'a str,
    /// The rows, first row first.
    pub rows: Vec<Vec<String>>,
    /// Each column's width, in characters.
    pub widths: &'a [f64],
}

/// Excel's row number of the header, 0-based: title, note, header.
pub const HEADER_ROW: u32 = 2;

fn failed(e: XlsxError) -> String {
    match e {
        XlsxError::IoError(io) | XlsxError::ZipError(zip::result::ZipError::Io(io)) => {
            format!("无法写入 Excel 文件：{}", disk::write_reason(&io))
        }
        other => format!(
            "无法写入 Excel 文件（{other}）。请确认该文件没有在 Excel 或 WPS 中打开，且所在文件夹可以写入"
        ),
    }
}

/// The zip compression of every workbook we write (a register, a filled form, an error copy):
/// level 3 of 9 rather than the default 6. Measured
/// on the 100,000-member roster (roundtrip benchmark): 2.64 s → 2.06 s for a file 14.7 → 17.1 MB;
/// compressing was a third of an export's time. Level 1 saves 0.2 s more for a file of 25 MB.
pub const ZIP_LEVEL: u8 = 3;

/// Writes `table` with `rows` (one text per column) to `path`; returns the rows written.
pub fn write_table(
    path: &Path,
    table: &OutTable,
    rows: impl Iterator<Item = Vec<String>>,
    extra: Option<TextSheet>,
) -> Result<u32, String> {
    let mut book = Workbook::new();
    book.set_zip_compression_level(ZIP_LEVEL);
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
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let columns = table.columns;
    let last = columns.len().saturating_sub(1) as u16;

    let ws = book.add_worksheet_with_constant_memory().map_err(failed)?;
    ws.set_name(table.sheet).map_err(failed)?;
    for (c, col) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, col.width).map_err(failed)?;
        // Empty cells typed into later keep the column's format: text for IDs.
        let format = match col.kind {
            ColumnKind::Text => &text,
            ColumnKind::Date => &date,
            ColumnKind::Number => &number,
        };
        ws.set_column_format(c as u16, format).map_err(failed)?;
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
        // Cells take their column's format (text or date, bordered): no format to look up per
        // cell, and an empty cell needs no record at all.
        for (c, (col, v)) in columns.iter().zip(&values).enumerate() {
            let c = c as u16;
            if v.is_empty() {
                continue;
            }
            // Only a column's own kind is tried: a text cell is never parsed as a day.
            match col.kind {
                ColumnKind::Number => match v.parse::<u32>() {
                    Ok(n) => ws.write_number(r, c, n),
                    Err(_) => ws.write_string(r, c, v),
                },
                ColumnKind::Date => match day(v) {
                    Some(d) => ws.write_datetime(r, c, &d),
                    None => ws.write_string(r, c, v),
                },
                ColumnKind::Text => ws.write_string(r, c, v),
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
    disk::write_whole(path, |part| book.save(part).map_err(failed))?;
    Ok(written)
}

fn day(v: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// A copy of a workbook that was read, with a 错误原因 column after the last column of every
/// sheet that has problems: each row's problems in words, the cells at fault filled red (errors)
/// or yellow (warnings). Rows and columns stay where they were, so the clerk fixes the row the
/// report names and imports the file again. Values are copied, not the original styling.
pub fn error_copy(
    path: &Path,
    book: &crate::Workbook,
    report: &crate::check::ImportReport,
) -> Result<u32, String> {
    let issues = &report.issues;
    use crate::check::Level;
    use taizhang_core::import::Cell;
    let mut out = Workbook::new();
    out.set_zip_compression_level(ZIP_LEVEL);
    let bold = Format::new().set_bold().set_background_color("#D9E1F2");
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let red = Format::new().set_background_color("#FFC7CE");
    let yellow = Format::new().set_background_color("#FFEB9C");
    let reason = Format::new().set_font_color("#C00000").set_text_wrap();
    let mut marked = 0u32;
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name).map_err(failed)?;
        if sheet.hidden {
            ws.set_hidden(true);
        }
        // This sheet's issues by Excel row, gathered once.
        let mut by_row: std::collections::HashMap<u32, Vec<&crate::check::Issue>> =
            std::collections::HashMap::new();
        for i in issues.iter().filter(|i| i.sheet == sheet.name) {
            by_row.entry(i.row).or_default().push(i);
        }
        let width = sheet.width() as u16;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r32 = r as u32;
            let here: &[&crate::check::Issue] = by_row.get(&(r32 + 1)).map_or(&[], Vec::as_slice);
            for (c, cell) in row.iter().enumerate() {
                let letter = crate::column_letter(c as u32);
                let fault = here
                    .iter()
                    .filter(|i| i.column == letter)
                    .map(|i| i.level)
                    .min_by_key(|l| *l != Level::Error);
                let fill = match fault {
                    Some(Level::Error) => &red,
                    Some(Level::Warning) => &yellow,
                    None => &plain,
                };
                let c = c as u16;
                match cell {
                    Cell::Empty if fault.is_some() => ws.write_blank(r32, c, fill),
                    Cell::Empty => continue,
                    Cell::Text(s) => ws.write_string_with_format(r32, c, s.as_str(), fill),
                    Cell::Error(s) => ws.write_string_with_format(r32, c, s, fill),
                    // Its reason is in the error column; the text is not kept.
                    Cell::TooLong => ws.write_blank(r32, c, fill),
                    Cell::Number(n) => ws.write_number_with_format(r32, c, *n, fill),
                    Cell::Bool(b) => ws.write_boolean_with_format(r32, c, *b, fill),
                    Cell::DateTime(d) => {
                        let fmt = if fault.is_some() {
                            fill.clone().set_num_format("yyyy-mm-dd")
                        } else {
                            date.clone()
                        };
                        match day(&d.date().to_string()) {
                            Some(dt) => ws.write_datetime_with_format(r32, c, &dt, &fmt),
                            None => ws.write_string_with_format(r32, c, d.to_string(), &fmt),
                        }
                    }
                }
                .map_err(failed)?;
            }
            if !here.is_empty() {
                let text = here
                    .iter()
                    .map(|i| {
                        let what = if i.level == Level::Error {
                            "错误"
                        } else {
                            "提醒"
                        };
                        let at = if i.header.is_empty() {
                            String::new()
                        } else {
                            format!("{}：", i.header)
                        };
                        format!("{what}：{at}{}", i.message)
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                ws.write_string_with_format(r32, width, text, &reason)
                    .map_err(failed)?;
                marked += 1;
            }
        }
        if !by_row.is_empty() {
            // The new column's header sits on the sheet's (last) header row.
            let header_row = report
                .sheets
                .iter()
                .find(|s| s.name == sheet.name)
                .and_then(|s| s.header_rows.last())
                .map_or(0, |r| r.saturating_sub(1));
            ws.write_string_with_format(header_row, width, "错误原因", &bold)
                .map_err(failed)?;
            ws.set_column_width(width, 50).map_err(failed)?;
        }
        for m in &sheet.merges {
            if m.top < m.bottom || m.left < m.right {
                let value = sheet.raw(m.top, m.left).text();
                ws.merge_range(
                    m.top,
                    m.left as u16,
                    m.bottom,
                    m.right as u16,
                    &value,
                    &plain,
                )
                .map_err(failed)?;
            }
        }
    }
    disk::write_whole(path, |part| out.save(part).map_err(failed))?;
    Ok(marked)
}

//! Finding the table in a sheet: skip title and 填报单位 rows, find the header (one row, or two
//! with merged group cells), map its columns to a register's fields, and find where the data
//! ends (footers such as 填表人：… 审核人：…), tolerating blank rows inside.

use taizhang_core::import::{header_key, match_header, FieldSpec};

use crate::{column_letter, Sheet};

/// How far down a header may be.
const HEADER_SEARCH_ROWS: u32 = 40;

/// Texts that begin a footer line.
const FOOTERS: &[&str] = &[
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "统计人",
    "联系人",
    "经办人",
    "单位负责人",
    "填表日期",
    "制表日期",
    "填报日期",
    "注:",
    "注：",
    "说明",
    "合计",
    "总计",
    "备注:",
    "备注：",
];

/// A column of a located table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// 0-based.
    pub index: u32,
    /// The column letter, e.g. "C".
    pub letter: String,
    /// Its header text, a two-row header's group and column joined.
    pub header: String,
    /// Index into the register's field table.
    pub field: Option<usize>,
}

/// Where a sheet's table is: header, columns, data rows and footer.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Identifies the layout (the header texts in column order), so a mapping the user
    /// confirmed for one file applies to the next file of the same shape.
    pub fingerprint: String,
    /// 0-based rows that make up the header.
    pub header_rows: Vec<u32>,
    /// Every column, mapped to a field or not.
    pub columns: Vec<Column>,
    /// 0-based rows holding data, blank and repeated-header rows left out.
    pub data_rows: Vec<u32>,
    /// 0-based row where a footer begins, if any.
    pub footer: Option<u32>,
}

impl Table {
    /// The columns mapped to a field, each with its field's index.
    pub fn mapped(&self) -> impl Iterator<Item = (&Column, usize)> {
        self.columns.iter().filter_map(|c| c.field.map(|f| (c, f)))
    }
}

fn mapped_columns(sheet: &Sheet, fields: &[FieldSpec], row: u32) -> Vec<(u32, usize)> {
    (0..sheet.width())
        .filter_map(|c| field_at(sheet, fields, row, c).map(|(i, _)| (c, i)))
        .collect()
}

/// The field the header cell at (`row`, `col`) names, and the header as matched. Under a group
/// merged across several columns (矛盾纠纷 over 排查 | 化解) the group and the cell together
/// are tried first (矛盾纠纷排查), then the cell alone.
fn field_at(sheet: &Sheet, fields: &[FieldSpec], row: u32, col: u32) -> Option<(usize, String)> {
    let text = sheet.cell(row, col).text();
    // The group without its note: 矛盾纠纷（件） over 排查 reads 矛盾纠纷排查.
    let group = (row > 0 && sheet.in_wide_merge(row - 1, col))
        .then(|| sheet.cell(row - 1, col).text())
        .filter(|g| !g.is_empty() && *g != text && !text.is_empty())
        .map(|g| {
            let key = header_key(&g);
            key.split('(').next().unwrap_or_default().to_owned()
        });
    group
        .map(|g| format!("{g}{text}"))
        .into_iter()
        .chain(std::iter::once(text))
        .find_map(|header| {
            match_header(fields, &header)
                .and_then(|f| fields.iter().position(|x| x.key == f.key))
                .map(|i| (i, header))
        })
}

fn is_footer(sheet: &Sheet, row: u32) -> bool {
    let cells = &sheet.rows[row as usize];
    let mut filled = cells.iter().filter(|c| !c.is_blank());
    let starts_footer = filled.next().is_some_and(|first| {
        let key = header_key(&first.text());
        FOOTERS.iter().any(|f| key.starts_with(f))
    });
    starts_footer && filled.count() < 4
}

/// Header text (as [`header_key`] normalises it) → field key, or "" for a column not to import:
/// what the user chose where the synonym table guessed wrong.
pub type Mapping = std::collections::BTreeMap<String, String>;

/// The table of `fields` in `sheet`, or None when no header row names at least two fields.
/// `mapping` overrides the synonym table for the headers it names.
pub fn locate(sheet: &Sheet, fields: &[FieldSpec], mapping: &Mapping) -> Option<Table> {
    let rows = sheet.height().min(HEADER_SEARCH_ROWS);
    let (best, best_mapped) = (0..rows)
        .map(|r| (r, mapped_columns(sheet, fields, r)))
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))?;
    if best_mapped.len() < 2 {
        return None;
    }
    let mut header_rows = vec![best];
    // A two-row header: group cells (党籍信息) merged across the columns of the row below, and
    // the plain headers merged down through both rows.
    let below = best + 1;
    let lower: Vec<(u32, usize)> = mapped_columns(sheet, fields, below)
        .into_iter()
        .filter(|(c, _)| {
            !best_mapped.iter().any(|(bc, _)| bc == c) && sheet.in_wide_merge(best, *c)
        })
        .collect();
    if !lower.is_empty() {
        header_rows.push(below);
    } else if best > 0
        && (0..sheet.width()).any(|c| sheet.in_wide_merge(best - 1, c))
        && !mapped_columns(sheet, fields, best - 1).is_empty()
    {
        header_rows.insert(0, best - 1);
    }
    let last_header = *header_rows.last().unwrap_or(&best);

    let mut columns = Vec::new();
    let mut used = Vec::new();
    for c in 0..sheet.width() {
        // The lowest header row that names a field wins; else the lowest non-empty text.
        let mut header = String::new();
        let mut field = None;
        for &r in header_rows.iter().rev() {
            if header.is_empty() {
                header = sheet.cell(r, c).text();
            }
            if let Some((i, matched)) = field_at(sheet, fields, r, c) {
                header = matched;
                field = Some(i);
                break;
            }
        }
        if let Some(chosen) = mapping.get(&header_key(&header)) {
            field = fields.iter().position(|x| x.key == chosen);
        }
        if field.is_some_and(|f| used.contains(&f)) {
            field = None; // a second column for the same field is reported, not used
        }
        if let Some(f) = field {
            used.push(f);
        }
        if field.is_some() || !header.is_empty() {
            columns.push(Column {
                index: c,
                letter: column_letter(c),
                header,
                field,
            });
        }
    }

    let header_width = best_mapped.len();
    // Repeated headers are spotted by their first mapped column before the whole row is checked.
    let (probe_col, probe_key) = columns
        .iter()
        .find(|c| c.field.is_some())
        .map(|c| (c.index, header_key(&c.header)))
        .unwrap_or_default();
    let mut data_rows = Vec::new();
    let mut footer = None;
    for r in last_header + 1..sheet.height() {
        let blank = sheet.rows[r as usize].iter().all(|c| c.is_blank());
        if blank {
            continue;
        }
        if is_footer(sheet, r) {
            footer = Some(r);
            break;
        }
        // A header repeated on every printed page.
        if header_key(&sheet.cell(r, probe_col).text()) == probe_key
            && mapped_columns(sheet, fields, r).len() * 2 > header_width
        {
            continue;
        }
        data_rows.push(r);
    }
    Some(Table {
        fingerprint: fingerprint(&columns),
        header_rows,
        columns,
        data_rows,
        footer,
    })
}

/// FNV-1a over the normalised header texts: stable across runs and builds.
fn fingerprint(columns: &[Column]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in columns {
        for b in header_key(&c.header).bytes().chain([0x1f]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

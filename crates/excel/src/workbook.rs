//! A workbook as the import engine sees it: sheets of cells at their Excel positions, with merged
//! regions. Built by [`crate::xlsx`] for .xlsx, by [`crate::binary`] for .xls and .ods, by
//! [`crate::text`] and [`crate::html`] for the rest.

use std::collections::HashMap;

use taizhang_core::import::Cell;

use crate::Format;

/// A file read into memory: its sheets as grids of cells, within the budget's bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// What the file was, by its content.
    pub format: Format,
    /// For text files: the encoding that was detected.
    pub encoding: Option<&'static str>,
    /// Every sheet, in workbook order.
    pub sheets: Vec<Sheet>,
}

/// A merged region, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// The first row.
    pub top: u32,
    /// The first column.
    pub left: u32,
    /// The last row.
    pub bottom: u32,
    /// The last column.
    pub right: u32,
}

/// One sheet: its cells and merged regions.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Its name as the workbook gives it.
    pub name: String,
    /// Hidden in the workbook.
    pub hidden: bool,
    /// `rows[r][c]` is the cell at Excel row r+1, column c+1; rows may be ragged.
    pub rows: Vec<Vec<Cell>>,
    /// Its merged regions.
    pub merges: Vec<Merge>,
    /// Cells covered by a merge (other than its top-left) → the top-left.
    covered: HashMap<(u32, u32), (u32, u32)>,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    /// Only the cells a merge covers inside the sheet's data are looked up: a damaged file's
    /// "A1:XFD1048576" must not cost memory.
    pub fn new(name: String, hidden: bool, rows: Vec<Vec<Cell>>, merges: Vec<Merge>) -> Self {
        let height = rows.len() as u32;
        let width = rows.iter().map(Vec::len).max().unwrap_or(0) as u32;
        let mut covered = HashMap::new();
        for m in &merges {
            for r in m.top..=m.bottom.min(height.saturating_sub(1)) {
                for c in m.left..=m.right.min(width.saturating_sub(1)) {
                    if (r, c) != (m.top, m.left) {
                        covered.insert((r, c), (m.top, m.left));
                    }
                }
            }
        }
        Self {
            name,
            hidden,
            rows,
            merges,
            covered,
        }
    }

    /// The cell as written, Empty outside the data.
    pub fn raw(&self, row: u32, col: u32) -> &Cell {
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }

    /// The cell as the user sees it: inside a merged region, the region's value.
    pub fn cell(&self, row: u32, col: u32) -> &Cell {
        if self.covered.is_empty() {
            return self.raw(row, col);
        }
        match self.covered.get(&(row, col)) {
            Some(&(r, c)) => self.raw(r, c),
            None => self.raw(row, col),
        }
    }

    /// Is (row, col) inside a merge that spans several columns?
    pub fn in_wide_merge(&self, row: u32, col: u32) -> bool {
        self.merges.iter().any(|m| {
            m.right > m.left
                && (m.top..=m.bottom).contains(&row)
                && (m.left..=m.right).contains(&col)
        })
    }

    /// How many rows it has (the longest column's).
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// How many columns its widest row has.
    pub fn width(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }
}

/// A → 0 … Z → 25, AA → 26: the letter of a 0-based column.
pub fn column_letter(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// "B" → 2, "AA" → 27.
fn column_number(letters: &str) -> u32 {
    letters
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .fold(0, |n, b| n * 26 + u32::from(b - b'A' + 1))
}

/// "B12" → 2, the 1-based column of a cell reference.
pub(crate) fn column_of(r: &str) -> u32 {
    column_number(split_ref(r).0)
}

/// "B12" → ("B", 12).
pub(crate) fn split_ref(r: &str) -> (&str, u32) {
    let digits = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
    (&r[..digits], r[digits..].parse().unwrap_or(0))
}

/// An ISO 8601 date or date-time; other text stays text.
pub(crate) fn iso_date(s: String) -> Cell {
    chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
        .map_or_else(|_| Cell::Text(s.into()), Cell::DateTime)
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_letters() {
        assert_eq!(super::column_letter(0), "A");
        assert_eq!(super::column_letter(25), "Z");
        assert_eq!(super::column_letter(26), "AA");
        assert_eq!(super::column_letter(701), "ZZ");
    }
}

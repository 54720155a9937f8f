//! A workbook as the import engine sees it: sheets of cells at their Excel positions, with merged
//! regions. Built by [`crate::xlsx`] for .xlsx, from calamine for .xls and .ods.

use std::{collections::HashMap, io::Cursor};

use calamine::{Data, Reader, SheetVisible, Sheets};
use taizhang_core::import::Cell;

use crate::{budget::Budget, Format, ReadError};

#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub format: Format,
    /// For text files: the encoding that was detected.
    pub encoding: Option<&'static str>,
    pub sheets: Vec<Sheet>,
}

/// A merged region, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// `rows[r][c]` is the cell at Excel row r+1, column c+1; rows may be ragged.
    pub rows: Vec<Vec<Cell>>,
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

    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

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

fn cell_of(d: Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::text_of(s),
        Data::Float(f) => Cell::Number(f),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::DateTime(d),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::Text(s.into()),
        Data::Error(e) => Cell::Error(format!("{e:?}")),
    }
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

fn corrupt(e: impl std::fmt::Display) -> ReadError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("password") {
        ReadError::Password
    } else {
        ReadError::Corrupt(text)
    }
}

thread_local! {
    /// Set while this thread reads a file: a panic then is a damaged file, caught and reported,
    /// not something for the program's panic hook to print (in English, with a backtrace).
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the program's panic hook, once, so that it stays silent for a panic inside a reader.
fn quiet_while_reading() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(std::cell::Cell::get) {
                hook(info);
            }
        }));
    });
}

/// Runs a reader: a panic inside it (a damaged file finding a reader's bug) becomes
/// [`ReadError::Corrupt`], and the program's panic hook is not told.
pub fn guarded<T>(
    read: impl FnOnce() -> Result<T, ReadError> + std::panic::UnwindSafe,
) -> Result<T, ReadError> {
    quiet_while_reading();
    READING.with(|r| r.set(true));
    let result = std::panic::catch_unwind(read);
    READING.with(|r| r.set(false));
    result.unwrap_or_else(|_| Err(ReadError::Corrupt("文件结构无法解析".into())))
}

/// Every binary format, within `budget`. A damaged file must never take the app down, so a
/// panic inside a reader is caught and reported as a damaged file.
pub fn read_binary(format: Format, bytes: Vec<u8>, budget: &Budget) -> Result<Workbook, ReadError> {
    guarded(move || match format {
        Format::Xlsx => crate::xlsx::read(&bytes, budget),
        Format::Ods => {
            // calamine stores a repeated row or cell once per repeat: counted before it reads.
            crate::ods::check(&bytes, budget)?;
            read_calamine(format, bytes)
        }
        _ => {
            // Its cells' positions were checked when it was recognised (`ole::check`).
            crate::ole::count(&bytes, budget)?;
            read_calamine(format, bytes)
        }
    })
}

/// .xls/.et and .ods through calamine.
fn read_calamine(format: Format, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(corrupt)?;
    let metadata: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::new();
    for (name, hidden) in metadata {
        let rows = sheet_rows(book.worksheet_range(&name).map_err(corrupt)?);
        let merges = match &mut book {
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let merges = merges
            .into_iter()
            .map(|d| Merge {
                top: d.start.0,
                left: d.start.1,
                bottom: d.end.0,
                right: d.end.1,
            })
            .collect();
        sheets.push(Sheet::new(name, hidden, rows, merges));
    }
    Ok(Workbook {
        format,
        encoding: None,
        sheets,
    })
}

/// The cells of a range at their sheet positions, moved out of the range rather than copied.
fn sheet_rows(mut range: calamine::Range<Data>) -> Vec<Vec<Cell>> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let (height, _) = range.get_size();
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
    for i in 0..height {
        let mut row = vec![Cell::Empty; left as usize];
        row.extend(range[i].iter_mut().map(|d| cell_of(std::mem::take(d))));
        while row.last().is_some_and(Cell::is_blank) {
            row.pop();
        }
        rows.push(row);
    }
    rows
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

//! The binary formats calamine reads (.xls/.et and .ods) into a [`Workbook`], and the guard every
//! binary reader runs under: a damaged file that finds a reader's bug is a damaged file, not a
//! crash.

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Sheets};
use taizhang_core::import::Cell;

use crate::{
    workbook::{iso_date, Merge, Sheet, Workbook},
    Format, ReadError,
};

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

/// .xls/.et and .ods through calamine, once counted within the budget by [`crate::ole::count`]
/// or [`crate::ods::check`].
pub fn read(format: Format, bytes: Vec<u8>) -> Result<Workbook, ReadError> {
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

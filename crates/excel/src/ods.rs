//! An .ods looked at before calamine reads it. calamine stores a row marked
//! `number-rows-repeated` once per repeat and a cell marked `number-columns-repeated` once per
//! column, each with its own copy of the text, so a few hundred bytes of XML can stand for
//! billions of cells. This walks `content.xml` once and counts what calamine would store (the
//! rows from a table's first to its last non-empty row, as wide as its widest, and every copy of
//! every text) against the workbook's [`Budget`].

use std::io::Cursor;

use zip::ZipArchive;

use crate::{
    budget::Budget,
    xlsx::{
        package,
        xml::{attr, Token, Tokens},
    },
    ReadError,
};

/// What calamine caps repeats at: a sheet's rows and columns.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

fn corrupt(e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt(e.to_string())
}

/// A repeat count as written, at most `cap` (calamine's own cap); 1 when absent or unreadable.
fn repeats(attrs: &[u8], key: &[u8], cap: u64) -> u64 {
    attr(attrs, key)
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, cap)
}

/// One table's count so far.
#[derive(Default)]
struct Table {
    /// Rows from the first non-empty one through the last, repeats expanded.
    rows: u64,
    /// Empty rows since the last non-empty one: they count once a non-empty row follows.
    empty_rows: u64,
    /// The widest non-empty row, through its last non-empty cell.
    width: u64,
    /// Bytes of text, once per copy.
    text: u64,
}

impl Table {
    fn row(&mut self, repeat: u64, width: u64, text: u64) {
        if width == 0 {
            if self.rows > 0 {
                self.empty_rows = self.empty_rows.saturating_add(repeat);
            }
            return;
        }
        self.rows = (self.rows + self.empty_rows)
            .saturating_add(repeat)
            .min(MAX_ROWS);
        self.empty_rows = 0;
        self.width = self.width.max(width);
        self.text = self.text.saturating_add(repeat.saturating_mul(text));
    }

    fn count(&self, budget: &Budget) -> Result<(), ReadError> {
        budget.cells(self.rows.saturating_mul(self.width))?;
        budget.text(self.text)
    }
}

/// The row and cell being read.
#[derive(Default)]
struct Row {
    repeat: u64,
    /// Columns so far, and through the last non-empty cell.
    at: u64,
    width: u64,
    text: u64,
    cell: Option<Cell>,
}

struct Cell {
    repeat: u64,
    /// It has a value type or text (an empty cell only pads its row).
    filled: bool,
    /// Its attributes and text, as written: more than calamine keeps, never less.
    text: u64,
}

impl Row {
    fn end_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            self.at = (self.at + c.repeat).min(MAX_COLUMNS);
            if c.filled {
                self.width = self.at;
                self.text = self.text.saturating_add(c.repeat.saturating_mul(c.text));
            }
        }
    }
}

/// Refuses an .ods whose cells, repeats expanded, pass the budget.
pub fn check(bytes: &[u8], budget: &Budget) -> Result<(), ReadError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    // Without content.xml calamine says what is wrong.
    let Some(xml) = package::read(&mut zip, "content.xml").map_err(ReadError::Corrupt)? else {
        return Ok(());
    };
    let mut tokens = Tokens::new(&xml);
    let mut table = Table::default();
    let mut row: Option<Row> = None;
    while let Some(token) = tokens.next().map_err(|_| corrupt("content.xml 不完整"))? {
        match token {
            Token::Start {
                name: b"table",
                empty: false,
                ..
            } => table = Table::default(),
            Token::End { name: b"table" } => {
                table.count(budget)?;
                table = Table::default();
            }
            Token::Start {
                name: b"table-row",
                attrs,
                empty,
            } => {
                let repeat = repeats(attrs, b"number-rows-repeated", MAX_ROWS);
                if empty {
                    table.row(repeat, 0, 0);
                } else {
                    row = Some(Row {
                        repeat,
                        ..Row::default()
                    });
                }
            }
            Token::End { name: b"table-row" } => {
                if let Some(mut r) = row.take() {
                    r.end_cell();
                    table.row(r.repeat, r.width, r.text);
                }
            }
            Token::Start {
                name: b"table-cell" | b"covered-table-cell",
                attrs,
                empty,
            } => {
                if let Some(r) = &mut row {
                    r.end_cell();
                    r.cell = Some(Cell {
                        repeat: repeats(attrs, b"number-columns-repeated", MAX_COLUMNS),
                        filled: attr(attrs, b"value-type").is_some(),
                        text: attrs.len() as u64,
                    });
                    if empty {
                        r.end_cell();
                    }
                }
            }
            Token::End {
                name: b"table-cell" | b"covered-table-cell",
            } => {
                if let Some(r) = &mut row {
                    r.end_cell();
                }
            }
            Token::Text(t) | Token::CData(t) => {
                if let Some(c) = row.as_mut().and_then(|r| r.cell.as_mut()) {
                    if !t.trim_ascii().is_empty() {
                        c.filled = true;
                    }
                    c.text = c.text.saturating_add(t.len() as u64);
                }
            }
            _ => {}
        }
    }
    table.count(budget)
}

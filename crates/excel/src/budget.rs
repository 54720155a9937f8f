//! What one workbook may hold once read. A few kilobytes of zipped XML can name a cell in column
//! XFD on every row, put one long shared string in a million cells, or (in .ods) repeat a row a
//! million times; each reader counts what it stores against these bounds as it goes and stops at
//! the first cell past them, so such a file is refused before it costs gigabytes. Both bounds are
//! far above a real register: a million-row roster of ten columns is half the cells and a
//! quarter of the text.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::ReadError;

/// Cell positions stored, blanks inside a row included (they take room too): 1,048,576 rows of
/// about twenty columns.
pub const MAX_CELLS: u64 = 20_000_000;

/// Bytes of text in the cells (UTF-8), a shared string counted once per cell that shows it.
pub const MAX_TEXT: u64 = 512 << 20;

/// What a workbook has stored so far, and may; shared by the threads that read its parts.
#[derive(Debug)]
pub struct Budget {
    max_cells: u64,
    max_text: u64,
    cells: AtomicU64,
    text: AtomicU64,
}

impl Default for Budget {
    /// [`MAX_CELLS`] and [`MAX_TEXT`].
    fn default() -> Self {
        Self::new(MAX_CELLS, MAX_TEXT)
    }
}

impl Budget {
    /// Other bounds: a test's, to see a crafted file refused without storing half a gigabyte.
    pub fn new(max_cells: u64, max_text: u64) -> Self {
        Self {
            max_cells,
            max_text,
            cells: AtomicU64::new(0),
            text: AtomicU64::new(0),
        }
    }

    /// `n` more cell positions.
    pub fn cells(&self, n: u64) -> Result<(), ReadError> {
        let before = self.cells.fetch_add(n, Ordering::Relaxed);
        if before.saturating_add(n) > self.max_cells {
            return Err(ReadError::TooMuch(format!(
                "单元格超过 {} 万个",
                self.max_cells / 10_000
            )));
        }
        Ok(())
    }

    /// `bytes` more bytes of cell text.
    pub fn text(&self, bytes: u64) -> Result<(), ReadError> {
        let before = self.text.fetch_add(bytes, Ordering::Relaxed);
        if before.saturating_add(bytes) > self.max_text {
            return Err(ReadError::TooMuch(format!(
                "单元格文字合计超过 {} MB",
                self.max_text >> 20
            )));
        }
        Ok(())
    }
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bound_is_named_when_passed() {
        let b = Budget::default();
        b.cells(MAX_CELLS).unwrap();
        assert_eq!(
            b.cells(1).unwrap_err().to_string(),
            "表格内容超出可导入的范围（单元格超过 2000 万个）；请确认文件无误，或把表格拆成几个文件再导入"
        );
        b.text(MAX_TEXT).unwrap();
        assert!(b.text(1).unwrap_err().to_string().contains("512 MB"));
    }
}

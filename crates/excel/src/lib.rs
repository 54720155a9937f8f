//! Reads whatever spreadsheet arrives from higher levels and says, row by row, what is wrong.
//!
//! [`open`] recognises the format by content, never by extension alone (.xlsx/.xlsm, BIFF8 .xls
//! and WPS .et, .ods, CSV in UTF-8 or GBK/GB18030, and ".xls" files that are really HTML tables)
//! and gives every sheet as a grid of [`Cell`]s with its merged regions. [`table::locate`] finds
//! the header (one or two rows, merged group cells included), the data rows and the footer;
//! [`check::dry_run_each`] reads every data row against a register's field table, handing each
//! on as it is checked, with a report keyed by the row number the user sees in Excel. Every
//! reader stores a workbook within [`budget`]'s bounds. No input file makes it panic.
//! [`write`] writes a register out as a styled workbook.
#![warn(missing_docs)]

mod binary;
pub mod blanks;
pub mod budget;
pub mod check;
pub mod fill;
mod format;
mod html;
mod ods;
mod ole;
pub mod table;
mod text;
mod workbook;
pub mod write;
mod xlsx;

pub use binary::guarded;
pub use format::{Format, ReadError};
pub use taizhang_core::import::Cell;
pub use workbook::{column_letter, Merge, Sheet, Workbook};

use std::path::Path;

/// Reads a file from disk.
pub fn open(path: &Path) -> Result<Workbook, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
    read(bytes)
}

/// Reads a file already in memory, within the bounds of [`budget`].
pub fn read(bytes: Vec<u8>) -> Result<Workbook, ReadError> {
    read_within(bytes, &budget::Budget::default())
}

/// Reads a file already in memory, within `budget`: the one place a format meets its reader. A
/// damaged file must never take the app down, so a panic inside a binary reader is caught and
/// reported as a damaged file.
pub fn read_within(bytes: Vec<u8>, budget: &budget::Budget) -> Result<Workbook, ReadError> {
    match format::sniff(&bytes)? {
        Format::Csv => text::read(&bytes, budget),
        Format::Html => html::read(&bytes, budget),
        Format::Xlsx => guarded(move || xlsx::read(&bytes, budget)),
        Format::Ods => guarded(move || {
            // calamine stores a repeated row or cell once per repeat: counted before it reads.
            ods::check(&bytes, budget)?;
            binary::read(Format::Ods, bytes)
        }),
        f => guarded(move || {
            // Its cells' positions were checked when it was recognised (`ole::check`).
            ole::count(&bytes, budget)?;
            binary::read(f, bytes)
        }),
    }
}

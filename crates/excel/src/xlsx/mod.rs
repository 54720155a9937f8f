//! .xlsx and .xlsm, read by Taizhang itself: the package's parts ([`package`]), a fast reader of
//! the XML inside ([`xml`]) and each sheet scanned on two cores ([`sheet`]). An .xlsx
//! arriving from above is usually the largest file a clerk imports, and reading its sheet XML is
//! most of an import's dry run; calamine still reads .xls, .ods and .xlsb.

pub mod package;
mod sheet;
pub(crate) mod xml;

use std::io::Cursor;

use zip::ZipArchive;

use crate::{budget::Budget, Format, ReadError, Sheet, Workbook};

fn corrupt(e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt(e.to_string())
}

/// Every sheet of the workbook, within `budget`; a binary workbook (.xlsb) is refused.
pub fn read(bytes: &[u8], budget: &Budget) -> Result<Workbook, ReadError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let workbook = package::workbook_path(&mut zip).map_err(corrupt)?;
    if !workbook.to_ascii_lowercase().ends_with(".xml") {
        // .xlsb: its cells cannot be counted before calamine has stored them all.
        return Err(ReadError::Xlsb);
    }
    let parts = package::parts(&mut zip, &workbook).map_err(corrupt)?;
    let strings = package::shared_strings(&mut zip, parts.strings.as_deref()).map_err(corrupt)?;
    let styles = package::cell_styles(&mut zip, parts.styles.as_deref()).map_err(corrupt)?;
    let cx = sheet::Context {
        strings: &strings,
        styles: &styles,
        date1904: parts.date1904,
        budget,
    };
    let mut sheets = Vec::new();
    for part in parts.sheets {
        let path = package::find(&zip, &part.path)
            .ok_or_else(|| corrupt(format!("工作表“{}”的内容缺失", part.name)))?;
        let (rows, merges) = sheet::read(&mut zip, &path, &cx)?;
        sheets.push(Sheet::new(part.name, part.hidden, rows, merges));
    }
    Ok(Workbook {
        format: Format::Xlsx,
        encoding: None,
        sheets,
    })
}

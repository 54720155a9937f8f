//! Recognising a file by its first bytes, and the errors a clerk can act on.

use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;

/// What a file is, recognised by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Office Open XML: .xlsx and .xlsm (Excel 2007 on, WPS, LibreOffice, POI, .NET).
    Xlsx,
    /// BIFF8: Excel 97–2003 .xls, and WPS .et.
    Xls,
    /// OpenDocument: .ods.
    Ods,
    /// Comma- or tab-separated text, in UTF-8 or GBK/GB18030.
    Csv,
    /// An HTML table saved with an .xls name by a web system.
    Html,
}

impl Format {
    /// The format as the clerk knows it, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel 工作簿（.xlsx）",
            Format::Xls => "Excel 97-2003 / WPS 表格（.xls/.et）",
            Format::Ods => "OpenDocument 表格（.ods）",
            Format::Csv => "CSV 文本",
            Format::Html => "网页表格（另存为 .xls 的 HTML）",
        }
    }
}

/// Why a file could not be read; each message tells the clerk what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    /// The file could not be read from disk.
    #[error("无法读取文件：{0}")]
    Io(String),
    /// The file has no bytes.
    #[error("文件是空的，没有任何内容")]
    Empty,
    /// Another kind of file (a PDF, a Word document, an image…): what it is.
    #[error("这不是表格文件，而是 {0}；请打开原表格另存为 .xlsx 后再导入")]
    NotASpreadsheet(&'static str),
    /// A password-protected workbook.
    #[error("工作簿有密码保护，请先在 Excel 或 WPS 中取消密码，再导入")]
    Password,
    /// A damaged or truncated file: what the reader found.
    #[error("文件已损坏或不完整（{0}）；请向发件人重新索取，或用 Excel/WPS 打开后另存")]
    Corrupt(String),
    /// An HTML file without a table.
    #[error("网页文件中没有表格")]
    NoTable,
    /// An HTML file nested deeper than any system export: the limit.
    #[error("网页文件的标签嵌套超过 {0} 层，不是系统正常导出的表格；请向发件人重新索取")]
    TooDeep(usize),
    /// Past a bound of [`crate::budget`]: what was passed.
    #[error("表格内容超出可导入的范围（{0}）；请确认文件无误，或把表格拆成几个文件再导入")]
    TooMuch(String),
    #[error(
        "这是 Excel 二进制工作簿（.xlsb），本程序不直接读取；请在 Excel 中另存为 .xlsx 后再导入"
    )]
    /// A binary .xlsb workbook, which is not read.
    Xlsb,
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// What the bytes are.
pub fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ReadError::NotASpreadsheet("PDF 文档"));
    }
    if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(ReadError::NotASpreadsheet("图片"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if contains(bytes, b"xl/") {
            Ok(Format::Xlsx)
        } else if contains(bytes, b"opendocument.spreadsheet") {
            Ok(Format::Ods)
        } else if contains(bytes, b"word/") {
            Err(ReadError::NotASpreadsheet("Word 文档"))
        } else if contains(bytes, b"ppt/") {
            Err(ReadError::NotASpreadsheet("PowerPoint 演示文稿"))
        } else {
            Err(ReadError::Corrupt("压缩包中没有工作簿".into()))
        };
    }
    if bytes.starts_with(OLE) {
        crate::ole::check(bytes)?;
        return if contains(bytes, &utf16("EncryptedPackage")) {
            Err(ReadError::Password)
        } else if contains(bytes, &utf16("WordDocument")) {
            Err(ReadError::NotASpreadsheet("Word 97-2003 文档"))
        } else {
            Ok(Format::Xls)
        };
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
        .unwrap_or(0);
    if lower[start..].starts_with(b"<")
        && (contains(&lower, b"<table") || contains(&lower, b"<html"))
    {
        return Ok(Format::Html);
    }
    if head.contains(&0) && !(head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])) {
        return Err(ReadError::NotASpreadsheet("无法识别的二进制文件"));
    }
    Ok(Format::Csv)
}

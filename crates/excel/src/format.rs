//! Recognising a file by its first bytes, and the errors a clerk can act on.

use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Xlsx,
    /// BIFF8: Excel 97–2003 .xls, and WPS .et.
    Xls,
    Ods,
    Csv,
    /// An HTML table saved with an .xls name by a web system.
    Html,
}

impl Format {
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

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    #[error("无法读取文件：{0}")]
    Io(String),
    #[error("文件是空的，没有任何内容")]
    Empty,
    #[error("这不是表格文件，而是 {0}；请打开原表格另存为 .xlsx 后再导入")]
    NotASpreadsheet(&'static str),
    #[error("工作簿有密码保护，请先在 Excel 或 WPS 中取消密码，再导入")]
    Password,
    #[error("文件已损坏或不完整（{0}）；请向发件人重新索取，或用 Excel/WPS 打开后另存")]
    Corrupt(String),
    #[error("网页文件中没有表格")]
    NoTable,
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
        ole_directory_chain_ends(bytes)?;
        biff_dimensions_fit(bytes)?;
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

/// Follows the compound file's directory chain through its FAT and refuses a file whose chain
/// runs out of the file or loops: the parser underneath would follow a loop until memory runs
/// out (found by the fuzz harness).
fn ole_directory_chain_ends(bytes: &[u8]) -> Result<(), ReadError> {
    const END: u32 = 0xFFFF_FFFE;
    let bad = || ReadError::Corrupt("复合文档的目录链损坏".into());
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let shift = u16_at(30).ok_or_else(bad)?;
    if shift != 9 && shift != 12 {
        return Err(bad());
    }
    let sector = 1usize << shift;
    let sectors = bytes.len().saturating_sub(512) / sector + 1;
    let offset = |id: u32| 512 + id as usize * sector;
    // The FAT sectors listed in the header (the first 109; larger files go on in DIFAT sectors).
    let fat_count = u32_at(44).ok_or_else(bad)? as usize;
    let mut fat_ids: Vec<u32> = (0..fat_count.min(109))
        .filter_map(|i| u32_at(76 + 4 * i))
        .collect();
    let mut difat = u32_at(68).ok_or_else(bad)?;
    let mut hops = 0;
    while difat < END && fat_ids.len() < fat_count {
        hops += 1;
        if hops > sectors {
            return Err(bad());
        }
        let base = offset(difat);
        let per = sector / 4 - 1;
        fat_ids.extend((0..per).filter_map(|i| u32_at(base + 4 * i)));
        difat = u32_at(base + 4 * per).ok_or_else(bad)?;
    }
    let fat_entry = |id: u32| -> Option<u32> {
        let per = sector / 4;
        let fat_sector = *fat_ids.get(id as usize / per)?;
        u32_at(offset(fat_sector) + 4 * (id as usize % per))
    };
    let mut id = u32_at(48).ok_or_else(bad)?;
    let mut steps = 0;
    while id != END {
        steps += 1;
        if steps > sectors || id as usize >= sectors {
            return Err(bad());
        }
        id = fat_entry(id).ok_or_else(bad)?;
    }
    Ok(())
}

/// Refuses BIFF DIMENSIONS records that claim more than a worksheet can hold (65,536 rows × 256
/// columns): the parser underneath reserves memory for the claimed size up front.
fn biff_dimensions_fit(bytes: &[u8]) -> Result<(), ReadError> {
    let u16_at = |b: &[u8], at: usize| u64::from(u16::from_le_bytes([b[at], b[at + 1]]));
    let u32_at = |b: &[u8], at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
    for (at, w) in bytes.windows(4).enumerate() {
        if !(w[0] == 0x00 && w[1] == 0x02 && w[3] == 0x00 && matches!(w[2], 10 | 14 | 16)) {
            continue;
        }
        let Some(r) = bytes.get(at + 4..at + 4 + w[2] as usize) else {
            continue;
        };
        let (first_row, last_row, first_col, last_col) = if w[2] == 10 {
            (u16_at(r, 0), u16_at(r, 2), u16_at(r, 4), u16_at(r, 6))
        } else {
            (u32_at(r, 0), u32_at(r, 4), u16_at(r, 8), u16_at(r, 10))
        };
        let rows = last_row.saturating_sub(first_row) + 1;
        let cols = last_col.saturating_sub(first_col.min(last_col)) + 1;
        if rows.saturating_mul(cols) > 65_537 * 257 {
            return Err(ReadError::Corrupt("工作表尺寸记录异常".into()));
        }
    }
    Ok(())
}

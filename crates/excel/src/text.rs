//! CSV as Chinese Excel and WPS save it: GBK/GB18030 unless marked otherwise, comma, tab or
//! semicolon separated.

use std::borrow::Cow;

use taizhang_core::import::Cell;

use crate::{budget::Budget, Format, ReadError, Sheet, Workbook};

/// Decodes the bytes and names the encoding found; UTF-8 is read in place, not copied.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest), "UTF-8（带BOM）");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return (text, "UTF-16LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, _) = encoding_rs::UTF_16BE.decode(bytes);
        return (text, "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text, "GBK/GB18030")
        }
    }
}

/// The separator that splits the first lines most consistently.
fn separator(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().take(20).collect();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&sep| {
            sample
                .iter()
                .map(|l| l.bytes().filter(|b| *b == sep).count())
                .sum::<usize>()
        })
        .unwrap_or(b',')
}

/// Every line as a row, within `budget`: a line of a million commas is a million cells.
pub fn read(bytes: &[u8], budget: &Budget) -> Result<Workbook, ReadError> {
    let (text, encoding) = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Corrupt(e.to_string()))?;
        budget.cells(record.len() as u64)?;
        budget.text(record.as_slice().len() as u64)?;
        rows.push(
            record
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::text_of(v.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Workbook {
        format: Format::Csv,
        encoding: Some(encoding),
        sheets: vec![Sheet::new("CSV".into(), false, rows, Vec::new())],
    })
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    #[test]
    fn gbk_is_recognised_and_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,身份证号\n王国民,11010519491231002X\n");
        let book = super::read(&bytes, &Default::default()).unwrap();
        assert_eq!(book.encoding, Some("GBK/GB18030"));
        assert_eq!(book.sheets[0].raw(1, 0).text(), "王国民");
    }

    #[test]
    fn tabs_and_a_bom() {
        let book = super::read(
            "\u{feff}姓名\t电话\n张三\t13812345678\n".as_bytes(),
            &Default::default(),
        )
        .unwrap();
        assert_eq!(book.encoding, Some("UTF-8（带BOM）"));
        assert_eq!(book.sheets[0].raw(1, 1).text(), "13812345678");
    }
}

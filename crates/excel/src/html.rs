//! ".xls" files that web systems export as HTML tables: each <table> becomes a sheet, colspan
//! and rowspan become merged regions.

use std::collections::HashSet;

use scraper::{Html, Selector};
use taizhang_core::import::Cell;

use crate::{Format, Merge, ReadError, Sheet, Workbook};

fn selector(s: &str) -> Result<Selector, ReadError> {
    Selector::parse(s).map_err(|_| ReadError::Corrupt(format!("selector {s}")))
}

pub fn read(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        // Web systems in China often still send GBK pages.
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let doc = Html::parse_document(&text);
    let (table_sel, row_sel, cell_sel) = (selector("table")?, selector("tr")?, selector("td, th")?);
    let mut sheets = Vec::new();
    for (t, table) in doc.select(&table_sel).enumerate() {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut merges = Vec::new();
        let mut taken: HashSet<(u32, u32)> = HashSet::new();
        // Only this table's own rows, not those of tables nested inside it.
        let own_rows = table.select(&row_sel).filter(|tr| {
            tr.ancestors()
                .find(|a| a.value().as_element().is_some_and(|e| e.name() == "table"))
                == Some(*table)
        });
        for (r, tr) in own_rows.enumerate() {
            let r = r as u32;
            let mut c = 0u32;
            for td in tr.select(&cell_sel) {
                while taken.contains(&(r, c)) {
                    c += 1;
                }
                let span = |name: &str| {
                    td.value()
                        .attr(name)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000)
                };
                let (cols, rowspan) = (span("colspan"), span("rowspan"));
                let text: String = td.text().collect::<Vec<_>>().join("");
                let row = &mut rows;
                while row.len() <= r as usize {
                    row.push(Vec::new());
                }
                let line = &mut row[r as usize];
                while line.len() < c as usize {
                    line.push(Cell::Empty);
                }
                line.push(if text.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(text)
                });
                for dr in 0..rowspan {
                    for dc in 0..cols {
                        taken.insert((r + dr, c + dc));
                    }
                }
                if cols > 1 || rowspan > 1 {
                    merges.push(Merge {
                        top: r,
                        left: c,
                        bottom: r + rowspan - 1,
                        right: c + cols - 1,
                    });
                }
                c += cols;
            }
        }
        sheets.push(Sheet::new(format!("表格{}", t + 1), false, rows, merges));
    }
    if sheets.is_empty() {
        return Err(ReadError::NoTable);
    }
    Ok(Workbook {
        format: Format::Html,
        encoding: None,
        sheets,
    })
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    #[test]
    fn colspan_and_rowspan_become_merges() {
        let html = r#"<html><body><table>
            <tr><td rowspan="2">姓名</td><td colspan="2">党籍信息</td></tr>
            <tr><td>入党时间</td><td>转正时间</td></tr>
            <tr><td>王国民</td><td>1971.07</td><td>1972.07</td></tr>
        </table></body></html>"#;
        let book = super::read(html.as_bytes()).unwrap();
        let s = &book.sheets[0];
        assert_eq!(
            s.cell(1, 0).text(),
            "姓名",
            "a rowspan covers the row below"
        );
        assert_eq!(
            s.cell(1, 1).text(),
            "入党时间",
            "cells after a rowspan shift right"
        );
        assert_eq!(s.cell(0, 2).text(), "党籍信息");
        assert_eq!(s.cell(2, 2).text(), "1972.07");
    }
}

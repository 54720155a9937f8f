//! ".xls" files that web systems export as HTML tables: each <table> becomes a sheet, colspan
//! and rowspan become merged regions.

use std::collections::HashSet;

use scraper::{Html, Selector};
use taizhang_core::import::Cell;

use crate::{budget::Budget, Format, Merge, ReadError, Sheet, Workbook};

/// The deepest nesting a page may have. Exported tables nest a dozen levels; the HTML parser's
/// work grows with the square of the depth (20,000 nested `<div>`s took 24 s), so a page past
/// this is refused before it is parsed.
const MAX_DEPTH: usize = 256;

/// Elements that never hold anything (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Refuses a page nested deeper than [`MAX_DEPTH`], measured as a browser builds it, roughly: an
/// end tag closes everything opened since its start tag, a new cell or row closes the one
/// before with what was left open in it (`<td><font>王</td>`, common in exports), void elements
/// and comments do not count. Linear, and stops at the first level past the limit.
fn check_depth(html: &str) -> Result<(), ReadError> {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let tag = rest.trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue; // `<!DOCTYPE`, `<?xml`, a lone `<`
        }
        let end = tag.find('>').unwrap_or(tag.len());
        let self_closing = tag[..end].ends_with('/');
        rest = &tag[end..];
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        // A new cell, row or list item ends the one before, and what was left open in it.
        let ends_at: &[&str] = match name.as_str() {
            "td" | "th" => &["tr", "table"],
            "tr" => &["table", "tbody", "thead", "tfoot"],
            "li" => &["ul", "ol"],
            _ => &[],
        };
        if !ends_at.is_empty() {
            if let Some(at) = open.iter().rposition(|n| ends_at.contains(&n.as_str())) {
                open.truncate(at + 1);
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |at| &rest[at..]);
            continue;
        }
        if !self_closing && !VOID.contains(&name.as_str()) {
            open.push(name);
            if open.len() > MAX_DEPTH {
                return Err(ReadError::TooDeep(MAX_DEPTH));
            }
        }
    }
    Ok(())
}

fn selector(s: &str) -> Result<Selector, ReadError> {
    Selector::parse(s).map_err(|_| ReadError::Corrupt(format!("selector {s}")))
}

/// Every table as a sheet, within `budget`: a cell spanning 1,000 × 1,000 takes a million
/// positions.
pub fn read(bytes: &[u8], budget: &Budget) -> Result<Workbook, ReadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        // Web systems in China often still send GBK pages.
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    check_depth(&text)?;
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
                budget.cells(u64::from(cols) * u64::from(rowspan))?;
                let text: String = td.text().collect::<Vec<_>>().join("");
                budget.text(text.len() as u64)?;
                let row = &mut rows;
                while row.len() <= r as usize {
                    row.push(Vec::new());
                }
                let line = &mut row[r as usize];
                // The room before the cell (positions a span above took) is counted too.
                budget.cells((c as usize).saturating_sub(line.len()) as u64)?;
                while line.len() < c as usize {
                    line.push(Cell::Empty);
                }
                line.push(if text.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::text_of(text)
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
        let book = super::read(html.as_bytes(), &Default::default()).unwrap();
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

//! The blanks a form leaves for the office in its title and footer lines — 填报单位：______,
//! 报出日期：  年  月  日, 统计月份： — filled with what the office knows when its table is
//! filled (`fill`). A blank already written in, and every other line (填表人, 审核人, 联系电话:
//! a person writes or signs those), is left as it is.
//!
//! The labels are the ones higher levels' forms use: the 国家统计调查制度 表式 (表头 填报单位 /
//! 综合机关名称, 表尾 单位负责人、统计负责人、填表人、报出日期 20  年  月  日), and the
//! 党员信息采集表, 自建房排查 and 网格 monthly forms offices pass down (填报单位（盖章）,
//! 填表日期, 统计月份).

use std::collections::BTreeMap;

use quick_xml::{
    events::{BytesEnd, BytesStart, BytesText, Event},
    Reader, Writer,
};

use crate::{column_letter, Cell, Sheet};

/// What the blanks are filled with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    /// 填报单位: the office's name.
    pub unit: String,
    /// 填报日期, 报出日期: the day, as forms write it (2026年12月5日).
    pub date: String,
    /// 统计月份: the month a report covers (2026年11月); None when what is filled has no month.
    pub month: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Asks {
    Unit,
    Date,
    Month,
}

const LABELS: &[(&str, Asks)] = &[
    ("填报单位", Asks::Unit),
    ("填表单位", Asks::Unit),
    ("报送单位", Asks::Unit),
    ("上报单位", Asks::Unit),
    ("报表单位", Asks::Unit),
    ("制表单位", Asks::Unit),
    ("填报日期", Asks::Date),
    ("填表日期", Asks::Date),
    ("填报时间", Asks::Date),
    ("填表时间", Asks::Date),
    ("报出日期", Asks::Date),
    ("报送日期", Asks::Date),
    ("上报日期", Asks::Date),
    ("制表日期", Asks::Date),
    ("统计月份", Asks::Month),
    ("报表月份", Asks::Month),
    ("所属月份", Asks::Month),
];

/// What may stand between a label and its colon: 填报单位（盖章）：.
const SEALS: &[&str] = &[
    "（盖章）",
    "(盖章)",
    "（公章）",
    "(公章)",
    "（签章）",
    "(签章)",
];

/// Room left for writing in: spaces, full-width spaces, underlines.
fn is_room(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\t' | '_' | '＿' | '\u{a0}')
}

/// A cell to write: 0-based row and column, its new text, and what was filled in, for the clerk
/// ("填报单位：交口街道").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blank {
    row: u32,
    col: u32,
    text: String,
    pub(crate) said: Vec<String>,
}

/// A label found in a text: where its blank starts and ends (byte offsets), what it asks for.
struct Found {
    label: &'static str,
    asks: Asks,
    /// Where the label starts.
    at: usize,
    from: usize,
    to: usize,
}

/// The labels of `text` followed by a blank, in order. A date's blank may hold the form's
/// skeleton (  年  月  日), which the date replaces.
fn labels_in(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some((start, label, asks)) = LABELS
            .iter()
            .filter_map(|(l, a)| text[at..].find(l).map(|i| (at + i, *l, *a)))
            .min_by_key(|(i, _, _)| *i)
        else {
            break;
        };
        let mut i = start + label.len();
        if let Some(seal) = SEALS.iter().find(|s| text[i..].starts_with(**s)) {
            i += seal.len();
        }
        let Some(colon) = ['：', ':'].into_iter().find(|c| text[i..].starts_with(*c)) else {
            at = i;
            continue;
        };
        let from = i + colon.len_utf8();
        let mut to = from + room_at(&text[from..]);
        to += match asks {
            Asks::Unit => 0,
            Asks::Date => skeleton_at(&text[to..], &['年', '月', '日']),
            Asks::Month => skeleton_at(&text[to..], &['年', '月']),
        };
        found.push(Found {
            label,
            asks,
            at: start,
            from,
            to,
        });
        at = to.max(from);
    }
    found
}

/// The length of the room at the start of `s`.
fn room_at(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !is_room(*c))
        .map_or(s.len(), |(i, _)| i)
}

/// The length of a date's or month's skeleton at the start of `s` ("20  年  月  日",
/// "  年  月"), with the room after it; 0 when there is none.
fn skeleton_at(s: &str, parts: &[char]) -> usize {
    let mut i = 0;
    if s.starts_with("20") {
        i += 2;
        i += room_at(&s[i..]);
    }
    for &part in parts {
        if !s[i..].starts_with(part) {
            return 0;
        }
        i += part.len_utf8();
        i += room_at(&s[i..]);
    }
    i
}

fn value(asks: Asks, values: &Values) -> Option<&str> {
    let v = match asks {
        Asks::Unit => values.unit.as_str(),
        Asks::Date => values.date.as_str(),
        Asks::Month => values.month.as_deref()?,
    };
    (!v.is_empty()).then_some(v)
}

/// `text` with its blanks filled, and what was filled; None when it has none to fill. A label
/// with something written after it (填报单位：城关镇) is already filled.
fn filled_text(text: &str, values: &Values) -> Option<(String, Vec<String>)> {
    let mut out = String::new();
    let mut said = Vec::new();
    let mut last = 0;
    for f in labels_in(text) {
        let at_end = text[f.to..].trim_matches(is_room).is_empty();
        let written = f.to == f.from && !at_end;
        let Some(v) = value(f.asks, values).filter(|_| !written) else {
            continue;
        };
        out.push_str(&text[last..f.from]);
        out.push_str(v);
        if !at_end {
            out.push_str("\u{3000}\u{3000}");
        }
        said.push(format!("{}：{v}", f.label));
        last = if at_end { text.len() } else { f.to };
    }
    if said.is_empty() {
        return None;
    }
    out.push_str(&text[last..]);
    Some((out, said))
}

/// The blanks in `sheet` (a form's title lines and footer, `fill::Layout::lines`, whose table
/// is `width` columns wide) and what fills them. A label alone in its cell (填报单位：) has its
/// value written into the blank cell to its right, past the label's merge; when there is none,
/// after the label in its own cell.
pub(crate) fn find(sheet: &Sheet, width: u32, values: &Values) -> Vec<Blank> {
    let mut blanks = Vec::new();
    for row in 0..sheet.height() {
        let cells = sheet.rows.get(row as usize).map_or(0, Vec::len) as u32;
        for col in 0..cells {
            // As written: `Cell::text` normalises (：→ :), and the form keeps its punctuation.
            let text = match sheet.raw(row, col) {
                Cell::Text(s) => s.to_string(),
                other => other.text(),
            };
            if text.trim().is_empty() {
                continue;
            }
            let right = sheet
                .merges
                .iter()
                .find(|m| m.top == row && m.left == col)
                .map_or(col, |m| m.right)
                + 1;
            // A label alone in its cell: its value goes into the blank cell to its right.
            let found = labels_in(&text);
            let alone = match found.as_slice() {
                // Nothing before it, nothing after its colon but spaces: no underline, no
                // 年 月 日 to write over.
                [f] if text[..f.at].trim().is_empty() && text[f.from..].trim().is_empty() => {
                    Some(f)
                }
                _ => None,
            };
            let room = right < width.max(sheet.width())
                && sheet.cell(row, right).is_blank()
                && !covered(sheet, row, right);
            if let (Some(f), true) = (alone, room) {
                if let Some(v) = value(f.asks, values) {
                    blanks.push(Blank {
                        row,
                        col: right,
                        text: v.to_owned(),
                        said: vec![format!("{}：{v}", f.label)],
                    });
                }
                continue;
            }
            if let Some((text, said)) = filled_text(&text, values) {
                blanks.push(Blank {
                    row,
                    col,
                    text,
                    said,
                });
            }
        }
    }
    blanks
}

/// Whether (row, col) lies inside a merge it does not begin.
fn covered(sheet: &Sheet, row: u32, col: u32) -> bool {
    sheet.merges.iter().any(|m| {
        (m.top..=m.bottom).contains(&row)
            && (m.left..=m.right).contains(&col)
            && (m.top, m.left) != (row, col)
    })
}

/// The sheet XML with `blanks` written: a cell that exists is replaced (its style kept), one
/// that does not is added in its place in the row, text inline. Blanks it could not place are
/// taken out of `blanks`, so the clerk is told only what was written. An error is the XML's,
/// for the caller to word.
pub(crate) fn write(xml: &[u8], blanks: &mut Vec<Blank>) -> Result<Vec<u8>, String> {
    if blanks.is_empty() {
        return Ok(xml.to_vec());
    }
    // 1-based rows → 1-based columns → text.
    let texts: Vec<(u32, u32, String)> = blanks
        .iter()
        .map(|b| (b.row + 1, b.col + 1, b.text.clone()))
        .collect();
    let mut pending: BTreeMap<u32, BTreeMap<u32, &str>> = BTreeMap::new();
    for (row, col, text) in &texts {
        pending.entry(*row).or_default().insert(*col, text.as_str());
    }
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 256));
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    // Inside a cell being replaced: its events are dropped up to its end.
    let mut skipping = false;
    let io = |e: std::io::Error| e.to_string();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        match &event {
            Event::Eof => break,
            _ if skipping => {
                if matches!(&event, Event::End(e) if e.name().as_ref() == "c") {
                    skipping = false;
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "row" => {
                row = e
                    .try_get_attribute("r")
                    .ok()
                    .flatten()
                    .and_then(|a| a.value.parse().ok())
                    .unwrap_or(row + 1);
                col = 0;
                match (&event, pending.remove(&row)) {
                    (Event::Empty(e), Some(cells)) => {
                        w.write_event(Event::Start(e.clone())).map_err(io)?;
                        for (c, text) in cells {
                            cell(&mut w, row, c, None, text)?;
                        }
                        w.write_event(Event::End(BytesEnd::new("row")))
                            .map_err(io)?;
                    }
                    (_, cells) => {
                        if let Some(cells) = cells {
                            pending.insert(row, cells);
                        }
                        w.write_event(event.borrow()).map_err(io)?;
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "c" => {
                col = e
                    .try_get_attribute("r")
                    .ok()
                    .flatten()
                    .map(|a| crate::workbook::column_of(&a.value))
                    .unwrap_or(col + 1);
                let mut replaced = None;
                if let Some(cells) = pending.get_mut(&row) {
                    // Cells the row lacks before this one go in first, in column order.
                    while let Some((&c, _)) = cells.first_key_value().filter(|(&c, _)| c < col) {
                        let text = cells.remove(&c).unwrap_or_default();
                        cell(&mut w, row, c, None, text)?;
                    }
                    replaced = cells.remove(&col);
                }
                match replaced {
                    Some(text) => {
                        let style = e
                            .try_get_attribute("s")
                            .ok()
                            .flatten()
                            .map(|a| a.value.into_owned());
                        cell(&mut w, row, col, style.as_deref(), text)?;
                        skipping = matches!(event, Event::Start(_));
                    }
                    None => w.write_event(event.borrow()).map_err(io)?,
                }
            }
            Event::End(e) if e.name().as_ref() == "row" => {
                for (c, text) in pending.remove(&row).unwrap_or_default() {
                    cell(&mut w, row, c, None, text)?;
                }
                w.write_event(event.borrow()).map_err(io)?;
            }
            _ => w.write_event(event.borrow()).map_err(io)?,
        }
        buf.clear();
    }
    // A row the XML does not have (never the case for a label's own): not written, not said.
    blanks.retain(|b| {
        pending
            .get(&(b.row + 1))
            .is_none_or(|cells| !cells.contains_key(&(b.col + 1)))
    });
    Ok(w.into_inner())
}

/// `<c r="B2" s="3" t="inlineStr"><is><t>text</t></is></c>`, 1-based row and column.
fn cell<W: std::io::Write>(
    w: &mut Writer<W>,
    row: u32,
    col: u32,
    style: Option<&str>,
    text: &str,
) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    let r = format!("{}{row}", column_letter(col.saturating_sub(1)));
    let mut c = BytesStart::new("c");
    c.push_attribute(("r", r.as_str()));
    if let Some(s) = style {
        c.push_attribute(("s", s));
    }
    c.push_attribute(("t", "inlineStr"));
    w.write_event(Event::Start(c)).map_err(io)?;
    w.write_event(Event::Start(BytesStart::new("is")))
        .map_err(io)?;
    w.write_event(Event::Start(
        BytesStart::new("t").with_attributes([("xml:space", "preserve")]),
    ))
    .map_err(io)?;
    w.write_event(Event::Text(BytesText::new(text)))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("t"))).map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("is"))).map_err(io)?;
    w.write_event(Event::End(BytesEnd::new("c"))).map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            unit: "交口街道".into(),
            date: "2026年12月5日".into(),
            month: None,
        }
    }

    #[test]
    fn blanks_in_one_line_are_filled_and_written_ones_kept() {
        let fill = |t: &str| filled_text(t, &values()).map(|(t, _)| t);
        assert_eq!(
            fill("填报单位（盖章）：________        填报日期：    年   月   日").as_deref(),
            Some("填报单位（盖章）：交口街道\u{3000}\u{3000}填报日期：2026年12月5日")
        );
        assert_eq!(
            fill("单位负责人：      填表人：      报出日期：20  年  月  日").as_deref(),
            Some("单位负责人：      填表人：      报出日期：2026年12月5日")
        );
        assert_eq!(
            fill("填报单位：城关镇　　填报日期："),
            Some("填报单位：城关镇　　填报日期：2026年12月5日".into())
        );
        assert_eq!(fill("填报单位：城关镇"), None, "already written in");
        assert_eq!(
            fill("统计月份：    年   月"),
            None,
            "a register has no month"
        );
        assert_eq!(fill("填表人：      联系电话："), None, "a person's lines");
        assert_eq!(fill("2026年党员信息采集表"), None);
    }

    #[test]
    fn a_label_alone_fills_the_blank_cell_to_its_right() -> Result<(), String> {
        let text = |t: &str| Cell::Text(t.into());
        // Row 1 a title, row 2 "填报单位：" in A (merged A:B) with C blank, then "填报日期："
        // in D with nothing to its right; the table is not looked at.
        let sheet = Sheet::new(
            "S".into(),
            false,
            vec![
                vec![text("2026年党员信息采集表")],
                vec![
                    text("填报单位："),
                    Cell::Empty,
                    Cell::Empty,
                    text("填报日期：   年  月  日"),
                ],
            ],
            vec![crate::Merge {
                top: 1,
                left: 0,
                bottom: 1,
                right: 1,
            }],
        );
        let mut blanks = find(&sheet, 4, &values());
        let at: Vec<(u32, u32, &str)> = blanks
            .iter()
            .map(|b| (b.row, b.col, b.text.as_str()))
            .collect();
        assert_eq!(at, [(1, 2, "交口街道"), (1, 3, "填报日期：2026年12月5日")]);
        // C2 is not in the XML (inserted before D2); D2 is a shared string (replaced, its style
        // kept); row 1 is copied as it was.
        let xml = br#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="4" t="s"><v>1</v></c><c r="D2" s="5" t="s"><v>2</v></c></row></sheetData>"#;
        let out = String::from_utf8(write(xml, &mut blanks)?).map_err(|e| e.to_string())?;
        assert_eq!(
            out,
            r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="4" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve">交口街道</t></is></c><c r="D2" s="5" t="inlineStr"><is><t xml:space="preserve">填报日期：2026年12月5日</t></is></c></row></sheetData>"#
        );
        Ok(())
    }

    #[test]
    fn a_lone_label_at_the_end_of_its_line_writes_beside_it_within_the_table() {
        // .NET's OpenXML SDK and WPS write no cells past the last one with text: the table's
        // width says where the form ends.
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet::new(
            "S".into(),
            false,
            vec![
                vec![],
                vec![
                    t("填报单位："),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    t("填报日期："),
                ],
            ],
            vec![],
        );
        let v = Values {
            unit: "X".into(),
            date: "D".into(),
            month: None,
        };
        let b = find(&sheet, 6, &v);
        let at: Vec<(u32, u32, &str)> = b.iter().map(|b| (b.row, b.col, b.text.as_str())).collect();
        assert_eq!(at, [(1, 1, "X"), (1, 5, "D")]);
        let narrow: Vec<u32> = find(&sheet, 5, &v).iter().map(|b| b.col).collect();
        assert_eq!(
            narrow,
            [1, 4],
            "no room past the table: after the label in its cell"
        );
    }
}

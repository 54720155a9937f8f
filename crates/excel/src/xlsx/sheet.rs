//! One worksheet's cells and merged regions. The sheet's XML is inflated whole, then scanned in
//! two halves, one per core, split where a row starts. Cells go straight into rows, so a stray
//! cell far away costs one row, not rows × columns; a position beyond Excel's limits is refused.

use std::io::{Read, Seek};

use calamine::{ExcelDateTime, ExcelDateTimeType};
use memchr::memmem;
use taizhang_core::import::Cell;
use zip::ZipArchive;

use super::{
    package::{self, unclosed, RichText, Shown},
    xml::{attr, push_utf8, unescape_excel, unescape_into, Token, Tokens},
};
use crate::{budget::Budget, Merge, ReadError};

/// Excel's limits: 1,048,576 rows × 16,384 columns (0-based here).
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u32 = 16_383;

/// Below this much XML one core scans it all: a second would not pay for itself.
const SPLIT_FROM: usize = 1 << 20;

/// What the workbook tells every sheet.
pub struct Context<'a> {
    pub strings: &'a [String],
    pub styles: &'a [Shown],
    pub date1904: bool,
    pub budget: &'a Budget,
}

type Cells = (Vec<Vec<Cell>>, Vec<Merge>);

/// Reads the sheet at zip path `path`.
pub fn read<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
    cx: &Context,
) -> Result<Cells, ReadError> {
    let xml = package::read(zip, path)
        .map_err(ReadError::Corrupt)?
        .ok_or_else(|| ReadError::Corrupt(format!("缺少 {path}")))?;
    let Some(mid) = split(&xml) else {
        return scan(&xml, cx);
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| scan(&xml[mid..], cx));
        let first = scan(&xml[..mid], cx);
        (first, second.join())
    });
    let (mut rows, mut merges) = first?;
    let (later, later_merges) =
        second.map_err(|_| ReadError::Corrupt("文件结构无法解析".into()))??;
    for (r, row) in later
        .into_iter()
        .enumerate()
        .filter(|(_, row)| !row.is_empty())
    {
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        if rows[r].is_empty() {
            rows[r] = row;
            continue;
        }
        // A row written in both halves (rows out of order): cell by cell.
        for (c, cell) in row.into_iter().enumerate().filter(|(_, c)| !c.is_blank()) {
            if rows[r].len() <= c {
                rows[r].resize(c + 1, Cell::Empty);
            }
            rows[r][c] = cell;
        }
    }
    merges.extend(later_merges);
    Ok((rows, merges))
}

/// Where the second half starts: the first `<row` after the middle that says which row it is
/// (a row without a number follows the row before it, which only the first half knows).
fn split(xml: &[u8]) -> Option<usize> {
    if xml.len() < SPLIT_FROM {
        return None;
    }
    let mut from = xml.len() / 2;
    loop {
        let at = from + memmem::find(&xml[from..], b"<row")?;
        if let Ok(Some(Token::Start {
            name: b"row",
            attrs,
            ..
        })) = Tokens::new(&xml[at..]).next()
        {
            return attr(attrs, b"r").map(|_| at);
        }
        from = at + 4;
    }
}

fn scan(xml: &[u8], cx: &Context) -> Result<Cells, ReadError> {
    let mut scan = Scan::new(cx);
    let mut tokens = Tokens::new(xml);
    while let Some(t) = tokens.next().map_err(|u| ReadError::Corrupt(unclosed(u)))? {
        scan.take(t)?;
    }
    Ok((scan.rows, scan.merges))
}

/// What a cell's `t` attribute says its value is.
#[derive(Clone, Copy)]
enum Kind {
    Number,
    Shared,
    Inline,
    /// A formula's text result.
    Str,
    Bool,
    Error,
    /// An ISO 8601 date (`t="d"`).
    Iso,
}

fn kind(t: Option<&[u8]>) -> Kind {
    match t {
        Some(b"s") => Kind::Shared,
        Some(b"inlineStr") => Kind::Inline,
        Some(b"str") => Kind::Str,
        Some(b"b") => Kind::Bool,
        Some(b"e") => Kind::Error,
        Some(b"d") => Kind::Iso,
        _ => Kind::Number,
    }
}

/// The `<c>` being read.
struct Open {
    row: u32,
    col: u32,
    kind: Kind,
    style: usize,
    /// A `<v>` was seen; its text is in [`Scan::value`].
    has_value: bool,
    inline: Option<RichText>,
    in_value: bool,
}

struct Scan<'a> {
    cx: &'a Context<'a>,
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
    /// Where a row or cell without a reference goes.
    row: u32,
    col: u32,
    cell: Option<Open>,
    /// The open cell's `<v>` text, in a buffer kept from cell to cell.
    value: String,
    /// The widest row so far: a new row's room.
    width: usize,
}

fn beyond() -> ReadError {
    ReadError::Corrupt("单元格位置超出工作表范围".into())
}

impl<'a> Scan<'a> {
    fn new(cx: &'a Context<'a>) -> Self {
        Self {
            cx,
            rows: Vec::new(),
            merges: Vec::new(),
            row: 0,
            col: 0,
            cell: None,
            value: String::new(),
            width: 0,
        }
    }

    fn take(&mut self, token: Token) -> Result<(), ReadError> {
        if let Token::End { name: b"c" } = token {
            return match self.cell.take() {
                Some(cell) => self.put(cell),
                None => Ok(()),
            };
        }
        if let Some(cell) = &mut self.cell {
            match token {
                Token::Start {
                    name: b"v",
                    empty: false,
                    ..
                } => {
                    cell.in_value = true;
                    cell.has_value = true;
                    self.value.clear();
                }
                Token::End { name: b"v" } => cell.in_value = false,
                Token::Text(t) if cell.in_value => unescape_into(t, &mut self.value),
                Token::CData(t) if cell.in_value => {
                    push_utf8(t, &mut self.value);
                }
                Token::Start {
                    name: b"is",
                    empty: false,
                    ..
                } => {
                    cell.inline = Some(RichText::default());
                }
                t => {
                    if let Some(rich) = &mut cell.inline {
                        rich.take(&t);
                    }
                }
            }
            return Ok(());
        }
        match token {
            Token::Start {
                name: b"row",
                attrs,
                empty,
            } => {
                if let Some(r) = attr(attrs, b"r") {
                    self.row = number(r)
                        .filter(|&r| (1..=MAX_ROW + 1).contains(&r))
                        .ok_or_else(beyond)?
                        - 1;
                }
                self.col = 0;
                if empty {
                    self.row += 1;
                }
            }
            Token::End { name: b"row" } => {
                self.row += 1;
                self.col = 0;
            }
            Token::Start {
                name: b"c",
                attrs,
                empty,
            } => {
                let (row, col) = match attr(attrs, b"r") {
                    Some(r) => reference(r).ok_or_else(beyond)?,
                    None => (self.row, self.col),
                };
                if row > MAX_ROW || col > MAX_COL {
                    return Err(beyond());
                }
                self.col = col + 1;
                if !empty {
                    self.cell = Some(Open {
                        row,
                        col,
                        kind: kind(attr(attrs, b"t")),
                        style: attr(attrs, b"s").and_then(number).unwrap_or(0) as usize,
                        has_value: false,
                        inline: None,
                        in_value: false,
                    });
                }
            }
            Token::Start {
                name: b"mergeCell",
                attrs,
                ..
            } => {
                if let Some(m) = attr(attrs, b"ref").and_then(region) {
                    self.merges.push(m);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Puts a finished cell into its row; blank cells are left out. What it stores is counted
    /// against the workbook's budget first.
    fn put(&mut self, open: Open) -> Result<(), ReadError> {
        let v = self.value.as_str();
        let value = match (open.kind, open.inline, open.has_value) {
            (_, Some(rich), _) => Cell::text_of(rich.text),
            (_, None, false) | (Kind::Inline, None, true) => return Ok(()),
            (Kind::Shared, None, true) if v.is_empty() => return Ok(()),
            (Kind::Shared, None, true) => {
                let text = v
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.cx.strings.get(i))
                    .ok_or_else(|| ReadError::Corrupt(format!("共享字符串 {v} 不存在")))?;
                // Counted before it is copied: one long string in a million cells is the
                // classic small file that fills memory.
                self.cx.budget.text(text.len() as u64)?;
                Cell::text_of(text.clone())
            }
            (Kind::Str, None, true) => Cell::text_of(unescape_excel(v).into_owned()),
            (Kind::Bool, None, true) => Cell::Bool(matches!(v.trim(), "1" | "true")),
            (Kind::Error, None, true) => Cell::Error(v.to_owned()),
            (Kind::Iso, None, true) => crate::workbook::iso_date(v.to_owned()),
            (Kind::Number, None, true) => match v.trim().parse::<f64>() {
                Ok(n) => match self.cx.styles.get(open.style) {
                    Some(Shown::Date) => {
                        ExcelDateTime::new(n, ExcelDateTimeType::DateTime, self.cx.date1904)
                            .as_datetime()
                            .map_or(Cell::Number(n), Cell::DateTime)
                    }
                    _ => Cell::Number(n),
                },
                Err(_) => Cell::Text(v.into()),
            },
        };
        if value.is_blank() {
            return Ok(());
        }
        if let Cell::Text(text) = &value {
            if !matches!(open.kind, Kind::Shared) {
                self.cx.budget.text(text.len() as u64)?;
            }
        }
        let (r, c) = (open.row as usize, open.col as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut self.rows[r];
        if row.len() <= c {
            let room = row.capacity();
            if room == 0 {
                row.reserve_exact(self.width.max(c + 1));
            }
            row.resize(c + 1, Cell::Empty);
            self.width = self.width.max(c + 1);
            // A cell in column XFD costs its row 16,384 positions (one row is at most that, so
            // counting after taking them is safe).
            self.cx.budget.cells((row.capacity() - room) as u64)?;
        }
        row[c] = value;
        Ok(())
    }
}

/// Decimal digits, at most ten.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 10 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(u32::from(b - b'0')))
            .flatten()
    })
}

/// "F3" → (2, 5), 0-based; `$` signs allowed.
fn reference(r: &[u8]) -> Option<(u32, u32)> {
    let (mut col, mut letters, mut row, mut digits) = (0u32, 0, 0u32, 0);
    for &b in r {
        match b {
            b'$' => {}
            b'A'..=b'Z' | b'a'..=b'z' if digits == 0 && letters < 3 => {
                col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
                letters += 1;
            }
            b'0'..=b'9' => {
                row = row.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
                digits += 1;
            }
            _ => return None,
        }
    }
    (letters > 0 && digits > 0 && row >= 1).then(|| (row - 1, col - 1))
}

/// "A1:C2" → a merged region; one cell or a reversed or out-of-range region → none.
fn region(r: &[u8]) -> Option<Merge> {
    let colon = r.iter().position(|&b| b == b':')?;
    let (top, left) = reference(&r[..colon])?;
    let (bottom, right) = reference(&r[colon + 1..])?;
    (top <= bottom && left <= right && bottom <= MAX_ROW && right <= MAX_COL).then_some(Merge {
        top,
        left,
        bottom,
        right,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_regions() {
        assert_eq!(reference(b"A1"), Some((0, 0)));
        assert_eq!(reference(b"$AB$12"), Some((11, 27)));
        assert_eq!(reference(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(reference(b"A0"), None);
        assert_eq!(reference(b"ABCD1"), None);
        assert_eq!(reference(b"A99999999999"), None);
        assert_eq!(
            region(b"B2:C3"),
            Some(Merge {
                top: 1,
                left: 1,
                bottom: 2,
                right: 2
            })
        );
        assert_eq!(region(b"C3:B2"), None);
        assert_eq!(region(b"A1"), None);
    }

    fn scan_text(xml: &str) -> Result<Vec<Vec<Cell>>, ReadError> {
        let strings = ["共享".to_owned()];
        let styles = [Shown::Number, Shown::Date];
        let budget = Budget::default();
        let cx = Context {
            strings: &strings,
            styles: &styles,
            date1904: false,
            budget: &budget,
        };
        Ok(scan(xml.as_bytes(), &cx)?.0)
    }

    #[test]
    fn cells_of_every_kind() {
        let rows = scan_text(concat!(
            r#"<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><r><t>富</t></r>"#,
            r#"<r><t xml:space="preserve"> 文本 </t></r><rPh><t>ふ</t></rPh></is></c><c s="1"><v>45292</v></c>"#,
            r#"<c><f>1+1</f><v>2</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><v>a&amp;b_x000D_</v></c>"#,
            r#"</row><row><c t="s"><v></v></c><c r="C3"/><c r="D3" t="d"><v>2021-08-01</v></c></row></sheetData>"#,
        ))
        .unwrap();
        let date = |y, m, d| {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_time(chrono::NaiveTime::MIN)
        };
        assert_eq!(rows[0], Vec::<Cell>::new());
        assert_eq!(
            rows[1],
            vec![
                Cell::Empty,
                Cell::Text("共享".into()),
                Cell::Text("富 文本 ".into()),
                Cell::DateTime(date(2024, 1, 1)),
                Cell::Number(2.0),
                Cell::Bool(true),
                Cell::Error("#N/A".into()),
                Cell::Text("a&b\r".into()),
            ]
        );
        assert_eq!(
            rows[2],
            vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::DateTime(date(2021, 8, 1))
            ]
        );
    }

    #[test]
    fn a_large_sheet_splits_where_a_numbered_row_starts() {
        let rows = |numbered: bool| {
            let mut xml = String::from("<sheetData>");
            for r in 1..=30_000 {
                let number = if numbered {
                    format!(r#" r="{r}""#)
                } else {
                    String::new()
                };
                xml.push_str(&format!(
                    r#"<row{number}><c t="inlineStr"><is><t>行{r}</t></is></c></row>"#
                ));
            }
            xml + "</sheetData><rowBreaks/>"
        };
        let xml = rows(true);
        let at = split(xml.as_bytes()).unwrap();
        assert!(xml[at..].starts_with("<row r=\""), "{}", &xml[at..at + 20]);
        assert!(at >= xml.len() / 2);
        assert_eq!(
            split(rows(false).as_bytes()),
            None,
            "rows without numbers: one core"
        );
        assert_eq!(split(b"<row r=\"1\"/>"), None, "too small to split");
    }

    #[test]
    fn broken_sheets_are_refused() {
        assert!(scan_text(r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#).is_err());
        assert!(scan_text(r#"<row r="1048577"><c><v>1</v></c></row>"#).is_err());
        assert!(scan_text(r#"<row r="1"><c t="s"><v>7</v></c></row>"#).is_err());
        assert!(scan_text(r#"<row r="1"><c r="A1"><v>1</v></c></row><c r="A2"#).is_err());
    }

    /// The scanner meets damaged XML only through a zip whose checksums were fixed up, which the
    /// fuzz harness over whole files rarely makes; so its input is mutated here directly. Any
    /// input is read or refused, never a panic. `TAIZHANG_FUZZ_ITERATIONS` runs longer.
    #[test]
    fn mutated_sheet_xml_never_panics() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/roster_merged.xlsx");
        let mut zip = ZipArchive::new(std::fs::File::open(fixture).unwrap()).unwrap();
        let mut seed = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut seed)
            .unwrap();
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let specials = b"<>/=\"'&;:x_ \n0123456789ABCDEFrcvtsis";
        let rounds = std::env::var("TAIZHANG_FUZZ_ITERATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(2000);
        for _ in 0..rounds {
            let mut b = seed.clone().into_bytes();
            for _ in 0..1 + next(6) {
                let at = next(b.len());
                match next(4) {
                    0 => b[at] = specials[next(specials.len())],
                    1 => b.truncate(at),
                    2 => {
                        let len = next(40).min(b.len() - at);
                        b.drain(at..at + len);
                    }
                    _ => {
                        let from = next(b.len());
                        let piece: Vec<u8> = b[from..(from + next(60)).min(b.len())].to_vec();
                        b.splice(at..at, piece);
                    }
                }
                if b.is_empty() {
                    break;
                }
            }
            let _ = scan_text(&String::from_utf8_lossy(&b));
        }
    }
}

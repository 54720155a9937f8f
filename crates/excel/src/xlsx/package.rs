//! The parts of an .xlsx package around its sheets: where each sheet's XML lies, its name and
//! whether it is hidden; the shared strings; which cell styles are dates.

use std::{
    borrow::Cow,
    io::{Read, Seek},
};

use zip::ZipArchive;

use super::xml::{attr, push_utf8, unescape_excel, unescape_into, Token, Tokens, Unclosed};

/// A sheet as the workbook lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPart {
    pub name: String,
    pub hidden: bool,
    /// The zip path of its XML.
    pub path: String,
}

/// The zip entry called `path`. Some writers use other letter cases or backslashes, so those
/// are tried when the exact name is missing.
pub fn find<R: Read + Seek>(zip: &ZipArchive<R>, path: &str) -> Option<String> {
    if zip.index_for_name(path).is_some() {
        return Some(path.to_owned());
    }
    zip.file_names()
        .filter_map(Result::ok)
        .find(|n| n.replace('\\', "/").eq_ignore_ascii_case(path))
        .map(std::borrow::Cow::into_owned)
}

/// The most a part may hold once inflated: 1 GB is well over a million roster rows, and a
/// small file that claims more is a zip bomb.
const MOST: u64 = 1 << 30;

/// The bytes of the part at `path`; `None` when the package has no such part.
pub fn read<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
) -> Result<Option<Vec<u8>>, String> {
    let Some(name) = find(zip, path) else {
        return Ok(None);
    };
    let part = zip.by_name(&name).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(part.size().min(MOST) as usize);
    part.take(MOST + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MOST {
        return Err(format!("{path} 超过 1 GB，请把表格分成几个文件"));
    }
    Ok(Some(bytes))
}

fn required<R: Read + Seek>(zip: &mut ZipArchive<R>, path: &str) -> Result<Vec<u8>, String> {
    read(zip, path)?.ok_or_else(|| format!("缺少 {path}"))
}

fn text(bytes: &[u8]) -> String {
    let mut out = String::new();
    unescape_into(bytes, &mut out);
    out
}

/// Every `<tag …>` element's attributes, in order.
fn elements<'a>(xml: &'a [u8], tag: &[u8]) -> Result<Vec<&'a [u8]>, String> {
    let mut tokens = Tokens::new(xml);
    let mut out = Vec::new();
    while let Some(t) = tokens.next().map_err(unclosed)? {
        if let Token::Start { name, attrs, .. } = t {
            if name == tag {
                out.push(attrs);
            }
        }
    }
    Ok(out)
}

pub fn unclosed(_: Unclosed) -> String {
    "XML 不完整".into()
}

/// `target` as a zip path, relative to the part at `base`.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => base.split('/').collect(),
    };
    parts.pop(); // the base part's own file name
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The relationships of the part at `path`: id → (type, zip path of the target).
fn relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: &str,
) -> Result<Vec<(String, String, String)>, String> {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(rels) = read(zip, &rels_path)? else {
        return Ok(Vec::new());
    };
    Ok(elements(&rels, b"Relationship")?
        .into_iter()
        .filter_map(|a| {
            let id = text(attr(a, b"Id")?);
            let kind = text(attr(a, b"Type").unwrap_or_default());
            let target = text(attr(a, b"Target")?);
            Some((id, kind, resolve(path, &target)))
        })
        .collect())
}

/// The workbook part's path: what the package's relationships name, usually xl/workbook.xml.
/// An .xlsb names a binary part, which this reader leaves to calamine.
pub fn workbook_path<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<String, String> {
    Ok(relationships(zip, "")?
        .into_iter()
        .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
        .map_or_else(|| "xl/workbook.xml".to_owned(), |(.., path)| path))
}

/// The workbook's parts that this reader needs.
pub struct Parts {
    pub sheets: Vec<SheetPart>,
    /// The zip path of the shared strings, if any.
    pub strings: Option<String>,
    pub styles: Option<String>,
    /// Dates count from 1904 (old Mac workbooks).
    pub date1904: bool,
}

/// The worksheets, in workbook order, and where the other parts lie. Chart sheets and macro
/// sheets hold no table and are left out.
pub fn parts<R: Read + Seek>(zip: &mut ZipArchive<R>, workbook: &str) -> Result<Parts, String> {
    let xml = required(zip, workbook)?;
    let rels = relationships(zip, workbook)?;
    let target = |kind: &str| {
        rels.iter()
            .find(|(_, k, _)| k.ends_with(kind))
            .map(|(.., p)| p.clone())
    };
    let sheets = elements(&xml, b"sheet")?
        .into_iter()
        .filter_map(|a| {
            let id = text(attr(a, b"id")?);
            let (_, kind, path) = rels.iter().find(|(i, ..)| *i == id)?;
            kind.ends_with("/worksheet").then(|| SheetPart {
                name: text(attr(a, b"name").unwrap_or_default()),
                hidden: attr(a, b"state").is_some_and(|s| s != b"visible"),
                path: path.clone(),
            })
        })
        .collect();
    let date1904 = elements(&xml, b"workbookPr")?
        .first()
        .and_then(|a| attr(a, b"date1904"))
        .is_some_and(|v| v == b"1" || v == b"true");
    Ok(Parts {
        sheets,
        strings: target("/sharedStrings"),
        styles: target("/styles"),
        date1904,
    })
}

/// A run of text inside `<si>` or `<is>`: `<t>` pieces gathered, phonetic runs (`<rPh>`) left
/// out, each `<t>` trimmed of ASCII spaces unless it asks to keep them.
#[derive(Default)]
pub struct RichText {
    pub text: String,
    /// The `<t>` being read, and whether it keeps its spaces.
    piece: Option<(String, bool)>,
    phonetic: bool,
}

impl RichText {
    /// Takes one token from inside the string; true when it was part of the string's text.
    pub fn take(&mut self, token: &Token) -> bool {
        match *token {
            Token::Start {
                name: b"rPh",
                empty: false,
                ..
            } => self.phonetic = true,
            Token::End { name: b"rPh" } => self.phonetic = false,
            Token::Start {
                name: b"t",
                attrs,
                empty,
            } if !self.phonetic => {
                let keep = attr(attrs, b"space").is_some_and(|v| v == b"preserve");
                if !empty {
                    self.piece = Some((String::new(), keep));
                }
            }
            Token::Text(t) => match &mut self.piece {
                Some((piece, _)) => unescape_into(t, piece),
                None => return false,
            },
            Token::CData(t) => match &mut self.piece {
                Some((piece, _)) => push_utf8(t, piece),
                None => return false,
            },
            Token::End { name: b"t" } => {
                if let Some((mut piece, keep)) = self.piece.take() {
                    if !keep {
                        let space = [' ', '\t', '\r', '\n'];
                        piece.truncate(piece.trim_end_matches(space).len());
                        piece.drain(..piece.len() - piece.trim_start_matches(space).len());
                    }
                    let unescaped = match unescape_excel(&piece) {
                        Cow::Owned(text) => Some(text),
                        Cow::Borrowed(_) => None,
                    };
                    if let Some(text) = unescaped {
                        piece = text;
                    }
                    // One piece is the usual string: moved, not copied.
                    if self.text.is_empty() {
                        self.text = piece;
                    } else {
                        self.text.push_str(&piece);
                    }
                }
            }
            _ => return false,
        }
        true
    }
}

/// The shared strings, in order.
pub fn shared_strings<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: Option<&str>,
) -> Result<Vec<String>, String> {
    let Some(xml) = path.map(|p| read(zip, p)).transpose()?.flatten() else {
        return Ok(Vec::new());
    };
    let mut tokens = Tokens::new(&xml);
    let mut strings = Vec::new();
    let mut current: Option<RichText> = None;
    while let Some(t) = tokens.next().map_err(unclosed)? {
        match t {
            Token::Start {
                name: b"si", empty, ..
            } => {
                if empty {
                    strings.push(String::new());
                } else {
                    current = Some(RichText::default());
                }
            }
            Token::End { name: b"si" } => {
                strings.push(current.take().map(|r| r.text).unwrap_or_default());
            }
            t => {
                if let Some(r) = &mut current {
                    r.take(&t);
                }
            }
        }
    }
    Ok(strings)
}

/// What a cell style shows a number as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Number,
    Date,
    /// Elapsed time, `[h]:mm`: kept as a number.
    Duration,
}

/// What each cell style (`s="…"` on a cell) shows numbers as.
pub fn cell_styles<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    path: Option<&str>,
) -> Result<Vec<Shown>, String> {
    let Some(xml) = path.map(|p| read(zip, p)).transpose()?.flatten() else {
        return Ok(Vec::new());
    };
    let mut custom = Vec::new();
    let mut styles = Vec::new();
    let mut in_cell_xfs = false;
    let mut tokens = Tokens::new(&xml);
    while let Some(t) = tokens.next().map_err(unclosed)? {
        match t {
            Token::Start {
                name: b"numFmt",
                attrs,
                ..
            } => {
                if let (Some(id), Some(code)) =
                    (attr(attrs, b"numFmtId"), attr(attrs, b"formatCode"))
                {
                    custom.push((text(id), shown_by_code(&text(code))));
                }
            }
            Token::Start {
                name: b"cellXfs",
                empty: false,
                ..
            } => in_cell_xfs = true,
            Token::End { name: b"cellXfs" } => in_cell_xfs = false,
            Token::Start {
                name: b"xf", attrs, ..
            } if in_cell_xfs => {
                let id = text(attr(attrs, b"numFmtId").unwrap_or(b"0"));
                styles.push(
                    custom
                        .iter()
                        .find(|(i, _)| *i == id)
                        .map_or_else(|| shown_by_id(&id), |&(_, s)| s),
                );
            }
            _ => {}
        }
    }
    Ok(styles)
}

/// Excel's built-in formats (ECMA-376 18.8.30), with the East Asian ones Chinese Excel and WPS
/// use for dates (27–36, 50–58).
fn shown_by_id(id: &str) -> Shown {
    match id.parse::<u32>() {
        Ok(14..=22 | 27..=36 | 45 | 47 | 50..=58) => Shown::Date,
        Ok(46) => Shown::Duration,
        _ => Shown::Number,
    }
}

/// A custom format code: a date when its first section uses y, m, d, h or s outside quotes,
/// escapes and brackets; a duration when it starts with `[h]`, `[mm]` or `[ss]`.
fn shown_by_code(code: &str) -> Shown {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                chars.by_ref().find(|&c| c == '"');
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&c| c != ']').collect();
                let lower = inside.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return Shown::Duration;
                }
            }
            'y' | 'm' | 'd' | 'h' | 's' | 'Y' | 'M' | 'D' | 'H' | 'S' => return Shown::Date,
            _ => {}
        }
    }
    Shown::Number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_that_show_dates() {
        for code in [
            "yyyy/m/d",
            r#"yyyy"年"m"月"d"日""#,
            "[$-804]e年m月",
            "[DBNum1]m月d日",
            "h:mm",
        ] {
            assert_eq!(shown_by_code(code), Shown::Date, "{code}");
        }
        for code in [
            "0.00",
            "#,##0",
            "@",
            "General",
            r#"0"天""#,
            "[Red]0.0",
            r#"\d0"#,
        ] {
            assert_eq!(shown_by_code(code), Shown::Number, "{code}");
        }
        assert_eq!(shown_by_code("[h]:mm:ss"), Shown::Duration);
        assert_eq!(shown_by_id("14"), Shown::Date);
        assert_eq!(shown_by_id("31"), Shown::Date);
        assert_eq!(shown_by_id("49"), Shown::Number);
    }

    #[test]
    fn targets_resolve_against_their_part() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("xl/workbook.xml", "../xl/./a.xml"), "xl/a.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }
}

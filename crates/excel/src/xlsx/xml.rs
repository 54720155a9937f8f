//! The XML inside an .xlsx package, read as a stream of tags and text.
//!
//! A sheet's XML is most of an .xlsx (80 MB for 100,000 rows), and a general XML reader spends
//! most of a read on it. The parts Excel, WPS and their kin write are plain: elements,
//! attributes, text, the five entities and character references, now and then a comment or
//! CDATA. This reader looks for each `<` byte by byte and hands out slices of the input; it skips
//! declarations, comments and doctypes, and drops namespace prefixes from element names.

use memchr::{memchr, memmem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name …>` or `<name …/>`; the name without its namespace prefix.
    Start {
        name: &'a [u8],
        attrs: &'a [u8],
        empty: bool,
    },
    End {
        name: &'a [u8],
    },
    /// Character data as written (entities not yet replaced).
    Text(&'a [u8]),
    /// The inside of `<![CDATA[…]]>`, literal.
    CData(&'a [u8]),
}

/// A tag, comment or CDATA section that never ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed;

pub struct Tokens<'a> {
    xml: &'a [u8],
    at: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(xml: &'a [u8]) -> Self {
        Self { xml, at: 0 }
    }

    /// The next token; `None` at the end of the input.
    #[allow(clippy::should_implement_trait)] // fallible, and it borrows the input, not itself
    pub fn next(&mut self) -> Result<Option<Token<'a>>, Unclosed> {
        loop {
            let xml = self.xml;
            let start = self.at;
            if start >= xml.len() {
                return Ok(None);
            }
            if xml[start] != b'<' {
                let end = find_byte(&xml[start..], b'<').map_or(xml.len(), |i| start + i);
                self.at = end;
                return Ok(Some(Token::Text(&xml[start..end])));
            }
            let rest = &xml[start + 1..];
            if let Some(b'!' | b'?') = rest.first() {
                if rest.starts_with(b"![CDATA[") {
                    let end = self.find(start + 9, b"]]>")?;
                    self.at = end + 3;
                    return Ok(Some(Token::CData(&xml[start + 9..end])));
                }
                let close: &[u8] = if rest.starts_with(b"!--") {
                    b"-->"
                } else if rest.starts_with(b"?") {
                    b"?>"
                } else {
                    b">"
                };
                let end = self.find(start + 1, close)?;
                self.at = end + close.len();
                continue;
            }
            let end = self.tag_end(start + 1)?;
            self.at = end + 1;
            let inner = &xml[start + 1..end];
            if let Some(name) = inner.strip_prefix(b"/") {
                return Ok(Some(Token::End {
                    name: local(name.trim_ascii_end()),
                }));
            }
            let (inner, empty) = match inner.strip_suffix(b"/") {
                Some(inner) => (inner, true),
                None => (inner, false),
            };
            let name_end = inner
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(inner.len());
            return Ok(Some(Token::Start {
                name: local(&inner[..name_end]),
                attrs: &inner[name_end..],
                empty,
            }));
        }
    }

    /// Where `needle` next occurs from `from`.
    fn find(&self, from: usize, needle: &[u8]) -> Result<usize, Unclosed> {
        memmem::find(&self.xml[from.min(self.xml.len())..], needle)
            .map(|i| from + i)
            .ok_or(Unclosed)
    }

    /// The `>` that ends the tag whose name starts at `from`, skipping quoted attribute values.
    /// Tags are short: a plain loop beats a vectorised search that must be set up each time.
    fn tag_end(&self, from: usize) -> Result<usize, Unclosed> {
        let mut quote = None;
        for (i, &b) in self.xml[from..].iter().enumerate() {
            match (quote, b) {
                (None, b'>') => return Ok(from + i),
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if q == b => quote = None,
                _ => {}
            }
        }
        Err(Unclosed)
    }
}

/// Where `byte` first occurs: a plain look at the first bytes (most texts in a sheet are a few
/// bytes long), then a vectorised search.
fn find_byte(hay: &[u8], byte: u8) -> Option<usize> {
    const NEAR: usize = 48;
    match hay.iter().take(NEAR).position(|&b| b == byte) {
        Some(i) => Some(i),
        None if hay.len() <= NEAR => None,
        None => memchr(byte, &hay[NEAR..]).map(|i| NEAR + i),
    }
}

/// `x:row` → `row`.
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the attribute whose local name is `key` (`r:id` answers to `id`), as written.
pub fn attr<'a>(attrs: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut rest = attrs;
    loop {
        let eq = rest.iter().position(|&b| b == b'=')?;
        let name = local(rest[..eq].trim_ascii());
        let after = rest[eq + 1..].trim_ascii_start();
        let quote = *after.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = after[1..].iter().position(|&b| b == quote)?;
        // Compared byte by byte: names are a letter or two, too short for a call to memcmp.
        if name.len() == key.len() && name.iter().zip(key).all(|(a, b)| a == b) {
            return Some(&after[1..1 + len]);
        }
        rest = &after[len + 2..];
    }
}

/// The most bytes of one text kept: room for Excel's 32,767 characters of any script and a
/// little more, so a longer text is still seen to be too long (`Cell::TooLong`) without ever
/// holding a crafted file's gigabyte of it.
const MAX_TEXT_BYTES: usize = taizhang_core::import::MAX_CELL_CHARS * 4 + 8;

/// Text with its entities and character references replaced, appended to `out`, which stops
/// growing past [`MAX_TEXT_BYTES`]. An unknown entity is kept as written.
pub fn unescape_into(text: &[u8], out: &mut String) {
    let room = MAX_TEXT_BYTES.saturating_sub(out.len());
    let mut rest = &text[..text.len().min(room)];
    while let Some(amp) = find_byte(rest, b'&') {
        push_utf8(&rest[..amp], out);
        rest = &rest[amp..];
        let entity = memchr(b';', rest)
            .filter(|&semi| semi <= 12)
            .and_then(|semi| Some((entity(&rest[1..semi])?, semi)));
        match entity {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_utf8(rest, out);
}

/// Bytes as text; a byte that is not UTF-8 becomes U+FFFD.
pub fn push_utf8(bytes: &[u8], out: &mut String) {
    match std::str::from_utf8(bytes) {
        Ok(s) => out.push_str(s),
        Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

fn entity(name: &[u8]) -> Option<char> {
    Some(match name {
        b"lt" => '<',
        b"gt" => '>',
        b"amp" => '&',
        b"quot" => '"',
        b"apos" => '\'',
        _ => {
            let digits = std::str::from_utf8(name.strip_prefix(b"#")?).ok()?;
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => digits.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// Excel's own escape for characters XML cannot carry: `_x000D_` is a carriage return, and a
/// UTF-16 surrogate pair is two such escapes.
pub fn unescape_excel(text: &str) -> std::borrow::Cow<'_, str> {
    fn unit(s: &str) -> Option<u16> {
        let hex = s.strip_prefix("_x")?.get(..5)?.strip_suffix('_')?;
        u16::from_str_radix(hex, 16).ok()
    }
    if find_byte(text.as_bytes(), b'_').is_none() || !text.contains("_x") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match unit(rest) {
            Some(high @ 0xD800..=0xDBFF) => match rest.get(7..).and_then(unit) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                    rest = &rest[14..];
                }
                _ => {
                    out.push(char::REPLACEMENT_CHARACTER);
                    rest = &rest[7..];
                }
            },
            Some(u) => {
                out.push(char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER));
                rest = &rest[7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(xml: &[u8]) -> Vec<Token<'_>> {
        let mut t = Tokens::new(xml);
        std::iter::from_fn(|| t.next().ok().flatten()).collect()
    }

    #[test]
    fn tags_text_and_the_things_skipped() {
        let xml = br#"<?xml version="1.0"?><!-- a > b --><x:row r="2" a='>'><c/>t&amp;<![CDATA[<raw>]]></x:row >"#;
        assert_eq!(
            all(xml),
            vec![
                Token::Start {
                    name: b"row",
                    attrs: br#" r="2" a='>'"#,
                    empty: false
                },
                Token::Start {
                    name: b"c",
                    attrs: b"",
                    empty: true
                },
                Token::Text(b"t&amp;"),
                Token::CData(b"<raw>"),
                Token::End { name: b"row" },
            ]
        );
        assert_eq!(Tokens::new(b"<row r=\"1").next(), Err(Unclosed));
    }

    #[test]
    fn attributes_entities_and_excel_escapes() {
        let attrs = br#" name="A&amp;B" r:id='rId3' sheetId="1""#;
        assert_eq!(attr(attrs, b"id"), Some(&b"rId3"[..]));
        assert_eq!(attr(attrs, b"name"), Some(&b"A&amp;B"[..]));
        assert_eq!(attr(attrs, b"state"), None);
        let mut s = String::new();
        unescape_into(b"&lt;&#26446;&#x5F20;&gt; &nbsp; & x", &mut s);
        assert_eq!(s, "<李张> &nbsp; & x");
        assert_eq!(
            unescape_excel("a_x000D_b_xD842__xDFB7_c_x12"),
            "a\rb𠮷c_x12"
        );
    }
}

//! Filling a higher level's own .xlsx template with a register's rows.
//!
//! rust_xlsxwriter cannot edit a file, so the workbook is copied part by part and only the
//! chosen sheet's XML is rewritten: its header rows stay as they are, its old data rows give way
//! to ours (styled like the template's first data row), a footer (填表人 …) moves below the data,
//! and every other part — title rows, merges, widths, styles, other sheets — is copied byte for
//! byte. Values are written as inline text, so IDs never become numbers.

use std::{
    borrow::Cow,
    collections::HashMap,
    fs::File,
    io::{Read, Seek, Write},
    path::Path,
};

use quick_xml::{
    events::{BytesEnd, BytesStart, BytesText, Event},
    Reader, Writer,
};
use taizhang_core::import::{header_key, is_serial, FieldKind, FieldSpec};
use taizhang_disk as disk;
use zip::{result::ZipError, write::SimpleFileOptions, CompressionMethod, ZipArchive, ZipWriter};

use crate::{
    blanks, column_letter, table,
    workbook::{column_of, split_ref},
    xlsx::package,
    Format, Sheet, Workbook,
};

/// A column of the template's table.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateColumn {
    /// 0-based.
    pub index: u32,
    /// The column letter, e.g. "C".
    pub letter: String,
    /// Its header text as the template writes it.
    pub header: String,
    /// The register field it holds; None for a column we leave empty (or number, for 序号).
    pub field: Option<&'static str>,
    /// Whether its field is a count or a quantity, written as a number (a 合计 row sums it).
    pub number: bool,
}

/// Where a template's table is.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The sheet the table is on.
    pub sheet: String,
    /// Every column of the table, in order.
    pub columns: Vec<TemplateColumn>,
    /// 0-based last header row.
    header_end: u32,
    /// 0-based first footer row, if the template has one.
    footer: Option<u32>,
    /// Whether that footer row is a 合计 row (its blank cells take the totals given).
    totals_row: bool,
    /// The sheet's title lines and footer, its table's rows left empty: where the form's own
    /// blanks (填报单位：____) are looked for (`blanks`).
    lines: Sheet,
}

impl Layout {
    /// Headers no register field fills (序号 aside, which is numbered).
    pub fn unknown(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none() && !is_serial(&c.header))
            .map(|c| c.header.clone())
            .collect()
    }
}

/// Finds the table in the template: the visible sheet whose header maps the most fields.
pub fn layout(
    book: &Workbook,
    fields: &'static [FieldSpec],
    mapping: &table::Mapping,
) -> Result<Layout, String> {
    if book.format != Format::Xlsx {
        return Err(format!(
            "只能填写 .xlsx 格式的模板，这个文件是{}；请在 Excel 或 WPS 中另存为 .xlsx 后再试",
            book.format.label()
        ));
    }
    let (sheet, t) = book
        .sheets
        .iter()
        .filter(|s| !s.hidden)
        .filter_map(|s| table::locate(s, fields, mapping).map(|t| (s, t)))
        .max_by_key(|(_, t)| t.mapped().count())
        .ok_or_else(|| {
            let named: Vec<&str> = fields
                .iter()
                .filter(|f| f.in_form)
                .take(2)
                .map(|f| f.label)
                .collect();
            format!(
                "模板中没有找到表头（至少需要两列能对应到本台账的字段，如 {}）",
                named.join("、")
            )
        })?;
    let totals_row = t.footer.is_some_and(|f| {
        let first = sheet.rows[f as usize].iter().find(|c| !c.is_blank());
        first.is_some_and(|c| {
            let key = header_key(&c.text());
            key.starts_with("合计") || key.starts_with("总计")
        })
    });
    let first_header = t.header_rows.first().copied().unwrap_or_default();
    let outside = |r: u32| r < first_header || t.footer.is_some_and(|f| r >= f);
    let lines = Sheet::new(
        sheet.name.clone(),
        false,
        (0..sheet.height())
            .map(|r| match outside(r) {
                true => sheet.rows[r as usize].clone(),
                false => Vec::new(),
            })
            .collect(),
        sheet
            .merges
            .iter()
            .filter(|m| outside(m.top))
            .cloned()
            .collect(),
    );
    Ok(Layout {
        lines,
        sheet: sheet.name.clone(),
        header_end: t.header_rows.last().copied().unwrap_or_default(),
        footer: t.footer,
        totals_row,
        columns: t
            .columns
            .iter()
            .map(|c| TemplateColumn {
                index: c.index,
                letter: c.letter.clone(),
                header: c.header.clone(),
                field: c.field.map(|f| fields[f].key),
                number: c.field.is_some_and(|f| {
                    matches!(fields[f].kind, FieldKind::Count | FieldKind::Number)
                }),
            })
            .collect(),
    })
}

fn io(e: impl Into<ZipError>) -> String {
    match e.into() {
        ZipError::Io(e) => format!("无法写入 Excel 文件：{}", disk::write_reason(&e)),
        other => format!(
            "无法写入 Excel 文件（{other}）。请确认该文件没有在 Excel 或 WPS 中打开，且所在文件夹可以写入"
        ),
    }
}

fn damaged(e: impl std::fmt::Display) -> String {
    format!("模板文件结构无法解析（{e}）；请在 Excel 或 WPS 中打开后另存一份再试")
}

/// What filling wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// Data rows written.
    pub rows: u32,
    /// Headers of the columns no field fills that the template computes row by row (its
    /// formula is carried down every row written).
    pub computed: Vec<String>,
    /// The form's own blanks filled, as the clerk is told: 填报单位：交口街道.
    pub filled_in: Vec<String>,
}

/// What goes into a template: `rows` (one value per column of `layout.columns`, in that order)
/// beneath its header, and `totals` (the same columns) into the blank cells of its 合计 row,
/// if it has one; a register has no totals (empty).
pub struct Filling<'a> {
    /// The lines, one cell per column.
    pub rows: &'a mut dyn Iterator<Item = Vec<String>>,
    /// The 合计 line, one cell per column; empty for none.
    pub totals: Vec<String>,
    /// What the form's title and footer blanks are filled with.
    pub blanks: blanks::Values,
}

/// Writes a copy of `template` to `out` filled with `filling`.
pub fn fill(
    template: &Path,
    out: &Path,
    layout: &Layout,
    filling: &mut Filling,
) -> Result<Written, String> {
    disk::write_whole(out, |part| fill_into(template, part, layout, filling))
}

fn fill_into(
    template: &Path,
    out: &Path,
    layout: &Layout,
    filling: &mut Filling,
) -> Result<Written, String> {
    let mut zip = ZipArchive::new(File::open(template).map_err(damaged)?).map_err(damaged)?;
    let sheet_path = sheet_part(&mut zip, &layout.sheet)?;
    let width = layout
        .columns
        .iter()
        .map(|c| c.index + 1)
        .max()
        .unwrap_or(0);
    let mut blanks = blanks::find(&layout.lines, width, &filling.blanks);
    let sheet_xml = read_part(&mut zip, &sheet_path)?;
    let sheet_xml = blanks::write(&unprefixed(&sheet_xml)?, &mut blanks).map_err(damaged)?;
    let workbook_path = package::workbook_path(&mut zip).map_err(damaged)?;
    let file = File::create(out).map_err(io)?;
    let mut w = ZipWriter::new(file);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(crate::write::ZIP_LEVEL)));
    let mut filled = None;
    for i in 0..zip.len() {
        let name = zip
            .by_index_raw(i)
            .map_err(damaged)?
            .name()
            .map_err(damaged)?
            .into_owned();
        if name == sheet_path {
            w.start_file(name.as_str(), deflated).map_err(io)?;
            filled = Some(rewrite_sheet(&sheet_xml, layout, filling, &mut w)?);
        } else if name == workbook_path {
            // Written last, once the rows are known: its print area grows over them.
        } else if name == "xl/calcChain.xml" {
            // Excel rebuilds the calculation chain; a stale one (cells we replaced) makes it
            // offer to "repair" the file.
        } else if name == "[Content_Types].xml" || name == "xl/_rels/workbook.xml.rels" {
            let text = String::from_utf8(read_part(&mut zip, &name)?).map_err(damaged)?;
            w.start_file(name.as_str(), deflated).map_err(io)?;
            w.write_all(without_calc_chain(&text).as_bytes())
                .map_err(io)?;
        } else {
            w.raw_copy_file(zip.by_index_raw(i).map_err(damaged)?)
                .map_err(io)?;
        }
    }
    let (mut written, moved) = filled.unwrap_or_default();
    written.filled_in = blanks.into_iter().flat_map(|b| b.said).collect();
    let workbook = read_part(&mut zip, &workbook_path)?;
    let workbook = String::from_utf8(unprefixed(&workbook)?.into_owned()).map_err(damaged)?;
    w.start_file(workbook_path.as_str(), deflated).map_err(io)?;
    w.write_all(defined_names_moved(&workbook, &layout.sheet, &moved).as_bytes())
        .map_err(io)?;
    w.finish().map_err(io)?;
    Ok(written)
}

/// A part's XML (the sheet, the workbook) with its elements unprefixed. .NET's OpenXML SDK
/// writes `<x:worksheet xmlns:x="…main">` and `<x:row>`, `<x:c>`, `<x:definedName>`: the
/// part's namespace is made the default one (on the root, beside `xmlns:x`) and its prefix
/// dropped, so filling reads and writes plain names. A part whose root has no prefix, or that
/// already declares a default namespace, is returned as it is.
fn unprefixed(xml: &[u8]) -> Result<Cow<'_, [u8]>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let prefix = loop {
        match reader.read_event_into(&mut buf).map_err(damaged)? {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                let has_default = e.attributes().flatten().any(|a| a.key.as_ref() == "xmlns");
                match name.split_once(':') {
                    Some((p, _)) if !has_default => break p.to_owned(),
                    _ => return Ok(Cow::Borrowed(xml)),
                }
            }
            Event::Eof => return Ok(Cow::Borrowed(xml)),
            _ => {}
        }
        buf.clear();
    };
    let ours = |name: &str| -> Option<String> {
        let (p, local) = name.split_once(':')?;
        (p == prefix).then(|| local.to_owned())
    };
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len()));
    let mut root = true;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(damaged)?;
        let renamed = |e: &BytesStart| -> Option<BytesStart<'static>> {
            let local = ours(e.name().as_ref())?;
            let mut out = BytesStart::new(local);
            for a in e.attributes().flatten() {
                out.push_attribute((a.key.as_ref(), a.value.as_ref()));
            }
            Some(out)
        };
        let event = match &event {
            Event::Eof => break,
            Event::Start(e) => match renamed(e) {
                Some(mut out) => {
                    if std::mem::take(&mut root) {
                        let namespace = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == format!("xmlns:{prefix}"))
                            .map(|a| a.value.into_owned())
                            .unwrap_or_default();
                        out.push_attribute(("xmlns", namespace.as_str()));
                    }
                    Event::Start(out)
                }
                None => event.borrow(),
            },
            Event::Empty(e) => renamed(e).map_or_else(|| event.borrow(), Event::Empty),
            Event::End(e) => match ours(e.name().as_ref()) {
                Some(local) => Event::End(BytesEnd::new(local)),
                None => event.borrow(),
            },
            _ => event.borrow(),
        };
        w.write_event(event).map_err(damaged)?;
    }
    Ok(Cow::Owned(w.into_inner()))
}

/// The workbook part with the defined names that refer to the filled sheet (its print area, a
/// named data range) moved over the rows written. Only the names' text changes.
fn defined_names_moved<'a>(xml: &'a str, sheet: &str, moved: &Moved) -> Cow<'a, str> {
    if !xml.contains("<definedName ") {
        return Cow::Borrowed(xml);
    }
    let mut out = String::with_capacity(xml.len() + 16);
    let mut rest = xml;
    while let Some(at) = rest.find("<definedName ") {
        let Some(open_end) = rest[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        let Some(close) = rest[open_end..]
            .find("</definedName>")
            .map(|e| open_end + e)
        else {
            break;
        };
        out.push_str(&rest[..open_end]);
        // The text is XML-escaped: a quoted sheet name's apostrophe may be &apos;.
        let text = quick_xml::escape::unescape(&rest[open_end..close])
            .map_or_else(|_| rest[open_end..close].to_owned(), Cow::into_owned);
        out.push_str(&quick_xml::escape::partial_escape(
            moved.defined_name(&text, sheet),
        ));
        rest = &rest[close..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn read_part<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str) -> Result<Vec<u8>, String> {
    package::read(zip, name)
        .map_err(damaged)?
        .ok_or_else(|| damaged(format!("缺少 {name}")))
}

/// Drops the element naming calcChain from a content-types or relationships part.
fn without_calc_chain(xml: &str) -> Cow<'_, str> {
    let Some(at) = xml.find("calcChain") else {
        return Cow::Borrowed(xml);
    };
    let start = xml[..at].rfind('<').unwrap_or(at);
    let end = xml[at..].find("/>").map_or(xml.len(), |e| at + e + 2);
    Cow::Owned(format!("{}{}", &xml[..start], &xml[end..]))
}

/// The zip path of the sheet named `name`.
fn sheet_part<R: Read + Seek>(zip: &mut ZipArchive<R>, name: &str) -> Result<String, String> {
    let workbook = package::workbook_path(zip).map_err(damaged)?;
    package::parts(zip, &workbook)
        .map_err(damaged)?
        .sheets
        .into_iter()
        .find(|s| s.name == name)
        .and_then(|s| package::find(zip, &s.path))
        .ok_or_else(|| damaged(format!("找不到工作表“{name}”")))
}

fn attributes(e: &BytesStart) -> HashMap<String, String> {
    e.attributes()
        .flatten()
        .map(|a| (a.key.as_ref().to_owned(), a.value.to_string()))
        .collect()
}

/// Copies the sheet XML with the data rows replaced. Rows are 1-based here, as in the XML.
fn rewrite_sheet(
    xml: &[u8],
    layout: &Layout,
    filling: &mut Filling,
    out: &mut dyn Write,
) -> Result<(Written, Moved), String> {
    let header_end = layout.header_end + 1;
    let footer = layout.footer.map(|f| f + 1);
    let first_data = header_end + 1;
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(out);
    let mut buf = Vec::new();
    // The template's first data row: its row attributes and each column's style.
    let mut row_attrs: Vec<(String, String)> = Vec::new();
    let mut styles: HashMap<String, String> = HashMap::new();
    // Its formulas (金额 =C4*D4), by column letter, repeated down our rows; and the column of
    // the one being read.
    let mut formulas: HashMap<String, String> = HashMap::new();
    let mut formula_of: Option<String> = None;
    // Footer rows, held until the data is written and their new numbers are known.
    let mut footer_events: Vec<Event<'static>> = Vec::new();
    let mut written = 0u32;
    // Where we are: inside a row being copied, dropped or held for the footer.
    #[derive(PartialEq)]
    enum In {
        Copy,
        Drop,
        Footer,
    }
    let mut in_row = In::Copy;
    let mut last_row = 0u32;
    // 1-based column of the last cell seen in the row (`r` is optional on cells too).
    let mut last_col = 0u32;
    let mut shift = 0i64;
    let mut moved_rows: Option<Moved> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(damaged)?;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "row" => {
                let attrs = attributes(e);
                // `r` is optional: a row without it follows the one before.
                let r: u32 = attrs
                    .get("r")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(last_row + 1);
                last_row = r;
                last_col = 0;
                let empty = matches!(event, Event::Empty(_));
                if r <= header_end {
                    in_row = In::Copy;
                    w.write_event(event.borrow()).map_err(io)?;
                } else if footer.is_some_and(|f| r >= f) {
                    in_row = In::Footer;
                    // Numbered explicitly, so it can be moved below our rows.
                    let mut numbered = BytesStart::new("row");
                    let r = r.to_string();
                    numbered.push_attribute(("r", r.as_str()));
                    for a in e.attributes().flatten().filter(|a| a.key.as_ref() != "r") {
                        numbered.push_attribute((a.key.as_ref(), a.value.as_ref()));
                    }
                    footer_events.push(match event {
                        Event::Empty(_) => Event::Empty(numbered),
                        _ => Event::Start(numbered),
                    });
                } else {
                    in_row = In::Drop;
                    if r == first_data {
                        row_attrs = e
                            .attributes()
                            .flatten()
                            .filter(|a| !matches!(a.key.as_ref(), "r" | "spans"))
                            .map(|a| (a.key.as_ref().to_owned(), a.value.to_string()))
                            .collect();
                    }
                }
                if empty {
                    in_row = In::Copy;
                }
            }
            Event::End(e) if e.name().as_ref() == "row" => {
                match in_row {
                    In::Copy => w.write_event(event.borrow()).map_err(io)?,
                    In::Footer => footer_events.push(event.clone().into_owned()),
                    In::Drop => {}
                }
                in_row = In::Copy;
            }
            Event::End(e) if e.name().as_ref() == "sheetData" => {
                let first_row = FirstRow {
                    attrs: &row_attrs,
                    styles: &styles,
                    formulas: &formulas,
                };
                written = write_rows(&mut w, layout, filling.rows, first_data, &first_row)?;
                shift = i64::from(first_data + written) - i64::from(footer.unwrap_or(0));
                moved_rows = Some(Moved {
                    first: first_data,
                    // The template's blank data rows end where its footer begins.
                    old_end: footer.map_or(first_data, |f| f.saturating_sub(1).max(first_data)),
                    new_end: (first_data + written).saturating_sub(1).max(first_data),
                    footer,
                    shift,
                });
                let m = moved_rows.unwrap_or_default();
                // A formula below the data (合计 = SUM(F4:F13)) now covers our rows; its cached
                // result is dropped, so every reader computes it anew.
                let (mut in_formula, mut formula_cell, mut in_value) = (false, false, false);
                // The 合计 row's blank cells of the columns we fill take the totals.
                let totals_at = footer.filter(|_| layout.totals_row && !filling.totals.is_empty());
                let mut in_totals = false;
                for e in footer_events.drain(..) {
                    match &e {
                        Event::Start(r) | Event::Empty(r) if r.name().as_ref() == "row" => {
                            in_totals = attributes(r).get("r").and_then(|v| v.parse::<u32>().ok())
                                == totals_at;
                        }
                        Event::Empty(c) if in_totals && c.name().as_ref() == "c" => {
                            if let Some((cell, filled)) =
                                total_cell(c, layout, &filling.totals, shift)
                            {
                                filled.write_cell(&mut w, cell)?;
                                continue;
                            }
                        }
                        _ => {}
                    }
                    let e = shifted(e, shift);
                    match &e {
                        Event::Start(c) if c.name().as_ref() == "c" => formula_cell = false,
                        Event::Start(f) | Event::Empty(f) if f.name().as_ref() == "f" => {
                            formula_cell = true;
                            in_formula = matches!(e, Event::Start(_));
                            w.write_event(Event::Start(with_range_attr(f, "ref", &m)))
                                .map_err(io)?;
                            if !in_formula {
                                w.write_event(Event::End(BytesEnd::new("f"))).map_err(io)?;
                            }
                            continue;
                        }
                        Event::End(f) if f.name().as_ref() == "f" => in_formula = false,
                        Event::Text(t) if in_formula => {
                            // Entities arrive as events of their own: the text is literal.
                            let text: &str = t.as_ref();
                            let formula = m.formula(text);
                            w.write_event(Event::Text(BytesText::new(&formula)))
                                .map_err(io)?;
                            continue;
                        }
                        Event::Start(v) if v.name().as_ref() == "v" && formula_cell => {
                            in_value = true;
                            continue;
                        }
                        Event::End(v) if v.name().as_ref() == "v" && in_value => {
                            in_value = false;
                            continue;
                        }
                        _ if in_value => continue,
                        _ => {}
                    }
                    w.write_event(e).map_err(io)?;
                }
                w.write_event(event.borrow()).map_err(io)?;
            }
            // Data validations and conditional formats on the blank data rows cover ours.
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    "dataValidation" | "conditionalFormatting"
                ) && moved_rows.is_some() =>
            {
                let m = moved_rows.unwrap_or_default();
                let out = with_range_attr(e, "sqref", &m);
                w.write_event(match event {
                    Event::Empty(_) => Event::Empty(out),
                    _ => Event::Start(out),
                })
                .map_err(io)?;
            }
            // The used range changes; it is optional, and Excel works it out again.
            Event::Empty(e) if e.name().as_ref() == "dimension" => {}
            Event::Start(e) if e.name().as_ref() == "mergeCells" => {
                let kept: Vec<String> = read_merges(&mut reader)?
                    .iter()
                    .filter_map(|m| kept_merge(m, header_end, footer, shift))
                    .collect();
                if !kept.is_empty() {
                    let count = kept.len().to_string();
                    w.write_event(Event::Start(
                        BytesStart::new("mergeCells").with_attributes([("count", count.as_str())]),
                    ))
                    .map_err(io)?;
                    for m in &kept {
                        w.write_event(Event::Empty(
                            BytesStart::new("mergeCell").with_attributes([("ref", m.as_str())]),
                        ))
                        .map_err(io)?;
                    }
                    w.write_event(Event::End(BytesEnd::new("mergeCells")))
                        .map_err(io)?;
                }
            }
            _ => match in_row {
                In::Copy => w.write_event(event.borrow()).map_err(io)?,
                In::Footer => footer_events.push(event.clone().into_owned()),
                In::Drop => match &event {
                    Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "c" => {
                        let a = attributes(e);
                        last_col = a.get("r").map_or(last_col + 1, |r| column_of(r));
                        if let (true, Some(s)) = (last_row == first_data, a.get("s")) {
                            styles.insert(column_letter(last_col.saturating_sub(1)), s.clone());
                        }
                    }
                    Event::Start(e) if e.name().as_ref() == "f" && last_row == first_data => {
                        let letter = column_letter(last_col.saturating_sub(1));
                        formulas.insert(letter.clone(), String::new());
                        formula_of = Some(letter);
                    }
                    Event::End(e) if e.name().as_ref() == "f" => formula_of = None,
                    Event::Text(t) => {
                        if let Some(f) = formula_of.as_ref().and_then(|c| formulas.get_mut(c)) {
                            f.push_str(t.as_ref());
                        }
                    }
                    Event::GeneralRef(r) => {
                        if let Some(f) = formula_of.as_ref().and_then(|c| formulas.get_mut(c)) {
                            match r.resolve_char_ref().map_err(damaged)? {
                                Some(c) => f.push(c),
                                None => f.push_str(
                                    quick_xml::escape::resolve_predefined_entity(r)
                                        .unwrap_or_default(),
                                ),
                            }
                        }
                    }
                    _ => {}
                },
            },
        }
        buf.clear();
    }
    let computed = layout
        .columns
        .iter()
        .filter(|c| c.field.is_none() && formulas.get(&c.letter).is_some_and(|f| !f.is_empty()))
        .map(|c| c.header.clone())
        .collect();
    Ok((
        Written {
            rows: written,
            computed,
            filled_in: Vec::new(),
        },
        moved_rows.unwrap_or_default(),
    ))
}

/// Where the rows went: the template's blank data rows (`first..=old_end`) gave way to ours
/// (`first..=new_end`), and everything from the footer down moved by `shift`.
#[derive(Debug, Clone, Copy, Default)]
struct Moved {
    first: u32,
    old_end: u32,
    new_end: u32,
    footer: Option<u32>,
    shift: i64,
}

impl Moved {
    /// A cell or range as it reads after filling ("F4:F13" → "F4:F303"; a footer cell moved).
    fn range(&self, r: &str) -> String {
        let (a, b) = r.split_once(':').unwrap_or((r, r));
        let ((ca, ra), (cb, rb)) = (split_ref(a), split_ref(b));
        if ra == 0 || rb == 0 {
            return r.to_owned(); // a whole column, a name: left as it is
        }
        let in_footer = |row: u32| self.footer.is_some_and(|f| row >= f);
        let (na, nb) = if ra <= self.old_end && rb >= self.first && a != b {
            let na = if ra < self.first { ra } else { self.first };
            let nb = if in_footer(rb) {
                moved(rb, self.shift)
            } else {
                self.new_end
            };
            (na, nb)
        } else if in_footer(ra) {
            (moved(ra, self.shift), moved(rb, self.shift))
        } else {
            return r.to_owned();
        };
        if a == b {
            format!("{ca}{na}")
        } else {
            format!("{ca}{na}:{cb}{nb}")
        }
    }

    /// A formula with its references to this sheet's cells moved (quoted text, other sheets'
    /// cells and function names left alone).
    fn formula(&self, f: &str) -> String {
        map_refs(f, None, |r| self.range(r))
    }

    /// A defined name's formula with its references to `sheet` moved: the print area
    /// ('名册'!$A$1:$H$13) grows over the rows written; print titles ($1:$3) stay.
    fn defined_name(&self, f: &str, sheet: &str) -> String {
        map_refs(f, Some(sheet), |r| self.range(r))
    }
}

/// `f` with every cell reference or range passed through `map`: the sheet's own unqualified
/// references, or with `sheet` only those qualified by it (`Sheet1!A1`, `'名 册'!A1`). Quoted
/// text and function names are left alone.
fn map_refs(f: &str, sheet: Option<&str>, map: impl Fn(&str) -> String) -> String {
    let b = f.as_bytes();
    let mut out = String::with_capacity(f.len() + 8);
    let (mut i, mut copied) = (0, 0);
    let mut quoted = false;
    let qualified = |i: usize| match sheet {
        // Preceded by `Name!` or `'Name'!`.
        Some(name) => {
            i > 0 && b[i - 1] == b'!' && {
                let before = &f[..i - 1];
                before
                    .strip_suffix(name)
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with([',', '(', ' ', '=']))
                    || before
                        .strip_suffix(&format!("'{}'", name.replace('\'', "''")))
                        .is_some()
            }
        }
        None => i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"_!.$'".contains(&b[i - 1])),
    };
    while i < b.len() {
        if b[i] == b'"' {
            quoted = !quoted;
            i += 1;
            continue;
        }
        if quoted || !qualified(i) {
            i += 1;
            continue;
        }
        match reference_at(b, i) {
            Some(end) if b.get(end) != Some(&b'(') && b.get(end) != Some(&b'!') => {
                out.push_str(&f[copied..i]);
                out.push_str(&map(&f[i..end]));
                copied = end;
                i = end;
            }
            _ => i += 1,
        }
    }
    out.push_str(&f[copied..]);
    out
}

/// A formula of the template's first data row as it reads `by` rows further down: relative
/// rows move, absolute ones ($4) stay (=C4*D4 → =C9*D9; =$F$2*C4 → =$F$2*C9).
fn down(f: &str, by: u32) -> String {
    map_refs(f, None, |r| {
        r.split(':')
            .map(|cell| {
                let digits = cell
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(cell.len());
                let (col, row) = cell.split_at(digits);
                match (col.ends_with('$'), row.parse::<u32>()) {
                    (false, Ok(n)) => format!("{col}{}", n + by),
                    _ => cell.to_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join(":")
    })
}

/// The end of a cell reference or range starting at `i` ($A$1, B4:B13), if one does.
fn reference_at(b: &[u8], i: usize) -> Option<usize> {
    let cell = |mut j: usize| {
        j += usize::from(b.get(j) == Some(&b'$'));
        let letters = b[j..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if !(1..=3).contains(&letters) {
            return None;
        }
        j += letters;
        j += usize::from(b.get(j) == Some(&b'$'));
        let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        (digits > 0).then_some(j + digits)
    };
    let end = cell(i)?;
    if b.get(end) == Some(&b':') {
        if let Some(end2) = cell(end + 1) {
            return Some(end2);
        }
    }
    Some(end)
}

/// `e` with its range-list attribute (`sqref`, `ref`) moved; other attributes as they were.
fn with_range_attr(e: &BytesStart, key: &str, m: &Moved) -> BytesStart<'static> {
    let mut out = BytesStart::new(e.name().as_ref().to_owned());
    for a in e.attributes().flatten() {
        let value = a.value.to_string();
        let value = if a.key.as_ref() == key {
            value
                .split(' ')
                .map(|r| m.range(r))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            value
        };
        out.push_attribute((a.key.as_ref(), value.as_str()));
    }
    out
}

/// The `ref` of every mergeCell up to the end of mergeCells.
fn read_merges(reader: &mut Reader<&[u8]>) -> Result<Vec<String>, String> {
    let mut buf = Vec::new();
    let mut merges = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(damaged)? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "mergeCell" => {
                if let Some(r) = attributes(&e).remove("ref") {
                    merges.push(r);
                }
            }
            Event::End(e) if e.name().as_ref() == "mergeCells" => return Ok(merges),
            Event::Eof => return Ok(merges),
            _ => {}
        }
        buf.clear();
    }
}

/// A merge kept as it is (in the header), moved with the footer, or None (in the old data).
fn kept_merge(m: &str, header_end: u32, footer: Option<u32>, shift: i64) -> Option<String> {
    let (a, b) = m.split_once(':').unwrap_or((m, m));
    let ((ca, ra), (cb, rb)) = (split_ref(a), split_ref(b));
    if rb <= header_end {
        Some(m.to_owned())
    } else if footer.is_some_and(|f| ra >= f) {
        Some(format!("{ca}{}:{cb}{}", moved(ra, shift), moved(rb, shift)))
    } else {
        None
    }
}

fn moved(row: u32, shift: i64) -> u32 {
    u32::try_from(i64::from(row) + shift).unwrap_or(row)
}

/// A footer row or cell event with its row number moved by `shift`.
fn shifted(event: Event<'static>, shift: i64) -> Event<'static> {
    let renumber = |e: &BytesStart| -> BytesStart<'static> {
        let name = e.name().as_ref().to_owned();
        let mut out = BytesStart::new(name);
        for a in e.attributes().flatten() {
            let key = a.key.as_ref().to_owned();
            let value = a.value.to_string();
            let value = match (e.name().as_ref(), key.as_str()) {
                ("row", "r") => value
                    .parse::<u32>()
                    .map_or(value, |r| moved(r, shift).to_string()),
                ("c", "r") => {
                    let (col, row) = split_ref(&value);
                    format!("{col}{}", moved(row, shift))
                }
                _ => value,
            };
            out.push_attribute((key.as_str(), value.as_str()));
        }
        out
    };
    match &event {
        Event::Start(e) if matches!(e.name().as_ref(), "row" | "c") => Event::Start(renumber(e)),
        Event::Empty(e) if matches!(e.name().as_ref(), "row" | "c") => Event::Empty(renumber(e)),
        _ => event,
    }
}

/// Our rows, from `first` on, each cell styled like the template's first data row. A 序号
/// column the register does not fill is numbered.
/// What the template's first data row gives each row written: its row attributes, each
/// column's style, and the formulas of the columns we do not fill.
struct FirstRow<'a> {
    attrs: &'a [(String, String)],
    styles: &'a HashMap<String, String>,
    formulas: &'a HashMap<String, String>,
}

fn write_rows<W: Write>(
    w: &mut Writer<W>,
    layout: &Layout,
    rows: &mut dyn Iterator<Item = Vec<String>>,
    first: u32,
    template: &FirstRow,
) -> Result<u32, String> {
    let mut n = 0u32;
    for values in rows {
        let r = (first + n).to_string();
        let mut row = BytesStart::new("row").with_attributes([("r", r.as_str())]);
        for (k, v) in template.attrs {
            row.push_attribute((k.as_str(), v.as_str()));
        }
        w.write_event(Event::Start(row)).map_err(io)?;
        for (i, c) in layout.columns.iter().enumerate() {
            let cell_ref = format!("{}{r}", c.letter);
            let mut cell = BytesStart::new("c").with_attributes([("r", cell_ref.as_str())]);
            if let Some(s) = template.styles.get(&c.letter) {
                cell.push_attribute(("s", s.as_str()));
            }
            let value = values.get(i).map(String::as_str).unwrap_or_default();
            let formula = template.formulas.get(&c.letter).filter(|f| !f.is_empty());
            let filled = if let Some(f) = formula {
                // The template computes this column (金额 =C4*D4, 办结率 =E5/D5), even one a
                // field could fill: each row gets the formula, moved down (no cached result,
                // so every reader computes it).
                Filled::Formula(down(f, n))
            } else if c.field.is_none() && is_serial(&c.header) {
                Filled::Number((n + 1).to_string())
            } else {
                Filled::of(c, value)
            };
            filled.write_cell(w, cell)?;
        }
        w.write_event(Event::End(BytesEnd::new("row")))
            .map_err(io)?;
        n += 1;
    }
    Ok(n)
}

/// What a cell written gets.
enum Filled {
    Blank,
    Formula(String),
    Number(String),
    Text(String),
}

impl Filled {
    /// A field's value: a count or quantity that reads as a plain number as a number, the rest
    /// as inline text (so IDs never become numbers).
    fn of(column: &TemplateColumn, value: &str) -> Self {
        if value.is_empty() {
            Filled::Blank
        } else if column.number && value.parse::<f64>().is_ok_and(f64::is_finite) {
            Filled::Number(value.to_owned())
        } else {
            Filled::Text(value.to_owned())
        }
    }

    /// Writes `cell` (its `r` and style set) holding this.
    fn write_cell<W: Write>(self, w: &mut Writer<W>, mut cell: BytesStart) -> Result<(), String> {
        match &self {
            Filled::Blank => return w.write_event(Event::Empty(cell)).map_err(io),
            Filled::Text(_) => cell.push_attribute(("t", "inlineStr")),
            Filled::Formula(_) | Filled::Number(_) => {}
        }
        w.write_event(Event::Start(cell)).map_err(io)?;
        match &self {
            Filled::Formula(f) => text_element(w, "f", f)?,
            Filled::Number(n) => text_element(w, "v", n)?,
            Filled::Text(t) => {
                w.write_event(Event::Start(BytesStart::new("is")))
                    .map_err(io)?;
                text_element(w, "t", t)?;
                w.write_event(Event::End(BytesEnd::new("is"))).map_err(io)?;
            }
            Filled::Blank => {}
        }
        w.write_event(Event::End(BytesEnd::new("c"))).map_err(io)
    }
}

/// A blank cell of the 合计 row, moved by `shift`, with its column's total; None when the
/// column takes none.
fn total_cell(
    c: &BytesStart,
    layout: &Layout,
    totals: &[String],
    shift: i64,
) -> Option<(BytesStart<'static>, Filled)> {
    let attrs = attributes(c);
    let (letter, row) = split_ref(attrs.get("r")?);
    let i = layout.columns.iter().position(|col| col.letter == letter)?;
    let column = &layout.columns[i];
    let value = totals
        .get(i)
        .filter(|v| !v.is_empty() && column.field.is_some())?;
    let r = format!("{letter}{}", moved(row, shift));
    let mut cell = BytesStart::new("c").with_attributes([("r", r.as_str())]);
    if let Some(s) = attrs.get("s") {
        cell.push_attribute(("s", s.as_str()));
    }
    Some((cell, Filled::of(column, value)))
}

fn text_element<W: Write>(w: &mut Writer<W>, tag: &str, text: &str) -> Result<(), String> {
    w.write_event(Event::Start(BytesStart::new(tag)))
        .map_err(io)?;
    w.write_event(Event::Text(BytesText::new(text)))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new(tag))).map_err(io)?;
    Ok(())
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_without_numbers_follow_the_row_before() -> Result<(), Box<dyn std::error::Error>> {
        // A title row, a header row, an empty styled data row and a footer, none numbered.
        let xml = br#"<worksheet><sheetData><row><c t="inlineStr"><is><t>Title</t></is></c></row><row><c t="inlineStr"><is><t>Name</t></is></c></row><row><c s="7"/></row><row><c t="inlineStr"><is><t>Footer</t></is></c></row></sheetData></worksheet>"#;
        let layout = Layout {
            sheet: "S".into(),
            columns: vec![TemplateColumn {
                index: 0,
                letter: "A".into(),
                header: "Name".into(),
                field: Some("name"),
                number: false,
            }],
            header_end: 1,
            footer: Some(3),
            totals_row: false,
            lines: Sheet::new("S".into(), false, Vec::new(), Vec::new()),
        };
        let mut rows = vec![vec!["Li".to_owned()], vec!["Wang".to_owned()]].into_iter();
        let mut filling = Filling {
            rows: &mut rows,
            totals: Vec::new(),
            blanks: Default::default(),
        };
        let mut out = Vec::new();
        assert_eq!(
            rewrite_sheet(xml, &layout, &mut filling, &mut out)?.0.rows,
            2
        );
        let out = String::from_utf8(out)?;
        // Where each piece landed, in the order the sheet must show them.
        let order: Vec<Option<usize>> = [
            "Title",
            "Name",
            r#"<c r="A3" s="7" t="inlineStr"><is><t>Li</t>"#,
            r#"<c r="A4" s="7" t="inlineStr"><is><t>Wang</t>"#,
            r#"<row r="5">"#,
            "Footer",
        ]
        .iter()
        .map(|piece| out.find(piece))
        .collect();
        assert!(order.iter().all(Option::is_some), "{out}");
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
        Ok(())
    }

    #[test]
    fn counts_are_numbers_and_a_totals_rows_blank_cells_take_the_totals(
    ) -> Result<(), Box<dyn std::error::Error>> {
        // 社区 | 走访 | 办结率: a blank styled row, then 合计 with a blank 走访 cell and the
        // form's own rate formula, which stays the form's (moved with the row).
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>社区</t></is></c><c r="B1" t="inlineStr"><is><t>走访</t></is></c><c r="C1" t="inlineStr"><is><t>办结率</t></is></c></row><row r="2"><c r="A2" s="1"/><c r="B2" s="2"/><c r="C2" s="3"><f>IF(B2=0,"",B2/10)</f></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>合计</t></is></c><c r="B3" s="2"/><c r="C3" s="3"/></row></sheetData></worksheet>"#.as_bytes();
        let column = |index: u32, letter: &str, field: &'static str, number: bool| TemplateColumn {
            index,
            letter: letter.into(),
            header: field.into(),
            field: Some(field),
            number,
        };
        let layout = Layout {
            sheet: "S".into(),
            columns: vec![
                column(0, "A", "社区", false),
                column(1, "B", "走访", true),
                column(2, "C", "办结率", false),
            ],
            header_end: 0,
            footer: Some(2),
            totals_row: true,
            lines: Sheet::new("S".into(), false, Vec::new(), Vec::new()),
        };
        let line = |a: &str, b: &str, c: &str| vec![a.to_owned(), b.to_owned(), c.to_owned()];
        let mut rows = vec![line("东关", "12", "50.0%"), line("西关", "3", "—")].into_iter();
        let mut filling = Filling {
            rows: &mut rows,
            totals: line("合计", "15", "40.0%"),
            blanks: Default::default(),
        };
        let mut out = Vec::new();
        rewrite_sheet(xml, &layout, &mut filling, &mut out)?;
        let out = String::from_utf8(out)?;
        for piece in [
            r#"<c r="A2" s="1" t="inlineStr"><is><t>东关</t></is></c>"#,
            r#"<c r="B2" s="2"><v>12</v></c>"#,
            r#"<c r="C2" s="3"><f>IF(B2=0,&quot;&quot;,B2/10)</f></c>"#,
            r#"<c r="C3" s="3"><f>IF(B3=0,&quot;&quot;,B3/10)</f></c>"#,
            r#"<row r="4"><c r="A4" t="inlineStr"><is><t>合计</t>"#,
            r#"<c r="B4" s="2"><v>15</v></c>"#,
            r#"<c r="C4" s="3" t="inlineStr"><is><t>40.0%</t></is></c>"#,
        ] {
            assert!(out.contains(piece), "{piece} in {out}");
        }
        Ok(())
    }

    #[test]
    fn a_rows_formula_moves_down_and_the_print_area_grows() {
        assert_eq!(down("C4*D4", 5), "C9*D9");
        assert_eq!(down("$F$2*C4+SUM($A4:B4)", 2), "$F$2*C6+SUM($A6:B6)");
        assert_eq!(
            down(r#"IF(B4="A1","是","否")"#, 1),
            r#"IF(B5="A1","是","否")"#
        );
        assert_eq!(down("Other!C4+LOG10(C4)", 1), "Other!C4+LOG10(C5)");
        // Data rows 4..=13 became 4..=303; the footer at 14 moved to 304.
        let m = Moved {
            first: 4,
            old_end: 13,
            new_end: 303,
            footer: Some(14),
            shift: 290,
        };
        assert_eq!(
            m.defined_name("'统 计'!$A$1:$G$14", "统 计"),
            "'统 计'!$A$1:$G$304"
        );
        assert_eq!(
            m.defined_name("统计!$A$1:$G$13", "统计"),
            "统计!$A$1:$G$303"
        );
        assert_eq!(m.defined_name("统计!$3:$3", "统计"), "统计!$3:$3");
        assert_eq!(m.defined_name("其他!$A$1:$G$14", "统计"), "其他!$A$1:$G$14");
        let xml = r#"<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">&apos;统 计&apos;!$A$1:$G$14</definedName></definedNames>"#;
        assert_eq!(
            defined_names_moved(xml, "统 计", &m),
            r#"<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'统 计'!$A$1:$G$304</definedName></definedNames>"#
        );
    }
}

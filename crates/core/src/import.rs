//! What an incoming spreadsheet's cells mean: the field tables registers declare, header
//! matching, and the parsing of each kind of value as clerks and Excel actually write them.
//! Pure functions; reading files is the excel crate's job.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::{date::LooseDate, dict::Dict, id_number::IdNumber, org::OrgKind, phone};

/// A cell as it arrives, whatever the file format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Short texts (a name, an ID, a date) are kept inside the cell, not allocated.
    Text(compact_str::CompactString),
    /// A number as the sheet stores it.
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date or date-time the sheet stores as one.
    DateTime(NaiveDateTime),
    /// A formula error such as #N/A, or a formula without a cached value.
    Error(String),
    /// Text longer than a cell can hold in Excel ([`MAX_CELL_CHARS`]): no spreadsheet program
    /// wrote it, and it is not kept (a crafted file's one giant cell must not cost gigabytes
    /// and minutes in every step after).
    TooLong,
}

/// The most characters an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

impl Cell {
    /// A text cell, or [`Cell::TooLong`] past [`MAX_CELL_CHARS`].
    pub fn text_of(s: String) -> Self {
        // Bytes first: most cells are short, and counting characters is the costly part.
        if s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS {
            Cell::TooLong
        } else {
            Cell::Text(s.into())
        }
    }
}

impl Cell {
    /// The cell as plain text, for headers, footers and messages.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => normalise(s),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
            Cell::DateTime(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Error(e) => e.clone(),
            Cell::TooLong => String::new(),
        }
    }

    /// Empty, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            // U+3000 and NBSP are white space too.
            Cell::Text(s) => s.chars().all(char::is_whitespace),
            _ => false,
        }
    }
}

/// The kind of value a field holds, which decides how a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text, trimmed.
    Text,
    /// A person's name: inner spaces dropped.
    Name,
    /// A 公民身份号码, checked (GB 11643).
    IdNumber,
    /// A mobile or fixed-line number.
    Phone,
    /// A person's home address (a house's address is `Text`: it names the house).
    Address,
    /// 性别 (男/女), derived from the ID where there is one.
    Sex,
    /// A day; a year-month alone is kept as a year-month (with a warning).
    Date,
    /// A year and month (入党年月).
    YearMonth,
    /// Hours of service in 0.5 h steps: "2", "2.5", "3小时", "半天".
    Hours,
    /// A whole count such as storeys: "3", "3层", "三层".
    Count,
    /// A quantity such as floor area: "120.5", "120.5㎡", "120平方米".
    Number,
    /// A year as sheets write it: "2005", "2005年"; a decade ("八十年代", "1990年代") is kept as
    /// a decade, flagged approximate.
    Year,
    /// 是/否, and the ways sheets write them.
    Bool,
    /// One of fixed labels (an enum of the register).
    Choice(&'static [&'static str]),
    /// An office-extendable dictionary.
    Dict(Dict),
    /// Several entries of a dictionary in one cell, split by [`split_list`] (人才类别); read as
    /// the entries joined by 、.
    DictList(Dict),
    /// The name of a node of the organisation tree, resolved against the database.
    Org(OrgKind),
}

impl FieldKind {
    /// `value` as lists, exports and prints show it: IDs, phones and home addresses masked.
    pub fn masked(self, value: &str) -> String {
        match self {
            FieldKind::IdNumber => crate::mask::id_number(value),
            FieldKind::Phone => crate::mask::phone(value),
            FieldKind::Address => crate::mask::address(value),
            _ => value.to_owned(),
        }
    }
}

/// How much of a form's row a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// A third: a short choice (学历).
    Third,
    /// Half: most fields.
    Half,
    /// The whole row: several tags, a place.
    Full,
    /// The whole row, several lines: 荣誉, 备注.
    Long,
}

/// One field of a register: how sheets name it (import, export, template), and how the
/// register's form and list show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The register's name for it (`id_number`).
    pub key: &'static str,
    /// The canonical Chinese header, as our own templates and exports write it.
    pub label: &'static str,
    /// Other headers that mean the same field.
    pub synonyms: &'static [&'static str],
    /// How its cells are read.
    pub kind: FieldKind,
    /// A row without it is refused; a sheet without its column is refused whole, unless the
    /// field is `completable`.
    pub required: bool,
    /// Required, but a sheet without its column goes in: each record 待补录 until the field is
    /// filled in (a roster without 职务).
    pub completable: bool,
    /// Its width on the register's form.
    pub width: Width,
    /// Whether the register's list shows it as a column of its own.
    pub listed: bool,
    /// What the form's empty input shows, e.g. an example ("如：电商、果树修剪"); "" for the
    /// form's own default.
    pub hint: &'static str,
    /// Whether the register's form has it; a column only sheets carry (the 社区 that tells
    /// apart two communities' 第一网格) does not.
    pub in_form: bool,
}

/// A field of a register's table: half a form row, not a list column of its own.
pub const fn field(
    key: &'static str,
    label: &'static str,
    synonyms: &'static [&'static str],
    kind: FieldKind,
    required: bool,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        synonyms,
        kind,
        required,
        width: Width::Half,
        listed: false,
        hint: "",
        in_form: true,
        completable: false,
    }
}

impl FieldSpec {
    /// The same field, `width` wide on the form.
    pub const fn width(self, width: Width) -> Self {
        Self { width, ..self }
    }

    /// The same field, shown as a column of the register's list.
    pub const fn listed(self) -> Self {
        Self {
            listed: true,
            ..self
        }
    }

    /// The same field, its empty input showing `hint` on the form.
    pub const fn hint(self, hint: &'static str) -> Self {
        Self { hint, ..self }
    }

    /// The same field, required of a record but not of a sheet: a sheet without its column
    /// leaves the records 待补录 (the register's merge says so).
    pub const fn completable(self) -> Self {
        Self {
            completable: true,
            ..self
        }
    }

    /// The same field, read from and written to sheets but not on the register's form.
    pub const fn sheet_only(self) -> Self {
        Self {
            in_form: false,
            ..self
        }
    }
}

/// The label of the field `key` among `fields`; the key itself when there is none, so a wrong
/// key shows on paper rather than vanishing.
pub fn label<'a>(fields: &'a [FieldSpec], key: &'a str) -> &'a str {
    fields
        .iter()
        .find(|f| f.key == key)
        .map_or(key, |f| f.label)
}

/// Headers that mean 公民身份号码, in every register that has one.
pub const ID_NUMBER_SYNONYMS: &[&str] = &[
    "身份证号",
    "身份证号码",
    "身份证",
    "公民身份证号码",
    "公民身份证号",
    "证件号码",
];

/// Headers that mean 联系电话.
pub const PHONE_SYNONYMS: &[&str] = &["手机号码", "电话", "手机", "手机号", "联系方式", "电话号码"];

/// How sheets head the 社区（村） column.
pub const COMMUNITY_SYNONYMS: &[&str] = &[
    "社区",
    "村",
    "社区(村)",
    "所属社区",
    "所在村",
    "村(社区)",
    "村（社区）",
    "社区名称",
    "社区(村)名称",
    "村(社区)名称",
];

/// A list as sheets write it: "墙体开裂、屋面漏雨，地基沉降".
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';', '/', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// NFKC (full-width to half-width), trimmed (incl. U+3000 and NBSP), inner runs of white space
/// collapsed to one space.
pub fn normalise(s: &str) -> String {
    // Most cells are already clean: one copy, no normalisation pass.
    let clean = !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains("  ")
        && !s.chars().any(|c| c.is_whitespace() && c != ' ')
        && (s.chars().all(nfkc_stable)
            || unicode_normalization::is_nfkc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes);
    if clean {
        return s.to_owned();
    }
    let s: String = s.nfkc().collect();
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Characters NFKC leaves alone, decided without the normalisation tables: printable ASCII and
/// the CJK ideographs that fill nearly every cell. (Full-width forms are not among them.)
fn nfkc_stable(c: char) -> bool {
    c.is_ascii_graphic()
        || c == ' '
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || matches!(c, '、' | '。' | '·' | '—' | '“' | '”' | '《' | '》')
}

/// A header reduced to what identifies it: no white space or line breaks, no required-marks.
pub fn header_key(s: &str) -> String {
    normalise(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '※' | ':' | '：'))
        .collect()
}

/// A 序号 column: numbered rows, not a field (a filled template numbers it).
pub fn is_serial(header: &str) -> bool {
    matches!(header_key(header).as_str(), "序号" | "编号" | "序")
}

/// The header without a parenthesised note: "公民身份号码(18位)" → "公民身份号码".
fn without_note(key: &str) -> Option<String> {
    let cut = key.find(['(', '（'])?;
    (cut > 0).then(|| key[..cut].to_owned())
}

/// The field a header names, if any.
pub fn match_header<'a>(fields: &'a [FieldSpec], header: &str) -> Option<&'a FieldSpec> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    let find = |k: &str| {
        fields
            .iter()
            .find(|f| f.label == k || f.synonyms.contains(&k))
    };
    find(&key).or_else(|| without_note(&key).and_then(|k| find(&k)))
}

/// A value read from a cell: the canonical text, and a warning when the reading was a guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The canonical text.
    pub value: String,
    /// Why the reading was a guess, when it was.
    pub warning: Option<String>,
    /// The cell's own words when the value was read out of a phrase (整治时限 “2026年10月底前”
    /// is the day 2026-10-31): kept beside the value so the record can say what the sheet said.
    pub as_written: Option<String>,
}

impl Read {
    /// A value read without doubt.
    pub fn ok(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            warning: None,
            as_written: None,
        }
    }
    fn warn(value: impl Into<String>, warning: impl Into<String>) -> Self {
        Self {
            warning: Some(warning.into()),
            ..Self::ok(value)
        }
    }
}

/// Reads a cell as a field of `kind`. `Ok(None)` for a blank cell; `Err` with a Chinese message
/// for a value that cannot be that field. Dictionary and organisation values are only
/// normalised here; they are matched against the database by the caller.
pub fn read(kind: FieldKind, cell: &Cell) -> Result<Option<Read>, String> {
    read_in(kind, cell, None)
}

/// [`read`], with the year a deadline phrase without one ("10月底前", "年底前") falls in: the
/// import's year.
pub fn read_in(kind: FieldKind, cell: &Cell, year: Option<i32>) -> Result<Option<Read>, String> {
    if cell.is_blank() {
        return Ok(None);
    }
    if let Cell::Error(e) = cell {
        return Err(format!("单元格是错误值或没有计算结果的公式（{e}）"));
    }
    if let Cell::TooLong = cell {
        return Err(format!(
            "单元格内容超过 {MAX_CELL_CHARS} 个字符（Excel 单元格的上限），不是表格软件保存的内容，请检查文件来源"
        ));
    }
    // Each kind takes the cell's text at most once (it is the costly part of a read).
    let text = || cell.text();
    let read = match kind {
        FieldKind::Text | FieldKind::Dict(_) | FieldKind::DictList(_) | FieldKind::Org(_) => {
            Read::ok(text())
        }
        FieldKind::Name => Read::ok(text().replace(' ', "")),
        FieldKind::IdNumber => read_id_number(cell)?,
        FieldKind::Phone => read_phone(cell)?,
        FieldKind::Address => match text() {
            t if t.contains('*') => {
                return Err(format!(
                    "住址“{t}”带有 *，是打码后的住址（门牌已隐藏）；请填写完整住址，或导出时选择显示完整信息"
                ))
            }
            t => Read::ok(t),
        },
        FieldKind::Sex => match text().as_str() {
            "男" | "男性" | "M" | "m" => Read::ok("男"),
            "女" | "女性" | "F" | "f" => Read::ok("女"),
            other => return Err(format!("性别“{other}”应为 男 或 女")),
        },
        FieldKind::Date => match read_date(cell) {
            Ok(DateValue::Day(d)) => Read::ok(d.to_string()),
            Err(e) => {
                let phrase = text();
                let d = deadline(&phrase, year).ok_or(e)?;
                Read {
                    as_written: Some(phrase.clone()),
                    ..Read::warn(
                        d.to_string(),
                        format!("“{phrase}”是期限的写法，已按 {d} 读取，原文记入备注，请核对"),
                    )
                }
            }
            Ok(DateValue::Month(y, m, note)) => Read::warn(
                format!("{y:04}-{m:02}"),
                note.unwrap_or_else(|| "只有年月，没有具体日期，已按年月保留".to_owned()),
            ),
        },
        FieldKind::YearMonth => match read_date(cell)? {
            DateValue::Day(d) => Read::ok(format!("{:04}-{:02}", d.year(), d.month())),
            DateValue::Month(y, m, note) => Read {
                warning: note,
                ..Read::ok(format!("{y:04}-{m:02}"))
            },
        },
        FieldKind::Hours => read_hours(cell)?,
        FieldKind::Count => Read::ok(read_count(&text())?.to_string()),
        FieldKind::Number => Read::ok(read_number(&text())?),
        FieldKind::Year => Read::ok(crate::built::Built::parse(&text())?.to_string()),
        FieldKind::Bool => Read::ok(if read_bool(&text())? { "是" } else { "否" }),
        FieldKind::Choice(labels) => Read::ok(choose(labels, &text())?),
    };
    Ok(Some(read))
}

fn read_id_number(cell: &Cell) -> Result<Read, String> {
    if let Cell::Number(n) = cell {
        if n.abs() >= 1e14 {
            return Err(
                "身份证号以数字格式保存，后几位已丢失，请将该列设为文本后重新录入".to_owned(),
            );
        }
        return Err("身份证号应为18位文本，这里是一个数字".to_owned());
    }
    let text = cell.text();
    // A CSV saved by Excel writes a number-formatted ID as 4.11102E+17.
    if text.contains(['E', 'e']) && text.parse::<f64>().is_ok() {
        return Err("身份证号以数字格式保存，后几位已丢失，请将该列设为文本后重新录入".to_owned());
    }
    let id = IdNumber::parse(&text).map_err(|e| e.to_string())?;
    let digits = text.chars().filter(|c| !c.is_whitespace()).count();
    Ok(if digits == 15 {
        Read::warn(id.as_str(), "15位旧身份证号已升级为18位")
    } else {
        Read::ok(id.as_str())
    })
}

fn read_phone(cell: &Cell) -> Result<Read, String> {
    let text = match cell {
        // 11-digit mobiles stored as numbers keep all their digits (< 2^53).
        Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e12 => format!("{}", *n as i64),
        _ => cell.text(),
    };
    phone::parse(&text).map(Read::ok).map_err(|e| e.to_string())
}

/// A date as sheets hold it.
#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// A whole day.
    Day(NaiveDate),
    /// Year, month, and a note when the month was a guess.
    Month(i32, u32, Option<String>),
}

/// Excel dates, serial numbers, "2021.08", "2021年8月", "2021/8/1", "20210801",
/// "2021-08-01 00:00:00".
pub fn read_date(cell: &Cell) -> Result<DateValue, String> {
    match cell {
        Cell::DateTime(d) => Ok(DateValue::Day(d.date())),
        Cell::Number(n) => date_from_number(*n),
        _ => date_from_text(&cell.text()),
    }
}

/// A date typed into a form the way clerks write them in sheets (2021-08-01, 2021.8.1,
/// 2021年8月, 2021.08 …): a day, or a year-month when no day is given.
pub fn loose_date(text: &str) -> Result<LooseDate, String> {
    match date_from_text(text.trim())? {
        DateValue::Day(day) => Ok(LooseDate {
            day,
            month_only: false,
        }),
        DateValue::Month(y, m, _) => Ok(LooseDate {
            day: NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| format!("“{text}”不是有效日期"))?,
            month_only: true,
        }),
    }
}

/// A deadline as plans write it: "2026年10月底前", "10月底前", "年底前", "2026年10月中旬",
/// "2026.10前", "2026年上半年" → the day it stands for. `year` is used when the phrase names
/// none. "10月前" is the day before October begins; 上旬/中旬/下旬 end on the 10th, the 20th
/// and the month's last day.
fn deadline(text: &str, year: Option<i32>) -> Option<NaiveDate> {
    let phrase = text
        .trim_end_matches(['前', '内'])
        .trim_end_matches(['之', '以']);
    let (y, rest) = match phrase.split_once('年') {
        Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
            (y.parse::<i32>().ok()?, rest)
        }
        _ => match phrase.split_once('.') {
            Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
                (y.parse::<i32>().ok()?, rest)
            }
            _ => (year?, phrase),
        },
    };
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month_end = |m: u32| {
        day(m, 1)?
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()
    };
    match rest.trim_start_matches('年') {
        "底" | "末" => day(12, 31),
        "上半年" => day(6, 30),
        "下半年" => day(12, 31),
        rest => {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let m: u32 = digits.parse().ok().filter(|m| (1..=12).contains(m))?;
            match rest[digits.len()..].trim_start_matches('月') {
                "底" | "末" | "下旬" => month_end(m),
                "中旬" => day(m, 20),
                "上旬" => day(m, 10),
                "" if text.ends_with('前') => day(m, 1)?.pred_opt(),
                "" => month_end(m),
                after => day(m, after.trim_end_matches(['日', '号']).parse().ok()?),
            }
        }
    }
}

fn date_from_number(n: f64) -> Result<DateValue, String> {
    let bad = || format!("“{n}”不是有效日期");
    if n.fract() == 0.0 && (19_000_101.0..=21_001_231.0).contains(&n) {
        return date_from_text(&format!("{}", n as i64));
    }
    if (1900.0..2100.0).contains(&n) && n.fract() != 0.0 {
        // 2021.08 typed into a number cell: year.month. 2010.10 arrives as 2010.1.
        let year = n.trunc() as i32;
        let decimals = format!("{n}");
        let month_text = decimals.split('.').nth(1).unwrap_or("");
        let month: u32 = month_text.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        let note = (month_text.len() == 1 && month == 1).then(|| {
            format!("“{n}”按 {year} 年 1 月读取；若本意是 {year}.10（Excel 会把 {year}.10 存成 {year}.1），请改正")
        });
        return Ok(DateValue::Month(year, month, note));
    }
    if n.fract() == 0.0 && (1.0..=73_050.0).contains(&n) {
        // An Excel serial day number in a cell without a date format.
        let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(bad)?;
        return base
            .checked_add_days(chrono::Days::new(n as u64))
            .map(DateValue::Day)
            .ok_or_else(bad);
    }
    Err(bad())
}

fn date_from_text(text: &str) -> Result<DateValue, String> {
    let bad = || {
        format!("“{text}”不是可识别的日期（可写作 2021-08-01、2021.8.1、2021年8月1日 或 2021.08）")
    };
    // Drop a midnight time part: "2021-08-01 00:00:00".
    let date_part = text.split([' ', 'T']).next().unwrap_or("");
    if !date_part
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | '号'))
    {
        return Err(bad());
    }
    // Up to three runs of digits, without allocating: "2021", "8", "1".
    let mut groups: [&str; 3] = [""; 3];
    let mut count = 0;
    for g in date_part
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
    {
        if count == 3 {
            return Err(bad());
        }
        groups[count] = g;
        count += 1;
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = match &groups[..count] {
        [one] if one.len() == 8 => (num(&one[..4])?, num(&one[4..6])?, Some(num(&one[6..])?)),
        [one] if one.len() == 6 => (num(&one[..4])?, num(&one[4..])?, None),
        [y, m] if y.len() == 4 => (num(y)?, num(m)?, None),
        [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, Some(num(d)?)),
        _ => return Err(bad()),
    };
    let year = y as i32;
    if !(1900..=2100).contains(&year) {
        return Err(bad());
    }
    match d {
        Some(d) => NaiveDate::from_ymd_opt(year, m, d)
            .map(DateValue::Day)
            .ok_or_else(|| format!("“{text}”不是有效日期（{year}年{m}月没有{d}日）")),
        None if (1..=12).contains(&m) => Ok(DateValue::Month(year, m, None)),
        None => Err(bad()),
    }
}

/// Hours in 0.5 h steps (rounded, with a warning, when a sheet says 1.2).
fn read_hours(cell: &Cell) -> Result<Read, String> {
    let text = cell.text();
    let hours = crate::hours::hours_in(&text)?;
    let steps = crate::hours::half_hours(hours) as f64 / 10.0;
    Ok(if (steps - hours).abs() > f64::EPSILON {
        Read::warn(
            format!("{steps}"),
            format!("时长“{text}”已按 0.5 小时取整为 {steps}"),
        )
    } else {
        Read::ok(format!("{steps}"))
    })
}

/// 0–99 in digits or Chinese numerals, with a unit after it: "3", "3层", "三层", "十二层".
fn read_count(text: &str) -> Result<u32, String> {
    let bad = || format!("“{text}”应为数字，如 3 或 三层");
    let core = text.trim_end_matches(|c: char| !c.is_ascii_digit() && chinese_digit(c).is_none());
    if let Ok(n) = core.parse::<u32>() {
        return Ok(n);
    }
    let digits: Vec<u32> = core
        .chars()
        .map(chinese_digit)
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    match digits.as_slice() {
        [n] if *n < 10 => Ok(*n),
        [10] => Ok(10),
        [10, n] => Ok(10 + n),
        [t, 10] => Ok(t * 10),
        [t, 10, n] => Ok(t * 10 + n),
        _ => Err(bad()),
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "零一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .map(|i| i as u32)
        .or(match c {
            '两' => Some(2),
            '〇' => Some(0),
            _ => None,
        })
}

/// A decimal with its unit dropped, written back without trailing zeros.
fn read_number(text: &str) -> Result<String, String> {
    let core = ["平方米", "平米", "㎡", "m²", "m2", "平方"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(text);
    let n: f64 = core
        .replace(',', "")
        .trim()
        .parse()
        .map_err(|_| format!("“{text}”应为数字，如 120.5"))?;
    if n < 0.0 {
        return Err(format!("“{text}”不能为负数"));
    }
    Ok(format!("{}", (n * 100.0).round() / 100.0))
}

fn read_bool(text: &str) -> Result<bool, String> {
    match text {
        "是" | "√" | "✓" | "✔" | "有" | "Y" | "y" | "yes" | "Yes" | "YES" | "1" | "TRUE"
        | "true" => Ok(true),
        "否" | "×" | "✗" | "✘" | "无" | "N" | "n" | "no" | "No" | "NO" | "0" | "FALSE"
        | "false" => Ok(false),
        _ => Err(format!("“{text}”应为 是 或 否")),
    }
}

/// The label a clerk meant: the label itself, or a curated word for it (正式 → 正式党员,
/// 存在隐患 → 一般隐患; `vocab::WORDS`). Anything else is an error until the clerk maps it: a
/// rule or closeness only suggests (`vocab::suggest`), in the import's value step.
pub fn choose(labels: &[&str], text: &str) -> Result<String, String> {
    if let Some(l) = labels.iter().find(|l| **l == text) {
        return Ok((*l).to_owned());
    }
    if let Some(w) = crate::vocab::curated(labels, text) {
        return Ok(w.label.to_owned());
    }
    Err(format!(
        "“{text}”不是可选的值（{}），请在导入向导的“值对应”中选择它代表哪一项",
        labels.join("、")
    ))
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn value(kind: FieldKind, cell: Cell) -> String {
        read(kind, &cell).unwrap().unwrap().value
    }

    #[test]
    fn counts_areas_and_years_read_as_sweep_sheets_write_them() {
        assert_eq!(value(FieldKind::Count, text("三层")), "3");
        assert_eq!(value(FieldKind::Count, text("3层")), "3");
        assert_eq!(value(FieldKind::Count, Cell::Number(2.0)), "2");
        assert_eq!(value(FieldKind::Count, text("十二层")), "12");
        assert!(read(FieldKind::Count, &text("很多层")).is_err());
        assert_eq!(value(FieldKind::Number, text("120.50㎡")), "120.5");
        assert_eq!(value(FieldKind::Number, text("96平方米")), "96");
        assert_eq!(value(FieldKind::Number, text("122")), "122");
        assert_eq!(value(FieldKind::Year, text("2005年")), "2005");
        assert_eq!(value(FieldKind::Year, text("八十年代")), "1980年代");
        assert_eq!(value(FieldKind::Year, text("1990年代")), "1990年代");
        assert!(
            read(FieldKind::Choice(&["砖混", "砖木"]), &text("砖混结构")).is_err(),
            "a label inside the text is a suggestion for the clerk, not a silent reading"
        );
    }

    #[test]
    fn lists_split_on_chinese_and_latin_separators() {
        assert_eq!(
            split_list("墙体开裂、屋面漏雨，地基沉降; 电商 "),
            ["墙体开裂", "屋面漏雨", "地基沉降", "电商"]
        );
    }

    #[test]
    fn headers_match_through_synonyms_spaces_and_full_width() {
        const F: &[FieldSpec] = &[field(
            "id_number",
            "公民身份号码",
            &["身份证号", "身份证号码"],
            FieldKind::IdNumber,
            true,
        )];
        for h in [
            "身份证号",
            "身份证\n号码",
            " 公民身份号码 ",
            "*身份证号（18位）",
            "身份证号：",
        ] {
            assert!(match_header(F, h).is_some(), "{h:?}");
        }
        assert!(match_header(F, "序号").is_none());
    }

    #[test]
    fn dates_in_every_shape_clerks_write_them() {
        let day = |c: Cell| value(FieldKind::Date, c);
        assert_eq!(day(text("2021/8/1")), "2021-08-01");
        assert_eq!(day(text("2021年8月1日")), "2021-08-01");
        assert_eq!(day(text("20210801")), "2021-08-01");
        assert_eq!(day(text("2021-08-01 00:00:00")), "2021-08-01");
        assert_eq!(day(text("2021.8.1")), "2021-08-01");
        assert_eq!(day(Cell::Number(20210801.0)), "2021-08-01");
        assert_eq!(
            day(Cell::Number(44409.0)),
            "2021-08-01",
            "an Excel serial day"
        );
        let month = read(FieldKind::Date, &text("2021.08")).unwrap().unwrap();
        assert_eq!(month.value, "2021-08", "a year-month stays a year-month");
        assert!(month.warning.is_some());
        assert_eq!(day(text("2021年8月")), "2021-08");
        assert_eq!(
            value(FieldKind::YearMonth, Cell::Number(2021.08)),
            "2021-08"
        );
        let ambiguous = read(FieldKind::YearMonth, &Cell::Number(2010.1))
            .unwrap()
            .unwrap();
        assert_eq!(ambiguous.value, "2010-01");
        assert!(ambiguous.warning.unwrap().contains("2010.10"));
        assert!(read(FieldKind::Date, &text("1999年2月30日"))
            .unwrap_err()
            .contains("没有30日"));
        assert!(read(FieldKind::Date, &text("八十年代")).is_err());
    }

    #[test]
    fn deadlines_written_as_phrases_become_days_with_a_note() {
        // The day read, when the warning names the phrase it was read from.
        let at = |t: &str, year| -> Option<String> {
            let r = read_in(FieldKind::Date, &text(t), year).ok()??;
            r.warning.filter(|w| w.contains(t)).map(|_| r.value)
        };
        assert_eq!(at("2026年10月底前", None).as_deref(), Some("2026-10-31"));
        assert_eq!(at("10月底前", Some(2026)).as_deref(), Some("2026-10-31"));
        assert_eq!(at("年底前", Some(2026)).as_deref(), Some("2026-12-31"));
        assert_eq!(at("2026年年底前", None).as_deref(), Some("2026-12-31"));
        assert_eq!(at("2026年10月中旬", None).as_deref(), Some("2026-10-20"));
        assert_eq!(at("2026年2月下旬", None).as_deref(), Some("2026-02-28"));
        assert_eq!(at("2026.10前", None).as_deref(), Some("2026-09-30"));
        assert_eq!(at("2026年上半年", None).as_deref(), Some("2026-06-30"));
        assert_eq!(at("2026年11月15日前", None).as_deref(), Some("2026-11-15"));
        assert!(
            read_in(FieldKind::Date, &text("10月底前"), None).is_err(),
            "no year in the phrase and none given"
        );
        assert!(read_in(FieldKind::Date, &text("尽快"), Some(2026)).is_err());
        assert!(read_in(FieldKind::Date, &text("八十年代"), Some(2026)).is_err());
    }

    #[test]
    fn ids_stored_as_numbers_are_refused_never_repaired() {
        let err = read(FieldKind::IdNumber, &Cell::Number(4.11102198001011e17)).unwrap_err();
        assert!(err.contains("后几位已丢失"), "{err}");
        let err = read(FieldKind::IdNumber, &text("4.11102E+17")).unwrap_err();
        assert!(err.contains("后几位已丢失"), "as a CSV writes it: {err}");
        assert_eq!(
            value(FieldKind::IdNumber, text("11010519491231002x")),
            "11010519491231002X"
        );
        let old = read(FieldKind::IdNumber, &text("130503670401001"))
            .unwrap()
            .unwrap();
        assert_eq!(old.value, "130503196704010016");
        assert!(old.warning.is_some(), "an upgrade is worth a warning");
        assert!(read(FieldKind::IdNumber, &text("110105194912310021"))
            .unwrap_err()
            .contains("应为 X"));
    }

    #[test]
    fn normalising_folds_full_width_and_leaves_clean_text_alone() {
        assert_eq!(normalise("王国民"), "王国民");
        assert_eq!(
            normalise("ＡＢＣ１２３"),
            "ABC123",
            "full-width letters and digits"
        );
        assert_eq!(
            normalise("交口（东关）社区"),
            "交口(东关)社区",
            "full-width brackets"
        );
        assert_eq!(normalise("\u{3000}王\u{a0}国民 "), "王 国民");
    }

    #[test]
    fn hours_booleans_choices_and_phones() {
        assert_eq!(value(FieldKind::Hours, text("3小时")), "3");
        assert_eq!(value(FieldKind::Hours, text("半天")), "4");
        assert_eq!(value(FieldKind::Hours, text("2.5")), "2.5");
        assert!(read(FieldKind::Hours, &text("1.2"))
            .unwrap()
            .unwrap()
            .warning
            .is_some());
        assert_eq!(value(FieldKind::Bool, text("√")), "是");
        assert_eq!(value(FieldKind::Bool, text("无")), "否");
        assert_eq!(
            value(FieldKind::Choice(&["正式党员", "预备党员"]), text("正式")),
            "正式党员"
        );
        assert!(read(FieldKind::Choice(&["正式党员", "预备党员"]), &text("党员")).is_err());
        assert_eq!(
            value(FieldKind::Phone, Cell::Number(13812345678.0)),
            "13812345678"
        );
        assert_eq!(
            value(FieldKind::Name, text("王　国民")),
            "王国民",
            "U+3000 inside a name"
        );
        assert_eq!(
            read(FieldKind::Text, &text(" \u{3000} ")).unwrap(),
            None,
            "blank"
        );
    }
}

//! The dry run: every data row of every sheet read against a register's fields, with a verdict
//! per row and every problem keyed by sheet, Excel row, column letter and header.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use taizhang_core::{
    id_number::IdNumber,
    import::{read_in, split_list, FieldKind, FieldSpec},
    progress::{Progress, Stage, Tick, EVERY},
};
use ts_rs::TS;

use crate::{table, Cell, Format, Workbook};

/// How bad an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The row cannot go in as written.
    Error,
    /// The row goes in, but the clerk should look.
    Warning,
}

/// One problem found in a file, where the clerk will find it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Issue {
    /// The sheet's name.
    pub sheet: String,
    /// The row number the user sees in Excel.
    pub row: u32,
    /// The column letter, e.g. "C"; empty for a whole-row problem.
    pub column: String,
    /// The header the column has in the file.
    pub header: String,
    /// Whether it stops the row.
    pub level: Level,
    /// What is wrong, in Chinese, for the clerk.
    pub message: String,
}

/// A file column read as a register field.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MappedColumn {
    /// The column letter, e.g. "C".
    pub column: String,
    /// The header the column has in the file.
    pub header: String,
    /// The register field's key and canonical label.
    pub field: String,
    /// The field's label as the register says it.
    pub label: String,
}

/// A file column no register field takes: left out of the import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnmappedColumn {
    /// The column letter, e.g. "C".
    pub column: String,
    /// The header the column has in the file.
    pub header: String,
}

/// How one sheet was read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SheetReport {
    /// The sheet's name.
    pub name: String,
    /// The layout's fingerprint (see [`table::Table::fingerprint`]); empty when not read.
    pub fingerprint: String,
    /// Hidden in the workbook (read only when asked).
    pub hidden: bool,
    /// Why the sheet was not read, if it was not.
    pub skipped: Option<String>,
    /// Excel row numbers of the header.
    pub header_rows: Vec<u32>,
    /// Data rows found between the header and the footer.
    pub data_rows: u32,
    /// The columns read as fields.
    pub mapped: Vec<MappedColumn>,
    /// The columns left out.
    pub unmapped: Vec<UnmappedColumn>,
}

/// How many data rows were read, and how they fared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, TS)]
pub struct RowCounts {
    /// Every data row read.
    pub total: u32,
    /// Rows without any issue.
    pub ok: u32,
    /// Rows with warnings only.
    pub warning: u32,
    /// Rows with an error.
    pub error: u32,
}

/// What a dry run found in a whole file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportReport {
    /// What the file is, by its content.
    pub format: Format,
    /// The format in Chinese, for the clerk.
    pub format_label: String,
    /// The text encoding of a CSV or HTML file ("GBK", "UTF-8"); none for a workbook.
    pub encoding: Option<String>,
    /// Every sheet, read or skipped.
    pub sheets: Vec<SheetReport>,
    /// The row counts over every sheet read.
    pub rows: RowCounts,
    /// Every issue, in sheet and row order.
    pub issues: Vec<Issue>,
}

/// One data row's values, by field key, canonical text.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The sheet it came from.
    pub sheet: std::sync::Arc<str>,
    /// The row number the user sees in Excel.
    pub row: u32,
    /// Its worst issue, if any.
    pub level: Option<Level>,
    /// Its values by field key.
    pub values: Values,
}

/// A row's values in column order; a few per row, so a list beats a map. The texts share one
/// buffer: a 100,000-row import keeps every row's values, and one allocation per row instead of
/// one per cell saves about a hundred megabytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    text: String,
    /// Field key, and where its value lies in `text`.
    at: Vec<(&'static str, u32, u32)>,
    /// Field key, and where the cell's own words lie in `text`, for a value read out of a
    /// phrase (rare: kept apart so `get` never meets them).
    written: Vec<(&'static str, u32, u32)>,
}

impl Values {
    /// Sets a field the row has no value for (a value it has wins).
    pub fn fill(&mut self, key: &'static str, value: String) {
        if self.get(key).is_none() {
            self.push(key, &value);
        }
    }

    fn push(&mut self, key: &'static str, value: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(value);
        self.at.push((key, start, self.text.len() as u32));
    }

    fn push_written(&mut self, key: &'static str, phrase: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(phrase);
        self.written.push((key, start, self.text.len() as u32));
    }

    /// The canonical text of field `key`, if the row has a value for it.
    pub fn get(&self, key: &str) -> Option<&str> {
        Self::find(&self.at, &self.text, key)
    }

    /// The cell's own words, when `key`'s value was read out of a phrase (a deadline written
    /// as “2026年10月底前”).
    pub fn as_written(&self, key: &str) -> Option<&str> {
        Self::find(&self.written, &self.text, key)
    }

    fn find<'a>(at: &[(&'static str, u32, u32)], text: &'a str, key: &str) -> Option<&'a str> {
        at.iter()
            .find(|(k, ..)| *k == key)
            .map(|&(_, a, b)| &text[a as usize..b as usize])
    }
}

/// Matches dictionary and organisation values against what the office has. Returns the
/// canonical value, or a Chinese message.
pub trait Resolve: Sync {
    /// The canonical value of `value` in `field`, or why it is not one (in Chinese).
    fn resolve(&self, field: &FieldSpec, value: &str) -> Result<String, String>;

    /// The value the clerk chose for `text` in a choice or dictionary field (the import's value
    /// step), which stands before the field's own reading.
    fn chosen(&self, _field: &FieldSpec, _text: &str) -> Option<String> {
        None
    }
}

/// Accepts every value as written: for reading a file without a database.
pub struct AsWritten;

impl Resolve for AsWritten {
    fn resolve(&self, _: &FieldSpec, value: &str) -> Result<String, String> {
        Ok(value.to_owned())
    }
}

/// How a dry run reads a file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this sheet.
    pub sheet: Option<String>,
    /// Hidden sheets too.
    pub include_hidden: bool,
    /// Every row's values: returned by [`dry_run`], handed to [`dry_run_each`]'s sink (to
    /// compare and apply them); a report alone needs far less memory.
    pub keep_records: bool,
    /// The user's corrections to the synonym table.
    pub mapping: table::Mapping,
    /// The year a deadline phrase without one falls in ("10月底前"): the import's.
    pub year: Option<i32>,
}

impl Options {
    /// Whether the dry run reads `sheet`: the one chosen, else every visible one (hidden ones
    /// too when asked).
    pub fn reads(&self, sheet: &crate::Sheet) -> bool {
        match &self.sheet {
            Some(name) => *name == sheet.name,
            None => !sheet.hidden || self.include_hidden,
        }
    }

    /// The sheets the dry run reads whose table is found, with the table.
    pub fn tables<'b>(
        &self,
        book: &'b Workbook,
        fields: &[FieldSpec],
    ) -> Vec<(&'b crate::Sheet, table::Table)> {
        book.sheets
            .iter()
            .filter(|s| self.reads(s))
            .filter_map(|s| table::locate(s, fields, &self.mapping).map(|t| (s, t)))
            .collect()
    }
}

/// The layout fingerprint of each sheet whose table is found (mapping not applied): what a
/// remembered mapping is looked up by.
pub fn fingerprints(book: &Workbook, fields: &[FieldSpec]) -> Vec<String> {
    book.sheets
        .iter()
        .filter_map(|s| table::locate(s, fields, &table::Mapping::new()))
        .map(|t| t.fingerprint)
        .collect()
}

/// Reads every data row. Row problems go into the report; nothing stops at the first. The
/// records come back only when `options.keep_records` asks for them. When `progress` is
/// cancelled the rows are left unchecked and the caller must look at `progress.cancelled()`.
pub fn dry_run(
    book: &Workbook,
    fields: &'static [FieldSpec],
    resolver: &dyn Resolve,
    options: &Options,
    progress: &dyn Progress,
) -> (ImportReport, Vec<Record>) {
    let mut records = Vec::new();
    let mut issues = Vec::new();
    let mut report = dry_run_each(
        book,
        fields,
        resolver,
        options,
        progress,
        &mut |_, record, mut found| {
            issues.append(&mut found);
            if options.keep_records {
                records.push(record);
            }
            true
        },
    );
    report.issues.append(&mut issues);
    (report, records)
}

/// A checked row, with its sheet's report (the columns it was read from) and its problems; what
/// the sink returns says whether to go on.
pub type Sink<'s> = dyn FnMut(&SheetReport, Record, Vec<Issue>) -> bool + 's;

/// Reads every data row, handing each to `sink` in file order as soon as it is checked, so
/// that what is kept of a large file is what the sink keeps. The report counts every row; its
/// issues are the sheets' own (a missing column), each row's go to the sink.
pub fn dry_run_each(
    book: &Workbook,
    fields: &'static [FieldSpec],
    resolver: &dyn Resolve,
    options: &Options,
    progress: &dyn Progress,
    sink: &mut Sink,
) -> ImportReport {
    let mut report = ImportReport {
        format: book.format,
        format_label: book.format.label().to_owned(),
        encoding: book.encoding.map(str::to_owned),
        sheets: Vec::new(),
        rows: RowCounts::default(),
        issues: Vec::new(),
    };
    let counter = Counter {
        progress,
        done: AtomicU64::new(0),
        total: book
            .sheets
            .iter()
            .filter(|s| options.reads(s))
            .map(|s| s.rows.len() as u64)
            .sum(),
    };
    for sheet in &book.sheets {
        let mut sr = SheetReport {
            name: sheet.name.clone(),
            fingerprint: String::new(),
            hidden: sheet.hidden,
            skipped: None,
            header_rows: Vec::new(),
            data_rows: 0,
            mapped: Vec::new(),
            unmapped: Vec::new(),
        };
        if options.sheet.as_ref().is_some_and(|s| *s != sheet.name) {
            sr.skipped = Some("未选择该工作表".into());
            report.sheets.push(sr);
            continue;
        }
        if sheet.hidden && !options.include_hidden && options.sheet.is_none() {
            sr.skipped = Some("隐藏工作表，已跳过".into());
            report.sheets.push(sr);
            continue;
        }
        let Some(t) = table::locate(sheet, fields, &options.mapping) else {
            sr.skipped = Some(
                if sheet.rows.iter().all(|r| r.iter().all(|c| c.is_blank())) {
                    "空白工作表".into()
                } else {
                    "没有找到表头（至少需要两列能对应到本台账的字段，如 姓名、公民身份号码）".into()
                },
            );
            report.sheets.push(sr);
            continue;
        };
        sr.header_rows = t.header_rows.iter().map(|r| r + 1).collect();
        sr.fingerprint.clone_from(&t.fingerprint);
        sr.data_rows = t.data_rows.len() as u32;
        for c in &t.columns {
            match c.field {
                Some(f) => sr.mapped.push(MappedColumn {
                    column: c.letter.clone(),
                    header: c.header.clone(),
                    field: fields[f].key.to_owned(),
                    label: fields[f].label.to_owned(),
                }),
                None => sr.unmapped.push(UnmappedColumn {
                    column: c.letter.clone(),
                    header: c.header.clone(),
                }),
            }
        }
        let missing: Vec<&str> = fields
            .iter()
            .enumerate()
            .filter(|(i, f)| f.required && !f.completable && !t.mapped().any(|(_, m)| m == *i))
            .map(|(_, f)| f.label)
            .collect();
        if !missing.is_empty() {
            let message = format!("缺少必需的列：{}", missing.join("、"));
            report.issues.push(Issue {
                sheet: sheet.name.clone(),
                row: sr.header_rows.last().copied().unwrap_or(1),
                column: String::new(),
                header: String::new(),
                level: Level::Error,
                message: message.clone(),
            });
            sr.skipped = Some(message);
            report.sheets.push(sr);
            continue;
        }
        let go_on = check_rows(
            sheet,
            &t,
            (fields, resolver, options, &counter),
            &mut |record, issues| {
                report.rows.total += 1;
                match record.level {
                    None => report.rows.ok += 1,
                    Some(Level::Warning) => report.rows.warning += 1,
                    Some(Level::Error) => report.rows.error += 1,
                }
                sink(&sr, record, issues)
            },
        );
        report.sheets.push(sr);
        if !go_on {
            break;
        }
    }
    counter.finish();
    report
}

/// Rows checked so far across the sheets, shared by the checking threads.
struct Counter<'a> {
    progress: &'a dyn Progress,
    done: AtomicU64,
    /// Every row of the chosen sheets, headers included: known before any table is located.
    total: u64,
}

impl Counter<'_> {
    /// Counts `rows` more rows; false when the user asked to stop.
    fn add(&self, rows: usize) -> bool {
        let done = self.done.fetch_add(rows as u64, Ordering::Relaxed) + rows as u64;
        self.progress.report(Tick {
            stage: Stage::Check,
            done: done.min(self.total),
            total: self.total,
        });
        !self.progress.cancelled()
    }

    fn finish(&self) {
        self.progress.report(Tick {
            stage: Stage::Check,
            done: self.total,
            total: self.total,
        });
    }
}

fn column_of<'a>(columns: &[(&str, &'a table::Column)], key: &str) -> Option<&'a table::Column> {
    columns.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
}

/// Rows each core checks before the block is handed on: enough to keep both cores busy, few
/// enough that a block of records is nothing beside the file.
const BLOCK: usize = 2048;

/// Checks the data rows on every core, a block at a time, handing each row to `sink` in row
/// order. False when the sink or the user stopped it.
fn check_rows(
    sheet: &crate::Sheet,
    t: &table::Table,
    (fields, resolver, options, counter): (&'static [FieldSpec], &dyn Resolve, &Options, &Counter),
    sink: &mut dyn FnMut(Record, Vec<Issue>) -> bool,
) -> bool {
    let keep_values = options.keep_records;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let name: std::sync::Arc<str> = sheet.name.as_str().into();
    for block in t.data_rows.chunks(BLOCK * threads) {
        let chunk = block.len().div_ceil(threads).max(1);
        let checked: Vec<Vec<(Record, Vec<Issue>)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = block
                .chunks(chunk)
                .map(|rows| {
                    let mut rc = RowChecker {
                        sheet,
                        name: name.clone(),
                        t,
                        fields,
                        resolver,
                        year: options.year,
                        memos: t.mapped().map(|_| Memo::default()).collect(),
                    };
                    scope.spawn(move || {
                        let mut checked = Vec::with_capacity(rows.len());
                        for part in rows.chunks(EVERY) {
                            for &r in part {
                                let mut issues = Vec::new();
                                let mut record = rc.check(r, &mut issues);
                                if !keep_values {
                                    record.values = Values::default();
                                }
                                checked.push((record, issues));
                            }
                            if !counter.add(part.len()) {
                                break;
                            }
                        }
                        checked
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_default())
                .collect()
        });
        for (record, issues) in checked.into_iter().flatten() {
            if !sink(record, issues) {
                return false;
            }
        }
        if counter.progress.cancelled() {
            return false;
        }
    }
    true
}

type Verdict = Result<Option<taizhang_core::import::Read>, String>;

/// What a column's texts read as, while the column repeats a few values (民族, 学历, 支部):
/// reading and resolving each distinct text once. Given up on columns of distinct values.
#[derive(Default)]
struct Memo<'a> {
    seen: rustc_hash::FxHashMap<&'a str, Verdict>,
    given_up: bool,
    /// The verdict on a text not kept in `seen`.
    fresh: Option<Verdict>,
}

impl<'a> Memo<'a> {
    const MOST: usize = 64;

    fn read(&mut self, cell: &'a Cell, fresh: impl FnOnce() -> Verdict) -> &Verdict {
        let text = match cell {
            Cell::Text(text) if !self.given_up => text.as_str(),
            _ => return self.fresh.insert(fresh()),
        };
        if self.seen.contains_key(text) {
            return &self.seen[text];
        }
        let v = fresh();
        if self.seen.len() < Self::MOST {
            return self.seen.entry(text).or_insert(v);
        }
        self.given_up = true;
        self.seen = Default::default();
        self.fresh.insert(v)
    }
}

/// One worker's view of a sheet's table, reading one row at a time.
struct RowChecker<'a> {
    sheet: &'a crate::Sheet,
    name: std::sync::Arc<str>,
    t: &'a table::Table,
    fields: &'static [FieldSpec],
    resolver: &'a dyn Resolve,
    year: Option<i32>,
    /// One per mapped column.
    memos: Vec<Memo<'a>>,
}

impl RowChecker<'_> {
    fn check(&mut self, r: u32, issues: &mut Vec<Issue>) -> Record {
        let Self {
            sheet,
            t,
            fields,
            resolver,
            year,
            ..
        } = *self;
        let row = r + 1;
        let mut level = None;
        let mut values = Values::default();
        let mut note =
            |column: &table::Column, lvl: Level, message: String, level: &mut Option<Level>| {
                if lvl == Level::Error || level.is_none() {
                    *level = Some(lvl);
                }
                issues.push(Issue {
                    sheet: sheet.name.clone(),
                    row,
                    column: column.letter.clone(),
                    header: column.header.clone(),
                    level: lvl,
                    message,
                });
            };
        let mut columns_of = Vec::new();
        for ((column, f), memo) in t.mapped().zip(self.memos.iter_mut()) {
            let field = &fields[f];
            columns_of.push((field.key, column));
            let cell = sheet.cell(r, column.index);
            let read = memo.read(cell, || {
                let choice = matches!(field.kind, FieldKind::Choice(_) | FieldKind::Dict(_));
                if let Some(value) = choice
                    .then(|| resolver.chosen(field, &cell.text()))
                    .flatten()
                {
                    return Ok(Some(taizhang_core::import::Read::ok(value)));
                }
                read_in(field.kind, cell, year).and_then(|v| match v {
                    // Each entry on its own: the clerk's choice for it, else the dictionary's.
                    Some(v) if matches!(field.kind, FieldKind::DictList(_)) => split_list(&v.value)
                        .iter()
                        .map(|part| match resolver.chosen(field, part) {
                            Some(chosen) => Ok(chosen),
                            None => resolver.resolve(field, part),
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map(|entries| {
                            Some(taizhang_core::import::Read {
                                value: entries.join("、"),
                                ..v
                            })
                        }),
                    Some(v) if matches!(field.kind, FieldKind::Dict(_) | FieldKind::Org(_)) => {
                        resolver
                            .resolve(field, &v.value)
                            .map(|value| Some(taizhang_core::import::Read { value, ..v }))
                    }
                    other => Ok(other),
                })
            });
            match read {
                Ok(Some(v)) => {
                    if let Some(w) = &v.warning {
                        note(column, Level::Warning, w.clone(), &mut level);
                    }
                    values.push(field.key, &v.value);
                    if let Some(phrase) = &v.as_written {
                        values.push_written(field.key, phrase);
                    }
                }
                Ok(None) if field.required => note(
                    column,
                    Level::Error,
                    format!("缺少{}", field.label),
                    &mut level,
                ),
                Ok(None) => {}
                Err(message) => note(column, Level::Error, message.clone(), &mut level),
            }
        }
        // Birth date and sex written beside an ID must agree with it.
        if let Some(id) = values
            .get("id_number")
            .and_then(|v| IdNumber::parse(v).ok())
        {
            let birth = id.birth_date().to_string();
            if let (Some(written), Some(col)) = (
                values.get("birth_date"),
                column_of(&columns_of, "birth_date"),
            ) {
                if !birth.starts_with(written) {
                    note(
                        col,
                        Level::Warning,
                        format!("出生日期与身份证号不一致（身份证号中为 {birth}）"),
                        &mut level,
                    );
                }
            }
            let sex = id.sex().label();
            if let (Some(written), Some(col)) = (values.get("sex"), column_of(&columns_of, "sex")) {
                if written != sex {
                    note(
                        col,
                        Level::Warning,
                        format!("性别与身份证号不一致（身份证号中为 {sex}）"),
                        &mut level,
                    );
                }
            }
        }
        Record {
            sheet: self.name.clone(),
            row,
            level,
            values,
        }
    }
}

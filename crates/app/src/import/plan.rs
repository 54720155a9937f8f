//! The preview of an import: every row of the file against the register, as new, changed (field
//! by field), unchanged, in conflict, or in error. Nothing is written here.

use std::{
    collections::HashMap,
    hash::{BuildHasher, Hasher, RandomState},
};

use compact_str::CompactString;
use serde::Serialize;
use taizhang_core::progress::Progress;
use taizhang_db::{import_batch, Db};
use taizhang_excel::check::{ImportReport, Issue, Level, Record, Resolve, SheetReport};
use ts_rs::TS;

use super::{
    office::Office,
    target::{Stored, Target},
};
use crate::{AppError, Ctx, Result};

/// What applying a row would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// No record has this key yet (or it is in the recycle bin, and comes back).
    New,
    /// A record exists and the row changes some of its fields.
    Changed,
    /// A record exists and the row says nothing new.
    Unchanged,
    /// The same key twice in the file with different values, or a change that would overwrite
    /// an edit made after the file was saved.
    Conflict,
    /// The row breaks a rule; never applied.
    Error,
}

impl RowKind {
    pub fn label(self) -> &'static str {
        match self {
            RowKind::New => "新增",
            RowKind::Changed => "修改",
            RowKind::Unchanged => "未变",
            RowKind::Conflict => "冲突",
            RowKind::Error => "错误",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub before: String,
    pub after: String,
}

/// One data row of the file and what applying it would do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RowPlan {
    pub sheet: String,
    pub row: u32,
    pub kind: RowKind,
    /// The record's name, for the preview list.
    pub name: String,
    /// The record's key, masked when it is an ID number.
    pub key: String,
    /// Where it is ([`Target::PLACE`]): a household's address; "" for most registers.
    pub place: String,
    /// For changed rows and conflicts: the fields that differ, old → new (IDs, phones and home addresses masked).
    pub changes: Vec<FieldChange>,
    /// Why a row is in conflict or in error.
    pub reason: String,
    /// Labels of the required fields the record will still lack (待补录): the file has no
    /// column for them.
    pub lacking: Vec<String>,
}

/// How many rows of each kind, and issues of each level, a preview lists. The counts are always
/// whole; a clerk reads a few hundred rows, and the error copy (every faulty cell marked in the
/// file itself) has them all.
pub const LISTED: usize = 500;

/// The dry-run report, and what would change.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportPreview {
    #[serde(flatten)]
    pub report: ImportReport,
    pub new: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    /// Rows that go in flagged 待补录.
    pub incomplete: u32,
    /// Organisation units the file names that the office lacks, and what is done about each.
    pub unknown_orgs: Vec<super::UnknownOrg>,
    /// Values of choice and dictionary columns that are not labels, and how each was read.
    pub unknown_values: Vec<super::UnknownValue>,
    /// The data rows except the unchanged ones, in file order: at most [`LISTED`] of each kind.
    pub diffs: Vec<RowPlan>,
    /// How many rows of each kind `diffs` lists at most, and issues of each level
    /// `report.issues` ([`LISTED`]).
    pub listed_each: u32,
    /// Rows that belong in `diffs` past those listed.
    pub diffs_left_out: u32,
    /// Issues past the [`LISTED`] of each level in `report.issues`.
    pub issues_left_out: u32,
}

/// A row's planned write.
pub(super) struct Step<I> {
    /// The row's place among the file's data rows.
    pub row: u32,
    pub kind: RowKind,
    pub stored: Option<Stored<I>>,
    pub input: I,
    /// For same-key conflicts: a later row of the file has the same key (the last row wins).
    pub superseded: bool,
    /// Required fields the record still lacks (待补录), by key.
    pub lacking: Vec<&'static str>,
}

pub(super) struct Plan<I> {
    pub preview: ImportPreview,
    /// Every row's write when applying; none for a preview.
    pub steps: Vec<Step<I>>,
    /// Units the import creates first, in its transaction.
    pub new_units: Vec<super::orgs::NewUnit>,
    /// The values the clerk decided, remembered with the layout once applied.
    pub confirmed_values: super::ValueChoices,
    /// Dictionary entries the clerk added in the value step, written first in its transaction.
    pub new_dict_entries: Vec<(taizhang_core::dict::Dict, String)>,
}

/// What a plan keeps beyond the counts and the listed rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// A preview: nothing more.
    Preview,
    /// Every row's write, to apply them.
    Steps,
    /// Every issue, for the error copy.
    Issues,
}

const KINDS: [RowKind; 5] = [
    RowKind::New,
    RowKind::Changed,
    RowKind::Unchanged,
    RowKind::Conflict,
    RowKind::Error,
];

/// The listing bucket of rows repeating an earlier row's key.
const REPEATS: usize = KINDS.len();

fn slot(kind: RowKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or_default()
}

/// The first row of the file with a key.
struct First {
    row: u32,
    kind: RowKind,
    /// Its sheet and Excel row, said only if another row has the key.
    sheet: std::sync::Arc<str>,
    line: u32,
    input: u64,
}

fn place(sheet: &str, line: u32) -> String {
    format!("{sheet} 第 {line} 行")
}

/// Rows of the file sharing a key: (row, its kind before, its input), in file order.
#[derive(Default)]
struct Group {
    rows: Vec<(u32, RowKind, u64)>,
    /// Where the first few are, for the reason.
    places: Vec<String>,
}

/// What tells a row's record from another with the same key: identical records, identical
/// fingerprints. Only rows sharing a key are ever compared, a handful in a file, so 64 bits
/// keyed afresh each run (no file can be made to collide) stand in for the whole record.
fn fingerprint<I: Serialize>(keys: &RandomState, input: &I) -> u64 {
    struct Hashing<H>(H);
    impl<H: Hasher> std::io::Write for Hashing<H> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hashing(keys.build_hasher());
    // Writing into a hasher cannot fail; a record that cannot be written hashes as far as it got.
    let _ = serde_json::to_writer(&mut h, input);
    h.0.finish()
}

/// Compares the file's records with the register as the dry run hands them over, one at a time:
/// what it holds grows with the register (the stored records by key), with one small entry per
/// distinct key of the file, and with what `keep` asks for; never with a copy of every row.
/// `saved_at` is when the file was last saved (local time, `YYYY-MM-DD HH:MM:SS`): a record
/// edited later is a conflict.
pub(super) struct Planner<'a, T: Target> {
    db: &'a Db,
    ctx: &'a Ctx,
    office: &'a Office,
    keep: Keep,
    saved_at: Option<&'a str>,
    stored: HashMap<String, Stored<T::Input>>,
    /// What each sheet's name stands for, resolved once per sheet.
    sheet_values: HashMap<std::sync::Arc<str>, Option<String>>,
    /// The field a sheet's name may stand for (`Target::SHEET_NAMES`).
    sheet_field: Option<&'static taizhang_core::import::FieldSpec>,
    /// Rows so far; rows of each kind; rows listed of each kind (by their kind when read).
    seen: u32,
    counts: [u32; 5],
    /// Rows listed of each kind, and of rows repeating an earlier row's key (listed apart:
    /// they become conflicts or repeats only once the file is read, and the clerk must see them).
    listed_of: [usize; 6],
    listed: Vec<(u32, RowPlan)>,
    incomplete: u32,
    moved: Moved,
    /// Rows that repeat an earlier one exactly (unchanged, but listed with the reason).
    repeats: u32,
    issues: Vec<Issue>,
    issues_of: [usize; 2],
    issues_left_out: u32,
    /// The first row of each key (most keys, an ID, are kept inside the entry: no allocation).
    firsts: HashMap<CompactString, First>,
    hash_keys: RandomState,
    groups: HashMap<String, Group>,
    steps: Vec<Step<T::Input>>,
    failed: Option<AppError>,
    progress: &'a dyn Progress,
}

impl<'a, T: Target> Planner<'a, T> {
    pub fn new(
        (db, ctx, office): (&'a Db, &'a Ctx, &'a Office),
        keep: Keep,
        saved_at: Option<&'a str>,
        progress: &'a dyn Progress,
    ) -> Result<Self> {
        Ok(Self {
            db,
            ctx,
            office,
            keep,
            saved_at,
            stored: T::stored(db, ctx.today)?,
            sheet_values: HashMap::new(),
            sheet_field: T::SHEET_NAMES.and_then(|k| T::fields().iter().find(|f| f.key == k)),
            seen: 0,
            counts: [0; 5],
            listed_of: [0; 6],
            listed: Vec::new(),
            incomplete: 0,
            moved: Moved::default(),
            repeats: 0,
            issues: Vec::new(),
            issues_of: [0; 2],
            issues_left_out: 0,
            firsts: HashMap::new(),
            hash_keys: RandomState::new(),
            groups: HashMap::new(),
            steps: Vec::new(),
            failed: None,
            progress,
        })
    }

    /// Takes one checked row; false when planning must stop (cancelled, or the database failed).
    pub fn take(&mut self, sheet: &SheetReport, mut record: Record, found: Vec<Issue>) -> bool {
        if self.progress.cancelled() {
            self.failed = Some(AppError::cancelled());
            return false;
        }
        match self.plan_row(sheet, &mut record, found) {
            Ok(()) => true,
            Err(e) => {
                self.failed = Some(e);
                false
            }
        }
    }

    fn note(&mut self, issue: Issue) {
        let level = usize::from(issue.level == Level::Warning);
        if self.keep == Keep::Issues || self.issues_of[level] < LISTED {
            self.issues_of[level] += 1;
            self.issues.push(issue);
        } else {
            self.issues_left_out += 1;
        }
    }

    fn plan_row(
        &mut self,
        sheet: &SheetReport,
        record: &mut Record,
        found: Vec<Issue>,
    ) -> Result<()> {
        let index = self.seen;
        self.seen += 1;
        let office = self.office;
        let reason_of_errors = found
            .iter()
            .filter(|i| i.level == Level::Error)
            .map(|i| i.message.as_str())
            .collect::<Vec<_>>()
            .join("；");
        for issue in found {
            self.note(issue);
        }
        if let Some(field) = self.sheet_field {
            let value = self
                .sheet_values
                .entry(record.sheet.clone())
                .or_insert_with(|| office.resolve(field, &record.sheet).ok());
            if let Some(value) = value {
                record.values.fill(field.key, value.clone());
            }
        }
        let key = T::key(office, &record.values);
        let mut row = RowPlan {
            sheet: record.sheet.to_string(),
            row: record.row,
            kind: RowKind::Error,
            name: record.values.get(T::NAME).unwrap_or_default().to_owned(),
            key: T::shown_key(&key),
            place: T::PLACE
                .1
                .iter()
                .filter_map(|f| record.values.get(f))
                .collect(),
            changes: Vec::new(),
            reason: String::new(),
            lacking: Vec::new(),
        };
        if record.level == Some(Level::Error) {
            row.reason = reason_of_errors;
            self.list(index, row);
            return Ok(());
        }
        let base = self.stored.get(&key);
        let absent = |f: &str| !sheet.mapped.iter().any(|m| m.field == f);
        let (input, lacking) = match T::merge(
            office,
            base.filter(|s| !s.deleted).map(|s| &s.input),
            &record.values,
            self.ctx.today,
            &absent,
        ) {
            Err(errors) => {
                row.reason = self.rule_errors(sheet, record, &errors);
                self.list(index, row);
                return Ok(());
            }
            Ok(merged) => merged,
        };
        let (mut kind, changes) = match base {
            Some(s) if !s.deleted => {
                let changes = diff::<T>(office, &s.input, &input);
                let kind = if changes.is_empty() {
                    RowKind::Unchanged
                } else {
                    RowKind::Changed
                };
                (kind, changes)
            }
            _ => (RowKind::New, Vec::new()),
        };
        if base.is_some_and(|s| s.deleted) {
            row.reason = "该记录在回收站中，导入后将恢复".into();
        }
        if let (RowKind::Changed, Some(s), Some(saved_at)) = (kind, base, self.saved_at) {
            if let Some((at, actor)) = import_batch::last_edit(self.db.conn(), T::ENTITY, s.id)? {
                if at.as_str() > saved_at {
                    kind = RowKind::Conflict;
                    row.reason = format!(
                        "该记录于 {at} 由 {actor} 修改，晚于文件的保存时间 {saved_at}；导入会覆盖那次修改"
                    );
                }
            }
        }
        row.kind = kind;
        row.changes = changes;
        let stored = base.filter(|_| self.keep == Keep::Steps).cloned();
        if !lacking.is_empty() {
            row.lacking = lacking_labels::<T>(&lacking);
            self.incomplete_warning(record, &row.lacking);
            self.incomplete += 1;
        }
        let print = fingerprint(&self.hash_keys, &input);
        let repeat = self.same_key(&key, (index, kind, print), record);
        if self.keep == Keep::Steps {
            self.steps.push(Step {
                row: index,
                kind,
                stored,
                input,
                superseded: false,
                lacking,
            });
        }
        self.list_as(index, row, if repeat { REPEATS } else { slot(kind) });
        Ok(())
    }

    /// Counts the row under its kind, and lists it while its kind has room.
    fn list(&mut self, index: u32, row: RowPlan) {
        let k = slot(row.kind);
        self.list_as(index, row, k);
    }

    /// Counts the row under its kind, and lists it while `bucket` has room.
    fn list_as(&mut self, index: u32, row: RowPlan, bucket: usize) {
        self.counts[slot(row.kind)] += 1;
        if self.listed_of[bucket] < LISTED {
            self.listed_of[bucket] += 1;
            self.listed.push((index, row));
        }
    }

    /// Notes the row under its key: the first row with it, or one more of a group (true).
    fn same_key(
        &mut self,
        key: &str,
        (index, kind, input): (u32, RowKind, u64),
        record: &Record,
    ) -> bool {
        let Some(first) = self.firsts.get(key) else {
            self.firsts.insert(
                key.into(),
                First {
                    row: index,
                    kind,
                    sheet: record.sheet.clone(),
                    line: record.row,
                    input,
                },
            );
            return false;
        };
        let group = self.groups.entry(key.to_owned()).or_insert_with(|| Group {
            rows: vec![(first.row, first.kind, first.input)],
            places: vec![place(&first.sheet, first.line)],
        });
        group.rows.push((index, kind, input));
        if group.places.len() < PLACES_SHOWN {
            group.places.push(place(&record.sheet, record.row));
        }
        true
    }

    /// The plan, once every row has been taken; `report` is the dry run's.
    pub fn finish(mut self, mut report: ImportReport) -> Result<Plan<T::Input>> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        if self.progress.cancelled() {
            return Err(AppError::cancelled());
        }
        self.settle_groups();
        let m = &self.moved;
        report.rows.ok -= m.ok_to_warning + m.ok_to_error;
        report.rows.warning = report.rows.warning + m.ok_to_warning - m.warning_to_error;
        report.rows.error += m.ok_to_error + m.warning_to_error;
        report.issues.append(&mut self.issues);
        self.listed.sort_by_key(|(i, _)| *i);
        let count = |k: RowKind| self.counts[slot(k)];
        let diffs: Vec<RowPlan> = self
            .listed
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| r.kind != RowKind::Unchanged || !r.reason.is_empty())
            .collect();
        let belong = self.counts.iter().sum::<u32>() - count(RowKind::Unchanged) + self.repeats;
        let preview = ImportPreview {
            new: count(RowKind::New),
            changed: count(RowKind::Changed),
            unchanged: count(RowKind::Unchanged),
            conflicts: count(RowKind::Conflict),
            incomplete: self.incomplete,
            unknown_orgs: Vec::new(),
            unknown_values: Vec::new(),
            listed_each: LISTED as u32,
            diffs_left_out: belong.saturating_sub(diffs.len() as u32),
            diffs,
            issues_left_out: self.issues_left_out,
            report,
        };
        Ok(Plan {
            preview,
            steps: self.steps,
            new_units: Vec::new(),
            confirmed_values: Default::default(),
            new_dict_entries: Vec::new(),
        })
    }

    /// The same key on several rows: identical rows are repeats (the first one counts); rows
    /// that differ are all conflicts, and if conflicts are applied the last row wins. Each row
    /// of a group names a few of the others and how many there are, so a file of one ID on
    /// every row costs a line per row, not the square of the rows.
    fn settle_groups(&mut self) {
        let mut groups: Vec<Group> = std::mem::take(&mut self.groups).into_values().collect();
        groups.sort_by_key(|g| g.rows[0].0);
        let listed: HashMap<u32, usize> = self
            .listed
            .iter()
            .enumerate()
            .map(|(at, (i, _))| (*i, at))
            .collect();
        let steps: HashMap<u32, usize> = self
            .steps
            .iter()
            .enumerate()
            .map(|(at, s)| (s.row, at))
            .collect();
        for group in groups {
            let same = group.rows.iter().all(|r| r.2 == group.rows[0].2);
            let mut places = group.places.join("、");
            if group.rows.len() > PLACES_SHOWN {
                places.push_str(&format!(" 等 {} 处", group.rows.len()));
            }
            let last = group.rows.len() - 1;
            for (i, &(index, before, _)) in group.rows.iter().enumerate() {
                let (kind, superseded, reason) = match (same, i) {
                    (true, 0) => continue,
                    (true, _) => (
                        RowKind::Unchanged,
                        true,
                        format!("与{places}重复，只导入一次"),
                    ),
                    (false, _) => (
                        RowKind::Conflict,
                        i < last,
                        format!(
                            "同一{}在文件中出现多次且内容不同：{places}；若仍导入，以最后一行为准",
                            T::KEY_LABEL
                        ),
                    ),
                };
                self.counts[slot(before)] -= 1;
                self.counts[slot(kind)] += 1;
                if same {
                    self.repeats += 1;
                }
                if let Some(&at) = listed.get(&index) {
                    let row = &mut self.listed[at].1;
                    row.kind = kind;
                    row.reason = reason;
                    if same {
                        row.changes.clear();
                    }
                }
                if let Some(&at) = steps.get(&index) {
                    self.steps[at].kind = kind;
                    self.steps[at].superseded = superseded;
                }
            }
        }
    }

    /// A row that goes in without some required field (the file has no column for it) is a
    /// warning row: 待补录, naming the fields.
    fn incomplete_warning(&mut self, record: &Record, labels: &[String]) {
        self.note(Issue {
            sheet: record.sheet.to_string(),
            row: record.row,
            column: String::new(),
            header: String::new(),
            level: Level::Warning,
            message: format!(
                "待补录：表中没有“{}”列，该记录导入后标为待补录，请日后补全",
                labels.join("”“")
            ),
        });
        if record.level.is_none() {
            self.moved.ok_to_warning += 1;
        }
    }

    /// A row that reads well but breaks a register rule becomes an error row of the report.
    fn rule_errors(
        &mut self,
        sheet: &SheetReport,
        record: &Record,
        errors: &[(String, String)],
    ) -> String {
        for (field, message) in errors {
            let column = sheet.mapped.iter().find(|m| m.field == *field);
            self.note(Issue {
                sheet: record.sheet.to_string(),
                row: record.row,
                column: column.map(|c| c.column.clone()).unwrap_or_default(),
                header: column.map(|c| c.header.clone()).unwrap_or_default(),
                level: Level::Error,
                message: match (column, T::fields().iter().find(|f| f.key == field)) {
                    (None, Some(f)) => format!(
                        "{message}（表中没有“{0}”列；若另一列就是它，请在导入向导的“识别结果”中把该列对应到“{0}”，或把该列表头改为“{0}”）",
                        f.label
                    ),
                    _ => message.clone(),
                },
            });
        }
        match record.level {
            None => self.moved.ok_to_error += 1,
            Some(Level::Warning) => self.moved.warning_to_error += 1,
            Some(Level::Error) => {}
        }
        errors
            .iter()
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// Rows the register's rules move between the dry run's ok / warning / error counts.
#[derive(Default)]
struct Moved {
    ok_to_warning: u32,
    ok_to_error: u32,
    warning_to_error: u32,
}

/// How many rows of a same-key group a row's reason names.
const PLACES_SHOWN: usize = 5;
/// The fields whose text differs, sensitive ones masked.
pub(super) fn diff<T: Target>(office: &Office, old: &T::Input, new: &T::Input) -> Vec<FieldChange> {
    T::fields()
        .iter()
        .filter_map(|f| {
            let (before, after) = (T::text(office, old, f.key), T::text(office, new, f.key));
            (before != after).then(|| FieldChange {
                field: f.key.to_owned(),
                label: f.label.to_owned(),
                before: f.kind.masked(&before),
                after: f.kind.masked(&after),
            })
        })
        .collect()
}

fn lacking_labels<T: Target>(keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| {
            T::fields()
                .iter()
                .find(|f| f.key == *k)
                .map_or_else(|| (*k).to_owned(), |f| f.label.to_owned())
        })
        .collect()
}

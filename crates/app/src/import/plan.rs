//! The preview of an import: every row of the file against the register, as new, changed (field
//! by field), unchanged, in conflict, or in error. Nothing is written here.

use std::collections::HashMap;

use serde::Serialize;
use taizhang_core::progress::{Progress, Stage};
use taizhang_db::{import_batch, Db};
use taizhang_excel::check::{ImportReport, Issue, Level, Record, Resolve};
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
    /// For changed rows and conflicts: the fields that differ, old → new (IDs, phones and home addresses masked).
    pub changes: Vec<FieldChange>,
    /// Why a row is in conflict or in error.
    pub reason: String,
    /// Labels of the required fields the record will still lack (待补录): the file has no
    /// column for them.
    pub lacking: Vec<String>,
}

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
    /// Every data row except the unchanged ones, in file order.
    pub diffs: Vec<RowPlan>,
}

/// A row's planned write.
pub(super) struct Step<I> {
    pub kind: RowKind,
    pub stored: Option<Stored<I>>,
    pub input: I,
    pub key: String,
    /// For same-key conflicts: a later row of the file has the same key (the last row wins).
    pub superseded: bool,
    /// Required fields the record still lacks (待补录), by key.
    pub lacking: Vec<&'static str>,
}

pub(super) struct Plan<I> {
    pub preview: ImportPreview,
    pub steps: Vec<Step<I>>,
    /// Units the import creates first, in its transaction.
    pub new_units: Vec<super::orgs::NewUnit>,
    /// The values the clerk decided, remembered with the layout once applied.
    pub confirmed_values: super::ValueChoices,
    /// Dictionary entries the clerk added in the value step, written first in its transaction.
    pub new_dict_entries: Vec<(taizhang_core::dict::Dict, String)>,
}

/// Compares the file's records with the register. `saved_at` is when the file was last saved
/// (local time, `YYYY-MM-DD HH:MM:SS`): a record edited after that is a conflict.
pub(super) fn plan<T: Target>(
    db: &Db,
    ctx: &Ctx,
    office: &Office,
    (mut report, records): (ImportReport, Vec<Record>),
    saved_at: Option<&str>,
    progress: &dyn Progress,
) -> Result<Plan<T::Input>> {
    let stored = T::stored(db)?;
    let total = records.len();
    let mut rows = Vec::with_capacity(records.len());
    let mut steps: Vec<Step<T::Input>> = Vec::new();
    // Row index → step index, for rows that have a step.
    let mut step_of_row = Vec::with_capacity(records.len());
    // Each error row's messages, gathered once (not a scan of every issue per row).
    let mut errors_at: HashMap<(&str, u32), Vec<&str>> = HashMap::new();
    for i in report.issues.iter().filter(|i| i.level == Level::Error) {
        errors_at
            .entry((i.sheet.as_str(), i.row))
            .or_default()
            .push(&i.message);
    }
    let mut error_reasons: HashMap<(String, u32), String> = errors_at
        .into_iter()
        .map(|((sheet, row), messages)| ((sheet.to_owned(), row), messages.join("；")))
        .collect();
    // What each sheet's name stands for, resolved once per sheet.
    let sheet_field = T::SHEET_NAMES.and_then(|k| T::fields().iter().find(|f| f.key == k));
    let mut sheet_values: HashMap<String, Option<String>> = HashMap::new();
    // The fields each sheet has a column for: a required field it lacks may be completed later.
    let columns: HashMap<String, Vec<String>> = report
        .sheets
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.mapped.iter().map(|m| m.field.clone()).collect(),
            )
        })
        .collect();
    for (i, mut record) in records.into_iter().enumerate() {
        if progress.stop_at(Stage::Compare, i, total) {
            return Err(AppError::cancelled());
        }
        if let Some(field) = sheet_field {
            let value = sheet_values
                .entry(record.sheet.to_string())
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
            changes: Vec::new(),
            reason: String::new(),
            lacking: Vec::new(),
        };
        if record.level == Some(Level::Error) {
            row.reason = error_reasons
                .remove(&(row.sheet.clone(), row.row))
                .unwrap_or_default();
            step_of_row.push(None);
            rows.push(row);
            continue;
        }
        let base = stored.get(&key);
        let has_column = columns.get(&*record.sheet);
        let absent = |f: &str| has_column.is_none_or(|c| !c.iter().any(|k| k == f));
        match T::merge_partial(
            office,
            base.filter(|s| !s.deleted).map(|s| &s.input),
            &record.values,
            ctx.today,
            &absent,
        ) {
            Err(errors) => {
                row.reason = rule_errors(&mut report, T::fields(), &record, &errors);
                step_of_row.push(None);
            }
            Ok((input, lacking)) => {
                if !lacking.is_empty() {
                    row.lacking = lacking_labels::<T>(&lacking);
                    incomplete_warning(&mut report, &record, &row.lacking);
                }
                let (kind, changes) = match base {
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
                row.kind = kind;
                row.changes = changes;
                if base.is_some_and(|s| s.deleted) {
                    row.reason = "该记录在回收站中，导入后将恢复".into();
                }
                step_of_row.push(Some(steps.len()));
                steps.push(Step {
                    kind,
                    stored: base.cloned(),
                    input,
                    key,
                    superseded: false,
                    lacking,
                });
            }
        }
        rows.push(row);
    }
    same_key_conflicts::<T>(&mut steps, &mut rows, &step_of_row);
    newer_edit_conflicts::<T>(db, &mut steps, &mut rows, &step_of_row, saved_at)?;

    let count = |k: RowKind| rows.iter().filter(|r| r.kind == k).count() as u32;
    let preview = ImportPreview {
        new: count(RowKind::New),
        changed: count(RowKind::Changed),
        unchanged: count(RowKind::Unchanged),
        conflicts: count(RowKind::Conflict),
        incomplete: rows
            .iter()
            .filter(|r| !r.lacking.is_empty() && r.kind != RowKind::Error)
            .count() as u32,
        unknown_orgs: Vec::new(),
        unknown_values: Vec::new(),
        diffs: rows
            .into_iter()
            .filter(|r| r.kind != RowKind::Unchanged || !r.reason.is_empty())
            .collect(),
        report,
    };
    Ok(Plan {
        preview,
        steps,
        new_units: Vec::new(),
        confirmed_values: Default::default(),
        new_dict_entries: Vec::new(),
    })
}

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

/// A row that goes in without some required field (the file has no column for it) is a
/// warning row: 待补录, naming the fields.
fn incomplete_warning(report: &mut ImportReport, record: &Record, labels: &[String]) {
    report.issues.push(Issue {
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
        report.rows.ok -= 1;
        report.rows.warning += 1;
    }
}

/// A row that reads well but breaks a register rule becomes an error row of the report.
fn rule_errors(
    report: &mut ImportReport,
    fields: &[taizhang_core::import::FieldSpec],
    record: &Record,
    errors: &[(String, String)],
) -> String {
    let sheet = report.sheets.iter().find(|s| *s.name == *record.sheet);
    for (field, message) in errors {
        let column = sheet.and_then(|s| s.mapped.iter().find(|m| m.field == *field));
        report.issues.push(Issue {
            sheet: record.sheet.to_string(),
            row: record.row,
            column: column.map(|c| c.column.clone()).unwrap_or_default(),
            header: column.map(|c| c.header.clone()).unwrap_or_default(),
            level: Level::Error,
            message: match (column, fields.iter().find(|f| f.key == field)) {
                (None, Some(f)) => format!(
                    "{message}（表中没有“{0}”列；若另一列就是它，请在导入向导的“识别结果”中把该列对应到“{0}”，或把该列表头改为“{0}”）",
                    f.label
                ),
                _ => message.clone(),
            },
        });
    }
    match record.level {
        None => report.rows.ok -= 1,
        Some(Level::Warning) => report.rows.warning -= 1,
        Some(Level::Error) => {}
    }
    report.rows.error += 1;
    errors
        .iter()
        .map(|(_, m)| m.as_str())
        .collect::<Vec<_>>()
        .join("；")
}

/// The same key on several rows: identical rows are repeats (the first one counts); rows that
/// differ are all conflicts, and if conflicts are applied the last row wins.
/// How many rows of a same-key group a row's reason names.
const PLACES_SHOWN: usize = 5;

fn same_key_conflicts<T: Target>(
    steps: &mut [Step<T::Input>],
    rows: &mut [RowPlan],
    step_of_row: &[Option<usize>],
) {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (r, s) in step_of_row.iter().enumerate() {
        if let Some(s) = *s {
            by_key.entry(steps[s].key.as_str()).or_default().push(r);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_key.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        let step = |r: usize| step_of_row[r].unwrap_or_default();
        let first = step(group[0]);
        let same = group[1..]
            .iter()
            .all(|&r| steps[step(r)].input == steps[first].input);
        // Each row of the group repeats where the others are: a few of them, and how many, so
        // a file of one ID on every row costs a line per row, not the square of the rows.
        let mut places = group
            .iter()
            .take(PLACES_SHOWN)
            .map(|&r| format!("{} 第 {} 行", rows[r].sheet, rows[r].row))
            .collect::<Vec<_>>()
            .join("、");
        if group.len() > PLACES_SHOWN {
            places.push_str(&format!(" 等 {} 处", group.len()));
        }
        for (i, &r) in group.iter().enumerate() {
            let s = step(r);
            if same {
                if i > 0 {
                    steps[s].kind = RowKind::Unchanged;
                    steps[s].superseded = true;
                    rows[r].kind = RowKind::Unchanged;
                    rows[r].changes.clear();
                    rows[r].reason = format!("与{}重复，只导入一次", places);
                }
            } else {
                steps[s].kind = RowKind::Conflict;
                steps[s].superseded = i + 1 < group.len();
                rows[r].kind = RowKind::Conflict;
                rows[r].reason = format!(
                    "同一{}在文件中出现多次且内容不同：{places}；若仍导入，以最后一行为准",
                    T::KEY_LABEL
                );
            }
        }
    }
}

/// A change to a record edited after the file was saved would overwrite that edit.
fn newer_edit_conflicts<T: Target>(
    db: &Db,
    steps: &mut [Step<T::Input>],
    rows: &mut [RowPlan],
    step_of_row: &[Option<usize>],
    saved_at: Option<&str>,
) -> Result<()> {
    let Some(saved_at) = saved_at else {
        return Ok(());
    };
    for (r, s) in step_of_row.iter().enumerate() {
        let Some(s) = *s else { continue };
        let step = &mut steps[s];
        if step.kind != RowKind::Changed {
            continue;
        }
        let Some(stored) = &step.stored else { continue };
        if let Some((at, actor)) = import_batch::last_edit(db.conn(), T::ENTITY, stored.id)? {
            if at.as_str() > saved_at {
                step.kind = RowKind::Conflict;
                rows[r].kind = RowKind::Conflict;
                rows[r].reason = format!(
                    "该记录于 {at} 由 {actor} 修改，晚于文件的保存时间 {saved_at}；导入会覆盖那次修改"
                );
            }
        }
    }
    Ok(())
}

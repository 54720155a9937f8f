//! Import: what a file is, what each of its rows would do to a register (the preview), applying
//! the rows the user chose as one batch, and undoing a batch.
//!
//! The engine is generic over [`Target`] and names no register; a register plugs in by
//! implementing it (see `party_member/import.rs`) and adding a `crate::registers::Register`
//! variant.

mod batch;
mod office;
mod orgs;
mod plan;
mod target;
mod values;

use std::{collections::BTreeMap, path::Path};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use taizhang_core::{
    import::header_key,
    progress::{Progress, Quiet, Stage, Tick},
};
use taizhang_db::{
    import_batch::{self, ImportBatch},
    Db,
};
use taizhang_excel::{
    check::{self, Options, SheetReport},
    table::Mapping,
    Workbook,
};
use ts_rs::TS;

pub use batch::{Choice, ENTITY};
pub use office::{Known, Office};
pub use orgs::{OrgChoice, UnknownOrg};
pub use plan::{FieldChange, ImportPreview, RowKind, RowPlan, LISTED};
pub use target::{fill_texts, Merged, Stored, Target};
pub use values::{UnknownValue, ValueChoices};

use crate::{files::file_name, AppError, Ctx, ErrorCode, Result};

/// A register field a column can be mapped to, for the wizard's dropdowns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FieldChoice {
    pub key: String,
    pub label: String,
    pub required: bool,
}

/// The fields of a register, in the order of its template.
pub fn field_choices<T: Target>() -> Vec<FieldChoice> {
    T::fields()
        .iter()
        .map(|f| FieldChoice {
            key: f.key.to_owned(),
            label: f.label.to_owned(),
            required: f.required,
        })
        .collect()
}

/// A file read for import, within the size a spreadsheet may have.
pub(crate) fn open(path: &Path) -> Result<Workbook> {
    Ok(load(path, &Quiet)?.book)
}

/// A file read for import: its sheets, and what identifies it.
struct Loaded {
    book: Workbook,
    file_name: String,
    content_hash: String,
    /// When the file was last saved, local time: records edited later are conflicts.
    saved_at: Option<String>,
}

fn load(path: &Path, progress: &dyn Progress) -> Result<Loaded> {
    let read = |done| Tick {
        stage: Stage::Read,
        done,
        total: 1,
    };
    progress.report(read(0));
    let file_name = file_name(path);
    let bytes = crate::files::read_sheet(path)?;
    let content_hash = format!("{:x}", Sha256::digest(&bytes));
    let saved_at = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        });
    let book = taizhang_excel::read(bytes)
        .map_err(|e| AppError::new(ErrorCode::BadFile, format!("{file_name}：{e}")))?;
    progress.report(read(1));
    if progress.cancelled() {
        return Err(AppError::cancelled());
    }
    Ok(Loaded {
        book,
        file_name,
        content_hash,
        saved_at,
    })
}

/// What the user chose before the preview: one sheet (else every visible one), corrections
/// to the column mapping (header text → field key, "" for a column not to import), and what
/// to do with organisation units the file names that the office lacks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    pub mapping: BTreeMap<String, String>,
    /// Per unknown unit name as the file writes it: create it, or read it as an existing unit.
    pub orgs: BTreeMap<String, OrgChoice>,
    /// Create every unknown unit no choice names, under the parent the file or the tree gives.
    pub add_missing_orgs: bool,
    /// The label each value stands for, per field (the value step): field key → (as written →
    /// label).
    pub values: ValueChoices,
    /// Take every suggested label (by rule or closeness) without asking.
    pub accept_suggestions: bool,
}

/// The preview, and what was applied: `taizhang import … --json` prints this.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportOutcome {
    #[serde(flatten)]
    pub preview: ImportPreview,
    /// Records written (0 for a preview).
    pub applied: u32,
    pub batch_id: Option<i64>,
    /// SHA-256 of the file: applying refuses a file changed since its preview.
    pub content_hash: String,
}

/// `taizhang import REGISTER FILE --dry-run`: every row's verdict and what it would change;
/// nothing written.
pub fn preview<T: Target>(
    db: &Db,
    ctx: &Ctx,
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportOutcome> {
    let loaded = load(path, progress)?;
    let preview = plan_of::<T>(db, ctx, (&loaded, plan::Keep::Preview), options, progress)?.preview;
    Ok(ImportOutcome {
        preview,
        applied: 0,
        batch_id: None,
        content_hash: loaded.content_hash,
    })
}

/// What to apply: the rows the user chose, of the file as previewed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Approval<'a> {
    pub choice: Choice,
    /// The file's SHA-256 as the preview saw it: a file changed since is refused.
    pub expected_hash: Option<&'a str>,
}

/// Applies the chosen rows of a file in one transaction, as one batch. Cancelling leaves the
/// register as it was.
pub fn apply<T: Target>(
    db: &mut Db,
    ctx: &Ctx,
    path: &Path,
    options: &ImportOptions,
    approval: Approval,
    progress: &dyn Progress,
) -> Result<ImportOutcome> {
    let (choice, expected_hash) = (approval.choice, approval.expected_hash);
    let loaded = load(path, progress)?;
    if expected_hash.is_some_and(|h| h != loaded.content_hash) {
        return Err(AppError::conflict(format!(
            "{} 在预览之后被修改过，请重新预览再导入",
            loaded.file_name
        )));
    }
    apply_as::<T>(db, ctx, loaded, options, choice, progress)
}

fn apply_as<T: Target>(
    db: &mut Db,
    ctx: &Ctx,
    loaded: Loaded,
    options: &ImportOptions,
    choice: Choice,
    progress: &dyn Progress,
) -> Result<ImportOutcome> {
    let plan = plan_of::<T>(db, ctx, (&loaded, plan::Keep::Steps), options, progress)?;
    // The rows now live in the plan's steps; the file's cells are not needed any more.
    drop(loaded.book);
    let source = batch::Source {
        register: T::CLI_NAME,
        file_name: &loaded.file_name,
        content_hash: &loaded.content_hash,
    };
    // A copy of the database as it was, for the import that turns out to be wrong.
    crate::backup::take(db, taizhang_core::backup::Reason::BeforeImport)?;
    let (batch_id, applied) = batch::apply::<T>(db, ctx, &plan, choice, &source, progress)?;
    if batch_id.is_some() {
        remember_mappings::<T>(db, &plan.preview.report.sheets, &plan.confirmed_values)?;
    }
    Ok(ImportOutcome {
        preview: plan.preview,
        applied,
        batch_id,
        content_hash: loaded.content_hash,
    })
}

fn plan_of<T: Target>(
    db: &Db,
    ctx: &Ctx,
    (loaded, keep): (&Loaded, plan::Keep),
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<plan::Plan<T::Input>> {
    let book = &loaded.book;
    if let Some(name) = &options.sheet {
        if !book.sheets.iter().any(|s| &s.name == name) {
            let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            return Err(AppError::new(
                ErrorCode::Validation,
                format!("文件中没有名为“{name}”的工作表；有：{}", names.join("、")),
            ));
        }
    }
    let mut office = Office::load(db, ctx.today)?;
    let mut mapping = remembered_mapping::<T>(db, book)?;
    mapping.extend(
        options
            .mapping
            .iter()
            .map(|(header, field)| (header_key(header), field.clone())),
    );
    let check_options = Options {
        sheet: options.sheet.clone(),
        keep_records: true,
        mapping,
        year: Some(chrono::Datelike::year(&ctx.today)),
        ..Options::default()
    };
    let sheet_field = T::SHEET_NAMES.and_then(|k| T::fields().iter().find(|f| f.key == k));
    let found = orgs::find(book, T::fields(), sheet_field, &check_options, &office);
    let remembered = remembered_choices::<T>(db, book)?;
    let units = orgs::decide(
        found,
        (&options.orgs, &remembered),
        options.add_missing_orgs,
        &mut office,
        taizhang_db::org::next_id(db.conn())?,
    );
    let decided = values::decide(
        book,
        T::fields(),
        &check_options,
        (&options.values, &remembered),
        options.accept_suggestions,
        &mut office,
    );
    let mut planner = plan::Planner::<T>::new(
        (db, ctx, &office),
        keep,
        loaded.saved_at.as_deref(),
        progress,
    )?;
    let report = check::dry_run_each(
        book,
        T::fields(),
        &office,
        &check_options,
        progress,
        &mut |sheet, record, issues| planner.take(sheet, record, issues),
    );
    let mut plan = planner.finish(report)?;
    plan.preview.unknown_orgs = units.listed;
    plan.preview.unknown_values = decided.listed;
    plan.confirmed_values = decided.confirmed;
    plan.confirmed_values.extend(units.maps);
    plan.new_dict_entries = decided.new_entries;
    plan.new_units = units.created;
    Ok(plan)
}

/// The mappings remembered for the layouts of the file's sheets: what an import, or a template
/// filled on export, of the same layout starts from.
pub(crate) fn remembered_mapping<T: Target>(db: &Db, book: &Workbook) -> Result<Mapping> {
    let mut mapping = Mapping::new();
    for fingerprint in check::fingerprints(book, T::fields()) {
        if let Some(json) = import_batch::mapping(db.conn(), T::CLI_NAME, &fingerprint)? {
            let remembered: Mapping = serde_json::from_str(&json).unwrap_or_default();
            mapping.extend(remembered);
        }
    }
    Ok(mapping)
}

/// The values chosen before for the layouts of the file's sheets.
fn remembered_choices<T: Target>(db: &Db, book: &Workbook) -> Result<ValueChoices> {
    let mut choices = ValueChoices::new();
    for fingerprint in check::fingerprints(book, T::fields()) {
        if let Some(json) = import_batch::choices(db.conn(), T::CLI_NAME, &fingerprint)? {
            let remembered: ValueChoices = serde_json::from_str(&json).unwrap_or_default();
            for (field, values) in remembered {
                choices.entry(field).or_default().extend(values);
            }
        }
    }
    Ok(choices)
}

/// Remembers each imported sheet's mapping, and the values chosen, under its layout's
/// fingerprint.
fn remember_mappings<T: Target>(
    db: &mut Db,
    sheets: &[SheetReport],
    values: &ValueChoices,
) -> Result<()> {
    let choices = serde_json::to_string(values).unwrap_or_default();
    db.write(|tx| {
        for s in sheets.iter().filter(|s| !s.fingerprint.is_empty()) {
            let mapping: Mapping = s
                .mapped
                .iter()
                .map(|m| (header_key(&m.header), m.field.clone()))
                .chain(
                    s.unmapped
                        .iter()
                        .map(|u| (header_key(&u.header), String::new())),
                )
                .collect();
            let json = serde_json::to_string(&mapping).unwrap_or_default();
            import_batch::remember_mapping(tx, T::CLI_NAME, &s.fingerprint, (&json, &choices))?;
        }
        Ok(())
    })
}

/// Writes a copy of the file with a 错误原因 column and the cells at fault marked, keyed to the
/// file's own rows, so the clerk can fix them and import again. Returns the rows marked.
pub fn write_errors<T: Target>(
    db: &Db,
    ctx: &Ctx,
    path: &Path,
    options: &ImportOptions,
    out: &Path,
) -> Result<u32> {
    let loaded = load(path, &Quiet)?;
    let preview = plan_of::<T>(db, ctx, (&loaded, plan::Keep::Issues), options, &Quiet)?.preview;
    taizhang_excel::write::error_copy(out, &loaded.book, &preview.report)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("{}：{e}", out.display())))
}

/// Where the app puts a file's error report: beside it, as `名称-错误原因.xlsx` (numbered when
/// that name is taken), so the clerk finds it next to the file they are fixing.
pub fn errors_beside(path: &Path) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem}-错误原因.xlsx")),
            n => dir.join(format!("{stem}-错误原因（{n}）.xlsx")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}-错误原因.xlsx")))
}

/// The import history, newest first.
pub fn batches(db: &Db) -> Result<Vec<ImportBatch>> {
    Ok(import_batch::list(db.conn())?)
}

/// Undoes a batch of register `T` as a whole; returns the number of records put back.
pub fn undo<T: Target>(db: &mut Db, ctx: &Ctx, batch_id: i64) -> Result<u32> {
    batch::undo::<T>(db, ctx, batch_id)
}

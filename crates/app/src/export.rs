//! Excel out: a register (or a filtered view of it) as a styled workbook, and the register's
//! import template. Generic over the import [`Target`], so a cell exported is a cell that
//! imports back to the same value.

use std::path::Path;

use serde::Serialize;
use taizhang_core::{
    audit::AuditAction,
    import::{FieldKind, FieldSpec},
};
use taizhang_db::{
    audit::{self, NewEntry},
    setting, Db,
};
use taizhang_excel::{
    blanks, fill,
    write::{self, ColumnKind, OutColumn, OutTable, TextSheet},
};
use ts_rs::TS;

use crate::{
    import::{Office, Target},
    AppError, Ctx, ErrorCode, Result,
};

/// What to export and how: `taizhang export REGISTER OUT.xlsx [--search TEXT] [--unmasked REASON]
/// [--into THEIR_TEMPLATE.xlsx]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// The records a search finds (all when empty), in list order.
    pub search: &'a str,
    /// Full IDs, phones and home addresses, and why (recorded in the access log).
    pub unmasked: Option<&'a str>,
    /// Fill this workbook (a higher level's form) instead of writing our own layout.
    pub template: Option<&'a Path>,
    /// The day derived fields (年龄, 党龄) are computed for; the export's day when None.
    pub as_of: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Exported {
    pub path: String,
    pub rows: u32,
    /// IDs, phones and home addresses were masked.
    pub masked: bool,
    /// For a filled template: the sheet filled, and its columns no register field fills (left
    /// empty).
    pub sheet: Option<String>,
    pub unknown_columns: Vec<String>,
    /// For a filled template: the form's own blanks filled in (填报单位：交口街道).
    pub filled_in: Vec<String>,
}

fn kind_of(f: &FieldSpec) -> ColumnKind {
    match f.kind {
        FieldKind::Date => ColumnKind::Date,
        _ => ColumnKind::Text,
    }
}

fn width_of(f: &FieldSpec) -> f64 {
    match f.kind {
        FieldKind::IdNumber => 21.0,
        FieldKind::Phone => 14.0,
        FieldKind::Date => 12.0,
        FieldKind::Org(_) => 22.0,
        _ => (f.label.chars().count() as f64 * 2.2 + 2.0).max(10.0),
    }
}

/// A register's columns as we write them; for an import template, with dropdowns and without
/// the derived fields.
fn columns<T: Target>(office: &Office, dropdowns: bool) -> Vec<OutColumn> {
    T::fields()
        .iter()
        .filter(|f| !(dropdowns && T::DERIVED.contains(&f.key)))
        .map(|f| OutColumn {
            header: f.label.to_owned(),
            kind: kind_of(f),
            width: width_of(f),
            choices: if dropdowns {
                choices(office, f)
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// The values a field may take, for a dropdown; empty for free text.
fn choices(office: &Office, f: &FieldSpec) -> Vec<String> {
    let owned = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
    match f.kind {
        FieldKind::Choice(labels) => owned(labels),
        FieldKind::Sex => owned(&["男", "女"]),
        FieldKind::Bool => owned(&["是", "否"]),
        FieldKind::Dict(d) => office.dict_values(d).to_vec(),
        FieldKind::Org(kind) => office.org_names(kind),
        _ => Vec::new(),
    }
}

pub(crate) fn office_name(db: &Db) -> Result<String> {
    Ok(setting::get(db.conn(), setting::OFFICE_NAME)?.unwrap_or_default())
}

/// What a higher level's form's own blanks are filled with: the office's name, today as forms
/// write it, and the month a report covers (`None` for a register).
pub(crate) fn form_blanks(db: &Db, ctx: &Ctx, month: Option<String>) -> Result<blanks::Values> {
    Ok(blanks::Values {
        unit: office_name(db)?,
        date: ctx.today.format("%Y年%-m月%-d日").to_string(),
        month,
    })
}

fn io(path: &Path, message: String) -> AppError {
    AppError::new(ErrorCode::Io, format!("{}：{message}", path.display()))
}

/// What a register's export masks, as a clerk reads it: "身份证号、电话、住址".
fn sensitive<T: Target>() -> String {
    [
        (FieldKind::IdNumber, "身份证号"),
        (FieldKind::Phone, "电话"),
        (FieldKind::Address, "住址"),
    ]
    .into_iter()
    .filter(|(kind, _)| T::fields().iter().any(|f| f.kind == *kind))
    .map(|(_, label)| label)
    .collect::<Vec<_>>()
    .join("、")
}

/// A field's text as exported: IDs, phones and home addresses masked unless `unmasked`.
pub(crate) fn cell<T: Target>(
    office: &Office,
    input: &T::Input,
    f: &FieldSpec,
    unmasked: bool,
) -> String {
    let v = T::text(office, input, f.key);
    if unmasked {
        v
    } else {
        f.kind.masked(&v)
    }
}

/// The labels and texts (masked) of `keys` for each of `inputs`: what a printed table shows, read
/// the way an export reads it.
pub(crate) fn texts<T: Target>(
    db: &Db,
    ctx: &Ctx,
    inputs: &[T::Input],
    keys: &[&str],
) -> Result<(Vec<&'static str>, Vec<Vec<String>>)> {
    let office = Office::load(db, ctx.today)?;
    let fields: Vec<&FieldSpec> = keys
        .iter()
        .filter_map(|k| T::fields().iter().find(|f| f.key == *k))
        .collect();
    let rows = inputs
        .iter()
        .map(|input| {
            fields
                .iter()
                .map(|f| cell::<T>(&office, input, f, false))
                .collect()
        })
        .collect();
    Ok((fields.iter().map(|f| f.label).collect(), rows))
}

/// The records an export writes, in order, and how many (the sheet's note says 共 N 条 above
/// the first row). A record that could not be read ends the rows with its error.
pub(crate) struct Records<'a, I> {
    pub count: usize,
    pub rows: Box<dyn Iterator<Item = Result<I>> + 'a>,
}

impl<'a, I: 'a> From<Vec<I>> for Records<'a, I> {
    fn from(all: Vec<I>) -> Self {
        Self {
            count: all.len(),
            rows: Box::new(all.into_iter().map(Ok)),
        }
    }
}

/// Records read ahead of the writer: enough to keep it busy, few enough to hold little memory.
const READ_AHEAD: usize = 1024;

/// Reads an export's records on a second connection, on a thread of its own, while `write`
/// writes them to the file: reading 100,000 members is a third of an export's time, and the PC
/// has a second core. `count` and `each` run in one read transaction, so the note's count and
/// the rows agree. Without a second connection (a database in memory) they run first, here.
pub(crate) fn overlapped<I: Send, R>(
    db: &mut Db,
    count: impl FnOnce(&Db) -> Result<usize>,
    each: impl FnOnce(&Db, &mut dyn FnMut(I) -> bool) -> Result<()> + Send,
    write: impl FnOnce(&mut Db, Records<'_, I>) -> Result<R>,
) -> Result<R> {
    let reader = db.readers().and_then(|r| match r.open_large() {
        Ok(reader) => Some(reader),
        Err(e) => {
            tracing::warn!(error = %e, "no second connection for an export; reading first");
            None
        }
    });
    let Some(reader) = reader else {
        let mut all = Vec::new();
        each(db, &mut |i| {
            all.push(i);
            true
        })?;
        return write(db, all.into());
    };
    reader
        .conn()
        .execute_batch("BEGIN")
        .map_err(taizhang_db::DbError::from)?;
    let count = count(&reader)?;
    let (send, receive) = std::sync::mpsc::sync_channel::<Result<I>>(READ_AHEAD);
    std::thread::scope(|s| {
        s.spawn(move || {
            // A writer that stopped (its disk full) drops the receiver: reading stops too.
            let read = each(&reader, &mut |i| send.send(Ok(i)).is_ok());
            if let Err(e) = read {
                let _ = send.send(Err(e));
            }
        });
        write(
            db,
            Records {
                count,
                rows: Box::new(receive.into_iter()),
            },
        )
    })
}

/// Writes `records` to `path` — in our layout, or into `request.template` — IDs, phones and
/// addresses masked unless asked; the export is recorded in the audit trail (with the choice to
/// unmask). `scope` says what was exported (检索条件). A record that could not be read leaves
/// no file and no entry.
pub(crate) fn register<T: Target>(
    db: &mut Db,
    ctx: &Ctx,
    path: &Path,
    title: &str,
    records: Records<'_, T::Input>,
    request: Request,
    scope: &str,
) -> Result<Exported> {
    // An export is recorded in the trail: a user who may not write gets no file either.
    db.writable()?;
    let office = Office::load(db, request.as_of.unwrap_or(ctx.today))?;
    let reason = match request.unmasked {
        Some(why) => {
            crate::user::may_reveal(db, ctx)?;
            Some(crate::access::reason(why)?)
        }
        None => None,
    };
    let unmasked = reason.is_some();
    let failed = std::cell::Cell::new(None);
    let count = records.count;
    let mut inputs = records
        .rows
        .map_while(|r| r.map_err(|e| failed.set(Some(e))).ok());
    let (written, sheet, unknown_columns, filled_in) = match request.template {
        Some(template) => {
            let blanks = form_blanks(db, ctx, None)?;
            let (written, filled) =
                into_template::<T>(db, &office, (template, blanks), path, &mut inputs, unmasked)?;
            // A column the form computes itself is not one left empty.
            let unknown = filled
                .unknown()
                .into_iter()
                .filter(|h| !written.computed.contains(h))
                .collect();
            (
                written.rows,
                Some(filled.sheet.clone()),
                unknown,
                written.filled_in,
            )
        }
        None => {
            let rows = (count, &mut inputs as &mut dyn Iterator<Item = T::Input>);
            let written = own_layout::<T>(db, ctx, &office, path, title, rows, unmasked)?;
            (written, None, Vec::new(), Vec::new())
        }
    };
    if let Some(e) = failed.take() {
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    db.write(|tx| {
        audit::record(
            tx,
            NewEntry {
                actor: &ctx.actor,
                place: &ctx.place,
                action: if unmasked {
                    AuditAction::Reveal
                } else {
                    AuditAction::Export
                },
                entity: T::ENTITY,
                entity_id: 0,
                summary: format!(
                    "导出 {written} 条{}到 {}（{}{}{}）",
                    T::ENTITY,
                    path.display(),
                    if scope.is_empty() { "全部" } else { scope },
                    match request.template {
                        Some(t) => format!("，填入模板 {}", t.display()),
                        None => String::new(),
                    },
                    match reason {
                        Some(why) => format!("，含完整{}；原因：{why}", sensitive::<T>()),
                        None => format!("，{}已隐去部分", sensitive::<T>()),
                    }
                ),
                changes: Default::default(),
            },
        )
    })?;
    Ok(Exported {
        path: path.display().to_string(),
        rows: written,
        masked: !unmasked,
        sheet,
        unknown_columns,
        filled_in,
    })
}

/// Fills a higher level's template: its table found and mapped like an imported file (synonyms,
/// then the mapping remembered for its layout), our rows written beneath its header.
fn into_template<T: Target>(
    db: &Db,
    office: &Office,
    (template, blanks): (&Path, blanks::Values),
    path: &Path,
    inputs: &mut dyn Iterator<Item = T::Input>,
    unmasked: bool,
) -> Result<(fill::Written, fill::Layout)> {
    let bad = |e: String| AppError::new(ErrorCode::BadFile, format!("{}：{e}", template.display()));
    let book = taizhang_excel::read(crate::files::read_sheet(template)?)
        .map_err(|e| bad(e.to_string()))?;
    let mapping = crate::import::remembered_mapping::<T>(db, &book)?;
    let layout = fill::layout(&book, T::fields(), &mapping).map_err(bad)?;
    let fields: Vec<Option<&FieldSpec>> = layout
        .columns
        .iter()
        .map(|c| T::fields().iter().find(|f| Some(f.key) == c.field))
        .collect();
    let mut rows = inputs.map(|input| {
        fields
            .iter()
            .map(|f| {
                f.map(|f| cell::<T>(office, &input, f, unmasked))
                    .unwrap_or_default()
            })
            .collect()
    });
    if path == template {
        return Err(AppError::new(
            ErrorCode::Validation,
            "请另选一个保存位置，不要覆盖上级发来的模板",
        ));
    }
    let mut filling = fill::Filling {
        rows: &mut rows,
        totals: Vec::new(),
        blanks,
    };
    let written = fill::fill(template, path, &layout, &mut filling).map_err(|e| io(path, e))?;
    Ok((written, layout))
}

/// Our own layout: title, office and date, header, rows.
fn own_layout<T: Target>(
    db: &Db,
    ctx: &Ctx,
    office: &Office,
    path: &Path,
    title: &str,
    (count, inputs): (usize, &mut dyn Iterator<Item = T::Input>),
    unmasked: bool,
) -> Result<u32> {
    let name = office_name(db)?;
    let fields = T::fields();
    // Numbered rows first, as every sheet from above has them (import reports it as unmapped).
    let serial = OutColumn {
        header: "序号".to_owned(),
        kind: ColumnKind::Number,
        width: 6.0,
        choices: Vec::new(),
    };
    let columns: Vec<OutColumn> = std::iter::once(serial)
        .chain(columns::<T>(office, false))
        .collect();
    let note = format!(
        "单位：{name}　　导出日期：{}　　共 {} 条{}",
        ctx.today,
        count,
        if unmasked {
            String::new()
        } else {
            format!("　　{}已隐去部分", sensitive::<T>())
        }
    );
    let rows = inputs.enumerate().map(|(i, input)| {
        std::iter::once((i + 1).to_string())
            .chain(
                fields
                    .iter()
                    .map(|f| cell::<T>(office, &input, f, unmasked)),
            )
            .collect()
    });
    let title = format!("{name}{title}");
    let table = OutTable {
        sheet: T::ENTITY,
        title: &title,
        note: &note,
        columns: &columns,
    };
    write::write_table(path, &table, rows, None).map_err(|e| io(path, e))
}

/// The register's import template: canonical headers, dropdowns for fields with fixed values,
/// ID and phone columns as text, an example row, and a 填表说明 sheet.
pub(crate) fn template<T: Target>(db: &Db, ctx: &Ctx, path: &Path, title: &str) -> Result<u32> {
    let office = Office::load(db, ctx.today)?;
    let name = office_name(db)?;
    // Derived fields are computed, never typed in.
    let fields: Vec<&FieldSpec> = T::fields()
        .iter()
        .filter(|f| !T::DERIVED.contains(&f.key))
        .collect();
    let columns = columns::<T>(&office, true);
    let example: Vec<String> = fields
        .iter()
        .map(|f| {
            T::EXAMPLE
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default()
        })
        .collect();
    let mut help = vec![vec![
        "列名".to_owned(),
        "必填".to_owned(),
        "填写要求".to_owned(),
        "也可写作".to_owned(),
    ]];
    help.extend(fields.iter().map(|f| {
        vec![
            f.label.to_owned(),
            if f.required { "是" } else { "" }.to_owned(),
            rule_of(f),
            f.synonyms.join("、"),
        ]
    }));
    help.push(Vec::new());
    help.push(vec![
        "说明".to_owned(),
        String::new(),
        "第 4 行是示例，请删除或改写后再导入；按公民身份号码对应已有记录，空白单元格不会清除已有内容。"
            .to_owned(),
    ]);
    let title = format!("{name}{title}（导入模板）");
    let table = OutTable {
        sheet: T::ENTITY,
        title: &title,
        note: "请从第 4 行起填写，每人一行；身份证号、电话请按文本填写",
        columns: &columns,
    };
    let extra = TextSheet {
        name: "填表说明",
        rows: help,
        widths: &[18.0, 6.0, 60.0, 40.0],
    };
    write::write_table(path, &table, std::iter::once(example), Some(extra)).map_err(|e| io(path, e))
}

/// What a clerk must write in a column.
fn rule_of(f: &FieldSpec) -> String {
    match f.kind {
        FieldKind::Text => "文字".into(),
        FieldKind::Name => "姓名，中间不要加空格".into(),
        FieldKind::IdNumber => "18 位公民身份号码（15 位旧号会自动升级），请设为文本格式".into(),
        FieldKind::Phone => "11 位手机号或带区号的固定电话".into(),
        FieldKind::Address => "完整住址，如 东关社区3号楼2单元301室".into(),
        FieldKind::Sex => "男 或 女（须与身份证号一致）".into(),
        FieldKind::Date => "日期，如 2021-08-01；只知道年月可写 2021-08".into(),
        FieldKind::YearMonth => "年月，如 2026-06".into(),
        FieldKind::Hours => "小时数，按 0.5 小时计，如 2.5".into(),
        FieldKind::Count => "整数，如 3（也可写 三层）".into(),
        FieldKind::Number => "数字，如 120.5".into(),
        FieldKind::Year => "年份，如 2005；只知道年代可写 1980年代".into(),
        FieldKind::Bool => "是 或 否".into(),
        FieldKind::Choice(_) | FieldKind::Dict(_) | FieldKind::Org(_) => "从下拉列表中选择".into(),
        FieldKind::DictList(d) => format!("{}字典中的一项或几项，用、分隔", d.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::party_member::PartyMembers;

    type Outcome = std::result::Result<(), Box<dyn std::error::Error>>;

    /// The roster is read on a second connection while the file is written; a record that cannot
    /// be read leaves neither a half-written file nor an entry saying it was exported.
    #[test]
    fn an_export_read_beside_its_writer_is_whole_or_nothing() -> Outcome {
        let dir = tempfile::tempdir()?;
        let mut db = crate::setup::open(&dir.path().join("t.db"), None)?;
        let ctx = Ctx::now();
        db.write(|tx| crate::demo::write(tx, ctx.today, 40))?;
        let query = Default::default();
        let members = crate::party_member::matching(&db, &ctx, &query)?;
        let path = dir.path().join("花名册.xlsx");
        let entries = |db: &Db| -> taizhang_db::rusqlite::Result<i64> {
            db.conn().query_row(
                "SELECT count(*) FROM audit_log WHERE action = '导出'",
                [],
                |r| r.get(0),
            )
        };

        let first = members[0].input.clone();
        let failed = overlapped(
            &mut db,
            |_| Ok(members.len()),
            |_, each| {
                each(first);
                Err(AppError::new(ErrorCode::Database, "读到一半出错"))
            },
            |db, records| {
                register::<PartyMembers>(db, &ctx, &path, "花名册", records, Request::default(), "")
            },
        );
        let message = failed.err().map(|e| e.message).unwrap_or_default();
        assert!(message.contains("读到一半出错"), "{message}");
        assert!(!path.exists());
        assert_eq!(entries(&db)?, 0);

        let done = crate::party_member::export(&mut db, &ctx, &query, &path, Request::default())?;
        assert_eq!(done.rows as usize, members.len());
        assert_eq!(entries(&db)?, 1);
        let book = taizhang_excel::read(crate::files::read_sheet(&path)?)?;
        let sheet = &book.sheets[0];
        let note = sheet.cell(1, 0).text();
        assert!(note.contains(&format!("共 {} 条", members.len())), "{note}");
        assert_eq!(
            sheet.rows.len(),
            3 + members.len(),
            "title, note, header, then every member"
        );
        Ok(())
    }
}

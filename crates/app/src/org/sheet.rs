//! The 组织架构 list higher levels send (name, kind, parent), read into the tree: units it
//! names that the office lacks are added under the parents it names, in one transaction.

use std::path::Path;

use serde::Serialize;
use taizhang_core::{
    import::{field, FieldKind, FieldSpec},
    org::OrgKind,
    progress::Quiet,
};
use taizhang_db::{org::OrgNode, Db};
use taizhang_excel::check::{self, AsWritten, Level, Options};
use ts_rs::TS;

use super::{add_in, usual_parent, OrgInput};
use crate::{files::file_name, AppError, Ctx, ErrorCode, Result};

/// The columns of an organisation list.
pub const FIELDS: &[FieldSpec] = &[
    field(
        "name",
        "组织名称",
        &[
            "名称",
            "单位名称",
            "党组织名称",
            "组织",
            "网格名称",
            "社区名称",
        ],
        FieldKind::Text,
        true,
    ),
    field(
        "kind",
        "组织类型",
        &["类型", "层级", "组织类别", "类别", "党组织类型"],
        FieldKind::Choice(OrgKind::LABELS),
        false,
    ),
    field(
        "parent",
        "上级组织",
        &[
            "上级",
            "上级单位",
            "所属上级",
            "隶属",
            "上级党组织",
            "所属社区",
            "所属党组织",
        ],
        FieldKind::Text,
        false,
    ),
];

/// One row of the list and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TreeRow {
    pub row: u32,
    pub name: String,
    pub kind: String,
    pub parent: String,
    /// 新增, 已有, or 错误.
    pub outcome: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TreeImport {
    pub added: u32,
    pub existing: u32,
    pub errors: u32,
    pub rows: Vec<TreeRow>,
}

struct Wanted {
    row: u32,
    name: String,
    kind: Option<OrgKind>,
    parent: Option<String>,
}

/// Reads the list in `path` and adds what the tree lacks (nothing when `dry_run`). Rows whose
/// kind or parent cannot be told are errors; the others go in, all in one transaction.
pub fn import(db: &mut Db, ctx: &Ctx, path: &Path, dry_run: bool) -> Result<TreeImport> {
    let name = file_name(path);
    let book = taizhang_excel::read(crate::files::read_sheet(path)?)
        .map_err(|e| AppError::new(ErrorCode::BadFile, format!("{name}：{e}")))?;
    let options = Options {
        keep_records: true,
        ..Options::default()
    };
    let (report, records) = check::dry_run(&book, FIELDS, &AsWritten, &options, &Quiet);
    if report.sheets.iter().all(|s| s.mapped.is_empty()) {
        return Err(AppError::new(
            ErrorCode::BadFile,
            format!(
                "{name}：没有找到组织架构表头（需要“组织名称”列，以及“组织类型”或“上级组织”列）"
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut wanted = Vec::new();
    for r in &records {
        let text = |k: &str| r.values.get(k).map(str::to_owned);
        let row = TreeRow {
            row: r.row,
            name: text("name").unwrap_or_default(),
            kind: text("kind").unwrap_or_default(),
            parent: text("parent").unwrap_or_default(),
            outcome: String::new(),
            reason: String::new(),
        };
        if r.level == Some(Level::Error) {
            let why: Vec<&str> = report
                .issues
                .iter()
                .filter(|i| i.row == r.row && *i.sheet == *r.sheet)
                .map(|i| i.message.as_str())
                .collect();
            rows.push(TreeRow {
                outcome: "错误".into(),
                reason: why.join("；"),
                ..row
            });
            continue;
        }
        wanted.push((
            rows.len(),
            Wanted {
                row: r.row,
                name: row.name.clone(),
                kind: text("kind")
                    .and_then(|k| OrgKind::from_label(&k))
                    .or_else(|| OrgKind::from_name(&row.name)),
                parent: text("parent"),
            },
        ));
        rows.push(row);
    }
    let dry = dry_run;
    let outcome = db.write(|tx| {
        let mut pending = wanted;
        // Parents first: each pass adds what it can place; a pass that places nothing ends.
        loop {
            let before = pending.len();
            let mut left = Vec::new();
            for (i, w) in pending {
                let tree = taizhang_db::org::all(tx)?;
                match place(&tree, &w) {
                    Placed::Exists => rows[i].outcome = "已有".into(),
                    Placed::Under(parent_id, kind) => {
                        add_in(
                            tx,
                            ctx,
                            None,
                            &OrgInput {
                                parent_id,
                                kind,
                                name: w.name.clone(),
                            },
                        )
                        .map_err(|e| {
                            AppError::new(e.code, format!("第 {} 行：{}", w.row, e.message))
                        })?;
                        rows[i].outcome = "新增".into();
                        rows[i].kind = kind.label().into();
                    }
                    Placed::Wait(why) => left.push((i, w, why)),
                }
            }
            if left.is_empty() || left.len() == before {
                for (i, _, why) in left {
                    rows[i].outcome = "错误".into();
                    rows[i].reason = why;
                }
                break;
            }
            pending = left.into_iter().map(|(i, w, _)| (i, w)).collect();
        }
        let count = |o: &str| rows.iter().filter(|r| r.outcome == o).count() as u32;
        let out = TreeImport {
            added: count("新增"),
            existing: count("已有"),
            errors: count("错误"),
            rows: std::mem::take(&mut rows),
        };
        if dry {
            // A dry run undoes what it tried: the transaction rolls back.
            return Err(DryRun(out).into());
        }
        Ok(out)
    });
    match outcome {
        Ok(out) => Ok(out),
        Err(DryRunOr::DryRun(out)) => Ok(out),
        Err(DryRunOr::App(e)) => Err(e),
    }
}

/// What to do with one row, given the tree as it is now.
enum Placed {
    Exists,
    Under(Option<i64>, OrgKind),
    /// Not yet (its parent may come later in the file), with why not.
    Wait(String),
}

fn place(tree: &[OrgNode], w: &Wanted) -> Placed {
    let Some(kind) = w.kind else {
        return Placed::Wait(format!(
            "无法判断“{}”是哪类组织：请填写组织类型（{}）",
            w.name,
            OrgKind::LABELS.join("、")
        ));
    };
    let parent = match &w.parent {
        Some(p) => {
            let fits: Vec<&OrgNode> = tree
                .iter()
                .filter(|n| n.name == *p && kind.parents().contains(&n.kind))
                .collect();
            match fits.as_slice() {
                [one] => Some(one.id),
                [] => {
                    return Placed::Wait(format!(
                        "上级组织“{p}”不存在，或不是{}可以设在其下的组织（应为{}）",
                        kind.label(),
                        kind.parents_text()
                    ))
                }
                _ => return Placed::Wait(format!("有多个名为“{p}”的上级组织，无法确定")),
            }
        }
        None => match usual_parent(tree, kind) {
            Ok(p) => p,
            Err(why) => return Placed::Wait(why),
        },
    };
    if tree
        .iter()
        .any(|n| n.name == w.name && n.kind == kind && n.parent_id == parent)
    {
        return Placed::Exists;
    }
    Placed::Under(parent, kind)
}

/// A dry run's result travels out of the transaction as an error, so nothing is kept.
struct DryRun(TreeImport);

enum DryRunOr {
    DryRun(TreeImport),
    App(AppError),
}

impl From<DryRun> for DryRunOr {
    fn from(d: DryRun) -> Self {
        DryRunOr::DryRun(d.0)
    }
}

impl From<AppError> for DryRunOr {
    fn from(e: AppError) -> Self {
        DryRunOr::App(e)
    }
}

impl From<taizhang_db::DbError> for DryRunOr {
    fn from(e: taizhang_db::DbError) -> Self {
        DryRunOr::App(e.into())
    }
}

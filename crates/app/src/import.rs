//! Import, the read half: what a file is, and what each of its rows would become in a register.
//! Writes nothing.

use std::path::Path;

use serde::Serialize;
use taizhang_core::{
    dict::{self, Dict},
    import::{FieldKind, FieldSpec},
    org::OrgKind,
    party_member,
};
use taizhang_db::{org::OrgNode, Db};
use taizhang_excel::{
    check::{self, AsWritten, ImportReport, Options, Resolve, SheetReport},
    Format, ReadError, Workbook,
};
use ts_rs::TS;

use crate::{AppError, ErrorCode, Result};

/// A register that files can be imported into; its command-line name is stable English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    PartyMembers,
}

impl Register {
    pub const ALL: [Register; 1] = [Register::PartyMembers];

    pub fn cli_name(self) -> &'static str {
        match self {
            Register::PartyMembers => "party-members",
        }
    }

    pub fn from_cli_name(name: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.cli_name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|r| r.cli_name()).collect();
                AppError::new(
                    ErrorCode::Validation,
                    format!("没有名为“{name}”的台账；可用：{}", known.join("、")),
                )
            })
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Register::PartyMembers => party_member::IMPORT_FIELDS,
        }
    }
}

/// What a file is, without reading it into any register.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Inspection {
    pub format: Format,
    pub format_label: String,
    pub encoding: Option<String>,
    /// The register whose headers the file matches best.
    pub register: Option<String>,
    pub sheets: Vec<SheetReport>,
}

fn open(path: &Path) -> Result<Workbook> {
    taizhang_excel::open(path).map_err(|e: ReadError| {
        AppError::new(ErrorCode::BadFile, format!("{}：{e}", file_name(path)))
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `taizhang inspect`: format, encoding, sheets (hidden or not), header rows, columns and data
/// row counts, as read against the register whose headers fit best.
pub fn inspect(path: &Path) -> Result<Inspection> {
    let book = open(path)?;
    let options = Options {
        include_hidden: true,
        ..Options::default()
    };
    let (register, report) = Register::ALL
        .into_iter()
        .map(|r| (r, check::dry_run(&book, r.fields(), &AsWritten, &options).0))
        .max_by_key(|(_, rep)| rep.sheets.iter().map(|s| s.mapped.len()).sum::<usize>())
        .map(|(r, rep)| (Some(r), rep))
        .unwrap_or_else(|| (None, check::dry_run(&book, &[], &AsWritten, &options).0));
    Ok(Inspection {
        format: report.format,
        format_label: report.format_label,
        encoding: report.encoding,
        register: register
            .filter(|_| report.sheets.iter().any(|s| !s.mapped.is_empty()))
            .map(|r| r.cli_name().to_owned()),
        sheets: report.sheets,
    })
}

/// `taizhang import REGISTER FILE --dry-run`: every row's verdict, nothing written.
pub fn dry_run(
    db: &Db,
    register: Register,
    path: &Path,
    sheet: Option<String>,
) -> Result<ImportReport> {
    let book = open(path)?;
    let resolver = Office::load(db)?;
    let options = Options {
        sheet,
        ..Options::default()
    };
    if let Some(name) = &options.sheet {
        if !book.sheets.iter().any(|s| &s.name == name) {
            let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            return Err(AppError::new(
                ErrorCode::Validation,
                format!("文件中没有名为“{name}”的工作表；有：{}", names.join("、")),
            ));
        }
    }
    Ok(check::dry_run(&book, register.fields(), &resolver, &options).0)
}

/// The office's dictionaries and organisation tree, for matching sheet text.
struct Office {
    nations: Vec<String>,
    educations: Vec<String>,
    org: Vec<OrgNode>,
}

impl Office {
    fn load(db: &Db) -> Result<Self> {
        Ok(Self {
            nations: taizhang_db::dict::values(db.conn(), Dict::Nation)?,
            educations: taizhang_db::dict::values(db.conn(), Dict::Education)?,
            org: taizhang_db::org::all(db.conn())?,
        })
    }

    fn org_name(&self, kind: OrgKind, text: &str) -> std::result::Result<String, String> {
        let of_kind = || self.org.iter().filter(move |n| n.kind == kind);
        if let Some(n) = of_kind().find(|n| n.name == text) {
            return Ok(n.name.clone());
        }
        // "第一党支部" for "东关社区第一党支部": accepted when only one node fits.
        let ending: Vec<&OrgNode> = of_kind().filter(|n| n.name.ends_with(text)).collect();
        match ending.as_slice() {
            [one] => Ok(one.name.clone()),
            [] => Err(format!(
                "{}“{text}”不存在，请核对名称或先在组织架构中添加",
                kind.label()
            )),
            many => Err(format!(
                "{}“{text}”不明确，可能是：{}",
                kind.label(),
                many.iter()
                    .map(|n| n.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        }
    }
}

impl Resolve for Office {
    fn resolve(&self, field: &FieldSpec, value: &str) -> std::result::Result<String, String> {
        match field.kind {
            FieldKind::Dict(d) => {
                let known = match d {
                    Dict::Nation => &self.nations,
                    Dict::Education => &self.educations,
                };
                dict::canonical(d, value, known)
                    .ok_or_else(|| format!("{}“{value}”不在字典中", d.label()))
            }
            FieldKind::Org(kind) => self.org_name(kind, value),
            _ => Ok(value.to_owned()),
        }
    }
}

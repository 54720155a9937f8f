//! The one place that names the registers. Each `Register` (a register files go in and out
//! of) is matched to its [`Target`] here, and every entry point that takes a register — import
//! (inspect, preview, apply, error copy, undo), export and the import template — dispatches
//! here to the generic engine in [`crate::import`] and [`crate::export`]. [`KEPT`] lists every
//! kind of record for the recycle bin and the backup summaries, and [`ON_PERSON`] and
//! [`SEARCHED`] the registers the global search and the person's file go through.

use std::path::Path;

use serde::Serialize;
use taizhang_core::{
    import::FieldSpec,
    progress::{Progress, Quiet},
};
use taizhang_db::{backup::Counted, import_batch, recycle_bin::Bin, Db};
use taizhang_excel::{
    check::{self, AsWritten, Options, SheetReport},
    Format,
};
use ts_rs::TS;

use crate::{
    appeal, dispute,
    export::{self, Exported, Request},
    found::{OnPerson, Searched},
    grid, house, household,
    import::{self, Approval, FieldChoice, ImportOptions, ImportOutcome, Target},
    meeting, org, party_member, points, scope, talent, visit, AppError, Ctx, ErrorCode, Result,
};

/// Puts a deleted record back (by its id).
pub type Restore = fn(&mut Db, &Ctx, i64) -> Result<()>;

/// Whether `ctx` may see a record (by its id): the 街道 always, a community its own.
pub type Seen = fn(&Db, &Ctx, i64) -> Result<bool>;

/// A kind of record the office keeps, as the recycle bin and the backup summaries see it.
pub struct Kept {
    /// Its name in the audit trail, the recycle bin and the summaries (党员).
    pub entity: &'static str,
    /// Its table.
    pub table: &'static str,
    /// Whether a backup's summary counts it (registers do; attachments and units do not).
    pub counted: bool,
    /// Its deleted records (the table module's `RECYCLED` query), how one is put back, and
    /// whether a user may see one (数据权限); `None` for records that are not soft-deleted.
    pub bin: Option<(&'static str, Restore, Seen)>,
}

/// Every kind of record, in the order the summaries list them.
pub const KEPT: &[Kept] = &[
    Kept {
        entity: party_member::ENTITY,
        table: "party_member",
        counted: true,
        bin: Some((
            taizhang_db::party_member::RECYCLED,
            party_member::restore,
            |db, ctx, id| scope::seen(party_member::in_scope(db, ctx, id)),
        )),
    },
    Kept {
        entity: meeting::ENTITY,
        table: "meeting",
        counted: true,
        bin: Some((
            taizhang_db::meeting::RECYCLED,
            meeting::restore,
            |db, ctx, id| {
                Ok(scope::sees(
                    ctx,
                    &[taizhang_db::meeting::org_of(db.conn(), id)?],
                ))
            },
        )),
    },
    Kept {
        entity: points::ACCOUNT,
        table: "points_account",
        counted: true,
        bin: Some((
            taizhang_db::points::RECYCLED,
            points::restore_account,
            |_, ctx, _| Ok(points::street_only(ctx).is_ok()),
        )),
    },
    Kept {
        entity: house::ENTITY,
        table: "house",
        counted: true,
        bin: Some((
            taizhang_db::house::RECYCLED,
            house::restore,
            |db, ctx, id| scope::seen(house::get(db, ctx, id)),
        )),
    },
    Kept {
        entity: house::ATTACHMENT,
        table: "house_attachment",
        counted: false,
        bin: Some((
            taizhang_db::attachment::RECYCLED_HOUSE,
            crate::attachment::restore::<house::HouseFiles>,
            |db, ctx, id| scope::seen(house::attachment(db, ctx, id)),
        )),
    },
    Kept {
        entity: appeal::ATTACHMENT,
        table: "appeal_attachment",
        counted: false,
        bin: Some((
            taizhang_db::attachment::RECYCLED_APPEAL,
            crate::attachment::restore::<appeal::AppealFiles>,
            |db, ctx, id| scope::seen(crate::attachment::get::<appeal::AppealFiles>(db, ctx, id)),
        )),
    },
    Kept {
        entity: talent::ENTITY,
        table: "talent",
        counted: true,
        bin: Some((
            taizhang_db::talent::RECYCLED,
            talent::restore,
            |db, ctx, id| scope::seen(talent::get(db, ctx, id)),
        )),
    },
    Kept {
        entity: grid::ENTITY,
        table: "grid_worker",
        counted: true,
        bin: Some((
            taizhang_db::grid_worker::RECYCLED,
            grid::restore,
            |db, ctx, id| scope::seen(grid::in_scope(db, ctx, id)),
        )),
    },
    Kept {
        entity: household::ENTITY,
        table: "household",
        counted: true,
        bin: Some((
            taizhang_db::household::RECYCLED,
            household::restore,
            |db, ctx, id| scope::seen(household::in_scope(db, ctx, id)),
        )),
    },
    Kept {
        entity: visit::ENTITY,
        table: "visit",
        counted: true,
        bin: Some((
            taizhang_db::visit::RECYCLED,
            visit::restore,
            |db, ctx, id| scope::seen(visit::in_scope(db, ctx, id)),
        )),
    },
    Kept {
        entity: appeal::ENTITY,
        table: "appeal",
        counted: true,
        bin: Some((
            taizhang_db::appeal::RECYCLED,
            appeal::restore,
            |db, ctx, id| scope::seen(appeal::in_scope(db, ctx, id)),
        )),
    },
    Kept {
        entity: dispute::ENTITY,
        table: "dispute",
        counted: true,
        bin: Some((
            taizhang_db::dispute::RECYCLED,
            dispute::restore,
            |db, ctx, id| scope::seen(dispute::in_scope(db, ctx, id)),
        )),
    },
    Kept {
        entity: org::ENTITY,
        table: "org_unit",
        counted: false,
        bin: Some((taizhang_db::org::RECYCLED, org::restore, |_, ctx, _| {
            Ok(ctx.scope.is_none())
        })),
    },
];

/// The kinds of record the recycle bin lists.
pub fn bins() -> Vec<Bin> {
    KEPT.iter()
        .filter_map(|k| {
            k.bin.map(|(recycled, _, _)| Bin {
                entity: k.entity,
                recycled,
            })
        })
        .collect()
}

/// The registers a backup's summary counts.
pub fn counted() -> Vec<Counted> {
    KEPT.iter()
        .filter(|k| k.counted)
        .map(|k| Counted {
            label: k.entity,
            table: k.table,
            binned: k.bin.is_some(),
        })
        .collect()
}

/// The registers a person can be on, in the order the global search groups them.
pub const ON_PERSON: &[OnPerson] = &[
    OnPerson {
        group: "党员",
        entity: party_member::ENTITY,
        find: party_member::of_person,
    },
    OnPerson {
        group: "志愿者",
        entity: points::ACCOUNT,
        find: points::of_person,
    },
    OnPerson {
        group: "人才库",
        entity: talent::ENTITY,
        find: talent::of_person,
    },
];

/// The registers the global search reads by their own text (after the persons' registers).
pub const SEARCHED: &[Searched] = &[
    Searched {
        group: "房屋",
        find: house::search_hits,
    },
    Searched {
        group: "会议",
        find: meeting::search_hits,
    },
];

/// A register that files can be imported into; its command-line name is stable English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    PartyMembers,
    Volunteers,
    ServiceRecords,
    Houses,
    Talents,
    GridWorkers,
    Households,
    Appeals,
}

/// Runs `$body` with `$t` standing for the register's [`Target`]: the one place a register is
/// matched to its type.
macro_rules! with_target {
    ($register:expr, $t:ident => $body:expr) => {
        match $register {
            $crate::registers::Register::PartyMembers => {
                type $t = $crate::party_member::PartyMembers;
                $body
            }
            $crate::registers::Register::Volunteers => {
                type $t = $crate::points::Volunteers;
                $body
            }
            $crate::registers::Register::ServiceRecords => {
                type $t = $crate::points::ServiceRecords;
                $body
            }
            $crate::registers::Register::Houses => {
                type $t = $crate::house::Houses;
                $body
            }
            $crate::registers::Register::Talents => {
                type $t = $crate::talent::Talents;
                $body
            }
            $crate::registers::Register::GridWorkers => {
                type $t = $crate::grid::GridWorkers;
                $body
            }
            $crate::registers::Register::Households => {
                type $t = $crate::household::Residents;
                $body
            }
            $crate::registers::Register::Appeals => {
                type $t = $crate::appeal::Appeals;
                $body
            }
        }
    };
}

impl Register {
    pub const ALL: [Register; 8] = [
        Register::PartyMembers,
        Register::Volunteers,
        Register::ServiceRecords,
        Register::Houses,
        Register::Talents,
        Register::GridWorkers,
        Register::Households,
        Register::Appeals,
    ];

    /// Its stable English name (`party-members`).
    pub fn cli_name(self) -> &'static str {
        with_target!(self, T => T::CLI_NAME)
    }

    /// The register's Chinese name, the title of its exports and templates.
    pub fn title(self) -> &'static str {
        with_target!(self, T => T::TITLE)
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
        with_target!(self, T => T::fields())
    }

    /// What identifies one of its records (公民身份号码, 房屋地址).
    pub fn key_label(self) -> &'static str {
        with_target!(self, T => T::KEY_LABEL)
    }

    /// What names one of its records in an import's preview (姓名, 产权人).
    pub fn name_label(self) -> &'static str {
        with_target!(self, T => taizhang_core::import::label(T::fields(), T::NAME))
    }

    /// The preview's column saying where a record is (住址), "" for none.
    pub fn place_label(self) -> &'static str {
        with_target!(self, T => T::PLACE.0)
    }

    /// Its records' name in the audit trail and the recycle bin (党员, 房屋).
    pub fn entity(self) -> &'static str {
        with_target!(self, T => T::ENTITY)
    }
}

/// The fields of a register, in the order of its template.
pub fn field_choices(register: Register) -> Vec<FieldChoice> {
    with_target!(register, T => import::field_choices::<T>())
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

/// `taizhang inspect`: format, encoding, sheets (hidden or not), header rows, columns and data
/// row counts, as read against the register whose headers fit best.
pub fn inspect(path: &Path) -> Result<Inspection> {
    let book = import::open(path)?;
    let options = Options {
        include_hidden: true,
        ..Options::default()
    };
    let (register, report) = Register::ALL
        .into_iter()
        .map(|r| {
            (
                r,
                check::dry_run(&book, r.fields(), &AsWritten, &options, &Quiet).0,
            )
        })
        .max_by_key(|(_, rep)| rep.sheets.iter().map(|s| s.mapped.len()).sum::<usize>())
        .map(|(r, rep)| (Some(r), rep))
        .unwrap_or_else(|| {
            (
                None,
                check::dry_run(&book, &[], &AsWritten, &options, &Quiet).0,
            )
        });
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

/// `taizhang import REGISTER FILE --dry-run`: every row's verdict and what it would change;
/// nothing written.
pub fn preview(
    db: &Db,
    ctx: &Ctx,
    register: Register,
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportOutcome> {
    with_target!(register, T => import::preview::<T>(db, ctx, path, options, progress))
}

/// Applies the chosen rows of a file in one transaction, as one batch. Cancelling leaves the
/// register as it was.
pub fn apply(
    db: &mut Db,
    ctx: &Ctx,
    register: Register,
    path: &Path,
    options: &ImportOptions,
    approval: Approval,
    progress: &dyn Progress,
) -> Result<ImportOutcome> {
    with_target!(register, T => import::apply::<T>(db, ctx, path, options, approval, progress))
}

/// Writes a copy of the file with a 错误原因 column and the cells at fault marked, keyed to the
/// file's own rows, so the clerk can fix them and import again. Returns the rows marked.
pub fn write_errors(
    db: &Db,
    ctx: &Ctx,
    register: Register,
    path: &Path,
    options: &ImportOptions,
    out: &Path,
) -> Result<u32> {
    with_target!(register, T => import::write_errors::<T>(db, ctx, path, options, out))
}

/// Undoes an import batch as a whole; returns the number of records put back.
pub fn undo(db: &mut Db, ctx: &Ctx, batch_id: i64) -> Result<u32> {
    let (batch, _) = import_batch::get(db.conn(), batch_id)?;
    with_target!(Register::from_cli_name(&batch.register)?, T => import::undo::<T>(db, ctx, batch_id))
}

/// A register to .xlsx: the party-member roster through its search; any other register whole,
/// oldest first.
pub fn export(
    db: &mut Db,
    ctx: &Ctx,
    register: Register,
    path: &Path,
    request: Request,
) -> Result<Exported> {
    match register {
        Register::PartyMembers => {
            let q = party_member::PartyMemberQuery {
                search: request.search.to_owned(),
                ..Default::default()
            };
            party_member::export(db, ctx, &q, path, request)
        }
        Register::Volunteers | Register::ServiceRecords => {
            points::street_only(ctx)?;
            with_target!(register, T => export_all::<T>(db, ctx, path, request))
        }
        _ => with_target!(register, T => export_all::<T>(db, ctx, path, request)),
    }
}

/// Every record of a register that `ctx` may see, in the order they were added (within the
/// register's [`Target::export_group`]).
fn export_all<T: Target>(
    db: &mut Db,
    ctx: &Ctx,
    path: &Path,
    request: Request,
) -> Result<Exported> {
    let mut records: Vec<_> = T::stored(db, ctx.today)?
        .into_values()
        .filter(|s| !s.deleted && T::seen(ctx, &s.input))
        .collect();
    records.sort_by_cached_key(|s| (T::export_group(&s.input), s.id));
    let inputs: Vec<_> = records.into_iter().map(|s| s.input).collect();
    export::register::<T>(db, ctx, path, T::TITLE, inputs.into(), request, "")
}

/// `taizhang template REGISTER OUT.xlsx`.
pub fn import_template(db: &Db, ctx: &Ctx, register: Register, path: &Path) -> Result<u32> {
    with_target!(register, T => export::template::<T>(db, ctx, path, T::TITLE))
}

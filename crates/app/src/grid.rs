//! 网格员 use cases: who serves which grid (the same person as in every other register, found
//! by ID), listed by unit; saved with the audit trail; the recycle bin.

mod import;
mod report;

use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction, form::FieldError, grid::GridWorkerInput, id_number::IdNumber, mask,
    org::OrgKind,
};
use taizhang_db::{
    grid_worker::{self as table, GridWorkerRow},
    org, person,
    rusqlite::Transaction,
    Db,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

pub use import::GridWorkers;
pub use report::{
    export_monthly, fill_monthly, headers as month_headers, monthly, GridFigures, GridMonth,
    GRID_MONTH_FIELDS,
};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "网格员";

/// The list's filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GridWorkerQuery {
    /// Name (pinyin initials too), or the tail of an ID or phone.
    pub search: String,
    /// Only those serving this unit or a unit under it (a 社区: all its grids).
    pub unit_id: Option<i64>,
}

/// Grid workers (not in the recycle bin) that match, IDs and phones masked.
pub fn list(db: &Db, ctx: &Ctx, q: &GridWorkerQuery) -> Result<Vec<GridWorkerRow>> {
    let found: Option<Vec<i64>> = (!q.search.trim().is_empty())
        .then(|| person::search(db.conn(), &q.search, u32::MAX))
        .transpose()?;
    let under = q.unit_id.map(|u| format!("/{u}/"));
    Ok(table::all(db.conn())?
        .into_iter()
        .filter(|w| !w.deleted && crate::scope::sees(ctx, &[w.input.unit_id]))
        .filter(|w| found.as_ref().is_none_or(|ids| ids.contains(&w.person_id)))
        .filter(|w| under.as_ref().is_none_or(|u| w.unit_path.contains(u)))
        .map(masked)
        .collect())
}

fn masked(mut w: GridWorkerRow) -> GridWorkerRow {
    w.input.id_number = mask::id_number(&w.input.id_number);
    w.input.phone = mask::phone(&w.input.phone);
    w
}

/// One grid worker as `ctx` may see them: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<GridWorkerRow> {
    let w = table::get(db.conn(), id)?;
    check_scope(ctx, &w.input)?;
    Ok(w)
}

fn check_scope(ctx: &Ctx, w: &GridWorkerInput) -> Result<()> {
    let seen = crate::scope::sees(ctx, &[w.unit_id]);
    crate::scope::check(ctx, &format!("网格员 {}", w.name), seen)
}

/// One grid worker as the form opens them, ID and phone masked.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<GridWorkerDetail> {
    Ok(GridWorkerDetail {
        row: masked(in_scope(db, ctx, id)?),
        version: taizhang_db::audit::version(db.conn(), ENTITY, id)?,
    })
}

/// One grid worker as their form opens them, and the version it was read at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GridWorkerDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: GridWorkerRow,
    /// The version shown (`audit::unchanged_since`).
    pub version: i64,
}

/// The units a grid worker may serve: a 网格, a 微网格 (楼栋/小区) or, for a 网格长 over a whole
/// community, the 社区.
const SERVED: &[OrgKind] = &[OrgKind::Grid, OrgKind::Building, OrgKind::Community];

/// A grid worker's fields checked as a form save is: every field error, keyed by field.
fn check(db: &Db, w: &GridWorkerInput) -> Result<Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        })
    };
    if w.name.trim().is_empty() {
        err("name", "请填写姓名");
    }
    if let Err(e) = IdNumber::parse(&w.id_number) {
        err("id_number", &e.to_string());
    }
    if !w.phone.trim().is_empty() {
        if let Err(e) = taizhang_core::phone::parse(&w.phone) {
            err("phone", &e.to_string());
        }
    }
    match w.unit_id {
        None => err("unit_id", "请选择所在网格"),
        Some(u) => {
            let kind = org::get(db.conn(), u)?.map(|n| n.kind);
            if !kind.is_some_and(|k| SERVED.contains(&k)) {
                err("unit_id", "所选组织不是网格、楼栋或社区，请重新选择");
            }
        }
    }
    if w.role.is_none() {
        err("role", "请选择职务");
    }
    Ok(errors)
}

/// Writes a checked grid worker and their person (found by ID in any register, or added).
pub(crate) fn write(tx: &Transaction, id: Option<i64>, w: &GridWorkerInput) -> Result<i64> {
    let number =
        IdNumber::parse(&w.id_number).map_err(|e| AppError::field("id_number", e.to_string()))?;
    let person_id = person::find_or_add(
        tx,
        &number,
        person::Known {
            name: &w.name,
            phone: &w.phone,
            address: "",
            grid_id: None,
        },
    )?;
    let mut record = person::get(tx, person_id)?;
    record.name = w.name.trim().to_owned();
    if !w.phone.trim().is_empty() {
        record.phone = w.phone.trim().to_owned();
    }
    person::update(tx, person_id, &record)?;
    if let Some(unit) = w.unit_id {
        if let Some((other, deleted)) = table::find(tx, person_id, unit)? {
            if Some(other) != id {
                let name = w.name.trim();
                return Err(AppError::conflict(if deleted {
                    format!("{name} 在该网格的记录在回收站中，请到回收站恢复，不要重复登记")
                } else {
                    format!("{name} 已是该网格的网格员，请在原记录上修改，不要重复登记")
                }));
            }
        }
    }
    Ok(table::write(tx, id, person_id, w)?)
}

/// Saves a grid worker (new when `id` is None); returns their id. A masked ID or phone sent
/// back unchanged keeps the stored one.
pub fn save(db: &mut Db, ctx: &Ctx, id: Option<i64>, mut w: GridWorkerInput) -> Result<i64> {
    check_scope(ctx, &w)?;
    let before = id.map(|id| in_scope(db, ctx, id)).transpose()?;
    if let Some(b) = &before {
        mask::keep_if_masked(&mut w.id_number, &b.input.id_number, mask::id_number);
        mask::keep_if_masked(&mut w.phone, &b.input.phone, mask::phone);
    }
    w.name = w.name.trim().to_owned();
    w.area = w.area.trim().to_owned();
    let errors = check(db, &w)?;
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    db.write(|tx| {
        let saved = write(tx, id, &w)?;
        // Saved through the form, the entry is complete: no longer 待补录.
        taizhang_db::incomplete::set(tx, ENTITY, saved, &[])?;
        let (action, summary) = match &before {
            Some(_) => (AuditAction::Update, format!("修改网格员 {}", w.name)),
            None => (AuditAction::Create, format!("登记网格员 {}", w.name)),
        };
        crate::audit::change(
            tx,
            ctx,
            action,
            (ENTITY, saved),
            summary,
            &before.as_ref().map(|b| &b.input),
            &w,
        )?;
        Ok(saved)
    })
}

/// Moves a grid worker to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let w = in_scope(db, ctx, id)?;
    let what = format!("网格员 {}（{}）", w.input.name, w.unit);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, true, table::set_deleted)
}

/// Puts a grid worker back from the recycle bin.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let w = table::get(db.conn(), id)?;
    let what = format!("网格员 {}（{}）", w.input.name, w.unit);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, false, table::set_deleted)
}

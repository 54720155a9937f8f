//! The 网格员花名册 as the import and export engines see it: one row is a person serving one
//! unit, keyed by 公民身份号码 and the unit (one person may serve two grids). The unit is found
//! within the row's 社区 when the roster has that column: every community has its 第一网格. A
//! 网格长 over a whole community has the 社区 and no grid.

use std::collections::HashMap;

use chrono::NaiveDate;
use taizhang_core::{
    grid::{GridRole, GridWorkerInput, GRID_WORKER_FIELDS},
    import::FieldSpec,
    mask,
    org::OrgKind,
};
use taizhang_db::{grid_worker as table, rusqlite::Transaction, Db};
use taizhang_excel::check::Values;

use super::{write, ENTITY};
use crate::{
    import::{fill_texts, Merged, Office, Stored, Target},
    Ctx, Result,
};

/// The 网格员 register, keyed by 公民身份号码 and the unit served.
pub struct GridWorkers;

/// The unit a row names: its 所在网格 (or 微网格) within its 社区 when the roster has one; the
/// 社区 itself when the grid is blank (a 网格长 over the whole community).
fn unit(office: &Office, values: &Values) -> Option<std::result::Result<i64, String>> {
    let community = values
        .get("community")
        .and_then(|c| office.org_id(OrgKind::Community, c, None));
    match values.get("unit_id").filter(|n| !n.is_empty()) {
        Some(name) => Some(office.unit_within(OrgKind::Grid, name, community)),
        None => community.map(Ok),
    }
}

fn key_of(id_number: &str, unit: i64) -> String {
    format!("{id_number}@{unit}")
}

impl Target for GridWorkers {
    fn seen(ctx: &Ctx, w: &Self::Input) -> bool {
        crate::scope::sees(ctx, &[w.unit_id])
    }

    const CLI_NAME: &'static str = "grid-workers";
    const TITLE: &'static str = "网格员花名册";
    const ENTITY: &'static str = ENTITY;
    const KEY: &'static str = "id_number";
    const PLACE: (&'static str, &'static [&'static str]) = ("所在网格", &["unit_id"]);
    const KEY_LABEL: &'static str = "公民身份号码与所在网格";
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("name", "刘海燕"),
        ("id_number", "141130198806120039"),
        ("phone", "13935812345"),
        ("community", "东关社区"),
        ("unit_id", "第一网格"),
        ("role", "专职网格员"),
        ("area", "幸福小区1—6号楼"),
    ];
    type Input = GridWorkerInput;

    fn fields() -> &'static [FieldSpec] {
        GRID_WORKER_FIELDS
    }

    fn key(office: &Office, values: &Values) -> String {
        let id = values.get("id_number").unwrap_or_default();
        match unit(office, values) {
            Some(Ok(unit)) if !id.is_empty() => key_of(id, unit),
            _ => String::new(),
        }
    }

    fn shown_key(key: &str) -> String {
        mask::id_number(key.split('@').next().unwrap_or_default())
    }

    fn stored(db: &Db, _: NaiveDate) -> Result<HashMap<String, Stored<GridWorkerInput>>> {
        Ok(table::all(db.conn())?
            .into_iter()
            .filter_map(|w| {
                let key = key_of(&w.input.id_number, w.input.unit_id?);
                Some((
                    key,
                    Stored {
                        id: w.id,
                        deleted: w.deleted,
                        input: w.input,
                    },
                ))
            })
            .collect())
    }

    fn text(office: &Office, w: &GridWorkerInput, field: &str) -> String {
        match field {
            "name" => w.name.clone(),
            "id_number" => w.id_number.clone(),
            "phone" => w.phone.clone(),
            "community" => office
                .org_label(w.unit_id.and_then(|u| office.community_of(u)))
                .to_owned(),
            // Blank for a whole community's 网格长: the 社区 column names it.
            "unit_id" => match w.unit_id {
                Some(u) if office.community_of(u) == Some(u) => String::new(),
                unit => office.org_label(unit).to_owned(),
            },
            "role" => w.role.map(|r| r.label().to_owned()).unwrap_or_default(),
            "area" => w.area.clone(),
            "note" => w.note.clone(),
            _ => String::new(),
        }
    }

    fn merge(
        office: &Office,
        base: Option<&GridWorkerInput>,
        values: &Values,
        _today: NaiveDate,
        absent: &dyn Fn(&str) -> bool,
    ) -> Merged<GridWorkerInput> {
        let mut w = base.cloned().unwrap_or_default();
        fill_texts(
            values,
            [
                ("name", &mut w.name),
                ("id_number", &mut w.id_number),
                ("phone", &mut w.phone),
                ("area", &mut w.area),
                ("note", &mut w.note),
            ],
        );
        let mut errors = Vec::new();
        match unit(office, values) {
            Some(Ok(u)) => w.unit_id = Some(u),
            Some(Err(e)) => errors.push(("unit_id".to_owned(), e)),
            None => errors.push((
                "unit_id".to_owned(),
                "请填写所在网格（网格长负责整个社区时，所在网格留空、填写社区）".to_owned(),
            )),
        }
        if w.id_number.is_empty() {
            errors.push((
                "id_number".to_owned(),
                "网格员以公民身份号码区分，请填写".to_owned(),
            ));
        }
        if let Some(role) = values.get("role") {
            w.role = GridRole::from_label(role);
        }
        // A roster without 职务 leaves the role to be filled in (待补录); one with an empty
        // 职务 cell is refused.
        let mut lacking = Vec::new();
        if w.role.is_none() {
            if absent("role") {
                lacking.push("role");
            } else {
                errors.push((
                    "role".to_owned(),
                    "请填写职务（网格长、专职网格员、兼职网格员、微网格员）".to_owned(),
                ));
            }
        }
        if errors.is_empty() {
            Ok((w, lacking))
        } else {
            Err(errors)
        }
    }

    fn write(tx: &Transaction, _ctx: &Ctx, id: Option<i64>, w: &GridWorkerInput) -> Result<i64> {
        write(tx, id, w)
    }

    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()> {
        Ok(table::set_deleted(
            tx,
            id,
            deleted.then_some(ctx.actor.as_str()),
        )?)
    }
}

//! The housing register as the import and export engines see it: one row of a sweep sheet
//! (排查台账) is a house and its current state — the latest inspection and its rectification —
//! keyed by 房屋地址.
//!
//! A row whose 排查结论/隐患描述 differ from the latest inspection records a new inspection (the
//! history grows); one whose only change is 完成情况 moves that inspection's rectification
//! forward (never back). Undo removes the inspections the import added.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use taizhang_core::{
    dict::{self, Dict},
    house::{
        Conclusion, HouseInput, InspectionInput, Measure, RectStatus, RectificationInput,
        StatusChange, HOUSE_FIELDS,
    },
    import::{split_list, FieldSpec},
    org::OrgKind,
};
use taizhang_db::{house as table, rusqlite::Transaction, Db};
use taizhang_excel::check::Values;

use super::{owner_person, ENTITY};
use crate::{
    import::{fill_texts, Merged, Office, Stored, Target},
    Ctx, Result,
};

/// A sweep-sheet row: the house, and what its latest inspection says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseSheetRow {
    pub house: HouseInput,
    pub sweep: Option<Sweep>,
}

/// The latest inspection and its rectification, as the sheet's columns hold them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// The inspection this is; None for one the import is to record.
    pub inspection_id: Option<i64>,
    pub inspection: InspectionInput,
    pub rectification: Option<RectificationInput>,
    pub progress: RectStatus,
}

/// The housing register (自建房排查台账), keyed by 房屋地址.
pub struct Houses;

impl Target for Houses {
    fn seen(ctx: &Ctx, row: &Self::Input) -> bool {
        crate::scope::sees(ctx, &[row.house.community_id, row.house.grid_id])
    }

    const CLI_NAME: &'static str = "houses";
    const TITLE: &'static str = "自建房安全排查整治台账";
    const ENTITY: &'static str = ENTITY;
    const KEY: &'static str = "address";
    const KEY_LABEL: &'static str = "房屋地址";
    const NAME: &'static str = "owner";
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("town", "交口街道"),
        ("community_id", "东关社区"),
        ("address", "东关社区后街12号"),
        ("owner", "王国民"),
        ("owner_id_number", "141130196503150011"),
        ("phone", "13834567890"),
        ("structure", "砖混"),
        ("storeys", "3"),
        ("built", "1990年代"),
        ("use_kind", "出租"),
        ("business", "否"),
        ("conclusion", "一般隐患"),
        ("findings", "墙体开裂、屋面漏雨"),
        ("measure", "维修"),
        ("deadline", "2026-12-31"),
        ("progress", "待整治"),
    ];
    type Input = HouseSheetRow;

    fn fields() -> &'static [FieldSpec] {
        HOUSE_FIELDS
    }

    fn stored(db: &Db, today: NaiveDate) -> Result<HashMap<String, Stored<HouseSheetRow>>> {
        let mut out = HashMap::new();
        for h in table::all(db.conn(), today)? {
            let sweep = match table::inspections(db.conn(), h.id)?.pop() {
                Some(i) => {
                    let rect = table::rectifications(db.conn(), h.id, today)?
                        .into_iter()
                        .find(|r| r.inspection_id == i.id);
                    Some(Sweep {
                        inspection_id: Some(i.id),
                        inspection: i.input,
                        progress: rect.as_ref().map_or(RectStatus::Pending, |r| r.status),
                        rectification: rect.map(|r| r.input),
                    })
                }
                None => None,
            };
            out.insert(
                h.input.address.clone(),
                Stored {
                    id: h.id,
                    deleted: h.deleted,
                    input: HouseSheetRow {
                        house: h.input,
                        sweep,
                    },
                },
            );
        }
        Ok(out)
    }

    fn text(office: &Office, row: &HouseSheetRow, field: &str) -> String {
        let h = &row.house;
        let sweep = row.sweep.as_ref();
        let rect = sweep.and_then(|s| s.rectification.as_ref());
        match field {
            "town" => office.street_name().to_owned(),
            "community_id" => office.org_label(h.community_id).to_owned(),
            "grid_id" => office.org_label(h.grid_id).to_owned(),
            "address" => h.address.clone(),
            "owner" => h.owner.clone(),
            "owner_id_number" => h.owner_id_number.clone(),
            "phone" => h.phone.clone(),
            "structure" => h.structure.clone(),
            "storeys" => h.storeys.map(|n| n.to_string()).unwrap_or_default(),
            "built" => h.built.clone(),
            "use_kind" => h.use_kind.map(|u| u.label().to_owned()).unwrap_or_default(),
            "business" => yes_no(h.business),
            "floor_area" => h.floor_area.clone(),
            "appraised" => yes_no(h.appraised),
            "appraisal" => h
                .appraisal
                .map(|a| a.label().to_owned())
                .unwrap_or_default(),
            "appraised_on" => h.appraised_on.clone().unwrap_or_default(),
            "appraiser" => h.appraiser.clone(),
            "note" => h.note.clone(),
            "conclusion" => sweep
                .map(|s| s.inspection.conclusion.label().to_owned())
                .unwrap_or_default(),
            "findings" => sweep
                .map(|s| s.inspection.findings.clone())
                .unwrap_or_default(),
            "inspected_on" => sweep
                .map(|s| s.inspection.inspected_on.clone())
                .unwrap_or_default(),
            "inspectors" => sweep
                .map(|s| s.inspection.inspectors.clone())
                .unwrap_or_default(),
            "measure" => rect
                .map(|r| r.measure.label().to_owned())
                .unwrap_or_default(),
            "deadline" => rect.map(|r| r.deadline.clone()).unwrap_or_default(),
            "responsible" => rect.map(|r| r.responsible.clone()).unwrap_or_default(),
            "progress" => match (sweep, rect) {
                (Some(s), Some(_)) => s.progress.label().to_owned(),
                _ => String::new(),
            },
            _ => String::new(),
        }
    }

    fn merge(
        office: &Office,
        base: Option<&HouseSheetRow>,
        values: &Values,
        today: NaiveDate,
        absent: &dyn Fn(&str) -> bool,
    ) -> Merged<HouseSheetRow> {
        let mut errors = Vec::new();
        let mut lacking = Vec::new();
        let house = merge_house(office, base.map(|b| &b.house), values, &mut errors);
        // Required of a house: empty in a column the sheet has is an error; a sheet without the
        // column leaves the house 待补录.
        for (field, empty, message) in [
            (
                "owner",
                house.owner.trim().is_empty(),
                "请填写产权人（个人姓名或单位名称）",
            ),
            ("structure", house.structure.is_empty(), "请填写结构类型"),
        ] {
            match (empty, absent(field)) {
                (false, _) => {}
                (true, true) => lacking.push(field),
                (true, false) => errors.push((field.to_owned(), message.to_owned())),
            }
        }
        let sweep = merge_sweep(office, base.and_then(|b| b.sweep.as_ref()), values, today)
            .unwrap_or_else(|e| {
                errors.extend(e);
                None
            });
        if errors.is_empty() {
            Ok((HouseSheetRow { house, sweep }, lacking))
        } else {
            Err(errors)
        }
    }

    fn write(tx: &Transaction, ctx: &Ctx, id: Option<i64>, row: &HouseSheetRow) -> Result<i64> {
        let owner = owner_person(tx, &row.house)?;
        let id = table::write(tx, id, &row.house, owner)?;
        let Some(s) = &row.sweep else {
            // No inspection in the row: one the import recorded is taken back (undo).
            table::delete_inspections_after(tx, id, None)?;
            return Ok(id);
        };
        match s.inspection_id {
            None => {
                let inspection = table::insert_inspection(tx, id, &s.inspection)?;
                if let Some(r) = &s.rectification {
                    let rect = table::insert_rectification(tx, id, inspection, r)?;
                    if s.progress != RectStatus::Pending {
                        table::set_status(
                            tx,
                            rect,
                            s.progress,
                            &StatusChange::default(),
                            &ctx.today.to_string(),
                        )?;
                    }
                }
            }
            Some(inspection) => {
                // Inspections after this one were the import's (an undo puts the row back).
                table::delete_inspections_after(tx, id, Some(inspection))?;
                let rect = table::rectifications(tx, id, ctx.today)?
                    .into_iter()
                    .find(|r| r.inspection_id == inspection);
                if let Some(r) = rect.filter(|r| r.status != s.progress) {
                    let change = StatusChange {
                        completed_on: r.completed_on,
                        evidence: r.evidence,
                        reason: String::new(),
                    };
                    table::set_status(tx, r.id, s.progress, &change, &ctx.today.to_string())?;
                }
            }
        }
        Ok(id)
    }

    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()> {
        Ok(table::set_deleted(
            tx,
            id,
            deleted.then_some(ctx.actor.as_str()),
        )?)
    }
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_owned()
}

/// The house's own fields: the row's values over the stored ones (a grid not found in the
/// house's community is an error).
fn merge_house(
    office: &Office,
    base: Option<&HouseInput>,
    values: &Values,
    errors: &mut Vec<(String, String)>,
) -> HouseInput {
    let mut h = base.cloned().unwrap_or_default();
    fill_texts(
        values,
        [
            ("address", &mut h.address),
            ("owner", &mut h.owner),
            ("owner_id_number", &mut h.owner_id_number),
            ("phone", &mut h.phone),
            ("structure", &mut h.structure),
            ("floor_area", &mut h.floor_area),
            ("built", &mut h.built),
            ("appraiser", &mut h.appraiser),
            ("note", &mut h.note),
        ],
    );
    if let Some(name) = values.get("community_id") {
        h.community_id = office.org_id(OrgKind::Community, name, None);
    }
    if let Some(name) = values.get("grid_id") {
        match office.unit_within(OrgKind::Grid, name, h.community_id) {
            Ok(grid) => h.grid_id = Some(grid),
            Err(e) => errors.push(("grid_id".to_owned(), e)),
        }
    }
    if let Some(n) = values.get("storeys").and_then(|n| n.parse().ok()) {
        h.storeys = Some(n);
    }
    if let Some(u) = values.get("use_kind") {
        h.use_kind = taizhang_core::house::HouseUse::from_label(u);
    }
    if let Some(a) = values.get("appraisal") {
        h.appraisal = taizhang_core::house::Appraisal::from_label(a);
        h.appraised = true;
    }
    if let Some(b) = values.get("business") {
        h.business = b == "是";
    }
    if let Some(b) = values.get("appraised") {
        h.appraised = b == "是";
    }
    if let Some(d) = values.get("appraised_on") {
        h.appraised_on = Some(d.to_owned()).filter(|d| !d.is_empty());
    }
    h
}

/// The row's inspection and rectification, if it has any of those columns.
fn merge_sweep(
    office: &Office,
    base: Option<&Sweep>,
    values: &Values,
    today: NaiveDate,
) -> std::result::Result<Option<Sweep>, Vec<(String, String)>> {
    const SWEEP: [&str; 8] = [
        "conclusion",
        "findings",
        "measure",
        "deadline",
        "progress",
        "inspected_on",
        "inspectors",
        "responsible",
    ];
    if !SWEEP.iter().any(|f| values.get(f).is_some()) {
        return Ok(base.cloned());
    }
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push((field.to_owned(), message));
    let findings = values
        .get("findings")
        .map(str::to_owned)
        .or_else(|| base.map(|b| b.inspection.findings.clone()))
        .unwrap_or_default();
    // 隐患类型 are the parts of the description the dictionary knows; the rest stays in the text.
    let known = office.dict_values(Dict::Hazard);
    let mut hazards: Vec<String> = Vec::new();
    for part in split_list(&findings) {
        if let Some(h) = dict::mentioned(Dict::Hazard, &part, known) {
            if !hazards.contains(&h) {
                hazards.push(h);
            }
        }
    }
    let conclusion = match values.get("conclusion").and_then(Conclusion::from_label) {
        Some(c) => c,
        // A description without a conclusion is a hazard; nothing at all is none.
        None if values.get("findings").is_some() => Conclusion::Hazard,
        None => base.map_or(Conclusion::Safe, |b| b.inspection.conclusion),
    };
    let inspection = InspectionInput {
        inspected_on: values
            .get("inspected_on")
            .map(str::to_owned)
            .or_else(|| base.map(|b| b.inspection.inspected_on.clone()))
            .unwrap_or_else(|| today.to_string()),
        inspectors: values
            .get("inspectors")
            .map(str::to_owned)
            .or_else(|| base.map(|b| b.inspection.inspectors.clone()))
            .unwrap_or_default(),
        findings,
        conclusion,
        hazards,
    };
    if inspection.inspected_on.len() != 10 {
        err(
            "inspected_on",
            format!("排查日期“{}”要具体到日", inspection.inspected_on),
        );
    } else if inspection.inspected_on.as_str() > today.to_string().as_str() {
        err("inspected_on", "排查日期不能晚于今天".to_owned());
    }
    // The same inspection when what it found is unchanged: only its progress may move.
    let same = base.filter(|b| {
        b.inspection.conclusion == inspection.conclusion
            && b.inspection.findings == inspection.findings
            && b.inspection.inspected_on == inspection.inspected_on
    });
    let base_rect = same.and_then(|b| b.rectification.as_ref());
    let rectification = if conclusion == Conclusion::Safe {
        None
    } else {
        let measure = values
            .get("measure")
            .and_then(Measure::from_label)
            .or(base_rect.map(|r| r.measure));
        let deadline = values
            .get("deadline")
            .map(str::to_owned)
            .or_else(|| base_rect.map(|r| r.deadline.clone()));
        match (measure, deadline) {
            (Some(measure), Some(deadline)) if deadline.len() == 10 => Some(RectificationInput {
                hazard: String::new(),
                measure,
                responsible: values
                    .get("responsible")
                    .map(str::to_owned)
                    .or_else(|| base_rect.map(|r| r.responsible.clone()))
                    .unwrap_or_default(),
                // The sheet's words when its deadline was a phrase; the stored ones when the
                // sheet has no deadline of its own.
                deadline_as_written: match values.get("deadline") {
                    Some(_) => values.as_written("deadline").unwrap_or_default().to_owned(),
                    None => base_rect
                        .map(|r| r.deadline_as_written.clone())
                        .unwrap_or_default(),
                },
                deadline,
            }),
            (None, _) => {
                err(
                    "measure",
                    "存在隐患的房屋需填写整治措施（维修、加固、停用撤离、拆除、监测）".to_owned(),
                );
                None
            }
            (_, None) => {
                err("deadline", "存在隐患的房屋需填写整治时限".to_owned());
                None
            }
            (_, Some(d)) => {
                err("deadline", format!("整治时限“{d}”要具体到日"));
                None
            }
        }
    };
    let before = same.map_or(RectStatus::Pending, |b| b.progress);
    let progress = match values.get("progress") {
        None => before,
        Some(text) => match RectStatus::from_sheet(text) {
            Some(RectStatus::Closed) if before != RectStatus::Closed => {
                err(
                    "progress",
                    "导入不能直接销号：销号需要完成日期和佐证材料，请在房屋详情中办理".to_owned(),
                );
                before
            }
            Some(p) if rank(p) < rank(before) => {
                err(
                    "progress",
                    format!(
                        "完成情况不能从“{}”退回“{}”；如需退回请在房屋详情中填写原因",
                        before.label(),
                        p.label()
                    ),
                );
                before
            }
            Some(p) => p,
            None => {
                err(
                    "progress",
                    format!("完成情况“{text}”应为 待整治、整治中、已整治（已完成）"),
                );
                before
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Some(Sweep {
        inspection_id: same.and_then(|b| b.inspection_id),
        inspection,
        rectification,
        progress: if conclusion == Conclusion::Safe {
            RectStatus::Pending
        } else {
            progress
        },
    }))
}

fn rank(s: RectStatus) -> usize {
    RectStatus::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or_default()
}

//! 诉求 as the import and export engines see them: one row is a 诉求 with where it stands,
//! keyed by its number — a 12345 工单编号, or the office's own SQ年月-序号 on an export brought
//! back. A 12345 export read again moves each 工单 forward through the same steps the drawer
//! takes (研判, 派单, 办理, 办结, 回访), each recorded in its 办理经过; it never moves one back.
//! A sheet without 诉求来源 is the hotline's; without 紧急程度, its 工单 are 一般; without
//! 办理状态, a 工单 stands where its columns put it (办理结果: 已办结; 承办单位 and 办理时限:
//! 已派单).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use taizhang_core::{
    appeal::{
        steps_to, AppealInput, AppealSource, AppealStatus, AppealStep, Progress, Satisfaction,
        Urgency, APPEAL_FIELDS,
    },
    import::FieldSpec,
    org::OrgKind,
};
use taizhang_db::{
    appeal::{self as table, AppealRow},
    rusqlite::Transaction,
    Db,
};
use taizhang_excel::check::Values;

use super::ENTITY;
use crate::{
    import::{fill_texts, Merged, Office, Stored, Target},
    AppError, Ctx, Result,
};

/// What the steps a sheet implies say, where the sheet has no words of its own.
const NOTE: &str = "按导入的工单状态记录";

/// A 诉求 as a row holds it: what was taken in, and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkOrder {
    #[serde(flatten)]
    pub intake: AppealInput,
    #[serde(flatten)]
    pub progress: Progress,
}

impl From<AppealRow> for WorkOrder {
    fn from(a: AppealRow) -> Self {
        WorkOrder {
            intake: a.input,
            progress: Progress {
                status: a.status,
                handler: a.handler,
                deadline: a.deadline,
                result: a.result,
                satisfaction: a.satisfaction,
            },
        }
    }
}

/// The 诉求 register, keyed by 诉求编号 (工单编号).
pub struct Appeals;

impl Target for Appeals {
    fn seen(ctx: &Ctx, w: &Self::Input) -> bool {
        crate::scope::sees(ctx, &[w.intake.community_id, w.intake.grid_id])
    }

    const CLI_NAME: &'static str = "appeals";
    const TITLE: &'static str = "诉求办理台账";
    const ENTITY: &'static str = ENTITY;
    const KEY: &'static str = "number";
    const PLACE: (&'static str, &'static [&'static str]) = ("诉求地址", &["address"]);
    const KEY_LABEL: &'static str = "诉求编号（工单编号）";
    const NAME: &'static str = "reporter";
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("number", "2611030012"),
        ("source", "12345工单"),
        ("received_on", "2026-11-03"),
        ("community_id", "东关社区"),
        ("address", "东关社区后街12号"),
        ("reporter", "王先生"),
        ("phone", "13834567890"),
        ("content", "楼道灯不亮，老人晚上上下楼不便"),
        ("category", "物业管理"),
        ("urgency", "一般"),
        ("status", "已派单"),
        ("handler", "东关社区居委会"),
        ("deadline", "2026-11-10"),
    ];
    type Input = WorkOrder;

    fn fields() -> &'static [FieldSpec] {
        APPEAL_FIELDS
    }

    fn stored(db: &Db, _: NaiveDate) -> Result<HashMap<String, Stored<WorkOrder>>> {
        let mut out: HashMap<String, Stored<WorkOrder>> = HashMap::new();
        for a in table::all(db.conn())? {
            // A live 诉求 holds its number; one in the recycle bin only when none does.
            if out.get(&a.input.number).is_some_and(|s| !s.deleted) {
                continue;
            }
            out.insert(
                a.input.number.clone(),
                Stored {
                    id: a.id,
                    deleted: a.deleted,
                    input: a.into(),
                },
            );
        }
        Ok(out)
    }

    fn text(office: &Office, w: &WorkOrder, field: &str) -> String {
        let (a, p) = (&w.intake, &w.progress);
        let label = |l: Option<&'static str>| l.unwrap_or_default().to_owned();
        match field {
            "number" => a.number.clone(),
            "source" => label(a.source.map(AppealSource::label)),
            "received_on" => a.received_on.clone(),
            "community_id" => office.org_label(a.community_id).to_owned(),
            "grid_id" => office.org_label(a.grid_id).to_owned(),
            "address" => a.address.clone(),
            "reporter" => a.reporter.clone(),
            "phone" => a.phone.clone(),
            "content" => a.content.clone(),
            "category" => a.category.clone(),
            "urgency" => label(a.urgency.map(Urgency::label)),
            "status" => p.status.label().to_owned(),
            "handler" => p.handler.clone(),
            "deadline" => p.deadline.clone().unwrap_or_default(),
            "result" => p.result.clone(),
            "satisfaction" => label(p.satisfaction.map(Satisfaction::label)),
            _ => String::new(),
        }
    }

    fn merge(
        office: &Office,
        base: Option<&WorkOrder>,
        values: &Values,
        today: NaiveDate,
        absent: &dyn Fn(&str) -> bool,
    ) -> Merged<WorkOrder> {
        let mut w = base.cloned().unwrap_or_else(|| WorkOrder {
            intake: AppealInput::default(),
            progress: Progress {
                status: AppealStatus::Collected,
                handler: String::new(),
                deadline: None,
                result: String::new(),
                satisfaction: None,
            },
        });
        let from = w.progress.status;
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut err = |field: &str, message: String| errors.push((field.to_owned(), message));
        let (a, p) = (&mut w.intake, &mut w.progress);
        fill_texts(
            values,
            [
                ("number", &mut a.number),
                ("received_on", &mut a.received_on),
                ("address", &mut a.address),
                ("reporter", &mut a.reporter),
                ("phone", &mut a.phone),
                ("content", &mut a.content),
                ("category", &mut a.category),
                ("handler", &mut p.handler),
                ("result", &mut p.result),
            ],
        );
        if let Some(v) = values.get("source") {
            a.source = AppealSource::from_label(v);
        } else if a.source.is_none() && absent("source") {
            a.source = Some(AppealSource::Hotline);
        }
        if let Some(v) = values.get("urgency") {
            a.urgency = Urgency::from_label(v);
        }
        if let Some(v) = values.get("deadline") {
            p.deadline = Some(v.to_owned()).filter(|d| !d.is_empty());
        }
        if let Some(v) = values.get("satisfaction") {
            p.satisfaction = Satisfaction::from_label(v);
        }
        if let Some(name) = values.get("community_id") {
            a.community_id = office.org_id(OrgKind::Community, name, None);
        }
        if let Some(name) = values.get("grid_id").filter(|n| !n.is_empty()) {
            match office.unit_within(OrgKind::Grid, name, a.community_id) {
                Ok(grid) => {
                    a.grid_id = Some(grid);
                    a.community_id = a.community_id.or(office.community_of(grid));
                }
                Err(e) => err("grid_id", e),
            }
        }
        p.status = match values.get("status").and_then(AppealStatus::from_label) {
            Some(s) => s,
            None if base.is_none() && absent("status") => {
                if !p.result.is_empty() {
                    AppealStatus::Done
                } else if !p.handler.is_empty() && p.deadline.is_some() {
                    AppealStatus::Dispatched
                } else {
                    AppealStatus::Collected
                }
            }
            None => from,
        };
        if a.urgency.is_none() && absent("urgency") && p.status != AppealStatus::Collected {
            a.urgency = Some(Urgency::Normal);
        }
        if a.number.is_empty() {
            err(
                "number",
                "导入的诉求以诉求编号（工单编号）区分，请填写".to_owned(),
            );
        }
        if a.content.is_empty() {
            err("content", "请填写诉求内容".to_owned());
        }
        match a.received_on.parse::<NaiveDate>() {
            Err(_) => err("received_on", "请填写收集日期".to_owned()),
            Ok(d) if d > today => err("received_on", "收集日期不能晚于今天".to_owned()),
            Ok(d) => {
                if p.deadline
                    .as_deref()
                    .is_some_and(|l| l < d.to_string().as_str())
                {
                    err("deadline", "办理时限不能早于收集日期".to_owned());
                }
            }
        }
        if a.community_id.is_none() && a.grid_id.is_none() && a.address.is_empty() {
            err("address", "请填写社区或诉求地址".to_owned());
        }
        if let Err(e) = steps_to(from, (&a.category, a.urgency), p, NOTE) {
            err("status", e);
        }
        if errors.is_empty() {
            Ok((w, Vec::new()))
        } else {
            Err(errors)
        }
    }

    /// Writes what was taken in, then takes the steps to where the row stands (or, for an
    /// undo putting an earlier state back, one step back with the reason).
    fn write(tx: &Transaction, ctx: &Ctx, id: Option<i64>, w: &WorkOrder) -> Result<i64> {
        let id = match id {
            None => table::insert(tx, &w.intake, AppealStatus::Collected)?,
            Some(id) => {
                table::update(tx, id, &w.intake)?;
                id
            }
        };
        let now = table::get(tx, id)?.status;
        let day = ctx.today.to_string();
        let target = &w.progress;
        match steps_to(now, (&w.intake.category, w.intake.urgency), target, NOTE) {
            Ok(steps) => {
                let mut at = now;
                for (next, step) in steps {
                    table::take_step(tx, id, (at, next), &step, &ctx.actor, &day)?;
                    at = next;
                }
            }
            Err(_) if target.status != now => {
                let back = AppealStep {
                    reason: "撤销导入".to_owned(),
                    ..AppealStep::default()
                };
                table::take_step(tx, id, (now, target.status), &back, &ctx.actor, &day)?;
            }
            Err(e) => return Err(AppError::conflict(e)),
        }
        table::set_progress(tx, id, target)?;
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

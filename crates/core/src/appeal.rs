//! 诉求与事件: what a resident asks for or a grid worker finds, and its closed loop — 收集 →
//! 研判 → 派单 → 办理 → 办结 → 回访 → 归档, a 回访 not satisfied reopening it, overdue ones
//! 督办. Pure rules; the tables are the db crate's.
//!
//! The loop follows the seeds' "诉求收集、分析研判、精准派单、督促提醒、积分考评、结果运用" and the
//! 12345 hotline's work orders (工单: 承办单位, 办理时限, 办理结果, 回访结果, 满意度).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    dict::Dict,
    import::{field, FieldKind, FieldSpec, Width, COMMUNITY_SYNONYMS, PHONE_SYNONYMS},
    labelled::labelled_enum,
    org::OrgKind,
};

labelled_enum!(
    /// Where the 诉求 came from.
    AppealSource {
        Visit => "走访",
        Patrol => "网格员巡查",
        Consultation => "说事议事",
        CallIn => "来电来访",
        Hotline => "12345工单",
        WeChat => "微信群",
        Other => "其他",
    }
);

labelled_enum!(
    /// How soon it must be dealt with.
    Urgency { Normal => "一般", Urgent => "紧急", Critical => "特急" }
);

labelled_enum!(
    /// Where it stands in the loop.
    AppealStatus {
        Collected => "待研判",
        Assessed => "待派单",
        Dispatched => "已派单",
        Handling => "办理中",
        Done => "已办结",
        Closed => "已归档",
    }
);

labelled_enum!(
    /// What the resident said when called back (回访).
    Satisfaction { Satisfied => "满意", Basically => "基本满意", Unsatisfied => "不满意" }
);

impl AppealStatus {
    fn step(self) -> usize {
        AppealStatus::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    /// Still being worked on: overdue once its deadline has passed.
    pub fn open(self) -> bool {
        !matches!(self, AppealStatus::Done | AppealStatus::Closed)
    }
}

/// A 诉求 as it is taken in (收集): who raised what, where. Its place in the loop (category,
/// handler, result …) is set by its steps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AppealInput {
    /// 诉求编号: a 12345 工单编号, or empty for the office to number it.
    pub number: String,
    /// Where it came from (走访, 12345工单 …).
    pub source: Option<AppealSource>,
    /// The day it came in.
    pub received_on: String,
    /// The 社区/村 it concerns.
    pub community_id: Option<i64>,
    /// The 网格 it concerns.
    pub grid_id: Option<i64>,
    /// Where: an address as given, or the household's.
    pub address: String,
    /// The household it concerns, if one of the grid's.
    pub household_id: Option<i64>,
    /// The visit it was raised on, if any.
    pub visit_id: Option<i64>,
    /// 诉求人 as given (may be anonymous).
    pub reporter: String,
    /// 联系电话 (masked wherever shown).
    pub phone: String,
    /// 诉求内容.
    pub content: String,
    /// 诉求类别, when already known (a 工单 says it).
    pub category: String,
    /// 紧急程度, when already known.
    pub urgency: Option<Urgency>,
}

/// What a 诉求 is linked to so nothing is tracked twice: the house it concerns (房屋安全) and
/// the 说事议事 task that takes it up. Set apart from what was taken in: an import or a form
/// save of the intake leaves them as they are, and an archive does not carry them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AppealLinks {
    /// The house, if any.
    pub house_id: Option<i64>,
    /// The 说事议事 task (a meeting's 议事任务), if any.
    pub task_id: Option<i64>,
}

impl AppealInput {
    /// What the form starts from: raised on a visit, of normal urgency.
    pub fn suggested() -> Self {
        Self {
            source: Some(AppealSource::Visit),
            urgency: Some(Urgency::Normal),
            ..Self::default()
        }
    }
}

/// A 诉求's fields as the intake form and a 12345 工单 export name them (import register
/// `appeals`, keyed by 工单编号).
pub const APPEAL_FIELDS: &[FieldSpec] = &[
    field(
        "number",
        "诉求编号",
        &["工单编号", "工单号", "编号", "受理编号"],
        FieldKind::Text,
        false,
    ),
    field(
        "source",
        "诉求来源",
        &["来源", "渠道", "受理渠道"],
        FieldKind::Choice(AppealSource::LABELS),
        true,
    )
    // A 12345 export has no 来源 column: its rows are the hotline's.
    .completable(),
    field(
        "received_on",
        "收集日期",
        &["来电时间", "受理时间", "登记时间", "反映时间", "日期"],
        FieldKind::Date,
        true,
    ),
    field(
        "community_id",
        "社区（村）",
        COMMUNITY_SYNONYMS,
        FieldKind::Org(OrgKind::Community),
        false,
    ),
    field(
        "grid_id",
        "所属网格",
        &["网格", "网格名称"],
        FieldKind::Org(OrgKind::Grid),
        false,
    ),
    field(
        "address",
        "诉求地址",
        &["地址", "事发地址", "发生地点"],
        FieldKind::Text,
        false,
    )
    .width(Width::Full),
    field(
        "reporter",
        "诉求人",
        &["来电人", "反映人", "姓名"],
        FieldKind::Name,
        false,
    ),
    field("phone", "联系电话", PHONE_SYNONYMS, FieldKind::Phone, false),
    field(
        "content",
        "诉求内容",
        &["反映内容", "来电内容", "问题描述", "事件描述"],
        FieldKind::Text,
        true,
    )
    .width(Width::Long),
    field(
        "category",
        "诉求类别",
        &["诉求类型", "问题类型", "事件类型", "类别"],
        FieldKind::Dict(Dict::AppealCategory),
        false,
    ),
    field(
        "urgency",
        "紧急程度",
        &["紧急度", "缓急程度"],
        FieldKind::Choice(Urgency::LABELS),
        false,
    ),
    // Where a 工单 stands, as the hotline's export and our own write it: set by the loop's
    // steps, so on sheets only, never on the intake form.
    field(
        "status",
        "办理状态",
        &["工单状态", "状态", "处理状态", "办件状态"],
        FieldKind::Choice(AppealStatus::LABELS),
        false,
    )
    .sheet_only(),
    field(
        "handler",
        "承办单位",
        &["承办人", "承办部门", "责任单位", "办理单位", "处置单位"],
        FieldKind::Text,
        false,
    )
    .sheet_only(),
    field(
        "deadline",
        "办理时限",
        &["办结时限", "截止时间", "办理期限", "处理时限"],
        FieldKind::Date,
        false,
    )
    .sheet_only(),
    field(
        "result",
        "办理结果",
        &["处理结果", "答复内容", "办理情况", "回复内容", "处置结果"],
        FieldKind::Text,
        false,
    )
    .sheet_only(),
    field(
        "satisfaction",
        "满意度",
        &["回访结果", "评价结果", "回访满意度", "群众评价"],
        FieldKind::Choice(Satisfaction::LABELS),
        false,
    )
    .sheet_only(),
];

/// Where a 诉求 stands as a sheet says it: its status and what the loop's steps recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// 办理状态.
    pub status: AppealStatus,
    /// 承办单位.
    pub handler: String,
    /// 办理时限.
    pub deadline: Option<String>,
    /// 办理结果.
    pub result: String,
    /// The last 回访's verdict.
    pub satisfaction: Option<Satisfaction>,
}

/// The steps that take a 诉求 from `from` to where `to` says it stands, each checked as the
/// drawer would check it ([`check_move`], [`after_call_back`]); `note` is written on the steps
/// a sheet has no words for (办理中, 回访). Refused going back (except a 回访 不满意 reopening
/// a finished one) and moving an archived one, in a clerk's words.
pub fn steps_to(
    from: AppealStatus,
    (category, urgency): (&str, Option<Urgency>),
    to: &Progress,
    note: &str,
) -> Result<Vec<(AppealStatus, AppealStep)>, String> {
    use AppealStatus::*;
    let said = |e: String| format!("办理状态为“{}”：{e}", to.status.label());
    let call_back = AppealStep {
        note: note.to_owned(),
        satisfaction: to.satisfaction,
        ..AppealStep::default()
    };
    if from == Done && to.status == Handling {
        return match after_call_back(Done, &call_back) {
            Ok(Handling) => Ok(vec![(Handling, call_back)]),
            _ => Err(
                "办理状态不能从“已办结”回到“办理中”，除非回访不满意（满意度填“不满意”）".to_owned(),
            ),
        };
    }
    if to.status.step() < from.step() {
        return Err(format!(
            "办理状态不能从“{}”退回“{}”；如需退回请在诉求详情中填写原因",
            from.label(),
            to.status.label()
        ));
    }
    let mut steps = Vec::new();
    let mut at = from;
    while at != to.status {
        let (next, step) = match at {
            Collected => (
                Assessed,
                AppealStep {
                    category: category.to_owned(),
                    urgency,
                    ..AppealStep::default()
                },
            ),
            Assessed => (
                Dispatched,
                AppealStep {
                    handler: to.handler.clone(),
                    deadline: to.deadline.clone(),
                    ..AppealStep::default()
                },
            ),
            Dispatched if to.status == Handling => (
                Handling,
                AppealStep {
                    note: note.to_owned(),
                    ..AppealStep::default()
                },
            ),
            Dispatched | Handling => (
                Done,
                AppealStep {
                    note: to.result.clone(),
                    ..AppealStep::default()
                },
            ),
            Done => (Closed, call_back.clone()),
            Closed => return Err("已归档的诉求不能再改动".to_owned()),
        };
        if next == Closed {
            if after_call_back(at, &step).map_err(said)? != Closed {
                return Err(said("归档需要回访满意或基本满意".to_owned()));
            }
        } else {
            check_move(at, next, &step).map_err(said)?;
        }
        steps.push((next, step));
        at = next;
    }
    Ok(steps)
}

/// One step of the loop as the clerk gives it; each step reads the fields it needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppealStep {
    /// 研判: the category (诉求类别 dictionary).
    pub category: String,
    /// 研判: how urgent.
    pub urgency: Option<Urgency>,
    /// 派单: the person or department that handles it (承办单位/承办人).
    pub handler: String,
    /// 派单: the day it must be done by (办理时限).
    pub deadline: Option<String>,
    /// 办理: a progress note; 办结: the result (办理结果); 回访: what was said on the call.
    pub note: String,
    /// 回访: the resident's verdict.
    pub satisfaction: Option<Satisfaction>,
    /// Going back a step: why.
    pub reason: String,
}

/// Whether the loop may move from `from` to `to` with `step`: the refusal, in a clerk's words,
/// when not. Forward moves take one step at a time (办理中 may be skipped: a work order can be
/// finished straight from 已派单), each needing what it records, and a note may be added while
/// 办理中; going back needs a reason. Only a 回访 closes a 诉求 ([`after_call_back`]), and
/// nothing moves a closed one.
pub fn check_move(from: AppealStatus, to: AppealStatus, step: &AppealStep) -> Result<(), String> {
    use AppealStatus::*;
    if from == to && to != Handling {
        return Err(format!("已经是“{}”", to.label()));
    }
    if from == Closed {
        return Err("已归档的诉求不能再改动；群众仍不满意时请登记新的诉求".to_owned());
    }
    if to.step() < from.step() {
        return match step.reason.trim() {
            "" => Err(format!(
                "从“{}”退回“{}”需要填写原因",
                from.label(),
                to.label()
            )),
            _ => Ok(()),
        };
    }
    let skipped_handling = from == Dispatched && to == Done;
    if to.step() > from.step() + 1 && !skipped_handling {
        return Err(format!(
            "“{}”的下一步是“{}”，不能直接到“{}”",
            from.label(),
            AppealStatus::ALL[from.step() + 1].label(),
            to.label()
        ));
    }
    match to {
        Assessed => {
            if step.category.trim().is_empty() {
                return Err("研判需要选择诉求类别".to_owned());
            }
            if step.urgency.is_none() {
                return Err("研判需要选择紧急程度".to_owned());
            }
        }
        Dispatched => {
            if step.handler.trim().is_empty() {
                return Err("派单需要填写承办人或承办单位".to_owned());
            }
            if step.deadline.as_deref().is_none_or(|d| d.trim().is_empty()) {
                return Err("派单需要填写办理时限".to_owned());
            }
        }
        Handling => {
            if step.note.trim().is_empty() {
                return Err("请填写办理进展".to_owned());
            }
        }
        Done => {
            if step.note.trim().is_empty() {
                return Err("办结需要填写办理结果".to_owned());
            }
        }
        Closed => return Err("办结后由回访归档：请用“回访”记录群众是否满意".to_owned()),
        Collected => {}
    }
    Ok(())
}

/// Where a 回访 leaves a finished 诉求: 满意 or 基本满意 close it, 不满意 sends it back to
/// 办理中. Refused before it is finished, and without the verdict or what was said.
pub fn after_call_back(status: AppealStatus, step: &AppealStep) -> Result<AppealStatus, String> {
    if status != AppealStatus::Done {
        return Err(format!(
            "只有已办结的诉求才能回访；现在是“{}”",
            status.label()
        ));
    }
    if step.note.trim().is_empty() {
        return Err("请记录回访情况（与谁通话、群众怎么说）".to_owned());
    }
    match step.satisfaction {
        None => Err("请选择群众是否满意".to_owned()),
        Some(Satisfaction::Unsatisfied) => Ok(AppealStatus::Handling),
        Some(_) => Ok(AppealStatus::Closed),
    }
}

/// Open past its deadline on `today`: 督办.
pub fn overdue(status: AppealStatus, deadline: Option<&str>, today: NaiveDate) -> bool {
    status.open()
        && deadline
            .and_then(|d| d.parse::<NaiveDate>().ok())
            .is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::{AppealStatus::*, *};

    fn step() -> AppealStep {
        AppealStep::default()
    }

    #[test]
    fn each_step_asks_for_what_it_records() {
        assert!(check_move(Collected, Assessed, &step())
            .unwrap_err()
            .contains("诉求类别"));
        let assessed = AppealStep {
            category: "道路设施".into(),
            urgency: Some(Urgency::Urgent),
            ..step()
        };
        assert_eq!(check_move(Collected, Assessed, &assessed), Ok(()));
        let no_deadline = AppealStep {
            handler: "城建办".into(),
            ..step()
        };
        assert!(check_move(Assessed, Dispatched, &no_deadline)
            .unwrap_err()
            .contains("时限"));
        assert!(check_move(Dispatched, Done, &step())
            .unwrap_err()
            .contains("办理结果"));
        let result = AppealStep {
            note: "已更换路灯".into(),
            ..step()
        };
        assert_eq!(check_move(Dispatched, Done, &result), Ok(()));
        assert!(check_move(Collected, Dispatched, &result)
            .unwrap_err()
            .contains("下一步是“待派单”"));
    }

    #[test]
    fn going_back_needs_a_reason_and_closed_is_closed() {
        assert!(check_move(Dispatched, Collected, &step())
            .unwrap_err()
            .contains("原因"));
        let why = AppealStep {
            reason: "派错单位".into(),
            ..step()
        };
        assert_eq!(check_move(Dispatched, Collected, &why), Ok(()));
        assert!(check_move(Closed, Handling, &why).is_err());
        assert!(check_move(Done, Closed, &step())
            .unwrap_err()
            .contains("回访"));
    }

    #[test]
    fn a_call_back_not_satisfied_reopens() {
        let call = |satisfaction| AppealStep {
            note: "电话回访户主本人".into(),
            satisfaction,
            ..step()
        };
        assert_eq!(
            after_call_back(Done, &call(Some(Satisfaction::Basically))),
            Ok(Closed)
        );
        assert_eq!(
            after_call_back(Done, &call(Some(Satisfaction::Unsatisfied))),
            Ok(Handling)
        );
        assert!(after_call_back(Done, &call(None)).is_err());
        assert!(after_call_back(Handling, &call(Some(Satisfaction::Satisfied))).is_err());
    }

    #[test]
    fn overdue_is_open_past_its_deadline() -> Result<(), String> {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).ok_or("date")?;
        assert!(overdue(Handling, Some("2026-12-02"), today));
        assert!(!overdue(Handling, Some("2026-12-03"), today));
        assert!(!overdue(Done, Some("2026-11-01"), today));
        assert!(!overdue(Dispatched, None, today));
        Ok(())
    }
}

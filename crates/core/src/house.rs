//! 房屋安全 (自建房安全排查整治): what a house, an inspection and a rectification are, the
//! rectification's status machine, overdue, and the campaign sheet's columns. Pure rules; the
//! tables are the db crate's.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    dict::Dict,
    import::{field, FieldKind, FieldSpec, COMMUNITY_SYNONYMS, ID_NUMBER_SYNONYMS, PHONE_SYNONYMS},
    labelled::labelled_enum,
    org::OrgKind,
};

labelled_enum!(
    /// 房屋用途.
    HouseUse { Own => "自住", Rent => "出租", Business => "经营", Mixed => "混合" }
);

labelled_enum!(
    /// JGJ 125 危险性鉴定等级: A no danger … D the whole building dangerous.
    Appraisal { A => "A级", B => "B级", C => "C级", D => "D级" }
);

labelled_enum!(
    /// 排查结论.
    Conclusion {
        Safe => "无隐患",
        Hazard => "一般隐患",
        Collapse => "存在结构倒塌风险",
    }
);

labelled_enum!(
    /// 整治措施.
    Measure {
        Repair => "维修",
        Reinforce => "加固",
        Evacuate => "停用撤离",
        Demolish => "拆除",
        Monitor => "监测",
    }
);

labelled_enum!(
    /// 整治 progress: 待整治 → 整治中 → 已整治 → 已销号.
    RectStatus {
        Pending => "待整治",
        Working => "整治中",
        Done => "已整治",
        Closed => "已销号",
    }
);

impl RectStatus {
    fn step(self) -> usize {
        RectStatus::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Still to be done: overdue once its deadline has passed.
    pub fn open(self) -> bool {
        matches!(self, RectStatus::Pending | RectStatus::Working)
    }

    /// What a sweep sheet's 完成情况 says: "已完成" is 已整治, "整改中" is 整治中 ….
    pub fn from_sheet(text: &str) -> Option<Self> {
        Self::from_label(text).or(match text {
            "已完成" | "完成" | "已整改" | "整改完成" | "已整改完成" => {
                Some(RectStatus::Done)
            }
            "整改中" | "正在整治" | "正在整改" | "进行中" => {
                Some(RectStatus::Working)
            }
            "未完成" | "未整治" | "未整改" | "待整改" | "未开始" => {
                Some(RectStatus::Pending)
            }
            "已销号" | "销号" => Some(RectStatus::Closed),
            _ => None,
        })
    }
}

/// A house as the form (or a sweep sheet) gives it. `Default` is a house nothing is known of
/// yet (what an import fills); [`HouseInput::suggested`] is what the form starts from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseInput {
    /// 房屋地址: names the house; a register's key.
    pub address: String,
    /// The 社区/村 it stands in.
    pub community_id: Option<i64>,
    /// The 网格 it stands in.
    pub grid_id: Option<i64>,
    /// 产权人: a person's name, or a unit's.
    pub owner: String,
    /// The owner's 公民身份号码, empty for a unit or when unknown.
    pub owner_id_number: String,
    /// The owner's phone.
    pub phone: String,
    /// 结构类型 (砖混, 框架 …).
    pub structure: String,
    /// 层数.
    pub storeys: Option<u32>,
    /// Square metres, e.g. "120.5"; empty when unknown.
    pub floor_area: String,
    /// "2005", "1980年代", or empty: see [`Built`].
    pub built: String,
    /// 房屋用途.
    pub use_kind: Option<HouseUse>,
    /// Used for business (经营性): the campaign's first concern.
    pub business: bool,
    /// Whether it has been appraised (已鉴定).
    pub appraised: bool,
    /// The appraisal's grade (A–D).
    pub appraisal: Option<Appraisal>,
    /// When it was appraised.
    pub appraised_on: Option<String>,
    /// Who appraised it.
    pub appraiser: String,
    /// 备注.
    pub note: String,
}

impl HouseInput {
    /// A new house in the form: the sweep's most common structure and use, to be changed when
    /// they differ (the form says so; an import never assumes them).
    pub fn suggested() -> Self {
        Self {
            structure: "砖混".into(),
            use_kind: Some(HouseUse::Own),
            ..Self::default()
        }
    }
}

/// One inspection (排查) of a house.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionInput {
    /// The day it was inspected.
    pub inspected_on: String,
    /// Who inspected it (names).
    pub inspectors: String,
    /// What they found.
    pub findings: String,
    /// 排查结论.
    pub conclusion: Conclusion,
    /// 隐患类型 from the office's dictionary.
    pub hazards: Vec<String>,
}

/// What is to be done about what an inspection found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RectificationInput {
    /// The hazard it answers, empty for the house as a whole.
    pub hazard: String,
    /// 整治措施.
    pub measure: Measure,
    /// Who answers for it (责任人).
    pub responsible: String,
    /// 整治时限: the day it is due.
    pub deadline: String,
    /// The deadline as a sheet wrote it, when that was a phrase read as a day (“2026年10月底前”);
    /// empty when the day was given.
    #[serde(default)]
    pub deadline_as_written: String,
}

/// A status change asked for, with what closing and going back need.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusChange {
    /// The day the work was done (to move to 已整治).
    pub completed_on: Option<String>,
    /// What shows the work was done: photos taken, 验收意见, a document number.
    pub evidence: String,
    /// Why a rectification goes back a step (required then).
    pub reason: String,
}

/// Whether a rectification may move `from` → `to`. Forward steps may skip (待整治 → 已整治 when
/// the work was quick); 已整治 needs a completion date; 已销号 follows 已整治 and needs evidence;
/// going back needs a reason, so it is never silent.
pub fn check_move(from: RectStatus, to: RectStatus, c: &StatusChange) -> Result<(), String> {
    if from == to {
        return Err(format!("已经是“{}”", to.label()));
    }
    if to.step() < from.step() {
        return if c.reason.trim().is_empty() {
            Err(format!(
                "从“{}”退回“{}”需要填写原因",
                from.label(),
                to.label()
            ))
        } else {
            Ok(())
        };
    }
    let completed = c
        .completed_on
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty());
    if to.step() >= RectStatus::Done.step() && !completed {
        return Err(format!("标记为“{}”需要填写完成日期", to.label()));
    }
    if to == RectStatus::Closed {
        if from != RectStatus::Done {
            return Err("只有已整治的隐患才能销号；请先标记为已整治".to_owned());
        }
        if c.evidence.trim().is_empty() {
            return Err("销号需要整治佐证材料（照片、验收意见或文件编号）".to_owned());
        }
    }
    Ok(())
}

/// Open past its deadline on `today`.
pub fn overdue(status: RectStatus, deadline: &str, today: NaiveDate) -> bool {
    status.open() && deadline < today.to_string().as_str() && !deadline.is_empty()
}

/// The campaign ledger's columns, in the order of the sweep sheets (序号 aside), then the
/// fields this register keeps beyond them. Import register `houses`, keyed by 房屋地址: the one
/// column a sheet must have. 产权人 and 结构类型 are required of a house, but a sheet without
/// their column still goes in, its houses 待补录 (see `Houses::merge`).
pub const HOUSE_FIELDS: &[FieldSpec] = &[
    field(
        "town",
        "乡镇（街道）",
        &["乡镇", "街道", "乡镇(街道)", "所属街道"],
        FieldKind::Text,
        false,
    ),
    field(
        "community_id",
        "社区（村）",
        COMMUNITY_SYNONYMS,
        FieldKind::Org(OrgKind::Community),
        false,
    ),
    field(
        "address",
        "房屋地址",
        &["地址", "房屋坐落", "坐落", "详细地址", "房屋位置"],
        FieldKind::Text,
        true,
    ),
    field(
        "owner",
        "产权人",
        &[
            "户主",
            "房主",
            "产权人姓名",
            "业主",
            "户主姓名",
            "产权人（单位）",
        ],
        FieldKind::Name,
        false,
    ),
    field(
        "owner_id_number",
        "身份证号",
        ID_NUMBER_SYNONYMS,
        FieldKind::IdNumber,
        false,
    ),
    field("phone", "联系电话", PHONE_SYNONYMS, FieldKind::Phone, false),
    field(
        "structure",
        "结构类型",
        &["房屋结构", "结构", "结构形式"],
        FieldKind::Dict(Dict::Structure),
        false,
    ),
    field(
        "storeys",
        "层数",
        &["地上层数", "房屋层数", "楼层数", "楼层"],
        FieldKind::Count,
        false,
    ),
    field(
        "built",
        "建成年代",
        &[
            "建成年份",
            "建造年代",
            "建房年份",
            "建造年份",
            "修建年代",
            "建成时间",
        ],
        FieldKind::Year,
        false,
    ),
    field(
        "use_kind",
        "用途",
        &["房屋用途", "使用用途", "使用性质"],
        FieldKind::Choice(HouseUse::LABELS),
        false,
    ),
    field(
        "business",
        "是否经营性自建房",
        &["经营性自建房", "是否经营", "是否用于经营"],
        FieldKind::Bool,
        false,
    ),
    field(
        "conclusion",
        "排查结论",
        &["排查情况", "排查结果", "安全状况"],
        FieldKind::Choice(Conclusion::LABELS),
        false,
    ),
    field(
        "findings",
        "隐患描述",
        &["隐患情况", "存在问题", "主要问题", "隐患类型", "存在隐患"],
        FieldKind::Text,
        false,
    ),
    field(
        "measure",
        "整治措施",
        &["整改措施", "处置措施", "整治方式"],
        FieldKind::Choice(Measure::LABELS),
        false,
    ),
    field(
        "deadline",
        "整治时限",
        &["整改时限", "整改期限", "完成时限", "整治期限"],
        FieldKind::Date,
        false,
    ),
    field(
        "progress",
        "完成情况",
        &["整改情况", "整治情况", "整治进度", "整改进度"],
        FieldKind::Text,
        false,
    ),
    field(
        "grid_id",
        "网格",
        &["所属网格"],
        FieldKind::Org(OrgKind::Grid),
        false,
    ),
    field(
        "floor_area",
        "建筑面积（平方米）",
        &["建筑面积", "面积", "建筑面积(㎡)", "建筑面积㎡"],
        FieldKind::Number,
        false,
    ),
    field(
        "appraised",
        "是否鉴定",
        &["是否已鉴定", "鉴定情况"],
        FieldKind::Bool,
        false,
    ),
    field(
        "appraisal",
        "鉴定等级",
        &["危险性等级", "安全等级", "鉴定结论"],
        FieldKind::Choice(Appraisal::LABELS),
        false,
    ),
    field(
        "appraised_on",
        "鉴定日期",
        &["鉴定时间", "鉴定年月"],
        FieldKind::Date,
        false,
    ),
    field(
        "appraiser",
        "鉴定机构",
        &["鉴定单位", "鉴定机构名称"],
        FieldKind::Text,
        false,
    ),
    field(
        "inspected_on",
        "排查日期",
        &["排查时间", "检查日期"],
        FieldKind::Date,
        false,
    ),
    field(
        "inspectors",
        "排查人员",
        &["排查人", "检查人"],
        FieldKind::Text,
        false,
    ),
    field(
        "responsible",
        "整治责任人",
        &["责任人", "包保责任人"],
        FieldKind::Text,
        false,
    ),
    field("note", "备注", &[], FieldKind::Text, false),
];

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn change(completed_on: &str, evidence: &str, reason: &str) -> StatusChange {
        StatusChange {
            completed_on: Some(completed_on.to_owned()).filter(|d| !d.is_empty()),
            evidence: evidence.to_owned(),
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn no_closing_without_completion_and_evidence_and_no_silent_going_back() {
        use RectStatus::*;
        assert!(check_move(Pending, Working, &change("", "", "")).is_ok());
        assert!(check_move(Pending, Done, &change("2026-10-01", "", "")).is_ok());
        let e = check_move(Working, Done, &change("", "", "")).err();
        assert_eq!(e.as_deref(), Some("标记为“已整治”需要填写完成日期"));
        let e = check_move(Done, Closed, &change("2026-10-01", "", "")).err();
        assert!(e.is_some_and(|e| e.contains("佐证材料")));
        let e = check_move(Working, Closed, &change("2026-10-01", "验收照片3张", "")).err();
        assert!(e.is_some_and(|e| e.contains("只有已整治")));
        assert!(check_move(Done, Closed, &change("2026-10-01", "验收照片3张", "")).is_ok());
        let e = check_move(Done, Working, &change("", "", "")).err();
        assert_eq!(e.as_deref(), Some("从“已整治”退回“整治中”需要填写原因"));
        assert!(check_move(Closed, Working, &change("", "", "复查发现新裂缝")).is_ok());
        assert!(check_move(Working, Working, &change("", "", "")).is_err());
    }

    #[test]
    fn overdue_is_open_past_its_deadline() -> Result<(), String> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).ok_or("date")?;
        assert!(overdue(RectStatus::Pending, "2026-11-21", today));
        assert!(overdue(RectStatus::Working, "2026-01-01", today));
        assert!(
            !overdue(RectStatus::Working, "2026-11-22", today),
            "due today is not late"
        );
        assert!(!overdue(RectStatus::Done, "2026-01-01", today));
        assert!(!overdue(RectStatus::Pending, "", today));
        Ok(())
    }

    #[test]
    fn sheets_say_done_in_many_ways() {
        assert_eq!(RectStatus::from_sheet("已完成"), Some(RectStatus::Done));
        assert_eq!(RectStatus::from_sheet("整改中"), Some(RectStatus::Working));
        assert_eq!(RectStatus::from_sheet("待整治"), Some(RectStatus::Pending));
        assert_eq!(RectStatus::from_sheet("看情况"), None);
    }
}

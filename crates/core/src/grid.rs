//! 网格员 (the grid's people): who serves which grid, in which role, over which area. Pure
//! rules; the tables are the db crate's.
//!
//! Roles follow the 五级网格 of the seeds and DB15/T 3005—2023 《网格员管理与服务规范》: a grid
//! has a 网格长 (often the community's secretary), full-time and part-time 网格员, and each
//! 微网格 (a building or a group of households) a 微网格员 (楼栋长).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    import::{
        field, FieldKind, FieldSpec, Width, COMMUNITY_SYNONYMS, ID_NUMBER_SYNONYMS, PHONE_SYNONYMS,
    },
    labelled::labelled_enum,
    org::OrgKind,
};

labelled_enum!(
    /// What a person is to a grid.
    GridRole {
        Head => "网格长",
        FullTime => "专职网格员",
        PartTime => "兼职网格员",
        Micro => "微网格员",
    }
);

/// A grid worker as the form (or a 网格员花名册) gives them. Name, ID and phone live on the
/// shared person record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct GridWorkerInput {
    /// 姓名.
    pub name: String,
    /// 公民身份号码.
    pub id_number: String,
    /// 联系电话: what residents call.
    pub phone: String,
    /// The 网格 or 微网格 served (a 社区 for a community's 网格长).
    pub unit_id: Option<i64>,
    /// 网格长, 专职网格员 ….
    pub role: Option<GridRole>,
    /// 负责区域: the buildings or streets, as written ("幸福小区1-6号楼").
    pub area: String,
    /// 备注.
    pub note: String,
}

impl GridWorkerInput {
    /// What the form starts from: a full-time 网格员, the most common entry.
    pub fn suggested() -> Self {
        Self {
            role: Some(GridRole::FullTime),
            ..Self::default()
        }
    }
}

/// The 网格员花名册 as offices keep it (import register `grid-workers`), keyed by 公民身份号码
/// and the unit served: one person may serve two grids.
pub const GRID_WORKER_FIELDS: &[FieldSpec] = &[
    field(
        "name",
        "姓名",
        &["网格员姓名", "网格员"],
        FieldKind::Name,
        true,
    )
    .listed(),
    field(
        "id_number",
        "公民身份号码",
        ID_NUMBER_SYNONYMS,
        FieldKind::IdNumber,
        true,
    ),
    field("phone", "联系电话", PHONE_SYNONYMS, FieldKind::Phone, false).listed(),
    // Grids of different communities share names (第一网格): a roster's 社区 tells them apart.
    field(
        "community",
        "社区（村）",
        COMMUNITY_SYNONYMS,
        FieldKind::Org(OrgKind::Community),
        false,
    )
    .sheet_only(),
    field(
        "unit_id",
        "所在网格",
        &["网格", "所属网格", "网格名称", "负责网格", "微网格"],
        FieldKind::Org(OrgKind::Grid),
        // Blank for a 网格长 over a whole community (the 社区 column names it); the form
        // requires a unit all the same.
        false,
    )
    .listed(),
    field(
        "role",
        "职务",
        &["网格职务", "类别", "网格员类别", "身份", "岗位"],
        FieldKind::Choice(GridRole::LABELS),
        true,
    )
    .completable()
    .listed(),
    field(
        "area",
        "负责区域",
        &["管辖范围", "网格范围", "负责楼栋", "服务区域", "包联区域"],
        FieldKind::Text,
        false,
    )
    .width(Width::Full)
    .listed()
    .hint("如：幸福小区1—6号楼、东大街北段"),
    field("note", "备注", &[], FieldKind::Text, false).width(Width::Long),
];

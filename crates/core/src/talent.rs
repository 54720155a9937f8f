//! 人才库 (乡土人才): what a talent record is and how talent sheets name its columns. Pure
//! rules; the tables are the db crate's.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    dict::Dict,
    import::{
        field, FieldKind, FieldSpec, Width, COMMUNITY_SYNONYMS, ID_NUMBER_SYNONYMS, PHONE_SYNONYMS,
    },
    org::OrgKind,
};

/// The category a 是否后备干部 column stands for.
pub const RESERVE_CADRE: &str = "后备干部";

/// A talent as the form (or a talent sheet) gives it. Name, ID and phone live on the shared
/// person record; the rest is the pool's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct TalentInput {
    /// 姓名.
    pub name: String,
    /// 公民身份号码: sex and birth date are read from it.
    pub id_number: String,
    /// 联系电话.
    pub phone: String,
    /// 社区/村 the talent belongs to.
    pub community_id: Option<i64>,
    /// 人才类别 from the office's dictionary, several at once.
    pub categories: Vec<String>,
    /// 学历 from the education dictionary, or empty.
    pub education: String,
    /// 专业.
    pub major: String,
    /// 特长/技能: free tags ("电商", "果树修剪").
    pub skills: Vec<String>,
    /// 现工作单位 or 务工地.
    pub work_place: String,
    /// 政治面貌 from its dictionary, or empty.
    pub political: String,
    /// 荣誉.
    pub honours: String,
    /// 备注.
    pub note: String,
}

impl TalentInput {
    /// Among the 后备干部 (a category of its own).
    pub fn is_reserve_cadre(&self) -> bool {
        self.categories.iter().any(|c| c == RESERVE_CADRE)
    }
}

/// Tags as a person types them: trimmed, blanks and repeats dropped, order kept.
pub fn tidy_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

/// Talent sheets as they arrive (import register `talents`), keyed by 公民身份号码. 人才类别
/// and 特长 hold several values split on 、，;.
pub const TALENT_FIELDS: &[FieldSpec] = &[
    field("name", "姓名", &["人才姓名", "名字"], FieldKind::Name, true),
    field("sex", "性别", &[], FieldKind::Sex, false),
    field(
        "id_number",
        "公民身份号码",
        ID_NUMBER_SYNONYMS,
        FieldKind::IdNumber,
        true,
    ),
    field("phone", "联系电话", PHONE_SYNONYMS, FieldKind::Phone, false).listed(),
    field(
        "community_id",
        "社区（村）",
        COMMUNITY_SYNONYMS,
        FieldKind::Org(OrgKind::Community),
        false,
    ),
    field(
        "categories",
        "人才类别",
        &["类别", "人才类型", "类型", "人员类别"],
        FieldKind::DictList(Dict::TalentCategory),
        false,
    )
    .width(Width::Full),
    field(
        "reserve_cadre",
        "是否后备干部",
        &["后备干部", "是否为后备干部"],
        FieldKind::Bool,
        false,
    ),
    field(
        "education",
        "学历",
        &["文化程度", "最高学历"],
        FieldKind::Dict(Dict::Education),
        false,
    )
    .listed(),
    field(
        "major",
        "专业",
        &["所学专业", "毕业专业"],
        FieldKind::Text,
        false,
    ),
    field(
        "skills",
        "特长技能",
        &[
            "特长",
            "技能",
            "专长",
            "技能特长",
            "特长/技能",
            "特长及技能",
        ],
        FieldKind::Text,
        false,
    )
    .width(Width::Full)
    .hint("输入后回车添加，如：电商、果树修剪"),
    field(
        "work_place",
        "现工作单位或务工地",
        &[
            "工作单位",
            "现工作单位",
            "务工地",
            "务工地点",
            "现工作单位/务工地",
            "工作单位或务工地",
            "现从事工作",
        ],
        FieldKind::Text,
        false,
    )
    .width(Width::Full)
    .listed(),
    field(
        "political",
        "政治面貌",
        &["政治身份"],
        FieldKind::Dict(Dict::Political),
        false,
    ),
    field(
        "honours",
        "荣誉",
        &["所获荣誉", "获得荣誉", "荣誉称号", "获奖情况"],
        FieldKind::Text,
        false,
    )
    .width(Width::Long),
    field("note", "备注", &[], FieldKind::Text, false).width(Width::Long),
];

#[cfg(test)]
mod tests {
    #[test]
    fn tags_are_tidied() {
        let tags = ["电商 ", "", "电商", "果树修剪"].map(String::from);
        assert_eq!(super::tidy_tags(&tags), ["电商", "果树修剪"]);
    }
}

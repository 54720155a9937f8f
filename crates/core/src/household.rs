//! 户 and 关爱对象: the households a grid keeps, their members (each a person, linked by ID),
//! the care tags an office gives members, and how often each tag is visited. Pure rules; the
//! tables are the db crate's.
//!
//! Sources: 与户主关系 follows GB/T 4761—2008 《家庭关系代码》 at its first level; 人员类型
//! the 实有人口 split of GB/T 31000—2015 《社会治安综合治理基础数据规范》 (户籍, 流动, 寄住,
//! and 人户分离's 户在人不在); visit frequencies the 民政部等十部门 《关于开展特殊困难老年人探
//! 访关爱服务的指导意见》 (2022: every such elder visited each month) and 内蒙古's 2022 实施
//! 意见 (high-risk elders — 80 and over living alone — weekly, key groups monthly, the rest
//! quarterly).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    dict::Dict,
    import::{
        field, FieldKind, FieldSpec, Width, COMMUNITY_SYNONYMS, ID_NUMBER_SYNONYMS, PHONE_SYNONYMS,
    },
    labelled::labelled_enum,
    org::OrgKind,
};

labelled_enum!(
    /// 与户主关系 (GB/T 4761—2008, first level).
    Relation {
        Head => "户主",
        Spouse => "配偶",
        Son => "子",
        Daughter => "女",
        Grandchild => "孙子女",
        Parent => "父母",
        Grandparent => "祖父母",
        Sibling => "兄弟姐妹",
        Other => "其他",
    }
);

labelled_enum!(
    /// 人员类型: why the member is on this household's list (实有人口).
    Residence {
        Registered => "户籍人口",
        Floating => "流动人口",
        Lodging => "寄住人口",
        Away => "户在人不在",
    }
);

/// A household as the form gives it: where it is, and who lives there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdInput {
    /// The 社区/村.
    pub community_id: Option<i64>,
    /// The 网格 (or 微网格) it belongs to.
    pub grid_id: Option<i64>,
    /// 小区 or 村民小组 ("幸福小区", "高家沟村三组").
    pub estate: String,
    /// 楼栋 as written ("3号楼"); empty for a courtyard house.
    pub building: String,
    /// 单元 ("2单元").
    pub unit: String,
    /// 门牌/室 ("301", "12号").
    pub room: String,
    /// 备注: what a visitor should know (养犬, 行动不便请多敲门).
    pub note: String,
    /// Who lives there; the first 户主 heads the household.
    pub members: Vec<MemberInput>,
}

impl HouseholdInput {
    /// What the form starts from: one member, the 户主, registered here.
    pub fn suggested() -> Self {
        Self {
            members: vec![MemberInput {
                relation: Some(Relation::Head),
                ..MemberInput::suggested()
            }],
            ..Self::default()
        }
    }

    /// The address as one line: 幸福小区3号楼2单元301.
    pub fn address(&self) -> String {
        address([&self.estate, &self.building, &self.unit, &self.room])
    }

    /// The member heading the household: the one marked 户主, else the first.
    pub fn head(&self) -> Option<&MemberInput> {
        self.members
            .iter()
            .find(|m| m.relation == Some(Relation::Head))
            .or(self.members.first())
    }
}

/// An address's parts as one line, blanks left out.
pub fn address(parts: [&str; 4]) -> String {
    parts.iter().map(|p| p.trim()).collect()
}

/// One member of a household.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberInput {
    /// 姓名.
    pub name: String,
    /// 公民身份号码: links the member to the same person in every register.
    pub id_number: String,
    /// 联系电话.
    pub phone: String,
    /// 与户主关系.
    pub relation: Option<Relation>,
    /// 人员类型.
    pub residence: Option<Residence>,
    /// 关爱类别 from the office's dictionary (独居老人, 低保户 …), several at once.
    pub care: Vec<String>,
    /// 备注 (残疾等级, 监护人 …).
    pub note: String,
}

impl MemberInput {
    /// A member added in the form: registered here, relation to be chosen.
    pub fn suggested() -> Self {
        Self {
            residence: Some(Residence::Registered),
            ..Self::default()
        }
    }
}

/// One row of a 住户信息表: a member and the household they live in, told apart by its
/// address (import register `households`, keyed by the member's 公民身份号码).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resident {
    /// The household's 社区/村.
    pub community_id: Option<i64>,
    /// The household's 网格.
    pub grid_id: Option<i64>,
    /// 小区 or 村民小组.
    pub estate: String,
    /// 楼栋.
    pub building: String,
    /// 单元.
    pub unit: String,
    /// 门牌/室, or the whole address when a sheet has it in one column.
    pub room: String,
    /// The person.
    #[serde(flatten)]
    pub member: MemberInput,
}

impl Resident {
    /// The household's address as one line, as [`HouseholdInput::address`] writes it.
    pub fn address(&self) -> String {
        address([&self.estate, &self.building, &self.unit, &self.room])
    }

    /// A household of this resident alone, at their address.
    pub fn household(&self) -> HouseholdInput {
        HouseholdInput {
            community_id: self.community_id,
            grid_id: self.grid_id,
            estate: self.estate.trim().to_owned(),
            building: self.building.trim().to_owned(),
            unit: self.unit.trim().to_owned(),
            room: self.room.trim().to_owned(),
            note: String::new(),
            members: vec![self.member.clone()],
        }
    }
}

/// The days between visits a new office gives its built-in care tags; a tag not listed here
/// (and every tag the office adds) has no visits due until the office sets it.
pub const CARE_VISIT_DAYS: &[(&str, u32)] = &[
    ("独居老人", 7),
    ("空巢老人", 30),
    ("高龄老人", 30),
    ("失能半失能老人", 30),
    ("残疾人", 30),
    ("低保户", 90),
    ("特困人员", 30),
    ("留守儿童", 30),
    ("困境儿童", 30),
    ("退役军人", 90),
    ("重点人员", 30),
];

/// The 住户信息表 communities keep: one row per person, the household told apart by its
/// address (import register `households`). A row whose 与户主关系 is 户主 starts the
/// household's list.
pub const HOUSEHOLD_FIELDS: &[FieldSpec] = &[
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
        &["网格", "网格名称", "所在网格"],
        FieldKind::Org(OrgKind::Grid),
        false,
    )
    .listed(),
    field(
        "estate",
        "小区（村组）",
        &[
            "小区",
            "小区名称",
            "村组",
            "村民小组",
            "组",
            "小区(村组)",
            "街路巷",
        ],
        FieldKind::Text,
        false,
    )
    .listed(),
    field(
        "building",
        "楼栋",
        &["楼号", "楼栋号", "栋", "幢", "楼"],
        FieldKind::Text,
        false,
    )
    .width(Width::Third),
    field("unit", "单元", &["单元号"], FieldKind::Text, false).width(Width::Third),
    field(
        "room",
        "门牌（室）",
        // A sheet with one address column puts it all here: the household is told apart by it.
        &[
            "门牌号",
            "室",
            "房号",
            "房间号",
            "户号",
            "门牌",
            "室号",
            "住址",
            "家庭住址",
            "现住址",
            "居住地址",
            "详细地址",
            "现居住地址",
        ],
        FieldKind::Text,
        true,
    )
    .width(Width::Third),
    field(
        "name",
        "姓名",
        &["居民姓名", "人员姓名"],
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
    field("phone", "联系电话", PHONE_SYNONYMS, FieldKind::Phone, false),
    field(
        "relation",
        "与户主关系",
        &["关系", "家庭关系", "与户主的关系"],
        FieldKind::Choice(Relation::LABELS),
        false,
    ),
    field(
        "residence",
        "人员类型",
        &["人口类型", "户籍类型", "居住类型", "人员类别"],
        FieldKind::Choice(Residence::LABELS),
        false,
    ),
    field(
        "care",
        "关爱类别",
        &[
            "特殊人群",
            "关爱对象",
            "重点人群",
            "人群类别",
            "特殊群体",
            "标签",
        ],
        FieldKind::DictList(Dict::CareTag),
        false,
    )
    .width(Width::Full),
    field("note", "备注", &[], FieldKind::Text, false).width(Width::Long),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_is_the_one_marked() {
        let member = |name: &str, relation| MemberInput {
            name: name.into(),
            relation,
            ..MemberInput::default()
        };
        let mut h = HouseholdInput {
            estate: "幸福小区".into(),
            building: "3号楼".into(),
            unit: "2单元".into(),
            room: "301".into(),
            members: vec![
                member("张丽", Some(Relation::Spouse)),
                member("王国民", Some(Relation::Head)),
            ],
            ..HouseholdInput::default()
        };
        assert_eq!(h.address(), "幸福小区3号楼2单元301");
        assert_eq!(h.head().map(|m| m.name.as_str()), Some("王国民"));
        h.members[1].relation = None;
        assert_eq!(h.head().map(|m| m.name.as_str()), Some("张丽"));
    }

    #[test]
    fn every_visited_tag_is_in_the_dictionary() {
        for (tag, _) in CARE_VISIT_DAYS {
            assert!(Dict::CareTag.builtin().contains(tag), "{tag}");
        }
    }
}

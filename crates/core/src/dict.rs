//! Dictionaries (字典): enumerations the office can extend. These are the built-in entries a new
//! database starts with; the office's additions live in the database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// The office-extendable dictionaries.
    Dict {
        Nation => "民族",
        Education => "学历",
        Structure => "结构类型",
        Hazard => "隐患类型",
        TalentCategory => "人才类别",
        Political => "政治面貌",
        CareTag => "关爱类别",
        AppealCategory => "诉求类别",
        DisputeKind => "纠纷类型",
    }
);

impl Dict {
    /// The entries every office starts with.
    pub fn builtin(self) -> &'static [&'static str] {
        match self {
            Dict::Nation => &NATIONS,
            Dict::Education => &EDUCATION,
            Dict::Structure => &STRUCTURES,
            Dict::Hazard => &HAZARDS,
            Dict::TalentCategory => &TALENT_CATEGORIES,
            Dict::Political => &POLITICAL,
            Dict::CareTag => &CARE_TAGS,
            Dict::AppealCategory => &APPEAL_CATEGORIES,
            Dict::DisputeKind => &DISPUTE_KINDS,
        }
    }
}

/// The 56 nationalities in the order of GB/T 3304.
pub const NATIONS: [&str; 56] = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// 学历, from 研究生 down, as 党员花名册 forms list them.
pub const EDUCATION: [&str; 7] = [
    "研究生",
    "大学本科",
    "大学专科",
    "中等专科",
    "高中",
    "初中",
    "小学及以下",
];

/// 房屋结构类型 of the self-built-house campaign.
pub const STRUCTURES: [&str; 9] = [
    "砖混",
    "砖木",
    "框架",
    "钢混",
    "土木",
    "石砌",
    "窑洞",
    "钢结构",
    "其他",
];

/// 隐患类型 found in sweeps; an office adds its own.
pub const HAZARDS: [&str; 10] = [
    "墙体开裂",
    "地基沉降",
    "屋面漏雨",
    "山体滑坡威胁",
    "改变承重结构",
    "消防通道堵塞",
    "构件腐蚀",
    "违规加层",
    "电线私拉乱接",
    "燃气隐患",
];

/// 人才库 categories a new office starts with.
pub const TALENT_CATEGORIES: [&str; 10] = [
    "村两委干部",
    "到村工作大学生",
    "本土大专以上毕业生",
    "退役军人",
    "致富能手",
    "网格员",
    "乡贤",
    "返乡创业人员",
    "技能人才",
    "后备干部",
];

/// 关爱类别 of the grid's households: the groups the seeds and the 探访关爱 documents name
/// (see `household`, which gives each its visit frequency).
pub const CARE_TAGS: [&str; 11] = [
    "独居老人",
    "空巢老人",
    "高龄老人",
    "失能半失能老人",
    "残疾人",
    "低保户",
    "特困人员",
    "留守儿童",
    "困境儿童",
    "退役军人",
    "重点人员",
];

/// 诉求类别: the list (环境卫生 … 民生救助) and the domains 12345 work orders most often
/// fall in; an office adds its own.
pub const APPEAL_CATEGORIES: [&str; 11] = [
    "环境卫生",
    "道路设施",
    "安全隐患",
    "矛盾纠纷",
    "物业管理",
    "民生救助",
    "社会保障",
    "城市管理",
    "治安秩序",
    "政策咨询",
    "其他",
];

/// 纠纷类型: the 司法部's 人民调解 statistics categories; an office adds its own.
pub const DISPUTE_KINDS: [&str; 14] = [
    "婚姻家庭纠纷",
    "邻里纠纷",
    "房屋宅基地纠纷",
    "合同纠纷",
    "生产经营纠纷",
    "损害赔偿纠纷",
    "山林土地纠纷",
    "征地拆迁纠纷",
    "环境污染纠纷",
    "劳动争议纠纷",
    "医疗纠纷",
    "物业纠纷",
    "道路交通事故纠纷",
    "其他纠纷",
];

/// How 排查台账 name the kinds.
const DISPUTE_KIND_SYNONYMS: &[(&str, &str)] = &[
    ("婚姻家庭", "婚姻家庭纠纷"),
    ("家庭纠纷", "婚姻家庭纠纷"),
    ("婚姻纠纷", "婚姻家庭纠纷"),
    ("邻里", "邻里纠纷"),
    ("宅基地纠纷", "房屋宅基地纠纷"),
    ("房屋纠纷", "房屋宅基地纠纷"),
    ("土地纠纷", "山林土地纠纷"),
    ("劳资纠纷", "劳动争议纠纷"),
    ("欠薪", "劳动争议纠纷"),
    ("交通事故", "道路交通事故纠纷"),
    ("物业", "物业纠纷"),
    ("拆迁", "征地拆迁纠纷"),
];

/// 政治面貌 as forms from above list them.
pub const POLITICAL: [&str; 6] = [
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民主党派成员",
    "无党派人士",
    "群众",
];

/// Other names of the structures, as the sweep forms write them (the national form's 砖混结构,
/// 砖木结构, 钢筋混凝土结构, 土木结构, 石结构, 钢结构 are these with 结构 after them).
const STRUCTURE_SYNONYMS: &[(&str, &str)] = &[
    ("钢筋混凝土", "钢混"),
    ("混凝土", "钢混"),
    ("土坯", "土木"),
    ("石木", "石砌"),
    ("石", "石砌"),
    ("混合", "砖混"),
    ("钢构", "钢结构"),
];

/// Other names sweep sheets use for hazards.
const HAZARD_SYNONYMS: &[(&str, &str)] = &[
    ("墙体裂缝", "墙体开裂"),
    ("墙面裂缝", "墙体开裂"),
    ("墙体开裂", "墙体开裂"),
    ("裂缝", "墙体开裂"),
    ("地基下沉", "地基沉降"),
    ("基础沉降", "地基沉降"),
    ("屋顶漏雨", "屋面漏雨"),
    ("漏雨", "屋面漏雨"),
    ("渗漏", "屋面漏雨"),
    ("滑坡", "山体滑坡威胁"),
    ("擅自改变承重结构", "改变承重结构"),
    ("拆改承重墙", "改变承重结构"),
    ("通道堵塞", "消防通道堵塞"),
    ("加层", "违规加层"),
    ("私拉乱接", "电线私拉乱接"),
];

/// Other names sheets use for education levels.
const EDUCATION_SYNONYMS: &[(&str, &str)] = &[
    ("博士", "研究生"),
    ("硕士", "研究生"),
    ("博士研究生", "研究生"),
    ("硕士研究生", "研究生"),
    ("研究生及以上", "研究生"),
    ("本科", "大学本科"),
    ("大本", "大学本科"),
    ("大专", "大学专科"),
    ("专科", "大学专科"),
    ("高职", "大学专科"),
    ("中专", "中等专科"),
    ("中技", "中等专科"),
    ("职高", "高中"),
    ("技校", "高中"),
    ("高中及中专", "高中"),
    ("初中及以下", "初中"),
    ("小学", "小学及以下"),
    ("文盲", "小学及以下"),
];

/// Other names talent sheets use for categories.
const TALENT_CATEGORY_SYNONYMS: &[(&str, &str)] = &[
    ("两委干部", "村两委干部"),
    ("村两委", "村两委干部"),
    ("社区两委", "村两委干部"),
    ("大学生村官", "到村工作大学生"),
    ("选调生", "到村工作大学生"),
    ("大学生", "本土大专以上毕业生"),
    ("高校毕业生", "本土大专以上毕业生"),
    ("退伍军人", "退役军人"),
    ("复员军人", "退役军人"),
    ("转业军人", "退役军人"),
    ("致富带头人", "致富能手"),
    ("能人", "致富能手"),
    ("专职网格员", "网格员"),
    ("新乡贤", "乡贤"),
    ("返乡创业", "返乡创业人员"),
    ("返乡创业青年", "返乡创业人员"),
    ("能工巧匠", "技能人才"),
    ("技术能手", "技能人才"),
    ("乡土人才", "技能人才"),
    ("村级后备干部", "后备干部"),
];

const POLITICAL_SYNONYMS: &[(&str, &str)] = &[
    ("党员", "中共党员"),
    ("中国共产党党员", "中共党员"),
    ("正式党员", "中共党员"),
    ("预备党员", "中共预备党员"),
    ("团员", "共青团员"),
    ("共青团", "共青团员"),
    ("民主党派", "民主党派成员"),
    ("无党派", "无党派人士"),
];

/// How household sheets name the care groups. 五保户 became 特困人员 when the two schemes
/// merged (《社会救助暂行办法》, 2014).
const CARE_TAG_SYNONYMS: &[(&str, &str)] = &[
    ("独居", "独居老人"),
    ("空巢", "空巢老人"),
    ("高龄", "高龄老人"),
    ("80岁以上老人", "高龄老人"),
    ("失能老人", "失能半失能老人"),
    ("半失能老人", "失能半失能老人"),
    ("失能", "失能半失能老人"),
    ("残疾", "残疾人"),
    ("残疾人员", "残疾人"),
    ("低保", "低保户"),
    ("低保对象", "低保户"),
    ("低保家庭", "低保户"),
    ("特困", "特困人员"),
    ("特困供养人员", "特困人员"),
    ("五保户", "特困人员"),
    ("留守", "留守儿童"),
    ("困境儿童家庭", "困境儿童"),
    ("退伍军人", "退役军人"),
    ("复员军人", "退役军人"),
];

/// How work orders name the categories.
const APPEAL_CATEGORY_SYNONYMS: &[(&str, &str)] = &[
    ("环境卫生类", "环境卫生"),
    ("卫生", "环境卫生"),
    ("垃圾清运", "环境卫生"),
    ("市政设施", "道路设施"),
    ("道路交通", "道路设施"),
    ("路灯", "道路设施"),
    ("消防安全", "安全隐患"),
    ("安全生产", "安全隐患"),
    ("邻里纠纷", "矛盾纠纷"),
    ("纠纷调解", "矛盾纠纷"),
    ("物业服务", "物业管理"),
    ("物业", "物业管理"),
    ("救助", "民生救助"),
    ("困难帮扶", "民生救助"),
    ("社保", "社会保障"),
    ("城管", "城市管理"),
    ("违章建筑", "城市管理"),
    ("治安", "治安秩序"),
    ("咨询", "政策咨询"),
];

/// The dictionary entry a sheet's text means, among the office's entries `known`: the entry
/// itself, 汉 for 汉族, 砖混结构 for 砖混, or a common other name (本科 → 大学本科). Nothing
/// is guessed: a text that merely holds an entry is [`mentioned`].
pub fn canonical(dict: Dict, text: &str, known: &[String]) -> Option<String> {
    let find = |t: &str| known.iter().find(|k| k.as_str() == t).cloned();
    let alias = |list: &[(&str, &str)], text: &str| {
        list.iter()
            .find(|(alias, _)| *alias == text)
            .and_then(|(_, entry)| find(entry))
    };
    find(text).or_else(|| match dict {
        Dict::Nation => find(&format!("{text}族")),
        Dict::Education => alias(EDUCATION_SYNONYMS, text),
        Dict::Structure => {
            let bare = text.strip_suffix("结构").unwrap_or(text);
            find(bare).or_else(|| alias(STRUCTURE_SYNONYMS, bare))
        }
        Dict::Hazard => alias(HAZARD_SYNONYMS, text),
        Dict::TalentCategory => alias(TALENT_CATEGORY_SYNONYMS, text),
        Dict::Political => alias(POLITICAL_SYNONYMS, text),
        Dict::CareTag => alias(CARE_TAG_SYNONYMS, text),
        Dict::AppealCategory => alias(APPEAL_CATEGORY_SYNONYMS, text),
        Dict::DisputeKind => alias(DISPUTE_KIND_SYNONYMS, text),
    })
}

/// The entry a text means or holds: [`canonical`], else the one entry or other name it contains
/// ("东山墙墙体裂缝" → 墙体开裂). For reading tags out of a description, and for suggesting.
pub fn mentioned(dict: Dict, text: &str, known: &[String]) -> Option<String> {
    let find = |t: &str| known.iter().find(|k| k.as_str() == t).cloned();
    let within = |list: &[(&str, &str)]| {
        let mut hits: Vec<String> = known
            .iter()
            .filter(|k| text.contains(k.as_str()))
            .cloned()
            .chain(
                list.iter()
                    .filter(|(alias, _)| text.contains(alias))
                    .filter_map(|(_, entry)| find(entry)),
            )
            .collect();
        hits.sort();
        hits.dedup();
        (hits.len() == 1).then(|| hits.remove(0))
    };
    canonical(dict, text, known).or_else(|| match dict {
        Dict::Structure => within(STRUCTURE_SYNONYMS),
        Dict::Hazard => within(HAZARD_SYNONYMS),
        Dict::Education => within(EDUCATION_SYNONYMS),
        Dict::TalentCategory => within(TALENT_CATEGORY_SYNONYMS),
        Dict::CareTag => within(CARE_TAG_SYNONYMS),
        Dict::AppealCategory => within(APPEAL_CATEGORY_SYNONYMS),
        Dict::DisputeKind => within(DISPUTE_KIND_SYNONYMS),
        Dict::Nation | Dict::Political => None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sheet_spellings_map_onto_entries() {
        use super::{canonical, Dict};
        let nations: Vec<String> = super::NATIONS.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            canonical(Dict::Nation, "汉", &nations).as_deref(),
            Some("汉族")
        );
        assert_eq!(canonical(Dict::Nation, "火星", &nations), None);
        let edu: Vec<String> = super::EDUCATION.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            canonical(Dict::Education, "本科", &edu).as_deref(),
            Some("大学本科")
        );
        assert_eq!(
            canonical(Dict::Education, "大专", &edu).as_deref(),
            Some("大学专科")
        );
    }

    #[test]
    fn sweep_sheet_spellings_map_onto_structures_and_hazards() {
        use super::{canonical, Dict};
        let of = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (structures, hazards) = (of(&super::STRUCTURES), of(&super::HAZARDS));
        let s = |t: &str| canonical(Dict::Structure, t, &structures);
        assert_eq!(s("砖混结构").as_deref(), Some("砖混"));
        assert_eq!(s("钢筋混凝土结构").as_deref(), Some("钢混"));
        assert_eq!(s("石结构").as_deref(), Some("石砌"));
        assert_eq!(s("框架").as_deref(), Some("框架"));
        assert_eq!(s("茅草房"), None);
        // Holding an entry is not meaning it: only mentioned, for a suggestion.
        assert_eq!(s("砖混加建彩钢棚"), None);
        assert_eq!(
            super::mentioned(Dict::Structure, "砖混加建彩钢棚", &structures).as_deref(),
            Some("砖混")
        );
        let h = |t: &str| super::mentioned(Dict::Hazard, t, &hazards);
        assert_eq!(h("东山墙墙体裂缝").as_deref(), Some("墙体开裂"));
        assert_eq!(h("屋顶漏雨").as_deref(), Some("屋面漏雨"));
        assert_eq!(h("院墙倾斜"), None);
    }

    #[test]
    fn talent_sheet_spellings_map_onto_categories() {
        use super::{canonical, Dict};
        let known: Vec<String> = super::TALENT_CATEGORIES
            .iter()
            .map(|s| s.to_string())
            .collect();
        let c = |t: &str| canonical(Dict::TalentCategory, t, &known);
        assert_eq!(c("退伍军人").as_deref(), Some("退役军人"));
        assert_eq!(c("大学生村官").as_deref(), Some("到村工作大学生"));
        assert_eq!(c("乡贤").as_deref(), Some("乡贤"));
        assert_eq!(c("宇航员"), None);
        let political: Vec<String> = super::POLITICAL.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            canonical(Dict::Political, "党员", &political).as_deref(),
            Some("中共党员")
        );
    }

    #[test]
    fn fifty_six_distinct_nations() {
        let set: std::collections::HashSet<_> = super::NATIONS.iter().collect();
        assert_eq!(set.len(), 56, "every nationality once");
    }
}

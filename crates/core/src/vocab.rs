//! Values as people write them, for the registers' fixed choices: the curated words published
//! forms use for each label (applied on import and listed in the report), and the rules and
//! closeness that only *suggest* a label for the clerk to confirm. Where each word comes from is
//! written beside it.

use crate::org::likeness;

/// A word a form or a sheet uses for one of our labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word as written.
    pub written: &'static str,
    /// The label it stands for.
    pub label: &'static str,
    /// Where the word comes from, as the report names it.
    pub source: &'static str,
}

const fn w(written: &'static str, label: &'static str, source: &'static str) -> Word {
    Word {
        written,
        label,
        source,
    }
}

/// 《全国自建房安全专项整治工作方案》（国办发明电〔2022〕10号）and the provincial sweep
/// sheets built on it: 初判 "存在安全隐患" / "严重安全隐患", measures "停止使用、人员撤离",
/// "维修加固", "拆除", "监测".
const SWEEP: &str = "全国自建房安全专项整治工作方案及各省排查表";
/// JGJ 125-2016《危险房屋鉴定标准》: grades A–D, written with or without 级.
const JGJ125: &str = "JGJ 125《危险房屋鉴定标准》";
/// 《中国共产党发展党员工作细则》and the 党员信息采集表: 正式党员 / 预备党员, and the
/// 组织关系 states rosters write short.
const PARTY: &str = "发展党员工作细则、党员信息采集表";

/// The kinds of unit, as 组织架构 lists write them (《中国共产党基层组织选举工作条例》 names
/// 党委/党总支/党支部; 居委会/村委会 are the 社区/村's committees).
const ORG: &str = "组织架构表常用写法";

/// GB/T 4761—2008《家庭关系代码》: its second-level codes (11 夫, 22 长子, 28 女婿 …) read
/// as their first-level group, as the standard groups them (女婿 under 子, 儿媳 under 女); 本人
/// is how 户口簿 and 住户表 write the 户主's own row.
const GBT4761: &str = "GB/T 4761—2008《家庭关系代码》";
/// GB/T 31000—2015《社会治安综合治理基础数据规范》's 实有人口: 户籍, 流动 (暂住), 寄住, 人户分离.
const GBT31000: &str = "GB/T 31000—2015《社会治安综合治理基础数据规范》";
/// 网格员 rosters (DB15/T 3005—2023《网格员管理与服务规范》 and the provinces' 花名册): 网格员
/// alone is the full-time one, 楼栋长/单元长 the 微网格员.
const GRID: &str = "网格员管理与服务规范及各地网格员花名册";

/// GB/T 33358—2016《政府热线服务规范》 and the 12345 platforms' 工单 exports built on it: a
/// work order 签收ed by the street is dispatched to it; 办结/答复 is finished; 回访/评价/归档
/// closes it; 满意度 as 非常满意/比较满意.
const HOTLINE: &str = "GB/T 33358—2016《政府热线服务规范》及12345工单导出";

/// The curated words, by label. A word is listed once for a field (流动 is a 流动党员 on a party
/// roster and 流动人口 on a household sheet); labels are unique across the enums they belong
/// to, so a word is looked up with the field's own labels.
pub const WORDS: &[Word] = &[
    // 排查结论
    w("无安全隐患", "无隐患", SWEEP),
    w("未发现隐患", "无隐患", SWEEP),
    w("未发现安全隐患", "无隐患", SWEEP),
    w("安全", "无隐患", SWEEP),
    w("存在安全隐患", "一般隐患", SWEEP),
    w("存在隐患", "一般隐患", SWEEP),
    w("有隐患", "一般隐患", SWEEP),
    w("存在一般隐患", "一般隐患", SWEEP),
    w("一般安全隐患", "一般隐患", SWEEP),
    w("存在一般安全隐患", "一般隐患", SWEEP),
    w("存在严重安全隐患", "存在结构倒塌风险", SWEEP),
    w("严重安全隐患", "存在结构倒塌风险", SWEEP),
    w("存在重大隐患", "存在结构倒塌风险", SWEEP),
    w("存在重大安全隐患", "存在结构倒塌风险", SWEEP),
    w("重大隐患", "存在结构倒塌风险", SWEEP),
    w("严重隐患", "存在结构倒塌风险", SWEEP),
    w("存在倒塌风险", "存在结构倒塌风险", SWEEP),
    // 整治措施
    w("停止使用", "停用撤离", SWEEP),
    w("停用", "停用撤离", SWEEP),
    w("人员撤离", "停用撤离", SWEEP),
    w("撤离", "停用撤离", SWEEP),
    w("停止使用、人员撤离", "停用撤离", SWEEP),
    w("维修加固", "加固", SWEEP),
    w("加固改造", "加固", SWEEP),
    w("修缮", "维修", SWEEP),
    w("维修改造", "维修", SWEEP),
    w("拆除重建", "拆除", SWEEP),
    w("安全监测", "监测", SWEEP),
    w("定期监测", "监测", SWEEP),
    // 用途
    w("居住", "自住", SWEEP),
    w("自用", "自住", SWEEP),
    w("住宅", "自住", SWEEP),
    w("租赁", "出租", SWEEP),
    w("出租房", "出租", SWEEP),
    w("经营性", "经营", SWEEP),
    w("商用", "经营", SWEEP),
    w("生产经营", "经营", SWEEP),
    w("商住两用", "混合", SWEEP),
    w("混合使用", "混合", SWEEP),
    // 鉴定等级
    w("A", "A级", JGJ125),
    w("B", "B级", JGJ125),
    w("C", "C级", JGJ125),
    w("D", "D级", JGJ125),
    w("A类", "A级", JGJ125),
    w("B类", "B级", JGJ125),
    w("C类", "C级", JGJ125),
    w("D类", "D级", JGJ125),
    w("C级危房", "C级", JGJ125),
    w("D级危房", "D级", JGJ125),
    // 组织类型
    w("社区", "社区/村", ORG),
    w("村", "社区/村", ORG),
    w("居委会", "社区/村", ORG),
    w("村委会", "社区/村", ORG),
    w("街道办事处", "街道", ORG),
    w("镇", "街道", ORG),
    w("乡", "街道", ORG),
    w("乡镇", "街道", ORG),
    w("支部", "党支部", ORG),
    w("党总支部", "党总支", ORG),
    w("总支", "党总支", ORG),
    w("小区", "楼栋/小区", ORG),
    w("楼栋", "楼栋/小区", ORG),
    w("小组", "党小组", ORG),
    // 人员类别, 党籍状态
    w("正式", "正式党员", PARTY),
    w("预备", "预备党员", PARTY),
    w("中共党员", "正式党员", PARTY),
    w("中共预备党员", "预备党员", PARTY),
    w("积极分子", "入党积极分子", PARTY),
    w("申请人", "入党申请人", PARTY),
    w("流动", "流动党员", PARTY),
    w("失联", "失联党员", PARTY),
    // 与户主关系
    w("本人", "户主", GBT4761),
    w("户主本人", "户主", GBT4761),
    w("夫", "配偶", GBT4761),
    w("妻", "配偶", GBT4761),
    w("丈夫", "配偶", GBT4761),
    w("妻子", "配偶", GBT4761),
    w("儿子", "子", GBT4761),
    w("独生子", "子", GBT4761),
    w("长子", "子", GBT4761),
    w("次子", "子", GBT4761),
    w("三子", "子", GBT4761),
    w("养子或继子", "子", GBT4761),
    w("养子", "子", GBT4761),
    w("继子", "子", GBT4761),
    w("女婿", "子", GBT4761),
    w("女儿", "女", GBT4761),
    w("独生女", "女", GBT4761),
    w("长女", "女", GBT4761),
    w("次女", "女", GBT4761),
    w("三女", "女", GBT4761),
    w("养女或继女", "女", GBT4761),
    w("养女", "女", GBT4761),
    w("继女", "女", GBT4761),
    w("儿媳", "女", GBT4761),
    w("孙子", "孙子女", GBT4761),
    w("孙女", "孙子女", GBT4761),
    w("外孙子", "孙子女", GBT4761),
    w("外孙女", "孙子女", GBT4761),
    w("父亲", "父母", GBT4761),
    w("母亲", "父母", GBT4761),
    w("公公", "父母", GBT4761),
    w("婆婆", "父母", GBT4761),
    w("岳父", "父母", GBT4761),
    w("岳母", "父母", GBT4761),
    w("继父或养父", "父母", GBT4761),
    w("继母或养母", "父母", GBT4761),
    w("祖父", "祖父母", GBT4761),
    w("祖母", "祖父母", GBT4761),
    w("外祖父", "祖父母", GBT4761),
    w("外祖母", "祖父母", GBT4761),
    w("兄", "兄弟姐妹", GBT4761),
    w("嫂", "兄弟姐妹", GBT4761),
    w("弟", "兄弟姐妹", GBT4761),
    w("弟媳", "兄弟姐妹", GBT4761),
    w("姐姐", "兄弟姐妹", GBT4761),
    w("姐夫", "兄弟姐妹", GBT4761),
    w("妹妹", "兄弟姐妹", GBT4761),
    w("妹夫", "兄弟姐妹", GBT4761),
    w("哥哥", "兄弟姐妹", GBT4761),
    w("弟弟", "兄弟姐妹", GBT4761),
    w("侄子", "其他", GBT4761),
    w("侄女", "其他", GBT4761),
    w("非亲属", "其他", GBT4761),
    // 人员类型
    w("户籍", "户籍人口", GBT31000),
    w("常住人口", "户籍人口", GBT31000),
    w("流动", "流动人口", GBT31000),
    w("暂住人口", "流动人口", GBT31000),
    w("外来人口", "流动人口", GBT31000),
    w("寄住", "寄住人口", GBT31000),
    w("人户分离", "户在人不在", GBT31000),
    w("户在人不在（人户分离）", "户在人不在", GBT31000),
    // 办理状态 and 满意度 of a 12345 工单
    w("待签收", "已派单", HOTLINE),
    w("已签收", "已派单", HOTLINE),
    w("待办理", "已派单", HOTLINE),
    w("处理中", "办理中", HOTLINE),
    w("在办", "办理中", HOTLINE),
    w("承办中", "办理中", HOTLINE),
    w("已办理", "已办结", HOTLINE),
    w("办结", "已办结", HOTLINE),
    w("已答复", "已办结", HOTLINE),
    w("已回复", "已办结", HOTLINE),
    w("待回访", "已办结", HOTLINE),
    w("已回访", "已归档", HOTLINE),
    w("已评价", "已归档", HOTLINE),
    w("已关闭", "已归档", HOTLINE),
    w("归档", "已归档", HOTLINE),
    w("非常满意", "满意", HOTLINE),
    w("比较满意", "基本满意", HOTLINE),
    w("很不满意", "不满意", HOTLINE),
    w("非常不满意", "不满意", HOTLINE),
    // 网格职务
    w("网格员", "专职网格员", GRID),
    w("专职", "专职网格员", GRID),
    w("专职网格管理员", "专职网格员", GRID),
    w("兼职", "兼职网格员", GRID),
    w("兼职网格管理员", "兼职网格员", GRID),
    w("楼栋长", "微网格员", GRID),
    w("单元长", "微网格员", GRID),
    w("微网格长", "微网格员", GRID),
    w("总网格长", "网格长", GRID),
    w("网格负责人", "网格长", GRID),
];

/// The curated word for `text` among `labels`, if any.
pub fn curated(labels: &[&str], text: &str) -> Option<&'static Word> {
    WORDS
        .iter()
        .find(|w| w.written == text && labels.contains(&w.label))
}

/// A label suggested for a value no label or curated word matches, and by what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The label.
    pub label: String,
    /// By rule or by closeness, as the preview says.
    pub why: &'static str,
}

/// What the clerk is offered for `text`: two or more uses joined ("自住+经营") are 混合; the
/// one label whose characters the text holds in order ("停止使用并撤离人员" holds 停用撤离), or
/// that holds the text (正式 → 正式党员); else the closest label. None when nothing is close.
pub fn suggest(labels: &[&str], text: &str) -> Option<Suggestion> {
    let found = |label: &str, why| {
        Some(Suggestion {
            label: label.to_owned(),
            why,
        })
    };
    // "自住+经营", "出租、经营": each part a label (or a curated word), not all the same.
    if let Some(mixed) = labels.iter().find(|l| **l == "混合") {
        let parts: Vec<&str> = text
            .split(['+', '＋', '、', '/', '，', ',', '及', '和', '兼'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let read: Vec<Option<&str>> = parts
            .iter()
            .map(|p| {
                labels
                    .iter()
                    .find(|l| *l == p)
                    .copied()
                    .or_else(|| curated(labels, p).map(|w| w.label))
            })
            .collect();
        if parts.len() > 1 && read.iter().all(Option::is_some) {
            let first = read[0];
            if read.iter().any(|r| *r != first) {
                return found(mixed, "规则：写了多种用途，按“混合”");
            }
        }
    }
    let holds_in_order = |label: &str| {
        let mut chars = text.chars();
        label.chars().all(|c| chars.any(|t| t == c))
    };
    let in_order: Vec<&&str> = labels.iter().filter(|l| holds_in_order(l)).collect();
    if let [one] = in_order.as_slice() {
        return found(one, "规则：文字包含该选项");
    }
    let containing: Vec<&&str> = labels.iter().filter(|l| l.contains(text)).collect();
    if let [one] = containing.as_slice() {
        return found(one, "规则：是该选项的简写");
    }
    labels
        .iter()
        .map(|l| (likeness(text, l), *l))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .and_then(|(_, l)| found(l, "相近"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::house::{Conclusion, HouseUse, Measure};
    use crate::party_member::Category;

    #[test]
    fn every_curated_word_names_a_label_of_some_register() {
        let all: Vec<&str> = [
            Conclusion::LABELS,
            Measure::LABELS,
            HouseUse::LABELS,
            crate::house::Appraisal::LABELS,
            Category::LABELS,
            crate::party_member::Status::LABELS,
            crate::org::OrgKind::LABELS,
            crate::household::Relation::LABELS,
            crate::household::Residence::LABELS,
            crate::grid::GridRole::LABELS,
            crate::appeal::AppealStatus::LABELS,
            crate::appeal::Satisfaction::LABELS,
        ]
        .concat();
        for w in WORDS {
            assert!(all.contains(&w.label), "{} → {}", w.written, w.label);
            assert!(!all.contains(&w.written), "{} is a label itself", w.written);
        }
    }

    #[test]
    fn values_people_write_are_read_or_suggested() {
        assert_eq!(
            curated(Conclusion::LABELS, "存在隐患").map(|w| w.label),
            Some("一般隐患")
        );
        assert_eq!(
            curated(Conclusion::LABELS, "存在重大隐患").map(|w| w.label),
            Some("存在结构倒塌风险")
        );
        assert_eq!(
            curated(Measure::LABELS, "存在隐患"),
            None,
            "only the field's own labels"
        );
        let s = |labels, text| suggest(labels, text).map(|s| s.label);
        assert_eq!(s(HouseUse::LABELS, "自住+经营").as_deref(), Some("混合"));
        assert_eq!(s(HouseUse::LABELS, "居住、出租").as_deref(), Some("混合"));
        assert_eq!(
            s(HouseUse::LABELS, "自住+自住").as_deref(),
            Some("自住"),
            "one use twice"
        );
        assert_eq!(
            s(Measure::LABELS, "停止使用并撤离人员").as_deref(),
            Some("停用撤离")
        );
        assert_eq!(s(Measure::LABELS, "立即拆除").as_deref(), Some("拆除"));
        assert_eq!(s(Category::LABELS, "积极").as_deref(), Some("入党积极分子"));
        use crate::{grid::GridRole, household::Relation};
        let c = |labels, text| curated(labels, text).map(|w| w.label);
        assert_eq!(c(Relation::LABELS, "本人"), Some("户主"));
        assert_eq!(c(Relation::LABELS, "女婿"), Some("子"), "GB/T 4761 code 28");
        assert_eq!(c(Relation::LABELS, "外孙女"), Some("孙子女"));
        assert_eq!(c(GridRole::LABELS, "网格员"), Some("专职网格员"));
        assert_eq!(c(GridRole::LABELS, "楼栋长"), Some("微网格员"));
        assert_eq!(
            s(Conclusion::LABELS, "待定"),
            None,
            "nothing close: no suggestion"
        );
    }
}

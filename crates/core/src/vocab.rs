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

/// The curated words, by label. A word is listed once; labels are unique across the enums
/// they belong to, so a word is looked up with the field's own labels.
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
        assert_eq!(
            s(Conclusion::LABELS, "待定"),
            None,
            "nothing close: no suggestion"
        );
    }
}

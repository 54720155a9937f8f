//! 矛盾纠纷排查化解: a dispute found in the grid's sweep (or reported, or passed down), its
//! 调解 sessions, and how it ended — 调解成功 with a 人民调解协议书, or 调解不成 with where it was
//! sent. Pure rules; the tables are the db crate's.
//!
//! Sources: 《中华人民共和国人民调解法》 (2010) arts. 28–29 — what a 调解协议书 holds (the
//! parties, the main facts and matters in dispute, what was agreed, how and by when it is
//! performed) and that a failed mediation tells the parties where to turn (arts. 26); 纠纷类型
//! after the 司法部's 人民调解 statistics categories; 风险等级 一般/较大/重大 as the 排查台账 of
//! the provinces' 矛盾纠纷多元化解 rules grade them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    dict::Dict,
    import::{field, FieldKind, FieldSpec, Width, COMMUNITY_SYNONYMS},
    labelled::labelled_enum,
    org::OrgKind,
};

labelled_enum!(
    /// Where a dispute stands.
    DisputeStatus {
        Registered => "待调解",
        Mediating => "调解中",
        Settled => "调解成功",
        Failed => "调解不成",
    }
);

labelled_enum!(
    /// How likely it is to grow (风险等级).
    Risk { Ordinary => "一般", Major => "较大", Grave => "重大" }
);

labelled_enum!(
    /// Where the dispute came from.
    DisputeSource {
        Sweep => "排查发现",
        Reported => "群众反映",
        GridWorker => "网格员上报",
        Appeal => "诉求转入",
        Assigned => "上级交办",
    }
);

impl DisputeStatus {
    /// Settled or failed: nothing more is recorded.
    pub fn ended(self) -> bool {
        matches!(self, DisputeStatus::Settled | DisputeStatus::Failed)
    }
}

/// A dispute as it is registered (排查登记): when and where, what kind, who is in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DisputeInput {
    /// 排查日期: the day it was found or taken in.
    pub found_on: String,
    /// 纠纷来源.
    pub source: Option<DisputeSource>,
    /// The 社区/村 it is in.
    pub community_id: Option<i64>,
    /// The 网格 it is in.
    pub grid_id: Option<i64>,
    /// 纠纷类型 (dictionary 纠纷类型).
    pub kind: String,
    /// 风险等级.
    pub risk: Option<Risk>,
    /// 当事人（甲方）: a name, or several joined by 、.
    pub party_a: String,
    /// Their 公民身份号码 when one person (masked wherever shown).
    pub party_a_id: String,
    /// Their 联系电话.
    pub party_a_phone: String,
    /// Their 住址 (masked wherever shown).
    pub party_a_address: String,
    /// 当事人（乙方）.
    pub party_b: String,
    /// Their 公民身份号码 when one person.
    pub party_b_id: String,
    /// Their 联系电话.
    pub party_b_phone: String,
    /// Their 住址.
    pub party_b_address: String,
    /// 纠纷简要情况.
    pub summary: String,
    /// 调解员: who is responsible for it.
    pub mediator: String,
}

impl DisputeInput {
    /// What the form starts from: found in the sweep, of ordinary risk.
    pub fn suggested() -> Self {
        Self {
            source: Some(DisputeSource::Sweep),
            risk: Some(Risk::Ordinary),
            ..Self::default()
        }
    }
}

/// One 调解 session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MediationInput {
    /// 调解日期.
    pub held_on: String,
    /// 调解员 present.
    pub mediators: String,
    /// 调解地点.
    pub place: String,
    /// 调解过程: what each side said, what was proposed.
    pub process: String,
}

/// What the parties agreed (人民调解协议书, 人民调解法 art. 29).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AgreementInput {
    /// 纠纷主要事实、争议事项.
    pub matters: String,
    /// 协议内容: what each side will do.
    pub terms: String,
    /// 履行方式、时限.
    pub performance: String,
}

/// Whether a session may be recorded for a dispute at `status`.
pub fn check_session(status: DisputeStatus, m: &MediationInput) -> Result<(), String> {
    if status.ended() {
        return Err(format!("纠纷已{}，不能再登记调解", status.label()));
    }
    if m.held_on.trim().is_empty() {
        return Err("请填写调解日期".to_owned());
    }
    if m.mediators.trim().is_empty() {
        return Err("请填写参加调解的调解员".to_owned());
    }
    if m.process.trim().is_empty() {
        return Err("请填写调解过程".to_owned());
    }
    Ok(())
}

/// Whether a dispute at `status` may be closed as settled with `a`: after a session, with the
/// matters, terms and how they are performed written out.
pub fn check_settle(status: DisputeStatus, a: &AgreementInput) -> Result<(), String> {
    match status {
        DisputeStatus::Mediating => {}
        DisputeStatus::Registered => return Err("请先登记调解过程，再达成协议".to_owned()),
        ended => return Err(format!("纠纷已{}", ended.label())),
    }
    for (text, what) in [
        (&a.matters, "纠纷主要事实、争议事项"),
        (&a.terms, "协议内容"),
        (&a.performance, "履行方式、时限"),
    ] {
        if text.trim().is_empty() {
            return Err(format!("调解协议书需写明{what}"));
        }
    }
    Ok(())
}

/// Whether a dispute at `status` may be closed as failed: with where the parties were sent
/// (人民调解法 art. 26: 依法通过仲裁、行政、司法等途径维护自己的权利).
pub fn check_fail(status: DisputeStatus, reason: &str) -> Result<(), String> {
    if status.ended() {
        return Err(format!("纠纷已{}", status.label()));
    }
    if reason.trim().is_empty() {
        return Err("请写明调解不成的原因和去向（如：已告知当事人可向人民法院起诉）".to_owned());
    }
    Ok(())
}

/// The 矛盾纠纷排查台账's fields, as the form and the list show them.
pub const DISPUTE_FIELDS: &[FieldSpec] = &[
    field(
        "found_on",
        "排查日期",
        &["登记日期", "受理日期", "发现日期"],
        FieldKind::Date,
        true,
    )
    .width(Width::Third)
    .listed(),
    field(
        "source",
        "纠纷来源",
        &["来源"],
        FieldKind::Choice(DisputeSource::LABELS),
        true,
    )
    .width(Width::Third),
    field(
        "risk",
        "风险等级",
        &["风险", "等级"],
        FieldKind::Choice(Risk::LABELS),
        true,
    )
    .width(Width::Third)
    .listed(),
    field(
        "community_id",
        "社区（村）",
        COMMUNITY_SYNONYMS,
        FieldKind::Org(OrgKind::Community),
        true,
    ),
    field(
        "grid_id",
        "所属网格",
        &["网格"],
        FieldKind::Org(OrgKind::Grid),
        false,
    ),
    field(
        "kind",
        "纠纷类型",
        &["类型", "纠纷类别"],
        FieldKind::Dict(Dict::DisputeKind),
        true,
    )
    .listed(),
    field(
        "mediator",
        "调解员",
        &["责任人", "包案人"],
        FieldKind::Text,
        false,
    )
    .listed(),
    field(
        "party_a",
        "当事人（甲方）",
        &["甲方", "申请人"],
        FieldKind::Text,
        true,
    )
    .listed(),
    field(
        "party_a_id",
        "甲方身份证号",
        &[],
        FieldKind::IdNumber,
        false,
    ),
    field(
        "party_a_phone",
        "甲方联系电话",
        &[],
        FieldKind::Phone,
        false,
    ),
    field(
        "party_a_address",
        "甲方住址",
        &[],
        FieldKind::Address,
        false,
    ),
    field(
        "party_b",
        "当事人（乙方）",
        &["乙方", "被申请人"],
        FieldKind::Text,
        true,
    )
    .listed(),
    field(
        "party_b_id",
        "乙方身份证号",
        &[],
        FieldKind::IdNumber,
        false,
    ),
    field(
        "party_b_phone",
        "乙方联系电话",
        &[],
        FieldKind::Phone,
        false,
    ),
    field(
        "party_b_address",
        "乙方住址",
        &[],
        FieldKind::Address,
        false,
    ),
    field(
        "summary",
        "纠纷简要情况",
        &["简要情况", "纠纷情况", "基本情况"],
        FieldKind::Text,
        true,
    )
    .width(Width::Long),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dispute_ends_once_and_only_with_what_it_needs() {
        use DisputeStatus::*;
        let session = MediationInput {
            held_on: "2026-11-20".into(),
            mediators: "王调解".into(),
            place: "社区调委会".into(),
            process: "双方陈述".into(),
        };
        assert!(check_session(Registered, &session).is_ok());
        assert!(check_session(Settled, &session).is_err());
        let agreed = AgreementInput {
            matters: "漏水".into(),
            terms: "修好".into(),
            performance: "一周内".into(),
        };
        assert!(
            check_settle(Registered, &agreed).is_err(),
            "a session first"
        );
        assert!(check_settle(Mediating, &agreed).is_ok());
        let vague = AgreementInput {
            performance: String::new(),
            ..agreed
        };
        assert!(check_settle(Mediating, &vague).is_err_and(|e| e.contains("履行方式")));
        assert!(check_fail(Mediating, " ").is_err());
        assert!(check_fail(Failed, "已引导起诉").is_err());
        assert!(check_fail(Registered, "一方拒绝调解，已告知可向法院起诉").is_ok());
    }
}

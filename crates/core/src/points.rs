//! 积分超市: points are money-like, so they are whole tenths (2.5 分 is `Points(25)`), rules
//! say what a service earns, and a balance is only ever the sum of ledger entries.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    import::{field, FieldKind, FieldSpec, ID_NUMBER_SYNONYMS, PHONE_SYNONYMS},
    labelled::labelled_enum,
};

labelled_enum!(
    /// 积分账户类型: a person, or a household (one 户口本).
    AccountKind { Person => "个人", Household => "家庭户" }
);

labelled_enum!(
    /// Whether an account may earn and spend (停用: kept, but frozen).
    AccountStatus { Active => "正常", Suspended => "停用" }
);

labelled_enum!(
    /// How a rule counts: per time, per hour of service (in half hours), per monthly rating.
    Basis { PerTime => "每次", PerHour => "每小时", PerRating => "每月评比" }
);

labelled_enum!(
    /// What a ledger entry is.
    EntryKind {
        Earn => "获得",
        Redeem => "兑换",
        Adjust => "调整",
        Expire => "过期",
        Reverse => "冲正",
    }
);

labelled_enum!(
    /// 录入 → 审核: only approved records earn. A record taken back by undoing its import is
    /// 已撤回, its points reversed.
    RecordStatus {
        Pending => "待审核",
        Approved => "已审核",
        Rejected => "已退回",
        Withdrawn => "已撤回",
    }
);

labelled_enum!(
    /// What moved stock.
    StockKind {
        In => "入库",
        Redeemed => "兑换出库",
        Returned => "冲正入库",
        Count => "盘点调整",
    }
);

labelled_enum!(
    /// 微心愿 progress.
    WishStatus { Open => "待认领", Claimed => "已认领", Fulfilled => "已实现" }
);

const fn id_number(required: bool) -> FieldSpec {
    field(
        "id_number",
        "公民身份号码",
        ID_NUMBER_SYNONYMS,
        FieldKind::IdNumber,
        required,
    )
}

const NAME: FieldSpec = field(
    "name",
    "姓名",
    &["志愿者姓名", "名字"],
    FieldKind::Name,
    true,
);
const PHONE: FieldSpec = field("phone", "联系电话", PHONE_SYNONYMS, FieldKind::Phone, false);
const VOLUNTEER_NO: FieldSpec = field(
    "volunteer_no",
    "志愿者编号",
    &["编号", "志愿者证号", "志愿者证编号"],
    FieldKind::Text,
    false,
);

/// The volunteer roster as sheets name it (import register `volunteers`): person accounts.
pub const VOLUNTEER_FIELDS: &[FieldSpec] = &[
    NAME,
    id_number(true),
    PHONE,
    field(
        "address",
        "住址",
        &["家庭住址", "现住址", "居住地址", "地址"],
        FieldKind::Address,
        false,
    ),
    VOLUNTEER_NO,
    field(
        "team",
        "服务队",
        // 所属组织: the volunteer organisation, as the national volunteer system's export names it.
        &[
            "志愿服务队",
            "所属队伍",
            "队伍",
            "所属服务队",
            "所属组织",
            "所属志愿服务组织",
            "志愿服务组织",
        ],
        FieldKind::Text,
        false,
    ),
    field(
        "registered_on",
        "注册日期",
        &["注册时间", "加入日期", "登记日期", "加入时间"],
        FieldKind::Date,
        false,
    ),
];

/// Service-hour sheets as they arrive after an activity (import register `service-records`):
/// the volunteer (by ID, else volunteer number, else name and phone), the day, what was done
/// and for how long.
pub const SERVICE_FIELDS: &[FieldSpec] = &[
    NAME,
    id_number(false),
    PHONE,
    VOLUNTEER_NO,
    field(
        "served_on",
        "服务日期",
        &["日期", "活动日期", "服务时间", "活动时间"],
        FieldKind::Date,
        true,
    ),
    field(
        "activity",
        "服务内容",
        &["活动名称", "服务项目", "活动内容", "服务事项", "活动"],
        FieldKind::Text,
        true,
    ),
    field(
        "hours",
        "服务时长",
        &[
            "时长",
            "小时数",
            "服务小时数",
            "服务时长小时",
            "时长小时",
            "服务时数",
        ],
        FieldKind::Hours,
        true,
    ),
    field(
        "rule",
        "积分项目",
        &["积分规则", "计分项目"],
        FieldKind::Text,
        false,
    ),
    field(
        "certified_by",
        "证明人",
        &["审核人", "负责人", "组织者", "活动负责人"],
        FieldKind::Text,
        false,
    ),
];

/// Standard competition ranks (1, 2, 2, 4) of amounts sorted highest first: equal amounts share
/// a place on a 光荣榜.
pub fn ranks(sorted: &[Points]) -> Vec<usize> {
    let mut ranks: Vec<usize> = Vec::with_capacity(sorted.len());
    for (i, p) in sorted.iter().enumerate() {
        let tied = i > 0 && sorted[i - 1] == *p;
        ranks.push(if tied { ranks[i - 1] } else { i + 1 });
    }
    ranks
}

/// Points in tenths: `Points(25)` is 2.5 分.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
pub struct Points(pub i64);

impl Points {
    /// `points` whole points (in tenths inside).
    pub fn whole(points: i64) -> Points {
        Points(points * 10)
    }

    /// "2", "2.5", "2.5分", "-3"; at most one decimal.
    pub fn parse(text: &str) -> Result<Points, String> {
        let t = text.trim().trim_end_matches('分').trim();
        let bad = || format!("积分“{text}”应为数字，最多一位小数，如 2 或 2.5");
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if int.is_empty()
            || !int.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 1
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let whole: i64 = int.parse().map_err(|_| bad())?;
        let tenth: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| bad())?
        };
        let value = whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(tenth))
            .ok_or_else(bad)?;
        Ok(Points(if negative { -value } else { value }))
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, tenth) = (self.0.abs() / 10, self.0.abs() % 10);
        if tenth == 0 {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{tenth}")
        }
    }
}

/// A rule as it stood on the day a service was done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Rule {
    /// Its id.
    pub id: i64,
    /// 积分项目, as sheets and forms name it.
    pub name: String,
    /// Per time, per hour or per rating.
    pub basis: Basis,
    /// Per time, per hour or per rating.
    pub points: Points,
    /// At most this much in a day.
    pub cap_day: Option<Points>,
    /// At most this much in a month.
    pub cap_month: Option<Points>,
    /// At most this much in a year.
    pub cap_year: Option<Points>,
    /// The first day it applies.
    pub valid_from: String,
    /// The last day it applies; open-ended when none.
    pub valid_to: Option<String>,
}

impl Rule {
    /// Whether the rule counts on `day` (YYYY-MM-DD).
    pub fn in_force(&self, day: &str) -> bool {
        self.valid_from.as_str() <= day && self.valid_to.as_deref().is_none_or(|to| to >= day)
    }

    /// What a service of `hours` (tenths) earns before caps.
    pub fn earns(&self, hours: i64) -> Points {
        match self.basis {
            Basis::PerHour => Points(self.points.0 * hours / 10),
            Basis::PerTime | Basis::PerRating => self.points,
        }
    }

    /// What it earns once already earned today / this month / this year under this rule are
    /// counted against the caps.
    pub fn capped(&self, earns: Points, day: Points, month: Points, year: Points) -> Points {
        let room =
            |cap: Option<Points>, used: Points| cap.map_or(i64::MAX, |c| (c.0 - used.0).max(0));
        Points(
            earns
                .0
                .min(room(self.cap_day, day))
                .min(room(self.cap_month, month))
                .min(room(self.cap_year, year)),
        )
    }
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_read_and_print_as_a_clerk_writes_them() {
        assert_eq!(Points::parse("2.5分"), Ok(Points(25)));
        assert_eq!(Points::parse("-3"), Ok(Points(-30)));
        assert_eq!(Points::parse("18").map(|p| p.to_string()), Ok("18".into()));
        assert_eq!(Points(25).to_string(), "2.5");
        assert_eq!(Points(-5).to_string(), "-0.5");
        assert!(Points::parse("2.55").is_err());
        assert!(Points::parse("两分").is_err());
    }

    #[test]
    fn equal_points_share_a_place() {
        let sorted = [
            Points(80),
            Points(60),
            Points(60),
            Points(40),
            Points(40),
            Points(10),
        ];
        assert_eq!(ranks(&sorted), vec![1, 2, 2, 4, 4, 6]);
        assert!(ranks(&[]).is_empty());
    }

    #[test]
    fn a_rule_earns_by_its_basis_within_its_caps() {
        let rule = Rule {
            id: 1,
            name: "志愿服务".into(),
            basis: Basis::PerHour,
            points: Points::whole(2),
            cap_day: Some(Points::whole(8)),
            cap_month: None,
            cap_year: Some(Points::whole(100)),
            valid_from: "2026-01-01".into(),
            valid_to: None,
        };
        assert_eq!(rule.earns(25), Points(50));
        assert_eq!(
            rule.capped(Points(50), Points(40), Points(0), Points(0)),
            Points(40)
        );
        assert_eq!(
            rule.capped(Points(50), Points(80), Points(0), Points(0)),
            Points(0)
        );
        assert_eq!(
            rule.capped(Points(50), Points(0), Points(0), Points(990)),
            Points(10)
        );
    }
}

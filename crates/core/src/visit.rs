//! 走访 (民情日志): a grid worker's visit to a household, and when the next one is due. Pure
//! rules; the tables are the db crate's.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    import::{field, FieldKind, FieldSpec, Width},
    labelled::labelled_enum,
};

labelled_enum!(
    /// How the household was reached. 入户 is the visit proper; the 探访关爱 documents count a
    /// call or a video call as a visit too.
    VisitWay {
        Home => "入户",
        Phone => "电话",
        Video => "微信视频",
        Elsewhere => "其他",
    }
);

/// One visit as the 民情日志 records it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct VisitInput {
    /// The household visited.
    pub household_id: i64,
    /// The grid worker who went (`grid_worker.id`).
    pub worker_id: Option<i64>,
    /// The day of the visit.
    pub visited_on: String,
    /// 入户, 电话 ….
    pub way: Option<VisitWay>,
    /// 走访情况: what was seen and heard.
    pub found: String,
    /// 群众诉求: what the household asked for; empty when nothing.
    pub need: String,
}

impl VisitInput {
    /// What the form starts from: a visit in person (the day is the form's, the clerk's today).
    pub fn suggested() -> Self {
        Self {
            way: Some(VisitWay::Home),
            ..Self::default()
        }
    }
}

/// A visit's fields as the 民情日志 names them: the form's labels and the audit trail's.
pub const VISIT_FIELDS: &[FieldSpec] = &[
    field(
        "household_id",
        "走访对象",
        &["住户", "走访户"],
        FieldKind::Text,
        true,
    ),
    field(
        "worker_id",
        "走访人",
        &["网格员", "走访网格员"],
        FieldKind::Text,
        true,
    ),
    field(
        "visited_on",
        "走访日期",
        &["日期", "走访时间"],
        FieldKind::Date,
        true,
    ),
    field(
        "way",
        "走访方式",
        &["方式"],
        FieldKind::Choice(VisitWay::LABELS),
        true,
    ),
    field(
        "found",
        "走访情况",
        &["情况", "走访内容", "民情记录"],
        FieldKind::Text,
        true,
    )
    .width(Width::Long),
    field(
        "need",
        "群众诉求",
        &["诉求", "反映问题", "需求"],
        FieldKind::Text,
        false,
    )
    .width(Width::Long),
];

/// When a household is next to be visited: `days` after its last visit, or at once when it
/// was never visited. None when none of its care tags asks for visits.
pub fn next_due(last: Option<NaiveDate>, days: Option<u32>, today: NaiveDate) -> Option<NaiveDate> {
    let days = days?;
    Some(match last {
        Some(last) => last
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX),
        None => today,
    })
}

/// The days between visits a member with these tags asks for: the most frequent of them.
pub fn visit_days(tags: impl IntoIterator<Item = Option<u32>>) -> Option<u32> {
    tags.into_iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        // Every date below is written well-formed; a typo falls back to a day no test expects.
        s.parse().unwrap_or_default()
    }

    #[test]
    fn due_after_the_tags_most_frequent_interval() {
        let today = day("2026-12-03");
        let days = visit_days([Some(30), None, Some(7)]);
        assert_eq!(days, Some(7));
        assert_eq!(
            next_due(Some(day("2026-11-30")), days, today),
            Some(day("2026-12-07"))
        );
        assert_eq!(next_due(None, days, today), Some(today));
        assert_eq!(next_due(None, visit_days([None]), today), None);
    }
}

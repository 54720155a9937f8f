//! The home screen's to-do rules, as dates: when a probationary member is due for 转正, how far
//! ahead a due item is shown, when a member away from home counts as not reached. Pure rules;
//! `app::todo` applies them to the registers.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// What kind of thing is due.
    TodoKind {
        Confirmation => "预备党员转正",
        MeetingGap => "三会一课",
        Task => "议事任务",
        Rectification => "隐患整治",
        LowStock => "商品库存",
        Contact => "联系流动党员",
        Incomplete => "待补录",
        Visit => "关爱走访",
        Appeal => "诉求督办",
    }
);

/// Items due within this many days are shown before they are overdue.
pub const DUE_WITHIN_DAYS: i64 = 30;

/// A 流动 or 失联 member not reached for this many months is on the list.
pub const CONTACT_MONTHS: u32 = 3;

/// The end of a 预备期: one year after joining (党章 第七条).
pub fn probation_ends(joined: NaiveDate) -> NaiveDate {
    joined.checked_add_months(Months::new(12)).unwrap_or(joined)
}

/// Whether a due date belongs on today's list: overdue, or due within [`DUE_WITHIN_DAYS`].
pub fn on_list(due: NaiveDate, today: NaiveDate) -> bool {
    (due - today).num_days() <= DUE_WITHIN_DAYS
}

/// The day by which a member last reached on `last` (never: None) should be reached again;
/// None when they have never been reached (due at once).
pub fn contact_due(last: Option<NaiveDate>) -> Option<NaiveDate> {
    last.and_then(|d| d.checked_add_months(Months::new(CONTACT_MONTHS)))
}

/// "还有 7 天" / "今天到期" / "已逾期 3 天".
pub fn days_left(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "今天到期".to_owned(),
        n if n > 0 => format!("还有 {n} 天"),
        n => format!("已逾期 {} 天", -n),
    }
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        // Every date below is written well-formed; a typo falls back to a day no test expects.
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn probation_is_one_year_even_from_a_leap_day() {
        assert_eq!(probation_ends(d("2025-12-01")), d("2026-12-01"));
        assert_eq!(probation_ends(d("2024-02-29")), d("2025-02-28"));
    }

    #[test]
    fn the_list_shows_thirty_days_ahead_and_everything_overdue() {
        let today = d("2026-11-23");
        assert!(on_list(d("2026-12-23"), today));
        assert!(!on_list(d("2026-12-24"), today));
        assert!(on_list(d("2025-01-01"), today));
        assert_eq!(days_left(d("2026-11-30"), today), "还有 7 天");
        assert_eq!(days_left(d("2026-11-23"), today), "今天到期");
        assert_eq!(days_left(d("2026-11-20"), today), "已逾期 3 天");
    }

    #[test]
    fn members_away_are_reached_every_three_months() {
        assert_eq!(contact_due(Some(d("2026-08-31"))), Some(d("2026-11-30")));
        assert_eq!(contact_due(None), None);
    }
}

//! Dates as the registers keep them: ISO `YYYY-MM-DD`, and year-months `YYYY-MM` (党费交至年月).

use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM-DD`.
pub fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Parses `YYYY-MM` and returns it normalised.
pub fn parse_year_month(s: &str) -> Option<String> {
    let (y, m) = s.trim().split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    NaiveDate::from_ymd_opt(y, m, 1)?;
    Some(format!("{y:04}-{m:02}"))
}

/// A date as registers take it from sheets: a day, or a year-month when the day is not known
/// (入党时间 2021.08 stays 2021-08; no day is invented).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseDate {
    /// The day, or the month's first day.
    pub day: NaiveDate,
    /// Only the month is known (the sheet wrote 2026.11).
    pub month_only: bool,
}

impl LooseDate {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Self> {
        parse(s)
            .map(|day| Self {
                day,
                month_only: false,
            })
            .or_else(|| {
                let ym = parse_year_month(s)?;
                Some(Self {
                    day: parse(&format!("{ym}-01"))?,
                    month_only: true,
                })
            })
    }

    fn months(self) -> i32 {
        self.day.year() * 12 + self.day.month0() as i32
    }

    /// Strictly earlier, at the coarser precision of the two: 2021-08 is not before 2021-08-15.
    pub fn before(self, other: Self) -> bool {
        if self.month_only || other.month_only {
            self.months() < other.months()
        } else {
            self.day < other.day
        }
    }

    /// Less than `months` months after `start`, at the coarser precision of the two.
    pub fn within_months_of(self, start: Self, months: u32) -> bool {
        if self.month_only || start.month_only {
            self.months() < start.months() + months as i32
        } else {
            start
                .day
                .checked_add_months(chrono::Months::new(months))
                .is_some_and(|end| self.day < end)
        }
    }
}

impl From<NaiveDate> for LooseDate {
    fn from(day: NaiveDate) -> Self {
        Self {
            day,
            month_only: false,
        }
    }
}

impl std::fmt::Display for LooseDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.month_only {
            write!(f, "{}", self.day.format("%Y-%m"))
        } else {
            write!(f, "{}", self.day)
        }
    }
}

/// Full years between `birth` and `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The latest birth date for someone at least `age` years old on `today`.
pub fn born_by(age: i32, today: NaiveDate) -> NaiveDate {
    let year = today.year() - age;
    NaiveDate::from_ymd_opt(year, today.month(), today.day())
        // 29 February in a non-leap year
        .or_else(|| NaiveDate::from_ymd_opt(year, today.month(), 28))
        .unwrap_or(today)
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn ages_count_full_years() {
        assert_eq!(age_on(d("1980-06-15"), d("2026-06-14")), 45);
        assert_eq!(age_on(d("1980-06-15"), d("2026-06-15")), 46);
        assert_eq!(born_by(46, d("2026-06-15")), d("1980-06-15"));
        assert_eq!(born_by(1, d("2024-02-29")), d("2023-02-28"));
    }

    #[test]
    fn loose_dates_compare_at_the_coarser_precision() {
        let l = |s| LooseDate::parse(s).unwrap();
        assert_eq!(l("2021-8").to_string(), "2021-08");
        assert_eq!(l("2021-08-15").to_string(), "2021-08-15");
        assert!(!l("2021-08").before(l("2021-08-15")));
        assert!(!l("2021-08-15").before(l("2021-08")));
        assert!(l("2021-07-31").before(l("2021-08")));
        assert!(l("2021-08-14").before(l("2021-08-15")));
        assert!(l("2022-07").within_months_of(l("2021-08"), 12));
        assert!(!l("2022-08").within_months_of(l("2021-08-20"), 12));
        assert!(l("2022-08-19").within_months_of(l("2021-08-20"), 12));
        assert_eq!(LooseDate::parse("2021"), None);
    }

    #[test]
    fn year_months_are_normalised() {
        assert_eq!(parse_year_month("2026-7").as_deref(), Some("2026-07"));
        assert_eq!(parse_year_month("2026-13"), None);
        assert_eq!(parse("2026-02-30"), None);
    }
}

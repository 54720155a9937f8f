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
    fn year_months_are_normalised() {
        assert_eq!(parse_year_month("2026-7").as_deref(), Some("2026-07"));
        assert_eq!(parse_year_month("2026-13"), None);
        assert_eq!(parse("2026-02-30"), None);
    }
}

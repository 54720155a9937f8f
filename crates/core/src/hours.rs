//! Hours of volunteer service as people write them ("2", "2.5小时", "半天"), and in the tenths
//! the points books keep.

/// Hours of service as written, unrounded: "2", "2.5", "3小时", "半天" (4 h), "一天" (8 h); between
/// 0 and 24.
pub fn hours_in(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let hours = match t {
        "半天" => 4.0,
        "一天" | "全天" | "1天" => 8.0,
        _ => t
            .trim_end_matches("个小时")
            .trim_end_matches("小时")
            .trim_end_matches(['h', 'H'])
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("时长“{text}”应为小时数，如 2、2.5、3小时、半天"))?,
    };
    if !(0.0..=24.0).contains(&hours) {
        return Err(format!("时长“{text}”不在 0 到 24 小时之间"));
    }
    Ok(hours)
}

/// `hours` to the nearest half hour, in tenths (2.5 h is 25).
pub fn half_hours(hours: f64) -> i64 {
    ((hours * 2.0).round() * 5.0) as i64
}

/// Hours typed in a form, in tenths: refused unless in half-hour steps.
pub fn parse_hours(text: &str) -> Result<i64, String> {
    let hours = hours_in(text)?;
    let tenths = half_hours(hours);
    if (tenths as f64 / 10.0 - hours).abs() > 1e-9 {
        return Err(format!("时长“{text}”应按半小时计，如 2 或 2.5"));
    }
    Ok(tenths)
}

#[cfg(test)]
mod tests {
    // An unwrap below is an assertion: a test fails loudly on purpose.
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn hours_count_in_half_hours() {
        assert_eq!(parse_hours("2.5"), Ok(25));
        assert_eq!(parse_hours("3小时"), Ok(30));
        assert_eq!(parse_hours("半天"), Ok(40));
        assert!(parse_hours("1.2").unwrap_err().contains("半小时"));
        assert!(parse_hours("25").is_err());
    }
}

//! Phone numbers: an 11-digit mobile, or a landline with its area code.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("联系电话“{0}”格式不正确：应为11位手机号（如 13812345678），或带区号的固定电话（如 0358-1234567）")]
/// A phone number that is neither a mobile nor a fixed-line number (as written).
pub struct PhoneError(pub String);

/// Normalises spaces and full-width hyphens away and checks the shape.
pub fn parse(input: &str) -> Result<String, PhoneError> {
    let s: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if matches!(c, '－' | '—' | '–') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let only_digits_and_dash = s.chars().all(|c| c.is_ascii_digit() || c == '-');
    let mobile = s.len() == 11 && digits.len() == 11 && s.starts_with('1');
    let landline = only_digits_and_dash
        && s.starts_with('0')
        && s.matches('-').count() <= 1
        && (10..=12).contains(&digits.len());
    if mobile || landline {
        Ok(s)
    } else {
        Err(PhoneError(input.trim().to_owned()))
    }
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn mobiles_and_landlines() {
        assert_eq!(parse("138 1234 5678").unwrap(), "13812345678");
        assert_eq!(parse("0358－1234567").unwrap(), "0358-1234567");
        assert_eq!(parse("03581234567").unwrap(), "03581234567");
        assert!(parse("1381234567").is_err(), "10 digits is not a mobile");
        assert!(parse("23812345678").is_err(), "mobiles start with 1");
        assert!(parse("1234567").is_err(), "a landline needs its area code");
    }
}

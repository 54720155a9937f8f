//! 公民身份号码 (GB 11643-1999): structure, check character (ISO 7064 MOD 11-2), the birth date
//! and sex it encodes, and the upgrade of old 15-digit numbers to 18.

use chrono::NaiveDate;
use thiserror::Error;

use crate::person::Sex;

/// A valid 18-character citizen ID, upper-case `X` if the check character is ten.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
/// Why a 公民身份号码 is refused, in a clerk's words.
pub enum IdNumberError {
    #[error("公民身份号码不能为空")]
    /// Nothing was given.
    Empty,
    #[error("公民身份号码应为18位（旧号码为15位），当前为{0}位")]
    /// Not 18 (or 15) characters; how many.
    Length(usize),
    #[error("公民身份号码只能包含数字，18位号码的最后一位可以是X")]
    /// Something other than digits and a final X.
    Characters,
    #[error("公民身份号码前两位“{0}”不是有效的省级行政区代码")]
    /// The first two digits name no province.
    Area(String),
    #[error("公民身份号码中的出生日期 {0} 不是有效日期")]
    /// The birth date in it is no day.
    BirthDate(String),
    #[error("公民身份号码校验位错误：最后一位是 {found}，按前17位计算应为 {expected}")]
    /// The check character does not match the first 17.
    CheckCharacter {
        /// The last character as given.
        found: char,
        /// The one the first 17 call for.
        expected: char,
    },
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Province-level codes (GB/T 2260 first two digits), incl. 台湾 71, 香港 81, 澳门 82.
const PROVINCES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// The check character for the first 17 digits. `digits17` must be 17 ASCII digits.
pub fn check_character(digits17: &str) -> char {
    let sum: u32 = digits17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

impl IdNumber {
    /// Parses an 18-digit ID or upgrades a 15-digit one. Surrounding spaces are ignored and a
    /// lower-case `x` is accepted.
    pub fn parse(input: &str) -> Result<Self, IdNumberError> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        match s.chars().count() {
            0 => Err(IdNumberError::Empty),
            18 => Self::parse18(&s),
            15 => Self::parse15(&s),
            n => Err(IdNumberError::Length(n)),
        }
    }

    fn parse18(s: &str) -> Result<Self, IdNumberError> {
        let (body, last) = s.split_at(17);
        let last = last.chars().next().ok_or(IdNumberError::Length(17))?;
        if !body.bytes().all(|b| b.is_ascii_digit()) || !(last.is_ascii_digit() || last == 'X') {
            return Err(IdNumberError::Characters);
        }
        check_area(body)?;
        birth_date_of(&body[6..14])?;
        let expected = check_character(body);
        if last != expected {
            return Err(IdNumberError::CheckCharacter {
                found: last,
                expected,
            });
        }
        Ok(Self(s.to_owned()))
    }

    fn parse15(s: &str) -> Result<Self, IdNumberError> {
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdNumberError::Characters);
        }
        check_area(s)?;
        let body = format!("{}19{}", &s[..6], &s[6..]);
        birth_date_of(&body[6..14])?;
        let check = check_character(&body);
        Ok(Self(format!("{body}{check}")))
    }

    /// The 18 characters, X upper-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date it holds.
    pub fn birth_date(&self) -> NaiveDate {
        // The date was validated in `parse`; fall back to the epoch rather than panic.
        birth_date_of(&self.0[6..14]).unwrap_or_default()
    }

    /// Odd 17th digit: male; even: female.
    pub fn sex(&self) -> Sex {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The last four characters, for ID-tail search and masked display.
    pub fn tail(&self) -> &str {
        &self.0[14..]
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn check_area(s: &str) -> Result<(), IdNumberError> {
    let province = &s[..2];
    if PROVINCES.contains(&province) {
        Ok(())
    } else {
        Err(IdNumberError::Area(province.to_owned()))
    }
}

fn birth_date_of(yyyymmdd: &str) -> Result<NaiveDate, IdNumberError> {
    let bad = || IdNumberError::BirthDate(yyyymmdd.to_owned());
    let year: i32 = yyyymmdd[..4].parse().map_err(|_| bad())?;
    let month: u32 = yyyymmdd[4..6].parse().map_err(|_| bad())?;
    let day: u32 = yyyymmdd[6..8].parse().map_err(|_| bad())?;
    if year < 1800 {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    // Real-shaped numbers: check characters computed by hand with the GB 11643 weights.
    #[test]
    fn accepts_valid_numbers_including_check_character_x() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.sex(), Sex::Female, "17th digit 2 is even: female");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        let id = IdNumber::parse(" 440524188001010014 ").unwrap();
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.tail(), "0014");
    }

    #[test]
    fn lower_case_x_is_accepted_and_normalised() {
        assert_eq!(
            IdNumber::parse("11010519491231002x").unwrap().as_str(),
            "11010519491231002X"
        );
    }

    #[test]
    fn wrong_check_character_names_the_expected_one() {
        let err = IdNumber::parse("110105194912310021").unwrap_err();
        assert_eq!(
            err,
            IdNumberError::CheckCharacter {
                found: '1',
                expected: 'X'
            }
        );
        assert!(err.to_string().contains("应为 X"), "{err}");
    }

    #[test]
    fn impossible_birth_dates_are_rejected() {
        // 1999-02-30 does not exist; the check character is right for the digits.
        let body = "14110219990230001";
        let id = format!("{body}{}", check_character(body));
        assert_eq!(
            IdNumber::parse(&id).unwrap_err(),
            IdNumberError::BirthDate("19990230".into())
        );
    }

    #[test]
    fn fifteen_digit_numbers_are_upgraded() {
        let id = IdNumber::parse("130503670401001").unwrap();
        assert_eq!(id.as_str(), "130503196704010016");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1967, 4, 1).unwrap()
        );
    }

    #[test]
    fn malformed_input_gets_its_own_message() {
        assert_eq!(IdNumber::parse(""), Err(IdNumberError::Empty));
        assert_eq!(IdNumber::parse("1234"), Err(IdNumberError::Length(4)));
        assert_eq!(
            IdNumber::parse("1101051949123100AX"),
            Err(IdNumberError::Characters)
        );
        assert_eq!(
            IdNumber::parse("990105194912310021"),
            Err(IdNumberError::Area("99".into()))
        );
    }
}

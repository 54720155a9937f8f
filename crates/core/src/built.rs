//! The year a house was built, as sweep sheets write it: exact ("2005", "2005.6") or only the
//! decade ("八十年代", "1990s").

use std::fmt;

/// The year a house was built, as far as it is known: exact, or a decade ("八十年代").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Built {
    /// The year, or a decade's first year.
    pub year: i32,
    /// Only the decade is known.
    pub approximate: bool,
}

impl Built {
    /// "2005", "2005年", "2005.6", "八十年代", "80年代", "1980年代", "1990s".
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().trim_end_matches(['年', '左', '右']);
        let bad = || format!("建成年代“{text}”应写成 2005 或 1980年代");
        if let Some(decade) = t.strip_suffix("年代").or_else(|| t.strip_suffix('s')) {
            let n: i32 = match decade.parse() {
                Ok(n) => n,
                Err(_) => chinese_decade(decade).ok_or_else(bad)?,
            };
            let year = match n {
                0..=99 if n % 10 == 0 => {
                    if n >= 30 {
                        1900 + n
                    } else {
                        2000 + n
                    }
                }
                1900..=2099 if n % 10 == 0 => n,
                _ => return Err(bad()),
            };
            return Ok(Self {
                year,
                approximate: true,
            });
        }
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<i32>() {
            Ok(year) if digits.len() == 4 && (1800..=2100).contains(&year) => Ok(Self {
                year,
                approximate: false,
            }),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Built {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            write!(f, "{}年代", self.year)
        } else {
            write!(f, "{}", self.year)
        }
    }
}

/// 五十 … 九十 for 五十年代 … 九十年代.
fn chinese_decade(text: &str) -> Option<i32> {
    let tens = "一二三四五六七八九"
        .chars()
        .position(|c| text.starts_with(c))? as i32
        + 1;
    (text.chars().nth(1) == Some('十') && text.chars().count() == 2).then_some(tens * 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_keeps_what_is_known() -> Result<(), String> {
        assert_eq!(Built::parse("2005年")?.to_string(), "2005");
        assert_eq!(Built::parse("2005.6")?.to_string(), "2005");
        assert_eq!(Built::parse("八十年代")?.to_string(), "1980年代");
        assert_eq!(Built::parse("80年代")?.to_string(), "1980年代");
        assert_eq!(Built::parse("1990年代")?.to_string(), "1990年代");
        assert_eq!(
            Built::parse("1990年代")?,
            Built {
                year: 1990,
                approximate: true
            }
        );
        assert!(Built::parse("解放前").is_err());
        assert!(Built::parse("85年代").is_err());
        Ok(())
    }
}

//! Text in the order a clerk reads it: numbers by their value, so 2号楼 comes before 10号楼 and
//! 三组 before 十二组.
//!
//! SQLite compares text byte by byte, which puts 10号楼 before 2号楼. A record that is listed by
//! its address keeps [`key`] of it beside it (`household.address_key`, `house.address_key`) and
//! is ordered by that.

/// Chinese numerals an address writes a number with (一组, 十二号, 二〇二六年).
fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A digit, ASCII or full-width.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// The number's digits, without leading zeros, after their count in two digits: compared as
/// text, a shorter number comes first, and numbers of one length by their digits.
fn push_number(key: &mut String, digits: &str) {
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    key.push_str(&format!("{:02}", digits.len().min(99)));
    key.push_str(digits);
}

/// The value of a run of Chinese numerals: 十二 → 12, 二十 → 20, 一百零五 → 105, digit by digit
/// (二〇二六 → 2026) when it has no 十/百/千.
fn chinese_value(run: &[char]) -> u64 {
    let (mut total, mut current) = (0u64, 0u64);
    for &c in run {
        if let Some(d) = chinese_digit(c) {
            current = current.saturating_mul(10).saturating_add(d);
        } else if let Some(u) = chinese_unit(c) {
            total = total.saturating_add(current.max(1).saturating_mul(u));
            current = 0;
        }
    }
    total.saturating_add(current)
}

/// The key `text` sorts by: every run of digits (ASCII, full-width or Chinese numerals) replaced
/// by its value in a form that compares as numbers do; the rest as written.
pub fn key(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut key = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if digit(c).is_some() {
            let digits: String = chars[i..].iter().map_while(|&c| digit(c)).collect();
            i += digits.chars().count();
            push_number(&mut key, &digits);
        } else if chinese_digit(c).is_some() || chinese_unit(c).is_some() {
            let run: Vec<char> = chars[i..]
                .iter()
                .copied()
                .take_while(|&c| chinese_digit(c).is_some() || chinese_unit(c).is_some())
                .collect();
            i += run.len();
            push_number(&mut key, &chinese_value(&run).to_string());
        } else {
            key.push(c);
            i += 1;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::key;

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|s| key(s));
        v
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(&[
                "西关社区10号楼1单元",
                "西关社区2号楼1单元",
                "西关社区1号楼12单元",
                "西关社区1号楼2单元"
            ]),
            [
                "西关社区1号楼2单元",
                "西关社区1号楼12单元",
                "西关社区2号楼1单元",
                "西关社区10号楼1单元"
            ]
        );
        assert_eq!(
            sorted(&["3-2-1001", "3-2-201", "12-1-101", "03-2-0301"]),
            ["3-2-201", "03-2-0301", "3-2-1001", "12-1-101"]
        );
    }

    #[test]
    fn chinese_and_full_width_numbers_sort_with_the_digits() {
        assert_eq!(
            sorted(&[
                "南山村十二组",
                "南山村3组",
                "南山村二组",
                "南山村十组",
                "南山村１组"
            ]),
            [
                "南山村１组",
                "南山村二组",
                "南山村3组",
                "南山村十组",
                "南山村十二组"
            ]
        );
        assert_eq!(key("一百零五号"), key("105号"));
        assert_eq!(key("二〇二六年"), key("2026年"));
        assert_eq!(key("二十号"), key("20号"));
    }

    #[test]
    fn text_without_numbers_is_its_own_key() {
        assert_eq!(key("东关社区"), "东关社区");
        assert_eq!(key(""), "");
        assert!(key("0号") < key("1号"));
    }
}

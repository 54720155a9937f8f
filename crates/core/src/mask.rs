//! Masking of sensitive personal information (个人信息保护法): lists show 1411**********123X,
//! 138****5678 and 东关社区3号楼******* unless a value is revealed on purpose.

/// Keeps the first `head` and last `tail` characters and stars the rest. Short values are
/// starred except for their last two characters, so nothing short leaks whole.
fn keep_ends(value: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    if n == 0 {
        return String::new();
    }
    let (head, tail) = if n > head + tail {
        (head, tail)
    } else {
        (0, 2.min(n))
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < head || i >= n - tail { *c } else { '*' })
        .collect()
}

/// 141102198001011234 → 1411**********1234
pub fn id_number(value: &str) -> String {
    keep_ends(value, 4, 4)
}

/// 13812345678 → 138****5678; 0358-1234567 → 035*****4567
pub fn phone(value: &str) -> String {
    keep_ends(value, 3, 4)
}

/// Where a home address stops being a place everyone knows: after the building (号楼, 栋, 幢,
/// 号院), else after the last street or village part; a value with neither keeps its first half.
const BUILDING: [&str; 4] = ["号楼", "栋", "幢", "号院"];
const AREA: [&str; 8] = ["社区", "小区", "村", "路", "街", "巷", "弄", "组"];

/// 东关社区3号楼2单元301室 → 东关社区3号楼*******; 东关社区前进路8号 → 东关社区前进路**: the
/// community and building stay readable, the unit, room or house number is hidden.
pub fn address(value: &str) -> String {
    let end_of = |marks: &[&str], first: bool| {
        let found = marks.iter().filter_map(|m| {
            let at = if first { value.find(m) } else { value.rfind(m) };
            at.map(|i| i + m.len())
        });
        if first {
            found.min()
        } else {
            found.max()
        }
    };
    let keep = end_of(&BUILDING, true)
        .or_else(|| end_of(&AREA, false))
        .unwrap_or_else(|| {
            let half = value.chars().count().div_ceil(2);
            value
                .char_indices()
                .nth(half)
                .map_or(value.len(), |(i, _)| i)
        });
    let (shown, hidden) = value.split_at(keep);
    format!("{shown}{}", "*".repeat(hidden.chars().count()))
}

/// A form sends back the masked value it was shown when the clerk did not retype it: then the
/// stored value stands.
pub fn keep_if_masked(sent: &mut String, stored: &str, mask: fn(&str) -> String) {
    if sent.contains('*') && *sent == mask(stored) {
        *sent = stored.to_owned();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_keep_only_the_ends() {
        assert_eq!(super::id_number("14110219800101123X"), "1411**********123X");
        assert_eq!(super::phone("13812345678"), "138****5678");
        assert_eq!(super::phone("0358-1234567"), "035*****4567");
        assert_eq!(
            super::phone("1234"),
            "**34",
            "short values never show whole"
        );
        assert_eq!(super::id_number(""), "");
    }

    #[test]
    fn addresses_keep_the_community_and_building() {
        use super::address;
        assert_eq!(address("东关社区3号楼2单元301室"), "东关社区3号楼*******");
        assert_eq!(address("东关社区前进路8号"), "东关社区前进路**");
        assert_eq!(address("张庄村五组12号"), "张庄村五组***");
        assert_eq!(address("锦绣花园7栋1单元"), "锦绣花园7栋***");
        assert_eq!(address("东关社区"), "东关社区", "nothing personal to hide");
        assert_eq!(
            address("榆次12号"),
            "榆次1**",
            "no marker: the first half stays"
        );
        assert_eq!(address(""), "");
    }
}

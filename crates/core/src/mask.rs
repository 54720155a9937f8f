//! Masking of sensitive personal information (个人信息保护法): lists show 1411**********123X and
//! 138****5678 unless a value is revealed on purpose.

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
}

//! What a clerk means by the text in a search box.

/// The kind of a search text, decided by its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchText {
    /// Nothing to search for.
    Empty,
    /// Letters only: pinyin initials ("wgm") or a full-pinyin prefix ("wangguo").
    Pinyin(String),
    /// Digits, perhaps ending in X: the tail of an ID or a phone number.
    Digits(String),
    /// Anything else: a fragment of a name.
    Name(String),
}

impl SearchText {
    /// What `input` asks for: digits (an ID or phone tail), letters (pinyin initials) or a name.
    pub fn parse(input: &str) -> Self {
        let q: String = input.split_whitespace().collect();
        if q.is_empty() {
            Self::Empty
        } else if q.chars().all(|c| c.is_ascii_alphabetic()) {
            Self::Pinyin(q.to_ascii_lowercase())
        } else if q
            .char_indices()
            .all(|(i, c)| c.is_ascii_digit() || (matches!(c, 'x' | 'X') && i == q.len() - 1))
        {
            Self::Digits(q.to_ascii_uppercase())
        } else {
            Self::Name(q)
        }
    }
}

/// `s` reversed, for suffix search through an index on the reversed value.
pub fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::SearchText::{self, *};

    #[test]
    fn search_text_kinds() {
        assert_eq!(SearchText::parse("  "), Empty);
        assert_eq!(SearchText::parse("WGM"), Pinyin("wgm".into()));
        assert_eq!(SearchText::parse("123x"), Digits("123X".into()));
        assert_eq!(SearchText::parse("x123"), Name("x123".into()));
        assert_eq!(SearchText::parse("王 国"), Name("王国".into()));
    }
}

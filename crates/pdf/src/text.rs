//! Breaking CJK text into lines, with 禁则: no line starts with closing punctuation and no line
//! ends with opening punctuation; a run of Latin letters or digits (a phone number, 2021) is
//! never cut unless it is longer than a whole line.

use crate::fonts::Glyph;
use std::ops::Range;

/// Characters that may not begin a line.
const NO_START: &str = "，。、；：？！）」』】》〉”’…—％%,.;:?!)]}·～";
/// Characters that may not end a line.
const NO_END: &str = "（「『【《〈“‘([{";

fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Letters, digits and what joins them in dates, numbers and masked IDs (2021-08-01, 2.5,
/// 1411**********0756).
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '*' | '/' | ':' | '_')
}

/// The lines of `glyphs` when each is `width(i)` wide and the first line may hold `first` and the
/// rest `rest` (in the same unit). Returns ranges into `glyphs`; an empty text is no lines.
pub fn break_lines(
    glyphs: &[Glyph],
    width: impl Fn(&Glyph) -> f32,
    first: f32,
    rest: f32,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let room = if lines.is_empty() { first } else { rest };
        let mut used = 0.0;
        let mut end = start;
        while end < glyphs.len() && (end == start || used + width(&glyphs[end]) <= room + 0.01) {
            used += width(&glyphs[end]);
            end += 1;
        }
        if end < glyphs.len() {
            end = break_before(glyphs, start, end);
        }
        lines.push(start..end);
        start = end;
    }
    lines
}

/// Where to end a line that would end before `end`: moved back (never past `start + 1`) while
/// the next line would begin with a no-start character, this line would end with a no-end
/// character, or a word would be cut.
fn break_before(glyphs: &[Glyph], start: usize, end: usize) -> usize {
    let mut at = end;
    while at > start + 1 {
        let before = glyphs[at - 1].c;
        let after = glyphs[at].c;
        let bad = no_start(after) || no_end(before) || (word_char(before) && word_char(after));
        if !bad {
            return at;
        }
        at -= 1;
    }
    end
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|c| Glyph {
                c,
                face: 0,
                advance: if c.is_ascii() { 0.5 } else { 1.0 },
            })
            .collect()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        let g = glyphs(text);
        break_lines(&g, |g| g.advance, width, width)
            .into_iter()
            .map(|r| g[r].iter().map(|g| g.c).collect())
            .collect()
    }

    #[test]
    fn full_lines_are_filled_to_the_grid() {
        assert_eq!(lines("一二三四五六七八", 4.0), ["一二三四", "五六七八"]);
        assert!(lines("", 4.0).is_empty());
    }

    #[test]
    fn closing_punctuation_never_begins_a_line() {
        // "，" would start line two: the character before it moves down with it.
        assert_eq!(lines("一二三四，五六", 4.0), ["一二三", "四，五六"]);
        assert_eq!(lines("一二三。」五六", 4.0), ["一二", "三。」五", "六"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        assert_eq!(lines("一二三（四）五", 4.0), ["一二三", "（四）五"]);
    }

    #[test]
    fn numbers_are_not_cut() {
        assert_eq!(lines("电话13800001111", 6.0), ["电话", "13800001111"]);
        assert_eq!(lines("时限2026-11-12", 6.0), ["时限", "2026-11-12"]);
        // Longer than a line: cut where the line is full.
        assert_eq!(lines("1234567890", 2.0), ["1234", "5678", "90"]);
    }
}

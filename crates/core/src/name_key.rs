//! Search keys for names: pinyin initials (王国民 → wgm) and full pinyin (wangguomin).
//!
//! The `pinyin` crate gives each character its most common reading, which is wrong for many
//! surnames (曾 is zeng, not ceng), so surnames are read from their own table first.

use pinyin::ToPinyin;

/// Surnames whose reading differs from the character's most common one. Compound surnames first.
const SURNAMES: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("长孙", &["zhang", "sun"]),
    ("单于", &["chan", "yu"]),
    ("澹台", &["tan", "tai"]),
    ("曾", &["zeng"]),
    ("单", &["shan"]),
    ("解", &["xie"]),
    ("区", &["ou"]),
    ("朴", &["piao"]),
    ("仇", &["qiu"]),
    ("查", &["zha"]),
    ("盖", &["ge"]),
    ("缪", &["miao"]),
    ("覃", &["qin"]),
    ("乐", &["yue"]),
    ("翟", &["zhai"]),
    ("召", &["shao"]),
    ("冼", &["xian"]),
    ("繁", &["po"]),
    ("黑", &["he"]),
    ("种", &["chong"]),
    ("员", &["yun"]),
    ("卜", &["bu"]),
    ("秘", &["bi"]),
    ("柏", &["bai"]),
    ("过", &["guo"]),
    ("贲", &["ben"]),
    ("句", &["gou"]),
    ("隗", &["wei"]),
    ("郇", &["huan"]),
    ("折", &["she"]),
    ("尉", &["wei"]),
    ("沈", &["shen"]),
    ("任", &["ren"]),
    ("华", &["hua"]),
    ("纪", &["ji"]),
    ("薄", &["bo"]),
    ("阚", &["kan"]),
    ("那", &["na"]),
    ("都", &["du"]),
    ("能", &["nai"]),
    ("藏", &["zang"]),
    ("石", &["shi"]),
    ("重", &["chong"]),
];

/// The searchable keys of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    /// First letters, e.g. `wgm`.
    pub initials: String,
    /// Syllables run together, e.g. `wangguomin`; ü is written v.
    pub full: String,
    /// The characters separated by spaces, e.g. `王 国 民`: one full-text token each.
    pub chars: String,
}

/// Builds the search keys of a name. Characters without a reading (·, letters, digits) are
/// kept as lower-case ASCII where they are ASCII and dropped otherwise.
pub fn of(name: &str) -> NameKey {
    let name = name.trim();
    let mut syllables: Vec<String> = Vec::new();
    let mut rest = name;
    if let Some((surname, readings)) = SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        syllables.extend(readings.iter().map(|r| (*r).to_owned()));
        rest = &name[surname.len()..];
    }
    for c in rest.chars() {
        if let Some(p) = c.to_pinyin() {
            syllables.push(p.plain().replace('ü', "v"));
        } else if c.is_ascii_alphanumeric() {
            syllables.push(c.to_ascii_lowercase().to_string());
        }
    }
    NameKey {
        initials: syllables.iter().filter_map(|s| s.chars().next()).collect(),
        full: syllables.concat(),
        chars: spaced(name),
    }
}

/// The characters of `text` separated by single spaces, blanks dropped: how names are indexed
/// for fragment search, and how a fragment becomes a phrase query.
pub fn spaced(text: &str) -> String {
    let chars: Vec<String> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(String::from)
        .collect();
    chars.join(" ")
}

/// Whether `name` answers a search box's text, for short lists searched in memory: a fragment of
/// the name, or the start of its pinyin initials or full pinyin (wgm, wangguo).
pub fn matches(name: &str, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() || name.contains(&q) {
        return true;
    }
    if !is_pinyin_query(&q) {
        return false;
    }
    let key = of(name);
    key.initials.starts_with(&q) || key.full.starts_with(&q)
}

/// True when a search text is meant as pinyin: letters only.
pub fn is_pinyin_query(q: &str) -> bool {
    !q.is_empty() && q.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn names_match_fragments_and_pinyin_starts() {
        use super::matches;
        assert!(matches("王国民", "国民"));
        assert!(matches("王国民", "wgm"));
        assert!(matches("王国民", "WangGuo"));
        assert!(!matches("王国民", "gm"));
        assert!(matches("曾志强", "zzq"));
    }

    #[test]
    fn initials_and_full_pinyin() {
        let k = of("王国民");
        assert_eq!(k.initials, "wgm");
        assert_eq!(k.full, "wangguomin");
        assert_eq!(k.chars, "王 国 民");
    }

    #[test]
    fn surnames_use_their_surname_reading() {
        for (name, initials, full) in [
            ("曾志强", "zzq", "zengzhiqiang"),
            ("单丽", "sl", "shanli"),
            ("解红梅", "xhm", "xiehongmei"),
            ("区伟", "ow", "ouwei"),
            ("朴正浩", "pzh", "piaozhenghao"),
            ("仇建国", "qjg", "qiujianguo"),
            ("尉迟恭", "ycg", "yuchigong"),
            ("吕丽", "ll", "lvli"),
        ] {
            let k = of(name);
            assert_eq!(
                (k.initials.as_str(), k.full.as_str()),
                (initials, full),
                "{name}"
            );
        }
    }

    #[test]
    fn separators_in_minority_names_are_dropped() {
        assert_eq!(of("阿依古丽·买买提").initials, "ayglmmt");
    }
}

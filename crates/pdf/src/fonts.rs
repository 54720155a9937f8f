//! The faces every PDF is set in. Three OFL faces are compiled into the program, so a PDF
//! looks the same on every PC; an office may put its own 仿宋/小标宋 in front of them. Every
//! character is looked up face by face, so a rare character in a name (镕, 㛃, 𠮷) prints in
//! the first face that has it instead of as an empty box.

use printpdf::ParsedFont;
use std::path::Path;
use std::sync::OnceLock;

/// What a piece of text is, typographically. Each role has its face; the rest are fallbacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Document titles (公文 use 小标宋; bundled: a bold sans).
    Title,
    /// Body text (公文 use 仿宋; bundled: a serif).
    Body,
    /// 一、 headings (黑体).
    Heading1,
    /// （一） headings (楷体).
    Heading2,
}

impl Role {
    const ALL: [Role; 4] = [Role::Title, Role::Body, Role::Heading1, Role::Heading2];

    fn index(self) -> usize {
        self as usize
    }

    fn bundled(self) -> usize {
        match self {
            Role::Body => SERIF,
            Role::Title | Role::Heading1 => SANS_BOLD,
            Role::Heading2 => KAI,
        }
    }
}

const SERIF: usize = 0;
const SANS_BOLD: usize = 1;
const KAI: usize = 2;

/// The bundled faces, with the licences beside them in `assets/fonts/`.
const BUNDLED: [(&str, &[u8]); 3] = [
    (
        "Noto Serif SC",
        include_bytes!("../../../assets/fonts/NotoSerifSC-Regular.ttf"),
    ),
    (
        "Noto Sans SC Bold",
        include_bytes!("../../../assets/fonts/NotoSansSC-Bold.ttf"),
    ),
    (
        "LXGW WenKai",
        include_bytes!("../../../assets/fonts/LXGWWenKai-Regular.ttf"),
    ),
];

fn bundled() -> &'static [ParsedFont] {
    static FACES: OnceLock<Vec<ParsedFont>> = OnceLock::new();
    FACES.get_or_init(|| {
        BUNDLED
            .iter()
            .filter_map(|(_, bytes)| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()))
            .collect()
    })
}

/// A face the office chose from its own PC for one role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What the face is for.
    pub role: Role,
    /// The font file (.ttf, .otf, .ttc).
    pub path: std::path::PathBuf,
}

/// Why a face could not be used, in a clerk's words.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// The file could not be read (its path, and why).
    #[error("字体文件“{0}”读不出来：{1}")]
    Read(String, std::io::Error),
    /// The file is not a font this engine can use (its path).
    #[error("“{0}”不是可用的字体文件（支持 .ttf、.otf、.ttc）")]
    Parse(String),
    /// A face compiled into the program is damaged.
    #[error("内置字体损坏，请重新安装本程序")]
    Bundled,
}

/// The faces of one document: the bundled ones, then any the office chose.
pub struct Fonts {
    chosen: Vec<ParsedFont>,
    /// For each role, the face to try first (an index into bundled, then chosen).
    first: [usize; 4],
}

/// A character placed in a face: which face, and its advance in em.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub c: char,
    pub face: usize,
    pub advance: f32,
}

impl Fonts {
    /// The bundled faces alone.
    pub fn bundled() -> Result<Fonts, FontError> {
        Fonts::with(&[])
    }

    /// The bundled faces with the office's own in front for their roles. A .ttc is read at its
    /// first face.
    pub fn with(choices: &[Choice]) -> Result<Fonts, FontError> {
        if bundled().len() != BUNDLED.len() {
            return Err(FontError::Bundled);
        }
        let mut fonts = Fonts {
            chosen: Vec::new(),
            first: Role::ALL.map(Role::bundled),
        };
        for choice in choices {
            let name = choice.path.display().to_string();
            let bytes =
                std::fs::read(&choice.path).map_err(|e| FontError::Read(name.clone(), e))?;
            let face =
                ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or(FontError::Parse(name))?;
            fonts.first[choice.role.index()] = BUNDLED.len() + fonts.chosen.len();
            fonts.chosen.push(face);
        }
        Ok(fonts)
    }

    /// The `index`-th face: the bundled ones first, then the office's own.
    pub fn face(&self, index: usize) -> &ParsedFont {
        bundled()
            .get(index)
            .unwrap_or_else(|| &self.chosen[index - BUNDLED.len()])
    }

    /// How many faces there are, bundled and chosen.
    pub fn count(&self) -> usize {
        BUNDLED.len() + self.chosen.len()
    }

    /// The face for `c` in `role`: the role's own face if it has the character, else the first
    /// face that does — the role's bundled face, then serif, sans, kai. A character no face has
    /// stays in the role's face (and prints as that face's empty box).
    pub fn glyph(&self, role: Role, c: char) -> Glyph {
        let first = self.first[role.index()];
        let order = [first, role.bundled(), SERIF, SANS_BOLD, KAI];
        let face = order
            .into_iter()
            .find(|&i| c.is_whitespace() || self.face(i).lookup_glyph_index(c as u32).is_some())
            .unwrap_or(first);
        let font = self.face(face);
        let advance = font
            .lookup_glyph_index(c as u32)
            .map(|g| {
                font.get_horizontal_advance(g) as f32 / f32::from(font.font_metrics.units_per_em)
            })
            .unwrap_or(1.0);
        Glyph { c, face, advance }
    }

    /// Whether some face has a real glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        (0..self.count()).any(|i| self.face(i).lookup_glyph_index(c as u32).is_some())
    }
}

/// Fonts an office PC may have that secretaries prefer: 仿宋, 小标宋, 宋体, 黑体, 楷体, with the
/// role each suits. Looked for in the usual font folders of Windows and Linux.
pub fn installed() -> Vec<(Role, &'static str, std::path::PathBuf)> {
    const KNOWN: [(Role, &str, &str); 8] = [
        (Role::Body, "仿宋_GB2312", "FangSong_GB2312.ttf"),
        (Role::Body, "仿宋", "simfang.ttf"),
        (Role::Body, "宋体", "simsun.ttc"),
        (Role::Title, "方正小标宋简体", "FZXBSJW.TTF"),
        (Role::Title, "方正小标宋简体", "方正小标宋简体.ttf"),
        (Role::Heading1, "黑体", "simhei.ttf"),
        (Role::Heading2, "楷体_GB2312", "KaiTi_GB2312.ttf"),
        (Role::Heading2, "楷体", "simkai.ttf"),
    ];
    let folders = [
        Path::new("C:\\Windows\\Fonts"),
        Path::new("/usr/share/fonts"),
        Path::new("/usr/share/fonts/truetype"),
        Path::new("/usr/share/fonts/TTF"),
    ];
    let mut found = Vec::new();
    for (role, name, file) in KNOWN {
        for folder in folders {
            let path = folder.join(file);
            if path.is_file() {
                found.push((role, name, path));
                break;
            }
        }
    }
    found
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_name_characters_find_a_face_with_a_real_glyph() -> Result<(), FontError> {
        let fonts = Fonts::bundled()?;
        for c in ['镕', '喆', '堃', '㛃', '𠮷'] {
            let glyph = fonts.glyph(Role::Body, c);
            let gid = fonts.face(glyph.face).lookup_glyph_index(c as u32);
            assert!(matches!(gid, Some(g) if g != 0), "{c} has no glyph");
        }
        // 𠮷 (Extension B) is not in the serif face: it falls back to the kai face.
        assert_eq!(fonts.glyph(Role::Body, '𠮷').face, KAI);
        assert_eq!(fonts.glyph(Role::Body, '国').face, SERIF);
        assert_eq!(fonts.glyph(Role::Heading2, '国').face, KAI);
        Ok(())
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused_in_chinese() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("仿宋.ttf");
        std::fs::write(&path, b"not a font")?;
        let choice = Choice {
            role: Role::Body,
            path,
        };
        let error = Fonts::with(&[choice]).err().map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("不是可用的字体文件")));
        Ok(())
    }
}

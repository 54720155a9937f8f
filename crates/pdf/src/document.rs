//! What a caller hands the engine: a page setup and a list of blocks. Lengths are millimetres,
//! font sizes points.

use crate::picture::Picture;

/// One point in millimetres.
pub const PT: f32 = 25.4 / 72.0;

/// Where text goes on the page and how page numbers look.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSetup {
    /// The paper's width.
    pub width: f32,
    /// The paper's height.
    pub height: f32,
    /// From the paper's top edge to the text block.
    pub top: f32,
    /// From the paper's left edge to the text block.
    pub left: f32,
    /// The text block's width: lines are broken to fit it.
    pub block_width: f32,
    /// The text block's height: pages are broken to fit it.
    pub block_height: f32,
    /// Body size in points.
    pub body: f32,
    /// Distance between character origins on a line, and between baselines.
    pub char_pitch: f32,
    /// Distance between baselines.
    pub line_pitch: f32,
    /// How pages are numbered.
    pub numbering: Numbering,
}

/// How a page says its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// "— 1 —", 14 pt, 7 mm below the text block, odd pages right and even pages left (GB/T 9704).
    Official,
    /// "第 1 页 共 3 页", centred below the block.
    OfPages,
}

impl PageSetup {
    /// GB/T 9704-2012: A4, top 37 mm, left 28 mm, a 156 × 225 mm block of 22 lines × 28
    /// characters at 16 pt.
    pub fn official() -> PageSetup {
        PageSetup {
            width: 210.0,
            height: 297.0,
            top: 37.0,
            left: 28.0,
            block_width: 156.0,
            block_height: 225.0,
            body: 16.0,
            char_pitch: 156.0 / 28.0,
            line_pitch: 225.0 / 22.0,
            numbering: Numbering::Official,
        }
    }

    /// A4 portrait for forms and cards: 20 mm margins, body at `body` points.
    pub fn portrait(body: f32) -> PageSetup {
        PageSetup::plain(210.0, 297.0, body)
    }

    /// A4 landscape for wide tables such as the roster.
    pub fn landscape(body: f32) -> PageSetup {
        PageSetup::plain(297.0, 210.0, body)
    }

    fn plain(width: f32, height: f32, body: f32) -> PageSetup {
        let (top, left, bottom) = (18.0, 15.0, 20.0);
        PageSetup {
            width,
            height,
            top,
            left,
            block_width: width - 2.0 * left,
            block_height: height - top - bottom,
            body,
            char_pitch: body * PT,
            line_pitch: body * PT * 1.6,
            numbering: Numbering::OfPages,
        }
    }
}

/// One piece of a document, laid out top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Centred title (22 pt in the official layout), followed by one empty line.
    Title(String),
    /// Centred body-size line (a subtitle, the office's name).
    Centered(String),
    /// "一、…" in 黑体, indented two characters.
    Heading1(String),
    /// "（一）…" in 楷体, indented two characters.
    Heading2(String),
    /// Justified paragraph, first line indented two characters.
    Paragraph(String),
    /// Justified lines without indent ("时间：…", "参会人员：…").
    Text(String),
    /// Right-aligned line, two characters from the edge (a date, a signature of the office).
    Right(String),
    /// One empty line.
    Blank,
    /// A bordered table (see [`Table`]).
    Table(Table),
    /// Labels each followed by a line to sign on, side by side ("主持人（签字）：").
    Signatures(Vec<String>),
    /// A photo, centred, with its caption below.
    Picture(Picture),
}

/// A bordered table that continues across pages with its header row repeated.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Its columns, whose titles make the header row.
    pub columns: Vec<Column>,
    /// Its cells, row by row, one text per column.
    pub rows: Vec<Vec<String>>,
    /// Font size in points.
    pub size: f32,
    /// Minimum row height in millimetres (a sign-in sheet leaves room to sign).
    pub min_row: f32,
}

/// One column of a [`Table`].
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Its header.
    pub title: String,
    /// Relative width; the columns share the text block's width in these proportions.
    pub width: f32,
    /// How its cells sit.
    pub align: Align,
}

/// How a table's cells sit in their column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Against the left border: names, text.
    Left,
    /// Centred: numbers, dates, ticks.
    Center,
}

impl Column {
    /// A column titled `title`, `width` parts wide, its cells aligned by `align`.
    pub fn new(title: &str, width: f32, align: Align) -> Column {
        Column {
            title: title.to_string(),
            width,
            align,
        }
    }
}

/// A whole PDF: metadata and content.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The PDF's title (its metadata; the page's title is a [`Block::Title`]).
    pub title: String,
    /// Who made it: the office, in the metadata.
    pub author: String,
    /// The paper and the text block.
    pub setup: PageSetup,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
}

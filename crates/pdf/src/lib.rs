//! Every PDF the office prints, made here so it looks the same on every PC: bundled fonts with
//! glyph-by-glyph fallback, CJK line breaking with 禁则, the GB/T 9704 official layout, and
//! bordered tables that continue across pages.

#![warn(missing_docs)]

mod document;
mod fonts;
mod layout;
mod picture;
mod render;
mod text;

pub use document::{Align, Block, Column, Document, Numbering, PageSetup, Table, PT};
pub use fonts::{installed, Choice, FontError, Fonts, Role};
pub use layout::{layout, Item, Page};
pub use picture::Picture;

/// A finished PDF.
pub struct Pdf {
    /// The file, ready to save or show.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
}

/// Lays out and renders `document` in `fonts`.
pub fn make(document: &Document, fonts: &Fonts) -> Pdf {
    let pages = layout(document, fonts);
    Pdf {
        bytes: render::render(document, fonts, &pages),
        pages: pages.len(),
    }
}

//! Flowing blocks onto pages: lines on the page's grid, tables row by row with the header
//! repeated, then page numbers once the page count is known.

use crate::document::{Align, Block, Document, Numbering, PageSetup, Table, PT};
use crate::fonts::{Fonts, Glyph, Role};
use crate::picture::Picture;
use crate::text::break_lines;

/// Something drawn on a page; positions in millimetres from the page's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of text in one face; `spacing` is added after every character (points).
    Text {
        /// Which face of the [`crate::Fonts`].
        face: usize,
        /// Font size in points.
        size: f32,
        /// Added after every character, in points.
        spacing: f32,
        /// Where the run starts.
        x: f32,
        /// The line the characters sit on.
        baseline: f32,
        /// The characters.
        text: String,
    },
    /// A straight line (a table's border, a line to sign on).
    Rule {
        /// One end.
        from: (f32, f32),
        /// The other end.
        to: (f32, f32),
    },
    /// The document's `index`-th picture, its top-left corner at (x, top).
    Picture {
        /// Which of the document's pictures, in order.
        index: usize,
        /// Its left edge.
        x: f32,
        /// Its top edge.
        top: f32,
        /// Its width on the page.
        width: f32,
        /// Its height on the page.
        height: f32,
    },
}

/// What one page shows, in drawing order.
pub type Page = Vec<Item>;

/// Lays the document out; every page holds its page number.
pub fn layout(document: &Document, fonts: &Fonts) -> Vec<Page> {
    let mut layout = Layout {
        fonts,
        setup: &document.setup,
        pages: Vec::new(),
        current: Vec::new(),
        y: 0.0,
        pictures: 0,
    };
    for block in &document.blocks {
        layout.block(block);
    }
    let mut pages = layout.pages;
    pages.push(layout.current);
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.extend(page_number(&document.setup, fonts, i + 1, total));
    }
    pages
}

struct Layout<'a> {
    fonts: &'a Fonts,
    setup: &'a PageSetup,
    /// Finished pages, and the one being filled.
    pages: Vec<Page>,
    current: Page,
    /// Distance from the top of the text block to where the next line goes.
    y: f32,
    /// Pictures placed so far.
    pictures: usize,
}

/// Where the baseline of a line of `size` points sits in a line box `pitch` high at `top`:
/// the em box centred in the line box.
fn baseline(top: f32, pitch: f32, size: f32) -> f32 {
    top + pitch / 2.0 + 0.38 * size * PT
}

impl Layout<'_> {
    fn block(&mut self, block: &Block) {
        let body = self.setup.body;
        let indent = 2.0 * self.setup.char_pitch;
        match block {
            Block::Title(text) => {
                let size = if self.setup.numbering == Numbering::Official {
                    22.0
                } else {
                    body + 6.0
                };
                for part in text.lines() {
                    self.lines(Role::Title, size, part, Flow::Centered);
                }
                self.y += self.setup.line_pitch;
            }
            Block::Centered(text) => self.lines(Role::Body, body, text, Flow::Centered),
            Block::Heading1(text) => self.heading(Role::Heading1, text, indent),
            Block::Heading2(text) => self.heading(Role::Heading2, text, indent),
            Block::Paragraph(text) => {
                for part in text.lines() {
                    self.lines(Role::Body, body, part, Flow::Justified { indent });
                }
            }
            Block::Text(text) => {
                for part in text.lines() {
                    self.lines(Role::Body, body, part, Flow::Justified { indent: 0.0 });
                }
            }
            Block::Right(text) => {
                self.lines(Role::Body, body, text, Flow::Right { margin: indent })
            }
            Block::Blank => self.y += self.setup.line_pitch,
            Block::Table(table) => self.table(table),
            Block::Signatures(labels) => self.signatures(labels),
            Block::Picture(picture) => self.picture(picture),
        }
    }

    /// A picture centred at most 80% of the block's width and 100 mm high, its caption below,
    /// both on one page.
    fn picture(&mut self, picture: &Picture) {
        let (w, h) = (picture.width.max(1) as f32, picture.height.max(1) as f32);
        let scale = (self.setup.block_width * 0.8 / w).min(100.0 / h);
        let (width, height) = (w * scale, h * scale);
        self.ensure(height + 2.0 * self.setup.line_pitch);
        let item = Item::Picture {
            index: self.pictures,
            x: self.setup.left + (self.setup.block_width - width) / 2.0,
            top: self.setup.top + self.y + 2.0,
            width,
            height,
        };
        self.page().push(item);
        self.pictures += 1;
        self.y += height + 2.0;
        self.lines(
            Role::Body,
            self.setup.body,
            &picture.caption,
            Flow::Centered,
        );
        let pitch = self.setup.line_pitch;
        self.y = (self.y / pitch).ceil() * pitch;
    }

    fn page(&mut self) -> &mut Page {
        &mut self.current
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.current));
        self.y = 0.0;
    }

    /// Starts a new page unless `height` more fits on this one (or this one is empty).
    fn ensure(&mut self, height: f32) {
        if self.y > 0.0 && self.y + height > self.setup.block_height + 0.01 {
            self.new_page();
        }
    }

    fn shape(&self, role: Role, text: &str) -> Vec<Glyph> {
        text.chars().map(|c| self.fonts.glyph(role, c)).collect()
    }

    /// Extra spacing (points) that puts body-size text on the page's character grid.
    fn grid(&self, size: f32) -> f32 {
        if size == self.setup.body {
            self.setup.char_pitch / PT - size
        } else {
            0.0
        }
    }

    fn heading(&mut self, role: Role, text: &str, indent: f32) {
        // Keep a heading with the first line after it.
        self.ensure(2.0 * self.setup.line_pitch);
        self.lines(role, self.setup.body, text, Flow::Justified { indent });
    }

    fn lines(&mut self, role: Role, size: f32, text: &str, flow: Flow) {
        let glyphs = self.shape(role, text);
        let spacing = self.grid(size);
        let width = |g: &Glyph| (g.advance * size + spacing) * PT;
        let full = self.setup.block_width;
        let indent = match flow {
            Flow::Justified { indent } => indent,
            _ => 0.0,
        };
        let lines = break_lines(&glyphs, width, full - indent, full);
        let count = lines.len();
        for (i, range) in lines.into_iter().enumerate() {
            let line = &glyphs[range];
            let used: f32 = line.iter().map(width).sum::<f32>() - spacing * PT;
            let first = if i == 0 { indent } else { 0.0 };
            let (x, extra) = match flow {
                Flow::Centered => ((full - used) / 2.0, 0.0),
                Flow::Right { margin } => (full - margin - used, 0.0),
                Flow::Justified { .. } => {
                    let room = full - first - used;
                    let gaps = line.len().saturating_sub(1) as f32;
                    let justify = i + 1 < count && gaps > 0.0 && room < self.setup.char_pitch * 2.0;
                    (first, if justify { room / gaps / PT } else { 0.0 })
                }
            };
            self.ensure(self.setup.line_pitch);
            let base = baseline(self.y, self.setup.line_pitch, size) + self.setup.top;
            let x = self.setup.left + x;
            let items = runs(line, size, spacing + extra, x, base);
            self.page().extend(items);
            self.y += self.setup.line_pitch;
        }
    }

    fn signatures(&mut self, labels: &[String]) {
        let size = self.setup.body;
        let spacing = self.grid(size);
        let column = self.setup.block_width / labels.len().max(1) as f32;
        self.ensure(self.setup.line_pitch);
        let base = baseline(self.y, self.setup.line_pitch, size) + self.setup.top;
        for (i, label) in labels.iter().enumerate() {
            let glyphs = self.shape(Role::Body, label);
            let x = self.setup.left + column * i as f32;
            let end = x + glyphs
                .iter()
                .map(|g| (g.advance * size + spacing) * PT)
                .sum::<f32>();
            let items = runs(&glyphs, size, spacing, x, base);
            self.page().extend(items);
            let line_y = base + 1.2;
            self.page().push(Item::Rule {
                from: (end, line_y),
                to: (x + column - 4.0, line_y),
            });
        }
        self.y += self.setup.line_pitch;
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.width / total * self.setup.block_width)
            .collect();
        let header: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        let header = self.row(table, &widths, &header, Role::Heading1);
        // The page the header was last placed on, and where on it.
        let mut header_on = None;
        let mut top = 0.0;
        for cells in &table.rows {
            let row = self.row(table, &widths, cells, Role::Body);
            let with_header = header_on != Some(self.pages.len());
            let needed = row.height + if with_header { header.height } else { 0.0 };
            if self.y > 0.0 && self.y + needed > self.setup.block_height + 0.01 {
                if !with_header {
                    self.columns(&widths, top);
                }
                self.new_page();
            }
            if header_on != Some(self.pages.len()) {
                top = self.y;
                self.place(&header, &widths, table, true);
                header_on = Some(self.pages.len());
            }
            self.place(&row, &widths, table, false);
        }
        if header_on.is_none() {
            self.ensure(header.height);
            top = self.y;
            self.place(&header, &widths, table, true);
        }
        self.columns(&widths, top);
        // Back onto the line grid.
        let pitch = self.setup.line_pitch;
        self.y = (self.y / pitch).ceil() * pitch;
    }

    fn row(&self, table: &Table, widths: &[f32], cells: &[String], role: Role) -> Row {
        let size = table.size;
        let width = |g: &Glyph| g.advance * size * PT;
        let lines: Vec<Vec<Vec<Glyph>>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let room = w - 2.0 * CELL_PAD_X;
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                text.lines()
                    .flat_map(|part| {
                        let glyphs = self.shape(role, part);
                        break_lines(&glyphs, width, room, room)
                            .into_iter()
                            .map(|r| glyphs[r].to_vec())
                            .collect::<Vec<_>>()
                    })
                    .collect()
            })
            .collect();
        let most = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let height = (most as f32 * size * PT * CELL_LEADING + 2.0 * CELL_PAD_Y).max(table.min_row);
        Row { lines, height }
    }

    fn place(&mut self, row: &Row, widths: &[f32], table: &Table, header: bool) {
        let (left, top) = (self.setup.left, self.setup.top + self.y);
        let bottom = top + row.height;
        let right = left + widths.iter().sum::<f32>();
        let size = table.size;
        let pitch = size * PT * CELL_LEADING;
        let mut items = Vec::new();
        if header {
            items.push(Item::Rule {
                from: (left, top),
                to: (right, top),
            });
        }
        items.push(Item::Rule {
            from: (left, bottom),
            to: (right, bottom),
        });
        let mut x = left;
        for (i, width) in widths.iter().enumerate() {
            let lines = &row.lines[i];
            let start = top + (row.height - lines.len() as f32 * pitch) / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let used: f32 = line.iter().map(|g| g.advance * size * PT).sum();
                let centred = header || table.columns[i].align == Align::Center;
                let at = if centred {
                    x + (width - used) / 2.0
                } else {
                    x + CELL_PAD_X
                };
                items.extend(runs(
                    line,
                    size,
                    0.0,
                    at,
                    baseline(start + k as f32 * pitch, pitch, size),
                ));
            }
            x += width;
        }
        self.page().extend(items);
        self.y += row.height;
    }

    /// The column lines of the table's part on this page, from `top` down to where it ends.
    fn columns(&mut self, widths: &[f32], top: f32) {
        let (top, bottom) = (self.setup.top + top, self.setup.top + self.y);
        let mut x = self.setup.left;
        let mut rules = vec![x];
        for w in widths {
            x += w;
            rules.push(x);
        }
        for x in rules {
            self.page().push(Item::Rule {
                from: (x, top),
                to: (x, bottom),
            });
        }
    }
}

const CELL_PAD_X: f32 = 1.2;
const CELL_PAD_Y: f32 = 1.0;
const CELL_LEADING: f32 = 1.35;

struct Row {
    /// Per column, the lines of its cell.
    lines: Vec<Vec<Vec<Glyph>>>,
    height: f32,
}

#[derive(Clone, Copy)]
enum Flow {
    Justified { indent: f32 },
    Centered,
    Right { margin: f32 },
}

/// Text items for one line: one per stretch of characters in the same face.
fn runs(line: &[Glyph], size: f32, spacing: f32, x: f32, baseline: f32) -> Vec<Item> {
    let mut items = Vec::new();
    let mut x = x;
    let mut start = 0;
    while start < line.len() {
        let face = line[start].face;
        let end = line[start..]
            .iter()
            .position(|g| g.face != face)
            .map_or(line.len(), |n| start + n);
        let run = &line[start..end];
        items.push(Item::Text {
            face,
            size,
            spacing,
            x,
            baseline,
            text: run.iter().map(|g| g.c).collect(),
        });
        x += run
            .iter()
            .map(|g| (g.advance * size + spacing) * PT)
            .sum::<f32>();
        start = end;
    }
    items
}

fn page_number(setup: &PageSetup, fonts: &Fonts, page: usize, total: usize) -> Vec<Item> {
    let block_bottom = setup.top + setup.block_height;
    let (text, size) = match setup.numbering {
        Numbering::Official => (format!("— {page} —"), 14.0),
        Numbering::OfPages => (format!("第 {page} 页 共 {total} 页"), 10.0),
    };
    let glyphs: Vec<Glyph> = text.chars().map(|c| fonts.glyph(Role::Body, c)).collect();
    let width: f32 = glyphs.iter().map(|g| g.advance * size * PT).sum();
    let em = size * PT;
    let (x, base) = match setup.numbering {
        // The number's centre line 7 mm below the block; one character in from the edge.
        Numbering::Official if page % 2 == 1 => (
            setup.left + setup.block_width - em - width,
            block_bottom + 7.0 + 0.35 * em,
        ),
        Numbering::Official => (setup.left + em, block_bottom + 7.0 + 0.35 * em),
        Numbering::OfPages => (
            setup.left + (setup.block_width - width) / 2.0,
            block_bottom + 8.0,
        ),
    };
    runs(&glyphs, size, 0.0, x, base)
}

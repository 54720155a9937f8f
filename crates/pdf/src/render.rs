//! Laid-out pages to PDF bytes through printpdf; only faces in use are embedded, each subset to
//! the glyphs it draws.

use crate::document::Document;
use crate::fonts::Fonts;
use crate::layout::{Item, Page};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem,
};

pub fn render(document: &Document, fonts: &Fonts, pages: &[Page]) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&document.title);
    pdf.metadata.info.author = document.author.clone();
    pdf.metadata.info.creator = "台账 Taizhang".into();
    pdf.metadata.info.subject = document.title.clone();

    let mut ids: Vec<Option<FontId>> = vec![None; fonts.count()];
    let height = document.setup.height;
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = vec![
            Op::SetOutlineColor {
                col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
            },
            Op::SetOutlineThickness { pt: Pt(0.6) },
        ];
        // All of a page's text in one text object: font and spacing set only when they change,
        // each run placed relative to the one before (Td is relative to the last line start).
        ops.push(Op::StartTextSection);
        let mut font: Option<(usize, f32)> = None;
        let mut tc: Option<f32> = None;
        let mut origin = (0.0f32, 0.0f32);
        for item in page {
            let Item::Text {
                face,
                size,
                spacing,
                x,
                baseline,
                text,
            } = item
            else {
                continue;
            };
            if font != Some((*face, *size)) {
                let id = ids[*face]
                    .get_or_insert_with(|| pdf.add_font(fonts.face(*face)))
                    .clone();
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id),
                    size: Pt(*size),
                });
                font = Some((*face, *size));
            }
            if tc != Some(*spacing) {
                ops.push(Op::SetCharacterSpacing {
                    multiplier: *spacing,
                });
                tc = Some(*spacing);
            }
            let at = (*x, height - baseline);
            ops.push(Op::SetTextCursor {
                pos: Point::new(Mm(at.0 - origin.0), Mm(at.1 - origin.1)),
            });
            origin = at;
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
        ops.push(Op::EndTextSection);
        for item in page {
            if let Item::Rule { from, to } = item {
                ops.push(Op::DrawLine {
                    line: Line {
                        points: [from, to]
                            .map(|(x, y)| LinePoint {
                                p: Point::new(Mm(*x), Mm(height - y)),
                                bezier: false,
                            })
                            .to_vec(),
                        is_closed: false,
                    },
                });
            }
        }
        out.push(PdfPage::new(Mm(document.setup.width), Mm(height), ops));
    }
    pdf.with_pages(out)
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

//! Laid-out pages to PDF bytes through printpdf; only faces in use are embedded, each subset to
//! the glyphs it draws.

use crate::document::{Block, Document};
use crate::fonts::Fonts;
use crate::layout::{Item, Page};
use printpdf::{
    Color, FontId, ImageCompression, ImageOptimizationOptions, Line, LinePoint, Mm, Op,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData,
    RawImageFormat, Rgb, TextItem, XObjectTransform,
};

pub fn render(document: &Document, fonts: &Fonts, pages: &[Page]) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&document.title);
    pdf.metadata.info.author = document.author.clone();
    pdf.metadata.info.creator = "台账 Taizhang".into();
    pdf.metadata.info.subject = document.title.clone();

    let mut ids: Vec<Option<FontId>> = vec![None; fonts.count()];
    let pictures: Vec<_> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Picture(p) => Some(p),
            _ => None,
        })
        .collect();
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
        for item in page {
            if let Item::Picture {
                index,
                x,
                top,
                width,
                height: h,
            } = item
            {
                let picture = pictures[*index];
                let id = pdf.add_image(&RawImage {
                    pixels: RawImageData::U8(picture.rgb.clone()),
                    width: picture.width as usize,
                    height: picture.height as usize,
                    data_format: RawImageFormat::RGB8,
                    tag: Vec::new(),
                });
                // At 72 dpi one pixel is one point; the scale brings it to the laid-out size.
                ops.push(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        translate_x: Some(Mm(*x).into_pt()),
                        translate_y: Some(Mm(height - top - h).into_pt()),
                        scale_x: Some(Mm(*width).into_pt().0 / picture.width as f32),
                        scale_y: Some(Mm(*h).into_pt().0 / picture.height as f32),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
            }
        }
        out.push(PdfPage::new(Mm(document.setup.width), Mm(height), ops));
    }
    // Photos go in as JPEG: a page of them stays a few hundred kilobytes.
    let options = PdfSaveOptions {
        image_optimization: Some(ImageOptimizationOptions {
            quality: Some(0.8),
            max_image_size: None,
            dither_greyscale: None,
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(ImageCompression::Jpeg),
        }),
        ..Default::default()
    };
    pdf.with_pages(out).save(&options, &mut Vec::new())
}

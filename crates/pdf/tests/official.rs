//! PDFs read back with poppler (pdftotext, pdfinfo, pdffonts): text, metadata, embedded
//! subset fonts, and the geometry of the GB/T 9704 text block.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use taizhang_pdf::{make, Align, Block, Column, Document, Fonts, PageSetup, Table, PT};

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for these tests (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(document: &Document, dir: &Path, name: &str) -> (String, usize) {
    let pdf = make(document, &Fonts::bundled().unwrap());
    let path = dir.join(name);
    std::fs::write(&path, &pdf.bytes).unwrap();
    if let Ok(keep) = std::env::var("TAIZHANG_PDF_DIR") {
        std::fs::write(Path::new(&keep).join(name), &pdf.bytes).unwrap();
    }
    (path.to_str().unwrap().to_string(), pdf.pages)
}

const SENTENCE: &str =
    "会议传达学习了上级关于加强基层党组织建设的文件精神要求全体党员立足岗位发挥先锋模范作用";

fn minutes() -> Document {
    let long: String = SENTENCE.repeat(12);
    Document {
        title: "第一党支部支委会会议记录".into(),
        author: "东关街道东关社区".into(),
        setup: PageSetup::official(),
        blocks: vec![
            Block::Title("东关社区第一党支部\n支委会会议记录".into()),
            Block::Text("时间：2026年11月20日 15:00".into()),
            Block::Text("参会人员：王国民、李镕、张喆、赵堃、孙㛃、吉𠮷".into()),
            Block::Heading1("一、学习传达上级会议精神".into()),
            Block::Paragraph(long),
            Block::Heading2("（一）讨论发展党员工作".into()),
            Block::Paragraph("支部委员一致同意（经表决）将张喆同志列为发展对象，报街道党工委预审。电话13800001111。".into()),
            Block::Blank,
            Block::Signatures(vec!["主持人（签字）：".into(), "记录人（签字）：".into()]),
        ],
    }
}

#[test]
fn minutes_carry_their_text_metadata_and_only_subset_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let (path, pages) = write(&minutes(), dir.path(), "minutes.pdf");
    let info = poppler("pdfinfo", &[&path]);
    assert!(info.contains("第一党支部支委会会议记录"), "{info}");
    assert!(info.contains("东关街道东关社区"), "{info}");
    assert!(
        info.contains(&format!("Pages:           {pages}")),
        "{info}"
    );
    assert!(
        info.contains("210 x 297 pts") || info.contains("595.276 x 841.89 pts"),
        "{info}"
    );
    assert!(pages >= 2);

    let text = poppler("pdftotext", &["-raw", &path, "-"]);
    for want in [
        "支委会会议记录",
        "王国民、李镕、张喆、赵堃、孙㛃、吉𠮷",
        "一、学习传达上级会议精神",
        "主持人（签字）：",
        "— 1 —",
        "— 2 —",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    // Every face is embedded, subset (ABCDEF+Name), and only the faces used are there.
    let fonts = poppler("pdffonts", &[&path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            row.split('+').next().unwrap().len() == 6,
            "not subset: {row}"
        );
        assert!(
            cols.iter().rev().take(5).any(|c| *c == "yes"),
            "not embedded: {row}"
        );
    }
    // Serif body, sans title/heading, kai for （一） and for 𠮷, which the serif face lacks.
    assert_eq!(rows.len(), 3, "{fonts}");
    assert!(fonts.contains("WenKai"), "{fonts}");
    // A 28-character grid: a full body line holds exactly 28 characters.
    let full = text
        .lines()
        .filter(|l| l.chars().count() == 28 && l.chars().all(|c| SENTENCE.contains(c)))
        .count();
    assert!(full >= 10, "no 28-character lines:\n{text}");
}

/// Word boxes from `pdftotext -bbox`, in millimetres: (page, x_min, y_min, x_max, y_max, word).
fn boxes(path: &str) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let html = poppler("pdftotext", &["-bbox", path, "-"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        if line.trim_start().starts_with("<page") {
            page += 1;
        }
        let Some(rest) = line.trim_start().strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f32 {
            let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let end = start + rest[start..].find('"').unwrap();
            rest[start..end].parse::<f32>().unwrap() * PT
        };
        let word = rest[rest.find('>').unwrap() + 1..rest.find("</word>").unwrap()].to_string();
        out.push((
            page,
            attr("xMin"),
            attr("yMin"),
            attr("xMax"),
            attr("yMax"),
            word,
        ));
    }
    out
}

#[test]
fn minutes_body_lies_in_the_official_text_block_within_a_millimetre() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write(&minutes(), dir.path(), "geometry.pdf");
    let words = boxes(&path);
    let (left, top, right, bottom) = (28.0, 37.0, 28.0 + 156.0, 37.0 + 225.0);
    let mut body = 0;
    let mut lines_on_page_one = std::collections::BTreeSet::new();
    let mut numbers = std::collections::BTreeMap::new();
    for (page, x0, y0, x1, y1, word) in &words {
        if *y0 > bottom {
            // The page number ("—", "2", "—"): 7 mm below the block.
            assert!(
                *y0 > bottom + 3.0 && *y1 < bottom + 12.0,
                "page number at {y0}..{y1}"
            );
            let span = numbers
                .entry(*page)
                .or_insert((f32::MAX, 0.0f32, String::new()));
            *span = (span.0.min(*x0), span.1.max(*x1), span.2.clone() + word);
            continue;
        }
        body += 1;
        assert!(
            *x0 >= left - 1.0 && *x1 <= right + 1.0,
            "{word} outside the block horizontally: {x0}..{x1}"
        );
        assert!(
            *y0 >= top - 1.0 && *y1 <= bottom + 1.0,
            "{word} outside the block vertically: {y0}..{y1}"
        );
        if *page == 1 {
            lines_on_page_one.insert((*y0 * 10.0) as i32);
        }
    }
    assert!(body > 20);
    // Odd pages right, even pages left, one character in from the block's edge.
    assert_eq!(numbers.len(), 2);
    for (page, (x0, x1, text)) in numbers {
        assert_eq!(text, format!("—{page}—"));
        if page % 2 == 1 {
            assert!(
                x1 > right - 8.0 && x1 <= right,
                "odd page number at {x0}..{x1}"
            );
        } else {
            assert!(
                x0 >= left && x0 < left + 8.0,
                "even page number at {x0}..{x1}"
            );
        }
    }
    // A full first page holds 22 grid lines: the two-line title, an empty line, 19 lines of text
    // 225 / 22 mm apart.
    let ys: Vec<i32> = lines_on_page_one.into_iter().collect();
    assert_eq!(ys.len(), 21, "{ys:?}");
    let span = (ys[20] - ys[2]) as f32 / 10.0;
    assert!(
        (span - 18.0 * 225.0 / 22.0).abs() < 0.3,
        "lines off the grid: {ys:?}"
    );
    // A full line starts at the left edge and ends at the right edge of the block.
    let full: Vec<_> = words.iter().filter(|w| w.5.chars().count() == 28).collect();
    assert!(!full.is_empty());
    for w in full {
        assert!(
            (w.1 - left).abs() < 1.0 && (w.3 - right).abs() < 1.0,
            "line {:?} not flush",
            w
        );
    }
}

#[test]
fn a_table_continues_across_pages_with_its_header_repeated() {
    let columns = vec![
        Column::new("序号", 0.6, Align::Center),
        Column::new("姓名", 1.0, Align::Center),
        Column::new("所在支部", 2.0, Align::Left),
        Column::new("备注", 2.5, Align::Left),
    ];
    let rows = (1..=120)
        .map(|i| {
            vec![
                i.to_string(),
                format!("王{}", ["国民", "镕", "喆", "堃"][i % 4]),
                "东关社区第一党支部".into(),
                if i % 10 == 0 {
                    "流动党员，外出务工地：浙江省宁波市北仑区，已联系".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let document = Document {
        title: "党员花名册".into(),
        author: "东关社区".into(),
        setup: PageSetup::landscape(11.0),
        blocks: vec![
            Block::Title("党员花名册".into()),
            Block::Table(Table {
                columns,
                rows,
                size: 10.5,
                min_row: 0.0,
            }),
        ],
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, pages) = write(&document, dir.path(), "table.pdf");
    assert!(pages >= 3, "{pages} pages");
    let info = poppler("pdfinfo", &[&path]);
    assert!(
        info.contains("841.89 x 595.276 pts"),
        "not landscape: {info}"
    );
    let text = poppler("pdftotext", &["-layout", &path, "-"]);
    let per_page: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(per_page.len(), pages);
    for (i, page) in per_page.iter().enumerate() {
        assert!(
            page.contains("所在支部"),
            "page {} has no header row",
            i + 1
        );
        let squeezed: String = page.split_whitespace().collect();
        assert!(
            squeezed.contains(&format!("第{}页共{pages}页", i + 1)),
            "page {} number",
            i + 1
        );
    }
    // Every row printed once, in order.
    let numbers: Vec<usize> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(numbers, (1..=120).collect::<Vec<_>>());
}

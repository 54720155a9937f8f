//! Real-shaped spreadsheets, row by row. Files written by other tools (openpyxl, xlwt, odfpy,
//! msoffcrypto) are committed under tests/fixtures (see generate.py there); the rest are written
//! here, by rust_xlsxwriter and by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use std::{collections::BTreeMap, path::PathBuf};

use taizhang_core::{party_member::IMPORT_FIELDS, progress::Quiet};
use taizhang_excel::{
    check::{dry_run, AsWritten, ImportReport, Level, Options, Record},
    Format, ReadError,
};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn run(bytes: Vec<u8>) -> (ImportReport, Vec<Record>) {
    let book = taizhang_excel::read(bytes).unwrap();
    let keep = Options {
        keep_records: true,
        ..Options::default()
    };
    dry_run(&book, IMPORT_FIELDS, &AsWritten, &keep, &Quiet)
}

fn run_file(name: &str) -> (ImportReport, Vec<Record>) {
    run(std::fs::read(fixture(name)).unwrap())
}

/// (sheet, Excel row) → verdict: "ok", "warning" or "error".
fn verdicts(records: &[Record]) -> BTreeMap<(String, u32), &'static str> {
    records
        .iter()
        .map(|r| {
            let v = match r.level {
                None => "ok",
                Some(Level::Warning) => "warning",
                Some(Level::Error) => "error",
            };
            ((r.sheet.to_string(), r.row), v)
        })
        .collect()
}

fn issue<'a>(
    report: &'a ImportReport,
    sheet: &str,
    row: u32,
) -> Vec<&'a taizhang_excel::check::Issue> {
    report
        .issues
        .iter()
        .filter(|i| i.sheet == sheet && i.row == row)
        .collect()
}

const DONG: &str = "东关社区第一党支部";
const XI: &str = "西关社区第一党支部";

#[test]
fn merged_two_row_header_title_rows_blank_rows_footer_and_a_hidden_sheet() {
    let (report, records) = run_file("roster_merged.xlsx");
    assert_eq!(report.format, Format::Xlsx);
    let s = &report.sheets[0];
    assert_eq!(
        s.header_rows,
        [3, 4],
        "title and 填报单位 rows skipped, both header rows found"
    );
    assert_eq!(
        s.data_rows, 6,
        "the blank row 7 and the footer rows 12–13 are not data"
    );
    let mapped: Vec<(&str, &str)> = s
        .mapped
        .iter()
        .map(|m| (m.column.as_str(), m.field.as_str()))
        .collect();
    assert!(
        mapped.contains(&("F", "joined_on")),
        "入党时间 under the merged 党籍信息: {mapped:?}"
    );
    assert!(mapped.contains(&("G", "confirmed_on")));
    assert_eq!(s.unmapped.len(), 1, "序号 is reported, not dropped");
    assert_eq!(s.unmapped[0].header, "序号");
    assert_eq!(
        report.sheets[1].skipped.as_deref(),
        Some("隐藏工作表，已跳过")
    );
    assert!(report.sheets[1].hidden);

    let expected: BTreeMap<(String, u32), &str> = [
        ((DONG, 5), "warning"),  // 1980.07: a year-month is kept, with a warning
        ((DONG, 6), "error"),    // ID typed as a number
        ((DONG, 8), "warning"),  // sex disagrees with the ID
        ((DONG, 9), "error"),    // wrong check character
        ((DONG, 10), "warning"), // 15-digit ID upgraded
        ((DONG, 11), "ok"),      // branch names are only checked against a database
        ((XI, 2), "warning"),
        ((XI, 3), "ok"),
    ]
    .into_iter()
    .map(|((s, r), v)| ((s.to_owned(), r), v))
    .collect();
    assert_eq!(verdicts(&records), expected);
    assert_eq!(
        (
            report.rows.total,
            report.rows.ok,
            report.rows.warning,
            report.rows.error
        ),
        (8, 2, 4, 2)
    );

    let lost = issue(&report, DONG, 6);
    assert_eq!(lost.len(), 1);
    assert_eq!(
        (lost[0].column.as_str(), lost[0].header.as_str()),
        ("E", "身份证号")
    );
    assert!(
        lost[0].message.contains("后几位已丢失"),
        "{}",
        lost[0].message
    );
    assert!(issue(&report, DONG, 9)[0].message.contains("应为 0"));
    assert!(issue(&report, DONG, 8)
        .iter()
        .any(|i| i.column == "C" && i.message.contains("性别与身份证号不一致")));

    let wang = &records[0].values;
    assert_eq!(wang.get("name").unwrap(), "王国民");
    assert_eq!(wang.get("id_number").unwrap(), "141130195603020018");
    assert_eq!(
        wang.get("joined_on").unwrap(),
        "1980-07",
        "not invented into a day"
    );
    assert_eq!(
        wang.get("confirmed_on").unwrap(),
        "1981-07-01",
        "a real Excel date"
    );
    assert_eq!(
        wang.get("phone").unwrap(),
        "13812345678",
        "a phone stored as a number"
    );
    assert_eq!(
        records[1].values.get("name").unwrap(),
        "李四",
        "spaces inside names go"
    );
    assert_eq!(
        records[1].values.get("nation").unwrap(),
        "汉",
        "dictionaries are matched by the register, not here"
    );
    assert_eq!(
        records[4].values.get("id_number").unwrap(),
        "130503196704010016"
    );
    assert_eq!(
        records[5].values.get("id_number").unwrap(),
        "141130199005050020"
    );
    assert_eq!(
        records[5].values.get("phone").unwrap(),
        "0358-1234567",
        "a landline"
    );
}

#[test]
fn the_merged_roster_saved_by_libreoffice_reads_the_same() {
    let (original, kept) = run_file("roster_merged.xlsx");
    let (resaved, resaved_kept) = run_file("roster_merged_libreoffice.xlsx");
    assert_eq!(resaved.sheets, original.sheets);
    assert_eq!(resaved.rows, original.rows);
    assert_eq!(resaved.issues, original.issues);
    assert_eq!(resaved_kept, kept);
}

#[test]
fn biff8_xls_and_a_wps_et_file_read_alike() {
    for name in ["roster_biff8.xls", "roster_wps.et"] {
        let (report, records) = run_file(name);
        assert_eq!(report.format, Format::Xls, "{name}");
        assert_eq!(
            report.sheets[0].header_rows,
            [2],
            "{name}: a merged title row above"
        );
        let v: Vec<&str> = verdicts(&records).into_values().collect();
        assert_eq!(v, ["ok", "error"], "{name}: the second ID is a number");
        assert_eq!(records[0].values.get("joined_on").unwrap(), "2021-08-01");
        assert_eq!(records[0].row, 3);
    }
}

#[test]
fn ods_is_read_too() {
    let (report, records) = run_file("roster.ods");
    assert_eq!(report.format, Format::Ods);
    let v: Vec<&str> = verdicts(&records).into_values().collect();
    assert_eq!(v, ["warning", "ok"]);
}

#[test]
fn gbk_csv_with_an_id_excel_turned_into_scientific_notation() {
    let text = "姓名,身份证号,入党日期,联系电话\r\n王国民,141130195603020018,2021年8月1日,13812345678\r\n李四,1.41130E+17,2021.08,\r\n\r\n填表人：张三,,,\r\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let (report, records) = run(bytes.into_owned());
    assert_eq!(report.format, Format::Csv);
    assert_eq!(report.encoding.as_deref(), Some("GBK/GB18030"));
    assert_eq!(records.len(), 2, "the footer is not a member");
    assert_eq!(records[0].level, None);
    assert_eq!(records[0].values.get("joined_on").unwrap(), "2021-08-01");
    let lost = issue(&report, "CSV", 3);
    assert!(lost[0].message.contains("后几位已丢失"), "{:?}", lost);
}

#[test]
fn an_html_table_saved_as_xls_with_rowspan_and_colspan() {
    let html = r#"<html><head><meta charset="utf-8"></head><body>
      <table border="1">
        <tr><td colspan="5">党员信息导出</td></tr>
        <tr><td rowspan="2">姓名</td><td rowspan="2">公民身份号码</td><td colspan="2">党籍信息</td><td rowspan="2">手机号码</td></tr>
        <tr><td>入党时间</td><td>转正时间</td></tr>
        <tr><td>王国民</td><td>141130195603020018</td><td>1980-07-01</td><td>1981-07-01</td><td>13812345678</td></tr>
        <tr><td>孙八</td><td>141130199005050021</td><td>2010-07-01</td><td></td><td></td></tr>
      </table></body></html>"#;
    let (report, records) = run(html.as_bytes().to_vec());
    assert_eq!(report.format, Format::Html);
    assert_eq!(report.sheets[0].header_rows, [2, 3]);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].values.get("confirmed_on").unwrap(), "1981-07-01");
    assert_eq!(
        records[1].level,
        Some(Level::Error),
        "a wrong check character"
    );
    assert_eq!(issue(&report, "表格1", 5)[0].column, "B");
}

#[test]
fn an_xlsx_with_number_ids_real_dates_and_a_header_repeated_per_page() {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("第一支部").unwrap();
    let date = XFormat::new().set_num_format("yyyy-mm-dd");
    ws.write(0, 0, "姓名").unwrap();
    ws.write(0, 1, "身份证号码").unwrap();
    ws.write(0, 2, "入党时间").unwrap();
    ws.write(1, 0, "王国民").unwrap();
    ws.write(1, 1, "141130195603020018").unwrap();
    ws.write_with_format(1, 2, ExcelDateTime::from_ymd(1980, 7, 1).unwrap(), &date)
        .unwrap();
    // page 2 repeats the header
    ws.write(3, 0, "姓名").unwrap();
    ws.write(3, 1, "身份证号码").unwrap();
    ws.write(3, 2, "入党时间").unwrap();
    ws.write(4, 0, "李四").unwrap();
    ws.write_number(4, 1, 141130198001011234.0).unwrap();
    ws.write(4, 2, 2021.08).unwrap();
    let (report, records) = run(wb.save_to_buffer().unwrap());
    assert_eq!(
        report.sheets[0].data_rows, 2,
        "the repeated header is not a member"
    );
    assert_eq!(records[0].values.get("joined_on").unwrap(), "1980-07-01");
    assert_eq!(records[1].row, 5);
    assert_eq!(records[1].level, Some(Level::Error));
    assert_eq!(
        records[1].values.get("joined_on").unwrap(),
        "2021-08",
        "2021.08 typed as a number"
    );
}

#[test]
fn broken_files_each_get_their_own_message() {
    let err = |bytes: Vec<u8>| taizhang_excel::read(bytes).unwrap_err();
    assert_eq!(err(Vec::new()), ReadError::Empty);
    assert!(err(b"%PDF-1.7\n...".to_vec())
        .to_string()
        .contains("这不是表格文件，而是 PDF"));
    let password = err(std::fs::read(fixture("password.xlsx")).unwrap());
    assert_eq!(password, ReadError::Password);
    assert!(password.to_string().contains("工作簿有密码保护"));
    let whole = std::fs::read(fixture("roster_merged.xlsx")).unwrap();
    let truncated = whole[..whole.len() / 2].to_vec();
    assert!(err(truncated).to_string().contains("文件已损坏或不完整"));
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    assert!(err(png).to_string().contains("图片"));
}

#[test]
fn damaged_files_the_fuzzer_found_are_refused_not_fatal() {
    // Each of these made the parser underneath allocate without bound (a process abort).
    for name in [
        "loop_in_sector_chain.xls",
        "dimensions_too_large.xls",
        "dimensions_reversed.xls",
        "cell_beyond_last_column.xls",
    ] {
        let bytes = std::fs::read(fixture("damaged").join(name)).unwrap();
        let err = taizhang_excel::read(bytes).unwrap_err();
        assert!(
            err.to_string().contains("文件已损坏或不完整"),
            "{name}: {err}"
        );
    }
}

/// calamine's reading of a cell, as the import engine's cell: the oracle below.
fn calamine_cell(d: &calamine::Data) -> taizhang_excel::Cell {
    use calamine::Data;
    use taizhang_excel::Cell;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => Cell::DateTime(dt.as_datetime().unwrap()),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.as_str().into()),
        // calamine names the error ("NA"); ours keeps Excel's "#N/A". Only the kind is compared.
        Data::Error(_) => Cell::Error(String::new()),
    }
}

/// Taizhang reads .xlsx itself (it is several times faster); every cell, merge, sheet name and
/// hidden flag must come out as calamine reads them.
fn agrees_with_calamine(bytes: &[u8]) {
    use calamine::Reader;
    use taizhang_excel::Cell;
    let ours = taizhang_excel::read(bytes.to_vec()).unwrap();
    let mut theirs = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let meta: Vec<(String, bool)> = theirs
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .collect();
    let names: Vec<(String, bool)> = ours
        .sheets
        .iter()
        .map(|s| (s.name.clone(), s.hidden))
        .collect();
    assert_eq!(names, meta);
    for sheet in &ours.sheets {
        let range = theirs.worksheet_range(&sheet.name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut cells = 0;
        for (r, row) in range.rows().enumerate() {
            for (c, d) in row.iter().enumerate() {
                let (r, c) = (top + r as u32, left + c as u32);
                let want = calamine_cell(d);
                let got = match sheet.raw(r, c) {
                    Cell::Error(_) => Cell::Error(String::new()),
                    other => other.clone(),
                };
                if want.is_blank() {
                    assert!(
                        got.is_blank(),
                        "{}!{}{}: {got:?}",
                        sheet.name,
                        taizhang_excel::column_letter(c),
                        r + 1
                    );
                } else {
                    assert_eq!(
                        got,
                        want,
                        "{}!{}{}",
                        sheet.name,
                        taizhang_excel::column_letter(c),
                        r + 1
                    );
                    cells += 1;
                }
            }
        }
        let ours_cells = sheet
            .rows
            .iter()
            .flatten()
            .filter(|c| !c.is_blank())
            .count();
        assert_eq!(
            ours_cells, cells,
            "{}: no cell calamine does not see",
            sheet.name
        );
        let mut merges: Vec<(u32, u32, u32, u32)> = theirs
            .merge_cells_by_sheet_name(&sheet.name)
            .unwrap()
            .iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect();
        let mut got: Vec<(u32, u32, u32, u32)> = sheet
            .merges
            .iter()
            .map(|m| (m.top, m.left, m.bottom, m.right))
            .collect();
        merges.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, merges, "{}: merges", sheet.name);
    }
}

#[test]
fn our_xlsx_reader_reads_what_calamine_reads() {
    for name in [
        "roster_merged.xlsx",
        "roster_wizard.xlsx",
        "higher_template.xlsx",
        "roster_merged_libreoffice.xlsx",
        "roster_libreoffice.xlsx",
    ] {
        agrees_with_calamine(&std::fs::read(fixture(name)).unwrap());
    }
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("东关&西关").unwrap();
    let bold = XFormat::new().set_bold();
    let date = XFormat::new().set_num_format(r#"yyyy"年"m"月"d"日""#);
    let elapsed = XFormat::new().set_num_format("[h]:mm");
    ws.merge_range(0, 0, 0, 3, "交口街道 <党员> 花名册", &bold)
        .unwrap();
    ws.write(1, 0, "  前后有空格  ").unwrap();
    ws.write(1, 1, "换行\r\n_x000D_文本").unwrap();
    ws.write(1, 2, true).unwrap();
    ws.write_with_format(1, 3, ExcelDateTime::from_ymd(1921, 7, 1).unwrap(), &date)
        .unwrap();
    ws.write_with_format(1, 4, 1.5, &elapsed).unwrap();
    ws.write_formula(1, 5, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ws.write_formula(1, 6, Formula::new("=\"a\"&\"b\"").set_result("ab"))
        .unwrap();
    ws.write_rich_string(2, 0, &[(&bold, "王"), (&XFormat::new(), "国民")])
        .unwrap();
    ws.write(2, 2, 141130195603020018.0).unwrap();
    ws.write(2, 3, "吉𠮷").unwrap();
    ws.write(2000, 300, "far away").unwrap();
    // Over a megabyte of XML: read in two halves, one per core.
    let big = wb.add_worksheet().set_name("大表").unwrap();
    for r in 0..15_000u32 {
        big.write(r, 0, format!("王{r}")).unwrap();
        big.write(r, 1, f64::from(r) * 1.5).unwrap();
        big.write_with_format(r, 2, ExcelDateTime::from_ymd(2000, 1, 1).unwrap(), &date)
            .unwrap();
        big.write(r, 3, "东关社区第一党支部").unwrap();
    }
    big.merge_range(15_001, 0, 15_002, 1, "合并", &bold)
        .unwrap();
    let hidden = wb.add_worksheet().set_name("隐藏").unwrap();
    hidden.write(0, 0, "x").unwrap();
    hidden.set_hidden(true);
    agrees_with_calamine(&wb.save_to_buffer().unwrap());
}

/// A minimal .xlsx of one sheet whose cells are inline strings.
fn inline_xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = String::new();
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            sheet.push_str(&format!(
                r#"<c r="{col}{}" t="inlineStr"><is><t>{v}</t></is></c>"#,
                r + 1
            ));
        }
        sheet.push_str("</row>");
    }
    xlsx_of(&sheet, None)
}

/// A minimal .xlsx of one sheet with `rows` (its `<row>` elements) and, if given, one shared
/// string.
fn xlsx_of(rows: &str, shared: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned()),
        ("xl/workbook.xml", r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned()),
        ("xl/_rels/workbook.xml.rels", r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(text) = shared {
        parts.push((
            "xl/sharedStrings.xml",
            format!(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{text}</t></si></sst>"#),
        ));
    }
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A minimal .ods whose content is `table` (the inside of one `<table:table>`).
fn ods_of(table: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名册">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

/// Small files that stand for far more than they hold, one of each shape a reader expands: a
/// cell in column XFD on every row, one long shared string in every cell (.xlsx, and .xls as
/// xlwt writes its SST), an .ods row repeated across columns and rows, an HTML cell spanning a
/// million positions, a CSV line of commas. Each is refused by what it would store (here against
/// a small budget, so the test stores little), before the store; a real roster passes the same
/// budget.
#[test]
fn a_small_file_that_expands_is_refused_by_what_it_would_store() {
    let small = || taizhang_excel::budget::Budget::new(1_000_000, 1 << 20);
    let header = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>公民身份号码</t></is></c></row>"#;
    let far: String = (2..2000)
        .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
        .collect();
    let shared: String = (2..2000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let repeated = format!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>公民身份号码</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
        "党".repeat(100)
    );
    let spans = format!(
        "<table><tr><td>姓名</td><td>公民身份号码</td></tr><tr>{}</tr></table>",
        r#"<td colspan="1000" rowspan="1000">x</td>"#.repeat(3)
    );
    let commas = format!(
        "姓名,公民身份号码
{}",
        format!(
            "{}
",
            ",".repeat(100_000)
        )
        .repeat(20)
    );
    let files = [
        ("xlsx, column XFD", xlsx_of(&format!("{header}{far}"), None)),
        (
            "xlsx, one shared string",
            xlsx_of(&format!("{header}{shared}"), Some(&"党".repeat(3000))),
        ),
        (
            "xls, one shared string",
            std::fs::read(fixture("shared_string_in_every_cell.xls")).unwrap(),
        ),
        ("ods, repeats", ods_of(&repeated)),
        ("html, spans", spans.into_bytes()),
        ("csv, commas", commas.into_bytes()),
    ];
    for (what, bytes) in files {
        assert!(bytes.len() < 3_000_000, "{what}: {} bytes", bytes.len());
        match taizhang_excel::read_within(bytes, &small()) {
            Err(ReadError::TooMuch(_)) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
    let roster = std::fs::read(fixture("roster_merged.xlsx")).unwrap();
    taizhang_excel::read_within(roster, &small()).unwrap();
    // The .xls count is the text calamine stores (90 cells × 4,500 characters × 3 bytes, the
    // string carried across a CONTINUE record), not a guess far above it.
    let xls = std::fs::read(fixture("shared_string_in_every_cell.xls")).unwrap();
    let book = taizhang_excel::read_within(
        xls,
        &taizhang_excel::budget::Budget::new(1_000_000, 1_250_000),
    )
    .unwrap();
    assert_eq!(book.sheets[0].raw(5, 2).text().chars().count(), 4500);
}

/// A crafted .xlsx whose one cell holds millions of characters (no spreadsheet program writes
/// more than 32,767): the cell is not kept, its row is an error naming the limit, and the rest
/// of the file reads as usual.
#[test]
fn a_giant_cell_is_an_error_naming_the_limit_not_gigabytes() {
    let giant = "王".repeat(5_000_000);
    let id = "141130195603020077";
    let bytes = inline_xlsx(&[
        &["姓名", "公民身份号码"],
        &[&giant, id],
        &["李秀英", "141130196001010010"],
    ]);
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let (report, _) = run(bytes);
    assert_eq!(report.rows.total, 2);
    let giant_row = issue(&report, "花名册", 2);
    assert!(
        giant_row
            .iter()
            .any(|i| i.column == "A" && i.message.contains("超过 32767 个字符")),
        "{giant_row:?}"
    );
    assert!(!issue(&report, "花名册", 3)
        .iter()
        .any(|i| i.message.contains("超过")));
}

/// A page nested 20,000 levels deep (the HTML parser's work grows with the square of the depth)
/// is refused before it is parsed; an export that leaves a `<font>` open in each of 20,000 cells
/// still reads.
#[test]
fn a_page_nested_too_deep_is_refused_before_parsing() {
    let n = 20_000;
    let table =
        "<table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>王</td><td>1</td></tr></table>";
    let deep = format!(
        "<html><body>{}{table}{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let e = taizhang_excel::read(deep.into_bytes()).unwrap_err();
    assert_eq!(e, ReadError::TooDeep(256));
    assert!(e.to_string().contains("嵌套超过 256 层"));
    let rows: String = (0..n)
        .map(|_| "<tr><td><font size=2>王</td><td>1</td></tr>")
        .collect();
    let sloppy = format!(
        "<html><body><table><tr><td>姓名</td><td>身份证号</td></tr>{rows}</table></body></html>"
    );
    let book = taizhang_excel::read(sloppy.into_bytes()).unwrap();
    assert_eq!(book.sheets[0].rows.len(), n + 1);
}

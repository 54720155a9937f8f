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

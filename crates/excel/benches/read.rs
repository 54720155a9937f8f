//! Reading a 100,000-row roster: our full dry run (read, find the table, read and check every
//! value) against calamine's bare read of the same file and a Python openpyxl read-only parse,
//! in one run. Prints a table; never fails on time.
//!
//!     cargo bench -p taizhang-excel --bench read [-- ROWS]
//!
//! Each contender runs in its own process so its peak memory is its own.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly on purpose

use std::{path::Path, process::Command, time::Instant};

use calamine::Reader;
use taizhang_core::{party_member::IMPORT_FIELDS, progress::Quiet};
use taizhang_excel::check::{dry_run, AsWritten, Options};

mod common;
use common::{measure, peak_mb};

const HEADERS: [&str; 15] = [
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "身份证号",
    "学历",
    "人员类别",
    "入党时间",
    "转正时间",
    "所在党支部",
    "工作单位及职务",
    "联系电话",
    "家庭住址",
    "备注",
];

fn generate(path: &Path, rows: u32) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write(0, 0, "交口街道党员花名册").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write(1, c as u16, *h).unwrap();
    }
    let w = [7u32, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for i in 0..rows {
        let r = i + 2;
        let year = 1950 + i % 50;
        let body = format!(
            "141130{year}{:02}{:02}{:03}",
            1 + i % 12,
            1 + i % 28,
            i % 1000
        );
        let sum: u32 = body
            .bytes()
            .zip(w)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let id = format!(
            "{body}{}",
            ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
        );
        ws.write(r, 0, i + 1).unwrap();
        ws.write(
            r,
            1,
            format!("王{}民", ["国", "建", "志", "海"][(i % 4) as usize]),
        )
        .unwrap();
        ws.write(
            r,
            2,
            if body.as_bytes()[16] % 2 == 1 {
                "男"
            } else {
                "女"
            },
        )
        .unwrap();
        ws.write(r, 3, "汉族").unwrap();
        let birth =
            ExcelDateTime::from_ymd(year as u16, (1 + i % 12) as u8, (1 + i % 28) as u8).unwrap();
        ws.write_with_format(r, 4, birth, &date).unwrap();
        ws.write(r, 5, id).unwrap();
        ws.write(r, 6, "大学本科").unwrap();
        ws.write(r, 7, "正式党员").unwrap();
        ws.write(r, 8, format!("{}.{:02}", year + 25, 1 + i % 12))
            .unwrap();
        ws.write(
            r,
            9,
            format!("{}年{}月{}日", year + 26, 1 + i % 12, 1 + i % 28),
        )
        .unwrap();
        ws.write(r, 10, "东关社区第一党支部").unwrap();
        ws.write(r, 11, "交口县第一中学 教师").unwrap();
        ws.write(r, 12, format!("138{:08}", i)).unwrap();
        ws.write(r, 13, format!("东关社区{}号楼{}单元", i % 30, i % 4))
            .unwrap();
        ws.write(r, 14, "").unwrap();
    }
    wb.save(path).unwrap();
}

/// Runs in the child: one contender, printing "seconds peak_mb rows".
fn child(mode: &str, path: &Path) {
    let t = Instant::now();
    let rows = match mode {
        "ours" => {
            let book = taizhang_excel::open(path).unwrap();
            eprintln!(
                "  taizhang: file read into sheets after {:.2} s",
                t.elapsed().as_secs_f64()
            );
            // What `taizhang import … --dry-run` does: a report, rows not kept.
            let (report, _) = dry_run(
                &book,
                IMPORT_FIELDS,
                &AsWritten,
                &Options::default(),
                &Quiet,
            );
            eprintln!(
                "  taizhang: every row checked after {:.2} s",
                t.elapsed().as_secs_f64()
            );
            assert_eq!(report.rows.error, 0, "{:?}", report.issues.first());
            report.rows.total as usize
        }
        _ => {
            let mut wb = calamine::open_workbook_auto(path).unwrap();
            let name = wb.sheet_names()[0].clone();
            wb.worksheet_range(&name).unwrap().height()
        }
    };
    println!("{} {} {}", t.elapsed().as_secs_f64(), peak_mb(), rows);
}

const OPENPYXL: &str = r#"
import resource, sys, time
import openpyxl
t = time.time()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
print(time.time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n)
"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, mode, path] = args.as_slice() {
        if flag == "--child" {
            child(mode, Path::new(path));
            return;
        }
    }
    let rows: u32 = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.xlsx");
    let t = Instant::now();
    generate(&path, rows);
    let size = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    println!(
        "{rows} rows × 15 columns, {size:.1} MB .xlsx, written in {:.1} s\n",
        t.elapsed().as_secs_f64()
    );

    let me = std::env::current_exe().unwrap();
    let run =
        |mode: &str| measure(Command::new(&me).args(["--child", mode, path.to_str().unwrap()]));
    let calamine = run("calamine");
    let ours = run("ours");
    let python = measure(Command::new("python3").args(["-c", OPENPYXL, path.to_str().unwrap()]));

    println!("| reader | rows | time | vs calamine | peak RSS |");
    println!("|---|---:|---:|---:|---:|");
    let base = calamine.map(|c| c.0);
    for (name, m) in [
        ("calamine 0.38, bare read of the sheet", calamine),
        ("taizhang dry run (read, locate, check every value)", ours),
        ("openpyxl read-only (Python)", python),
    ] {
        match (m, base) {
            (Some((secs, mb, n)), Some(b)) => println!(
                "| {name} | {n} | {secs:.2} s | {:.2}× | {mb:.0} MB |",
                secs / b
            ),
            _ => println!("| {name} | – | not run (for openpyxl: pip install openpyxl) | | |"),
        }
    }
    if let (Some(o), Some(p)) = (ours, python) {
        println!(
            "\nopenpyxl takes {:.1}× as long as the taizhang dry run.",
            p.0 / o.0
        );
    }
}

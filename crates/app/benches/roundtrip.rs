//! A 100,000-member roster out and back in: our export (and our fill of a higher level's
//! template) against rust_xlsxwriter's bare write and openpyxl's write-only write; our import,
//! applied into an empty register, against calamine's bare read and openpyxl's read-only read of
//! the same file; and both again on a database encrypted at rest (SQLCipher), for its cost. Our
//! export compresses less than rust_xlsxwriter's default (`write::ZIP_LEVEL`), so the bare write
//! runs at both levels.
//! Prints a table; never fails on time.
//!
//!     cargo bench -p taizhang-app --bench roundtrip [-- MEMBERS]
//!
//! Each contender runs in its own process so its peak memory is its own.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly on purpose

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use calamine::Reader;
use taizhang_app::{
    core::progress::Quiet,
    demo, export,
    import::{Approval, ImportOptions},
    registers::{self, Register},
    setup, Ctx,
};

#[path = "../../excel/benches/common/mod.rs"]
mod common;
use common::{measure, peak_mb};

/// The cells of our export, read before timing, so the bare write writes exactly them.
fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect()
}

/// The database password of the encrypted runs.
const KEY: &str = "bench-password";

/// The database file of a run, and its key: `-keyed` modes use the encrypted copy.
fn database(dir: &Path, name: &str, mode: &str) -> (PathBuf, Option<&'static str>) {
    match mode.ends_with("-keyed") {
        true => (dir.join(format!("{name}-keyed.db")), Some(KEY)),
        false => (dir.join(format!("{name}.db")), None),
    }
}

/// Runs in the child: one contender, printing "seconds peak_mb rows".
fn child(mode: &str, dir: &Path) {
    let ctx = Ctx::now();
    let roster = dir.join("roster.xlsx");
    let (t, rows) = match mode {
        "export" | "export-into" | "export-keyed" => {
            let (path, key) = database(dir, "full", mode);
            let mut db = setup::open(&path, key).unwrap();
            let template = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/higher_template.xlsx");
            let out = match mode {
                "export" => roster,
                "export-keyed" => dir.join("keyed.xlsx"),
                _ => dir.join("filled.xlsx"),
            };
            let request = export::Request {
                unmasked: Some("基准测试"),
                template: (mode == "export-into").then_some(template.as_path()),
                ..Default::default()
            };
            let t = Instant::now();
            let done =
                registers::export(&mut db, &ctx, Register::PartyMembers, &out, request).unwrap();
            (t, done.rows as usize)
        }
        "xlsxwriter" | "xlsxwriter-level" => {
            let rows = cells(&roster);
            let t = Instant::now();
            let mut wb = rust_xlsxwriter::Workbook::new();
            if mode == "xlsxwriter-level" {
                wb.set_zip_compression_level(taizhang_excel::write::ZIP_LEVEL);
            }
            let ws = wb.add_worksheet_with_constant_memory().unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
            wb.save(dir.join("bare.xlsx")).unwrap();
            (t, rows.len())
        }
        "import" | "import-keyed" => {
            let (empty, key) = database(dir, "empty", mode);
            let db_path = dir.join("import.db");
            let _ = std::fs::remove_file(&db_path);
            std::fs::copy(empty, &db_path).unwrap();
            let mut db = setup::open(&db_path, key).unwrap();
            let t = Instant::now();
            let done = registers::apply(
                &mut db,
                &ctx,
                Register::PartyMembers,
                &roster,
                &ImportOptions::default(),
                Approval::default(),
                &Quiet,
            )
            .unwrap();
            assert_eq!(
                done.preview.report.rows.error,
                0,
                "{:?}",
                done.preview.report.issues.first()
            );
            (t, done.applied as usize)
        }
        _ => {
            let t = Instant::now();
            let mut wb = calamine::open_workbook_auto(&roster).unwrap();
            let name = wb.sheet_names()[0].clone();
            let height = wb.worksheet_range(&name).unwrap().height();
            (t, height)
        }
    };
    println!("{} {} {}", t.elapsed().as_secs_f64(), peak_mb(), rows);
}

const OPENPYXL_READ: &str = r#"
import resource, sys, time
import openpyxl
t = time.time()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
print(time.time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n)
"#;

/// The same cells as our export, read first, then written by openpyxl's write-only mode.
const OPENPYXL_WRITE: &str = r#"
import resource, sys, time
import openpyxl
src = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = [list(r) for r in src.worksheets[0].iter_rows(values_only=True)]
t = time.time()
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet()
for r in rows:
    ws.append(r)
wb.save(sys.argv[2])
print(time.time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(rows))
"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, mode, dir] = args.as_slice() {
        if flag == "--child" {
            child(mode, Path::new(dir));
            return;
        }
    }
    let members: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    // TAIZHANG_BENCH_DIR keeps the files, e.g. to profile one contender afterwards with
    // `perf record …/roundtrip-* --child import DIR`.
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("TAIZHANG_BENCH_DIR")
        .map_or_else(|| temp.path().to_owned(), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "full.db",
        "empty.db",
        "import.db",
        "full-keyed.db",
        "empty-keyed.db",
    ] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    let ctx = Ctx::now();
    let t = Instant::now();
    let mut full = setup::open(&dir.join("full.db"), None).unwrap();
    full.write(|tx| demo::write(tx, ctx.today, members))
        .unwrap();
    let mut empty = setup::open(&dir.join("empty.db"), None).unwrap();
    empty.write(|tx| demo::write(tx, ctx.today, 0)).unwrap();
    drop((full, empty));
    for name in ["full", "empty"] {
        let keyed = dir.join(format!("{name}-keyed.db"));
        std::fs::copy(dir.join(format!("{name}.db")), &keyed).unwrap();
        setup::open(&keyed, None)
            .unwrap()
            .set_key(Some(KEY))
            .unwrap();
    }
    println!(
        "{members} demo members written in {:.1} s; an empty register with the same office\n",
        t.elapsed().as_secs_f64()
    );

    let me = std::env::current_exe().unwrap();
    let d = dir.to_str().unwrap();
    let run = |mode: &str| measure(Command::new(&me).args(["--child", mode, d]));
    // The export writes the file every reader below reads.
    let export = run("export");
    let size = std::fs::metadata(dir.join("roster.xlsx")).map_or(0.0, |m| m.len() as f64 / 1e6);
    let into = run("export-into");
    let bare_write = run("xlsxwriter");
    let bare_level = run("xlsxwriter-level");
    let roster: PathBuf = dir.join("roster.xlsx");
    let roster = roster.to_str().unwrap();
    let py_write = measure(Command::new("python3").args([
        "-c",
        OPENPYXL_WRITE,
        roster,
        dir.join("py.xlsx").to_str().unwrap(),
    ]));
    let import = run("import");
    let export_keyed = run("export-keyed");
    let import_keyed = run("import-keyed");
    let bare_read = run("calamine");
    let py_read = measure(Command::new("python3").args(["-c", OPENPYXL_READ, roster]));

    println!("roster.xlsx: {size:.1} MB\n");
    println!("| task | rows | time | vs baseline | peak RSS |");
    println!("|---|---:|---:|---:|---:|");
    let line =
        |name: &str, m: Option<(f64, f64, usize)>, base: Option<(f64, f64, usize)>| match (m, base)
        {
            (Some((secs, mb, n)), Some((b, _, _))) => {
                println!(
                    "| {name} | {n} | {secs:.2} s | {:.2}× | {mb:.0} MB |",
                    secs / b
                )
            }
            (Some((secs, mb, n)), None) => {
                println!("| {name} | {n} | {secs:.2} s | – | {mb:.0} MB |")
            }
            _ => println!("| {name} | – | not run (for openpyxl: pip install openpyxl) | | |"),
        };
    line(
        "rust_xlsxwriter 0.102, bare write (baseline)",
        bare_write,
        bare_write,
    );
    line(
        &format!(
            "rust_xlsxwriter, bare write at our zip level {}",
            taizhang_excel::write::ZIP_LEVEL
        ),
        bare_level,
        bare_write,
    );
    line(
        "taizhang export (query, format, write, audit)",
        export,
        bare_write,
    );
    if let (Some(e), Some(b)) = (export, bare_level) {
        println!(
            "| (taizhang export vs the bare write at the same zip level) | | | {:.2}× | |",
            e.0 / b.0
        );
    }
    line(
        "taizhang export into a higher level's template",
        into,
        bare_write,
    );
    line("openpyxl write-only (Python)", py_write, bare_write);
    line("calamine 0.38, bare read (baseline)", bare_read, bare_read);
    line(
        "taizhang import applied into an empty register",
        import,
        bare_read,
    );
    line("openpyxl read-only (Python)", py_read, bare_read);
    if let (Some(e), Some(p)) = (export, py_write) {
        println!(
            "\nopenpyxl's write takes {:.1}× as long as the taizhang export.",
            p.0 / e.0
        );
    }
    if let (Some(i), Some(p)) = (import, py_read) {
        println!(
            "openpyxl's read alone takes {:.1}× as long as the taizhang import.",
            p.0 / i.0
        );
    }
    println!("\nEncryption at rest (SQLCipher {}):", sqlcipher_version());
    println!("| task | plain | encrypted | cost |");
    println!("|---|---:|---:|---:|");
    for (name, plain, keyed) in [
        ("export", export, export_keyed),
        ("import applied", import, import_keyed),
    ] {
        if let (Some(p), Some(k)) = (plain, keyed) {
            println!(
                "| {name} | {:.2} s | {:.2} s | {:+.0} % |",
                p.0,
                k.0,
                (k.0 / p.0 - 1.0) * 100.0
            );
        }
    }
}

fn sqlcipher_version() -> String {
    taizhang_app::db::rusqlite::Connection::open_in_memory()
        .and_then(|c| c.query_row("PRAGMA cipher_version", [], |r| r.get(0)))
        .unwrap_or_default()
}

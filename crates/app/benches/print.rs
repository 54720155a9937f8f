//! A 5,000-member roster printed to PDF: ours (layout, bundled fonts subset, table with repeated
//! header, page numbers) against LibreOffice headless converting the same rows, exported to
//! .xlsx, to PDF. Prints a table; never fails on time.
//!
//!     cargo bench -p taizhang-app --bench print [-- MEMBERS]
//!
//! LibreOffice is optional (`apt-get install libreoffice-calc-nogui`); without it its rows say so.
//! Each contender runs in its own process so its peak memory is its own.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly on purpose

use std::{path::Path, process::Command, time::Instant};

use taizhang_app::{
    demo, print,
    registers::{self, Register},
    setup, Ctx,
};
use taizhang_db::party_member::PartyMemberQuery;

#[path = "../../excel/benches/common/mod.rs"]
mod common;
use common::{measure, peak_mb};

/// Runs in the child: our roster PDF, printing "seconds peak_mb pages".
fn child(dir: &Path) {
    let ctx = Ctx::now();
    let db = setup::open(&dir.join("roster.db"), None).unwrap();
    let t = Instant::now();
    let printed = print::roster(&db, &ctx, &PartyMemberQuery::default()).unwrap();
    print::save(&printed, &dir.join("taizhang.pdf")).unwrap();
    println!(
        "{} {} {}",
        t.elapsed().as_secs_f64(),
        peak_mb(),
        printed.pages
    );
}

/// LibreOffice converting the .xlsx, run from Python to read the converter's peak memory (its
/// soffice.bin is a grandchild; RUSAGE_CHILDREN covers it once reaped).
const SOFFICE: &str = r#"
import resource, subprocess, sys, time
src, out, profile = sys.argv[1], sys.argv[2], sys.argv[3]
t = time.time()
subprocess.run(["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + profile,
                "--convert-to", "pdf", "--outdir", out, src], check=True, capture_output=True)
print(time.time() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 0)
"#;

fn pages(pdf: &Path) -> String {
    Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_string()))
        })
        .unwrap_or_else(|| "?".into())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir] = args.as_slice() {
        if flag == "--child" {
            child(Path::new(dir));
            return;
        }
    }
    let members: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let ctx = Ctx::now();
    let mut db = setup::open(&dir.join("roster.db"), None).unwrap();
    db.write(|tx| demo::write(tx, ctx.today, members)).unwrap();
    // The same rows, masked as printed, for LibreOffice.
    let xlsx = dir.join("roster.xlsx");
    let exported = registers::export(
        &mut db,
        &ctx,
        Register::PartyMembers,
        &xlsx,
        Default::default(),
    )
    .unwrap();
    drop(db);
    println!(
        "{} members; the same rows exported to roster.xlsx for LibreOffice\n",
        exported.rows
    );

    let me = std::env::current_exe().unwrap();
    let ours = measure(Command::new(&me).args(["--child", dir.to_str().unwrap()]));
    let ours_pdf = dir.join("taizhang.pdf");

    let out = dir.join("lo");
    let profile = dir.join("lo-profile");
    let soffice = |_: ()| {
        measure(Command::new("python3").args([
            "-c",
            SOFFICE,
            xlsx.to_str().unwrap(),
            out.to_str().unwrap(),
            profile.to_str().unwrap(),
        ]))
    };
    let has_soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    // The first run also creates LibreOffice's profile: shown, but the warm run is the comparison.
    let (cold, warm) = if has_soffice {
        (soffice(()), soffice(()))
    } else {
        (None, None)
    };
    let lo_pdf = out.join("roster.pdf");

    println!("| task | rows | time | vs taizhang | PDF size | pages | peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let base = ours.map_or(f64::NAN, |o| o.0);
    let size = |p: &Path| {
        std::fs::metadata(p).map_or("—".into(), |m| format!("{:.2} MB", m.len() as f64 / 1e6))
    };
    let row = |name: &str, m: Option<(f64, f64, usize)>, pdf: &Path| match m {
        Some((secs, mb, _)) => println!(
            "| {name} | {} | {secs:.2} s | {:.1}× | {} | {} | {mb:.0} MB |",
            exported.rows,
            secs / base,
            size(pdf),
            pages(pdf)
        ),
        None => println!("| {name} | — | not run (soffice missing or failed) | | | | |"),
    };
    row(
        "taizhang roster PDF (printpdf, bundled fonts subset)",
        ours,
        &ours_pdf,
    );
    row("LibreOffice 7.4 headless, xlsx → pdf (warm)", warm, &lo_pdf);
    row(
        "LibreOffice 7.4 headless, xlsx → pdf (first run, creates its profile)",
        cold,
        &lo_pdf,
    );
}

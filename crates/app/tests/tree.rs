//! Invariants of the source tree itself.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::{Path, PathBuf};

/// The source files under `dir` whose extension is one of `kinds`.
fn source_files(dir: &Path, kinds: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "target" && name != "node_modules" {
            source_files(&path, kinds, out);
        } else if path
            .extension()
            .is_some_and(|e| kinds.iter().any(|k| e == *k))
        {
            out.push(path);
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    source_files(dir, &["rs"], out);
}

/// Unsafe code is denied in every crate; the single place allowed it is the Windows print verb
/// (`ShellExecuteW`, in `crates/app/src/print/mod.rs`).
#[test]
fn unsafe_code_is_allowed_in_one_audited_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src-tauri"), &mut files);
    let needle = concat!("allow(", "unsafe_code)");
    let allowed: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let n = text.matches(needle).count();
            let rel = f
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            std::iter::repeat_n(rel, n)
        })
        .collect();
    assert_eq!(allowed, ["crates/app/src/print/mod.rs"]);
}

/// Every Rust file under `dirs` holding `needle`, relative to the repository.
fn holding(dirs: &[&str], needle: &str) -> Vec<String> {
    holding_in(dirs, &["rs"], needle)
}

/// Every file of the `kinds` under `dirs` holding `needle`, relative to the repository.
fn holding_in(dirs: &[&str], kinds: &[&str], needle: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in dirs {
        source_files(&root.join(dir), kinds, &mut files);
    }
    files.sort();
    files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(needle))
        .map(|f| {
            f.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// The day is read from the clock once, at the edge (`Ctx::now`), and reaches every use case
/// through `Ctx::today`: the CLI's `--today` and a test's day reach imports, exports and rules
/// alike. Core reads no clock at all.
#[test]
fn the_day_comes_through_ctx() {
    let day = concat!("now()", ".date_naive()");
    let sources = [
        "crates/core/src",
        "crates/db/src",
        "crates/excel/src",
        "crates/pdf/src",
        "crates/app/src",
        "crates/cli/src",
        "src-tauri/src",
    ];
    assert_eq!(holding(&sources, day), ["crates/app/src/lib.rs"]);
    for clock in [
        concat!("Local", "::now"),
        concat!("Utc", "::now"),
        concat!("SystemTime", "::now"),
    ] {
        assert!(
            holding(&["crates/core/src"], clock).is_empty(),
            "core reads the clock: {clock}"
        );
    }
}

/// Every command is declared once, in `app::command`: the desktop registers one Tauri command
/// that dispatches through the table, and the page calls Rust only through the client generated
/// from it (`api/client.ts` → `api/call.ts`), so no command name is written by hand in either.
#[test]
fn the_page_reaches_rust_only_through_the_command_table() {
    let mut invoking: Vec<String> = [concat!("invoke", "("), concat!("invoke", "<")]
        .iter()
        .flat_map(|invoke| holding_in(&["ui/src"], &["ts", "vue"], invoke))
        .collect();
    invoking.dedup();
    assert_eq!(invoking, ["ui/src/api/call.ts"]);
    assert_eq!(
        holding(&["src-tauri/src"], concat!("#[tauri::", "command]")),
        ["src-tauri/src/main.rs"]
    );
    let main = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/src/main.rs"),
    )
    .unwrap();
    assert_eq!(main.matches(concat!("#[tauri::", "command]")).count(), 1);
    assert!(main.contains("generate_handler![call]"));
}

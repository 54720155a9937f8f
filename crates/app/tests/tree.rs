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

/// The crates' sources (the desktop shell's aside).
const SOURCES: &[&str] = &[
    "crates/disk/src",
    "crates/core/src",
    "crates/db/src",
    "crates/excel/src",
    "crates/pdf/src",
    "crates/app/src",
    "crates/server/src",
    "crates/cli/src",
];

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
    let sources: Vec<&str> = SOURCES.iter().copied().chain(["src-tauri/src"]).collect();
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
    // In a browser the same calls go over HTTP (call.ts), and a chosen file is uploaded (files.ts).
    assert_eq!(
        holding_in(&["ui/src"], &["ts", "vue"], concat!("fetch", "(")),
        ["ui/src/api/call.ts", "ui/src/api/files.ts"]
    );
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

/// The modules a file names through `crate::` (outside its tests): `use crate::{a, b::c}`,
/// `crate::d::e(…)`.
fn modules_named(text: &str) -> std::collections::BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = code.as_str();
    let mut named = std::collections::BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the braced group.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if c.is_whitespace() => {}
                    _ if start && depth == 0 => {
                        named.insert(ident(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            named.insert(ident(rest));
        }
    }
    named
}

/// The file-level import cycles among a crate's top-level modules (a file and its folder are one
/// module): each cycle as its modules, sorted.
fn cycles(src: &str) -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(src);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let module_of = |f: &Path| -> String {
        let rel = f.strip_prefix(&root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_owned()
    };
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for f in &files {
        let from = module_of(f);
        let named = modules_named(&std::fs::read_to_string(f).unwrap());
        let entry = edges.entry(from.clone()).or_default();
        entry.extend(named.into_iter().filter(|m| *m != from));
    }
    let modules: Vec<String> = edges
        .keys()
        .filter(|m| *m != "lib" && *m != "main")
        .cloned()
        .collect();
    // Two modules are in one cycle when each reaches the other.
    let reach = |from: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(m) = todo.pop() {
            for n in edges.get(&m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let reached: std::collections::BTreeMap<&String, _> =
        modules.iter().map(|m| (m, reach(m))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for m in &modules {
        let mut cycle: Vec<String> = modules
            .iter()
            .filter(|n| reached[m].contains(*n) && reached[n].contains(m))
            .cloned()
            .collect();
        cycle.sort();
        if !cycle.is_empty() && !found.contains(&cycle) {
            found.push(cycle);
        }
    }
    found
}

/// No two modules of a crate need each other: a newcomer reads each crate bottom-up.
#[test]
fn no_module_needs_a_module_that_needs_it() {
    for src in SOURCES {
        assert_eq!(cycles(src), Vec::<Vec<String>>::new(), "{src}");
    }
}

/// Core is pure: no file, no network, no process. Writing files lives in the `disk` crate.
#[test]
fn core_does_no_io() {
    for io in [
        concat!("std::", "fs"),
        concat!("std::", "net"),
        concat!("std::", "process"),
        concat!("File", "::"),
    ] {
        assert!(
            holding(&["crates/core/src"], io).is_empty(),
            "core does IO: {io}"
        );
    }
}

/// The generated label tables (`export const …_LABELS = { key: "label", … }`) in bindings.ts:
/// (name, labels).
fn label_tables() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bindings = std::fs::read_to_string(root.join("ui/src/api/bindings.ts")).unwrap();
    let mut tables = Vec::new();
    for part in bindings.split("export const ").skip(1) {
        let Some((name, rest)) = part.split_once(" = {") else {
            continue;
        };
        if !name.ends_with("_LABELS") {
            continue;
        }
        let body = rest.split("} as const").next().unwrap();
        let labels = body
            .lines()
            .filter_map(|l| l.split_once(": \"").map(|(_, v)| v))
            .map(|v| v.trim_end_matches(',').trim_end_matches('"').to_owned())
            .collect();
        tables.push((name.to_owned(), labels));
    }
    tables
}

/// A field's label is declared once, in Rust: a page that reads a register's generated labels
/// writes none of them by hand (`label="产权人"` beside `HOUSE_LABELS`). Words that head a
/// column of any table (备注, 姓名) are not a field's own.
#[test]
fn a_page_with_a_registers_labels_writes_none_by_hand() {
    let tables = label_tables();
    let names: Vec<&str> = tables.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "PARTY_MEMBER_LABELS",
        "TALENT_LABELS",
        "HOUSE_LABELS",
        "MEETING_LABELS",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut pages = Vec::new();
    source_files(&root.join("ui/src"), &["vue"], &mut pages);
    let mut by_hand = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        for (name, labels) in &tables {
            if !text.contains(name.as_str()) {
                continue;
            }
            for label in labels
                .iter()
                .filter(|l| !["备注", "姓名"].contains(&l.as_str()))
            {
                if text.contains(&format!(" label=\"{label}\"")) {
                    by_hand.push(format!(
                        "{}: label=\"{label}\" (in {name})",
                        page.file_name().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(by_hand.is_empty(), "{by_hand:#?}");
}

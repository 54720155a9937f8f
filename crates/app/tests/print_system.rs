//! Printing hands the PDF to the system without a shell: a title full of shell syntax (as a
//! name or an address in the data may be) reaches `lp` as one file argument, harmless. A fake
//! `lp` on PATH records what it was given. (Its own test binary: it changes PATH.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use taizhang_app::print::{self, Printed};

#[test]
fn a_title_full_of_shell_syntax_is_one_harmless_file_argument() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("lp-args.txt");
    let lp = bin.join("lp");
    std::fs::write(&lp, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$LP_LOG\"\n").unwrap();
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pwned = dir.path().join("pwned");
    let path = std::env::var("PATH").unwrap_or_default();
    // SAFETY of the test: this binary runs this one test; nothing else reads the environment.
    std::env::set_var("PATH", format!("{}:{path}", bin.display()));
    std::env::set_var("LP_LOG", &log);

    let title = format!(
        "-d 党员信息卡（张;calc;$(touch {p}) `touch {p}` \"引号\" '单引号' & | > 空 格）",
        p = pwned.display()
    );
    let printed = Printed {
        title,
        pages: 1,
        bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
    };
    let folder = dir.path().join("打印 文件夹");
    std::fs::create_dir(&folder).unwrap();
    let saved = print::save_in(&printed, &folder).unwrap();
    let name = saved.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.chars()
            .all(|c| c.is_alphanumeric() || "-_.()（）·、 ".contains(c)),
        "{name}"
    );
    assert!(!name.starts_with('-'), "{name}");

    print::hand_to_system(&saved).unwrap();
    let args = std::fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args, ["--", saved.to_str().unwrap()]);
    assert!(!pwned.exists(), "nothing in the title ran");

    // A day later the printed copy goes; one printed just now stays.
    let fresh = print::save_in(
        &Printed {
            title: "今天的".into(),
            ..printed
        },
        &folder,
    )
    .unwrap();
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(25 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&saved)
        .unwrap()
        .set_modified(day_ago)
        .unwrap();
    assert_eq!(print::sweep_printed(&folder, print::PRINTED_KEPT), 1);
    assert!(!saved.exists() && fresh.exists());

    // A window connected to another PC's host prints the preview it shows: a PDF only.
    let cache = dir.path().join("cache");
    std::env::set_var("XDG_CACHE_HOME", &cache);
    let e = print::pdf_to_system("不是PDF", b"<html>".to_vec()).unwrap_err();
    assert!(e.message.contains("不是 PDF"), "{}", e.message);
    let at = print::pdf_to_system("连接时打印", b"%PDF-1.4\n%%EOF\n".to_vec()).unwrap();
    assert!(at.starts_with(cache.to_str().unwrap()), "{at}");
    let args = std::fs::read_to_string(&log).unwrap();
    assert_eq!(args.lines().collect::<Vec<_>>(), ["--", at.as_str()]);
}

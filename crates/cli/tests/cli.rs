//! The `taizhang` binary as a script would use it: real files, real exit codes, Chinese errors.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::{path::Path, process::Command};

fn taizhang(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TAIZHANG_DB")
        .output()
        .unwrap()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_demo_then_list_as_json_finds_by_initials_masked_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let init = taizhang(&db, &["init", "--demo"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("交口街道"));

    let out = taizhang(&db, &["party-members", "list", "--search", "wgm", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], "王国民");
    assert!(rows[0]["branch"].as_str().unwrap().ends_with("党支部"));
    let masked = rows[0]["id_number"].as_str().unwrap();
    assert!(
        masked.starts_with("1411") && masked.contains("**********"),
        "{masked}"
    );

    let out = taizhang(
        &db,
        &[
            "party-members",
            "list",
            "--search",
            "wgm",
            "--json",
            "--unmasked",
            "核对身份",
        ],
    );
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let full = rows[0]["id_number"].as_str().unwrap();
    assert_eq!(full.len(), 18);
    assert!(!full.contains('*'));
    assert_eq!(&full[14..], &masked[14..], "the same person");
}

#[test]
fn json_lists_everyone_unless_limited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let all: Vec<serde_json::Value> =
        serde_json::from_slice(&taizhang(&db, &["party-members", "list", "--json"]).stdout)
            .unwrap();
    assert!(all.len() >= 290, "no paging without --limit: {}", all.len());
    let some: Vec<serde_json::Value> = serde_json::from_slice(
        &taizhang(&db, &["party-members", "list", "--json", "--limit", "7"]).stdout,
    )
    .unwrap();
    assert_eq!(some.len(), 7);
}

#[test]
fn check_passes_on_a_sound_database_and_fails_clearly_on_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let ok = taizhang(&db, &["check"]);
    assert!(ok.status.success(), "{}", stderr(&ok));

    // A person whose stored ID fails its check character: written behind the app's back.
    let conn = taizhang_app::db::rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE person SET id_number = '110105194912310021' WHERE id = (SELECT min(id) FROM person)",
        [],
    )
    .unwrap();
    drop(conn);
    let bad = taizhang(&db, &["check"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("校验位错误"), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("错误：数据库检查发现 1 个问题"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    std::fs::write(&db, "这不是数据库，只是一段文字。".repeat(200)).unwrap();
    let out = taizhang(&db, &["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).starts_with("错误：文件"), "{}", stderr(&out));
    assert!(stderr(&out).contains("不是台账数据库"), "{}", stderr(&out));
}

#[test]
fn loading_the_demo_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let again = taizhang(&db, &["init", "--demo"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("已经初始化"), "{}", stderr(&again));
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn inspect_says_what_a_file_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let file = fixture("roster_merged.xlsx");
    let found = json(&taizhang(
        &db,
        &["inspect", file.to_str().unwrap(), "--json"],
    ));
    assert_eq!(found["format"], "xlsx");
    assert_eq!(found["register"], "party-members");
    assert_eq!(found["sheets"][0]["header_rows"], serde_json::json!([3, 4]));
    assert_eq!(found["sheets"][0]["data_rows"], 6);
    assert_eq!(found["sheets"][1]["hidden"], true);
    assert!(!db.exists(), "inspecting a file needs no database");
}

#[test]
fn a_dry_run_reports_every_row_against_the_office_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let before = stdout(&taizhang(&db, &["party-members", "list", "--json"]));
    let file = fixture("roster_merged.xlsx");
    let args = [
        "import",
        "party-members",
        file.to_str().unwrap(),
        "--dry-run",
        "--json",
    ];
    let errors = dir.path().join("错误报告.xlsx");
    let mut with_errors = args.to_vec();
    with_errors.extend(["--errors-out", errors.to_str().unwrap()]);
    let report = json(&taizhang(&db, &with_errors));
    // The error copy: the file's own rows, a 错误原因 column after the last one.
    let copy = taizhang_app::excel::open(&errors).unwrap();
    let east = &copy.sheets[0];
    assert_eq!(east.raw(3, 10).text(), "错误原因", "on the last header row");
    assert!(
        east.raw(10, 10).text().contains("第九党支部"),
        "Excel row 11"
    );
    assert!(east.raw(4, 10).text().starts_with("提醒"), "warnings too");
    assert_eq!(east.raw(6, 10).text(), "", "a blank row stays blank");
    assert!(copy.sheets[1].hidden);
    assert_eq!(report["format"], "xlsx");
    assert_eq!(
        report["rows"],
        serde_json::json!({"total": 8, "ok": 0, "warning": 5, "error": 3}),
        "the unknown branch 第九党支部 is an error once the office is known; 西关's rows, from a \
         sheet without a 民族 column, go in flagged 待补录 (a warning)"
    );
    assert_eq!(report["new"], 5);
    assert_eq!(report["incomplete"], 2, "西关's two rows lack 民族");
    let unknown = &report["unknown_orgs"];
    assert_eq!(unknown.as_array().unwrap().len(), 1, "{unknown}");
    assert_eq!(unknown[0]["name"], "第九党支部");
    assert_eq!(unknown[0]["kind"], "党支部");
    assert_eq!(unknown[0]["rows"], 1);
    assert!(unknown[0]["action"].as_str().unwrap().starts_with("未处理"));
    assert_eq!(report["changed"], 0);
    assert_eq!(report["unchanged"], 0);
    assert_eq!(report["conflicts"], 0);
    assert_eq!(report["applied"], 0);
    assert_eq!(report["batch_id"], serde_json::Value::Null);
    let row_11 = report["diffs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["sheet"] == "东关社区第一党支部" && d["row"] == 11)
        .unwrap();
    assert_eq!(row_11["kind"], "error");
    assert!(row_11["reason"].as_str().unwrap().contains("第九党支部"));
    let branch = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["row"] == 11)
        .unwrap();
    assert_eq!(branch["sheet"], "东关社区第一党支部");
    assert_eq!(branch["column"], "H");
    assert_eq!(branch["header"], "所在党支部");
    assert_eq!(branch["level"], "error");
    assert!(branch["message"].as_str().unwrap().contains("第九党支部"));
    let sheet = &report["sheets"][0];
    assert_eq!(sheet["unmapped"][0]["header"], "序号");
    assert_eq!(
        stdout(&taizhang(&db, &["party-members", "list", "--json"])),
        before,
        "a dry run writes nothing"
    );
}

#[test]
fn an_import_is_applied_listed_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let before = stdout(&taizhang(
        &db,
        &["party-members", "list", "--json", "--unmasked", "核对身份"],
    ));
    let file = fixture("roster_merged.xlsx");
    let args = ["import", "party-members", file.to_str().unwrap(), "--json"];
    let done = json(&taizhang(&db, &args));
    assert_eq!(done["applied"], 5);
    assert_eq!(done["batch_id"], 1);
    let again = json(&taizhang(&db, &args));
    assert_eq!(
        (again["applied"].clone(), again["unchanged"].clone()),
        (0.into(), 5.into())
    );
    let incomplete = json(&taizhang(
        &db,
        &["party-members", "list", "--incomplete", "--json"],
    ));
    assert_eq!(
        incomplete.as_array().unwrap().len(),
        2,
        "the rows without 民族 are listed as 待补录"
    );
    let batches = json(&taizhang(&db, &["imports", "list", "--json"]));
    assert_eq!(batches[0]["file_name"], "roster_merged.xlsx");
    assert_eq!(batches[0]["created"], 5);
    assert_eq!(batches[0]["errors"], 3);
    let out = taizhang(&db, &["imports", "undo", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("5 条记录已还原"));
    let after = stdout(&taizhang(
        &db,
        &["party-members", "list", "--json", "--unmasked", "核对身份"],
    ));
    assert_eq!(after, before, "undo restores the roster");
    let out = taizhang(&db, &["imports", "undo", "1"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("已于"), "{}", stderr(&out));
}

#[test]
fn export_writes_a_workbook_that_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let out = dir.path().join("花名册.xlsx");
    let done = taizhang(
        &db,
        &[
            "export",
            "party-members",
            out.to_str().unwrap(),
            "--unmasked",
            "核对身份",
        ],
    );
    assert!(stdout(&done).contains("已导出 300 条"), "{}", stdout(&done));
    let args = [
        "import",
        "party-members",
        out.to_str().unwrap(),
        "--dry-run",
        "--json",
    ];
    let report = json(&taizhang(&db, &args));
    assert_eq!(report["unchanged"], 300);
    assert_eq!(report["new"], 0);
    assert_eq!(report["changed"], 0);
    let template = dir.path().join("模板.xlsx");
    let made = taizhang(
        &db,
        &["template", "party-members", template.to_str().unwrap()],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let found = json(&taizhang(
        &db,
        &["inspect", template.to_str().unwrap(), "--json"],
    ));
    assert_eq!(found["register"], "party-members");
    assert_eq!(found["sheets"][0]["unmapped"], serde_json::json!([]));
}

#[test]
fn unreadable_files_and_wrong_words_fail_with_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let locked = fixture("password.xlsx");
    let out = taizhang(
        &db,
        &[
            "import",
            "party-members",
            locked.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("工作簿有密码保护"),
        "{}",
        stderr(&out)
    );

    let roster = fixture("roster_merged.xlsx");
    let out = taizhang(
        &db,
        &[
            "import",
            "party-members",
            roster.to_str().unwrap(),
            "--apply",
            "all",
        ],
    );
    assert!(
        stderr(&out).contains("new、changed、conflicts"),
        "{}",
        stderr(&out)
    );

    let out = taizhang(
        &db,
        &["import", "members", roster.to_str().unwrap(), "--dry-run"],
    );
    assert!(stderr(&out).contains("party-members"), "{}", stderr(&out));

    // A day in another shape names the flag and the shape it wants, for both flags that take one.
    let out = taizhang(&db, &["todo", "--today", "2026/13/45"]);
    assert!(
        stderr(&out).contains("--today 应写作 2026-12-31"),
        "{}",
        stderr(&out)
    );
    let xlsx = dir.path().join("out.xlsx");
    let out = taizhang(
        &db,
        &[
            "export",
            "party-members",
            xlsx.to_str().unwrap(),
            "--as-of",
            "去年",
        ],
    );
    assert!(
        stderr(&out).contains("--as-of 应写作 2026-12-31") && !xlsx.exists(),
        "{}",
        stderr(&out)
    );

    let args = [
        "import",
        "party-members",
        roster.to_str().unwrap(),
        "--dry-run",
        "--sheet",
        "第三支部",
    ];
    let out = taizhang(&db, &args);
    assert!(
        stderr(&out).contains("没有名为“第三支部”的工作表"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_organisation_is_edited_from_the_command_line_and_an_import_adds_what_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());
    let ok = |args: &[&str]| {
        let out = taizhang(&db, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    // Kind from the name's ending, parent by default (the 党工委).
    assert!(ok(&["org", "add", "南山村第二党支部"]).contains("已新增党支部"));
    ok(&["org", "add", "南山村党总支", "--kind", "党总支"]);
    ok(&["org", "move", "南山村第二党支部", "南山村党总支"]);
    ok(&["org", "rename", "南山村第二党支部", "南山村第三党支部"]);
    let listed = ok(&["org", "list"]);
    let line = listed
        .lines()
        .find(|l| l.contains("南山村第三党支部"))
        .unwrap();
    let parent = listed.lines().find(|l| l.contains("南山村党总支")).unwrap();
    let indent = |l: &str| l.chars().skip(7).take_while(|c| *c == ' ').count();
    assert_eq!(
        indent(line),
        indent(parent) + 2,
        "listed under its 党总支:\n{listed}"
    );
    let refused = taizhang(&db, &["org", "remove", "南山村党总支"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("下级组织 1 条"),
        "{}",
        stderr(&refused)
    );
    ok(&["org", "remove", "南山村第三党支部"]);
    ok(&["org", "remove", "南山村党总支"]);

    // The roster names 第九党支部, which the office lacks: created on request, reported.
    let file = fixture("roster_merged.xlsx");
    let done = json(&taizhang(
        &db,
        &[
            "import",
            "party-members",
            file.to_str().unwrap(),
            "--add-missing-org",
            "--json",
        ],
    ));
    assert_eq!(done["unknown_orgs"][0]["name"], "第九党支部");
    assert_eq!(done["unknown_orgs"][0]["action"], "新增");
    assert_eq!(done["unknown_orgs"][0]["parent"], "交口街道党工委");
    assert_eq!(done["applied"], 6, "the 第九党支部 row goes in too");
    assert!(ok(&["org", "list"]).contains("第九党支部（党支部）"));
}

#[test]
fn a_dictionary_entry_is_added_once_and_then_offered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init"]).status.success());
    let out = taizhang(&db, &["dict", "add", "结构类型", "茅草房"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("已在结构类型字典中新增“茅草房”"));
    let listed = stdout(&taizhang(&db, &["dict", "list", "结构类型"]));
    assert_eq!(listed.lines().last(), Some("茅草房"), "{listed}");
    let again = taizhang(&db, &["dict", "add", "结构类型", "茅草房"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("结构类型字典中已有“茅草房”"));
    let unknown = taizhang(&db, &["dict", "list", "房屋"]);
    assert!(stderr(&unknown).contains("没有名为“房屋”的字典；有：民族、学历"));
}

/// The command line among other programs: a reader that stops early (`| head`) is no error, a
/// mistyped command is told in Chinese, and an encrypted database's password is never an
/// argument — without a terminal to type it in, the clerk is told which variable to set.
#[test]
fn pipes_mistakes_and_passwords_are_handled_as_a_clerk_expects() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());

    // `list --json | head -c 10`: the reader goes away after a few bytes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .arg("--db")
        .arg(&db)
        .args(["party-members", "list", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked") && err.is_empty(), "{err}");
    // Output to a full disk is an error, said as one.
    if std::path::Path::new("/dev/full").exists() {
        let out = Command::new(env!("CARGO_BIN_EXE_taizhang"))
            .arg("--db")
            .arg(&db)
            .args(["party-members", "list", "--json"])
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("无法输出结果"), "{}", stderr(&out));
    }

    for (args, says) in [
        (&["--bogus"][..], "不认识的参数“--bogus”"),
        (&["frobnicate"][..], "不认识的命令“frobnicate”"),
        (&["import"][..], "缺少必需的参数"),
    ] {
        let out = taizhang(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(&format!("错误：{says}")),
            "{}",
            stderr(&out)
        );
    }

    let set = Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .arg("--db")
        .arg(&db)
        .args(["db-password", "set"])
        .env("TAIZHANG_NEW_DB_PASSWORD", "jiaokou2026")
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    let out = taizhang(&db, &["party-members", "list", "--limit", "1"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("请在终端中运行以便输入，或设置环境变量 TAIZHANG_DB_PASSWORD"),
        "{}",
        stderr(&out)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .arg("--db")
        .arg(&db)
        .args(["party-members", "list", "--limit", "1"])
        .env("TAIZHANG_DB_PASSWORD", "jiaokou2026")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_grids_disputes_agreement_and_monthly_form_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(taizhang(&db, &["init", "--demo"]).status.success());

    // Every dispute of the demo, and those still open.
    let all = json(&taizhang(&db, &["grid", "disputes", "--json"]));
    let rows = all["rows"]["items"].as_array().unwrap();
    assert_eq!(rows.len(), 9, "three per community");
    let open = taizhang(&db, &["grid", "disputes", "--open"]);
    assert!(open.status.success(), "{}", stderr(&open));
    assert!(stdout(&open).contains("未结 6 件"), "{}", stdout(&open));
    assert!(!stdout(&open).contains("调解成功\n"), "{}", stdout(&open));

    // The 协议书 of a settled one, by its number; an unknown number is refused in Chinese.
    let settled = rows.iter().find(|d| d["status"] == "调解成功").unwrap();
    let number = settled["number"].as_str().unwrap();
    let pdf = dir.path().join("协议书.pdf");
    let out = taizhang(&db, &["print", "agreement", number, pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let missing = taizhang(&db, &["print", "agreement", "TJ209901-0001", "x.pdf"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("没有编号为 TJ209901-0001 的矛盾纠纷"));

    // The month filled into the 区's own form.
    let filled = dir.path().join("月报表（已填）.xlsx");
    let form = fixture("grid_month_district.xlsx");
    let out = taizhang(
        &db,
        &[
            "grid",
            "report",
            "2026-11",
            "--form",
            form.to_str().unwrap(),
            "--out",
            filled.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("已填入上级月报表（工作表“月报表”）3 行"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("网格员人数"),
        "the column left empty is named"
    );
    assert!(filled.exists());
}

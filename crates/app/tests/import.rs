//! Import applied and undone, export and templates, against a real database file and real
//! .xlsx files written and read back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use taizhang_app::{
    core::party_member::PartyMemberInput,
    core::{
        id_number::check_character,
        progress::{Progress, Quiet, Stage, Tick},
    },
    db::party_member as table,
    export,
    import::{self, Approval, Choice, ImportOptions, RowKind},
    party_member as pm,
    registers::{self, Register},
    setup, Ctx, Db, ErrorCode,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

fn demo(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

/// The register as a user sees it: every active member's fields, by ID.
fn dump(db: &Db) -> Vec<(String, PartyMemberInput)> {
    let mut rows: Vec<_> = table::all(db.conn(), ctx().today)
        .unwrap()
        .into_iter()
        .filter(|d| d.deleted_at.is_none())
        .map(|d| (d.input.id_number.clone(), d.input))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// Writes a sheet: a title row, then `rows` (the first is the header), all as text.
fn sheet(path: &Path, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("东关社区第一党支部").unwrap();
    ws.write(0, 0, "东关社区党员信息统计表").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn options() -> ImportOptions {
    ImportOptions::default()
}

fn apply(db: &mut Db, path: &Path, choice: Choice) -> import::ImportOutcome {
    registers::apply(
        db,
        &ctx(),
        Register::PartyMembers,
        path,
        &options(),
        Approval {
            choice,
            expected_hash: None,
        },
        &Quiet,
    )
    .unwrap()
}

fn preview(db: &Db, path: &Path) -> import::ImportOutcome {
    registers::preview(db, &ctx(), Register::PartyMembers, path, &options(), &Quiet).unwrap()
}

fn export_to(db: &mut Db, out: &Path, request: export::Request) -> export::Exported {
    registers::export(db, &ctx(), Register::PartyMembers, out, request).unwrap()
}

fn export_all(db: &mut Db, dir: &Path) -> PathBuf {
    let out = dir.join("全部党员.xlsx");
    let all = export::Request {
        unmasked: Some("核对"),
        ..Default::default()
    };
    export_to(db, &out, all);
    out
}

/// A row for 张红梅 (ID 141130199003150028), under [`HEADER`].
fn zhang<'a>(
    category: &'a str,
    joined: &'a str,
    confirmed: &'a str,
    phone: &'a str,
) -> [&'a str; 7] {
    [
        "张红梅",
        "141130199003150028",
        "汉族",
        category,
        joined,
        confirmed,
        phone,
    ]
}

const HEADER: &[&str] = &[
    "姓名",
    "身份证号",
    "民族",
    "人员类别",
    "入党时间",
    "转正时间",
    "联系电话",
];

#[test]
fn export_then_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let out = export_all(&mut db, dir.path());
    let p = preview(&db, &out);
    assert_eq!(
        p.preview.report.rows.error,
        0,
        "{:?}",
        p.preview.report.issues.first()
    );
    assert_eq!(
        (p.preview.new, p.preview.changed, p.preview.conflicts),
        (0, 0, 0)
    );
    assert_eq!(p.preview.unchanged, 300);
    let applied = apply(&mut db, &out, Choice::default());
    assert_eq!((applied.applied, applied.batch_id), (0, None));
}

#[test]
fn import_applies_then_undo_restores_the_exact_previous_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let before = dump(&db);
    // An existing member, changed; and two new ones.
    let (id, old) = &before[0];
    let file = dir.path().join("报来的花名册.xlsx");
    let changed_phone = "13900001111";
    sheet(
        &file,
        &[
            HEADER,
            &[
                &old.name,
                id,
                "汉族",
                "正式党员",
                "2001-07-01",
                "2002-07-01",
                changed_phone,
            ],
            &[
                "王  国民",
                "141130199003150028",
                "汉",
                "正式党员",
                "2015.07",
                "2016年7月",
                "13812345678",
            ],
            &[
                "李四",
                "141130199003150044",
                "汉族",
                "预备党员",
                "2026-01-10",
                "",
                "",
            ],
        ],
    );
    // Saved an hour ago by whoever sent it: the import and its undo come later.
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let p = preview(&db, &file);
    assert_eq!(
        p.preview.report.rows.error, 0,
        "{:?}",
        p.preview.report.issues
    );
    assert_eq!((p.preview.new, p.preview.changed), (2, 1));
    let diff = p
        .preview
        .diffs
        .iter()
        .find(|d| d.kind == RowKind::Changed)
        .unwrap();
    assert_eq!(diff.row, 3, "the Excel row of the changed member");
    assert!(diff
        .changes
        .iter()
        .any(|c| c.label == "联系电话" && c.after == "139****1111"));
    assert!(
        !diff.changes.iter().any(|c| c.field == "address"),
        "a column the file does not have is left alone"
    );

    let done = apply(&mut db, &file, Choice::default());
    assert_eq!(done.applied, 3);
    let batch = done.batch_id.unwrap();
    let after = dump(&db);
    assert_eq!(after.len(), before.len() + 2);
    let wang = &after
        .iter()
        .find(|(k, _)| k == "141130199003150028")
        .unwrap()
        .1;
    assert_eq!(wang.name, "王国民");
    assert_eq!(
        wang.joined_on.as_deref(),
        Some("2015-07"),
        "a year-month stays one"
    );
    let wang_row = table::all(db.conn(), ctx().today)
        .unwrap()
        .into_iter()
        .find(|d| d.input.id_number == "141130199003150028")
        .unwrap();
    assert_eq!(
        wang_row.branch, "东关社区第一党支部",
        "a sheet named after a branch, without a branch column, puts its rows there"
    );

    // Applying the same file again changes nothing.
    let again = apply(&mut db, &file, Choice::default());
    assert_eq!((again.applied, again.batch_id), (0, None));
    assert_eq!(again.preview.unchanged, 3);

    assert_eq!(registers::undo(&mut db, &ctx(), batch).unwrap(), 3);
    assert_eq!(dump(&db), before, "undo puts back exactly what was there");
    let history = import::batches(&db).unwrap();
    assert!(history[0].undone_at.is_some());
    let twice = registers::undo(&mut db, &ctx(), batch).unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);

    // The records it created wait in the recycle bin; importing again brings them back. The
    // undo came after the file was saved, but an undone import and its undo cancel out: the
    // changed member is as it was before the file, so no row is a conflict.
    let back = apply(&mut db, &file, Choice::default());
    assert_eq!(back.preview.conflicts, 0, "{:#?}", back.preview.diffs);
    assert_eq!((back.preview.new, back.applied), (2, 3));
    assert_eq!(dump(&db), after);
}

#[test]
fn undo_refuses_when_a_record_was_edited_after_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let file = dir.path().join("新党员.xlsx");
    sheet(
        &file,
        &[HEADER, &zhang("正式党员", "2015-07-01", "2016-07-01", "")],
    );
    let batch = apply(&mut db, &file, Choice::default()).batch_id.unwrap();
    let id = table::all(db.conn(), ctx().today)
        .unwrap()
        .into_iter()
        .find(|d| d.input.id_number == "141130199003150028")
        .unwrap()
        .id;
    let mut input = table::get(db.conn(), id, ctx().today).unwrap().input;
    input.address = "东关社区1号楼".into();
    pm::update(&mut db, &ctx(), id, input).unwrap();
    let before = dump(&db);
    let refused = registers::undo(&mut db, &ctx(), batch).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(
        refused.message.contains("导入后又被修改过"),
        "{}",
        refused.message
    );
    assert!(refused.message.contains("测试员"), "{}", refused.message);
    assert_eq!(dump(&db), before, "a refused undo changes nothing");
}

#[test]
fn conflicts_are_shown_and_applied_only_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let before = dump(&db);
    let (id, old) = &before[1];
    let file = dir.path().join("重复.xlsx");
    sheet(
        &file,
        &[
            HEADER,
            &zhang("正式党员", "2015-07-01", "2016-07-01", "13812345678"),
            &zhang("正式党员", "2015-07-01", "2016-07-01", "13812349999"),
            &[
                &old.name,
                id,
                "汉族",
                "正式党员",
                "2001-07-01",
                "2002-07-01",
                "13900002222",
            ],
        ],
    );
    // The file was saved before the member was last edited.
    let saved = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(saved)
        .unwrap();
    let member = table::all(db.conn(), ctx().today)
        .unwrap()
        .into_iter()
        .find(|d| &d.input.id_number == id)
        .unwrap();
    let mut edited = member.input.clone();
    edited.note = "手工修改".into();
    pm::update(&mut db, &ctx(), member.id, edited).unwrap();

    let p = preview(&db, &file).preview;
    assert_eq!(p.conflicts, 3, "{:#?}", p.diffs);
    let same_id: Vec<_> = p
        .diffs
        .iter()
        .filter(|d| d.reason.contains("出现多次"))
        .collect();
    assert_eq!(same_id.len(), 2);
    let newer = p
        .diffs
        .iter()
        .find(|d| d.reason.contains("晚于文件的保存时间"))
        .unwrap();
    assert_eq!(newer.row, 5);

    let skipped = apply(&mut db, &file, Choice::default());
    assert_eq!(
        skipped.applied, 0,
        "conflicts are not applied unless chosen"
    );
    let forced = apply(
        &mut db,
        &file,
        Choice {
            conflicts: true,
            ..Choice::default()
        },
    );
    assert_eq!(forced.applied, 2, "one record per ID; the last row wins");
    let now = dump(&db);
    let zhang = &now
        .iter()
        .find(|(k, _)| k == "141130199003150028")
        .unwrap()
        .1;
    assert_eq!(zhang.phone, "13812349999");
}

#[test]
fn a_corrected_mapping_is_remembered_for_the_next_file_of_that_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let header: &[&str] = &[
        "姓名",
        "身份证号",
        "民族",
        "人员类别",
        "入党时间",
        "转正时间",
        "通讯号码",
    ];
    let first = dir.path().join("一月.xlsx");
    sheet(
        &first,
        &[
            header,
            &zhang("正式党员", "2015-07-01", "2016-07-01", "13812345678"),
        ],
    );
    let p = preview(&db, &first).preview;
    assert!(p.report.sheets[0]
        .unmapped
        .iter()
        .any(|u| u.header == "通讯号码"));
    let corrected = ImportOptions {
        mapping: [("通讯号码".to_owned(), "phone".to_owned())].into(),
        ..ImportOptions::default()
    };
    let done = registers::apply(
        &mut db,
        &ctx(),
        Register::PartyMembers,
        &first,
        &corrected,
        Approval::default(),
        &Quiet,
    )
    .unwrap();
    assert_eq!(done.applied, 1);

    let second = dir.path().join("二月.xlsx");
    sheet(
        &second,
        &[
            header,
            &zhang("正式党员", "2015-07-01", "2016-07-01", "13812340000"),
        ],
    );
    let p = preview(&db, &second).preview;
    assert!(p.report.sheets[0]
        .mapped
        .iter()
        .any(|m| m.header == "通讯号码" && m.field == "phone"));
    assert_eq!(p.changed, 1);
}

#[test]
fn a_file_changed_after_its_preview_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let file = dir.path().join("x.xlsx");
    sheet(
        &file,
        &[HEADER, &zhang("正式党员", "2015-07-01", "2016-07-01", "")],
    );
    let seen = preview(&db, &file).content_hash;
    sheet(&file, &[HEADER, &zhang("预备党员", "2026-07-01", "", "")]);
    let before = dump(&db);
    let e = registers::apply(
        &mut db,
        &ctx(),
        Register::PartyMembers,
        &file,
        &options(),
        Approval {
            choice: Choice::default(),
            expected_hash: Some(&seen),
        },
        &Quiet,
    )
    .unwrap_err();
    assert!(e.message.contains("预览之后被修改过"), "{}", e.message);
    assert_eq!(dump(&db), before);
}

#[test]
fn the_template_maps_every_field_and_its_example_row_reads_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("模板.xlsx");
    registers::import_template(&db, &ctx(), Register::PartyMembers, &out).unwrap();
    let p = preview(&db, &out).preview;
    let s = &p.report.sheets[0];
    assert!(s.unmapped.is_empty(), "{:?}", s.unmapped);
    assert_eq!(
        s.mapped.len(),
        Register::PartyMembers.fields().len() - taizhang_app::core::party_member::DERIVED.len(),
        "every field but the derived ones (年龄, 党龄), which are never typed in"
    );
    assert_eq!(p.report.rows.total, 1);
    // The example has no branch: the clerk must choose one.
    assert!(
        p.report.issues.iter().any(|i| i.header == "所在党支部"),
        "{:?}",
        p.report.issues
    );
    let book = taizhang_app::excel::open(&out).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["党员", "填表说明", "选项"]);
    assert!(book.sheets[2].hidden);
}

#[test]
fn a_masked_export_hides_ids_phones_and_addresses_and_says_so_in_the_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let out = dir.path().join("masked.xlsx");
    let done = export_to(
        &mut db,
        &out,
        export::Request {
            search: "wgm",
            ..Default::default()
        },
    );
    assert!(done.masked);
    assert!(done.rows >= 1);
    let book = taizhang_app::excel::open(&out).unwrap();
    let first = &book.sheets[0].rows[3];
    let id = first
        .iter()
        .map(|c| c.text())
        .find(|t| t.contains("**********"))
        .unwrap();
    assert_eq!(id.len(), 18);
    let address = first
        .iter()
        .map(|c| c.text())
        .find(|t| t.contains("号楼"))
        .unwrap();
    assert!(
        address.ends_with("号楼******") || address.ends_with("号楼*******"),
        "the unit and room are hidden: {address}"
    );
    // Brought back in, the masked file overwrites nothing: its addresses are error rows.
    let before = dump(&db);
    let back = preview(&db, &out);
    assert!(
        back.preview
            .report
            .issues
            .iter()
            .any(|i| i.header == "家庭住址" && i.message.contains("打码后的住址")),
        "{:?}",
        back.preview.report.issues
    );
    assert_eq!(back.preview.changed, 0);
    apply(&mut db, &out, Choice::default());
    assert_eq!(dump(&db), before);
    let trail = taizhang_app::audit::list(
        &db,
        &ctx(),
        &taizhang_db::audit::AuditQuery {
            page: 1,
            page_size: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        trail.items[0].summary.contains("检索“wgm”"),
        "{}",
        trail.items[0].summary
    );
    assert!(trail.items[0].summary.contains("已隐去部分"));
}

/// Remembers every tick; asks to stop once writing has reached `stop_at` records.
struct Watcher {
    ticks: std::sync::Mutex<Vec<Tick>>,
    stop_at: u64,
}

impl Progress for Watcher {
    fn report(&self, tick: Tick) {
        self.ticks.lock().unwrap().push(tick);
    }

    fn cancelled(&self) -> bool {
        self.ticks
            .lock()
            .unwrap()
            .iter()
            .any(|t| t.stage == Stage::Write && t.done >= self.stop_at)
    }
}

#[test]
fn progress_runs_through_every_stage_and_cancelling_a_write_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let file = dir.path().join("一千二百人.xlsx");
    let rows: Vec<Vec<String>> = (0..1200u32)
        .map(|i| {
            let digits = format!(
                "1411301990{:02}{:02}{:03}",
                1 + i % 12,
                1 + i % 28,
                i % 1000
            );
            let id = format!("{digits}{}", check_character(&digits));
            let name = format!("王{}", ["一", "二", "三", "四"][(i % 4) as usize]);
            [
                &name,
                &id,
                "汉族",
                "正式党员",
                "2010-07-01",
                "2011-07-01",
                "",
            ]
            .map(str::to_owned)
            .to_vec()
        })
        .collect();
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let mut all: Vec<&[&str]> = vec![HEADER];
    all.extend(rows.iter().map(Vec::as_slice));
    sheet(&file, &all);
    let before = dump(&db);

    let watcher = Watcher {
        ticks: Default::default(),
        stop_at: 500,
    };
    let Err(e) = registers::apply(
        &mut db,
        &ctx(),
        Register::PartyMembers,
        &file,
        &options(),
        Approval::default(),
        &watcher,
    ) else {
        panic!("the import was not cancelled");
    };
    assert_eq!(e.code, ErrorCode::Cancelled, "{}", e.message);
    assert_eq!(dump(&db), before, "a cancelled import writes nothing");
    assert!(import::batches(&db).unwrap().is_empty());

    let ticks = watcher.ticks.into_inner().unwrap();
    let mut stages: Vec<Stage> = ticks.iter().map(|t| t.stage).collect();
    stages.dedup();
    assert_eq!(stages, [Stage::Read, Stage::Check, Stage::Write]);
    let checked = ticks.iter().rfind(|t| t.stage == Stage::Check).unwrap();
    assert_eq!(checked.done, checked.total);
    assert!(ticks.iter().all(|t| t.done <= t.total));

    // Left alone, the same file goes in whole.
    let done = registers::apply(
        &mut db,
        &ctx(),
        Register::PartyMembers,
        &file,
        &options(),
        Approval::default(),
        &Quiet,
    )
    .unwrap();
    assert_eq!(done.applied, 1200);
}

/// A higher level's own form (tests/fixtures/higher_template.xlsx, written by openpyxl): title
/// and 填报单位 rows, a two-row merged header, 序号, a column we cannot fill, styled empty rows
/// and a footer.
fn higher_template() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/higher_template.xlsx")
}

#[test]
fn a_form_written_by_a_dotnet_system_is_filled_with_its_blanks() {
    // tests/fixtures/higher_template_dotnet.xlsx (generate.py): every element prefixed x:, as
    // .NET's OpenXML SDK writes; 填报单位： and 填报日期： alone beside empty cells; the
    // national statistical forms' footer with 报出日期 20  年  月  日.
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let members = dump(&db).len();
    let template = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/higher_template_dotnet.xlsx");
    let out = dir.path().join("采集表（已填）.xlsx");
    let done = export_to(
        &mut db,
        &out,
        export::Request {
            template: Some(&template),
            ..Default::default()
        },
    );
    assert_eq!(
        done.rows as usize, members,
        "every member under the prefixed header"
    );
    assert_eq!(
        done.filled_in,
        [
            "填报单位：交口街道",
            "填报日期：2026年11月22日",
            "报出日期：2026年11月22日"
        ]
    );
    let book = taizhang_excel::open(&out).unwrap();
    let sheet = &book.sheets[0];
    assert_eq!(sheet.cell(1, 0).text(), "填报单位:", "the label as it was");
    assert_eq!(sheet.cell(1, 1).text(), "交口街道", "the office beside it");
    assert_eq!(sheet.cell(1, 5).text(), "2026年11月22日");
    assert_eq!(sheet.cell(2, 1).text(), "姓名");
    assert!(!sheet.cell(3, 1).is_blank(), "the first member");
    let footer = 3 + members as u32;
    assert!(
        sheet
            .cell(footer, 0)
            .text()
            .ends_with("报出日期:2026年11月22日"),
        "{}",
        sheet.cell(footer, 0).text()
    );
}

#[test]
fn a_higher_levels_template_is_filled_keeping_its_layout_and_reads_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let members = dump(&db).len();
    let out = dir.path().join("党员信息采集表（交口街道）.xlsx");
    let done = export_to(
        &mut db,
        &out,
        export::Request {
            unmasked: Some("核对"),
            template: Some(&higher_template()),
            ..Default::default()
        },
    );
    assert_eq!(done.rows as usize, members);
    assert_eq!(done.sheet.as_deref(), Some("党员信息采集表"));
    assert_eq!(done.unknown_columns, ["报到社区意见"]);

    let book = taizhang_excel::open(&out).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["党员信息采集表", "填报说明"]);
    let sheet = &book.sheets[0];
    assert_eq!(sheet.cell(0, 0).text(), "2026年度党员信息采集表");
    // The form's own blanks: the office and the day, in the full-width spaces it left; the
    // footer's 填表人 and 审核人 are for people to sign.
    assert_eq!(
        done.filled_in,
        [
            "填报单位：交口街道".to_owned(),
            "填报日期：2026年11月22日".to_owned()
        ]
    );
    let taizhang_excel::Cell::Text(line) = sheet.raw(1, 0) else {
        panic!("A2 is text");
    };
    assert_eq!(
        &**line,
        "填报单位（盖章）：交口街道\u{3000}\u{3000}填报日期：2026年11月22日"
    );
    assert_eq!(sheet.cell(3, 4).text(), "入党时间");
    assert_eq!(sheet.cell(4, 0).text(), "1", "序号 is numbered");
    let footer = 4 + members as u32;
    assert!(sheet.cell(footer, 0).text().starts_with("填表人"));
    let merges: Vec<(u32, u32, u32, u32)> = sheet
        .merges
        .iter()
        .map(|m| (m.top, m.left, m.bottom, m.right))
        .collect();
    for kept in [
        (0, 0, 0, 8),
        (2, 0, 3, 0),
        (2, 4, 2, 5),
        (footer, 0, footer, 8),
    ] {
        assert!(merges.contains(&kept), "{kept:?} in {merges:?}");
    }
    assert_eq!(merges.len(), 11, "no merge of the old empty rows survives");
    assert_eq!(
        book.sheets[1].cell(1, 0).text(),
        "2. 本表于11月30日前报街道党工委。"
    );

    // Read back through the import engine: every member found, nothing to change.
    let p = preview(&db, &out).preview;
    assert_eq!(p.report.rows.error, 0, "{:?}", p.report.issues.first());
    assert_eq!(p.unchanged as usize, members);
    assert_eq!((p.new, p.changed, p.conflicts), (0, 0, 0));
}

#[test]
fn a_template_is_never_overwritten_and_a_non_xlsx_one_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let template = dir.path().join("上级模板.xlsx");
    std::fs::copy(higher_template(), &template).unwrap();
    let request = export::Request {
        template: Some(&template),
        ..Default::default()
    };
    let e =
        registers::export(&mut db, &ctx(), Register::PartyMembers, &template, request).unwrap_err();
    assert!(e.message.contains("不要覆盖"), "{}", e.message);
    let csv = dir.path().join("模板.csv");
    std::fs::write(&csv, "姓名,身份证号\n").unwrap();
    let request = export::Request {
        template: Some(&csv),
        ..Default::default()
    };
    let out = dir.path().join("out.xlsx");
    let e = registers::export(&mut db, &ctx(), Register::PartyMembers, &out, request).unwrap_err();
    assert!(e.message.contains("只能填写 .xlsx"), "{}", e.message);
    assert!(!out.exists());
}

/// A statistics form with a 合计 row (`=SUM(A4:A13)` over its ten blank rows), a dropdown and a
/// conditional format on those rows, a column the form computes per row (行政区划代码
/// `=LEFT(D4,6)`), print titles, a print area and frozen panes, as rust_xlsxwriter (like Excel)
/// writes them: filled with every member, the total covers them all, as do the dropdown, the
/// format and the print area, each row computes its own code; the rest of the form is as it was.
#[test]
fn a_forms_total_dropdown_and_formats_cover_every_row_written() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let members = dump(&db).len() as u32;
    let template = dir.path().join("党员统计表.xlsx");
    {
        use rust_xlsxwriter::{
            ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, Format, Formula,
        };
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("统计表").unwrap();
        ws.write(0, 0, "党员情况统计表").unwrap();
        ws.write(1, 0, "填报单位：").unwrap();
        for (c, h) in [
            "序号",
            "姓名",
            "人员类别",
            "公民身份号码",
            "年龄",
            "党龄（年）",
            "行政区划代码",
        ]
        .iter()
        .enumerate()
        {
            ws.write(2, c as u16, *h).unwrap();
        }
        let boxed = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
        for r in 3..13 {
            for c in 0..4 {
                ws.write_blank(r, c, &boxed).unwrap();
            }
            ws.write_formula(r, 6, Formula::new(format!("=LEFT(D{},6)", r + 1)))
                .unwrap();
        }
        ws.write(13, 0, "合计").unwrap();
        ws.write_formula(13, 1, Formula::new("=SUM(A4:A13)"))
            .unwrap();
        ws.write_formula(13, 2, Formula::new("=COUNTA(B4:B13)&\"人\""))
            .unwrap();
        let list = DataValidation::new()
            .allow_list_strings(&["正式党员", "预备党员"])
            .unwrap();
        ws.add_data_validation(3, 2, 12, 2, &list).unwrap();
        let red = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo("\"预备党员\""))
            .set_format(Format::new().set_font_color("FF0000"));
        ws.add_conditional_format(3, 2, 12, 2, &red).unwrap();
        ws.set_repeat_rows(2, 2).unwrap();
        ws.set_print_area(0, 0, 13, 6).unwrap();
        ws.set_freeze_panes(3, 0).unwrap();
        wb.save(&template).unwrap();
    }
    let out = dir.path().join("党员统计表（已填）.xlsx");
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let done = export_to(
        &mut db,
        &out,
        export::Request {
            template: Some(&template),
            as_of: Some(as_of),
            ..Default::default()
        },
    );
    assert_eq!(done.rows, members);
    assert!(
        done.unknown_columns.is_empty(),
        "行政区划代码 is the form's own formula, not a column left empty: {:?}",
        done.unknown_columns
    );
    // 年龄 and 党龄 follow from the register, for the day asked.
    let filled = taizhang_excel::open(&out).unwrap();
    let stored = table::all(db.conn(), ctx().today).unwrap();
    let first_name = filled.sheets[0].cell(3, 1).text();
    let m = stored
        .iter()
        .find(|m| m.input.name == first_name && m.deleted_at.is_none())
        .unwrap();
    let birth = taizhang_app::core::id_number::IdNumber::parse(&m.input.id_number)
        .unwrap()
        .birth_date();
    assert_eq!(
        filled.sheets[0].cell(3, 4).text(),
        taizhang_app::core::date::age_on(birth, as_of).to_string()
    );
    let party_age = m
        .input
        .confirmed_on
        .as_deref()
        .and_then(|d| taizhang_app::core::party_member::years_since(d, as_of))
        .map(|y| y.to_string())
        .unwrap_or_default();
    assert_eq!(
        filled.sheets[0].cell(3, 5).text(),
        party_age,
        "党龄 from 转正"
    );
    let last = 3 + members; // 1-based: rows 4..=last hold the members
    let part = |name: &str| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(&format!("<f>SUM(A4:A{last})</f>")),
        "the total covers the written rows: {}",
        &sheet[sheet.find("合计").unwrap_or(0).saturating_sub(200)..]
    );
    assert!(sheet.contains(&format!("COUNTA(B4:B{last})")));
    assert!(
        sheet.contains(&format!(r#"<c r="B{}""#, last + 1)),
        "the total moved below the data"
    );
    assert!(
        sheet.contains(&format!(r#"sqref="C4:C{last}""#)),
        "the dropdown and the format cover the written rows"
    );
    assert_eq!(sheet.matches(&format!(r#"sqref="C4:C{last}""#)).count(), 2);
    assert!(sheet.contains(r#"<pane ySplit="3""#), "frozen panes kept");
    let workbook = part("xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "print titles kept");
    assert!(
        workbook.contains(&format!("$A$1:$G${}</definedName>", last + 1)),
        "the print area takes in the rows and the moved total: {workbook}"
    );
    // The total's cached value is gone, so a reader computes it: calamine sees the formula.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let formulas = book.worksheet_formula("统计表").unwrap();
    assert_eq!(
        formulas.get_value((last, 1)).map(String::as_str),
        Some(format!("SUM(A4:A{last})").as_str())
    );
    // Each written row computes its own code, from its own ID.
    for row in [4, last] {
        assert_eq!(
            formulas.get_value((row - 1, 6)).map(String::as_str),
            Some(format!("LEFT(D{row},6)").as_str())
        );
    }
}

/// A file with one ID on every row (a crafted file, or a sheet gone wrong): every row is a
/// conflict naming a few of the others and how many there are — a line per row, not the square
/// of the rows.
#[test]
fn one_id_on_every_row_names_a_few_places_and_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let path = dir.path().join("同号.csv");
    let mut text = String::from("姓名,公民身份号码,所在党支部\n");
    for i in 0..2000 {
        text.push_str(&format!("张{i},141130195603020077,东关社区第一党支部\n"));
    }
    std::fs::write(&path, text).unwrap();
    let p = preview(&db, &path).preview;
    assert_eq!(p.conflicts, 2000);
    for d in &p.diffs {
        assert!(d.reason.contains("等 2000 处"), "{}", d.reason);
        assert!(d.reason.chars().count() < 200, "{}", d.reason);
    }
}

/// A file larger than any real sheet is refused by its size, before a byte is read (a sparse
/// file of 1 GB and one byte here).
#[test]
fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let path = dir.path().join("大表.csv");
    std::fs::File::create(&path)
        .unwrap()
        .set_len((1 << 30) + 1)
        .unwrap();
    let e = registers::preview(
        &db,
        &ctx(),
        Register::PartyMembers,
        &path,
        &options(),
        &Quiet,
    )
    .unwrap_err();
    assert!(
        e.message.contains("超过可导入的上限 1024 MB"),
        "{}",
        e.message
    );
}

/// A preview lists at most [`import::LISTED`] rows of each kind and issues of each level, and
/// counts them all; rows sharing a key are listed apart, so a conflict found at the end of a long
/// file is shown; the error report still marks every faulty row, and applying writes every row.
#[test]
fn a_preview_lists_a_few_hundred_rows_of_each_kind_and_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = demo(dir.path());
    let path = dir.path().join("一千三百人.csv");
    let id = |i: u32| {
        let digits = format!("1411301980{:02}{:02}{:03}", 1 + i % 12, 1 + i % 28, i);
        format!("{digits}{}", check_character(&digits))
    };
    let mut text = String::from("姓名,公民身份号码,所在党支部\n");
    for i in 0..700 {
        text.push_str(&format!("新{i},{},东关社区第一党支部\n", id(i)));
    }
    for i in 0..600 {
        // A check character that cannot be right.
        text.push_str(&format!("错{i},14113019800101{i:03}Y,东关社区第一党支部\n"));
    }
    text.push_str(&format!("甲,{},东关社区第一党支部\n", id(699)));
    std::fs::write(&path, text).unwrap();

    let p = preview(&db, &path).preview;
    let listed = |k: RowKind| p.diffs.iter().filter(|d| d.kind == k).count();
    assert_eq!((p.new, p.conflicts, p.report.rows.error), (699, 2, 600));
    assert_eq!(p.listed_each as usize, import::LISTED);
    assert_eq!((listed(RowKind::New), listed(RowKind::Error)), (500, 500));
    // The first row of the pair was read as new before its twin came; the twin is listed.
    assert!(p
        .diffs
        .iter()
        .any(|d| d.kind == RowKind::Conflict && d.name == "甲"));
    assert_eq!(p.diffs_left_out as usize, 699 + 2 + 600 - p.diffs.len());
    let errors = p
        .report
        .issues
        .iter()
        .filter(|i| i.level == taizhang_app::excel::check::Level::Error)
        .count();
    // 600 errors, and 701 warnings (the file has no 民族 or 入党日期 column: 待补录).
    assert_eq!(p.report.rows.warning, 701);
    assert_eq!((errors, p.issues_left_out), (500, 100 + 201));

    let out = dir.path().join("错误原因.xlsx");
    let marked =
        registers::write_errors(&db, &ctx(), Register::PartyMembers, &path, &options(), &out)
            .unwrap();
    assert_eq!(
        marked,
        600 + 701,
        "every row with an issue is marked, listed or not"
    );

    let done = apply(&mut db, &path, Choice::default());
    assert_eq!(done.applied, 699);
}

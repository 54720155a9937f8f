//! Archive bundles on real files: the whole office exported (manifest with SHA-256 of every file,
//! registers as .xlsx read back with calamine, per-record PDFs read back with pdftotext, the
//! houses' attachments, a database snapshot); a tampered, truncated or padded archive refused
//! naming what fails; replaced into an empty database; merged into another office with a new
//! member added and a newer local edit kept as a conflict; a part of the registers exported
//! alone and refused for replace.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use std::{
    io::{Read, Write},
    path::Path,
};

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use taizhang_app::{
    archive::{self, Mode},
    backup,
    core::{backup::Reason, progress::Quiet},
    db::backup::Summary,
    house, party_member,
    registers::Register,
    setup, Ctx, Db,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn office(path: &Path) -> Db {
    let mut db = setup::open(path, None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

fn count(s: &Summary, label: &str) -> i64 {
    s.counts.iter().find(|(l, _)| l == label).unwrap().1
}

/// The entries of a zip, in order.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (e.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

fn rezip(path: &Path, files: &[(String, Vec<u8>)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

/// 王国民's member record id.
fn wang(db: &Db) -> i64 {
    db.conn()
        .query_row(
            "SELECT m.id FROM party_member m JOIN person p ON p.id = m.person_id WHERE p.name = '王国民'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn an_office_moves_to_another_pc_in_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = office(&dir.path().join("a").join("taizhang.db"));
    backup::set_password(&mut a, &ctx(), Some("交口街道2026")).unwrap();
    // A scan kept with 王国民's house, a member joining, 王国民's new phone.
    let scan = dir.path().join("鉴定报告.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% scanned report\n%%EOF\n").unwrap();
    let house_id = house::houses(&a, &ctx(), &Default::default()).unwrap()[0].id;
    house::attach(&mut a, &ctx(), house_id, &scan, "鉴定报告").unwrap();
    let mut joining = party_member::get(&a, &ctx(), wang(&a)).unwrap().input;
    joining.name = "新成员".into();
    joining.id_number = "14113019950101001X".into();
    joining.phone = "13900001111".into();
    joining.address = "东关社区1号楼1单元101室".into();
    party_member::create(&mut a, &ctx(), joining).unwrap();
    let id = wang(&a);
    let mut w = party_member::get(&a, &ctx(), id).unwrap().input;
    w.phone = "13912345678".into();
    party_member::update(&mut a, &ctx(), id, w).unwrap();

    // C: the same demo office on another PC, where 王国民's work unit is edited after the
    // archive is written.
    let mut c = office(&dir.path().join("c").join("taizhang.db"));

    let out = dir.path().join("交口街道档案.zip");
    let done = archive::export(&mut a, &ctx(), &out, &[], None, &Quiet).unwrap();
    let m = &done.manifest;
    assert!(m.whole_office && m.office_name == "交口街道");
    assert_eq!(m.registers.len(), Register::ALL.len());
    let files = entries(&out);
    assert_eq!(
        files.len(),
        m.files.len() + 1,
        "every file listed, plus the manifest"
    );
    for f in &m.files {
        let (_, bytes) = files.iter().find(|(n, _)| *n == f.path).unwrap();
        use sha2::Digest;
        let hash: String = sha2::Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hash, f.sha256, "{}", f.path);
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"database/taizhang.db"));
    assert!(names
        .iter()
        .any(|n| n.starts_with("pdf/一户一档/东关社区前进路8号")));
    assert!(names.iter().any(|n| n.starts_with("pdf/会议记录/")));
    assert!(names
        .iter()
        .any(|n| n.starts_with(&format!("attachments/house-{house_id}/"))
            && n.ends_with("鉴定报告.pdf")));
    // The roster with full IDs (another PC merges by them), read by a second reader.
    let roster = dir.path().join("roster.xlsx");
    std::fs::write(
        &roster,
        &files
            .iter()
            .find(|(n, _)| n == "registers/党员花名册.xlsx")
            .unwrap()
            .1,
    )
    .unwrap();
    let mut book = open_workbook_auto(&roster).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet.rows().any(|r| r
        .iter()
        .any(|c| matches!(c, Data::String(s) if s == "141130195603020077"))));
    // 王国民's 一人一档, masked as every print.
    let (_, pdf) = files
        .iter()
        .find(|(n, _)| n.starts_with("pdf/一人一档/王国民-0077"))
        .unwrap();
    let text = common::pdftotext(pdf);
    assert!(
        text.contains("一人一档") && text.contains("王国民"),
        "{text}"
    );
    assert!(!text.contains("141130195603020077"));

    // Tampered, truncated, padded: refused, naming what fails.
    assert_eq!(
        archive::verify(&c, &out, None).unwrap().files.len(),
        m.files.len()
    );
    let bad = dir.path().join("坏档案.zip");
    let mut changed = files.clone();
    let roster_entry = changed
        .iter_mut()
        .find(|(n, _)| n == "registers/党员花名册.xlsx")
        .unwrap();
    roster_entry.1[100] ^= 1;
    rezip(&bad, &changed);
    let e = archive::verify(&c, &bad, None).unwrap_err();
    assert!(
        e.message.contains("registers/党员花名册.xlsx") && e.message.contains("与清单不符"),
        "{}",
        e.message
    );
    let bytes = std::fs::read(&out).unwrap();
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    let e = archive::verify(&c, &bad, None).unwrap_err();
    assert!(e.message.contains("不完整或已损坏"), "{}", e.message);
    let mut padded = files.clone();
    padded.push(("说明.txt".into(), "多出来的".as_bytes().to_vec()));
    rezip(&bad, &padded);
    let e = archive::verify(&c, &bad, None).unwrap_err();
    assert!(
        e.message.contains("清单之外的文件“说明.txt”"),
        "{}",
        e.message
    );
    let mut missing = files.clone();
    missing.retain(|(n, _)| !n.starts_with("pdf/一户一档/"));
    rezip(&bad, &missing);
    let e = archive::verify(&c, &bad, None).unwrap_err();
    assert!(
        e.message.contains("pdf/一户一档/") && e.message.contains("缺失"),
        "{}",
        e.message
    );

    // Replace: a new PC's empty database becomes the office.
    let mut b = setup::open(&dir.path().join("b").join("taizhang.db"), None).unwrap();
    let dry = archive::import(&mut b, &ctx(), &out, Mode::Replace, true, None, &Quiet).unwrap();
    assert_eq!(count(&dry.current, "党员"), 0);
    assert_eq!(count(&dry.after, "党员"), 301);
    assert!(
        !setup::status(&b).unwrap().initialized,
        "a dry run writes nothing"
    );
    archive::import(&mut b, &ctx(), &out, Mode::Replace, false, None, &Quiet).unwrap();
    assert_eq!(setup::status(&b).unwrap().office_name, "交口街道");
    assert!(
        !backup::settings(&b).unwrap().encrypted,
        "the backup password does not travel"
    );
    let snapshot = &files
        .iter()
        .find(|(n, _)| n == "database/taizhang.db")
        .unwrap()
        .1;
    assert!(!snapshot
        .windows("交口街道2026".len())
        .any(|w| w == "交口街道2026".as_bytes()));
    assert!(taizhang_app::db_check(&b).unwrap().is_empty());
    let (_, scan_back) = house::attachment(
        &b,
        &ctx(),
        taizhang_app::db::attachment::of(
            b.conn(),
            taizhang_app::db::attachment::Owner::House,
            house_id,
        )
        .unwrap()[0]
            .id,
    )
    .unwrap();
    assert_eq!(scan_back, std::fs::read(&scan).unwrap());
    assert!(backup::list(&b)
        .unwrap()
        .iter()
        .any(|f| f.reason == Reason::BeforeArchiveImport));

    // Merge into C: the new member comes in; 王国民's newer local edit (his work unit) is kept,
    // shown as a conflict.
    let id = wang(&c);
    let mut w = party_member::get(&c, &ctx(), id).unwrap().input;
    w.work_unit = "交口县供销社".into();
    party_member::update(&mut c, &ctx(), id, w).unwrap();
    // C keeps its backups on a stick; the merge's work on its copy leaves nothing there.
    let stick = dir.path().join("U盘");
    backup::set_folder(&mut c, &ctx(), stick.to_str().unwrap()).unwrap();
    let before = std::fs::metadata(c.path().unwrap()).unwrap().len();
    let dry = archive::import(&mut c, &ctx(), &out, Mode::Merge, true, None, &Quiet).unwrap();
    assert_eq!(std::fs::metadata(c.path().unwrap()).unwrap().len(), before);
    // Every register's own layout reads back without an error row.
    for m in &dry.merged {
        let errors: Vec<_> = m
            .outcome
            .preview
            .diffs
            .iter()
            .filter(|d| d.kind == taizhang_app::import::RowKind::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", m.title);
    }
    let members = &dry.merged[0];
    assert_eq!(members.register, "party-members");
    assert_eq!(
        members.outcome.preview.new, 1,
        "{:#?}",
        members.outcome.preview.diffs
    );
    assert_eq!(
        members.outcome.preview.conflicts, 1,
        "{:#?}",
        members.outcome.preview.diffs
    );
    assert_eq!(count(&dry.current, "党员") + 1, count(&dry.after, "党员"));
    archive::import(&mut c, &ctx(), &out, Mode::Merge, false, None, &Quiet).unwrap();
    let on_stick: Vec<_> = backup::list(&c)
        .unwrap()
        .into_iter()
        .filter(|b| b.path.starts_with(stick.to_str().unwrap()))
        .map(|b| b.reason)
        .collect();
    assert_eq!(
        on_stick,
        [Reason::BeforeArchiveImport],
        "only the live database's backup"
    );
    let found = party_member::list(
        &c,
        &ctx(),
        &party_member::PartyMemberQuery {
            search: "新成员".into(),
            page: 1,
            page_size: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(found.total, 1);
    let kept = party_member::get(&c, &ctx(), wang(&c)).unwrap().input;
    assert_eq!(kept.work_unit, "交口县供销社", "the newer local edit stays");
    assert!(taizhang_app::db_check(&c).unwrap().is_empty());

    // Part of the registers: no database inside, so no replace.
    let part = dir.path().join("房屋.zip");
    let done = archive::export(&mut a, &ctx(), &part, &[Register::Houses], None, &Quiet).unwrap();
    assert!(!done.manifest.whole_office);
    assert!(entries(&part)
        .iter()
        .all(|(n, _)| n != "database/taizhang.db"));
    let e = archive::import(&mut b, &ctx(), &part, Mode::Replace, true, None, &Quiet).unwrap_err();
    assert!(e.message.contains("只含部分台账"), "{}", e.message);
}

/// Archives made to hurt: sizes the manifest states are checked before they size anything, a
/// file is refused at the first byte past its stated size, an oversized manifest is not read
/// whole — each with a Chinese refusal, nothing unpacked left behind.
#[test]
fn crafted_archives_are_refused_at_once_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    let manifest = |files: serde_json::Value, office: &str| {
        serde_json::json!({
            "format": "taizhang-archive", "format_version": 1, "app_version": "0",
            "schema_version": 1, "office_name": office, "created_at": "2026-11-23 10:00:00",
            "created_by": "x", "registers": [], "whole_office": false, "counts": [],
            "files": files,
        })
        .to_string()
        .into_bytes()
    };
    let payload = vec![7u8; 1 << 20];
    type Entries = Vec<(String, Vec<u8>)>;
    let cases: Vec<(&str, Entries, &str)> = vec![
        (
            "a size no file has",
            vec![
                (
                    "manifest.json".into(),
                    manifest(
                        serde_json::json!([{"path": "database/taizhang.db", "size": u64::MAX, "sha256": "00"}]),
                        "某街道",
                    ),
                ),
                ("database/taizhang.db".into(), payload.clone()),
            ],
            "超过上限 16 GB",
        ),
        (
            "a terabyte promised",
            vec![
                (
                    "manifest.json".into(),
                    manifest(
                        serde_json::json!([{"path": "database/taizhang.db", "size": 1u64 << 40, "sha256": "00"}]),
                        "某街道",
                    ),
                ),
                ("database/taizhang.db".into(), payload.clone()),
            ],
            "超过上限 16 GB",
        ),
        (
            "more than promised",
            vec![
                (
                    "manifest.json".into(),
                    manifest(
                        serde_json::json!([{"path": "database/taizhang.db", "size": 10, "sha256": "00"}]),
                        "某街道",
                    ),
                ),
                ("database/taizhang.db".into(), payload.clone()),
            ],
            "与清单不符",
        ),
        (
            "a manifest of 65 MB",
            vec![(
                "manifest.json".into(),
                manifest(serde_json::json!([]), &"街".repeat(23 << 20)),
            )],
            "超过 64 MB",
        ),
    ];
    for (what, files, says) in cases {
        let path = dir.path().join("档案.zip");
        rezip(&path, &files);
        let e = archive::verify(&db, &path, None).unwrap_err();
        assert!(e.message.contains(says), "{what}: {}", e.message);
        let work = dir.path().join(".taizhang-work");
        let left: Vec<_> = std::fs::read_dir(&work).unwrap().flatten().collect();
        assert!(left.is_empty(), "{what} left {left:?}");
    }
}

/// A register file in an archive that reads as nothing (no table in it) stops a merge with the
/// reason, rather than merging "新增 0" and hiding that a register was left out.
#[test]
fn a_register_that_reads_as_nothing_stops_the_merge() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let mut a = office(&dir.path().join("a").join("taizhang.db"));
    let out = dir.path().join("花名册档案.zip");
    archive::export(
        &mut a,
        &ctx(),
        &out,
        &[Register::PartyMembers],
        None,
        &Quiet,
    )
    .unwrap();
    let mut files = entries(&out);
    let name = "registers/党员花名册.xlsx";
    let blank = dir.path().join("空白.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write(0, 0, "本表无内容").unwrap();
    wb.save(&blank).unwrap();
    let bytes = std::fs::read(&blank).unwrap();
    let hex: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (_, manifest) = files.iter().find(|(n, _)| n == "manifest.json").unwrap();
    let mut m: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    for f in m["files"].as_array_mut().unwrap() {
        if f["path"] == name {
            f["size"] = bytes.len().into();
            f["sha256"] = hex.clone().into();
        }
    }
    for (n, b) in files.iter_mut() {
        if n == name {
            b.clone_from(&bytes);
        } else if n == "manifest.json" {
            *b = serde_json::to_vec(&m).unwrap();
        }
    }
    rezip(&out, &files);

    let mut b = office(&dir.path().join("b").join("taizhang.db"));
    let before = b.summary(&taizhang_app::registers::counted()).unwrap();
    let e = archive::import(&mut b, &ctx(), &out, Mode::Merge, false, None, &Quiet).unwrap_err();
    assert!(
        e.message.contains("党员花名册读不出来") && e.message.contains("台账没有改动"),
        "{}",
        e.message
    );
    assert_eq!(
        b.summary(&taizhang_app::registers::counted()).unwrap(),
        before
    );
}

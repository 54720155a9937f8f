//! 房屋安全 on a real database: a messy BIFF8 sweep sheet imported row by row, overdue computed
//! against a date passed in, the rectification status machine (no 销号 without completion date
//! and evidence, no silent going back), re-import moving progress forward and its undo, and the
//! campaign ledger exported and read back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use taizhang_app::{
    core::{
        dict::Dict,
        house::{
            Conclusion, HouseInput, InspectionInput, Measure, RectStatus, RectificationInput,
            StatusChange,
        },
        progress::Quiet,
    },
    export,
    house::{self, HouseQuery},
    import::{self, Approval, Choice, ImportOptions, RowKind},
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

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sweep_biff8.xls")
}

/// The demo office with only its one hand-made house (王国民's): these tests count houses,
/// inspections and rectifications exactly, so the demo's generated sweep is taken out.
fn office(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db.conn()
        .execute_batch(
            "DELETE FROM house_rectification WHERE house_id IN
                 (SELECT id FROM house WHERE owner_person_id IS NULL);
             DELETE FROM house_inspection WHERE house_id IN
                 (SELECT id FROM house WHERE owner_person_id IS NULL);
             DELETE FROM house WHERE owner_person_id IS NULL;",
        )
        .unwrap();
    db
}

fn apply(db: &mut Db, path: &Path) -> import::ImportOutcome {
    apply_with(db, path, &ImportOptions::default())
}

fn apply_with(db: &mut Db, path: &Path, options: &ImportOptions) -> import::ImportOutcome {
    registers::apply(
        db,
        &ctx(),
        Register::Houses,
        path,
        options,
        Approval {
            choice: Choice::default(),
            expected_hash: None,
        },
        &Quiet,
    )
    .unwrap()
}

/// A one-sheet workbook of `rows` (the first is the header); empty texts stay blank cells.
fn sheet(path: &Path, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn house_at(db: &Db, address: &str) -> house::HouseDetail {
    let q = HouseQuery {
        search: address.into(),
        ..Default::default()
    };
    let id = house::houses(db, &ctx(), &q).unwrap()[0].id;
    house::get(db, &ctx(), id).unwrap()
}

#[test]
fn a_messy_sweep_sheet_is_imported_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let done = apply(&mut db, &fixture());
    let p = &done.preview;
    assert_eq!((p.new, done.applied), (4, 4), "{:#?}", p.diffs);
    let reason = |address: &str| {
        let d = p.diffs.iter().find(|d| d.key == address).unwrap();
        assert_eq!(d.kind, RowKind::Error, "{address}");
        d.reason.clone()
    };
    assert!(reason("西关社区新村7号").contains("需填写整治措施"));
    assert!(reason("西关社区新村9号").contains("茅草房"));
    assert!(reason("西关社区新村11号").contains("导入不能直接销号"));
    // The owner, not a name column, names a row in the preview.
    assert!(p.diffs.iter().any(|d| d.name == "王国民"));

    let wang = house_at(&db, "东关社区后街12号");
    let h = &wang.house.input;
    assert_eq!(
        (
            h.structure.as_str(),
            h.storeys,
            h.built.as_str(),
            h.business
        ),
        ("砖混", Some(3), "1980年代", true)
    );
    assert_eq!(wang.house.community, "东关社区");
    assert_eq!(wang.inspections.len(), 1);
    assert_eq!(wang.inspections[0].input.hazards, ["墙体开裂", "屋面漏雨"]);
    assert_eq!(
        wang.inspections[0].input.inspected_on, "2026-11-22",
        "no date: the import's day"
    );
    assert_eq!(wang.rectifications[0].status, RectStatus::Pending);
    assert_eq!(wang.rectifications[0].input.deadline, "2026-12-31");

    let li = house_at(&db, "东关社区后街14号");
    assert_eq!(li.house.conclusion, Some(Conclusion::Safe));
    assert!(li.rectifications.is_empty());

    // 院墙倾斜 is no dictionary hazard: kept in the description, not made a type.
    let zhang = house_at(&db, "南山村3组8号");
    assert_eq!(zhang.inspections[0].input.hazards, ["地基沉降"]);
    assert_eq!(zhang.inspections[0].input.findings, "地基下沉、院墙倾斜");
    assert_eq!(zhang.rectifications[0].status, RectStatus::Working);
    assert!(
        zhang.rectifications[0].overdue,
        "due 2026-10-31, open on 2026-11-22"
    );
    assert_eq!(
        house_at(&db, "西关社区新村5号").rectifications[0].status,
        RectStatus::Done
    );

    // Overdue against the date passed in.
    let overdue = house::overdue(&db, &ctx()).unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].1.input.address, "南山村3组8号");
    let earlier = Ctx {
        today: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
        ..ctx()
    };
    assert!(
        house::overdue(&db, &earlier).unwrap().is_empty(),
        "due today is not late"
    );
    let q = HouseQuery {
        overdue_only: true,
        ..Default::default()
    };
    assert_eq!(house::houses(&db, &ctx(), &q).unwrap().len(), 1);

    // The same sheet again changes nothing.
    let again = registers::preview(
        &db,
        &ctx(),
        Register::Houses,
        &fixture(),
        &ImportOptions::default(),
        &Quiet,
    )
    .unwrap()
    .preview;
    assert_eq!(
        (again.new, again.changed, again.unchanged),
        (0, 0, 4),
        "{:#?}",
        again.diffs
    );
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

#[test]
fn a_rectification_reaches_closure_only_with_completion_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());
    let zhang = house_at(&db, "南山村3组8号");
    let id = zhang.rectifications[0].id;
    let change = |completed_on: &str, evidence: &str, reason: &str| StatusChange {
        completed_on: Some(completed_on.to_owned()).filter(|d| !d.is_empty()),
        evidence: evidence.into(),
        reason: reason.into(),
    };
    let e = house::move_rectification(
        &mut db,
        &ctx(),
        id,
        RectStatus::Closed,
        change("2026-11-20", "", ""),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(
        e.message.contains("只有已整治的隐患才能销号"),
        "{}",
        e.message
    );
    let e = house::move_rectification(&mut db, &ctx(), id, RectStatus::Done, change("", "", ""))
        .unwrap_err();
    assert!(e.message.contains("需要填写完成日期"), "{}", e.message);
    house::move_rectification(
        &mut db,
        &ctx(),
        id,
        RectStatus::Done,
        change("2026-11-20", "", ""),
    )
    .unwrap();
    let e = house::move_rectification(
        &mut db,
        &ctx(),
        id,
        RectStatus::Closed,
        change("2026-11-20", "", ""),
    )
    .unwrap_err();
    assert!(e.message.contains("佐证材料"), "{}", e.message);
    let e = house::move_rectification(&mut db, &ctx(), id, RectStatus::Working, change("", "", ""))
        .unwrap_err();
    assert!(e.message.contains("需要填写原因"), "{}", e.message);
    house::move_rectification(
        &mut db,
        &ctx(),
        id,
        RectStatus::Closed,
        change("2026-11-20", "验收照片3张、街道验收意见", ""),
    )
    .unwrap();

    let closed = &house_at(&db, "南山村3组8号").rectifications[0];
    assert_eq!(closed.status, RectStatus::Closed);
    assert_eq!(closed.closed_on.as_deref(), Some("2026-11-22"));
    assert!(!closed.overdue);
    assert!(house::overdue(&db, &ctx()).unwrap().is_empty());
    // Every step is in the audit trail.
    let q = taizhang_app::db::audit::AuditQuery {
        entity: Some(house::ENTITY.into()),
        entity_id: Some(zhang.house.id),
        page: 1,
        page_size: 50,
        ..Default::default()
    };
    let trail = taizhang_app::audit::list(&db, &ctx(), &q).unwrap();
    assert!(trail
        .items
        .iter()
        .any(|e| e.summary.contains("整治中 → 已整治")));
    assert!(trail
        .items
        .iter()
        .any(|e| e.summary.contains("已整治 → 已销号")));

    // The database itself refuses a 销号 without evidence.
    let e = db
        .conn()
        .execute(
            "UPDATE house_rectification SET evidence = '' WHERE id = ?1",
            [id],
        )
        .unwrap_err();
    assert!(e.to_string().contains("CHECK"), "{e}");

    house::evacuate(
        &mut db,
        &ctx(),
        zhang.house.id,
        "张建国",
        "南山村委会临时安置点",
        "2026-10-20",
        "",
    )
    .unwrap();
    assert_eq!(
        house_at(&db, "南山村3组8号").evacuations[0].moved_to,
        "南山村委会临时安置点"
    );
}

#[test]
fn progress_from_a_later_sheet_moves_forward_and_its_undo_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());

    // The district's next sheet: 后街12号 now 整治中; 后街14号 re-inspected with a new finding.
    let later = dir.path().join("第二轮.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [&[&str]; 3] = [
        &[
            "房屋地址",
            "产权人",
            "结构类型",
            "排查日期",
            "排查结论",
            "隐患描述",
            "整治措施",
            "整治时限",
            "完成情况",
        ],
        &[
            "东关社区后街12号",
            "王国民",
            "砖混",
            "2026-11-22",
            "一般隐患",
            "墙体开裂、屋面漏雨",
            "维修",
            "2026-12-31",
            "整改中",
        ],
        &[
            "东关社区后街14号",
            "李秀英",
            "框架",
            "2026-11-21",
            "一般隐患",
            "屋顶漏雨",
            "维修",
            "2027-03-31",
            "待整治",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&later).unwrap();
    let second = apply(&mut db, &later);
    assert_eq!(
        (second.preview.changed, second.applied),
        (2, 2),
        "{:#?}",
        second.preview.diffs
    );
    let wang = house_at(&db, "东关社区后街12号");
    assert_eq!(
        (wang.inspections.len(), wang.rectifications[0].status),
        (1, RectStatus::Working)
    );
    let li = house_at(&db, "东关社区后街14号");
    assert_eq!(
        li.inspections.len(),
        2,
        "a new inspection joins the history"
    );
    assert_eq!(li.house.conclusion, Some(Conclusion::Hazard));
    assert_eq!(li.inspections[1].input.hazards, ["屋面漏雨"]);

    registers::undo(&mut db, &ctx(), second.batch_id.unwrap()).unwrap();
    assert_eq!(
        house_at(&db, "东关社区后街12号").rectifications[0].status,
        RectStatus::Pending
    );
    let li = house_at(&db, "东关社区后街14号");
    assert_eq!(
        (li.inspections.len(), li.house.conclusion),
        (1, Some(Conclusion::Safe))
    );

    // A sheet may not take progress back.
    apply(&mut db, &later);
    let back = dir.path().join("退回.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [
        ["房屋地址", "产权人", "结构类型", "完成情况"],
        ["东关社区后街12号", "王国民", "砖混", "未整改"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&back).unwrap();
    let p = registers::preview(
        &db,
        &ctx(),
        Register::Houses,
        &back,
        &ImportOptions::default(),
        &Quiet,
    )
    .unwrap()
    .preview;
    assert!(
        p.diffs[0].reason.contains("不能从“整治中”退回“待整治”"),
        "{:#?}",
        p.diffs
    );
}

#[test]
fn the_campaign_ledger_exports_in_the_sweep_layout_and_reads_back() {
    use calamine::{DataType, Reader};
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());
    // An appraisal entered by hand travels with the house.
    let zhang = house_at(&db, "南山村3组8号").house;
    let appraised = HouseInput {
        appraised: true,
        appraisal: Some(taizhang_app::core::house::Appraisal::C),
        appraised_on: Some("2025-06-18".into()),
        appraiser: "运城市建设工程质量检测中心".into(),
        ..zhang.input
    };
    house::save(&mut db, &ctx(), Some(zhang.id), appraised).unwrap();
    let out = dir.path().join("台账.xlsx");
    let request = export::Request {
        unmasked: Some("核对"),
        ..Default::default()
    };
    let done = registers::export(&mut db, &ctx(), Register::Houses, &out, request).unwrap();
    assert_eq!(done.rows, 5, "the demo's one house and the sheet's four");
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let name = book.sheet_names()[0].clone();
    let rows: Vec<Vec<String>> = book
        .worksheet_range(&name)
        .unwrap()
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.as_date().map_or_else(|| c.to_string(), |d| d.to_string()))
                .collect()
        })
        .collect();
    let header = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "房屋地址"))
        .unwrap();
    let want = [
        "乡镇（街道）",
        "社区（村）",
        "房屋地址",
        "产权人",
        "身份证号",
        "联系电话",
        "结构类型",
        "层数",
        "建成年代",
        "用途",
        "是否经营性自建房",
        "排查结论",
        "隐患描述",
        "整治措施",
        "整治时限",
        "完成情况",
    ];
    let at = header.iter().position(|c| c == "乡镇（街道）").unwrap();
    assert_eq!(&header[at..at + want.len()], want);
    let zhang = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "南山村3组8号"))
        .unwrap();
    for cell in [
        "交口街道",
        "南山村",
        "土木",
        "1990年代",
        "存在结构倒塌风险",
        "停用撤离",
        "2026-10-31",
        "整治中",
        "C级",
        "2025-06-18",
        "运城市建设工程质量检测中心",
    ] {
        assert!(
            zhang.iter().any(|c| c == cell),
            "{cell} missing from {zhang:?}"
        );
    }
    let back = registers::preview(
        &db,
        &ctx(),
        Register::Houses,
        &out,
        &ImportOptions::default(),
        &Quiet,
    )
    .unwrap()
    .preview;
    assert_eq!(
        (back.new, back.changed, back.unchanged),
        (0, 0, 5),
        "{:#?}",
        back.diffs
    );
}

/// The PDF's text without white space (line breaks fall anywhere).
fn pdftotext(bytes: &[u8]) -> String {
    common::pdftotext(bytes).split_whitespace().collect()
}

#[test]
fn the_notice_and_the_archive_print_what_the_register_holds() {
    use taizhang_app::print;
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());
    let zhang = house_at(&db, "南山村3组8号").house.id;
    house::evacuate(
        &mut db,
        &ctx(),
        zhang,
        "张建国",
        "南山村委会临时安置点",
        "2026-10-20",
        "",
    )
    .unwrap();

    let notice = print::rectification_notice(&db, &ctx(), zhang).unwrap();
    let text = pdftotext(&notice.bytes);
    for want in [
        "房屋安全隐患整治告知单",
        "张建国：",
        "南山村3组8号",
        "存在结构倒塌风险",
        "地基下沉、院墙倾斜",
        "（一）停用撤离，于2026年10月31日前完成。",
        "产权人签收",
    ] {
        assert!(
            text.contains(want),
            "{want} missing from the notice: {text}"
        );
    }
    let archive = print::house_archive(&db, &ctx(), zhang).unwrap();
    let text = pdftotext(&archive.bytes);
    for want in [
        "自建房安全一户一档",
        "1990年代",
        "整治中（逾期）",
        "南山村委会临时安置点",
        "1411**********0019",
    ] {
        assert!(
            text.contains(want),
            "{want} missing from the archive: {text}"
        );
    }
    assert!(!text.contains("141130198001010019"), "the ID is masked");

    let safe = house_at(&db, "东关社区后街14号").house.id;
    let e = print::rectification_notice(&db, &ctx(), safe).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("没有待整治的隐患"), "{}", e.message);
}

/// A house as a clerk enters it by hand, every field valid.
fn by_hand(address: &str) -> HouseInput {
    HouseInput {
        address: address.into(),
        community_id: None,
        grid_id: None,
        owner: "刘桂英".into(),
        owner_id_number: String::new(),
        phone: String::new(),
        structure: "砖木".into(),
        storeys: Some(2),
        floor_area: "86.5".into(),
        built: "七十年代".into(),
        use_kind: None,
        business: false,
        appraised: false,
        appraisal: None,
        appraised_on: None,
        appraiser: String::new(),
        note: String::new(),
    }
}

#[test]
fn a_house_entered_by_hand_is_checked_inspected_and_kept_in_the_recycle_bin() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let mut h = HouseInput {
        owner_id_number: "141130196001010010".into(),
        structure: "草房".into(),
        storeys: Some(0),
        floor_area: "很大".into(),
        built: "解放前".into(),
        ..by_hand("东关社区前街3号")
    };
    // Every mistake at once, each on its field, in Chinese.
    let e = house::save(&mut db, &ctx(), None, h.clone()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "owner_id_number",
            "structure",
            "storeys",
            "built",
            "floor_area"
        ]
    );
    assert!(
        e.message.contains("结构类型“草房”不在字典中"),
        "{}",
        e.message
    );

    h.owner_id_number = String::new();
    h.structure = "砖木".into();
    h.storeys = Some(2);
    h.floor_area = "86.5".into();
    h.built = "七十年代".into();
    let id = house::save(&mut db, &ctx(), None, h.clone()).unwrap();
    let e = house::save(&mut db, &ctx(), None, h.clone()).unwrap_err();
    assert!(e.message.contains("已登记过一处房屋"), "{}", e.message);

    let i = InspectionInput {
        inspected_on: "2026-11-20".into(),
        inspectors: "马丽、李明".into(),
        findings: "后墙开裂".into(),
        conclusion: Conclusion::Hazard,
        hazards: vec!["墙体开裂".into()],
    };
    let e = house::inspect(&mut db, &ctx(), id, i.clone(), Vec::new()).unwrap_err();
    assert!(e.message.contains("需要填写整治措施"), "{}", e.message);
    let fix = RectificationInput {
        hazard: "墙体开裂".into(),
        measure: Measure::Reinforce,
        responsible: "刘桂英".into(),
        deadline: "2027-03-31".into(),
        deadline_as_written: String::new(),
    };
    house::inspect(&mut db, &ctx(), id, i, vec![fix]).unwrap();
    let d = house::get(&db, &ctx(), id).unwrap();
    assert_eq!(d.house.input.built, "1970年代");
    assert_eq!(
        (d.house.conclusion, d.house.open, d.house.overdue),
        (Some(Conclusion::Hazard), 1, 0)
    );

    house::delete(&mut db, &ctx(), id).unwrap();
    // The demo office's one house (王国民's) stays.
    assert!(house::houses(&db, &ctx(), &HouseQuery::default())
        .unwrap()
        .iter()
        .all(|h| h.id != id));
    let bin = taizhang_app::recycle_bin::list(&db, &ctx(), 1, 20).unwrap();
    assert_eq!(bin.items[0].title, "东关社区前街3号（刘桂英）");
    taizhang_app::recycle_bin::restore(&mut db, &ctx(), house::ENTITY, id).unwrap();
    assert_eq!(
        house::houses(&db, &ctx(), &HouseQuery::default())
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn photos_and_scans_are_kept_with_the_house_and_printed_in_its_archive() {
    use taizhang_app::print;
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());
    let zhang = house_at(&db, "南山村3组8号").house.id;

    let photo = dir.path().join("东侧外墙.jpg");
    image::RgbImage::from_fn(900, 600, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 3) as u8, 90])
    })
    .save(&photo)
    .unwrap();
    let scan = dir.path().join("鉴定报告.pdf");
    std::fs::write(
        &scan,
        print::house_archive(&db, &ctx(), zhang).unwrap().bytes,
    )
    .unwrap();
    let letter = dir.path().join("说明.docx");
    std::fs::write(&letter, b"PK\x03\x04 not a photo").unwrap();

    let e = house::attach(&mut db, &ctx(), zhang, &letter, "").unwrap_err();
    assert_eq!(e.code, ErrorCode::BadFile);
    assert!(
        e.message.contains("只能添加 JPG、PNG 照片或 PDF 扫描件"),
        "{}",
        e.message
    );
    let photo_id = house::attach(&mut db, &ctx(), zhang, &photo, "东侧外墙裂缝").unwrap();
    house::attach(&mut db, &ctx(), zhang, &scan, "").unwrap();
    let d = house_at(&db, "南山村3组8号");
    let names: Vec<(&str, &str)> = d
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.mime.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("东侧外墙.jpg", "image/jpeg"),
            ("鉴定报告.pdf", "application/pdf")
        ]
    );
    let (_, bytes) = house::attachment(&db, &ctx(), photo_id).unwrap();
    assert_eq!(bytes, std::fs::read(&photo).unwrap(), "kept byte for byte");

    let archive = print::house_archive(&db, &ctx(), zhang).unwrap();
    let text = pdftotext(&archive.bytes);
    for want in [
        "四、照片及资料",
        "东侧外墙裂缝（东侧外墙.jpg）",
        "另有扫描件：鉴定报告.pdf。",
    ] {
        assert!(
            text.contains(want),
            "{want} missing from the archive: {text}"
        );
    }
    let images = common::pdfimages(&archive.bytes);
    assert_eq!(images.len(), 1, "one photo embedded: {images:?}");
    assert!(
        images[0].contains("900   600") || images[0].contains("900 600"),
        "{images:?}"
    );

    // Taken out to the recycle bin, and back.
    taizhang_app::attachment::remove::<house::HouseFiles>(&mut db, &ctx(), photo_id).unwrap();
    assert_eq!(house_at(&db, "南山村3组8号").attachments.len(), 1);
    let bin = taizhang_app::recycle_bin::list(&db, &ctx(), 1, 20).unwrap();
    assert_eq!(bin.items[0].entity, house::ATTACHMENT);
    assert_eq!(bin.items[0].title, "东侧外墙.jpg（南山村3组8号）");
    taizhang_app::recycle_bin::restore(&mut db, &ctx(), house::ATTACHMENT, photo_id).unwrap();
    assert_eq!(house_at(&db, "南山村3组8号").attachments.len(), 2);
}

#[test]
fn the_owner_id_is_revealed_on_purpose_and_a_masked_form_keeps_it() {
    use taizhang_app::party_member::SensitiveField;
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());
    let d = house_at(&db, "南山村3组8号");
    assert_eq!(d.house.input.owner_id_number, "1411**********0019");

    let full = house::reveal(
        &mut db,
        &ctx(),
        d.house.id,
        SensitiveField::IdNumber,
        "核对身份",
    )
    .unwrap();
    assert_eq!(full, "141130198001010019");
    let log = taizhang_app::audit::list(
        &db,
        &ctx(),
        &taizhang_app::db::audit::AuditQuery {
            entity: Some(house::ENTITY.into()),
            entity_id: Some(d.house.id),
            page: 1,
            page_size: 20,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        log.items[0].summary.contains("产权人的完整身份证号"),
        "{:?}",
        log.items[0]
    );

    // The form sends back what it was shown: the stored ID stays.
    let mut edit = d.house.input.clone();
    edit.floor_area = "132".into();
    house::save(&mut db, &ctx(), Some(d.house.id), edit).unwrap();
    let full = house::reveal(
        &mut db,
        &ctx(),
        d.house.id,
        SensitiveField::IdNumber,
        "核对身份",
    )
    .unwrap();
    assert_eq!(full, "141130198001010019");
    assert_eq!(house_at(&db, "南山村3组8号").house.input.floor_area, "132");
}

#[test]
fn the_dashboard_counts_what_the_register_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    apply(&mut db, &fixture());
    let all = house::houses(&db, &ctx(), &HouseQuery::default()).unwrap();
    let d = house::dashboard(&db, &ctx()).unwrap();
    let sum = |t: &[house::Tally]| t.iter().map(|t| t.count).sum::<i64>();
    assert_eq!(d.houses, all.len() as i64);
    for tallies in [&d.by_structure, &d.by_storeys, &d.by_use, &d.by_conclusion] {
        assert_eq!(sum(tallies), d.houses, "{tallies:?}");
    }
    let overdue = house::overdue(&db, &ctx()).unwrap();
    assert_eq!(d.overdue, overdue.len() as i64);
    assert_eq!(sum(&d.overdue_by_community), d.overdue);
    assert_eq!(d.months.len(), 12);
    assert_eq!(d.months[11].month, "2026-11");
    let found: i64 = d.months.iter().map(|m| m.found).sum();
    assert_eq!(
        found, 3,
        "three rows of the sheet carried hazards, one already 已整治"
    );
}

/// A sweep sheet in a community's own words (`tests/fixtures/generate.py sweep_free_text`):
/// published words go straight in and are listed; a rule's suggestion waits for the clerk, who
/// decides once; the next file of the same layout goes straight through.
#[test]
fn values_as_people_write_them_are_decided_once_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sweep_free_text.xlsx");
    let preview = |db: &Db, options: &ImportOptions| {
        registers::preview(db, &ctx(), Register::Houses, &path, options, &Quiet).unwrap()
    };
    let first = preview(&db, &ImportOptions::default());
    let listed: Vec<(&str, &str, u32, Option<&str>, bool)> = first
        .preview
        .unknown_values
        .iter()
        .map(|v| {
            (
                v.field.as_str(),
                v.value.as_str(),
                v.rows,
                v.suggestion.as_deref(),
                v.action.starts_with("已将"),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("use_kind", "自住+经营", 2, Some("混合"), false),
            ("conclusion", "存在隐患", 2, Some("一般隐患"), true),
            ("measure", "维修加固", 1, Some("加固"), true),
            (
                "conclusion",
                "存在重大隐患",
                1,
                Some("存在结构倒塌风险"),
                true
            ),
            ("measure", "停止使用并撤离人员", 2, Some("停用撤离"), false),
            ("conclusion", "无安全隐患", 3, Some("无隐患"), true),
            ("structure", "土坯房", 1, Some("土木"), false),
            ("structure", "茅草房", 1, None, false),
        ],
        "curated words are read and listed; rules only suggest"
    );
    assert_eq!(
        first.preview.unknown_values[1].action,
        "已将“存在隐患”按“一般隐患”导入，共 2 行"
    );
    assert_eq!(
        (first.preview.new, first.preview.report.rows.error),
        (1, 5),
        "the rows with undecided values wait"
    );
    assert_eq!(
        first.preview.unknown_values[6].source,
        "含有“土木”或其其他写法"
    );

    // The clerk takes the three suggestions and adds 茅草房 to the dictionary; the deadline
    // phrases are read as days, with a note.
    let decided = ImportOptions {
        values: [
            (
                "use_kind".to_owned(),
                [("自住+经营".to_owned(), "混合".to_owned())].into(),
            ),
            (
                "measure".to_owned(),
                [("停止使用并撤离人员".to_owned(), "停用撤离".to_owned())].into(),
            ),
            (
                "structure".to_owned(),
                [
                    ("土坯房".to_owned(), "土木".to_owned()),
                    ("茅草房".to_owned(), "茅草房".to_owned()),
                ]
                .into(),
            ),
        ]
        .into(),
        ..Default::default()
    };
    let done = apply_with(&mut db, &path, &decided);
    assert_eq!(done.applied, 6, "{:#?}", done.preview.report.issues);
    assert_eq!(
        house_at(&db, "东关社区后街2号").house.input.structure,
        "茅草房"
    );
    let front_1 = house_at(&db, "东关社区前街1号");
    assert_eq!(
        front_1.house.input.use_kind.map(|u| u.label()),
        Some("混合")
    );
    let r = front_1.rectifications.last().unwrap();
    assert_eq!(
        (
            r.input.measure,
            r.input.deadline.as_str(),
            r.input.deadline_as_written.as_str()
        ),
        (Measure::Reinforce, "2026-10-31", "2026年10月底前"),
        "维修加固 → 加固; 2026年10月底前 → the month's last day, the phrase kept beside it"
    );
    let front_3 = house_at(&db, "东关社区前街3号");
    assert_eq!(
        front_3.inspections.last().unwrap().input.conclusion,
        Conclusion::Collapse
    );
    assert_eq!(
        front_3.rectifications.last().unwrap().input.deadline,
        "2026-12-31",
        "年底前 in the import's year"
    );
    assert!(done.preview.report.issues.iter().any(|i| i
        .message
        .contains("“年底前”是期限的写法，已按 2026-12-31 读取")));

    // The same layout again: the clerk's choices are remembered, nothing waits.
    let again = preview(&db, &ImportOptions::default());
    assert_eq!(
        again.preview.report.rows.error, 0,
        "{:#?}",
        again.preview.report.issues
    );
    let mixed = again
        .preview
        .unknown_values
        .iter()
        .find(|v| v.value == "自住+经营")
        .unwrap();
    assert_eq!(mixed.source, "已记住（同样格式的文件）");
}

/// The demo office opens with a sweep shaped like a real one: about two hundred houses in its
/// communities, a third with hazards, rectifications in every state, some overdue.
#[test]
fn the_demo_sweep_looks_like_a_real_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    let all = house::houses(&db, &ctx(), &HouseQuery::default()).unwrap();
    assert!((190..=210).contains(&all.len()), "{} houses", all.len());
    let with_hazard = all
        .iter()
        .filter(|h| h.conclusion.is_some_and(|c| c != Conclusion::Safe))
        .count();
    assert!(
        (all.len() / 4..=all.len() * 2 / 5).contains(&with_hazard),
        "{with_hazard} of {} with hazards",
        all.len()
    );
    let states: Vec<String> = db
        .conn()
        .prepare("SELECT DISTINCT status FROM house_rectification ORDER BY status")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        states.len(),
        RectStatus::ALL.len(),
        "every state: {states:?}"
    );
    assert!(
        !house::overdue(&db, &ctx()).unwrap().is_empty(),
        "some overdue"
    );
    assert!(
        taizhang_app::db_check(&db).unwrap().is_empty(),
        "the generated sweep passes taizhang check"
    );
}

#[test]
fn a_sheet_without_owner_or_structure_columns_goes_in_to_be_completed() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let path = dir.path().join("排查名单.xlsx");
    // A first-round list: where the houses are and what was found, nothing about who owns them
    // or how they are built.
    sheet(
        &path,
        &[
            &["社区", "房屋地址", "层数", "排查结论"],
            &["东关社区", "东关社区北巷7号", "2", "无隐患"],
            &["东关社区", "东关社区北巷9号", "3", "无隐患"],
        ],
    );

    let done = apply(&mut db, &path);
    assert_eq!(done.applied, 2, "{:#?}", done.preview.diffs);
    assert_eq!(done.preview.incomplete, 2);
    assert!(done
        .preview
        .diffs
        .iter()
        .all(|d| d.lacking == ["产权人", "结构类型"]));
    let flagged = house::houses(
        &db,
        &ctx(),
        &HouseQuery {
            incomplete: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(flagged.len(), 2);
    let todo = taizhang_app::todo::todo(&db, &ctx()).unwrap();
    assert!(
        todo.iter().any(|t| t.title == "2 处房屋待补录"),
        "{todo:#?}"
    );

    // Completed in the form, the house leaves 待补录.
    let d = house_at(&db, "东关社区北巷7号");
    assert_eq!(d.lacking, ["owner", "structure"]);
    let mut h = d.house.input.clone();
    h.owner = "赵大山".into();
    h.structure = "砖混".into();
    house::save(&mut db, &ctx(), Some(d.house.id), h).unwrap();
    assert!(house_at(&db, "东关社区北巷7号").lacking.is_empty());

    // A column that is there but empty is a mistake in the sheet, not something to fill later.
    let empty = dir.path().join("空产权人.xlsx");
    sheet(
        &empty,
        &[
            &["房屋地址", "产权人", "结构类型"],
            &["东关社区北巷11号", "", "砖木"],
        ],
    );
    let p = registers::preview(
        &db,
        &ctx(),
        Register::Houses,
        &empty,
        &ImportOptions::default(),
        &Quiet,
    )
    .unwrap()
    .preview;
    assert_eq!(p.diffs[0].kind, RowKind::Error);
    assert!(
        p.diffs[0].reason.contains("请填写产权人"),
        "{:?}",
        p.diffs[0]
    );
}

#[test]
fn a_structure_the_dictionary_lacks_is_added_in_the_value_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let path = dir.path().join("茅草房.xlsx");
    sheet(
        &path,
        &[
            &["房屋地址", "产权人", "结构类型"],
            &["东关社区北巷7号", "赵大山", "茅草房"],
            &["东关社区北巷9号", "钱小川", "茅草房"],
        ],
    );

    // Not in the dictionary and like none of its entries: listed, its rows wait.
    let first = apply(&mut db, &path);
    assert_eq!(first.applied, 0);
    let v = &first.preview.unknown_values[0];
    assert_eq!((v.value.as_str(), v.rows, v.may_add), ("茅草房", 2, true));
    assert!(!taizhang_app::dict::values(&db, Dict::Structure)
        .unwrap()
        .contains(&"茅草房".to_owned()));

    // The clerk adds it as written: the entry and the rows go in together.
    let added = ImportOptions {
        values: [(
            "structure".to_owned(),
            [("茅草房".to_owned(), "茅草房".to_owned())].into(),
        )]
        .into(),
        ..Default::default()
    };
    let done = apply_with(&mut db, &path, &added);
    assert_eq!(done.applied, 2, "{:#?}", done.preview.report.issues);
    assert_eq!(
        done.preview.unknown_values[0].action,
        "将在结构类型字典中新增“茅草房”，共 2 行"
    );
    assert_eq!(
        taizhang_app::dict::values(&db, Dict::Structure)
            .unwrap()
            .last()
            .map(String::as_str),
        Some("茅草房")
    );
    assert_eq!(
        house_at(&db, "东关社区北巷9号").house.input.structure,
        "茅草房"
    );
    // A house form may now choose it, and adding it again by hand is refused.
    let e =
        taizhang_app::dict::add_value(&mut db, &ctx(), Dict::Structure, " 茅草房 ").unwrap_err();
    assert!(
        e.message.contains("结构类型字典中已有“茅草房”"),
        "{}",
        e.message
    );
}

/// The window pages the register in Rust: a page of the houses the query finds, the whole
/// count, and the register's overdue and 待补录 counts for the banner and the filter.
#[test]
fn the_list_crosses_a_page_at_a_time_with_the_registers_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    let all = house::houses(&db, &ctx(), &HouseQuery::default()).unwrap();
    assert!(all.len() > 60, "{}", all.len());
    let second = house::page(&db, &ctx(), &HouseQuery::default(), (2, 25)).unwrap();
    assert_eq!(second.rows.total as usize, all.len());
    assert_eq!(
        second.rows.items.iter().map(|h| h.id).collect::<Vec<_>>(),
        all[25..50].iter().map(|h| h.id).collect::<Vec<_>>()
    );
    assert!(second.overdue > 0, "the demo has overdue rectifications");
    assert_eq!(
        second.overdue as usize,
        house::overdue(&db, &ctx()).unwrap().len()
    );
    let past = house::page(&db, &ctx(), &HouseQuery::default(), (1_000, 25)).unwrap();
    assert!(past.rows.items.is_empty());
    // A size out of range is clamped, never a whole register at once.
    let huge = house::page(&db, &ctx(), &HouseQuery::default(), (0, 100_000)).unwrap();
    assert_eq!((huge.rows.page, huge.rows.page_size), (1, 500));
}

#[test]
fn houses_are_listed_with_their_numbers_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    for address in [
        "南山村十组5号",
        "南山村2组12号",
        "南山村2组3号",
        "南山村3组1号",
    ] {
        house::save(&mut db, &ctx(), None, by_hand(address)).unwrap();
    }
    let q = HouseQuery {
        search: "南山村".into(),
        ..HouseQuery::default()
    };
    let listed: Vec<String> = house::page(&db, &ctx(), &q, (1, 20))
        .unwrap()
        .rows
        .items
        .into_iter()
        .map(|h| h.input.address)
        .filter(|a| a.starts_with("南山村"))
        .collect();
    assert_eq!(
        listed,
        [
            "南山村2组3号",
            "南山村2组12号",
            "南山村3组1号",
            "南山村十组5号"
        ]
    );
}

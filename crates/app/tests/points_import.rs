//! Volunteer rosters and service-hour sheets through the import engine, on a real database and
//! real .xlsx files: volunteers matched by ID, volunteer number or name + phone (never guessed),
//! hours as sheets write them, points credited in the import's transaction, repeats recognised,
//! and undo withdrawing records with reversing entries — refused once the points are spent.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::Path;

use chrono::NaiveDate;
use taizhang_app::{
    core::{
        id_number::check_character,
        points::{AccountKind, Basis, EntryKind, Points},
        progress::Quiet,
    },
    db::points as table,
    export,
    import::{self, Approval, Choice, ImportOptions, RowKind},
    points::{self, AccountInput, RuleInput},
    recycle_bin,
    registers::{self, Register},
    Ctx, Db, ErrorCode,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

fn id(first17: &str) -> String {
    format!("{first17}{}", check_character(first17))
}

/// An office with a 1-point-per-hour rule (at most 6 a day) and three volunteers: 王国民 (ID),
/// 李秀英 (volunteer number DG-007) and 赵建华 (name and phone only).
fn office() -> (Db, [i64; 3]) {
    let mut db = Db::open_in_memory().unwrap();
    db.write(taizhang_db::dict::seed_builtin).unwrap();
    points::set_rule(
        &mut db,
        &ctx(),
        RuleInput {
            name: "志愿服务".into(),
            basis: Basis::PerHour,
            points: "1".into(),
            cap_day: "6".into(),
            cap_month: String::new(),
            cap_year: String::new(),
            valid_from: "2026-01-01".into(),
        },
    )
    .unwrap();
    let mut open = |name: &str, id_number: String, phone: &str, no: &str| {
        points::open_account(
            &mut db,
            &ctx(),
            AccountInput {
                kind: AccountKind::Person,
                name: name.into(),
                id_number,
                phone: phone.into(),
                address: String::new(),
                volunteer_no: no.into(),
                team: "红马甲服务队".into(),
                registered_on: "2026-01-01".into(),
            },
        )
        .unwrap()
    };
    let wang = open("王国民", id("14113019650315001"), "", "");
    let li = open("李秀英", id("14113019720611002"), "", "DG-007");
    let zhao = open("赵建华", id("14113019800101003"), "13934567890", "");
    (db, [wang, li, zhao])
}

/// Writes a sheet: a title row, then `rows` (the first is the header), all as text.
fn sheet(path: &Path, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("11月服务时长").unwrap();
    ws.write(0, 0, "东关社区志愿服务时长登记表").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn apply(db: &mut Db, register: Register, path: &Path) -> import::ImportOutcome {
    registers::apply(
        db,
        &ctx(),
        register,
        path,
        &ImportOptions::default(),
        Approval {
            choice: Choice::default(),
            expected_hash: None,
        },
        &Quiet,
    )
    .unwrap()
}

fn preview(db: &Db, register: Register, path: &Path) -> import::ImportPreview {
    registers::preview(
        db,
        &ctx(),
        register,
        path,
        &ImportOptions::default(),
        &Quiet,
    )
    .unwrap()
    .preview
}

fn balance(db: &Db, account: i64) -> Points {
    points::account(db, account).unwrap().balance
}

fn service_sheet(path: &Path) -> String {
    let wang = id("14113019650315001");
    let stranger = id("14113019990101004");
    sheet(
        path,
        &[
            &[
                "序号",
                "姓名",
                "身份证号",
                "志愿者编号",
                "联系电话",
                "服务日期",
                "服务内容",
                "服务时长（小时）",
                "证明人",
            ],
            &[
                "1",
                "王国民",
                &wang,
                "",
                "",
                "2026-11-02",
                "清扫楼道",
                "2.5",
                "马丽",
            ],
            &[
                "2",
                "李秀英",
                "",
                "DG-007",
                "",
                "2026-11-02",
                "清扫楼道",
                "半天",
                "马丽",
            ],
            &[
                "3",
                "赵建华",
                "",
                "",
                "139 3456 7890",
                "2026.11.8",
                "文明劝导",
                "3小时",
                "马丽",
            ],
            // The same row twice: counted once.
            &[
                "4",
                "赵建华",
                "",
                "",
                "13934567890",
                "2026-11-08",
                "文明劝导",
                "3",
                "马丽",
            ],
            // Over the day's cap of 6: earns what is left (6 - 2.5 = 3.5).
            &[
                "5",
                "王国民",
                &wang,
                "",
                "",
                "2026-11-02",
                "敬老院陪护",
                "5",
                "马丽",
            ],
            // Not registered.
            &[
                "6",
                "孙志强",
                &stranger,
                "",
                "",
                "2026-11-09",
                "清扫楼道",
                "2",
                "马丽",
            ],
            // A name alone is never matched.
            &[
                "7",
                "李秀英",
                "",
                "",
                "",
                "2026-11-09",
                "清扫楼道",
                "2",
                "马丽",
            ],
            // A month is not a day; a day to come is not served.
            &[
                "8",
                "王国民",
                &wang,
                "",
                "",
                "2026年11月",
                "清扫楼道",
                "2",
                "马丽",
            ],
            &[
                "9",
                "王国民",
                &wang,
                "",
                "",
                "2026-12-01",
                "清扫楼道",
                "2",
                "马丽",
            ],
            &["", "填表人：马丽", "", "", "", "", "", "", ""],
        ],
    );
    wang
}

#[test]
fn a_service_sheet_credits_matched_volunteers_and_reports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("11月服务时长.xlsx");
    service_sheet(&file);
    let (mut db, [wang, li, zhao]) = office();

    let p = preview(&db, Register::ServiceRecords, &file);
    assert_eq!((p.new, p.changed, p.conflicts), (4, 0, 0), "{:#?}", p.diffs);
    let reason = |row: u32| {
        p.diffs
            .iter()
            .find(|d| d.row == row)
            .map(|d| (d.kind, d.reason.clone()))
            .unwrap()
    };
    // Excel rows: title 1, header 2, data from 3.
    assert_eq!(reason(6).0, RowKind::Unchanged);
    assert!(reason(6).1.contains("重复，只导入一次"), "{:?}", reason(6));
    let (kind, why) = reason(8);
    assert_eq!(kind, RowKind::Error);
    assert!(
        why.contains("未找到志愿者 孙志强") && why.contains("请先在积分超市为其开立账户"),
        "{why}"
    );
    assert!(!why.contains("19990101"), "the ID is masked: {why}");
    assert!(reason(9).1.contains("不按姓名猜测"), "{:?}", reason(9));
    assert!(reason(10).1.contains("要具体到日"), "{:?}", reason(10));
    assert!(reason(11).1.contains("不能晚于今天"), "{:?}", reason(11));
    assert_eq!(p.report.rows.error, 4);
    let shown: Vec<&str> = p
        .diffs
        .iter()
        .filter(|d| d.kind == RowKind::New)
        .map(|d| d.key.as_str())
        .collect();
    assert_eq!(shown[0], "2026-11-02 清扫楼道 2.5小时");

    let done = apply(&mut db, Register::ServiceRecords, &file);
    assert_eq!(done.applied, 4);
    assert_eq!(
        balance(&db, wang),
        Points(60),
        "2.5 h, then the cap leaves 3.5"
    );
    assert_eq!(balance(&db, li), Points(40), "半天 is 4 hours");
    assert_eq!(balance(&db, zhao), Points(30));
    let records = table::service_records(db.conn()).unwrap();
    assert_eq!(records.len(), 4);
    assert_eq!(
        records[3].hours, 50,
        "the hours served all count for a certificate"
    );
    assert_eq!(records[3].points, Points(35));
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());

    // The same file again: nothing new.
    let again = preview(&db, Register::ServiceRecords, &file);
    assert_eq!((again.new, again.unchanged), (0, 5));

    // Undo: every record withdrawn, every point reversed on the ledger, nothing deleted.
    let batch = done.batch_id.unwrap();
    assert_eq!(registers::undo(&mut db, &ctx(), batch).unwrap(), 4);
    for a in [wang, li, zhao] {
        assert_eq!(balance(&db, a), Points(0));
    }
    let ledger = points::ledger(&db, wang).unwrap();
    assert_eq!(
        ledger
            .iter()
            .filter(|e| e.kind == EntryKind::Reverse)
            .count(),
        2
    );
    assert_eq!(table::service_records(db.conn()).unwrap().len(), 4);
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());

    // Imported again, the withdrawn records come back and are credited anew.
    let redo = apply(&mut db, Register::ServiceRecords, &file);
    assert_eq!(redo.applied, 4);
    assert_eq!(balance(&db, wang), Points(60));
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

#[test]
fn undo_is_refused_once_the_points_are_spent_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("服务时长.xlsx");
    service_sheet(&file);
    let (mut db, [wang, ..]) = office();
    let done = apply(&mut db, Register::ServiceRecords, &file);
    let soap = points::add_goods(&mut db, &ctx(), "洗洁精", "瓶", "5", 1).unwrap();
    points::stock_in(&mut db, &ctx(), soap, 2, "采购", None).unwrap();
    points::redeem(&mut db, &ctx(), wang, &[(soap, 1)]).unwrap();

    let e = registers::undo(&mut db, &ctx(), done.batch_id.unwrap()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("无法撤回 王国民") && e.message.contains("已被使用"),
        "{}",
        e.message
    );
    assert_eq!(balance(&db, wang), Points(10));
    assert_eq!(
        points::ledger(&db, wang).unwrap().len(),
        3,
        "nothing was written"
    );
    assert!(import::batches(&db).unwrap()[0].undone_at.is_none());
}

#[test]
fn a_volunteer_roster_registers_people_and_can_be_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("志愿者名册.xlsx");
    let (mut db, [wang, ..]) = office();
    let (a, b, c, d) = (
        id("14113019650315001"),
        id("14113020000229005"),
        id("14113019880808006"),
        id("14113019920611004"),
    );
    sheet(
        &file,
        &[
            &[
                "姓名",
                "公民身份号码",
                "手机号码",
                "所属服务队",
                "志愿者证号",
                "注册时间",
            ],
            // Known: the team changes.
            &["王国民", &a, "", "党员先锋队", "", "2026-01-01"],
            &[
                "周晓燕",
                &b,
                "13800001111",
                "红马甲服务队",
                "DG-101",
                "2026.3.5",
            ],
            // DG-007 is 李秀英's.
            &["吴海涛", &c, "", "红马甲服务队", "DG-007", "2026-03-05"],
            // Only the month is known: kept as the month, with a warning, not refused.
            &["郑丽", &d, "", "红马甲服务队", "", "2024.03"],
        ],
    );
    let done = apply(&mut db, Register::Volunteers, &file);
    assert_eq!((done.preview.new, done.preview.changed), (2, 1));
    assert_eq!(done.applied, 3);
    let error = done
        .preview
        .diffs
        .iter()
        .find(|d| d.kind == RowKind::Error)
        .unwrap();
    assert!(
        error
            .reason
            .contains("志愿者编号 DG-007 已是 李秀英 的编号"),
        "{}",
        error.reason
    );
    let accounts = points::accounts(&db, "").unwrap();
    let zhou = accounts.iter().find(|a| a.name == "周晓燕").unwrap();
    assert_eq!(zhou.volunteer_no.as_deref(), Some("DG-101"));
    assert_eq!(zhou.registered_on, "2026-03-05");
    let zheng = accounts.iter().find(|a| a.name == "郑丽").unwrap();
    assert_eq!(zheng.registered_on, "2024-03");
    assert_eq!(points::account(&db, wang).unwrap().team, "党员先锋队");

    // The roster exports through the same engine and reads back as the same register.
    let out = dir.path().join("导出.xlsx");
    let request = export::Request {
        unmasked: Some("核对"),
        ..Default::default()
    };
    let exported = registers::export(&mut db, &ctx(), Register::Volunteers, &out, request).unwrap();
    assert_eq!(exported.rows, 5);
    let back = preview(&db, Register::Volunteers, &out);
    assert_eq!(
        (back.new, back.changed, back.unchanged),
        (0, 0, 5),
        "{:#?}",
        back.diffs
    );

    // Undone: 周晓燕 leaves the list, 王国民's team is put back.
    registers::undo(&mut db, &ctx(), done.batch_id.unwrap()).unwrap();
    assert!(points::accounts(&db, "周晓燕").unwrap().is_empty());
    assert_eq!(points::account(&db, wang).unwrap().team, "红马甲服务队");

    // The accounts the undo removed wait in the recycle bin; 郑丽 is put back from there.
    let bin = recycle_bin::list(&db, &ctx(), 1, 20).unwrap().items;
    let titles: Vec<&str> = bin.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"郑丽（积分账户）"), "{titles:?}");
    let zheng = bin.iter().find(|i| i.title.starts_with("郑丽")).unwrap();
    recycle_bin::restore(&mut db, &ctx(), &zheng.entity, zheng.entity_id).unwrap();
    assert_eq!(points::accounts(&db, "郑丽").unwrap().len(), 1);
    assert_eq!(recycle_bin::list(&db, &ctx(), 1, 20).unwrap().total, 1);

    // Imported again, 周晓燕 is restored — and once she has served, her registration stays.
    let again = apply(&mut db, Register::Volunteers, &file);
    let zhou = points::accounts(&db, "周晓燕").unwrap()[0].id;
    points::record_service(
        &mut db,
        &ctx(),
        points::ServiceInput {
            account_id: zhou,
            rule: "志愿服务".into(),
            activity: "清扫楼道".into(),
            served_on: "2026-11-20".into(),
            hours: "1".into(),
            certified_by: String::new(),
            approve: true,
        },
    )
    .unwrap();
    let e = registers::undo(&mut db, &ctx(), again.batch_id.unwrap()).unwrap_err();
    assert!(e.message.contains("已有积分或服务记录"), "{}", e.message);
    assert_eq!(points::accounts(&db, "周晓燕").unwrap().len(), 1);
}

//! Meetings: recording with attendance from the roster, quorum, 说事议事 tasks to closure,
//! 三会一课 compliance, attendance points, and the papers printed from them (read back with
//! poppler).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use std::process::Command;

use chrono::NaiveDate;
use taizhang_app::{
    core::{
        id_number::check_character,
        meeting::{Attendee, MeetingInput, MeetingKind, Task, TaskStatus, Topic, Votes},
        party_member::{Category, PartyMemberInput, Status},
    },
    meeting, party_member as pm, print, recycle_bin, setup, Ctx, Db, ErrorCode,
};
use taizhang_db::{meeting::MeetingQuery, org};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

fn demo() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    db.write(taizhang_db::dict::seed_builtin).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

fn org_id(db: &Db, name: &str) -> i64 {
    org::all(db.conn())
        .unwrap()
        .into_iter()
        .find(|n| n.name == name)
        .unwrap()
        .id
}

/// A valid 18-digit ID for a woman born on `birth` in 交口县.
fn id_number(birth: &str, seq: u32) -> String {
    let body = format!("141130{birth}{seq:03}");
    format!("{body}{}", check_character(&body))
}

/// A member with a rare character in her name, in 南山村党支部.
fn rare_member(db: &mut Db) -> String {
    let id = id_number("19800101", 2);
    let input = PartyMemberInput {
        name: "孙㛃".into(),
        id_number: id.clone(),
        nation: "汉族".into(),
        native_place: String::new(),
        education: "大学本科".into(),
        phone: String::new(),
        address: String::new(),
        grid_id: None,
        branch_id: Some(org_id(db, "南山村党支部")),
        group_id: None,
        category: Category::Full,
        applied_on: None,
        activist_on: None,
        candidate_on: None,
        joined_on: Some("2005-07-01".into()),
        confirmed_on: Some("2006-07-01".into()),
        work_unit: String::new(),
        status: Status::Normal,
        outflow_place: String::new(),
        dues_paid_to: None,
        is_center_household: false,
        note: String::new(),
    };
    pm::create(db, &ctx(), input).unwrap();
    id
}

fn committee(branch: i64, attendees: Vec<Attendee>) -> MeetingInput {
    MeetingInput {
        kind: MeetingKind::Committee,
        title: "南山村党支部11月支委会".into(),
        org_id: Some(branch),
        held_at: "2026-11-20 15:00".into(),
        place: "南山村村委会".into(),
        host: "王国民".into(),
        recorder: "孙㛃".into(),
        attendees,
        observers: "驻村第一书记 吉𠮷".into(),
        topics: vec![Topic {
            title: "讨论发展党员工作".into(),
            source: String::new(),
            proposer: String::new(),
            discussion: "支部委员逐一发表意见，认为该同志培养考察期满，表现良好。".repeat(6),
            votes: Some(Votes {
                agree: 4,
                against: 0,
                abstain: 1,
            }),
            resolution: "同意列为发展对象，报街道党工委预审。".into(),
            tasks: Vec::new(),
        }],
    }
}

fn pdffonts(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_committee_meeting_takes_its_attendance_from_the_roster_and_prints_signed_minutes() {
    let mut db = demo();
    rare_member(&mut db);
    let branch = org_id(&db, "南山村党支部");
    let mut attendees = meeting::roster_attendees(&db, &ctx(), branch).unwrap();
    assert!(attendees
        .iter()
        .any(|a| a.name == "孙㛃" && a.person_id.is_some()));
    assert!(attendees.iter().all(|a| a.present));
    let n = attendees.len();
    assert!(n >= 4, "{n} members");

    // An absence without a reason is refused, and nothing is written.
    attendees[0].present = false;
    let e = meeting::create(&mut db, &ctx(), committee(branch, attendees.clone())).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(
        e.fields.iter().any(|f| f.message.contains("缺席的原因")),
        "{e:?}"
    );
    let before = meeting::list(&db, &ctx(), &MeetingQuery::default())
        .unwrap()
        .len();

    attendees[0].absence_reason = "外出务工".into();
    let id = meeting::create(&mut db, &ctx(), committee(branch, attendees.clone())).unwrap();
    let rows = meeting::list(&db, &ctx(), &MeetingQuery::default()).unwrap();
    assert_eq!(rows.len(), before + 1);
    let row = rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        (row.quorum.expected, row.quorum.present),
        (n as i64, n as i64 - 1)
    );
    assert!(row.quorum.reached);

    let minutes = print::minutes(&db, &ctx(), id).unwrap();
    let text: String = common::pdftotext(&minutes.bytes)
        .split_whitespace()
        .collect();
    for want in [
        "南山村党支部11月支委会",
        "应到人数：",
        "孙㛃",
        "吉𠮷",
        "外出务工",
        "一、讨论发展党员工作",
        "同意4票，反对0票，弃权1票",
        "主持人（签字）",
        "记录人（签字）",
        "—1—",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    // 𠮷 is not in the body face: it printed from the kai face, a real glyph, not a box.
    let fonts = pdffonts(&minutes.bytes);
    assert!(fonts.contains("WenKai"), "{fonts}");

    let signin = print::signin(&db, &ctx(), id).unwrap();
    let text = common::pdftotext(&signin.bytes);
    assert!(
        text.contains("签到表") && text.contains("孙㛃") && text.contains("签到"),
        "{text}"
    );

    // Quorum not reached: most absent.
    for a in attendees.iter_mut().skip(1).take(n / 2) {
        a.present = false;
        a.absence_reason = "值班".into();
    }
    meeting::update(&mut db, &ctx(), id, committee(branch, attendees)).unwrap();
    let detail = meeting::get(&db, &ctx(), id).unwrap();
    assert!(!detail.quorum.reached, "{:?}", detail.quorum);

    // Deleted to the recycle bin, and back.
    meeting::delete(&mut db, &ctx(), id).unwrap();
    assert!(meeting::list(&db, &ctx(), &MeetingQuery::default())
        .unwrap()
        .iter()
        .all(|r| r.id != id));
    recycle_bin::restore(&mut db, &ctx(), meeting::ENTITY, id).unwrap();
    assert!(meeting::get(&db, &ctx(), id).is_ok());
}

#[test]
fn consultation_tasks_are_tracked_to_closure_and_overdue_ones_stand_out() {
    let mut db = demo();
    let open = meeting::tasks(&db, &ctx(), true).unwrap();
    // The demo 说事议事会: two overdue tasks, one under way, one done (not listed as open).
    assert_eq!(open.len(), 3);
    assert_eq!(open.iter().filter(|t| t.overdue).count(), 2);
    let overdue = open.iter().find(|t| t.overdue).unwrap();
    let task_id = overdue.task.id.unwrap();
    let meeting_id = overdue.meeting_id;

    meeting::set_task(&mut db, &ctx(), task_id, TaskStatus::Done, "居民满意").unwrap();
    let all = meeting::tasks(&db, &ctx(), false).unwrap();
    let done = all.iter().find(|t| t.task.id == Some(task_id)).unwrap();
    assert_eq!(done.task.status, TaskStatus::Done);
    assert_eq!(done.task.closed_on.as_deref(), Some("2026-11-22"));
    assert!(!done.overdue);

    // Editing the meeting keeps task ids (and their progress); a removed task goes.
    let mut detail = meeting::get(&db, &ctx(), meeting_id).unwrap();
    let kept: Vec<i64> = detail
        .input
        .topics
        .iter()
        .flat_map(|t| &t.tasks)
        .filter_map(|t| t.id)
        .collect();
    detail.input.topics[1].tasks.pop();
    detail.input.topics[1].tasks.push(Task {
        id: None,
        content: "张贴楼道整治公告".into(),
        owner: "马丽".into(),
        due_on: "2026-12-31".into(),
        status: TaskStatus::Todo,
        review: String::new(),
        closed_on: None,
    });
    meeting::update(&mut db, &ctx(), meeting_id, detail.input).unwrap();
    let after = meeting::get(&db, &ctx(), meeting_id).unwrap();
    let ids: Vec<i64> = after
        .input
        .topics
        .iter()
        .flat_map(|t| &t.tasks)
        .filter_map(|t| t.id)
        .collect();
    assert_eq!(ids.len(), kept.len());
    assert!(ids.contains(&task_id));
    assert_eq!(
        ids.iter().filter(|i| kept.contains(i)).count(),
        kept.len() - 1
    );

    let notice = print::notice(&db, &ctx(), meeting_id).unwrap();
    let text = common::pdftotext(&notice.bytes);
    for want in ["说事议事结果公示", "小区路灯损坏", "已办结", "东关社区"] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
}

#[test]
fn compliance_shows_the_missing_group_meeting_and_attendance_earns_points() {
    let mut db = demo();
    let c = meeting::compliance(&db, &ctx(), 2026).unwrap();
    assert_eq!(c.months.len(), 12);
    assert_eq!(c.quarters.len(), 4);
    let branch = |kind| {
        c.rows
            .iter()
            .find(|r| r.branch == "东关社区第一党支部" && r.kind == kind)
            .unwrap()
    };
    // Monthly 支委会 through November (December not yet begun): no gap.
    let committee = branch(MeetingKind::Committee);
    assert_eq!(committee.gaps, 0);
    assert_eq!(committee.held[10], 1);
    assert_eq!(committee.held[11], 0);
    // The demo skipped February's 党小组会.
    let group = branch(MeetingKind::Group);
    assert_eq!(group.held[1], 0);
    assert_eq!(group.gaps, 1);
    // The window marks 缺 where Rust says so: February, and not December (not yet begun on
    // 2026-11-22 though nothing is held in it).
    assert!(group.missing[1]);
    assert_eq!(group.held[11], 0);
    assert!(!group.missing[11]);
    assert_eq!(group.missing.iter().filter(|m| **m).count(), 1);
    // A branch that never met has a gap in every period begun.
    let other = c
        .rows
        .iter()
        .find(|r| r.branch == "南山村党支部" && r.kind == MeetingKind::Assembly)
        .unwrap();
    assert_eq!(other.gaps, 4);

    let points = meeting::attendance_points(&db, &ctx(), 2026).unwrap();
    let top = &points[0];
    assert!(top.meetings > 10);
    assert_eq!(top.points, top.meetings);
    meeting::set_points_per_attendance(&mut db, &ctx(), 2).unwrap();
    let doubled = meeting::attendance_points(&db, &ctx(), 2026).unwrap();
    assert_eq!(doubled[0].points, top.meetings * 2);
    assert!(meeting::set_points_per_attendance(&mut db, &ctx(), -1).is_err());
}

#[test]
fn roster_and_member_sheet_print_masked_and_a_failed_save_leaves_no_file() {
    let mut db = demo();
    let id = rare_member(&mut db);
    let roster = print::roster(
        &db,
        &ctx(),
        &taizhang_db::party_member::PartyMemberQuery::default(),
    )
    .unwrap();
    assert!(roster.pages > 5, "{} pages", roster.pages);
    let text = common::pdftotext(&roster.bytes);
    assert!(text.contains("交口街道党员花名册"));
    assert!(
        text.contains(&format!("第 {} 页 共 {} 页", roster.pages, roster.pages))
            || text.contains(&format!("第{}页共{}页", roster.pages, roster.pages))
    );
    assert!(!text.contains(&id), "the roster shows a full ID");

    let sheet = print::member_with_id_number(&db, &ctx(), &id).unwrap();
    assert_eq!(sheet.pages, 1);
    let text = common::pdftotext(&sheet.bytes);
    assert!(
        text.contains("党员信息卡") && text.contains("孙㛃") && text.contains("南山村党支部"),
        "{text}"
    );
    assert!(!text.contains(&id));
    let missing = print::member_with_id_number(&db, &ctx(), &id_number("19900101", 9)).unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("没有这个文件夹").join("花名册.pdf");
    let e = print::save(&sheet, &bad).unwrap_err();
    assert!(e.message.contains("PDF 保存失败"), "{}", e.message);
    let good = dir.path().join("信息卡.pdf");
    print::save(&sheet, &good).unwrap();
    assert_eq!(std::fs::read(&good).unwrap(), sheet.bytes);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no partial file left"
    );
}

#[test]
fn a_font_of_the_office_is_used_for_its_role_and_a_bad_file_is_refused() {
    let mut db = demo();
    let settings = print::font_settings(&db).unwrap();
    assert_eq!(settings.len(), 4);
    assert!(settings.iter().all(|s| s.path.is_empty()));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("仿宋.ttf");
    std::fs::write(&bad, b"not a font").unwrap();
    let e = print::set_font(&mut db, &ctx(), "print.font.body", bad.to_str().unwrap()).unwrap_err();
    assert!(e.fields[0].message.contains("不是可用的字体文件"), "{e:?}");
    // A real font file (the bundled kai face stands in for an office's 仿宋) becomes the body face.
    let kai = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/fonts/LXGWWenKai-Regular.ttf"
    );
    print::set_font(&mut db, &ctx(), "print.font.body", kai).unwrap();
    let fonts = pdffonts(&print::minutes(&db, &ctx(), 1).unwrap().bytes);
    assert!(!fonts.contains("NotoSerif"), "{fonts}");
    print::set_font(&mut db, &ctx(), "print.font.body", "").unwrap();
    let fonts = pdffonts(&print::minutes(&db, &ctx(), 1).unwrap().bytes);
    assert!(fonts.contains("NotoSerif"), "{fonts}");
}

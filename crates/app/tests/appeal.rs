//! 诉求 on a real database: the closed loop from a visit's need to an archived 诉求, each step
//! refused without what it records, a 回访 not satisfied reopening it, every step audited, and
//! overdue computed for a day passed in.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use chrono::NaiveDate;
use taizhang_app::{
    appeal::{self, AppealQuery},
    core::{
        appeal::{AppealInput, AppealSource, AppealStatus, AppealStep, Satisfaction, Urgency},
        household::{HouseholdInput, MemberInput, Relation},
        org::OrgKind,
        visit::{VisitInput, VisitWay},
    },
    db::{audit::AuditQuery, org},
    household, setup, visit, Ctx, Db, ErrorCode,
};

fn ctx_on(day: &str) -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: day.parse::<NaiveDate>().unwrap(),
    }
}

fn office() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx_on("2026-12-03")).unwrap();
    (dir, db)
}

/// The summaries of a 诉求's entries in the audit trail.
fn trail(db: &Db, ctx: &Ctx, id: i64) -> Vec<String> {
    let q = AuditQuery {
        entity: Some(appeal::ENTITY.into()),
        entity_id: Some(id),
        page: 1,
        page_size: 50,
        ..AuditQuery::default()
    };
    let page = taizhang_app::audit::list(db, ctx, &q).unwrap();
    page.items.into_iter().map(|e| e.summary).collect()
}

fn step() -> AppealStep {
    AppealStep::default()
}

#[test]
fn a_visits_need_goes_round_the_loop_to_the_archive() {
    let (_dir, mut db) = office();
    let ctx = ctx_on("2026-12-03");
    let units = org::all(db.conn()).unwrap();
    let east = units
        .iter()
        .find(|n| n.kind == OrgKind::Community && n.name == "东关社区")
        .unwrap()
        .id;
    let grid = units
        .iter()
        .find(|n| n.kind == OrgKind::Grid && n.parent_id == Some(east))
        .unwrap()
        .id;
    let worker = taizhang_app::grid::list(&db, &ctx, &Default::default())
        .unwrap()
        .into_iter()
        .find(|w| w.input.unit_id == Some(grid))
        .unwrap()
        .id;
    let home = household::save(
        &mut db,
        &ctx,
        None,
        HouseholdInput {
            community_id: Some(east),
            grid_id: Some(grid),
            estate: "测试小区".into(),
            room: "12号".into(),
            members: vec![MemberInput {
                name: "周玉兰".into(),
                id_number: "141130194003120029".into(),
                phone: "13912345678".into(),
                relation: Some(Relation::Head),
                care: vec!["独居老人".into()],
                ..MemberInput::default()
            }],
            ..HouseholdInput::default()
        },
    )
    .unwrap();
    let quiet = visit::record(
        &mut db,
        &ctx,
        VisitInput {
            household_id: home,
            worker_id: Some(worker),
            visited_on: "2026-11-30".into(),
            way: Some(VisitWay::Phone),
            found: "电话问候，身体尚好".into(),
            need: String::new(),
        },
    )
    .unwrap();
    let refused = appeal::from_visit(&mut db, &ctx, quiet).unwrap_err();
    assert!(
        refused.message.contains("没有记录群众诉求"),
        "{}",
        refused.message
    );
    let asked = visit::record(
        &mut db,
        &ctx,
        VisitInput {
            household_id: home,
            worker_id: Some(worker),
            visited_on: "2026-12-01".into(),
            way: Some(VisitWay::Home),
            found: "独自在家".into(),
            need: "楼道灯坏了，晚上看不清台阶".into(),
        },
    )
    .unwrap();

    // Raised from the visit: numbered, placed and worded from it; once only.
    let id = appeal::from_visit(&mut db, &ctx, asked).unwrap();
    let again = appeal::from_visit(&mut db, &ctx, asked).unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict, "{}", again.message);
    let a = appeal::get(&db, &ctx, id).unwrap().line.row;
    assert!(
        a.input.number.starts_with("SQ202612-"),
        "{}",
        a.input.number
    );
    assert_eq!(a.input.address, "测试小区12号");
    assert_eq!(a.input.reporter, "周玉兰");
    assert_eq!(a.input.phone, "139****5678");
    assert_eq!(a.status, AppealStatus::Collected);

    // Each step asks for what it records; skipping is refused.
    let go = |db: &mut Db, to, s: AppealStep| appeal::take_step(db, &ctx, id, to, s);
    let e = go(&mut db, AppealStatus::Dispatched, step()).unwrap_err();
    assert!(
        e.fields[0].message.contains("下一步"),
        "{}",
        e.fields[0].message
    );
    assert!(go(&mut db, AppealStatus::Assessed, step()).is_err());
    go(
        &mut db,
        AppealStatus::Assessed,
        AppealStep {
            category: "道路设施".into(),
            urgency: Some(Urgency::Urgent),
            ..step()
        },
    )
    .unwrap();
    let dispatch = |deadline: &str| AppealStep {
        handler: "东关社区物业办".into(),
        deadline: Some(deadline.into()),
        ..step()
    };
    let early = go(&mut db, AppealStatus::Dispatched, dispatch("2026-11-01")).unwrap_err();
    assert_eq!(early.fields[0].field, "deadline");
    go(&mut db, AppealStatus::Dispatched, dispatch("2026-12-05")).unwrap();

    // Past its deadline and still open: overdue (督办) on the 6th, not on the 5th.
    let late = |db: &Db, day: &str| {
        appeal::overdue_list(db, &ctx_on(day))
            .unwrap()
            .iter()
            .any(|a| a.row.id == id)
    };
    assert!(!late(&db, "2026-12-05"));
    assert!(late(&db, "2026-12-06"));

    let no_result = go(&mut db, AppealStatus::Done, step()).unwrap_err();
    assert!(no_result.fields[0].message.contains("办理结果"));
    go(
        &mut db,
        AppealStatus::Handling,
        AppealStep {
            note: "已联系物业，灯具到货后更换".into(),
            ..step()
        },
    )
    .unwrap();
    go(
        &mut db,
        AppealStatus::Done,
        AppealStep {
            note: "已更换楼道灯 3 盏".into(),
            ..step()
        },
    )
    .unwrap();
    assert!(!late(&db, "2026-12-06"), "a finished 诉求 is not overdue");

    // Not satisfied: back to 办理中; then satisfied: archived; nothing moves it after.
    let call = |s| AppealStep {
        note: "电话回访户主本人".into(),
        satisfaction: Some(s),
        ..step()
    };
    assert_eq!(
        appeal::call_back(&mut db, &ctx, id, call(Satisfaction::Unsatisfied)).unwrap(),
        AppealStatus::Handling
    );
    go(
        &mut db,
        AppealStatus::Done,
        AppealStep {
            note: "又加装了声控开关".into(),
            ..step()
        },
    )
    .unwrap();
    assert_eq!(
        appeal::call_back(&mut db, &ctx, id, call(Satisfaction::Satisfied)).unwrap(),
        AppealStatus::Closed
    );
    let closed = go(
        &mut db,
        AppealStatus::Handling,
        AppealStep {
            note: "x".into(),
            reason: "y".into(),
            ..step()
        },
    )
    .unwrap_err();
    assert!(closed.fields[0].message.contains("已归档"));

    let detail = appeal::get(&db, &ctx, id).unwrap();
    assert_eq!(detail.line.row.reopened, 1);
    assert_eq!(detail.line.row.result, "又加装了声控开关");
    assert_eq!(detail.line.row.closed_on.as_deref(), Some("2026-12-03"));
    let path: Vec<&str> = detail.steps.iter().map(|s| s.to.label()).collect();
    assert_eq!(
        path,
        [
            "待派单",
            "已派单",
            "办理中",
            "已办结",
            "办理中",
            "已办结",
            "已归档"
        ]
    );

    // On paper: the 办理单 with every step, the household's 走访记录 with the 诉求 its visit
    // raised; phones and IDs masked as on screen.
    let sheet = common::pdftotext(
        &taizhang_app::print::appeal_sheet(&db, &ctx, id)
            .unwrap()
            .bytes,
    );
    for part in [
        "诉求办理单",
        detail.line.row.input.number.as_str(),
        "139****5678",
        "又加装了声控开关",
        "已办结 → 已归档（满意）",
        "承办人（签字）",
    ] {
        assert!(sheet.contains(part), "{part} missing from {sheet}");
    }
    assert!(!sheet.contains("13912345678"));
    let log = common::pdftotext(
        &taizhang_app::print::visit_log(&db, &ctx, home)
            .unwrap()
            .bytes,
    );
    for part in [
        "走访记录（民情日志）",
        "测试小区12号",
        "周玉兰",
        "独居老人",
        "楼道灯坏了",
        detail.line.row.input.number.as_str(),
    ] {
        assert!(log.contains(part), "{part} missing from {log}");
    }
    assert!(!log.contains("141130194003120029") && !log.contains("13912345678"));
    let visits = visit::of_household(&db, &ctx, home).unwrap();
    assert_eq!(
        visits[0].appeal.as_deref(),
        Some(detail.line.row.input.number.as_str())
    );
    assert_eq!(visits[1].appeal, None);

    // Every step is in the trail.
    assert_eq!(trail(&db, &ctx, id).len(), 8, "taken in, then seven steps");

    // A 12345 work order keeps its number, and the number is one 诉求's.
    let order = AppealInput {
        number: "GD20261201000123".into(),
        source: Some(AppealSource::Hotline),
        received_on: "2026-12-01".into(),
        community_id: Some(east),
        content: "小区门口垃圾堆放多日无人清运".into(),
        category: "环境卫生".into(),
        ..AppealInput::default()
    };
    appeal::record(&mut db, &ctx, order.clone()).unwrap();
    let twice = appeal::record(&mut db, &ctx, order).unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);
    let found = appeal::page(
        &db,
        &ctx,
        &AppealQuery {
            search: "GD2026".into(),
            ..AppealQuery::default()
        },
        (1, 20),
    )
    .unwrap();
    assert_eq!(found.rows.total, 1);
}

/// A 诉求 linked to the house it concerns and the 说事议事 task that takes it up: the drawer
/// shows both, the house lists the 诉求, the link is audited; another community's house is
/// refused, a binned one is not found, and a task removed from its meeting unlinks itself.
#[test]
fn an_appeal_is_linked_to_its_house_and_the_task_that_takes_it_up() {
    use taizhang_app::{core::appeal::AppealLinks, house, meeting, scope::Scope};
    let (dir, mut db) = office();
    let ctx = ctx_on("2026-12-03");
    let (east, west) = (
        common::community(&db, "东关社区"),
        common::community(&db, "西关社区"),
    );
    let page = appeal::page(&db, &ctx, &AppealQuery::default(), (1, 500)).unwrap();
    let of = |c: i64| {
        page.rows
            .items
            .iter()
            .find(|a| a.row.input.community_id == Some(c))
            .unwrap()
            .row
            .id
    };
    let (id, west_appeal) = (of(east), of(west));
    let houses = house::houses(&db, &ctx, &Default::default()).unwrap();
    let house_in = |c: i64| {
        houses
            .iter()
            .find(|h| h.input.community_id == Some(c))
            .unwrap()
    };
    let (east_house, west_house) = (house_in(east).id, house_in(west).id);
    let task = meeting::tasks(&db, &ctx, true).unwrap().remove(0);
    let task_id = task.task.id.unwrap();

    let links = AppealLinks {
        house_id: Some(east_house),
        task_id: Some(task_id),
    };
    appeal::link(&mut db, &ctx, id, links).unwrap();
    let d = appeal::get(&db, &ctx, id).unwrap();
    assert_eq!(d.line.row.links, links);
    let shown = d.house.unwrap();
    assert_eq!(shown.id, east_house);
    let stored = taizhang_app::db::house::get(db.conn(), east_house, ctx.today).unwrap();
    assert!(!stored.input.phone.is_empty(), "the demo house has a phone");
    assert_ne!(
        shown.input.phone, stored.input.phone,
        "the owner's phone is masked"
    );
    assert_eq!(d.task.unwrap().task.content, task.task.content);
    let listed = house::get(&db, &ctx, east_house).unwrap().appeals;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].number, d.line.row.input.number);
    assert!(
        trail(&db, &ctx, id).iter().any(|s| s.contains("议事任务“")),
        "the link is in the trail"
    );
    // The work order names both.
    let sheet = common::pdftotext(
        &taizhang_app::print::appeal_sheet(&db, &ctx, id)
            .unwrap()
            .bytes,
    );
    let address = &house::get(&db, &ctx, east_house)
        .unwrap()
        .house
        .input
        .address;
    assert!(
        sheet.contains("关联房屋") && sheet.contains(address.as_str()),
        "{sheet}"
    );
    assert!(sheet.contains("议事任务"), "{sheet}");

    // A photo of the spot kept with it: listed, read back whole, binned and restored.
    let photo = dir.path().join("现场照片.jpg");
    image::RgbImage::from_pixel(48, 32, image::Rgb([200, 120, 40]))
        .save(&photo)
        .unwrap();
    let files = taizhang_app::attachment::attach::<appeal::AppealFiles>;
    let kept = files(&mut db, &ctx, id, &photo, "整改前").unwrap();
    let shown = appeal::get(&db, &ctx, id).unwrap().attachments;
    assert_eq!((shown.len(), shown[0].note.as_str()), (1, "整改前"));
    let read = taizhang_app::attachment::get::<appeal::AppealFiles>;
    assert_eq!(
        read(&db, &ctx, kept).unwrap().1,
        std::fs::read(&photo).unwrap()
    );
    let docx = dir.path().join("说明.docx");
    std::fs::write(&docx, b"PK\x03\x04").unwrap();
    let refused = files(&mut db, &ctx, id, &docx, "").unwrap_err();
    assert!(refused.message.contains("只能添加"), "{}", refused.message);
    taizhang_app::attachment::remove::<appeal::AppealFiles>(&mut db, &ctx, kept).unwrap();
    assert!(appeal::get(&db, &ctx, id).unwrap().attachments.is_empty());
    let bin = taizhang_app::recycle_bin::list(&db, &ctx, 1, 20).unwrap();
    let binned = bin
        .items
        .iter()
        .find(|b| b.entity == appeal::ATTACHMENT)
        .unwrap();
    assert!(
        binned.title.starts_with("现场照片.jpg（诉求 "),
        "{}",
        binned.title
    );
    taizhang_app::recycle_bin::restore(&mut db, &ctx, appeal::ATTACHMENT, kept).unwrap();
    assert_eq!(appeal::get(&db, &ctx, id).unwrap().attachments.len(), 1);
    // The work order carries the photo after its steps.
    let printed = taizhang_app::print::appeal_sheet(&db, &ctx, id)
        .unwrap()
        .bytes;
    assert!(common::pdftotext(&printed).contains("现场照片及资料"));
    assert_eq!(
        common::pdfimages(&printed).len(),
        1,
        "the photo is on the paper"
    );

    // 西关社区's user may not link their 诉求 to 东关's house.
    let mut west_user = ctx_on("2026-12-03");
    west_user.scope = Some(Scope::of(&db, west).unwrap());
    let refused = appeal::link(
        &mut db,
        &west_user,
        west_appeal,
        AppealLinks {
            house_id: Some(east_house),
            task_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden, "{}", refused.message);
    // A house in the recycle bin is not linked.
    house::delete(&mut db, &ctx, west_house).unwrap();
    let binned = appeal::link(
        &mut db,
        &ctx,
        west_appeal,
        AppealLinks {
            house_id: Some(west_house),
            task_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(binned.code, ErrorCode::NotFound, "{}", binned.message);

    // The task taken off its meeting: the 诉求 is unlinked from it, and still opens.
    let mut m = meeting::get(&db, &ctx, task.meeting_id).unwrap();
    for topic in &mut m.input.topics {
        topic.tasks.retain(|t| t.id != Some(task_id));
    }
    meeting::update(&mut db, &ctx, task.meeting_id, m.input).unwrap();
    let d = appeal::get(&db, &ctx, id).unwrap();
    assert_eq!(d.line.row.links.task_id, None);
    assert!(d.task.is_none());
    assert_eq!(d.line.row.links.house_id, Some(east_house));
}

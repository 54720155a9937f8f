//! The party-member register's use cases, against a real (in-memory) database.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use chrono::NaiveDate;
use taizhang_app::{
    audit,
    core::party_member::{Category, PartyMemberInput, ReportPost, Status},
    party_member as pm, recycle_bin, setup, AppError, Ctx, Db, ErrorCode,
};
use taizhang_db::{audit::AuditQuery, org, party_member::PartyMemberQuery};

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
    let n = setup::load_demo(&mut db, &ctx()).unwrap();
    assert!(n >= 290, "the demo office has about 300 members, got {n}");
    db
}

fn branch(db: &Db, name: &str) -> i64 {
    org::all(db.conn())
        .unwrap()
        .into_iter()
        .find(|n| n.name == name)
        .unwrap()
        .id
}

fn query(search: &str) -> PartyMemberQuery {
    PartyMemberQuery {
        search: search.into(),
        page: 1,
        page_size: 500,
        ..Default::default()
    }
}

fn names(db: &Db, q: &PartyMemberQuery) -> Vec<String> {
    pm::list(db, &ctx(), q)
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.name)
        .collect()
}

fn new_member(db: &Db, name: &str, id_number: &str) -> PartyMemberInput {
    PartyMemberInput {
        name: name.into(),
        id_number: id_number.into(),
        nation: "汉族".into(),
        native_place: "山西交口".into(),
        education: "大学本科".into(),
        phone: "13900001234".into(),
        address: "东关社区1号楼".into(),
        grid_id: None,
        branch_id: Some(branch(db, "南山村党支部")),
        group_id: None,
        category: Category::Probationary,
        applied_on: Some("2023-03-01".into()),
        activist_on: Some("2023-09-01".into()),
        candidate_on: Some("2024-09-01".into()),
        joined_on: Some("2026-01-10".into()),
        confirmed_on: None,
        work_unit: "交口县人民医院 护士".into(),
        status: Status::Normal,
        outflow_place: String::new(),
        dues_paid_to: Some("2026-10".into()),
        is_center_household: false,
        note: String::new(),
    }
}

// 141130200001011230: 交口县, born 2000-01-01, male; check character computed with GB 11643.
const NEW_ID: &str = "141130200001011230";

/// A member's audit trail, newest first.
fn trail(db: &Db, id: i64, entries: u32) -> taizhang_db::Page<taizhang_db::audit::AuditEntry> {
    audit::list(
        db,
        &ctx(),
        &AuditQuery {
            entity: Some("党员".into()),
            entity_id: Some(id),
            page: 1,
            page_size: entries,
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn demo_office_is_sound_and_found_by_pinyin_initials() {
    let db = demo();
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
    assert_eq!(names(&db, &query("wgm")), ["王国民"]);
    assert_eq!(names(&db, &query("wangguomin")), ["王国民"]);
    assert!(
        names(&db, &query("wangg")).contains(&"王国民".to_owned()),
        "full-pinyin prefix"
    );
    assert!(
        names(&db, &query("zzq")).contains(&"曾志强".to_owned()),
        "曾 reads zeng"
    );
    assert!(
        names(&db, &query("shanlihua")).contains(&"单丽华".to_owned()),
        "单 reads shan"
    );
}

#[test]
fn name_fragments_of_any_length_are_found() {
    let db = demo();
    let one = names(&db, &query("国"));
    assert!(one.contains(&"王国民".to_owned()));
    assert!(one.iter().all(|n| n.contains('国')), "{one:?}");
    let two = names(&db, &query("国民"));
    assert!(two.contains(&"王国民".to_owned()) && two.iter().all(|n| n.contains("国民")));
    assert_eq!(
        names(&db, &query("王国民")),
        ["王国民"],
        "three characters go through FTS"
    );
    assert!(
        names(&db, &query("%")).is_empty(),
        "LIKE wildcards are literal"
    );
}

#[test]
fn id_and_phone_tails_find_the_member() {
    let mut db = demo();
    let c = ctx();
    let id = {
        let m = new_member(&db, "测试员甲", NEW_ID);
        pm::create(&mut db, &c, m)
    }
    .unwrap();
    assert_eq!(names(&db, &query("1230")), ["测试员甲"], "ID tail");
    assert_eq!(names(&db, &query(NEW_ID)), ["测试员甲"], "whole ID");
    assert!(
        names(&db, &query("00001234")).contains(&"测试员甲".to_owned()),
        "phone tail"
    );
    let row = &pm::list(&db, &c, &query("1230")).unwrap().items[0];
    assert_eq!(row.id_number, "1411**********1230", "lists are masked");
    assert_eq!(row.phone, "139****1234");
    assert_eq!(row.age, Some(26));
    assert_eq!(row.sex, "男", "sex comes from the ID");
    assert_eq!(row.id, id);
}

#[test]
fn a_wrong_check_character_is_refused_naming_the_expected_one() {
    let mut db = demo();
    let before = pm::list(&db, &ctx(), &query("")).unwrap().total;
    let err = {
        let m = new_member(&db, "李四", "141130200001011237");
        pm::create(&mut db, &ctx(), m)
    }
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.fields[0].field, "id_number");
    assert!(err.message.contains("应为 0"), "{}", err.message);
    assert_eq!(
        pm::list(&db, &ctx(), &query("")).unwrap().total,
        before,
        "nothing written"
    );
}

#[test]
fn the_same_id_cannot_be_registered_twice() {
    let mut db = demo();
    let c = ctx();
    {
        let m = new_member(&db, "张三", NEW_ID);
        pm::create(&mut db, &c, m)
    }
    .unwrap();
    let err = {
        let m = new_member(&db, "张三", NEW_ID);
        pm::create(&mut db, &c, m)
    }
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("已登记为党员"), "{}", err.message);
}

#[test]
fn the_branch_must_be_a_branch_and_the_nation_known() {
    let mut db = demo();
    let mut m = new_member(&db, "张三", NEW_ID);
    m.branch_id = Some(branch(&db, "东关社区党委"));
    m.nation = "火星族".into();
    let err: AppError = pm::create(&mut db, &ctx(), m).unwrap_err();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["branch_id", "nation"], "{}", err.message);
}

#[test]
fn editing_keeps_masked_values_and_the_trail_records_before_and_after() {
    let mut db = demo();
    let c = ctx();
    let id = {
        let m = new_member(&db, "张三", NEW_ID);
        pm::create(&mut db, &c, m)
    }
    .unwrap();
    let mut form = pm::get(&db, &c, id).unwrap().input;
    assert_eq!(
        form.id_number, "1411**********1230",
        "the form is shown masked"
    );
    form.name = "张三丰".into();
    form.category = Category::Full;
    form.confirmed_on = Some("2027-01-10".into());
    let err = pm::update(&mut db, &c, id, form.clone()).unwrap_err();
    assert_eq!(err.fields[0].field, "confirmed_on", "no future 转正");
    form.category = Category::Probationary;
    form.confirmed_on = None;
    pm::update(&mut db, &c, id, form).unwrap();
    let d = pm::get(&db, &c, id).unwrap();
    assert_eq!(d.input.name, "张三丰");
    assert_eq!(
        names(&db, &query("三丰")),
        ["张三丰"],
        "the search index follows a rename"
    );
    assert_eq!(names(&db, &query("zhangsanf")), ["张三丰"]);
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
    assert_eq!(
        pm::reveal(&mut db, &c, id, pm::SensitiveField::IdNumber, "核对身份").unwrap(),
        NEW_ID,
        "the ID survived the masked round trip"
    );

    let trail = trail(&db, id, 10);
    let actions: Vec<&str> = trail.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["查看完整信息", "修改", "新增"], "newest first");
    assert_eq!(
        trail.items[1].changes["name"],
        serde_json::json!(["张三", "张三丰"])
    );
    assert_eq!(trail.items[1].actor, "测试员");
    let created = &trail.items[2].changes;
    assert_eq!(
        created["id_number"][1], "1411**********1230",
        "the trail never holds a full ID"
    );
}

#[test]
fn deleted_members_go_to_the_recycle_bin_and_come_back() {
    let mut db = demo();
    let c = ctx();
    let wang = pm::list(&db, &c, &query("wgm")).unwrap().items[0].id;
    let total = pm::list(&db, &c, &query("")).unwrap().total;
    assert_eq!(pm::delete(&mut db, &c, &[wang]).unwrap(), 1);
    assert!(names(&db, &query("wgm")).is_empty());
    assert_eq!(pm::list(&db, &c, &query("")).unwrap().total, total - 1);
    let bin = recycle_bin::list(&db, &ctx(), 1, 20).unwrap();
    assert_eq!(bin.total, 1);
    assert!(
        bin.items[0].title.starts_with("王国民（"),
        "{}",
        bin.items[0].title
    );
    assert_eq!(bin.items[0].deleted_by, "测试员");

    // Adding the same person again points the clerk at the recycle bin.
    let wang_id = pm::reveal(&mut db, &c, wang, pm::SensitiveField::IdNumber, "核对身份").unwrap();
    let err = {
        let m = new_member(&db, "王国民", &wang_id);
        pm::create(&mut db, &c, m)
    }
    .unwrap_err();
    assert!(err.message.contains("回收站"), "{}", err.message);

    recycle_bin::restore(&mut db, &c, "党员", wang).unwrap();
    assert_eq!(names(&db, &query("wgm")), ["王国民"]);
    assert_eq!(recycle_bin::list(&db, &ctx(), 1, 20).unwrap().total, 0);
}

#[test]
fn a_batch_delete_with_an_unknown_id_deletes_nothing() {
    let mut db = demo();
    let c = ctx();
    let total = pm::list(&db, &c, &query("")).unwrap().total;
    let first = pm::list(&db, &c, &query("")).unwrap().items[0].id;
    let err = pm::delete(&mut db, &c, &[first, 999_999]).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(
        pm::list(&db, &c, &query("")).unwrap().total,
        total,
        "all or nothing"
    );
}

#[test]
fn filters_by_branch_subtree_category_status_age_and_grid() {
    let db = demo();
    let c = ctx();
    let count = |q: PartyMemberQuery| pm::list(&db, &c, &q).unwrap().total;
    let all = count(query(""));
    let first = count(PartyMemberQuery {
        branch_id: Some(branch(&db, "东关社区第一党支部")),
        ..query("")
    });
    let second = count(PartyMemberQuery {
        branch_id: Some(branch(&db, "东关社区第二党支部")),
        ..query("")
    });
    let committee = count(PartyMemberQuery {
        branch_id: Some(branch(&db, "东关社区党委")),
        ..query("")
    });
    assert!(first > 0 && second > 0);
    assert_eq!(
        committee,
        first + second,
        "a 党委 includes the branches under it"
    );
    assert_eq!(
        count(PartyMemberQuery {
            branch_id: Some(branch(&db, "交口街道党工委")),
            ..query("")
        }),
        all
    );

    let probationary = pm::list(
        &db,
        &c,
        &PartyMemberQuery {
            category: Some(Category::Probationary),
            ..query("")
        },
    )
    .unwrap();
    assert!(probationary.total > 0);
    assert!(probationary
        .items
        .iter()
        .all(|r| r.category == Category::Probationary));
    let flowing = pm::list(
        &db,
        &c,
        &PartyMemberQuery {
            status: Some(Status::Flowing),
            ..query("")
        },
    )
    .unwrap();
    assert!(flowing.total > 0 && flowing.items.iter().all(|r| r.status == Status::Flowing));

    let aged = pm::list(
        &db,
        &c,
        &PartyMemberQuery {
            age_min: Some(30),
            age_max: Some(40),
            ..query("")
        },
    )
    .unwrap();
    assert!(aged.total > 0);
    assert!(
        aged.items
            .iter()
            .all(|r| (30..=40).contains(&r.age.unwrap())),
        "ages within 30–40"
    );

    let community = branch(&db, "西关社区");
    let in_community = pm::list(
        &db,
        &c,
        &PartyMemberQuery {
            grid_id: Some(community),
            ..query("")
        },
    )
    .unwrap();
    assert!(in_community.total > 0 && in_community.total < all);
    assert!(in_community.items.iter().all(|r| r.grid.ends_with("网格")));
}

#[test]
fn reports_and_households_are_kept_with_the_member() {
    let mut db = demo();
    let c = ctx();
    let id = {
        let m = new_member(&db, "张三", NEW_ID);
        pm::create(&mut db, &c, m)
    }
    .unwrap();
    let report = pm::add_report(
        &mut db,
        &c,
        id,
        pm::ReportInput {
            unit: "交口县人民医院".into(),
            reported_on: "2026-03-05".into(),
            post: ReportPost::Health,
            note: String::new(),
        },
    )
    .unwrap();
    pm::add_household(
        &mut db,
        &c,
        id,
        pm::PairedHouseholdInput {
            head_name: "李 大 爷".into(),
            address: "东关社区3号楼".into(),
            phone: "13512345678".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let d = pm::get(&db, &c, id).unwrap();
    assert_eq!(d.reports.len(), 1);
    assert_eq!(d.reports[0].post, ReportPost::Health);
    assert_eq!(d.households[0].head_name, "李大爷");
    assert_eq!(
        d.households[0].phone, "135****5678",
        "household phones are masked too"
    );
    let err = pm::add_report(
        &mut db,
        &c,
        id,
        pm::ReportInput {
            unit: "x".into(),
            reported_on: "2030-01-01".into(),
            post: ReportPost::Other,
            note: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(err.fields[0].field, "reported_on");
    pm::remove_satellite(&mut db, &c, pm::Satellite::Report, report).unwrap();
    assert!(pm::get(&db, &c, id).unwrap().reports.is_empty());
}

#[test]
fn set_up_builds_the_trees_once() {
    let mut db = Db::open_in_memory().unwrap();
    let c = ctx();
    assert!(!setup::status(&db).unwrap().initialized);
    setup::initialize(
        &mut db,
        &c,
        setup::SetupInput {
            office_name: "城北街道".into(),
            communities: vec![setup::CommunityInput {
                name: "北关社区".into(),
                grids: vec!["第一网格".into(), " ".into()],
            }],
            branches: vec!["北关社区党支部".into()],
        },
    )
    .unwrap();
    let status = setup::status(&db).unwrap();
    assert!(status.initialized);
    assert_eq!(status.office_name, "城北街道");
    let names: Vec<String> = org::all(db.conn())
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert_eq!(
        names,
        [
            "城北街道",
            "城北街道党工委",
            "北关社区",
            "北关社区党支部",
            "第一网格"
        ]
    );
    assert!(
        setup::load_demo(&mut db, &c).is_err(),
        "no demo on top of a real office"
    );
}

#[test]
fn home_addresses_are_masked_and_shown_whole_only_on_purpose() {
    let mut db = demo();
    let c = ctx();
    let id = pm::list(&db, &c, &query("wgm")).unwrap().items[0].id;
    let shown = pm::get(&db, &c, id).unwrap();
    let masked = shown.input.address.clone();
    assert!(
        masked.contains("号楼") && masked.ends_with('*'),
        "the building stays, the unit and room do not: {masked}"
    );
    assert!(shown.households.iter().all(|h| !h.address.ends_with("室")));

    let full = pm::reveal(&mut db, &c, id, pm::SensitiveField::Address, "上门走访").unwrap();
    assert!(full.ends_with('室') && !full.contains('*'), "{full}");
    let log = taizhang_app::access::list(&db, 1, 5).unwrap();
    assert!(
        log.items[0].summary.contains("完整家庭住址") && log.items[0].summary.contains("上门走访"),
        "{}",
        log.items[0].summary
    );

    // The form comes back with the masked address: the stored one stands.
    let mut form = shown.input.clone();
    form.note = "已走访".into();
    pm::update(&mut db, &c, id, form.clone()).unwrap();
    assert_eq!(
        pm::reveal(&mut db, &c, id, pm::SensitiveField::Address, "核对").unwrap(),
        full
    );
    // A masked address half-edited is refused, never saved with its stars.
    form.address = format!("{masked}（新）");
    let err = pm::update(&mut db, &c, id, form.clone()).unwrap_err();
    assert_eq!(err.fields[0].field, "address", "{err:?}");

    form.address = "东关社区9号楼1单元101室".into();
    pm::update(&mut db, &c, id, form).unwrap();
    let file = taizhang_app::person::file(&db, &c, shown.person_id).unwrap();
    assert_eq!(file.address, "东关社区9号楼*******");
    let trail = trail(&db, id, 1);
    assert_eq!(
        trail.items[0].changes["address"][1], "东关社区9号楼*******",
        "the trail never holds a full address"
    );
}

//! 矛盾纠纷排查化解 on a real database: a dispute registered and refused without what it needs,
//! mediated (a session's day checked), settled only with the 协议书's three parts, its
//! 人民调解协议书 printed and read back; another given up with where the parties were sent; the
//! list's counts; the recycle bin.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use chrono::NaiveDate;
use taizhang_app::{
    core::{
        dispute::{
            AgreementInput, DisputeInput, DisputeSource, DisputeStatus, MediationInput, Risk,
        },
        org::OrgKind,
    },
    db::org,
    dispute::{self, DisputeQuery},
    print, recycle_bin, setup, Ctx, Db, ErrorCode,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    }
}

fn office() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    (dir, db)
}

fn east(db: &Db) -> i64 {
    org::all(db.conn())
        .unwrap()
        .into_iter()
        .find(|n| n.kind == OrgKind::Community && n.name == "东关社区")
        .unwrap()
        .id
}

fn dispute_input(db: &Db) -> DisputeInput {
    DisputeInput {
        found_on: "2026-11-18".into(),
        community_id: Some(east(db)),
        kind: "邻里纠纷".into(),
        party_a: "王国强".into(),
        party_a_id: "14113019650512001X".into(),
        party_a_phone: "13934567812".into(),
        party_a_address: "东关社区幸福小区3号楼2单元502".into(),
        party_b: "李秀梅".into(),
        party_b_phone: "13834561234".into(),
        summary: "楼上卫生间漏水，楼下天花板受损，双方多次争吵".into(),
        mediator: "张调解".into(),
        ..DisputeInput::suggested()
    }
}

fn session(day: &str) -> MediationInput {
    MediationInput {
        held_on: day.into(),
        mediators: "张调解、刘网格".into(),
        place: "东关社区人民调解室".into(),
        process: "双方陈述；现场查看漏水点；提出由甲方维修并赔偿".into(),
    }
}

#[test]
fn a_dispute_is_mediated_settled_and_its_agreement_printed() {
    let (_dir, mut db) = office();
    let ctx = ctx();
    let input = dispute_input(&db);
    // Refused without what a dispute needs, every field at once.
    let blank = dispute::save(&mut db, &ctx, None, DisputeInput::suggested()).unwrap_err();
    let fields: Vec<&str> = blank.fields.iter().map(|f| f.field.as_str()).collect();
    for f in [
        "found_on",
        "community_id",
        "kind",
        "party_a",
        "party_b",
        "summary",
    ] {
        assert!(fields.contains(&f), "{f} not refused: {fields:?}");
    }
    let id = dispute::save(&mut db, &ctx, None, input.clone()).unwrap();
    let d = dispute::get(&db, &ctx, id).unwrap();
    assert!(d.row.number.starts_with("TJ202611-"), "{}", d.row.number);
    assert_eq!(d.row.status, DisputeStatus::Registered);
    assert_eq!(
        d.row.input.party_a_phone, "139****7812",
        "masked as it leaves"
    );
    assert!(!d.row.input.party_a_address.ends_with("502"));

    // A correction sent back masked keeps what is stored.
    let mut corrected = d.row.input.clone();
    corrected.risk = Some(Risk::Major);
    dispute::save(&mut db, &ctx, Some(id), corrected).unwrap();
    let stored = taizhang_app::db::dispute::get(db.conn(), id).unwrap();
    assert_eq!(stored.input.party_a_phone, "13934567812");
    assert_eq!(
        stored.input.party_a_address,
        "东关社区幸福小区3号楼2单元502"
    );

    // Settling before any session is refused; a session's day must fall between finding and today.
    let agreed = AgreementInput {
        matters: "李秀梅家天花板因楼上卫生间防水层破损渗水受损，双方就维修和赔偿发生争议。".into(),
        terms: "一、王国强于2026年12月10日前修复卫生间防水层；二、王国强赔偿李秀梅天花板修复费用800元。".into(),
        performance: "维修完成后由社区调解员现场查看；赔偿款于2026年12月10日前当面付清。".into(),
    };
    assert!(dispute::settle(&mut db, &ctx, id, agreed.clone()).is_err());
    let early = dispute::mediate(&mut db, &ctx, id, session("2026-11-01")).unwrap_err();
    assert!(early.message.contains("早于排查日期"), "{}", early.message);
    let later = dispute::mediate(&mut db, &ctx, id, session("2026-12-09")).unwrap_err();
    assert!(later.message.contains("晚于今天"), "{}", later.message);
    dispute::mediate(&mut db, &ctx, id, session("2026-11-20")).unwrap();
    assert_eq!(
        dispute::get(&db, &ctx, id).unwrap().row.status,
        DisputeStatus::Mediating
    );
    let vague = AgreementInput {
        performance: String::new(),
        ..agreed.clone()
    };
    let refused = dispute::settle(&mut db, &ctx, id, vague).unwrap_err();
    assert!(refused.message.contains("履行方式"), "{}", refused.message);
    dispute::settle(&mut db, &ctx, id, agreed).unwrap();
    let done = dispute::get(&db, &ctx, id).unwrap();
    assert_eq!(done.row.status, DisputeStatus::Settled);
    assert_eq!(done.row.ended_on.as_deref(), Some("2026-12-04"));
    assert_eq!(done.sessions.len(), 1);
    // Ended: nothing more is recorded or corrected.
    assert!(dispute::mediate(&mut db, &ctx, id, session("2026-12-01")).is_err());
    let late = dispute::save(&mut db, &ctx, Some(id), input.clone()).unwrap_err();
    assert_eq!(late.code, ErrorCode::Conflict);

    // The 人民调解协议书: the parties (sex and age from the ID), the three parts, the seal's line.
    let text = common::pdftotext(&print::agreement(&db, &ctx, id).unwrap().bytes);
    for part in [
        "人民调解协议书",
        d.row.number.as_str(),
        "王国强",
        "性别：男",
        "年龄：61",
        "139****7812",
        "李秀梅",
        "纠纷主要事实、争议事项",
        "赔偿李秀梅天花板修复费用800元",
        "履行协议的方式、时限",
        "东关社区人民调解委员会（印）",
        "2026年12月4日",
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    assert!(!text.contains("13934567812") && !text.contains("14113019650512001X"));

    // Another, given up: only with where the parties were sent.
    let other = dispute::save(&mut db, &ctx, None, input.clone()).unwrap();
    let next: u32 = d.row.number[9..].parse::<u32>().unwrap() + 1;
    assert_eq!(
        dispute::get(&db, &ctx, other).unwrap().row.number,
        format!("TJ202611-{next:04}")
    );
    assert!(dispute::fail(&mut db, &ctx, other, " ").is_err());
    dispute::fail(
        &mut db,
        &ctx,
        other,
        "乙方拒绝调解，已告知双方可向人民法院起诉",
    )
    .unwrap();
    let no_paper = print::agreement(&db, &ctx, other).unwrap_err();
    assert!(
        no_paper.message.contains("调解成功后"),
        "{}",
        no_paper.message
    );

    // The list counts what is still open and how many of those are 重大.
    let open = dispute::save(
        &mut db,
        &ctx,
        None,
        DisputeInput {
            risk: Some(Risk::Grave),
            source: Some(DisputeSource::GridWorker),
            ..input.clone()
        },
    )
    .unwrap();
    let page = dispute::page(&db, &ctx, &DisputeQuery::default(), (1, 20)).unwrap();
    let ours = |p: &dispute::DisputePage| {
        p.rows
            .items
            .iter()
            .filter(|d| [id, other, open].contains(&d.id))
            .count()
    };
    assert_eq!(ours(&page), 3);
    assert!(page.open >= 1 && page.grave >= 1);
    let found = dispute::page(
        &db,
        &ctx,
        &DisputeQuery {
            status: Some(DisputeStatus::Settled),
            search: "王国强".into(),
            ..DisputeQuery::default()
        },
        (1, 20),
    )
    .unwrap();
    assert_eq!(
        found.rows.items.iter().map(|d| d.id).collect::<Vec<_>>(),
        [id]
    );

    // The recycle bin takes it and gives it back.
    dispute::delete(&mut db, &ctx, open).unwrap();
    let binned = recycle_bin::list(&db, &ctx, 1, 50).unwrap();
    let entry = binned
        .items
        .iter()
        .find(|e| e.entity == dispute::ENTITY && e.entity_id == open)
        .expect("in the recycle bin");
    assert!(entry.title.contains("王国强"), "{}", entry.title);
    recycle_bin::restore(&mut db, &ctx, dispute::ENTITY, open).unwrap();
    assert!(dispute::get(&db, &ctx, open).is_ok());
}

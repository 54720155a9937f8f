//! 网格工作月报 on a real database: a small office set up by hand (two communities, three grids)
//! with households, visits and 诉求 on known days, so every figure of a month is known; a
//! community's user sees only their community; the workbook read back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use chrono::NaiveDate;
use taizhang_app::{
    appeal,
    core::{
        appeal::{AppealInput, AppealSource, AppealStatus, AppealStep, Satisfaction, Urgency},
        grid::{GridRole, GridWorkerInput},
        household::{HouseholdInput, MemberInput, Relation},
        org::OrgKind,
        visit::{VisitInput, VisitWay},
    },
    db::org,
    grid::{self, GridFigures},
    household,
    scope::Scope,
    setup, visit, Ctx, Db,
};

fn ctx_on(day: &str) -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: day.parse::<NaiveDate>().unwrap(),
    }
}

/// An 18-character ID with its GB 11643 check character.
fn id(body: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!(
        "{body}{}",
        "10X98765432".as_bytes()[(sum % 11) as usize] as char
    )
}

struct Office {
    north: i64,
    north_1: i64,
    north_2: i64,
    south: i64,
    south_1: i64,
}

fn office(db: &mut Db) -> Office {
    setup::initialize(
        db,
        &ctx_on("2026-10-01"),
        setup::SetupInput {
            office_name: "城北街道".into(),
            communities: vec![
                setup::CommunityInput {
                    name: "北关社区".into(),
                    grids: vec!["第一网格".into(), "第二网格".into()],
                },
                setup::CommunityInput {
                    name: "南关社区".into(),
                    grids: vec!["第一网格".into()],
                },
            ],
            branches: vec!["北关社区党支部".into()],
        },
    )
    .unwrap();
    let all = org::all(db.conn()).unwrap();
    let find = |name: &str, kind: OrgKind, parent: Option<i64>| {
        all.iter()
            .find(|n| {
                n.name == name && n.kind == kind && (parent.is_none() || n.parent_id == parent)
            })
            .unwrap()
            .id
    };
    let north = find("北关社区", OrgKind::Community, None);
    let south = find("南关社区", OrgKind::Community, None);
    Office {
        north,
        north_1: find("第一网格", OrgKind::Grid, Some(north)),
        north_2: find("第二网格", OrgKind::Grid, Some(north)),
        south,
        south_1: find("第一网格", OrgKind::Grid, Some(south)),
    }
}

fn home(db: &mut Db, community: i64, grid: i64, room: &str, n: u32, care: &[&str]) -> i64 {
    household::save(
        db,
        &ctx_on("2026-10-01"),
        None,
        HouseholdInput {
            community_id: Some(community),
            grid_id: Some(grid),
            estate: "测试小区".into(),
            room: room.into(),
            members: vec![MemberInput {
                name: format!("住户{n}"),
                id_number: id(&format!("1402021950010100{n}")),
                relation: Some(Relation::Head),
                care: care.iter().map(|c| (*c).to_owned()).collect(),
                ..MemberInput::default()
            }],
            ..HouseholdInput::default()
        },
    )
    .unwrap()
}

fn worker(db: &mut Db, grid: i64, n: u32) -> i64 {
    grid::save(
        db,
        &ctx_on("2026-10-01"),
        None,
        GridWorkerInput {
            name: format!("网格员{n}"),
            id_number: id(&format!("1402021990010100{n}")),
            unit_id: Some(grid),
            role: Some(GridRole::FullTime),
            ..GridWorkerInput::default()
        },
    )
    .unwrap()
}

fn visited(db: &mut Db, household_id: i64, worker_id: i64, day: &str) {
    visit::record(
        db,
        &ctx_on(day),
        VisitInput {
            household_id,
            worker_id: Some(worker_id),
            visited_on: day.into(),
            way: Some(VisitWay::Home),
            found: "身体尚好".into(),
            need: String::new(),
        },
    )
    .unwrap();
}

/// A 诉求 received on `day`, dispatched with `deadline` when given.
fn appeal_of(
    db: &mut Db,
    community: i64,
    grid: Option<i64>,
    day: &str,
    deadline: Option<&str>,
) -> i64 {
    let id = appeal::record(
        db,
        &ctx_on(day),
        AppealInput {
            source: Some(AppealSource::CallIn),
            received_on: day.into(),
            community_id: Some(community),
            grid_id: grid,
            content: "楼道灯坏了".into(),
            ..AppealInput::default()
        },
    )
    .unwrap();
    if let Some(deadline) = deadline {
        let step = |s: AppealStep| s;
        appeal::take_step(
            db,
            &ctx_on(day),
            id,
            AppealStatus::Assessed,
            step(AppealStep {
                category: "道路设施".into(),
                urgency: Some(Urgency::Normal),
                ..AppealStep::default()
            }),
        )
        .unwrap();
        appeal::take_step(
            db,
            &ctx_on(day),
            id,
            AppealStatus::Dispatched,
            AppealStep {
                handler: "物业".into(),
                deadline: Some(deadline.into()),
                ..AppealStep::default()
            },
        )
        .unwrap();
    }
    id
}

/// A line's counts and its rate.
fn line(f: &GridFigures) -> ([i64; 9], &str) {
    (f.counts(), f.satisfaction.as_str())
}

#[test]
fn a_months_figures_per_community_and_grid() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    let o = office(&mut db);
    let h1 = home(&mut db, o.north, o.north_1, "1号", 1, &["独居老人"]);
    home(&mut db, o.north, o.north_1, "2号", 2, &[]);
    let h3 = home(&mut db, o.north, o.north_2, "3号", 3, &["残疾人"]);
    let h4 = home(&mut db, o.south, o.south_1, "4号", 4, &[]);
    let (w1, w2, w3) = (
        worker(&mut db, o.north_1, 1),
        worker(&mut db, o.north_2, 2),
        worker(&mut db, o.south_1, 3),
    );
    visited(&mut db, h1, w1, "2026-11-03");
    visited(&mut db, h1, w1, "2026-11-10");
    visited(&mut db, h3, w2, "2026-11-20");
    visited(&mut db, h4, w3, "2026-10-30");
    // Finished on the 8th, called back satisfied on the 9th.
    let a1 = appeal_of(
        &mut db,
        o.north,
        Some(o.north_1),
        "2026-11-05",
        Some("2026-11-10"),
    );
    appeal::take_step(
        &mut db,
        &ctx_on("2026-11-08"),
        a1,
        AppealStatus::Done,
        AppealStep {
            note: "已更换".into(),
            ..AppealStep::default()
        },
    )
    .unwrap();
    appeal::call_back(
        &mut db,
        &ctx_on("2026-11-09"),
        a1,
        AppealStep {
            note: "电话回访".into(),
            satisfaction: Some(Satisfaction::Basically),
            ..AppealStep::default()
        },
    )
    .unwrap();
    // Open past its deadline at the month's end.
    appeal_of(
        &mut db,
        o.north,
        Some(o.north_2),
        "2026-11-12",
        Some("2026-11-15"),
    );
    // Received in October, late since October.
    appeal_of(
        &mut db,
        o.south,
        Some(o.south_1),
        "2026-10-20",
        Some("2026-10-25"),
    );
    // The community's own, no grid, not yet dispatched.
    appeal_of(&mut db, o.south, None, "2026-11-25", None);

    let today = ctx_on("2026-12-04");
    let november = grid::monthly(&db, &today, "2026-11").unwrap();
    assert_eq!(november.title, "2026年11月");
    let names: Vec<&str> = november.rows.iter().map(|f| f.unit.as_str()).collect();
    assert_eq!(
        names,
        [
            "北关社区",
            "第一网格",
            "第二网格",
            "南关社区",
            "第一网格",
            "合计"
        ]
    );
    let lines: Vec<_> = november.rows.iter().map(line).collect();
    assert_eq!(
        lines,
        [
            ([3, 2, 3, 2, 2, 1, 1, 1, 1], "100.0%"),
            ([2, 1, 2, 1, 1, 1, 0, 1, 1], "100.0%"),
            ([1, 1, 1, 1, 1, 0, 1, 0, 0], "—"),
            ([1, 0, 0, 0, 1, 0, 1, 0, 0], "—"),
            ([1, 0, 0, 0, 0, 0, 1, 0, 0], "—"),
            ([4, 2, 3, 2, 3, 1, 2, 1, 1], "100.0%"),
        ]
    );
    assert_eq!(november.rows[4].community_id, Some(o.south));
    // October: one visit, one 诉求 received and late by the 31st.
    let october = grid::monthly(&db, &today, "2026-10").unwrap();
    let total = october.rows.last().unwrap();
    assert_eq!(line(total), ([4, 2, 1, 1, 1, 0, 1, 0, 0], "—"));
    // A month under way is read as of today: A2 is not late on 11-14.
    let mid = grid::monthly(&db, &ctx_on("2026-11-14"), "2026-11").unwrap();
    assert_eq!(mid.rows[2].overdue, 0);
    assert!(grid::monthly(&db, &today, "十一月").is_err());

    // 南关社区's user: their community and its grid, and a 合计 of theirs.
    let mut south_user = ctx_on("2026-12-04");
    south_user.scope = Some(Scope::of(&db, o.south).unwrap());
    let theirs = grid::monthly(&db, &south_user, "2026-11").unwrap();
    let names: Vec<&str> = theirs.rows.iter().map(|f| f.unit.as_str()).collect();
    assert_eq!(names, ["南关社区", "第一网格", "合计"]);
    assert_eq!(line(&theirs.rows[2]), line(&theirs.rows[0]));

    // The workbook, read back by a second reader: title, headers, a grid indented, the total.
    let out = dir.path().join("月报.xlsx");
    let written = grid::export_monthly(&mut db, &today, "2026-11", &out).unwrap();
    assert_eq!(written, 6);
    let book = taizhang_app::excel::open(&out).unwrap();
    let sheet = &book.sheets[0];
    let text = |r: u32, c: u32| match sheet.cell(r, c) {
        taizhang_app::core::import::Cell::Text(t) => t.to_string(),
        taizhang_app::core::import::Cell::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    };
    assert_eq!(text(0, 0), "城北街道2026年11月网格工作月报");
    assert_eq!(text(2, 0), "社区（村）/网格");
    assert_eq!(text(4, 0), "　　第一网格");
    assert_eq!(text(8, 0), "合计");
    assert_eq!(text(8, 1), "4");
    assert_eq!(text(8, 10), "100.0%");
}

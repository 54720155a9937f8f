//! 网格化管理 on a real database: grid workers, households with their members and care tags,
//! visits, and which households are due a visit on a day passed in.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use chrono::NaiveDate;
use taizhang_app::{
    core::{
        grid::{GridRole, GridWorkerInput},
        household::{HouseholdInput, MemberInput, Relation, Residence},
        org::OrgKind,
        visit::{VisitInput, VisitWay},
    },
    db::{audit::AuditQuery, org},
    grid::{self, GridWorkerQuery},
    household::{self, HouseholdQuery},
    scope::Scope,
    setup, visit, Ctx, Db, ErrorCode,
};

fn ctx_on(day: &str) -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: day.parse::<NaiveDate>().unwrap(),
    }
}

fn ctx() -> Ctx {
    ctx_on("2026-12-03")
}

/// The demo office's unit of `kind` named `name` under `under` (a community's name), if given.
fn unit(db: &Db, kind: OrgKind, name: &str, under: Option<i64>) -> i64 {
    org::all(db.conn())
        .unwrap()
        .into_iter()
        .find(|n| n.kind == kind && n.name == name && under.is_none_or(|u| n.parent_id == Some(u)))
        .unwrap_or_else(|| panic!("no {name}"))
        .id
}

/// The households among `ids` due a visit on `ctx.today` (the demo office has its own).
fn due_among(db: &Db, ctx: &Ctx, ids: &[i64]) -> Vec<i64> {
    household::due_households(db, ctx)
        .unwrap()
        .into_iter()
        .filter(|h| ids.contains(h))
        .collect()
}

/// A grid of the test's own under `community`, so the demo's workers serve none of it.
fn own_grid(db: &mut Db, community: i64) -> i64 {
    db.write(|tx| org::insert(tx, Some(community), OrgKind::Grid, "测试网格"))
        .unwrap()
}

fn office() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    (dir, db)
}

fn member(name: &str, id: &str, relation: Relation, care: &[&str]) -> MemberInput {
    MemberInput {
        name: name.into(),
        id_number: id.into(),
        phone: "13912345678".into(),
        relation: Some(relation),
        residence: Some(Residence::Registered),
        care: care.iter().map(|c| (*c).to_owned()).collect(),
        note: String::new(),
    }
}

fn household_in(
    community: i64,
    grid: i64,
    room: &str,
    members: Vec<MemberInput>,
) -> HouseholdInput {
    HouseholdInput {
        community_id: Some(community),
        grid_id: Some(grid),
        estate: "测试小区".into(),
        building: "3号楼".into(),
        unit: "2单元".into(),
        room: room.into(),
        note: String::new(),
        members,
    }
}

#[test]
fn a_household_its_visits_and_when_the_next_is_due() {
    let (_dir, mut db) = office();
    let ctx = ctx();
    let east = unit(&db, OrgKind::Community, "东关社区", None);
    let grid1 = own_grid(&mut db, east);
    let worker = grid::save(
        &mut db,
        &ctx,
        None,
        GridWorkerInput {
            name: "李梅".into(),
            id_number: "110101199003071233".into(),
            phone: "13800001111".into(),
            unit_id: Some(grid1),
            role: Some(GridRole::FullTime),
            area: "幸福小区1—6号楼".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let alone = household::save(
        &mut db,
        &ctx,
        None,
        household_in(
            east,
            grid1,
            "301",
            vec![member(
                "王国民",
                "11010119380512001X",
                Relation::Head,
                &["独居老人", "高龄老人"],
            )],
        ),
    )
    .unwrap();
    let family = household::save(
        &mut db,
        &ctx,
        None,
        household_in(
            east,
            grid1,
            "302",
            vec![
                member("赵强", "110101198001010010", Relation::Head, &[]),
                member("赵小雨", "110101201505050029", Relation::Daughter, &[]),
            ],
        ),
    )
    .unwrap();

    // The same address twice is one household.
    let again = household::save(
        &mut db,
        &ctx,
        None,
        household_in(
            east,
            grid1,
            "301",
            vec![member("钱七", "110101198512120019", Relation::Head, &[])],
        ),
    )
    .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict, "{}", again.message);

    // Found by the head's initials, the ID's tail and a part of the address; phones masked.
    for search in ["wgm", "001X", "测试小区3号楼2单元301"] {
        let page = household::page(
            &db,
            &ctx,
            &HouseholdQuery {
                search: search.into(),
                ..HouseholdQuery::default()
            },
            (1, 20),
        )
        .unwrap();
        assert_eq!(page.total, 1, "{search}");
        assert_eq!(page.items[0].row.id, alone);
        assert_eq!(page.items[0].row.head, "王国民");
        assert!(
            page.items[0].row.phone.contains('*'),
            "{}",
            page.items[0].row.phone
        );
    }

    // Any fragment of an address, one character too, through the address index; the index
    // ignores punctuation, the exact fragment still decides.
    let found = |text: &str| {
        let q = HouseholdQuery {
            search: text.into(),
            ..HouseholdQuery::default()
        };
        household::page(&db, &ctx, &q, (1, 20)).unwrap().total
    };
    assert_eq!(found("试"), 2);
    // A search's pages, one household a page, in address order; past the end, none.
    let page_of = |n: u32| {
        let q = HouseholdQuery {
            search: "试".into(),
            ..HouseholdQuery::default()
        };
        let page = household::page(&db, &ctx, &q, (n, 1)).unwrap();
        let addresses: Vec<String> = page.items.into_iter().map(|l| l.row.address).collect();
        (addresses, page.total)
    };
    let ((first, total), (second, _), (third, after)) = (page_of(1), page_of(2), page_of(3));
    assert_eq!((total, after, third.len()), (2, 2, 0));
    assert_eq!((first.len(), second.len()), (1, 1));
    assert!(first[0] < second[0], "{first:?} {second:?}");
    assert_eq!(found("测试小区3号楼2单元30"), 2);
    assert_eq!(found("试小区3号楼2单元302"), 1);
    assert_eq!(found("测试小区3号楼2单元-302"), 0);
    assert_eq!(found("测试小区3号楼2单元3 02"), 0);

    // Never visited, the 独居老人 is due at once; the family has no care tag and never is.
    let ours = [alone, family];
    assert_eq!(due_among(&db, &ctx, &ours), [alone]);
    let line = |db: &Db, ctx: &Ctx, id: i64| {
        let ours = HouseholdQuery {
            search: "测试小区".into(),
            ..HouseholdQuery::default()
        };
        household::page(db, ctx, &ours, (1, 50))
            .unwrap()
            .items
            .into_iter()
            .find(|l| l.row.id == id)
            .unwrap()
    };
    assert!(line(&db, &ctx, alone).due);
    assert_eq!(line(&db, &ctx, alone).row.visit_days, Some(7));
    assert_eq!(line(&db, &ctx, family).next_due, None);

    // A visit two days ago: due again a week after it, not before.
    let refused = visit::record(
        &mut db,
        &ctx,
        VisitInput {
            household_id: alone,
            worker_id: Some(worker),
            visited_on: "2026-12-04".into(),
            way: Some(VisitWay::Home),
            found: "身体尚好".into(),
            need: String::new(),
        },
    )
    .unwrap_err();
    assert_eq!(
        refused.fields[0].field, "visited_on",
        "a visit tomorrow is refused"
    );
    visit::record(
        &mut db,
        &ctx,
        VisitInput {
            household_id: alone,
            worker_id: Some(worker),
            visited_on: "2026-12-01".into(),
            way: Some(VisitWay::Home),
            found: "身体尚好，冬季取暖正常".into(),
            need: "楼道灯坏了，晚上看不清".into(),
        },
    )
    .unwrap();
    assert_eq!(
        line(&db, &ctx, alone).next_due.as_deref(),
        Some("2026-12-08")
    );
    assert!(due_among(&db, &ctx, &ours).is_empty());
    let a_week_on = ctx_on("2026-12-08");
    assert_eq!(due_among(&db, &a_week_on, &ours), [alone]);
    let by_worker = household::due_by_worker(&db, &a_week_on).unwrap();
    let li = by_worker.iter().find(|w| w.worker_id == worker).unwrap();
    assert_eq!((li.name.as_str(), li.due), ("李梅", 1));

    // When 独居老人 is set to no visits, only 高龄老人's month remains.
    household::set_visit_days(&mut db, &ctx, "独居老人", None).unwrap();
    assert_eq!(
        line(&db, &ctx, alone).next_due.as_deref(),
        Some("2026-12-31")
    );
    household::set_visit_days(&mut db, &ctx, "独居老人", Some(7)).unwrap();

    // The visit log and the audit trail.
    let log = visit::of_household(&db, &ctx, alone).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].worker, "李梅");
    let trail = taizhang_app::audit::list(
        &db,
        &ctx,
        &AuditQuery {
            entity: Some(visit::ENTITY.into()),
            page: 1,
            page_size: 50,
            ..AuditQuery::default()
        },
    )
    .unwrap();
    assert!(trail
        .items
        .iter()
        .any(|e| e.summary.contains("测试小区3号楼2单元301")));

    // A member edited through the masked form keeps their ID; a member added links their person.
    let detail = household::get(&db, &ctx, family).unwrap();
    assert!(detail.record.input.members[0].id_number.contains('*'));
    let mut input = detail.record.input.clone();
    input.members[0].name = "赵强国".into(); // renamed through the masked form: the ID is kept
    input.members.push(member(
        "孙红",
        "110101198203030028",
        Relation::Spouse,
        &["残疾人"],
    ));
    household::save(&mut db, &ctx, Some(family), input).unwrap();
    let stored = taizhang_app::db::household::get(db.conn(), family).unwrap();
    assert_eq!(stored.input.members[0].id_number, "110101198001010010");
    assert_eq!(stored.input.members[0].name, "赵强国");
    assert_eq!(stored.input.members.len(), 3);
    assert_eq!(stored.input.members[2].care, ["残疾人"]);

    // The grid worker is listed under the community and under the grid, ID masked.
    let under = |unit: i64| {
        grid::list(
            &db,
            &ctx,
            &GridWorkerQuery {
                unit_id: Some(unit),
                ..GridWorkerQuery::default()
            },
        )
        .unwrap()
    };
    assert!(under(east).iter().any(|w| w.id == worker));
    let workers = under(grid1);
    assert_eq!(workers.len(), 1);
    assert_eq!(workers[0].unit, "东关社区测试网格");
    assert!(workers[0].input.id_number.contains('*'));

    // Deleted and put back.
    // (孙红, 残疾人, never visited, is due now.)
    household::delete(&mut db, &ctx, alone).unwrap();
    assert_eq!(due_among(&db, &a_week_on, &ours), [family]);
    household::restore(&mut db, &ctx, alone).unwrap();
    assert_eq!(due_among(&db, &a_week_on, &ours), [alone, family]);
}

#[test]
fn a_community_sees_its_own_households_only() {
    let (_dir, mut db) = office();
    let ctx = ctx();
    let east = unit(&db, OrgKind::Community, "东关社区", None);
    let west = unit(&db, OrgKind::Community, "西关社区", None);
    let east_grid = own_grid(&mut db, east);
    let west_grid = unit(&db, OrgKind::Grid, "第一网格", Some(west));
    household::save(
        &mut db,
        &ctx,
        None,
        household_in(
            east,
            east_grid,
            "101",
            vec![member(
                "王国民",
                "11010119380512001X",
                Relation::Head,
                &["独居老人"],
            )],
        ),
    )
    .unwrap();
    let theirs = household::save(
        &mut db,
        &ctx,
        None,
        household_in(
            west,
            west_grid,
            "101",
            vec![member(
                "赵强",
                "110101198001010010",
                Relation::Head,
                &["独居老人"],
            )],
        ),
    )
    .unwrap();
    let mut east_user = ctx.clone();
    east_user.scope = Some(Scope::of(&db, east).unwrap());
    let ours = HouseholdQuery {
        search: "测试小区".into(),
        ..HouseholdQuery::default()
    };
    assert_eq!(household::page(&db, &ctx, &ours, (1, 50)).unwrap().total, 2);
    let page = household::page(&db, &east_user, &ours, (1, 50)).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].row.community, "东关社区");
    let due = household::due_households(&db, &east_user).unwrap();
    assert!(due.contains(&page.items[0].row.id));
    assert!(
        !due.contains(&theirs),
        "another community's household is not due for 东关"
    );
    let refused = household::get(&db, &east_user, theirs).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden, "{}", refused.message);
    // A grid of another community is refused for one's own household.
    let wrong = household_in(
        east,
        west_grid,
        "102",
        vec![member("钱七", "110101198512120019", Relation::Head, &[])],
    );
    let refused = household::save(&mut db, &ctx, None, wrong).unwrap_err();
    assert_eq!(refused.fields[0].field, "grid_id");
}

#[test]
fn households_are_listed_with_their_numbers_in_order() {
    // 2号楼 before 10号楼 (as text, "10" sorts before "2"), 三组 with the 3s.
    let (_dir, mut db) = office();
    let ctx = ctx();
    let east = unit(&db, OrgKind::Community, "东关社区", None);
    let grid = own_grid(&mut db, east);
    let rooms = ["1001", "三〇二", "99", "0301", "302", "1002"];
    for (i, room) in rooms.iter().enumerate() {
        let digits = format!("11010119851212{:03}", 100 + i);
        let id = format!(
            "{digits}{}",
            taizhang_app::core::id_number::check_character(&digits)
        );
        let head = member(&format!("顺序{i}"), &id, Relation::Head, &[]);
        household::save(
            &mut db,
            &ctx,
            None,
            household_in(east, grid, room, vec![head]),
        )
        .unwrap();
    }
    let listed = |q: HouseholdQuery| -> Vec<String> {
        household::page(&db, &ctx, &q, (1, 20))
            .unwrap()
            .items
            .into_iter()
            .map(|l| {
                l.row
                    .address
                    .trim_start_matches("测试小区3号楼2单元")
                    .to_owned()
            })
            .collect()
    };
    let in_grid = listed(HouseholdQuery {
        grid_id: Some(grid),
        ..HouseholdQuery::default()
    });
    // 302 written two ways: in the order they were entered.
    assert_eq!(in_grid, ["99", "0301", "三〇二", "302", "1001", "1002"]);
    // A search lists in the same order.
    let found = listed(HouseholdQuery {
        search: "顺序".into(),
        ..HouseholdQuery::default()
    });
    assert_eq!(found, in_grid);
}

//! 组织架构 edited after set-up, a tree read from the list higher levels send, and a fresh
//! office's first roster naming branches it does not have yet, without a 转正日期 column (待补录).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::Path;

use chrono::NaiveDate;
use taizhang_app::{
    core::{id_number::check_character, org::OrgKind, progress::Quiet},
    db::{org::OrgNode, party_member as table},
    import::{self, Approval, Choice, ImportOptions, OrgChoice, RowKind},
    org::{self, OrgInput},
    party_member as pm, recycle_bin,
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

/// A new office as the first-run form makes it: one community with one grid, one branch.
fn fresh(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::initialize(
        &mut db,
        &ctx(),
        setup::SetupInput {
            office_name: "城北街道".into(),
            communities: vec![setup::CommunityInput {
                name: "北关社区".into(),
                grids: vec!["北关社区第一网格".into()],
            }],
            branches: vec!["北关社区党支部".into()],
        },
    )
    .unwrap();
    db
}

fn unit(db: &Db, name: &str) -> OrgNode {
    org::find(db, name).unwrap()
}

fn add(db: &mut Db, parent: &str, kind: OrgKind, name: &str) -> i64 {
    let parent_id = Some(unit(db, parent).id);
    org::add(
        db,
        &ctx(),
        &OrgInput {
            parent_id,
            kind,
            name: name.into(),
        },
    )
    .unwrap()
}

/// A valid ID for the i-th person.
fn id(i: u32) -> String {
    let digits = format!("1411301985{:02}{:02}{:03}", 1 + i % 12, 1 + i % 28, 100 + i);
    format!("{digits}{}", check_character(&digits))
}

fn sheet(path: &Path, rows: &[Vec<String>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, v.as_str()).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn members_of(db: &Db, branch: &str) -> i64 {
    let id = unit(db, branch).id;
    db.conn()
        .query_row(
            "SELECT count(*) FROM party_member WHERE branch_id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

fn audit_summaries(db: &Db, entity: &str) -> Vec<String> {
    let mut stmt = db
        .conn()
        .prepare("SELECT summary FROM audit_log WHERE entity = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([entity], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A roster as a higher level sends it: no 转正日期 and no 民族 column, two branches the office
/// does not have, one member of a branch the office has.
fn roster(path: &Path) {
    let mut rows = vec![vec![
        "序号".to_owned(),
        "姓名".into(),
        "公民身份号码".into(),
        "人员类别".into(),
        "入党时间".into(),
        "所在党支部".into(),
    ]];
    for i in 0..6u32 {
        let branch = match i {
            0..=2 => "丽景街社区党支部",
            3 | 4 => "城北街道机关第二党支部",
            _ => "北关社区党支部",
        };
        rows.push(vec![
            (i + 1).to_string(),
            format!("党员{}", ["甲", "乙", "丙", "丁", "戊", "己"][i as usize]),
            id(i),
            "正式党员".into(),
            "2010.07".into(),
            branch.into(),
        ]);
    }
    sheet(path, &rows);
}

/// What importing `path` would do, with no decisions made.
fn preview(db: &Db, path: &Path) -> import::ImportOutcome {
    registers::preview(
        db,
        &ctx(),
        Register::PartyMembers,
        path,
        &ImportOptions::default(),
        &Quiet,
    )
    .unwrap()
}

fn import_roster(db: &mut Db, path: &Path, options: &ImportOptions) -> import::ImportOutcome {
    registers::apply(
        db,
        &ctx(),
        Register::PartyMembers,
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

#[test]
fn the_party_tree_is_a_real_hierarchy_that_can_be_edited() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = fresh(dir.path());
    let c = ctx();
    add(
        &mut db,
        "城北街道党工委",
        OrgKind::PartyCommittee,
        "北关社区党委",
    );
    add(
        &mut db,
        "北关社区党委",
        OrgKind::GeneralBranch,
        "北关社区党总支",
    );
    add(
        &mut db,
        "北关社区党总支",
        OrgKind::Branch,
        "北关社区第二党支部",
    );
    add(&mut db, "城北街道", OrgKind::Community, "南关社区");
    add(&mut db, "南关社区", OrgKind::Grid, "南关社区第一网格");

    // A kind under a parent it cannot hang under is refused, saying where it belongs.
    let committee = unit(&db, "城北街道党工委").id;
    let wrong = org::add(
        &mut db,
        &c,
        &OrgInput {
            parent_id: Some(committee),
            kind: OrgKind::Grid,
            name: "错放的网格".into(),
        },
    )
    .unwrap_err();
    assert!(wrong.message.contains("社区/村"), "{}", wrong.message);

    // Moving the first branch under the 党总支: filters by the 党委 now find its members.
    let first = unit(&db, "北关社区党支部").id;
    let roster_path = dir.path().join("一人.xlsx");
    sheet(
        &roster_path,
        &[
            vec![
                "姓名".into(),
                "公民身份号码".into(),
                "民族".into(),
                "入党日期".into(),
                "转正日期".into(),
                "所在党支部".into(),
            ],
            vec![
                "王国民".into(),
                id(40),
                "汉族".into(),
                "2010-07-01".into(),
                "2011-07-01".into(),
                "北关社区党支部".into(),
            ],
        ],
    );
    import_roster(&mut db, &roster_path, &ImportOptions::default());
    let general = unit(&db, "北关社区党总支").id;
    org::move_to(&mut db, &c, first, general).unwrap();
    let under_committee = pm::list(
        &db,
        &c,
        &table::PartyMemberQuery {
            branch_id: Some(unit(&db, "北关社区党委").id),
            page: 1,
            page_size: 20,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        under_committee.total, 1,
        "a member of a branch moved under the 党委 is found by filtering on the 党委"
    );
    let party_committee = unit(&db, "北关社区党委").id;
    let into_own_subtree = org::move_to(&mut db, &c, party_committee, general).unwrap_err();
    assert!(into_own_subtree.message.contains("下级"));

    // Rename keeps every link.
    org::rename(&mut db, &c, first, "北关社区第一党支部").unwrap();
    let page = pm::list(
        &db,
        &c,
        &table::PartyMemberQuery {
            page: 1,
            page_size: 20,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.items[0].branch, "北关社区第一党支部");

    // Remove is refused while anything refers to the unit, saying what does.
    let refused = org::remove(&mut db, &c, first).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(
        refused.message.contains("党员（所在党支部） 1 条"),
        "{}",
        refused.message
    );

    // Merge moves every member to the survivor in one transaction; the merged unit goes to
    // the recycle bin; both units' trails say so.
    let second = unit(&db, "北关社区第二党支部").id;
    let merged = org::merge(&mut db, &c, first, second).unwrap();
    assert_eq!(merged.moved, 1);
    assert_eq!(members_of(&db, "北关社区第二党支部"), 1);
    assert!(org::find(&db, "北关社区第一党支部").is_err());
    let trail = audit_summaries(&db, org::ENTITY);
    assert!(
        trail
            .iter()
            .filter(|s| s.contains("合并到 北关社区第二党支部"))
            .count()
            == 2,
        "{trail:?}"
    );
    let bin = recycle_bin::list(&db, &ctx(), 1, 50).unwrap();
    assert!(bin
        .items
        .iter()
        .any(|i| i.entity == "组织" && i.title.starts_with("北关社区第一党支部")));

    // Merging different kinds is refused; so is merging a grid whose children clash.
    let kinds = org::merge(&mut db, &c, second, general).unwrap_err();
    assert!(kinds.message.contains("只能合并同类组织"));

    // An unused unit is removed to the recycle bin, and comes back from it.
    let grid = unit(&db, "南关社区第一网格").id;
    org::remove(&mut db, &c, grid).unwrap();
    assert!(org::find(&db, "南关社区第一网格").is_err());
    recycle_bin::restore(&mut db, &c, "组织", grid).unwrap();
    assert_eq!(
        unit(&db, "南关社区第一网格").parent_id,
        Some(unit(&db, "南关社区").id)
    );
}

#[test]
fn a_tree_is_read_from_the_list_higher_levels_send() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = fresh(dir.path());
    let path = dir.path().join("组织架构.xlsx");
    // Children before their parents, one kind left for the name to tell, one row unplaceable.
    let row = |a: &str, b: &str, c: &str| vec![a.to_owned(), b.to_owned(), c.to_owned()];
    sheet(
        &path,
        &[
            row("组织名称", "组织类型", "上级组织"),
            row("丽景街社区第一网格", "网格", "丽景街社区"),
            row("丽景街社区", "社区", "城北街道"),
            row("丽景街社区党支部", "", "丽景街社区党总支"),
            row("丽景街社区党总支", "党总支", "城北街道党工委"),
            row("北关社区党支部", "党支部", "城北街道党工委"),
            row("退休职工之家", "", ""),
        ],
    );
    let tried = org::sheet::import(&mut db, &ctx(), &path, true).unwrap();
    assert_eq!((tried.added, tried.existing, tried.errors), (4, 1, 1));
    assert!(
        org::find(&db, "丽景街社区").is_err(),
        "a dry run writes nothing"
    );
    let done = org::sheet::import(&mut db, &ctx(), &path, false).unwrap();
    assert_eq!((done.added, done.existing, done.errors), (4, 1, 1));
    let bad = done.rows.iter().find(|r| r.outcome == "错误").unwrap();
    assert_eq!(bad.row, 7, "the Excel row of 退休职工之家");
    assert!(bad.reason.contains("组织类型"), "{}", bad.reason);
    let branch = unit(&db, "丽景街社区党支部");
    assert_eq!(branch.kind, OrgKind::Branch, "kind from the name's ending");
    assert_eq!(branch.parent_id, Some(unit(&db, "丽景街社区党总支").id));
    assert_eq!(
        unit(&db, "丽景街社区第一网格").parent_id,
        Some(unit(&db, "丽景街社区").id)
    );
}

#[test]
fn a_fresh_office_takes_a_roster_naming_branches_it_lacks_and_flags_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = fresh(dir.path());
    let path = dir.path().join("党员花名册.xlsx");
    roster(&path);
    let before = org::tree(&db).unwrap();

    // The preview lists each unknown branch once, with its rows; without a decision those rows
    // are errors and nothing is created.
    let seen = preview(&db, &path);
    let unknown: Vec<(&str, u32)> = seen
        .preview
        .unknown_orgs
        .iter()
        .map(|o| (o.name.as_str(), o.rows))
        .collect();
    assert_eq!(
        unknown,
        [("丽景街社区党支部", 3), ("城北街道机关第二党支部", 2)]
    );
    assert!(seen.preview.unknown_orgs[0].action.starts_with("未处理"));
    assert_eq!(seen.preview.report.rows.error, 5);
    assert_eq!(seen.preview.new, 1, "the member of the known branch");
    assert_eq!(org::tree(&db).unwrap(), before, "a preview creates nothing");

    // The one new row lacks 转正日期 and 民族: it goes in, flagged 待补录, with the fields named.
    let known = seen
        .preview
        .diffs
        .iter()
        .find(|d| d.kind == RowKind::New)
        .unwrap();
    assert_eq!(known.lacking, ["民族", "转正日期"]);
    assert_eq!(seen.preview.incomplete, 1);

    // Creating the missing branches (under the 党工委, as nothing in the file says otherwise).
    let done = import_roster(
        &mut db,
        &path,
        &ImportOptions {
            add_missing_orgs: true,
            ..Default::default()
        },
    );
    assert_eq!(done.applied, 6, "every valid row went in");
    assert!(done.preview.unknown_orgs.iter().all(|o| o.action == "新增"));
    let committee = unit(&db, "城北街道党工委").id;
    for name in ["丽景街社区党支部", "城北街道机关第二党支部"] {
        let b = unit(&db, name);
        assert_eq!((b.kind, b.parent_id), (OrgKind::Branch, Some(committee)));
    }
    assert_eq!(members_of(&db, "丽景街社区党支部"), 3);
    assert!(audit_summaries(&db, org::ENTITY)
        .iter()
        .any(|s| s.contains("新增党支部 丽景街社区党支部")));

    // 待补录: a filter and a count; the record names what it lacks; a complete save clears it.
    let incomplete = |db: &Db| {
        pm::list(
            db,
            &ctx(),
            &table::PartyMemberQuery {
                incomplete: true,
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let flagged = incomplete(&db);
    assert_eq!(flagged.total, 6);
    let first = flagged.items.iter().find(|r| r.name == "党员甲").unwrap();
    let detail = pm::get(&db, &ctx(), first.id).unwrap();
    assert_eq!(detail.lacking, ["nation", "confirmed_on"]);
    let mut input = table::get(db.conn(), first.id, ctx().today).unwrap().input;
    input.nation = "汉族".into();
    let still_lacking = pm::update(&mut db, &ctx(), first.id, input.clone()).unwrap_err();
    assert!(
        still_lacking.message.contains("转正日期"),
        "the form still requires what the import let through"
    );
    input.confirmed_on = Some("2011-07".into());
    pm::update(&mut db, &ctx(), first.id, input).unwrap();
    assert_eq!(incomplete(&db).total, 5);
    assert!(pm::get(&db, &ctx(), first.id).unwrap().lacking.is_empty());
}

#[test]
fn an_unknown_name_close_to_a_known_one_is_suggested_and_can_be_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = fresh(dir.path());
    add(
        &mut db,
        "城北街道党工委",
        OrgKind::Branch,
        "丽景街社区第一党支部",
    );
    let path = dir.path().join("党员花名册.xlsx");
    roster(&path);
    let seen = preview(&db, &path);
    let lijing = &seen.preview.unknown_orgs[0];
    assert_eq!(lijing.suggestion.as_deref(), Some("丽景街社区第一党支部"));
    assert_eq!(
        seen.preview.unknown_orgs[1].suggestion, None,
        "nothing is close to 城北街道机关第二党支部"
    );
    let target = unit(&db, "丽景街社区第一党支部").id;
    let options = ImportOptions {
        orgs: [(
            "丽景街社区党支部".to_owned(),
            OrgChoice::Map { org_id: target },
        )]
        .into(),
        ..Default::default()
    };
    let done = import_roster(&mut db, &path, &options);
    assert_eq!(
        done.applied, 4,
        "three mapped rows and the known branch's row"
    );
    assert_eq!(members_of(&db, "丽景街社区第一党支部"), 3);
    assert!(
        org::find(&db, "丽景街社区党支部").is_err(),
        "a mapped name is not created"
    );

    // The next file of the same layout maps the name as the clerk did, and says so.
    let again = preview(&db, &path);
    let lijing = &again.preview.unknown_orgs[0];
    assert_eq!(
        (lijing.action.as_str(), lijing.remembered),
        ("对应到 丽景街社区第一党支部", true)
    );
    assert_eq!(
        again.preview.unchanged, 4,
        "{:#?}",
        again.preview.report.issues
    );
}

/// The roster a 组织部 sends, written by openpyxl (`tests/fixtures/generate.py first_roster`):
/// every row's fate, what was suggested, what is flagged.
#[test]
fn the_roster_sent_down_goes_in_row_by_row_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = fresh(dir.path());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/roster_first.xlsx");
    let seen = preview(&db, &path);
    let unknown: Vec<(&str, u32, &str, Option<&str>)> = seen
        .preview
        .unknown_orgs
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.rows,
                o.first_row.as_str(),
                o.suggestion.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        [
            ("城北街道机关党支部", 3, "Sheet1 第 4 行", None),
            (
                "丽景街社区党支部",
                2,
                "Sheet1 第 7 行",
                None // 北关社区党支部 shares only its ending: no suggestion
            ),
        ]
    );
    let done = import_roster(
        &mut db,
        &path,
        &ImportOptions {
            add_missing_orgs: true,
            ..Default::default()
        },
    );
    let rows: Vec<(u32, &str, RowKind, Vec<&str>)> = done
        .preview
        .diffs
        .iter()
        .map(|d| {
            (
                d.row,
                d.name.as_str(),
                d.kind,
                d.lacking.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let both = vec!["民族", "转正日期"];
    assert_eq!(
        rows,
        [
            (4, "周建国", RowKind::New, both.clone()),
            (5, "吴秀兰", RowKind::New, both.clone()),
            (6, "郑小龙", RowKind::New, vec!["民族"]), // 预备: no 转正日期 yet
            (7, "冯丽娟", RowKind::New, both.clone()),
            (8, "陈志强", RowKind::New, both),
        ]
    );
    assert_eq!(done.applied, 5);
    let all = table::all(db.conn(), ctx().today).unwrap();
    let zheng = all.iter().find(|m| m.input.name == "郑小龙").unwrap();
    assert_eq!(
        (
            zheng.input.category.label(),
            zheng.input.joined_on.as_deref(),
            zheng.branch.as_str()
        ),
        ("预备党员", Some("2025-11"), "城北街道机关党支部"),
        "预备 read as 预备党员, 2025.11 kept as a year-month"
    );
}

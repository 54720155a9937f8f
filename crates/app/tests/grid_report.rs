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

/// A line's counts (住户 … 满意) and its 满意率.
fn line(f: &GridFigures) -> ([i64; 9], &str) {
    (
        [
            f.households,
            f.cared,
            f.visits,
            f.visited,
            f.received,
            f.finished,
            f.overdue,
            f.called_back,
            f.satisfied,
        ],
        f.satisfaction.as_str(),
    )
}

/// A line's 办结率, 按期办结, 按期办结率, 纠纷排查, 纠纷化解 and 调解成功率.
fn closing(f: &GridFigures) -> (&str, i64, &str, i64, i64, &str) {
    (
        f.finish_rate.as_str(),
        f.on_time,
        f.on_time_rate.as_str(),
        f.disputes_found,
        f.disputes_settled,
        f.settle_rate.as_str(),
    )
}

/// A dispute found on `found` in `community`/`grid`, ended on `ended` as settled or not.
fn dispute_of(
    db: &mut Db,
    (community, grid): (i64, Option<i64>),
    found: &str,
    ended: Option<(&str, bool)>,
) {
    use taizhang_app::core::dispute::{AgreementInput, DisputeInput, MediationInput};
    let ctx = ctx_on(found);
    let id = taizhang_app::dispute::save(
        db,
        &ctx,
        None,
        DisputeInput {
            found_on: found.into(),
            community_id: Some(community),
            grid_id: grid,
            kind: "邻里纠纷".into(),
            party_a: "王国强".into(),
            party_b: "李秀梅".into(),
            summary: "楼上漏水".into(),
            mediator: "张调解".into(),
            ..DisputeInput::suggested()
        },
    )
    .unwrap();
    let Some((day, settled)) = ended else {
        return;
    };
    let ctx = ctx_on(day);
    let session = MediationInput {
        held_on: day.into(),
        mediators: "张调解".into(),
        place: "调解室".into(),
        process: "双方陈述".into(),
    };
    taizhang_app::dispute::mediate(db, &ctx, id, session).unwrap();
    if settled {
        let agreed = AgreementInput {
            matters: "漏水致天花板受损。".into(),
            terms: "甲方修复并赔偿800元。".into(),
            performance: "当面付清。".into(),
        };
        taizhang_app::dispute::settle(db, &ctx, id, agreed).unwrap();
    } else {
        taizhang_app::dispute::fail(db, &ctx, id, "引导当事人向人民法院起诉").unwrap();
    }
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
    // Disputes: one found and settled in November, one found in October and given up in
    // November, one found in November still open.
    dispute_of(
        &mut db,
        (o.north, Some(o.north_1)),
        "2026-11-06",
        Some(("2026-11-20", true)),
    );
    dispute_of(
        &mut db,
        (o.south, None),
        "2026-10-28",
        Some(("2026-11-03", false)),
    );
    dispute_of(&mut db, (o.south, Some(o.south_1)), "2026-11-16", None);

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
    // Received 2 in 北关, finished 1 of them, on time; 南关 received 1, finished none.
    let closings: Vec<_> = november.rows.iter().map(closing).collect();
    assert_eq!(
        closings,
        [
            ("50.0%", 1, "100.0%", 1, 1, "100.0%"),
            ("100.0%", 1, "100.0%", 1, 1, "100.0%"),
            ("0.0%", 0, "—", 0, 0, "—"),
            ("0.0%", 0, "—", 1, 0, "0.0%"),
            ("—", 0, "—", 1, 0, "—"),
            ("33.3%", 1, "100.0%", 2, 1, "50.0%"),
        ]
    );
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
    let satisfaction = grid::month_headers()
        .iter()
        .position(|h| *h == "满意率")
        .unwrap() as u32;
    assert_eq!(text(8, satisfaction), "100.0%");

    fill_the_districts_form(&mut db, &today, dir.path(), &november);
    fill_a_form_per_grid_and_one_per_office(&mut db, &today, dir.path(), &november);
}

/// Two forms as Excel writes them (rust_xlsxwriter): one whose 网格 column asks for a line per
/// grid (its community beside it, no 合计 row: none is added), and a 市's one-line form per
/// 街道 (the office's line, named by the office).
fn fill_a_form_per_grid_and_one_per_office(
    db: &mut Db,
    ctx: &Ctx,
    dir: &std::path::Path,
    month: &grid::GridMonth,
) {
    let form = |name: &str, title: &str, headers: &[&str]| {
        let path = dir.join(name);
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, title).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write(1, c as u16, *h).unwrap();
        }
        wb.save(&path).unwrap();
        path
    };
    let per_grid = form(
        "网格月报.xlsx",
        "各网格工作情况统计",
        &[
            "社区",
            "网格名称",
            "入户走访（户次）",
            "受理事件",
            "办结事件",
            "超期",
            "回访满意率",
        ],
    );
    let out = dir.join("网格月报（已填）.xlsx");
    let done = grid::fill_monthly(db, ctx, "2026-11", &per_grid, &out).unwrap();
    assert_eq!(done.rows, 3, "a line per grid");
    assert!(
        done.unknown_columns.is_empty(),
        "{:?}",
        done.unknown_columns
    );
    let book = taizhang_app::excel::open(&out).unwrap();
    let sheet = &book.sheets[0];
    let line = |r: u32| -> Vec<String> { (0..7).map(|c| sheet.cell(r, c).text()).collect() };
    let south_1 = &month.rows[4];
    assert_eq!(
        line(4),
        [
            "南关社区".to_owned(),
            "第一网格".to_owned(),
            south_1.visits.to_string(),
            south_1.received.to_string(),
            south_1.finished.to_string(),
            south_1.overdue.to_string(),
            south_1.satisfaction.clone(),
        ]
    );
    assert_eq!(line(2)[..2], ["北关社区", "第一网格"]);
    assert_eq!(sheet.height(), 5, "no 合计 line added");

    let per_office = form(
        "市月报.xlsx",
        "全市网格化服务管理月报",
        &[
            "序号",
            "街道（乡镇）",
            "走访户次",
            "收集诉求",
            "办结率",
            "矛盾纠纷化解率",
        ],
    );
    let out = dir.join("市月报（已填）.xlsx");
    let done = grid::fill_monthly(db, ctx, "2026-11", &per_office, &out).unwrap();
    assert_eq!(done.rows, 1);
    let book = taizhang_app::excel::open(&out).unwrap();
    let total = month.rows.last().unwrap();
    let line: Vec<String> = (0..6).map(|c| book.sheets[0].cell(2, c).text()).collect();
    assert_eq!(
        line,
        [
            "1".to_owned(),
            "城北街道".to_owned(),
            total.visits.to_string(),
            total.received.to_string(),
            total.finish_rate.clone(),
            total.settle_rate.clone(),
        ]
    );

    // A sheet with no column the report knows is refused in Chinese, and nothing is written.
    let stray = form("名单.xlsx", "名单", &["姓名", "性别"]);
    let out = dir.join("名单（已填）.xlsx");
    let e = grid::fill_monthly(db, ctx, "2026-11", &stray, &out).unwrap_err();
    assert!(
        e.message.contains("没有找到表头") && e.message.contains("住户"),
        "{}",
        e.message
    );
    assert!(!out.exists());
}

/// tests/fixtures/grid_month_district.xlsx (generate.py): a 区's form with a line per 社区, a
/// two-row header (诉求（件）over 收集/办结/按期办结, 矛盾纠纷（件）over 排查/化解), 办结率
/// computed by the form, 网格员人数 no figure fills, a 合计 row of SUM formulas and blank cells.
fn fill_the_districts_form(db: &mut Db, ctx: &Ctx, dir: &std::path::Path, month: &grid::GridMonth) {
    use taizhang_app::core::import::Cell;
    let template = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/grid_month_district.xlsx");
    let refused = grid::fill_monthly(db, ctx, "2026-11", &template, &template).unwrap_err();
    assert!(refused.message.contains("不要覆盖"), "{}", refused.message);
    let out = dir.join("月报表（已填）.xlsx");
    let done = grid::fill_monthly(db, ctx, "2026-11", &template, &out).unwrap();
    assert_eq!(done.sheet.as_deref(), Some("月报表"));
    assert_eq!(done.rows, 2, "a line per community");
    assert_eq!(done.unknown_columns, ["网格员人数", "备注"]);
    assert!(!done.masked);

    let book = taizhang_app::excel::open(&out).unwrap();
    let sheet = &book.sheets[0];
    let cell = |r: u32, c: u32| sheet.cell(r, c).clone();
    let north = &month.rows[0];
    assert_eq!(cell(0, 0).text(), "城区网格化服务管理工作月报表");
    assert_eq!(cell(4, 0), Cell::Number(1.0), "序号 numbered");
    assert_eq!(cell(4, 1).text(), "北关社区");
    assert_eq!(cell(5, 1).text(), "南关社区");
    // Counts as numbers, so the form's own SUMs and rate formulas work on them.
    assert_eq!(cell(4, 2), Cell::Number(north.visits as f64));
    assert_eq!(cell(4, 3), Cell::Number(north.received as f64));
    assert_eq!(cell(4, 4), Cell::Number(north.finished as f64));
    assert_eq!(cell(4, 5), Cell::Number(north.on_time as f64));
    assert_eq!(cell(4, 7).text(), north.satisfaction);
    assert_eq!(cell(4, 8), Cell::Number(north.disputes_found as f64));
    assert_eq!(cell(4, 9), Cell::Number(north.disputes_settled as f64));
    assert!(cell(4, 10).is_blank(), "网格员人数 left empty");
    // The 合计 row right under the lines, then the footer.
    assert_eq!(cell(6, 0).text(), "合计");
    assert!(cell(8, 0).text().starts_with("填报人"));
    // The form's blanks: the office and the month in its title line, the day at the end of
    // its footer; 填报人, 审核人 and 联系电话 are for people to write.
    let day = ctx.today.format("%Y年%-m月%-d日").to_string();
    let office = taizhang_app::db::setting::get(db.conn(), "office_name")
        .unwrap()
        .unwrap();
    assert_eq!(
        done.filled_in,
        [
            format!("填报单位：{office}"),
            "统计月份：2026年11月".to_owned(),
            format!("填报日期：{day}")
        ]
    );
    let raw = |r: u32| match sheet.raw(r, 0) {
        Cell::Text(t) => t.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        raw(1),
        format!("填报单位（盖章）：{office}\u{3000}\u{3000}统计月份：2026年11月")
    );
    assert!(
        raw(8).ends_with(&format!(
            "联系电话：\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}填报日期：{day}"
        )),
        "{}",
        raw(8)
    );

    // The sheet's XML: the form's formulas cover the two lines; blank 合计 cells hold totals.
    let xml = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    let total = month.rows.last().unwrap();
    for piece in [
        "<f>SUM(C5:C6)</f>".to_owned(),
        "<f>SUM(F5:F6)</f>".to_owned(),
        r#"<f>IF(D5=0,&quot;&quot;,E5/D5)</f>"#.to_owned(),
        r#"<f>IF(D6=0,&quot;&quot;,E6/D6)</f>"#.to_owned(),
        format!("<v>{}</v>", total.disputes_found),
        format!("<t>{}</t>", total.satisfaction),
    ] {
        assert!(xml.contains(&piece), "{piece} in the filled sheet");
    }
    assert!(
        xml.contains(r#"<c r="I7""#),
        "the 合计 row's 排查 cell is filled"
    );

    // The same form read by openpyxl would compute the rates; the filled file holds no cached
    // values for formulas (every reader computes them anew).
    assert!(!xml.contains("<f>SUM(C5:C12)</f>"));
}

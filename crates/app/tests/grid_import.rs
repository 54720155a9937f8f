//! The grid's sheets on a real database: 住户信息表 in the shapes communities and platforms
//! write them (POI-style .xlsx one sheet per community, WPS BIFF8 with one address column, a
//! web platform's HTML "xls"), households formed by address, people moved and the move undone;
//! 网格员花名册 from .NET's OpenXML (two communities' 第一网格) and a GBK TSV without 职务
//! (待补录). Fixtures: tests/fixtures/generate.py.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use common::community;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use chrono::NaiveDate;
use taizhang_app::{
    core::{
        grid::GridRole,
        household::{MemberInput, Relation, Residence},
        org::OrgKind,
        progress::Quiet,
    },
    db::{household as table, org},
    grid::{self, GridWorkerQuery},
    household::{self, HouseholdQuery},
    import::{Approval, Choice, ImportOptions, ImportOutcome, RowKind},
    registers::{self, Register},
    setup, Ctx, Db, ErrorCode,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn office(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

fn preview(db: &Db, register: Register, path: &Path, options: &ImportOptions) -> ImportOutcome {
    registers::preview(db, &ctx(), register, path, options, &Quiet).unwrap()
}

fn apply(db: &mut Db, register: Register, path: &Path, options: &ImportOptions) -> ImportOutcome {
    registers::apply(
        db,
        &ctx(),
        register,
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

/// The value step's choice: `written` in `field` read as `label`.
fn choosing(field: &str, written: &str, label: &str) -> ImportOptions {
    let mut values = BTreeMap::new();
    values.insert(
        field.to_owned(),
        BTreeMap::from([(written.to_owned(), label.to_owned())]),
    );
    ImportOptions {
        values,
        ..ImportOptions::default()
    }
}

/// The one live household whose address holds `text`.
fn household_at(db: &Db, text: &str) -> table::HouseholdRecord {
    let q = HouseholdQuery {
        search: text.into(),
        ..Default::default()
    };
    let page = household::page(db, &ctx(), &q, (1, 20)).unwrap();
    assert_eq!(page.total, 1, "{text}: {:?}", page.items);
    table::get(db.conn(), page.items[0].row.id).unwrap()
}

fn names(h: &table::HouseholdRecord) -> Vec<&str> {
    h.input.members.iter().map(|m| m.name.as_str()).collect()
}

/// The unit of `kind` named `name` in the community named `community`.
fn unit(db: &Db, kind: OrgKind, name: &str, community_name: &str) -> i64 {
    let c = community(db, community_name);
    org::all(db.conn())
        .unwrap()
        .iter()
        .find(|n| n.kind == kind && n.name == name && n.parent_id == Some(c))
        .unwrap()
        .id
}

fn reason(done: &ImportOutcome, name: &str) -> String {
    let d = done.preview.diffs.iter().find(|d| d.name == name).unwrap();
    assert_eq!(d.kind, RowKind::Error, "{name}");
    d.reason.clone()
}

#[test]
fn a_community_sheet_goes_in_one_household_per_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let file = fixture("households_community.xlsx");
    // 孤寡老人 is no entry of 关爱类别: its row waits for the clerk's choice.
    let first = preview(&db, Register::Households, &file, &ImportOptions::default());
    let lonely = first
        .preview
        .unknown_values
        .iter()
        .find(|v| v.value == "孤寡老人")
        .expect("孤寡老人 asked about");
    assert!(lonely.may_add, "{lonely:?}");
    assert_eq!(first.preview.new, 6, "{:#?}", first.preview.diffs);
    // Each person is listed with the address they go to.
    let liu = first
        .preview
        .diffs
        .iter()
        .find(|d| d.name == "刘建国")
        .unwrap();
    assert_eq!(liu.place, "幸福小区3号楼2单元302");
    // The clerk adds it to the dictionary.
    let done = apply(
        &mut db,
        Register::Households,
        &file,
        &choosing("care", "孤寡老人", "孤寡老人"),
    );
    assert_eq!(
        (done.preview.new, done.applied),
        (7, 7),
        "{:#?}",
        done.preview.diffs
    );
    assert!(reason(&done, "钱小红").contains("公民身份号码"));
    assert!(reason(&done, "孙立").contains("网格“南山村”不存在"));

    // One household per address, in the community the sheet's tab names, the grid of that
    // community (every community has a 第一网格).
    let liu = household_at(&db, "幸福小区3号楼2单元302");
    assert_eq!(names(&liu), ["刘建国", "张桂英", "刘强", "陈磊", "刘欣怡"]);
    assert_eq!(liu.input.community_id, Some(community(&db, "东关社区")));
    assert_eq!(
        liu.input.grid_id,
        Some(unit(&db, OrgKind::Grid, "第一网格", "东关社区"))
    );
    let relations: Vec<_> = liu.input.members.iter().map(|m| m.relation).collect();
    assert_eq!(
        relations,
        [
            Some(Relation::Head),
            Some(Relation::Spouse),
            Some(Relation::Son),
            Some(Relation::Son), // 女婿: GB/T 4761 code 28, under 子
            Some(Relation::Grandchild),
        ]
    );
    assert_eq!(liu.input.members[3].residence, Some(Residence::Floating));
    assert_eq!(liu.input.members[4].care, ["留守儿童"]);
    let wang = household_at(&db, "幸福小区3号楼2单元301");
    assert_eq!(wang.input.members[0].care, ["独居老人", "高龄老人"]);
    assert_eq!(wang.input.members[0].phone, "13834560001");
    let zhao = household_at(&db, "建设小区1号楼1单元101");
    assert_eq!(zhao.input.members[0].care, ["孤寡老人"]);
    // 独居老人 asks for a weekly visit: the new household is due at once.
    assert!(household::due_households(&db, &ctx())
        .unwrap()
        .contains(&wang.id));

    // The same file again changes nothing.
    let again = preview(
        &db,
        Register::Households,
        &file,
        &choosing("care", "孤寡老人", "孤寡老人"),
    );
    assert_eq!((again.preview.new, again.preview.changed), (0, 0));
    assert_eq!(again.preview.unchanged, 7);

    // The export comes household by household: each address is one run of rows, whatever
    // order the people were added in (a baby born into the demo's first household is the
    // newest person of all).
    let first = household::page(&db, &ctx(), &HouseholdQuery::default(), (1, 1))
        .unwrap()
        .items[0]
        .row
        .id;
    let mut h = table::get(db.conn(), first).unwrap().input;
    let body = "14113020260101001";
    h.members.push(MemberInput {
        name: "新生儿".into(),
        id_number: format!(
            "{body}{}",
            taizhang_app::core::id_number::check_character(body)
        ),
        relation: Some(Relation::Grandchild),
        ..MemberInput::suggested()
    });
    household::save(&mut db, &ctx(), Some(first), h).unwrap();
    let out = dir.path().join("住户.xlsx");
    let request = taizhang_app::export::Request {
        unmasked: Some("核对"),
        ..Default::default()
    };
    registers::export(&mut db, &ctx(), Register::Households, &out, request).unwrap();
    let book = taizhang_app::excel::open(&out).unwrap();
    let sheet = &book.sheets[0];
    let header = (0..sheet.height())
        .find(|&r| (0..sheet.width()).any(|c| sheet.cell(r, c).text() == "单元"))
        .unwrap();
    let place: Vec<u32> = (0..sheet.width())
        .filter(|&c| {
            let h = sheet.cell(header, c).text();
            h.contains("社区")
                || h.contains("小区")
                || h.contains("楼")
                || h == "单元"
                || h.contains("门牌")
        })
        .collect();
    assert!(place.len() >= 4, "社区 and the address's parts");
    let mut seen: Vec<String> = Vec::new();
    for r in header + 1..sheet.height() {
        let key: String = place.iter().map(|&c| sheet.cell(r, c).text()).collect();
        if seen.last() != Some(&key) {
            assert!(
                !seen.contains(&key),
                "{key} comes back after other households"
            );
            seen.push(key);
        }
    }
    assert!(seen.len() > 300, "the demo's households and the sheet's");
}

#[test]
fn a_village_sheet_with_one_address_column_and_a_move_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let done = apply(
        &mut db,
        Register::Households,
        &fixture("households_village.xls"),
        &ImportOptions::default(),
    );
    assert_eq!(done.applied, 4, "{:#?}", done.preview.diffs);
    let li = household_at(&db, "南山村三组12号");
    assert_eq!(names(&li), ["李满仓", "周改莲"]);
    assert_eq!(
        li.input.room, "南山村三组12号",
        "the one column is the address"
    );
    let away = household_at(&db, "南山村三组15号");
    assert_eq!(away.input.members[0].residence, Some(Residence::Away));

    // A later sheet has the son with his grandparents, then his father too: 15号 is emptied
    // and goes to the recycle bin.
    let moved = dir.path().join("moved.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("南山村").unwrap();
    for (r, row) in [
        ["家庭住址", "姓名", "身份证号", "与户主关系"],
        [
            "南山村三组12号",
            "李浩然",
            &away.input.members[1].id_number,
            "孙子",
        ],
        [
            "南山村三组12号",
            "李建军",
            &away.input.members[0].id_number,
            "子",
        ],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&moved).unwrap();
    let second = apply(
        &mut db,
        Register::Households,
        &moved,
        &ImportOptions::default(),
    );
    assert_eq!(
        (second.preview.changed, second.applied),
        (2, 2),
        "{:#?}",
        second.preview.diffs
    );
    let li = household_at(&db, "南山村三组12号");
    assert_eq!(names(&li), ["李满仓", "周改莲", "李浩然", "李建军"]);
    assert_eq!(li.input.members[2].relation, Some(Relation::Grandchild));
    assert_eq!(
        li.input.members[2].care,
        ["留守儿童"],
        "a column the sheet lacks keeps its value"
    );
    let emptied = table::get(db.conn(), away.id).unwrap();
    assert!(emptied.deleted && emptied.input.members.is_empty());

    // Undone: both back at 15号, the household taken back out of the recycle bin.
    let batch = second.batch_id.unwrap();
    registers::undo(&mut db, &ctx(), batch).unwrap();
    let back = household_at(&db, "南山村三组15号");
    assert_eq!(back.id, away.id);
    assert_eq!(names(&back), ["李建军", "李浩然"]);
    assert_eq!(
        names(&household_at(&db, "南山村三组12号")),
        ["李满仓", "周改莲"]
    );

    // A household edited through its form after an import is not overwritten by its undo.
    let third = apply(
        &mut db,
        Register::Households,
        &moved,
        &ImportOptions::default(),
    );
    let mut h = household_at(&db, "南山村三组12号");
    h.input.note = "行动不便请多敲门".into();
    household::save(&mut db, &ctx(), Some(h.id), h.input).unwrap();
    let refused = registers::undo(&mut db, &ctx(), third.batch_id.unwrap()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict, "{refused:?}");
    assert!(
        refused.message.contains("又被修改过"),
        "{}",
        refused.message
    );
}

#[test]
fn a_web_platforms_html_export_goes_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let done = apply(
        &mut db,
        Register::Households,
        &fixture("households_web.xls"),
        &ImportOptions::default(),
    );
    assert_eq!(done.applied, 3, "{:#?}", done.preview.diffs);
    let ma = household_at(&db, "西关社区新村5号楼1单元201");
    assert_eq!(names(&ma), ["马文斌", "杨丽"]);
    assert_eq!(
        ma.input.grid_id,
        Some(unit(&db, OrgKind::Grid, "第二网格", "西关社区"))
    );
    let gao = household_at(&db, "西关社区新村5号楼1单元202");
    assert_eq!(gao.input.members[0].care, ["独居老人", "失能半失能老人"]);
}

#[test]
fn a_dotnet_roster_tells_two_communities_first_grids_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let file = fixture("grid_workers_dotnet.xlsx");
    let first = preview(&db, Register::GridWorkers, &file, &ImportOptions::default());
    let odd = first
        .preview
        .unknown_values
        .iter()
        .find(|v| v.value == "信息采集员")
        .expect("信息采集员 asked about");
    assert!(!odd.may_add, "roles are fixed: {odd:?}");
    let done = apply(
        &mut db,
        Register::GridWorkers,
        &file,
        &choosing("role", "信息采集员", "兼职网格员"),
    );
    assert_eq!(done.applied, 5, "{:#?}", done.preview.diffs);
    assert!(
        done.preview.diffs.iter().all(|d| d.place.contains("网格")),
        "each worker listed with their grid: {:#?}",
        done.preview.diffs
    );
    let of = |name: &str| {
        let q = GridWorkerQuery {
            search: name.into(),
            ..Default::default()
        };
        grid::list(&db, &ctx(), &q).unwrap()
    };
    let guo = of("郭晓燕");
    assert_eq!(guo.len(), 1);
    assert_eq!(
        guo[0].input.unit_id,
        Some(unit(&db, OrgKind::Grid, "第一网格", "东关社区"))
    );
    assert_eq!(guo[0].input.role, Some(GridRole::FullTime), "网格员 alone");
    let han = of("韩冬梅");
    assert_eq!(han.len(), 2, "one person, two grids");
    assert!(han.iter().all(|w| w.person_id == han[0].person_id));
    assert_eq!(of("冯志刚")[0].input.role, Some(GridRole::Micro), "楼栋长");
    assert_eq!(of("田野")[0].input.role, Some(GridRole::PartTime));

    // Without its 社区 column the roster's 第一网格 cannot be told apart.
    let bare = dir.path().join("bare.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, v) in ["姓名", "身份证号", "所在网格", "职务"].iter().enumerate() {
        ws.write(0, c as u16, *v).unwrap();
    }
    let id_number = taizhang_app::db::grid_worker::get(db.conn(), guo[0].id)
        .unwrap()
        .input
        .id_number;
    for (c, v) in ["郭晓燕", &id_number, "第一网格", "网格员"]
        .iter()
        .enumerate()
    {
        ws.write(1, c as u16, *v).unwrap();
    }
    wb.save(&bare).unwrap();
    let refused = preview(&db, Register::GridWorkers, &bare, &ImportOptions::default());
    assert!(
        reason(&refused, "郭晓燕").contains("有多个网格叫“第一网格”"),
        "{}",
        reason(&refused, "郭晓燕")
    );
}

#[test]
fn a_roster_without_roles_goes_in_to_be_completed() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let done = apply(
        &mut db,
        Register::GridWorkers,
        &fixture("grid_workers.tsv"),
        &ImportOptions::default(),
    );
    assert_eq!(
        (done.applied, done.preview.incomplete),
        (2, 2),
        "{:#?}",
        done.preview.diffs
    );
    let q = GridWorkerQuery {
        search: "曹丽娜".into(),
        ..Default::default()
    };
    let cao = &grid::list(&db, &ctx(), &q).unwrap()[0];
    assert_eq!(cao.input.role, None);
    assert_eq!(
        cao.input.unit_id,
        Some(unit(&db, OrgKind::Grid, "第二网格", "南山村"))
    );
    let lacking = |id| taizhang_app::db::incomplete::of(db.conn(), grid::ENTITY, id).unwrap();
    assert_eq!(lacking(cao.id), ["role"]);
    // Completed through the form: no longer 待补录.
    let mut w = grid::get(&db, &ctx(), cao.id).unwrap().row.input;
    w.role = Some(GridRole::PartTime);
    grid::save(&mut db, &ctx(), Some(cao.id), w).unwrap();
    let lacking = taizhang_app::db::incomplete::of(db.conn(), grid::ENTITY, cao.id).unwrap();
    assert!(lacking.is_empty());
}

#[test]
fn a_hotline_export_read_weekly_moves_each_order_forward() {
    use taizhang_app::{
        appeal,
        core::appeal::{AppealSource, AppealStatus, Satisfaction, Urgency},
    };
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let order = |db: &Db, number: &str| {
        let id = taizhang_app::db::appeal::find_by_number(db.conn(), number)
            .unwrap()
            .unwrap_or_else(|| panic!("no {number}"));
        appeal::get(db, &ctx(), id).unwrap()
    };
    // 噪音扰民 is added to 诉求类别; 2611080015 is finished without a reply.
    let first = apply(
        &mut db,
        Register::Appeals,
        &fixture("hotline_week1.xlsx"),
        &choosing("category", "噪音扰民", "噪音扰民"),
    );
    assert_eq!(first.applied, 5, "{:#?}", first.preview.diffs);
    let refused = first
        .preview
        .diffs
        .iter()
        .find(|d| d.key == "2611080015")
        .unwrap();
    assert!(
        refused.reason.contains("办结需要填写办理结果"),
        "{}",
        refused.reason
    );

    let signed = order(&db, "2611030012");
    assert_eq!(signed.line.row.status, AppealStatus::Dispatched, "待签收");
    assert_eq!(signed.line.row.input.source, Some(AppealSource::Hotline));
    assert_eq!(signed.line.row.input.urgency, Some(Urgency::Normal));
    assert_eq!(
        signed.line.row.input.received_on, "2026-11-03",
        "the call's day"
    );
    assert_eq!(signed.line.row.input.category, "物业管理", "物业服务");
    assert_eq!(signed.line.row.deadline.as_deref(), Some("2026-11-10"));
    // Each step the loop takes is in its 办理经过, by the clerk who imported it.
    let steps: Vec<_> = signed.steps.iter().map(|s| s.to).collect();
    assert_eq!(steps, [AppealStatus::Assessed, AppealStatus::Dispatched]);
    assert!(signed.steps.iter().all(|s| s.actor == "测试员"));
    let closed = order(&db, "2611060019");
    assert_eq!(closed.line.row.status, AppealStatus::Closed);
    assert_eq!(
        closed.line.row.satisfaction,
        Some(Satisfaction::Satisfied),
        "非常满意"
    );
    assert_eq!(closed.steps.len(), 4);
    // Past its 时限 and still open on the office's day: 督办.
    assert!(order(&db, "2611040031").line.overdue);
    // 首页 counts them with the office's own.
    let counts = taizhang_app::home::home(&db, &ctx()).unwrap().counts;
    let of = |label: &str| counts.iter().find(|c| c.label == label).unwrap().count;
    let page = appeal::page(&db, &ctx(), &Default::default(), (1, 1)).unwrap();
    assert_eq!(of("办理中诉求"), page.open);
    assert_eq!(of("超时限诉求"), page.overdue);
    assert!(of("超时限诉求") >= 1);

    // A week later (exported after the first import): finished, extended, reopened by a 回访
    // 不满意, one new, one unchanged.
    let week2 = dir.path().join("hotline_week2.xlsx");
    std::fs::copy(fixture("hotline_week2.xlsx"), &week2).unwrap();
    let second = apply(
        &mut db,
        Register::Appeals,
        &week2,
        &ImportOptions::default(),
    );
    let p = &second.preview;
    assert_eq!((p.new, p.changed, p.unchanged), (1, 3, 1), "{:#?}", p.diffs);
    assert_eq!(order(&db, "2611030012").line.row.status, AppealStatus::Done);
    assert_eq!(order(&db, "2611030012").line.row.result, "已更换楼道灯");
    let extended = order(&db, "2611040031");
    assert_eq!(extended.line.row.deadline.as_deref(), Some("2026-11-20"));
    let reopened = order(&db, "2611050007");
    assert_eq!(reopened.line.row.status, AppealStatus::Handling);
    assert_eq!(reopened.line.row.reopened, 1);
    assert_eq!(
        order(&db, "2611200044").line.row.status,
        AppealStatus::Dispatched
    );

    // An older export never moves an order back.
    let back = preview(
        &db,
        Register::Appeals,
        &fixture("hotline_week1.xlsx"),
        &ImportOptions::default(),
    );
    let d = back
        .preview
        .diffs
        .iter()
        .find(|d| d.key == "2611030012")
        .unwrap();
    assert_eq!(d.kind, RowKind::Error);
    assert!(
        d.reason.contains("不能从“已办结”退回“已派单”"),
        "{}",
        d.reason
    );

    // The second week undone: each order where the first week left it.
    registers::undo(&mut db, &ctx(), second.batch_id.unwrap()).unwrap();
    assert_eq!(
        order(&db, "2611030012").line.row.status,
        AppealStatus::Dispatched
    );
    assert_eq!(order(&db, "2611050007").line.row.status, AppealStatus::Done);
    assert_eq!(
        order(&db, "2611040031").line.row.deadline.as_deref(),
        Some("2026-11-12")
    );
    assert!(
        taizhang_app::db::appeal::find_by_number(db.conn(), "2611200044")
            .unwrap()
            .is_none()
    );
}

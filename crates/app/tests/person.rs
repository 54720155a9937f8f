//! 人才库, one person across every register, and the home screen's to-do, on a real database:
//! a talent sheet that is really an HTML table imported with its categories mapped by synonym;
//! the to-do list on fixed dates; a person's file gathering membership, points, talent and
//! house; merging two records of one person, and the refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use std::path::Path;

use chrono::{Days, NaiveDate};
use taizhang_app::{
    core::{progress::Quiet, talent::TalentInput, todo::TodoKind},
    db::person::{self as person_table, PersonRecord},
    import::{Approval, Choice, ImportOptions, RowKind},
    link::Link,
    party_member::{self, ContactInput},
    person, print,
    registers::{self, Register},
    setup, talent, todo, Ctx, Db, ErrorCode,
};

fn on(day: &str) -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap(),
    }
}

fn ctx() -> Ctx {
    on("2026-11-23")
}

fn office(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

/// What web systems export as ".xls": an HTML table, with a title row.
const HTML_SHEET: &str = r#"<html><head><meta charset="utf-8"></head><body>
<table border="1">
<tr><td colspan="7">高家沟社区乡土人才信息表</td></tr>
<tr><td>姓名</td><td>身份证号码</td><td>手机号码</td><td>人才类型</td><td>是否后备干部</td><td>特长</td><td>务工地</td></tr>
<tr><td>李建华</td><td>141130198806120039</td><td>13935812345</td><td>退伍军人、致富带头人</td><td>是</td><td>电商，直播带货</td><td>本村</td></tr>
<tr><td>赵小芳</td><td>14113019950818002X</td><td>13935800001</td><td>大学生村官</td><td>否</td><td>办公软件</td><td>太原</td></tr>
<tr><td>钱多多</td><td>141130199001010013</td><td></td><td>宇航员</td><td>否</td><td></td><td></td></tr>
</table></body></html>"#;

#[test]
fn a_talent_sheet_exported_by_a_web_system_is_imported_by_synonym() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let file = dir.path().join("人才信息表.xls");
    std::fs::write(&file, HTML_SHEET).unwrap();
    let done = registers::apply(
        &mut db,
        &ctx(),
        Register::Talents,
        &file,
        &ImportOptions::default(),
        Approval {
            choice: Choice::default(),
            expected_hash: None,
        },
        &Quiet,
    )
    .unwrap();
    let found = registers::inspect(&file).unwrap();
    assert!(
        found.format_label.contains("HTML"),
        "{}",
        found.format_label
    );
    assert_eq!(found.register.as_deref(), Some("talents"));
    assert_eq!(done.applied, 2, "{:#?}", done.preview.diffs);
    let bad = done
        .preview
        .diffs
        .iter()
        .find(|d| d.kind == RowKind::Error)
        .unwrap();
    assert!(
        bad.reason.contains("人才类别“宇航员”不在字典中"),
        "{}",
        bad.reason
    );
    // Each entry of a 人才类别 cell is a value of its own in the value step: the unknown one
    // waits there, to be mapped or added to the dictionary.
    let waiting: Vec<(&str, &str, bool)> = done
        .preview
        .unknown_values
        .iter()
        .filter(|v| v.action.starts_with("未处理"))
        .map(|v| (v.field.as_str(), v.value.as_str(), v.may_add))
        .collect();
    assert_eq!(waiting, [("categories", "宇航员", true)]);

    let found = talent::list(
        &db,
        &ctx(),
        &talent::TalentQuery {
            skill: Some("电商".into()),
            category: Some("退役军人".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    let li = &found[0].input;
    assert_eq!(li.name, "李建华");
    assert_eq!(li.categories, ["退役军人", "致富能手", "后备干部"]);
    assert_eq!(li.skills, ["电商", "直播带货"]);
    assert_eq!(li.id_number, "1411**********0039", "lists are masked");
    // Pinyin initials find a talent as everywhere.
    let by_pinyin = talent::list(
        &db,
        &ctx(),
        &talent::TalentQuery {
            search: "zxf".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(by_pinyin[0].input.categories, ["到村工作大学生"]);

    // The card prints the talent, masked.
    let card = print::talent_card(&db, &ctx(), found[0].id).unwrap();
    let text = common::pdftotext(&card.bytes);
    assert!(
        text.contains("人才信息卡") && text.contains("直播带货"),
        "{text}"
    );
    assert!(text.contains("1411**********0039") && !text.contains("141130198806120039"));
}

#[test]
fn a_talent_typed_in_is_kept_once_per_person_and_comes_back_from_the_recycle_bin() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let input = TalentInput {
        name: " 刘晓燕 ".into(),
        id_number: "141130199304150021".into(),
        phone: "13835861234".into(),
        categories: vec!["返乡创业人员".into(), "返乡创业人员".into()],
        skills: vec!["民宿经营".into(), " ".into()],
        ..Default::default()
    };
    let id = talent::save(&mut db, &ctx(), None, input.clone()).unwrap();
    let saved = talent::get(&db, &ctx(), id).unwrap().row;
    assert_eq!(saved.input.name, "刘晓燕");
    assert_eq!(saved.input.categories, ["返乡创业人员"]);
    assert_eq!(saved.input.skills, ["民宿经营"]);
    assert_eq!(saved.sex.as_deref(), Some("女"));
    assert!(talent::skills(&db, &ctx())
        .unwrap()
        .iter()
        .any(|(s, n)| s == "民宿经营" && *n == 1));
    // Sent back masked, the stored ID and phone are kept.
    talent::save(&mut db, &ctx(), Some(id), saved.input.clone()).unwrap();
    let again = taizhang_app::db::talent::get(db.conn(), id).unwrap();
    assert_eq!(again.input.id_number, "141130199304150021");

    let twice = talent::save(&mut db, &ctx(), None, input.clone()).unwrap_err();
    assert!(twice.message.contains("已在人才库中"), "{}", twice.message);
    let unknown = talent::save(
        &mut db,
        &ctx(),
        Some(id),
        TalentInput {
            categories: vec!["宇航员".into()],
            ..input.clone()
        },
    )
    .unwrap_err();
    assert_eq!(unknown.fields[0].field, "categories");

    talent::delete(&mut db, &ctx(), id).unwrap();
    assert!(talent::list(&db, &ctx(), &talent::TalentQuery::default())
        .unwrap()
        .iter()
        .all(|t| t.id != id));
    let deleted = talent::save(&mut db, &ctx(), None, input).unwrap_err();
    assert!(deleted.message.contains("回收站"), "{}", deleted.message);
    let bin = taizhang_app::recycle_bin::list(&db, &ctx(), 1, 20).unwrap();
    assert!(bin
        .items
        .iter()
        .any(|i| i.entity == talent::ENTITY && i.entity_id == id));
    taizhang_app::recycle_bin::restore(&mut db, &ctx(), talent::ENTITY, id).unwrap();
    assert!(talent::list(&db, &ctx(), &talent::TalentQuery::default())
        .unwrap()
        .iter()
        .any(|t| t.id == id));
}

#[test]
fn the_todo_list_follows_the_dates() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    // A probationary member: not on the list 31 days before the year is up, on it 30 days
    // before, overdue the day after.
    let members = taizhang_app::db::party_member::all(db.conn(), ctx().today).unwrap();
    let m = members
        .iter()
        .find(|m| m.input.category.label() == "预备党员")
        .unwrap();
    let joined =
        NaiveDate::parse_from_str(m.input.joined_on.as_deref().unwrap(), "%Y-%m-%d").unwrap();
    let due = joined.checked_add_months(chrono::Months::new(12)).unwrap();
    let item = |day: NaiveDate| {
        todo::todo(&db, &on(&day.to_string()))
            .unwrap()
            .into_iter()
            .find(|i| i.kind == TodoKind::Confirmation && i.link == Link::PartyMember(m.id))
    };
    assert!(item(due - Days::new(31)).is_none());
    let soon = item(due - Days::new(30)).unwrap();
    assert!(
        !soon.overdue && soon.detail.contains("还有 30 天"),
        "{}",
        soon.detail
    );
    let late = item(due + Days::new(1)).unwrap();
    assert!(
        late.overdue && late.detail.contains("已逾期 1 天"),
        "{}",
        late.detail
    );

    // Every overdue rectification is on the list, linked to its house.
    let list = todo::todo(&db, &ctx()).unwrap();
    let overdue = taizhang_app::house::overdue(&db, &ctx()).unwrap();
    let rects: Vec<&Link> = list
        .iter()
        .filter(|i| i.kind == TodoKind::Rectification)
        .map(|i| &i.link)
        .collect();
    assert_eq!(rects.len(), overdue.len());
    // Overdue items come first.
    let first_due = list.iter().position(|i| !i.overdue).unwrap_or(list.len());
    assert!(list[first_due..].iter().all(|i| !i.overdue));

    // A member away from home leaves the list once reached, and is back three months later.
    let away = list
        .iter()
        .find(|i| i.kind == TodoKind::Contact)
        .unwrap()
        .link
        .clone();
    let Link::PartyMember(member) = away else {
        panic!("a contact item opens the member")
    };
    party_member::add_contact(
        &mut db,
        &ctx(),
        member,
        ContactInput {
            contacted_on: "2026-11-23".into(),
            way: "电话".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let listed = |day: &str| {
        todo::todo(&db, &on(day))
            .unwrap()
            .iter()
            .any(|i| i.link == away && i.kind == TodoKind::Contact)
    };
    assert!(!listed("2026-11-23"));
    assert!(!listed("2027-02-22"));
    assert!(listed("2027-02-23"));

    // 三会一课: a branch with nothing held this month is listed; its link opens compliance.
    let gaps: Vec<_> = list
        .iter()
        .filter(|i| i.kind == TodoKind::MeetingGap)
        .collect();
    assert!(!gaps.is_empty());
    assert!(gaps.iter().all(|g| matches!(g.link, Link::Compliance(_))));
}

#[test]
fn a_person_file_gathers_every_register_and_search_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let groups = person::search(&db, &ctx(), "wgm").unwrap();
    let registers: Vec<&str> = groups.iter().map(|g| g.register.as_str()).collect();
    for r in ["党员", "志愿者", "人才库", "房屋"] {
        assert!(registers.contains(&r), "{registers:?}");
    }
    let Link::Person(id) = groups[0].hits[0].target.clone() else {
        panic!("a member hit opens the person")
    };
    let f = person::file(&db, &ctx(), id).unwrap();
    assert_eq!(f.name, "王国民");
    assert!(f.id_number.contains("**********"));
    assert!(f.membership.is_some());
    assert!(f.account.as_ref().unwrap().balance.0 > 0);
    assert!(f
        .talent
        .as_ref()
        .unwrap()
        .input
        .skills
        .contains(&"电商".to_string()));
    assert_eq!(f.houses[0].input.address, "东关社区前进路8号");

    let pdf = print::person_archive(&db, &ctx(), id).unwrap();
    let text = common::pdftotext(&pdf.bytes);
    for part in [
        "一人一档",
        "党组织关系",
        "志愿服务积分",
        "人才信息",
        "名下房屋",
        "东关社区前进路8号",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
}

#[test]
fn two_records_of_one_person_merge_in_one_audited_step_and_conflicts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let wang = person::search(&db, &ctx(), "王国民").unwrap()[0].hits[0]
        .target
        .clone();
    let taizhang_app::link::Link::Person(wang) = wang else {
        panic!()
    };
    // A record without ID from an old sheet, owning a house, with an address 王国民's lacks.
    let record = |name: &str, id: Option<&str>| PersonRecord {
        name: name.into(),
        id_number: id.map(str::to_owned),
        sex: None,
        birth_date: None,
        nation: String::new(),
        native_place: "山西交口".into(),
        education: String::new(),
        phone: String::new(),
        address: String::new(),
        grid_id: None,
    };
    let (stray, stranger) = db
        .write(|tx| {
            let stray = person_table::insert(tx, &record("王国民", None))?;
            tx.execute(
                "UPDATE house SET owner_person_id = ?1 WHERE address = '东关社区前进路8号'",
                [stray],
            )?;
            let stranger = person_table::insert(tx, &record("王国民", Some("141130196503150011")))?;
            Ok::<_, taizhang_app::db::DbError>((stray, stranger))
        })
        .unwrap();

    // Different IDs: not the same person; nothing changes.
    let preview = person::merge_preview(&db, &ctx(), wang, stranger).unwrap();
    assert!(preview
        .refusal
        .as_deref()
        .unwrap()
        .contains("公民身份号码不同"));
    let err = person::merge(&mut db, &ctx(), wang, stranger).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(person_table::get(db.conn(), stranger).is_ok());

    // The stray record merges: its house is now 王国民's, its blanks fill his, it is gone.
    let preview = person::merge_preview(&db, &ctx(), wang, stray).unwrap();
    assert_eq!(preview.refusal, None);
    assert_eq!(preview.other.houses.len(), 1);
    person::merge(&mut db, &ctx(), wang, stray).unwrap();
    let f = person::file(&db, &ctx(), wang).unwrap();
    assert_eq!(f.houses[0].input.address, "东关社区前进路8号");
    assert!(person_table::get(db.conn(), stray).is_err());
    let entry = &f.audit[0];
    assert!(entry.summary.contains("合并人员"), "{}", entry.summary);
    assert!(
        entry.summary.contains(&format!("人员编号 {stray}")),
        "{}",
        entry.summary
    );

    // Two records that both have a talent record cannot be merged without losing one.
    let other = db
        .write(|tx| person_table::insert(tx, &record("王国民", None)))
        .unwrap();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO talent (person_id, created_at, updated_at) VALUES (?1, '', '')",
            [other],
        )
        .map_err(taizhang_app::db::DbError::from)
    })
    .unwrap();
    let why = person::merge_preview(&db, &ctx(), wang, other)
        .unwrap()
        .refusal
        .unwrap();
    assert!(why.contains("人才库记录"), "{why}");
}

//! The talent register is declared once: its input (`core::talent::TalentInput`) and its field
//! descriptions (`TALENT_FIELDS`). Every field of the input is described there, and every field
//! goes through the paths a clerk meets — saved and read back, the audit trail's diff, the export,
//! the card and an import of the export — without any of them naming it. A field added to the two
//! declarations (and its column to the migration) is carried the same way.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use serde_json::Value;
use taizhang_app::{
    audit,
    core::{
        progress::Quiet,
        talent::{TalentInput, TALENT_FIELDS},
    },
    db::audit::AuditQuery,
    export::Request,
    import::{Approval, Choice, ImportOptions},
    print,
    registers::{self, Register},
    setup, talent, Ctx, Db,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
    }
}

fn office(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

/// The input's fields by name, as it crosses to the page and the audit trail.
fn fields_of(t: &TalentInput) -> serde_json::Map<String, Value> {
    match serde_json::to_value(t).unwrap() {
        Value::Object(map) => map,
        other => panic!("an input is an object, not {other}"),
    }
}

#[test]
fn every_field_of_a_talent_is_described_once() {
    for key in fields_of(&TalentInput::default()).keys() {
        let described = TALENT_FIELDS.iter().filter(|f| f.key == key).count();
        assert_eq!(
            described, 1,
            "{key} is described {described} times in TALENT_FIELDS"
        );
    }
}

/// A talent with every free-text field filled with a value of its own, the rest valid.
fn everything() -> TalentInput {
    let mut fields = fields_of(&TalentInput {
        name: "周全".into(),
        id_number: "141130199001010013".into(),
        phone: "13935800077".into(),
        categories: vec!["返乡创业人员".into()],
        skills: vec!["果树修剪".into(), "电商".into()],
        education: "大学本科".into(),
        political: "群众".into(),
        ..TalentInput::default()
    });
    for (key, value) in fields.iter_mut() {
        if value.as_str() == Some("") {
            *value = format!("{key}的内容").into();
        }
    }
    serde_json::from_value(Value::Object(fields)).unwrap()
}

#[test]
fn every_field_goes_to_the_record_the_trail_the_export_the_card_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let community = db
        .conn()
        .query_row(
            "SELECT id FROM org_unit WHERE kind = '社区/村' ORDER BY id LIMIT 1",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();
    let input = TalentInput {
        community_id: Some(community),
        ..everything()
    };
    let id = talent::save(&mut db, &ctx(), None, input.clone()).unwrap();
    let saved = taizhang_app::db::talent::get(db.conn(), id).unwrap();
    assert_eq!(saved.input, input, "read back as saved");

    // The trail names every field it was given.
    let trail = audit::list(
        &db,
        &ctx(),
        &AuditQuery {
            entity: Some(talent::ENTITY.into()),
            entity_id: Some(id),
            page: 1,
            page_size: 10,
            ..Default::default()
        },
    )
    .unwrap();
    let changes = trail.items[0].changes.as_object().unwrap();
    for (key, value) in fields_of(&input) {
        let empty = value.as_str() == Some("") || value.is_null();
        assert!(
            empty || changes.contains_key(&key),
            "the trail lacks {key}: {changes:?}"
        );
    }

    // The export has a column per described field, holding what was saved.
    let out = dir.path().join("人才.xlsx");
    registers::export(&mut db, &ctx(), Register::Talents, &out, Request::default()).unwrap();
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect();
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "姓名"))
        .unwrap();
    let ours = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "周全"))
        .expect("the talent is exported");
    let card = common::pdftotext(&print::talent_card(&db, &ctx(), id).unwrap().bytes);
    for (key, value) in fields_of(&input) {
        let Some(text) = value.as_str().filter(|t| t.ends_with("的内容")) else {
            continue;
        };
        let label = TALENT_FIELDS.iter().find(|f| f.key == key).unwrap().label;
        let column = rows[header].iter().position(|c| c == label).unwrap();
        assert_eq!(ours[column], text, "{label} exported");
        assert!(card.contains(text), "{label} on the card: {card}");
    }

    // Exported in full, cleared, and imported again from the export: every field comes back.
    let full = dir.path().join("人才-完整.xlsx");
    registers::export(
        &mut db,
        &ctx(),
        Register::Talents,
        &full,
        Request {
            unmasked: Some("测试导入导出"),
            ..Request::default()
        },
    )
    .unwrap();
    let cleared = TalentInput {
        name: input.name.clone(),
        id_number: input.id_number.clone(),
        phone: input.phone.clone(),
        ..TalentInput::default()
    };
    talent::save(&mut db, &ctx(), Some(id), cleared).unwrap();
    let options = ImportOptions::default();
    let preview =
        registers::preview(&db, &ctx(), Register::Talents, &full, &options, &Quiet).unwrap();
    registers::apply(
        &mut db,
        &ctx(),
        Register::Talents,
        &full,
        &options,
        // The clearing save came after the export was written: when the clock turned a second
        // between them, the row is a conflict (edited after the file was saved), not a change.
        Approval {
            choice: Choice {
                conflicts: true,
                ..Choice::default()
            },
            expected_hash: Some(&preview.content_hash),
        },
        &Quiet,
    )
    .unwrap();
    let back = taizhang_app::db::talent::get(db.conn(), id).unwrap();
    assert_eq!(back.input, input, "imported back from the export");
}

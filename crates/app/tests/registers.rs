//! The registers table (`app::registers`) names every kind of record the office keeps.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use chrono::NaiveDate;
use serde_json::Value;
use taizhang_app::{
    audit,
    core::{org::OrgKind, points::AccountKind},
    db::{audit::AuditQuery, meeting::MeetingQuery, party_member::PartyMemberQuery},
    house, meeting, party_member, points, recycle_bin, registers, setup, talent, Ctx,
};
use taizhang_db::Db;

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
    }
}

/// The newest trail entry of a record: its `{field: [before, after]}`.
fn last_change(db: &Db, entity: &str, id: i64) -> serde_json::Map<String, Value> {
    let q = AuditQuery {
        entity: Some(entity.into()),
        entity_id: Some(id),
        page: 1,
        page_size: 1,
        ..Default::default()
    };
    let entry = audit::list(db, &ctx(), &q).unwrap().items.remove(0);
    entry.changes.as_object().cloned().unwrap_or_default()
}

/// What a field went from and to in a trail entry.
fn went(changes: &serde_json::Map<String, Value>, field: &str) -> (Value, Value) {
    let pair = changes
        .get(field)
        .unwrap_or_else(|| panic!("no {field} in {changes:?}"));
    (pair[0].clone(), pair[1].clone())
}

/// Every register's save writes what changed, field by field: the trail answers "who changed
/// this, and from what to what" for members, talents, houses, meetings and accounts alike.
#[test]
fn every_registers_save_writes_a_field_diff() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = setup::open(&dir.path().join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();

    let q = PartyMemberQuery::default();
    let member = party_member::list(&db, &ctx(), &q).unwrap().items[0].id;
    let mut input = party_member::get(&db, &ctx(), member).unwrap().input;
    let was = input.work_unit.clone();
    input.work_unit = "交口街道便民服务中心 科员".into();
    party_member::update(&mut db, &ctx(), member, input).unwrap();
    let changes = last_change(&db, party_member::ENTITY, member);
    assert_eq!(
        went(&changes, "work_unit"),
        (Value::from(was), Value::from("交口街道便民服务中心 科员"))
    );

    let entry = talent::list(&db, &ctx(), &Default::default()).unwrap()[0].id;
    let mut input = talent::get(&db, &ctx(), entry).unwrap().row.input;
    input.major = "园艺".into();
    talent::save(&mut db, &ctx(), Some(entry), input).unwrap();
    assert_eq!(
        went(&last_change(&db, talent::ENTITY, entry), "major").1,
        "园艺"
    );

    // A house moved to another community: the trail names both units, not their ids.
    let h = house::houses(&db, &ctx(), &Default::default()).unwrap()[0].clone();
    let other = taizhang_app::db::org::all(db.conn())
        .unwrap()
        .into_iter()
        .find(|u| u.kind == OrgKind::Community && u.name != h.community)
        .unwrap();
    let input = taizhang_app::core::house::HouseInput {
        storeys: Some(h.input.storeys.unwrap_or(1) + 1),
        community_id: Some(other.id),
        grid_id: None,
        ..h.input.clone()
    };
    house::save(&mut db, &ctx(), Some(h.id), input).unwrap();
    let changes = last_change(&db, house::ENTITY, h.id);
    let (from, to) = went(&changes, "storeys");
    assert_eq!(
        to.as_u64(),
        Some(u64::from(h.input.storeys.unwrap_or(1)) + 1),
        "{from}"
    );
    assert_eq!(
        went(&changes, "community_id"),
        (Value::from(h.community.clone()), Value::from(other.name))
    );

    let m = meeting::list(&db, &ctx(), &MeetingQuery::default()).unwrap()[0].id;
    let mut input = meeting::get(&db, &ctx(), m).unwrap().input;
    input.place = "社区党群服务中心二楼会议室".into();
    meeting::update(&mut db, &ctx(), m, input).unwrap();
    assert_eq!(
        went(&last_change(&db, meeting::ENTITY, m), "place").1,
        "社区党群服务中心二楼会议室"
    );

    let account = points::open_account(
        &mut db,
        &ctx(),
        points::AccountInput {
            kind: AccountKind::Household,
            name: "高建军".into(),
            id_number: String::new(),
            phone: String::new(),
            address: "东关社区前街5号".into(),
            volunteer_no: String::new(),
            team: "红马甲服务队".into(),
            registered_on: "2026-12-01".into(),
        },
    )
    .unwrap();
    let changes = last_change(&db, points::ACCOUNT, account);
    assert_eq!(went(&changes, "name"), (Value::Null, Value::from("高建军")));
    assert_eq!(went(&changes, "team").1, "红马甲服务队");
}

/// The tables with a `deleted_at` column.
fn soft_deleted(db: &Db) -> Vec<String> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND c.name = 'deleted_at' ORDER BY m.name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A table whose records can be deleted to the recycle bin appears in it, and can be put back
/// from it: a new register cannot forget its bin.
#[test]
fn every_soft_deleted_table_has_a_bin() {
    let db = Db::open_in_memory().unwrap();
    let tables = soft_deleted(&db);
    assert!(tables.len() >= 6, "{tables:?}");
    for table in &tables {
        let kept = registers::KEPT.iter().find(|k| k.table == table);
        assert!(
            kept.is_some_and(|k| k.bin.is_some()),
            "{table} has deleted_at but no recycle bin in registers::KEPT"
        );
    }
    for k in registers::KEPT {
        assert_eq!(
            k.bin.is_some(),
            tables.contains(&k.table.to_owned()),
            "{}: a bin exactly when its table has deleted_at",
            k.table
        );
    }
    // Every bin's query reads, together.
    assert_eq!(recycle_bin::list(&db, &ctx(), 1, 20).unwrap().total, 0);
}

/// Each kind of record has its own name, so the recycle bin restores the right one.
#[test]
fn entity_names_are_distinct() {
    let mut names: Vec<_> = registers::KEPT.iter().map(|k| k.entity).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), registers::KEPT.len(), "{names:?}");
}

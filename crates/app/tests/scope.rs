//! 数据权限, proved over the whole command table: a 社区's user (a 管理员 of 东关社区, so no role
//! stands in for the scope) gives every command against 西关社区's records and is refused, or
//! answered with 东关社区's part alone. A command a community user may give (marked
//! `Community`) must have its case here; every other one is refused to them outright.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use serde_json::{json, Value};
use taizhang_app::{
    command::{self, Mark, Reply, Run},
    service::{Permission, Seat, Service},
    AppError, ErrorCode,
};

fn call(service: &Service, seat: &Seat, name: &str, args: Value) -> Result<Value, AppError> {
    match command::dispatch(service, seat, name, args, None)? {
        Reply::Json(json) => Ok(serde_json::from_str(&json).unwrap()),
        Reply::Bytes(_) => Ok(Value::Null),
    }
}

fn logged_in(service: &Service, name: &str) -> Seat {
    let seat = Seat::remote("192.168.1.30".into());
    call(
        service,
        &seat,
        "session_login",
        json!({ "name": name, "password": "office-2026" }),
    )
    .unwrap();
    seat
}

/// What a case expects of a command given against the other community.
enum Expect {
    /// Refused, naming the user's community.
    Refused,
    /// Answered, and the answer holds none of the other community's records.
    Answered(fn(&Value, &Others) -> Result<(), String>),
}

/// 西关社区's records the cases aim at, and names to look for in answers.
struct Others {
    member: i64,
    member_input: Value,
    member_name: String,
    report: i64,
    household: i64,
    house: i64,
    house_input: Value,
    talent: i64,
    talent_input: Value,
}

#[test]
fn a_community_user_is_refused_or_answered_only_their_own_part_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::open(&dir.path().join("taizhang.db"));
    let here = Seat::on_this_pc();
    call(&service, &here, "setup_load_demo", json!({})).unwrap();
    let add = |seat: &Seat, name: &str, unit: Option<i64>| {
        call(
            &service,
            seat,
            "users_add",
            json!({ "name": name, "role": "管理员", "password": "office-2026", "unitId": unit }),
        )
        .unwrap()
    };
    add(&here, "王街道", None);
    let street = logged_in(&service, "王街道");
    let org = call(&service, &street, "org_tree", json!({})).unwrap();
    let unit = |name: &str| {
        org.as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (dongguan, xiguan) = (unit("东关社区"), unit("西关社区"));
    add(&street, "李东关", Some(dongguan));
    let li = logged_in(&service, "李东关");

    // 西关社区's records, found by the 街道.
    let members = call(
        &service,
        &street,
        "party_members_list",
        json!({ "query": { "grid_id": xiguan, "page": 1, "page_size": 1 } }),
    )
    .unwrap();
    let member = members["items"][0]["id"].as_i64().unwrap();
    let detail = call(
        &service,
        &street,
        "party_members_get",
        json!({ "id": member }),
    )
    .unwrap();
    let report = call(
        &service,
        &street,
        "party_members_add_report",
        json!({ "memberId": member, "input": { "unit": "交口县医院", "reported_on": "2026-03-01", "post": "健康医疗", "note": "" } }),
    )
    .unwrap();
    let household = call(
        &service,
        &street,
        "party_members_add_household",
        json!({ "memberId": member, "input": { "head_name": "张三", "address": "西关社区1号楼", "phone": "", "note": "" } }),
    )
    .unwrap();
    let houses = call(
        &service,
        &street,
        "houses_list",
        json!({ "query": { "community_id": xiguan }, "page": 1, "pageSize": 1 }),
    )
    .unwrap();
    let house = houses["rows"]["items"][0].clone();
    let talents = call(
        &service,
        &street,
        "talents_list",
        json!({ "query": { "community_id": xiguan }, "page": 1, "pageSize": 1 }),
    )
    .unwrap();
    let talent = talents["items"][0].clone();
    let others = Others {
        member,
        member_input: detail["input"].clone(),
        member_name: detail["input"]["name"].as_str().unwrap().to_owned(),
        report: report.as_i64().unwrap(),
        household: household.as_i64().unwrap(),
        house: house["id"].as_i64().unwrap(),
        house_input: house["input"].clone(),
        talent: talent["id"].as_i64().unwrap(),
        talent_input: talent["input"].clone(),
    };

    let export = dir.path().join("东关党员.xlsx");
    let o = &others;
    let cases: Vec<(&str, Value, Expect)> = vec![
        (
            "party_members_list",
            json!({ "query": { "page": 1, "page_size": 500 } }),
            Expect::Answered(|v, o| {
                let items = v["items"].as_array().unwrap();
                if items.is_empty() {
                    return Err("东关社区's own members are missing".into());
                }
                // A 西关 branch's member is 西关社区's, wherever they live.
                match items.iter().find(|m| {
                    m["id"] == o.member || m["branch"].as_str().unwrap().starts_with("西关")
                }) {
                    Some(m) => Err(format!("another community's member: {m}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "party_members_get",
            json!({ "id": o.member }),
            Expect::Refused,
        ),
        (
            "party_members_reveal",
            json!({ "id": o.member, "field": "id_number", "reason": "核对" }),
            Expect::Refused,
        ),
        (
            "party_members_create",
            json!({ "input": o.member_input }),
            Expect::Refused,
        ),
        (
            "party_members_update",
            json!({ "id": o.member, "input": o.member_input, "version": null }),
            Expect::Refused,
        ),
        (
            "party_members_remove",
            json!({ "ids": [o.member] }),
            Expect::Refused,
        ),
        (
            "party_members_add_report",
            json!({ "memberId": o.member, "input": { "unit": "某单位", "reported_on": "2026-03-01", "post": "健康医疗", "note": "" } }),
            Expect::Refused,
        ),
        (
            "party_members_add_household",
            json!({ "memberId": o.member, "input": { "head_name": "李四", "address": "", "phone": "", "note": "" } }),
            Expect::Refused,
        ),
        (
            "party_members_add_contact",
            json!({ "memberId": o.member, "input": { "contacted_on": "2026-03-01", "way": "电话", "note": "" } }),
            Expect::Refused,
        ),
        (
            "party_members_remove_report",
            json!({ "id": o.report }),
            Expect::Refused,
        ),
        (
            "party_members_remove_household",
            json!({ "id": o.household }),
            Expect::Refused,
        ),
        (
            "party_members_export_xlsx",
            json!({ "query": { "page": 1, "page_size": 20 }, "path": export, "template": null }),
            // What the file holds is read below.
            Expect::Answered(|v, _| match v["rows"].as_u64() {
                Some(n) if n > 0 => Ok(()),
                _ => Err(format!("nothing exported: {v}")),
            }),
        ),
        (
            "houses_list",
            json!({ "query": {}, "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                let items = v["rows"]["items"].as_array().unwrap();
                match items
                    .iter()
                    .find(|h| h["id"] == o.house || h["community"] == "西关社区")
                {
                    Some(h) => Err(format!("another community's house: {h}")),
                    None if items.is_empty() => Err("东关社区's own houses are missing".into()),
                    None => Ok(()),
                }
            }),
        ),
        ("houses_get", json!({ "id": o.house }), Expect::Refused),
        (
            "houses_reveal",
            json!({ "id": o.house, "field": "phone", "reason": "核对" }),
            Expect::Refused,
        ),
        (
            "houses_save",
            json!({ "id": o.house, "input": o.house_input, "version": null }),
            Expect::Refused,
        ),
        (
            "houses_save",
            json!({ "id": null, "input": o.house_input, "version": null }),
            Expect::Refused,
        ),
        ("houses_remove", json!({ "id": o.house }), Expect::Refused),
        (
            "talents_list",
            json!({ "query": {}, "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                let items = v["items"].as_array().unwrap();
                match items.iter().find(|t| {
                    t["id"] == o.talent
                        || t["input"]["community_id"] != items[0]["input"]["community_id"]
                }) {
                    Some(t) => Err(format!("another community's talent: {t}")),
                    None => Ok(()),
                }
            }),
        ),
        ("talents_get", json!({ "id": o.talent }), Expect::Refused),
        (
            "talents_save",
            json!({ "id": o.talent, "input": o.talent_input, "version": null }),
            Expect::Refused,
        ),
        (
            "talents_save",
            json!({ "id": null, "input": o.talent_input, "version": null }),
            Expect::Refused,
        ),
        ("talents_remove", json!({ "id": o.talent }), Expect::Refused),
        ("talents_skills", json!({}), Expect::Answered(|_, _| Ok(()))),
        // Hold nothing of any community: the dictionaries, the units' names, the trail's newest id.
        (
            "dict_values",
            json!({ "dict": "民族" }),
            Expect::Answered(|_, _| Ok(())),
        ),
        ("org_tree", json!({}), Expect::Answered(|_, _| Ok(()))),
        (
            "audit_since",
            json!({ "after": 0 }),
            Expect::Answered(|_, _| Ok(())),
        ),
    ];

    // Every command a community user may give has its case.
    for c in command::all().filter(|c| c.is(Mark::Community)) {
        assert!(
            cases.iter().any(|(name, _, _)| *name == c.name()),
            "{} is marked Community but has no case here",
            c.name()
        );
    }
    for (name, args, expect) in &cases {
        let answer = call(&service, &li, name, args.clone());
        match (expect, answer) {
            (Expect::Refused, Err(e)) => {
                assert_eq!(e.code, ErrorCode::Forbidden, "{name}: {}", e.message);
                assert!(e.message.contains("东关社区"), "{name}: {}", e.message);
            }
            (Expect::Refused, Ok(v)) => panic!("{name} answered another community's record: {v}"),
            (Expect::Answered(check), Ok(v)) => {
                if let Err(why) = check(&v, o) {
                    panic!("{name}: {why}");
                }
            }
            (Expect::Answered(_), Err(e)) => panic!("{name} refused its own part: {}", e.message),
        }
    }
    // The export holds 东关社区's members alone.
    let exported = std::fs::read(&export).unwrap();
    assert!(!exported.is_empty());
    let book = calamine_text(&export);
    assert!(
        !book.contains(&o.member_name),
        "the export holds {}",
        o.member_name
    );

    // Every other command is refused outright, before it reads its arguments.
    for c in command::all().filter(|c| {
        matches!(c.run, Run::Db(_)) && c.permission != Permission::Open && !c.is(Mark::Community)
    }) {
        let e = call(&service, &li, &c.name(), json!(["不是参数"])).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{}: {}", c.name(), e.message);
        // (What acts on the host PC is refused to another PC first.)
        if !c.is(Mark::ThisPc) {
            assert!(e.message.contains("全街道"), "{}: {}", c.name(), e.message);
        }
    }
    // The 街道 still sees all of it.
    call(
        &service,
        &street,
        "party_members_get",
        json!({ "id": o.member }),
    )
    .unwrap();
}

/// Every cell of a workbook's first sheet, as one text.
fn calamine_text(path: &std::path::Path) -> String {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

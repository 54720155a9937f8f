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
    person: i64,
    member: i64,
    member_input: Value,
    member_name: String,
    report: i64,
    household: i64,
    house: i64,
    house_input: Value,
    talent: i64,
    talent_input: Value,
    /// A 西关 grid worker, a household of the grid with a visit.
    worker: i64,
    worker_input: Value,
    home: i64,
    home_input: Value,
    visit: i64,
    /// A 西关 诉求.
    appeal: i64,
    appeal_input: Value,
    /// A 西关 dispute, mediated once.
    dispute: i64,
    dispute_input: Value,
    branch: i64,
    meeting: i64,
    meeting_input: Value,
    attendees: Vec<i64>,
    task: i64,
    rectification: i64,
    attachment: i64,
    /// A photo of a 西关 诉求's handling.
    appeal_attachment: i64,
    /// A 西关 meeting in the recycle bin: its register's name there, and its id.
    binned: (String, i64),
}

/// Whether a link (to-do item, search hit) leads to one of 西关社区's records.
fn leads_to_others(link: &Value, o: &Others) -> bool {
    let id = &link["id"];
    match link["kind"].as_str().unwrap_or("") {
        "Person" => id == o.person,
        "PartyMember" => id == o.member,
        "House" => id == o.house,
        "Meeting" => id == o.meeting,
        "Compliance" => id == o.branch,
        _ => false,
    }
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
    // A 西关 grid worker, and a household of their grid visited once.
    let xiguan_grid = org
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "网格" && n["parent_id"] == xiguan)
        .unwrap()["id"]
        .clone();
    let worker_input = json!({ "name": "孙网格", "id_number": "110101199003071233", "phone": "13800001111",
                               "unit_id": xiguan_grid, "role": "专职网格员", "area": "西关小区", "note": "" });
    let worker = call(
        &service,
        &street,
        "grid_workers_save",
        json!({ "id": null, "input": worker_input, "version": null }),
    )
    .unwrap();
    let home_input = json!({ "community_id": xiguan, "grid_id": xiguan_grid, "estate": "测试小区", "building": "1号楼",
                             "unit": "1单元", "room": "101", "note": "",
                             "members": [{ "name": "周老汉", "id_number": "11010119380512001X", "phone": "",
                                           "relation": "户主", "residence": "户籍人口", "care": ["独居老人"], "note": "" }] });
    let home = call(
        &service,
        &street,
        "households_save",
        json!({ "id": null, "input": home_input, "version": null }),
    )
    .unwrap();
    let visit = call(
        &service,
        &street,
        "visits_record",
        json!({ "input": { "household_id": home, "worker_id": worker,
        "visited_on": "2026-11-20", "way": "入户", "found": "身体尚好", "need": "楼道灯坏了" } }),
    )
    .unwrap();
    let appeal_input = json!({ "number": "", "source": "来电来访", "received_on": "2026-11-21", "community_id": xiguan,
                               "grid_id": null, "address": "西关小区", "household_id": null,
                               "visit_id": null, "reporter": "", "phone": "", "content": "路面塌陷",
                               "category": "", "urgency": "一般" });
    let appeal = call(
        &service,
        &street,
        "appeals_record",
        json!({ "input": appeal_input }),
    )
    .unwrap();
    let dispute_input = json!({ "found_on": "2026-11-18", "source": "排查发现", "community_id": xiguan,
                                "grid_id": null, "kind": "邻里纠纷", "risk": "一般", "party_a": "甲某",
                                "party_a_id": "", "party_a_phone": "", "party_a_address": "",
                                "party_b": "乙某", "party_b_id": "", "party_b_phone": "", "party_b_address": "",
                                "summary": "漏水", "mediator": "" });
    let dispute = call(
        &service,
        &street,
        "disputes_save",
        json!({ "id": null, "input": dispute_input, "version": null }),
    )
    .unwrap();
    call(
        &service,
        &street,
        "disputes_mediate",
        json!({ "id": dispute, "session": { "held_on": "2026-11-20", "mediators": "调解员", "place": "",
                                              "process": "双方陈述" } }),
    )
    .unwrap();
    // A meeting of a 西关 branch with a follow-up task.
    let branch = unit("西关社区第一党支部");
    let attendees = call(
        &service,
        &street,
        "meetings_roster_attendees",
        json!({ "branchId": branch }),
    )
    .unwrap();
    let task = json!({ "id": null, "content": "清理楼道杂物", "owner": "赵强", "due_on": "2026-01-10",
                       "status": "待办", "review": "", "closed_on": null });
    let meeting_input = json!({
        "kind": "支委会", "title": "西关社区第一党支部支委会", "org_id": branch,
        "held_at": "2026-11-20 15:00", "place": "西关社区党群服务站", "host": "赵强", "recorder": "孙丽",
        "attendees": attendees, "observers": "",
        "topics": [{ "title": "楼道环境整治", "source": "", "proposer": "", "discussion": "委员逐一发言。",
                     "votes": null, "resolution": "限期清理。", "tasks": [task] }],
    });
    let meeting = call(
        &service,
        &street,
        "meetings_create",
        json!({ "input": meeting_input }),
    )
    .unwrap()
    .as_i64()
    .unwrap();
    let meeting_detail = call(&service, &street, "meetings_get", json!({ "id": meeting })).unwrap();
    // A rectification and a scanned document on a 西关 house.
    let house_id = house["id"].as_i64().unwrap();
    call(
        &service,
        &street,
        "houses_inspect",
        json!({ "houseId": house_id,
                "inspection": { "inspected_on": "2026-11-20", "inspectors": "马丽", "findings": "后墙开裂",
                                "conclusion": "一般隐患", "hazards": ["墙体开裂"] },
                "rectifications": [{ "hazard": "墙体开裂", "measure": "加固", "responsible": "刘桂英",
                                     "deadline": "2026-01-31", "deadline_as_written": "" }] }),
    )
    .unwrap();
    // (A file is attached on this PC, where its path is the PC's own.)
    call(
        &service,
        &here,
        "session_login",
        json!({ "name": "王街道", "password": "office-2026" }),
    )
    .unwrap();
    let scan = dir.path().join("排查表.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scanned form").unwrap();
    let attachment = call(
        &service,
        &here,
        "houses_attach",
        json!({ "houseId": house_id, "path": scan, "note": "" }),
    )
    .unwrap();
    let appeal_attachment = call(
        &service,
        &here,
        "appeals_attach",
        json!({ "appealId": appeal, "path": scan, "note": "现场" }),
    )
    .unwrap();
    let house_detail = call(&service, &street, "houses_get", json!({ "id": house_id })).unwrap();
    // A 西关 meeting deleted by the 街道, in the recycle bin.
    let binned = call(
        &service,
        &street,
        "meetings_create",
        json!({ "input": meeting_detail["input"] }),
    )
    .unwrap();
    call(
        &service,
        &street,
        "meetings_remove",
        json!({ "id": binned }),
    )
    .unwrap();
    let bin = call(
        &service,
        &street,
        "recycle_bin_list",
        json!({ "page": 1, "pageSize": 500 }),
    )
    .unwrap();
    let binned = bin["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["entity_id"] == binned && i["title"].as_str().unwrap().contains("西关"))
        .map(|i| {
            (
                i["entity"].as_str().unwrap().to_owned(),
                binned.as_i64().unwrap(),
            )
        })
        .unwrap();
    let others = Others {
        person: detail["person_id"].as_i64().unwrap(),
        branch,
        meeting,
        meeting_input: meeting_detail["input"].clone(),
        attendees: attendees
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["person_id"].as_i64().unwrap())
            .collect(),
        task: meeting_detail["input"]["topics"][0]["tasks"][0]["id"]
            .as_i64()
            .unwrap(),
        rectification: house_detail["rectifications"][0]["id"].as_i64().unwrap(),
        attachment: attachment.as_i64().unwrap(),
        appeal_attachment: appeal_attachment.as_i64().unwrap(),
        binned,
        member,
        member_input: detail["input"].clone(),
        member_name: detail["input"]["name"].as_str().unwrap().to_owned(),
        report: report.as_i64().unwrap(),
        household: household.as_i64().unwrap(),
        house: house["id"].as_i64().unwrap(),
        house_input: house["input"].clone(),
        talent: talent["id"].as_i64().unwrap(),
        talent_input: talent["input"].clone(),
        worker: worker.as_i64().unwrap(),
        worker_input,
        home: home.as_i64().unwrap(),
        home_input,
        visit: visit.as_i64().unwrap(),
        appeal: appeal.as_i64().unwrap(),
        appeal_input,
        dispute: dispute.as_i64().unwrap(),
        dispute_input,
    };

    let export = dir.path().join("东关党员.xlsx");
    let houses_export = dir.path().join("东关房屋.xlsx");
    let month_export = dir.path().join("东关月报.xlsx");
    let month_form = dir.path().join("东关月报表（已填）.xlsx");
    let roster_pdf = dir.path().join("东关花名册.pdf");
    let saved_scan = dir.path().join("附件.pdf");
    let o = &others;
    let cases: Vec<(&str, Value, Expect)> = vec![
        (
            "grid_month",
            json!({ "month": "2026-11" }),
            Expect::Answered(|v, _| {
                let units: Vec<&str> = v["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["unit"].as_str().unwrap())
                    .collect();
                match units.first() {
                    Some(&"东关社区") if !units.contains(&"西关社区") => Ok(()),
                    _ => Err(format!("another community's figures: {units:?}")),
                }
            }),
        ),
        (
            "grid_export_month",
            json!({ "month": "2026-11", "path": month_export }),
            // 东关社区, its four grids and the 合计: no other community's line.
            Expect::Answered(|v, _| match v.as_u64() {
                Some(6) => Ok(()),
                _ => Err(format!("not only 东关社区's lines: {v}")),
            }),
        ),
        (
            "grid_fill_month",
            json!({
                "month": "2026-11",
                "template": std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../tests/fixtures/grid_month_district.xlsx"),
                "path": month_form,
            }),
            // The form asks for a line per community: 东关社区's alone.
            Expect::Answered(|v, _| match v["rows"].as_u64() {
                Some(1) => Ok(()),
                _ => Err(format!("not only 东关社区's line: {v}")),
            }),
        ),
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
        (
            "grid_workers_list",
            json!({ "query": {} }),
            Expect::Answered(|v, o| {
                match v.as_array().unwrap().iter().find(|w| w["id"] == o.worker) {
                    Some(w) => Err(format!("another community's grid worker: {w}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "grid_workers_get",
            json!({ "id": o.worker }),
            Expect::Refused,
        ),
        (
            "grid_workers_save",
            json!({ "id": o.worker, "input": o.worker_input, "version": null }),
            Expect::Refused,
        ),
        (
            "grid_workers_save",
            json!({ "id": null, "input": o.worker_input, "version": null }),
            Expect::Refused,
        ),
        (
            "grid_workers_remove",
            json!({ "id": o.worker }),
            Expect::Refused,
        ),
        (
            "households_list",
            json!({ "query": {}, "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                let items = v["items"].as_array().unwrap();
                match items
                    .iter()
                    .find(|h| h["id"] == o.home || h["community"] != "东关社区")
                {
                    Some(h) => Err(format!("another community's household: {h}")),
                    None => Ok(()),
                }
            }),
        ),
        ("households_get", json!({ "id": o.home }), Expect::Refused),
        (
            "households_save",
            json!({ "id": o.home, "input": o.home_input, "version": null }),
            Expect::Refused,
        ),
        (
            "households_save",
            json!({ "id": null, "input": o.home_input, "version": null }),
            Expect::Refused,
        ),
        (
            "households_remove",
            json!({ "id": o.home }),
            Expect::Refused,
        ),
        (
            "households_care_tags",
            json!({}),
            Expect::Answered(|_, _| Ok(())),
        ),
        (
            "visits_of_household",
            json!({ "householdId": o.home }),
            Expect::Refused,
        ),
        (
            "visits_between",
            json!({ "from": "2026-01-01", "to": "2026-12-31" }),
            Expect::Answered(|v, o| {
                match v.as_array().unwrap().iter().find(|x| x["id"] == o.visit) {
                    Some(x) => Err(format!("another community's visit: {x}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "visits_record",
            json!({ "input": { "household_id": o.home, "worker_id": o.worker, "visited_on": "2026-12-01",
                               "way": "电话", "found": "电话问候", "need": "" } }),
            Expect::Refused,
        ),
        ("visits_remove", json!({ "id": o.visit }), Expect::Refused),
        (
            "appeals_list",
            json!({ "query": {}, "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                match v["rows"]["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|a| a["id"] == o.appeal)
                {
                    Some(a) => Err(format!("another community's 诉求: {a}")),
                    None => Ok(()),
                }
            }),
        ),
        ("appeals_get", json!({ "id": o.appeal }), Expect::Refused),
        (
            "appeals_record",
            json!({ "input": o.appeal_input }),
            Expect::Refused,
        ),
        (
            "appeals_update",
            json!({ "id": o.appeal, "input": o.appeal_input, "version": null }),
            Expect::Refused,
        ),
        (
            "appeals_step",
            json!({ "id": o.appeal, "to": "待派单", "step": { "category": "道路设施", "urgency": "一般" } }),
            Expect::Refused,
        ),
        (
            "appeals_call_back",
            json!({ "id": o.appeal, "step": { "note": "电话回访", "satisfaction": "满意" } }),
            Expect::Refused,
        ),
        (
            "appeals_from_visit",
            json!({ "visitId": o.visit }),
            Expect::Refused,
        ),
        (
            "appeals_link",
            json!({ "id": o.appeal, "links": { "house_id": null, "task_id": null } }),
            Expect::Refused,
        ),
        (
            "appeals_attach",
            json!({ "appealId": o.appeal, "path": "/nonexistent/现场.jpg", "note": "" }),
            Expect::Refused,
        ),
        (
            "appeals_attachment",
            json!({ "id": o.appeal_attachment }),
            Expect::Refused,
        ),
        (
            "appeals_save_attachment",
            json!({ "id": o.appeal_attachment, "path": saved_scan }),
            Expect::Refused,
        ),
        (
            "appeals_remove_attachment",
            json!({ "id": o.appeal_attachment }),
            Expect::Refused,
        ),
        ("appeals_remove", json!({ "id": o.appeal }), Expect::Refused),
        (
            "disputes_list",
            json!({ "query": {}, "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                match v["rows"]["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["id"] == o.dispute || d["community"] != "东关社区")
                {
                    Some(d) => Err(format!("another community's dispute: {d}")),
                    None => Ok(()),
                }
            }),
        ),
        ("disputes_get", json!({ "id": o.dispute }), Expect::Refused),
        (
            "disputes_save",
            json!({ "id": null, "input": o.dispute_input, "version": null }),
            Expect::Refused,
        ),
        (
            "disputes_save",
            json!({ "id": o.dispute, "input": o.dispute_input, "version": null }),
            Expect::Refused,
        ),
        (
            "disputes_mediate",
            json!({ "id": o.dispute, "session": { "held_on": "2026-11-21", "mediators": "调解员", "process": "再谈" } }),
            Expect::Refused,
        ),
        (
            "disputes_settle",
            json!({ "id": o.dispute, "agreement": { "matters": "漏水", "terms": "修好", "performance": "一周内" } }),
            Expect::Refused,
        ),
        (
            "disputes_fail",
            json!({ "id": o.dispute, "reason": "已告知可起诉" }),
            Expect::Refused,
        ),
        (
            "disputes_remove",
            json!({ "id": o.dispute }),
            Expect::Refused,
        ),
        (
            "visits_due_by_worker",
            json!({}),
            Expect::Answered(|v, o| {
                match v
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|w| w["worker_id"] == o.worker)
                {
                    Some(w) => Err(format!("another community's grid worker: {w}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "meetings_list",
            json!({ "query": { "kind": null, "org_id": null, "year": null, "search": "" }, "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                let items = v["items"].as_array().unwrap();
                match items.iter().find(|m| {
                    m["id"] == o.meeting || m["org_name"].as_str().unwrap().starts_with("西关")
                }) {
                    Some(m) => Err(format!("another community's meeting: {m}")),
                    None if items.is_empty() => Err("东关社区's own meetings are missing".into()),
                    None => Ok(()),
                }
            }),
        ),
        ("meetings_get", json!({ "id": o.meeting }), Expect::Refused),
        (
            "meetings_create",
            json!({ "input": o.meeting_input }),
            Expect::Refused,
        ),
        (
            "meetings_update",
            json!({ "id": o.meeting, "input": o.meeting_input, "version": null }),
            Expect::Refused,
        ),
        (
            "meetings_remove",
            json!({ "id": o.meeting }),
            Expect::Refused,
        ),
        (
            "meetings_roster_attendees",
            json!({ "branchId": o.branch }),
            Expect::Refused,
        ),
        (
            "meetings_quorum",
            json!({ "attendees": [] }),
            Expect::Answered(|_, _| Ok(())),
        ),
        (
            "meetings_tasks",
            json!({ "open": false }),
            Expect::Answered(|v, o| {
                match v
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["meeting_id"] == o.meeting)
                {
                    Some(t) => Err(format!("another community's task: {t}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "meetings_set_task",
            json!({ "id": o.task, "status": "办理中", "review": "" }),
            Expect::Refused,
        ),
        (
            "meetings_compliance",
            json!({ "year": 2026 }),
            Expect::Answered(|v, _| {
                let rows = v["rows"].as_array().unwrap();
                match rows
                    .iter()
                    .find(|r| !r["branch"].as_str().unwrap().starts_with("东关"))
                {
                    Some(r) => Err(format!("another community's branch: {}", r["branch"])),
                    None if rows.is_empty() => Err("东关社区's own branches are missing".into()),
                    None => Ok(()),
                }
            }),
        ),
        (
            "meetings_attendance_points",
            json!({ "year": 2026 }),
            Expect::Answered(|v, o| {
                match v[1]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| o.attendees.contains(&p["person_id"].as_i64().unwrap()))
                {
                    Some(p) => Err(format!("a 西关 meeting's attendee: {p}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "home_summary",
            json!({}),
            Expect::Answered(|v, _| {
                let text = v.to_string();
                if text.contains("西关") || text.contains("志愿者") {
                    return Err(format!("another community's or the 街道's figures: {text}"));
                }
                match v["counts"][0]["count"].as_i64() {
                    Some(n) if n > 0 => Ok(()),
                    _ => Err(format!("东关社区's members are not counted: {text}")),
                }
            }),
        ),
        (
            "home_todo",
            json!({}),
            Expect::Answered(|v, o| {
                match v
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| leads_to_others(&t["link"], o) || t.to_string().contains("西关"))
                {
                    Some(t) => Err(format!("another community's to-do: {t}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "home_search",
            json!({ "text": o.member_name }),
            Expect::Answered(|v, o| {
                let hits = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|g| g["hits"].as_array().unwrap());
                match hits.clone().find(|h| leads_to_others(&h["target"], o)) {
                    Some(h) => Err(format!("another community's person: {h}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "home_search",
            json!({ "text": "西关" }),
            Expect::Answered(|v, _| match v.as_array().unwrap().is_empty() {
                true => Ok(()),
                false => Err(format!("西关 found: {v}")),
            }),
        ),
        ("persons_file", json!({ "id": o.person }), Expect::Refused),
        (
            "persons_reveal",
            json!({ "id": o.person, "field": "id_number", "reason": "核对" }),
            Expect::Refused,
        ),
        (
            "houses_inspect",
            json!({ "houseId": o.house,
                    "inspection": { "inspected_on": "2026-11-21", "inspectors": "马丽", "findings": "无",
                                    "conclusion": "无隐患", "hazards": [] },
                    "rectifications": [] }),
            Expect::Refused,
        ),
        (
            "houses_move_rectification",
            json!({ "id": o.rectification, "to": "整治中",
                    "change": { "completed_on": null, "evidence": "", "reason": "" } }),
            Expect::Refused,
        ),
        (
            "houses_evacuate",
            json!({ "houseId": o.house, "name": "刘桂英", "movedTo": "亲属家", "movedOn": "2026-11-21", "note": "" }),
            Expect::Refused,
        ),
        (
            "houses_attach",
            json!({ "houseId": o.house, "path": "/nonexistent/照片.jpg", "note": "" }),
            Expect::Refused,
        ),
        (
            "houses_attachment",
            json!({ "id": o.attachment }),
            Expect::Refused,
        ),
        (
            "houses_save_attachment",
            json!({ "id": o.attachment, "path": saved_scan }),
            Expect::Refused,
        ),
        (
            "houses_remove_attachment",
            json!({ "id": o.attachment }),
            Expect::Refused,
        ),
        (
            "houses_dashboard",
            json!({}),
            Expect::Answered(|v, _| {
                let text = v.to_string();
                match (text.contains("西关"), v["houses"].as_i64()) {
                    (false, Some(n)) if n > 0 => Ok(()),
                    _ => Err(format!("not 东关社区's houses alone: {text}")),
                }
            }),
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "minutes", "meeting_id": o.meeting } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "member", "member_id": o.member } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "house_archive", "house_id": o.house } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "person_archive", "person_id": o.person } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "talent_card", "talent_id": o.talent } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "passbook", "account_id": 1 } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "appeal_sheet", "appeal_id": o.appeal } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "visit_log", "household_id": o.home } }),
            Expect::Refused,
        ),
        (
            "print_preview",
            json!({ "request": { "kind": "agreement", "dispute_id": o.dispute } }),
            Expect::Refused,
        ),
        (
            "print_save",
            json!({ "request": { "kind": "roster", "query": { "page": 1, "page_size": 20 } }, "path": roster_pdf }),
            // What the paper holds is read below.
            Expect::Answered(|_, _| Ok(())),
        ),
        (
            "exports_register",
            json!({ "register": "houses", "path": houses_export, "template": null }),
            Expect::Answered(|v, _| match v["rows"].as_u64() {
                Some(n) if n > 0 => Ok(()),
                _ => Err(format!("nothing exported: {v}")),
            }),
        ),
        (
            "exports_register",
            json!({ "register": "volunteers", "path": houses_export, "template": null }),
            Expect::Refused,
        ),
        (
            "exports_template",
            json!({ "register": "talents", "path": dir.path().join("人才模板.xlsx") }),
            Expect::Answered(|_, _| Ok(())),
        ),
        (
            "recycle_bin_list",
            json!({ "page": 1, "pageSize": 500 }),
            Expect::Answered(|v, o| {
                match v["items"].as_array().unwrap().iter().find(|i| {
                    (i["entity"] == o.binned.0.as_str() && i["entity_id"] == o.binned.1)
                        || i["title"].as_str().unwrap().contains("西关")
                }) {
                    Some(i) => Err(format!("another community's deleted record: {i}")),
                    None => Ok(()),
                }
            }),
        ),
        (
            "recycle_bin_restore",
            json!({ "entity": o.binned.0, "entityId": o.binned.1 }),
            Expect::Refused,
        ),
        (
            "audit_list",
            json!({ "query": { "entity": null, "entity_id": null, "action": null, "page": 1, "page_size": 500 } }),
            Expect::Answered(|v, _| {
                let items = v["items"].as_array().unwrap();
                match items.iter().find(|e| e["actor"] != "李东关") {
                    Some(e) => Err(format!("an entry by someone else: {e}")),
                    None if items.is_empty() => Err("李东关's own entries are missing".into()),
                    None => Ok(()),
                }
            }),
        ),
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

    let houses_book = calamine_text(&houses_export);
    assert!(
        !houses_book.contains("西关社区"),
        "the houses export holds 西关社区's: {houses_book}"
    );
    let roster = std::process::Command::new("pdftotext")
        .arg(&roster_pdf)
        .arg("-")
        .output()
        .unwrap();
    let roster = String::from_utf8_lossy(&roster.stdout);
    assert!(roster.contains("花名册"), "{roster}");
    assert!(
        !roster.contains(&o.member_name),
        "the roster prints {}",
        o.member_name
    );

    // Every other command is refused outright, before it reads its arguments; the page is told
    // which, to leave their pages out of the menu.
    let refused: Vec<String> = command::all()
        .filter(|c| {
            matches!(c.run, Run::Db(_))
                && c.permission != Permission::Open
                && !c.is(Mark::Community)
        })
        .map(|c| c.name())
        .collect();
    // (李东关 is at another PC: what acts on the host PC is refused to them too.)
    let told: Vec<String> = command::all()
        .filter(|c| refused.contains(&c.name()) || c.is(Mark::ThisPc))
        .map(|c| c.name())
        .collect();
    assert_eq!(
        call(&service, &li, "session_start", json!({})).unwrap()["refused"],
        json!(told)
    );
    for c in command::all().filter(|c| refused.contains(&c.name())) {
        let e = call(&service, &li, &c.name(), json!(["不是参数"])).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{}: {}", c.name(), e.message);
        // (What acts on the host PC is refused to another PC first.)
        if !c.is(Mark::ThisPc) {
            assert!(e.message.contains("全街道"), "{}: {}", c.name(), e.message);
        }
    }
    // Nor is another PC told where the host keeps the database.
    let status = call(&service, &li, "setup_status", json!({})).unwrap();
    assert_eq!(status["db_path"], "");
    assert!(
        !call(&service, &here, "setup_status", json!({})).unwrap()["db_path"]
            .as_str()
            .unwrap()
            .is_empty()
    );
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

//! The window using another PC's host: the certificate pinned by its fingerprint (a wrong one
//! refused before anything is sent), the login, a file chosen on this PC uploaded, a file the host
//! writes saved where the clerk chose, bytes kept bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use std::{net::SocketAddr, sync::Arc};

use serde_json::{json, Value};
use taizhang_app::{
    command::{self, Reply},
    network::Sharer,
    service::{Seat, Service},
    ErrorCode,
};
mod common;

use common::json;
use taizhang_server::{remote::Remote, switch::Switch};

#[test]
fn the_window_works_on_a_host_whose_certificate_it_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("host").join("taizhang.db");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let service = Arc::new(Service::open(&path));
    let here = Seat::on_this_pc();
    let setup = |name: &str, args: Value| {
        command::dispatch(&service, &here, name, args, None).unwrap();
    };
    setup("setup_load_demo", json!({}));
    setup(
        "users_add",
        json!({ "name": "李梅", "role": "管理员", "password": "limei-2026", "unitId": null }),
    );
    let switch = Switch::on(
        &service,
        path.clone(),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    );
    let sharing = switch.start().unwrap();

    // A certificate that is not the one pinned: refused, saying which it was.
    let wrong = Remote::new(&sharing.address, &"00".repeat(32)).unwrap();
    let e = wrong.call("session_start", json!({}), None).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);
    assert!(
        e.message.contains("不一致") && e.message.contains(&sharing.fingerprint),
        "{}",
        e.message
    );

    // The pinned one: the host asks for a login, as from any other PC.
    let fingerprint = sharing.fingerprint.to_lowercase().replace(':', "");
    let remote = Remote::new(&sharing.address, &fingerprint).unwrap();
    assert_eq!(remote.address(), sharing.address);
    let start = json(remote.call("session_start", json!({}), None).unwrap());
    assert!(
        start["must_login"] == true && start["session"].is_null(),
        "{start}"
    );
    assert_eq!(
        start["org"],
        json!([]),
        "nothing of the office before the login"
    );
    let e = remote
        .call(
            "party_members_list",
            json!({ "query": { "page": 1, "page_size": 5 } }),
            None,
        )
        .unwrap_err();
    assert!(e.message.contains("登录"), "{}", e.message);
    remote
        .call(
            "session_login",
            json!({ "name": "李梅", "password": "limei-2026" }),
            None,
        )
        .unwrap();
    let page = json(
        remote
            .call(
                "party_members_list",
                json!({ "query": { "page": 1, "page_size": 5 } }),
                None,
            )
            .unwrap(),
    );
    assert_eq!(page["items"].as_array().unwrap().len(), 5);

    // A file chosen on this PC goes up; its bytes come back as bytes.
    let houses = json(
        remote
            .call(
                "houses_list",
                json!({ "query": {}, "page": 1, "pageSize": 1 }),
                None,
            )
            .unwrap(),
    );
    let house = houses["rows"]["items"][0]["id"].as_i64().unwrap();
    let scan = dir.path().join("排查表 扫描件.pdf");
    let scanned = b"%PDF-1.4 a scanned sweep form".repeat(1000);
    std::fs::write(&scan, &scanned).unwrap();
    let attached = json(
        remote
            .call(
                "houses_attach",
                json!({ "houseId": house, "path": scan, "note": "" }),
                None,
            )
            .unwrap(),
    );
    match remote
        .call("houses_attachment", json!({ "id": attached }), None)
        .unwrap()
    {
        Reply::Bytes(bytes) => assert_eq!(bytes, scanned),
        Reply::Json(j) => panic!("JSON where bytes were expected: {j}"),
    }

    // A file the host writes is saved where the clerk chose, and the answer names that place.
    let chosen = dir.path().join("导出").join("党员花名册.xlsx");
    std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
    let exported = json(
        remote
            .call(
                "party_members_export_xlsx",
                json!({ "query": { "page": 1, "page_size": 20 }, "path": chosen, "template": null }),
                None,
            )
            .unwrap(),
    );
    assert_eq!(exported["path"], json!(chosen));
    assert!(exported["rows"].as_u64().unwrap() > 100, "{exported}");
    assert!(std::fs::read(&chosen).unwrap().starts_with(b"PK"));
    switch.stop();
    let e = remote.call("session_start", json!({}), None).unwrap_err();
    assert!(e.message.contains("无法连接到"), "{}", e.message);
}

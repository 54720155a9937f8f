//! The window's 共享 switch over the window's own service: started by a 管理员 only, listening
//! over HTTPS with the certificate whose fingerprint it shows, stopped, and started again when the
//! window opens with the switch left on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    sync::Arc,
};

use serde_json::{json, Value};
use taizhang_app::{
    command::{self, Reply},
    service::{Seat, Service},
    share, AppError, ErrorCode,
};
use taizhang_server::switch::Switch;

fn call(service: &Service, seat: &Seat, name: &str, args: Value) -> Result<Value, AppError> {
    match command::dispatch(service, seat, name, args, None)? {
        Reply::Json(json) => Ok(serde_json::from_str(&json).unwrap()),
        Reply::Bytes(_) => Ok(Value::Null),
    }
}

/// What a plain HTTP request to `address` is answered: the HTTPS port sends it to HTTPS.
fn plain_answer(address: &str) -> std::io::Result<String> {
    let port = address
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .to_owned();
    let mut s = TcpStream::connect(("127.0.0.1", port.parse::<u16>().unwrap()))?;
    write!(s, "GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n")?;
    let mut answer = String::new();
    s.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn the_switch_shares_the_windows_own_database_until_it_is_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taizhang.db");
    let service = Arc::new(Service::open(&path));
    let listen = SocketAddr::from(([127, 0, 0, 1], 0));
    service.set_sharer(Box::new(Switch::on(&service, path.clone(), listen)));
    let window = Seat::on_this_pc();
    call(&service, &window, "setup_load_demo", json!({})).unwrap();

    // Without users, nobody could log in from another PC: refused, and why.
    let e = call(&service, &window, "share_start", json!({})).unwrap_err();
    assert!(e.message.contains("添加用户"), "{}", e.message);
    let log_in = |name: &str| {
        let seat = Seat::on_this_pc();
        let who = json!({ "name": name, "password": "office-2026" });
        call(&service, &seat, "session_login", who).unwrap();
        seat
    };
    let add = |seat: &Seat, name: &str, role: &str| {
        let user = json!({ "name": name, "role": role, "password": "office-2026", "unitId": null });
        call(&service, seat, "users_add", user).unwrap();
    };
    add(&window, "王主任", "管理员");
    add(&log_in("王主任"), "李录入", "录入员");
    // A 录入员 may not share the office.
    let clerk = log_in("李录入");
    let e = call(&service, &clerk, "share_start", json!({})).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);
    // Nor may another PC, whoever logs in there.
    let remote = Seat::remote("192.168.1.31".into());
    let who = json!({ "name": "王主任", "password": "office-2026" });
    call(&service, &remote, "session_login", who).unwrap();
    let e = call(&service, &remote, "share_start", json!({})).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);

    let admin = log_in("王主任");
    assert_eq!(
        call(&service, &admin, "share_status", json!({})).unwrap(),
        Value::Null
    );
    let sharing = call(&service, &admin, "share_start", json!({})).unwrap();
    let address = sharing["address"].as_str().unwrap().to_owned();
    assert!(address.starts_with("https://127.0.0.1:"), "{address}");
    // The fingerprint shown is the certificate's kept beside the database.
    let fingerprint = sharing["fingerprint"].as_str().unwrap();
    let (kept, _) = taizhang_server::tls::beside(dir.path(), vec!["127.0.0.1".into()])
        .map(|i| (i.fingerprint, i.cert_path))
        .unwrap();
    assert_eq!(fingerprint, kept);
    let answer = plain_answer(&address).unwrap();
    assert!(
        answer.contains("301") && answer.contains("https://"),
        "{answer}"
    );
    // Asked again, it tells where it already shares.
    assert_eq!(
        call(&service, &admin, "share_start", json!({})).unwrap(),
        sharing
    );
    assert_eq!(
        call(&service, &clerk, "share_status", json!({})).unwrap(),
        sharing
    );

    call(&service, &admin, "share_stop", json!({})).unwrap();
    assert_eq!(
        call(&service, &admin, "share_status", json!({})).unwrap(),
        Value::Null
    );
    assert!(plain_answer(&address).is_err(), "still listening");

    // Left on, the switch shares again when the window opens.
    call(&service, &admin, "share_start", json!({})).unwrap();
    let reopened = Arc::new(Service::open(&path));
    drop(service);
    reopened.set_sharer(Box::new(Switch::on(&reopened, path.clone(), listen)));
    share::resume(&reopened);
    let admin = Seat::on_this_pc();
    let who = json!({ "name": "王主任", "password": "office-2026" });
    call(&reopened, &admin, "session_login", who).unwrap();
    let again = call(&reopened, &admin, "share_status", json!({})).unwrap();
    assert!(
        again["address"].as_str().unwrap().starts_with("https://"),
        "{again}"
    );
    // Each turn is in the trail.
    let trail = call(
        &reopened,
        &admin,
        "audit_list",
        json!({ "query": { "entity": "共享", "entity_id": null, "action": null, "page": 1, "page_size": 20 } }),
    )
    .unwrap()
    .to_string();
    assert!(
        trail.contains("开启共享") && trail.contains("关闭共享"),
        "{trail}"
    );
}

//! The host's security over its real HTTPS, with the window's pinned client: every command but
//! the open ones refused without a login; each browser acts as the user who logged in there and
//! no other; the lock-out after wrong passwords holds for every browser; and what the host logs
//! holds no full ID number and no password, at every level.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly on purpose

use std::{
    io::Write,
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use serde_json::{json, Value};
use taizhang_app::{
    command,
    network::Sharer,
    service::{Permission, Seat, Service},
    ErrorCode,
};
mod common;

use common::json;
use taizhang_server::{remote::Remote, switch::Switch};

/// Everything the host logs, at every level.
#[derive(Clone, Default)]
struct Logged(Arc<Mutex<Vec<u8>>>);

impl Write for Logged {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_host_refuses_the_unknown_keeps_users_apart_locks_out_guessers_and_logs_no_secrets() {
    let logged = Logged::default();
    let writer = logged.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .init();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taizhang.db");
    let service = Arc::new(Service::open(&path));
    let here = Seat::on_this_pc();
    let setup = |seat: &Seat, name: &str, args: Value| {
        command::dispatch(&service, seat, name, args, None).unwrap()
    };
    setup(&here, "setup_load_demo", json!({}));
    setup(
        &here,
        "users_add",
        json!({ "name": "李梅", "role": "管理员", "password": "limei-2026", "unitId": null }),
    );
    setup(
        &here,
        "session_login",
        json!({ "name": "李梅", "password": "limei-2026" }),
    );
    setup(
        &here,
        "users_add",
        json!({ "name": "王芳", "role": "录入员", "password": "wangfang-2026", "unitId": null }),
    );
    let switch = Switch::on(
        &service,
        path.clone(),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    );
    let sharing = switch.start().unwrap();
    let browser = || Remote::new(&sharing.address, &sharing.fingerprint).unwrap();

    // Nobody logged in: every command but the open ones (logging in, the set-up state) refused.
    let nobody = browser();
    for c in command::all().filter(|c| c.permission != Permission::Open) {
        let e = nobody.call(&c.name(), json!({}), None).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{}: {}", c.name(), e.message);
    }

    // Two browsers, two users: each acts as its own.
    let li = browser();
    li.call(
        "session_login",
        json!({ "name": "李梅", "password": "limei-2026" }),
        None,
    )
    .unwrap();
    let wang = browser();
    wang.call(
        "session_login",
        json!({ "name": "王芳", "password": "wangfang-2026" }),
        None,
    )
    .unwrap();
    let who = |b: &Remote| {
        json(b.call("session_start", json!({}), None).unwrap())["session"]["name"].clone()
    };
    assert_eq!((who(&li), who(&wang)), (json!("李梅"), json!("王芳")));
    let new_user = |name: &str| json!({ "name": name, "role": "查看", "password": "new-user-2026", "unitId": null });
    let e = wang
        .call("users_add", new_user("赵查看"), None)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);
    json(li.call("users_add", new_user("赵查看"), None).unwrap());

    // A full ID shown to the 管理员 with a reason: in the answer, never in what the host logs.
    let members = json(
        li.call(
            "party_members_list",
            json!({ "query": { "search": "wgm", "page": 1, "page_size": 1 } }),
            None,
        )
        .unwrap(),
    );
    let member = members["items"][0]["id"].clone();
    let full = json(
        li.call(
            "party_members_reveal",
            json!({ "id": member, "field": "id_number", "reason": "核对" }),
            None,
        )
        .unwrap(),
    );
    let full = full.as_str().unwrap().to_owned();
    assert_eq!(full.len(), 18, "{full}");

    // Wrong passwords lock the user out, from whichever browser the next try comes.
    let guesser = browser();
    for _ in 0..5 {
        let e = guesser
            .call(
                "session_login",
                json!({ "name": "王芳", "password": "guess-2026" }),
                None,
            )
            .unwrap_err();
        assert!(
            e.message.contains("密码") || e.message.contains("锁定"),
            "{}",
            e.message
        );
    }
    for b in [guesser, browser()] {
        let e = b
            .call(
                "session_login",
                json!({ "name": "王芳", "password": "wangfang-2026" }),
                None,
            )
            .unwrap_err();
        assert!(e.message.contains("锁定"), "{}", e.message);
    }
    switch.stop();

    let logged = String::from_utf8_lossy(&logged.0.lock().unwrap()).into_owned();
    assert!(!logged.is_empty(), "the host logged nothing at all");
    for secret in [
        full.as_str(),
        "limei-2026",
        "wangfang-2026",
        "guess-2026",
        "new-user-2026",
    ] {
        assert!(!logged.contains(secret), "the host logged {secret}");
    }
}

//! The command table on a real database, as the window reaches it: a command runs by its name
//! with JSON arguments; each command's permission is checked before its arguments are even read
//! (nobody logged in, a 查看 user, a 录入员); a long task streams progress and stops at the
//! cancel button, which runs without the database's lock.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::{path::Path, sync::Mutex};

use serde_json::{json, Value};
use taizhang_app::{
    command::{self, Reply},
    core::{dict::Dict, progress::Tick},
    service::{Permission, Seat, Service},
    AppError, ErrorCode,
};

fn call(service: &Service, seat: &Seat, name: &str, args: Value) -> Result<Value, AppError> {
    match command::dispatch(service, seat, name, args, None)? {
        Reply::Json(json) => Ok(serde_json::from_str(&json).unwrap()),
        Reply::Bytes(_) => panic!("{name} answered bytes"),
    }
}

fn demo(dir: &Path) -> (Service, Seat) {
    let service = Service::open(&dir.join("taizhang.db"));
    let seat = Seat::default();
    let loaded = call(&service, &seat, "setup_load_demo", json!({})).unwrap();
    assert!(loaded.as_u64().unwrap() > 0);
    (service, seat)
}

#[test]
fn a_command_runs_by_its_name_with_json_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let (service, seat) = demo(dir.path());
    let dict = serde_json::to_value(Dict::ALL[0]).unwrap();
    call(
        &service,
        &seat,
        "dict_add",
        json!({ "dict": dict, "value": "新的一项" }),
    )
    .unwrap();
    let values = call(&service, &seat, "dict_values", json!({ "dict": dict })).unwrap();
    assert!(values.as_array().unwrap().contains(&json!("新的一项")));

    let page = call(
        &service,
        &seat,
        "talents_list",
        json!({ "query": {}, "page": 1, "pageSize": 2 }),
    )
    .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2, "{page}");

    let pdf = command::dispatch(
        &service,
        &seat,
        "print_preview",
        json!({ "request": { "kind": "roster", "query": {} } }),
        None,
    );
    match pdf {
        Ok(Reply::Bytes(bytes)) => assert!(bytes.starts_with(b"%PDF")),
        other => panic!("a preview is a PDF's bytes, not {other:?}"),
    }

    let e = call(&service, &seat, "talents_frobnicate", json!({})).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.contains("talents_frobnicate"), "{}", e.message);
    let e = call(&service, &seat, "talents_get", json!({ "id": "七" })).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.contains("talents.get"), "{}", e.message);
    assert!(e.message.contains("参数的类型或取值不对"), "{}", e.message);
    let e = call(&service, &seat, "talents_get", json!({})).unwrap_err();
    assert!(e.message.ends_with("缺少参数 id"), "{}", e.message);
    let e = call(
        &service,
        &seat,
        "talents_get",
        json!({ "id": 1, "ids": [2] }),
    )
    .unwrap_err();
    assert!(e.message.ends_with("没有名为 ids 的参数"), "{}", e.message);
}

/// Calls every command with arguments no command accepts: what comes back says whether the
/// permission check let it through (an argument error) or not (refused).
fn refused(service: &Service, seat: &Seat) -> Vec<(String, Permission)> {
    command::all()
        .filter(|c| !matches!(c.run, command::Run::Service(_)))
        .filter_map(|c| {
            let e = call(service, seat, &c.name(), json!(["不是参数"])).unwrap_err();
            match e.code {
                ErrorCode::Forbidden => Some((c.name(), c.permission)),
                ErrorCode::Validation => None,
                other => panic!("{}: {other:?} {}", c.name(), e.message),
            }
        })
        .collect()
}

#[test]
fn each_command_is_refused_to_a_role_its_permission_leaves_out_before_it_reads_anything() {
    let dir = tempfile::tempdir().unwrap();
    let (service, seat) = demo(dir.path());
    // With no named users the PC's user may do everything.
    assert_eq!(refused(&service, &seat), []);

    let add = |seat: &Seat, name: &str, role: &str| {
        call(
            &service,
            seat,
            "users_add",
            json!({ "name": name, "role": role, "password": "office-2026" }),
        )
    };
    let login = |seat: &Seat, name: &str| {
        call(
            &service,
            seat,
            "session_login",
            json!({ "name": name, "password": "office-2026" }),
        )
        .unwrap();
    };
    add(&seat, "王管理", "管理员").unwrap();
    // Named users now: nobody is logged in at this seat.
    let e = add(&seat, "李录入", "录入员").unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    login(&seat, "王管理");
    add(&seat, "李录入", "录入员").unwrap();
    add(&seat, "赵查看", "查看").unwrap();

    let nobody = Seat::default();
    let every_guarded = refused(&service, &nobody);
    assert!(every_guarded.iter().all(|(_, p)| *p != Permission::Open));
    assert_eq!(
        every_guarded.len(),
        command::all()
            .filter(|c| matches!(c.run, command::Run::Db(_)) && c.permission != Permission::Open)
            .count()
    );

    let as_seat = |name: &str| {
        let seat = Seat::default();
        login(&seat, name);
        seat
    };
    let kinds = |seat: &Seat| {
        let mut kinds: Vec<Permission> = refused(&service, seat).into_iter().map(|r| r.1).collect();
        kinds.dedup();
        kinds
    };
    assert_eq!(kinds(&as_seat("王管理")), []);
    let editor = kinds(&as_seat("李录入"));
    assert!(
        editor
            .iter()
            .all(|p| matches!(p, Permission::Configure | Permission::Reveal)),
        "{editor:?}"
    );
    let viewer = kinds(&as_seat("赵查看"));
    assert!(viewer.contains(&Permission::Write), "{viewer:?}");
    assert!(!viewer.contains(&Permission::Read), "{viewer:?}");

    // The seat that logged in is the one that acts; the others stay locked.
    let viewer = as_seat("赵查看");
    let e = call(
        &service,
        &viewer,
        "dict_add",
        json!({ "dict": Dict::ALL[0], "value": "x" }),
    )
    .unwrap_err();
    assert!(e.message.contains("只能查看"), "{}", e.message);
    call(&service, &viewer, "session_lock", json!({})).unwrap();
    let e = call(
        &service,
        &viewer,
        "dict_values",
        json!({ "dict": Dict::ALL[0] }),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
}

#[test]
fn a_long_task_streams_its_progress_and_stops_at_the_cancel_button() {
    let dir = tempfile::tempdir().unwrap();
    let (service, seat) = demo(dir.path());
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/roster_first.xlsx");
    let args = json!({ "register": "party-members", "path": file, "options": {} });

    let ticks: Mutex<Vec<Tick>> = Mutex::default();
    let sink = |t: Tick| ticks.lock().unwrap().push(t);
    let preview = command::dispatch(
        &service,
        &seat,
        "imports_preview",
        args.clone(),
        Some(&sink),
    );
    assert!(matches!(preview, Ok(Reply::Json(_))), "{preview:?}");
    let seen = ticks.lock().unwrap().clone();
    assert!(!seen.is_empty());
    assert!(seen.iter().any(|t| t.done == t.total), "{seen:?}");

    // The button is pressed while the task runs: the cancel command does not wait for the
    // database the task holds.
    let cancel = |_: Tick| {
        command::dispatch(&service, &seat, "imports_cancel", json!({}), None).unwrap();
    };
    let e = command::dispatch(
        &service,
        &seat,
        "imports_preview",
        args.clone(),
        Some(&cancel),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Cancelled, "{}", e.message);

    // An earlier press does not stop the next task.
    let again = command::dispatch(&service, &seat, "imports_preview", args, Some(&sink));
    assert!(again.is_ok(), "{again:?}");
}

#[test]
fn another_pc_logs_in_even_before_the_office_names_users_and_cannot_reach_this_pc() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = demo(dir.path());
    let remote = Seat::remote("192.168.1.23".into());
    // Nobody named yet: the window's PC may do everything, another PC nothing but log in.
    let every_guarded = refused(&service, &remote);
    assert_eq!(
        every_guarded.len(),
        command::all()
            .filter(|c| matches!(c.run, command::Run::Db(_)) && c.permission != Permission::Open)
            .count()
    );
    let start = call(&service, &remote, "session_start", json!({})).unwrap();
    assert_eq!(
        (&start["must_login"], &start["session"], &start["org"]),
        (&json!(true), &json!(null), &json!([])),
        "the browser is asked to log in, and told nothing of the office before"
    );

    let here = Seat::on_this_pc();
    // The window here starts straight on the office: its organisation and the forms' words.
    let start = call(&service, &here, "session_start", json!({})).unwrap();
    assert_eq!(start["must_login"], json!(false));
    assert!(start["org"].as_array().unwrap().len() > 5, "{start}");
    assert!(start["nations"]
        .as_array()
        .unwrap()
        .contains(&json!("汉族")));
    assert!(start["educations"]
        .as_array()
        .unwrap()
        .contains(&json!("大学本科")));
    assert_eq!(start["refused"], json!([]));
    call(
        &service,
        &here,
        "users_add",
        json!({ "name": "王管理", "role": "管理员", "password": "office-2026" }),
    )
    .unwrap();
    call(
        &service,
        &remote,
        "session_login",
        json!({ "name": "王管理", "password": "office-2026" }),
    )
    .unwrap();
    // The trail says which PC each action came from.
    let trail = call(
        &service,
        &remote,
        "audit_list",
        json!({ "query": { "page": 1, "page_size": 2 } }),
    )
    .unwrap();
    let places: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["place"].as_str().unwrap())
        .collect();
    assert_eq!(
        places,
        ["192.168.1.23", ""],
        "the login, then the user added here"
    );
    // A 管理员 elsewhere may do everything but what acts on the host PC itself.
    let host_only: Vec<String> = command::all()
        .filter(|c| c.is(command::Mark::ThisPc))
        .map(|c| c.name())
        .collect();
    let refused_elsewhere: Vec<String> = refused(&service, &remote)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert!(
        refused_elsewhere.iter().all(|n| host_only.contains(n)),
        "{refused_elsewhere:?}"
    );
    assert!(
        host_only.contains(&"print_system".to_owned()),
        "{host_only:?}"
    );
    for name in &host_only {
        let e = call(&service, &remote, name, json!({})).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden, "{name}");
        assert!(
            e.message.contains("存放数据的那台电脑"),
            "{name}: {}",
            e.message
        );
    }
}

#[test]
fn a_file_argument_is_an_upload_or_a_save_as_unless_the_command_stays_on_this_pc() {
    for c in command::all() {
        let files: Vec<String> = c.file_args().into_iter().map(|(name, _)| name).collect();
        for (name, _) in (c.args)(&Default::default()) {
            let names_a_file = ["path", "template", "file", "folder"].contains(&name);
            if names_a_file && !c.is(command::Mark::ThisPc) {
                assert!(
                    files.contains(&name.to_owned()),
                    "{}({name}): a file from a browser must be an Upload or a SaveAs",
                    c.name()
                );
            }
        }
    }
    let export = command::find("exports_register").unwrap();
    assert_eq!(
        export.file_args(),
        [
            ("path".to_owned(), command::FileArg::SaveAs),
            ("template".to_owned(), command::FileArg::Upload)
        ]
    );
}

#[test]
fn one_clerks_cancel_button_does_not_stop_anothers_task() {
    let dir = tempfile::tempdir().unwrap();
    let (service, seat) = demo(dir.path());
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/roster_first.xlsx");
    let args = json!({ "register": "party-members", "path": file, "options": {} });
    let other = Seat::on_this_pc();
    let press_elsewhere = |_: Tick| {
        command::dispatch(&service, &other, "imports_cancel", json!({}), None).unwrap();
    };
    let preview = command::dispatch(
        &service,
        &seat,
        "imports_preview",
        args,
        Some(&press_elsewhere),
    );
    assert!(preview.is_ok(), "{preview:?}");
}

/// How a register's edit goes through the table: its list, its detail, the input in the detail,
/// and its save.
struct Edited {
    /// The list command, its arguments, and where its first record's id is.
    list: (&'static str, fn() -> Value, &'static str),
    get: &'static str,
    input: fn(&Value) -> Value,
    save: &'static str,
}

#[test]
fn a_save_over_someone_elses_newer_change_is_refused_with_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let (service, here) = demo(dir.path());
    let add = |name: &str, role: &str| {
        call(
            &service,
            &here,
            "users_add",
            json!({ "name": name, "role": role, "password": "office-2026" }),
        )
        .unwrap()
    };
    add("王管理", "管理员");
    call(
        &service,
        &here,
        "session_login",
        json!({ "name": "王管理", "password": "office-2026" }),
    )
    .unwrap();
    add("李梅", "录入员");
    let clerk = |name: &str| {
        let seat = Seat::remote(format!("192.168.1.{}", name.len()));
        call(
            &service,
            &seat,
            "session_login",
            json!({ "name": name, "password": "office-2026" }),
        )
        .unwrap();
        seat
    };
    let (li, wang) = (clerk("李梅"), clerk("王管理"));
    let registers = [
        Edited {
            list: (
                "party_members_list",
                || json!({ "query": { "page": 1, "page_size": 1 } }),
                "/items/0/id",
            ),
            get: "party_members_get",
            input: |d| d["input"].clone(),
            save: "party_members_update",
        },
        Edited {
            list: (
                "houses_list",
                || json!({ "query": {}, "page": 1, "pageSize": 1 }),
                "/rows/items/0/id",
            ),
            get: "houses_get",
            input: |d| d["house"]["input"].clone(),
            save: "houses_save",
        },
        Edited {
            list: (
                "talents_list",
                || json!({ "query": {}, "page": 1, "pageSize": 1 }),
                "/items/0/id",
            ),
            get: "talents_get",
            input: |d| d["input"].clone(),
            save: "talents_save",
        },
        Edited {
            list: (
                "meetings_list",
                || json!({ "query": { "kind": null, "org_id": null, "year": null, "search": "" }, "page": 1, "pageSize": 1 }),
                "/items/0/id",
            ),
            get: "meetings_get",
            input: |d| d["input"].clone(),
            save: "meetings_update",
        },
    ];
    for r in registers {
        let page = call(&service, &li, r.list.0, (r.list.1)()).unwrap();
        let id = page.pointer(r.list.2).unwrap().clone();
        // Both open the same record's form.
        let seen_by_li = call(&service, &li, r.get, json!({ "id": id })).unwrap();
        let seen_by_wang = call(&service, &wang, r.get, json!({ "id": id })).unwrap();
        let save = |seat: &Seat, seen: &Value| {
            call(
                &service,
                seat,
                r.save,
                json!({ "id": id, "input": (r.input)(seen), "version": seen["version"] }),
            )
        };
        save(&wang, &seen_by_wang).unwrap();
        let e = save(&li, &seen_by_li).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict, "{}: {}", r.save, e.message);
        assert!(
            e.message.starts_with("此记录已被 王管理 于 ")
                && e.message.ends_with("修改，请刷新后再改"),
            "{}: {}",
            r.save,
            e.message
        );
        // Read again, the save goes through.
        let fresh = call(&service, &li, r.get, json!({ "id": id })).unwrap();
        save(&li, &fresh).unwrap();
    }
}

#[test]
fn a_read_does_not_wait_for_a_long_import() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        mpsc, Mutex,
    };
    let dir = tempfile::tempdir().unwrap();
    let (service, seat) = demo(dir.path());
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/roster_first.xlsx");
    let (started, running) = mpsc::channel::<()>();
    let (read, finished) = mpsc::channel::<()>();
    let started = Mutex::new(Some(started));
    let finished = Mutex::new(finished);
    let waited_for_the_import = AtomicBool::new(false);
    let service = &service;
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            running.recv().unwrap();
            let other = Seat::on_this_pc();
            let page = call(
                service,
                &other,
                "party_members_list",
                json!({ "query": { "page": 1, "page_size": 5 } }),
            );
            read.send(()).unwrap();
            page
        });
        // The import holds the writer; at its first progress it lets the read start, and
        // goes on only once the read is done (or after a long while, when the read waits for it).
        let sink = |_: Tick| {
            if let Some(tell) = started.lock().unwrap().take() {
                tell.send(()).unwrap();
                let done = finished
                    .lock()
                    .unwrap()
                    .recv_timeout(std::time::Duration::from_secs(20));
                waited_for_the_import.store(done.is_err(), Ordering::SeqCst);
            }
        };
        let args = json!({ "register": "party-members", "path": file, "options": {} });
        command::dispatch(service, &seat, "imports_preview", args, Some(&sink)).unwrap();
        let page = reader.join().unwrap().unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), 5, "{page}");
    });
    assert!(
        !waited_for_the_import.load(Ordering::SeqCst),
        "the read waited for the import"
    );
}

//! Users, roles and the access log on a real database: full values shown only with a reason and
//! recorded (who, when, what, why), exported for an inspection; named users with argon2
//! passwords, locked out after five wrong ones; 录入员 may edit but not unmask or configure, 查看
//! may not write at all; the last 管理员 stays.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use calamine::{open_workbook_auto, Data, Reader};
use chrono::{Duration, NaiveDate};
use taizhang_app::{
    access, backup,
    core::user::Role,
    party_member::{self as pm, SensitiveField},
    setup, user, Ctx, Db, ErrorCode,
};

fn as_user(name: &str) -> Ctx {
    Ctx {
        actor: name.into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn office(dir: &std::path::Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &as_user("本机用户")).unwrap();
    db
}

fn some_member(db: &Db) -> i64 {
    db.conn()
        .query_row("SELECT min(id) FROM party_member", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn full_values_need_a_reason_and_the_access_log_says_who_saw_what_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let id = some_member(&db);
    let pc = as_user("本机用户");
    let err = pm::reveal(&mut db, &pc, id, SensitiveField::IdNumber, "  ").unwrap_err();
    assert_eq!(err.fields[0].field, "reason");
    let full = pm::reveal(
        &mut db,
        &pc,
        id,
        SensitiveField::IdNumber,
        "上级核对党员信息",
    )
    .unwrap();
    assert_eq!(full.len(), 18);
    let log = access::list(&db, 1, 20).unwrap();
    assert_eq!(log.total, 1);
    let e = &log.items[0];
    assert_eq!(e.actor, "本机用户");
    assert!(
        e.summary.contains("完整公民身份号码") && e.summary.contains("原因：上级核对党员信息"),
        "{}",
        e.summary
    );
    let out = dir.path().join("访问记录.xlsx");
    assert_eq!(access::export(&mut db, &pc, &out).unwrap(), 1);
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet.rows().any(|r| r
        .iter()
        .any(|c| matches!(c, Data::String(s) if s.contains("上级核对党员信息")))));
}

#[test]
fn users_log_in_are_locked_out_and_act_within_their_roles() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let pc = as_user("本机用户");
    assert_eq!(
        user::role_of(&db, &pc).unwrap(),
        Role::Admin,
        "no users: the PC's user"
    );
    let first = user::add(&mut db, &pc, "李录入", (Role::Editor, None), "lilu2026").unwrap_err();
    assert!(
        first.message.contains("第一个用户必须是街道的管理员"),
        "{}",
        first.message
    );
    user::add(&mut db, &pc, "张主任", (Role::Admin, None), "zhang2026").unwrap();
    let short = user::add(&mut db, &pc, "李录入", (Role::Editor, None), "123").unwrap_err();
    assert_eq!(short.fields[0].field, "password");
    user::add(&mut db, &pc, "李录入", (Role::Editor, None), "lilu2026").unwrap();
    user::add(&mut db, &pc, "王查看", (Role::Viewer, None), "wang2026").unwrap();
    let stored: String = db
        .conn()
        .query_row(
            "SELECT password_hash FROM app_user WHERE name = '张主任'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("zhang2026"));

    // Five wrong passwords lock the user out for five minutes, the right one included.
    let now = user::now();
    for _ in 0..4 {
        let e = user::login(&mut db, "李录入", "guess", (now, "")).unwrap_err();
        assert!(e.message.contains("用户名或密码不对"), "{}", e.message);
    }
    let e = user::login(&mut db, "李录入", "guess", (now, "")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("已锁定"), "{}", e.message);
    let e = user::login(
        &mut db,
        "李录入",
        "lilu2026",
        (now + Duration::minutes(1), ""),
    )
    .unwrap_err();
    assert!(e.message.contains("已被锁定到"), "{}", e.message);
    let s = user::login(
        &mut db,
        "李录入",
        "lilu2026",
        (now + Duration::minutes(6), ""),
    )
    .unwrap();
    assert_eq!(s.role, Role::Editor);
    assert!(user::login(&mut db, "nobody", "x", (now, "")).is_err());

    // 录入员: edits, but neither unmasks nor configures.
    let editor = as_user("李录入");
    let id = some_member(&db);
    let mut input = pm::get(&db, &editor, id).unwrap().input;
    input.work_unit = "交口县供销社".into();
    pm::update(&mut db, &editor, id, input.clone()).unwrap();
    let e = pm::reveal(&mut db, &editor, id, SensitiveField::Phone, "核对").unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(
        e.message.contains("李录入（录入员）不能查看完整"),
        "{}",
        e.message
    );
    let e = backup::set_folder(&mut db, &editor, "").unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = user::add(&mut db, &editor, "赵", (Role::Admin, None), "zhao2026").unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);

    // 查看: the window sets the database read-only for them; nothing is written.
    let viewer = as_user("王查看");
    db.set_read_only(true);
    input.work_unit = "别处".into();
    let e = pm::update(&mut db, &viewer, id, input).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("只能查看"), "{}", e.message);
    let out = dir.path().join("花名册.xlsx");
    let e = taizhang_app::registers::export(
        &mut db,
        &viewer,
        taizhang_app::registers::Register::PartyMembers,
        &out,
        Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(
        !out.exists(),
        "no file for an export that cannot be recorded"
    );
    db.set_read_only(false);
    assert_eq!(
        pm::get(&db, &viewer, id).unwrap().input.work_unit,
        "交口县供销社"
    );

    // 管理员: unmasks (recorded under their name); the last one stays while others remain.
    let admin = as_user("张主任");
    pm::reveal(&mut db, &admin, id, SensitiveField::Phone, "通知开会").unwrap();
    assert_eq!(access::list(&db, 1, 5).unwrap().items[0].actor, "张主任");
    let zhang = user::list(&db).unwrap()[0].id;
    let e = user::remove(&mut db, &admin, zhang).unwrap_err();
    assert!(e.message.contains("最后一个管理员"), "{}", e.message);
    // Every audit entry names the user who acted.
    let actors: Vec<String> = db
        .conn()
        .prepare("SELECT DISTINCT actor FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for who in ["本机用户", "李录入", "张主任"] {
        assert!(
            actors.iter().any(|a| a == who),
            "{who} missing from {actors:?}"
        );
    }
}

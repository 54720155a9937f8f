//! 数据库加密 (SQLCipher): the file reads as noise without its password; backups are keyed
//! alike and restore across a change of password; archives travel plain; the key comes off
//! again. Every change is one atomic swap of the file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::NaiveDate;
use taizhang_app::{
    archive::{self, Mode},
    backup,
    core::{backup::Reason, progress::Quiet},
    db::encryption::is_keyed,
    encryption, party_member, registers, setup, Ctx, ErrorCode,
};

mod common;
use common::members;

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

fn contains(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn an_encrypted_office_opens_only_with_its_password_and_keeps_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taizhang.db");
    let mut db = setup::open(&path, None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    let all = members(&db);
    // Kept apart: backups into the folder are named by the second, and the next may share it.
    let plain_backup = backup::take_to(&db, &dir.path().join("加密前.db")).unwrap();
    assert!(!plain_backup.encrypted);

    let short = encryption::set_password(&mut db, &ctx(), "", Some("12345")).unwrap_err();
    assert_eq!(short.fields[0].field, "password");
    encryption::set_password(&mut db, &ctx(), "", Some("jiaokou-1")).unwrap();
    assert!(encryption::status(&db).encrypted);
    assert_eq!(members(&db), all, "the open database goes on working");
    party_member::list(&db, &ctx(), &Default::default()).unwrap();
    drop(db);
    assert!(is_keyed(&path));
    assert!(!contains(&path, "王国民") && !contains(&path, "交口街道"));
    assert!(!dir.path().join("taizhang.key.part").exists());

    // Without the password, or with a wrong one: a clear Chinese error, the file untouched.
    let locked = setup::open(&path, None).err().unwrap();
    assert_eq!(locked.code, ErrorCode::Encrypted);
    assert!(locked.message.contains("已加密"), "{}", locked.message);
    let wrong = setup::open(&path, Some("jiaokou-2")).err().unwrap();
    assert_eq!(wrong.code, ErrorCode::Encrypted);
    assert!(wrong.message.contains("密码不对"), "{}", wrong.message);
    let mut db = setup::open(&path, Some("jiaokou-1")).unwrap();
    assert_eq!(members(&db), all);
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());

    // Backups are keyed like the database.
    let keyed_backup = backup::take(&db, Reason::Manual).unwrap().unwrap();
    assert!(keyed_backup.encrypted && is_keyed(Path::new(&keyed_backup.path)));

    // A new password: the old backup needs the old one, typed by the clerk.
    let e = encryption::set_password(&mut db, &ctx(), "jiaokou-9", Some("xiyang-22")).unwrap_err();
    assert_eq!(e.fields[0].field, "current");
    encryption::set_password(&mut db, &ctx(), "jiaokou-1", Some("xiyang-22")).unwrap();
    let wang = party_member::list(
        &db,
        &ctx(),
        &taizhang_app::db::party_member::PartyMemberQuery {
            search: "wgm".into(),
            page: 1,
            page_size: 5,
            ..Default::default()
        },
    )
    .unwrap()
    .items[0]
        .id;
    party_member::delete(&mut db, &ctx(), &[wang]).unwrap();
    let old = Path::new(&keyed_backup.path);
    let asks = backup::preview(&db, old, None, &registers::counted()).unwrap_err();
    assert_eq!(asks.fields[0].field, "password", "{asks:?}");
    backup::restore(
        &mut db,
        &ctx(),
        old,
        (Some("jiaokou-1".into()), false),
        &registers::counted(),
    )
    .unwrap();
    assert_eq!(members(&db), all, "the deleted member is back");
    // A plain backup from before the encryption restores too.
    backup::restore(
        &mut db,
        &ctx(),
        Path::new(&plain_backup.path),
        (None, false),
        &registers::counted(),
    )
    .unwrap();
    assert_eq!(members(&db), all);
    drop(db);
    let mut db = setup::open(&path, Some("xiyang-22"))
        .expect("restores keep the database's current password");

    // An archive of an encrypted office travels sealed with a password the clerk types (or plain
    // only when the clerk says so); replacing from it keeps the database's key.
    let zip = dir.path().join("档案.zip");
    let e = archive::export(&mut db, &ctx(), &zip, &[], None, &Quiet).unwrap_err();
    assert_eq!(e.fields[0].field, "password");
    assert!(!zip.exists());
    let sealed = Some(archive::Travel::Sealed("档案密码2026".into()));
    let done = archive::export(&mut db, &ctx(), &zip, &[], sealed, &Quiet).unwrap();
    assert!(done.sealed);
    let bytes = std::fs::read(&zip).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(
        !bytes.windows(13).any(|w| w == b"manifest.json"),
        "nothing readable"
    );
    let ask =
        archive::import(&mut db, &ctx(), &zip, Mode::Replace, true, None, &Quiet).unwrap_err();
    assert_eq!(ask.fields[0].field, "password");
    let wrong = Some("不对的密码123".to_owned());
    let e = archive::import(&mut db, &ctx(), &zip, Mode::Replace, true, wrong, &Quiet).unwrap_err();
    assert!(e.message.contains("档案密码不对"), "{}", e.message);
    let right = Some("档案密码2026".to_owned());
    archive::import(&mut db, &ctx(), &zip, Mode::Replace, false, right, &Quiet).unwrap();
    let plain = dir.path().join("明文档案.zip");
    let travel = Some(archive::Travel::Plain);
    assert!(
        !archive::export(&mut db, &ctx(), &plain, &[], travel, &Quiet)
            .unwrap()
            .sealed
    );
    assert!(encryption::status(&db).encrypted);
    assert_eq!(members(&db), all);

    // Off again: a plain file, and the trail says who did each step.
    let e = encryption::set_password(&mut db, &ctx(), "", None).unwrap_err();
    assert_eq!(e.fields[0].field, "current");
    encryption::set_password(&mut db, &ctx(), "xiyang-22", None).unwrap();
    drop(db);
    assert!(!is_keyed(&path));
    let db = setup::open(&path, None).unwrap();
    let trail: Vec<String> = db
        .conn()
        .prepare("SELECT summary FROM audit_log WHERE action = '数据库密码' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        trail.last().unwrap(),
        "取消数据库加密：数据文件恢复为不加密"
    );
}

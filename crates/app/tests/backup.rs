//! Backups on real files: taken while the database is open, previewed, restored after the
//! current state was backed up; encrypted with a password (and refused with a wrong one); taken
//! before a migration and before an import; rotated; and a full disk or a read-only folder
//! refused with a clear message, the database untouched.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use taizhang_app::{
    backup,
    core::{backup::Reason, progress::Quiet},
    db::rusqlite::Connection,
    import::{Approval, Choice, ImportOptions},
    party_member,
    registers::{self, Register},
    setup, Ctx, Db, ErrorCode,
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

fn office(dir: &Path) -> Db {
    let mut db = setup::open(&dir.join("taizhang.db"), None).unwrap();
    setup::load_demo(&mut db, &ctx()).unwrap();
    db
}

fn count(summary: &taizhang_app::db::backup::Summary, label: &str) -> i64 {
    summary
        .counts
        .iter()
        .find(|(l, _)| l == label)
        .map(|(_, n)| *n)
        .unwrap()
}

#[test]
fn a_backup_is_previewed_and_restored_after_the_current_state_is_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let settings = backup::settings(&db).unwrap();
    assert!(settings.folder.ends_with("备份") && !settings.encrypted);

    let taken = backup::take(&db, Reason::Manual).unwrap().unwrap();
    assert!(
        taken.file_name.ends_with("-manual.db"),
        "{}",
        taken.file_name
    );
    // A plain SQLite file that stands alone (no WAL beside it) and passes its own check.
    let copy = Connection::open(&taken.path).unwrap();
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mode: String = copy
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(copy);

    // Members deleted after the backup; the preview shows both states.
    let ids: Vec<i64> = db
        .conn()
        .prepare("SELECT id FROM party_member LIMIT 5")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(party_member::delete(&mut db, &ctx(), &ids).unwrap(), 5);
    let before = members(&db);
    let preview =
        backup::preview(&db, Path::new(&taken.path), None, &registers::counted()).unwrap();
    assert_eq!(count(&preview.backup, "党员"), before + 5);
    assert_eq!(count(&preview.current, "党员"), before);
    assert_eq!(preview.backup.office_name, "交口街道");
    assert_eq!(preview.file.reason, Reason::Manual);

    let done = backup::restore(
        &mut db,
        &ctx(),
        Path::new(&taken.path),
        (None, false),
        &registers::counted(),
    )
    .unwrap();
    assert_eq!(count(&done.backup, "党员"), before + 5);
    assert_eq!(members(&db), before + 5);
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
    // The state before the restore was kept, and the restore is in the restored trail.
    let list = backup::list(&db).unwrap();
    let kept = list
        .iter()
        .find(|b| b.reason == Reason::BeforeRestore)
        .expect("a backup of the state before the restore");
    let kept_summary =
        backup::preview(&db, Path::new(&kept.path), None, &registers::counted()).unwrap();
    assert_eq!(count(&kept_summary.backup, "党员"), before);
    let trail: String = db
        .conn()
        .query_row(
            "SELECT summary FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        trail.contains("从备份恢复") && trail.contains(&kept.file_name),
        "{trail}"
    );

    // Not a backup: refused before anything changes.
    let fake = dir.path().join("taizhang-20261123-090000-manual.db");
    std::fs::write(&fake, b"not a database at all, just text").unwrap();
    let err =
        backup::restore(&mut db, &ctx(), &fake, (None, false), &registers::counted()).unwrap_err();
    assert!(err.message.contains("不是台账的备份"), "{}", err.message);
    assert_eq!(members(&db), before + 5);
}

#[test]
fn an_encrypted_backup_needs_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let short = backup::set_password(&mut db, &ctx(), Some("123")).unwrap_err();
    assert_eq!(short.fields[0].field, "password");
    backup::set_password(&mut db, &ctx(), Some("交口街道2026")).unwrap();
    let taken = backup::take(&db, Reason::Manual).unwrap().unwrap();
    assert!(taken.encrypted && taken.file_name.ends_with(".db.age"));
    let bytes = std::fs::read(&taken.path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(
        !bytes.windows(6).any(|w| w == "交口".as_bytes()),
        "no plain text"
    );

    // The office's own password opens it; a wrong one is named as such.
    let preview =
        backup::preview(&db, Path::new(&taken.path), None, &registers::counted()).unwrap();
    assert_eq!(preview.backup.office_name, "交口街道");
    let wrong = backup::preview(
        &db,
        Path::new(&taken.path),
        Some("不是这个密码".into()),
        &registers::counted(),
    )
    .unwrap_err();
    assert!(wrong.message.contains("备份密码不对"), "{}", wrong.message);
    // On another PC (no password set), it asks for one.
    backup::set_password(&mut db, &ctx(), None).unwrap();
    let ask =
        backup::preview(&db, Path::new(&taken.path), None, &registers::counted()).unwrap_err();
    assert_eq!(ask.fields[0].field, "password");
    backup::restore(
        &mut db,
        &ctx(),
        Path::new(&taken.path),
        (Some("交口街道2026".into()), false),
        &registers::counted(),
    )
    .unwrap();
    // The backup settings belong to this PC: restoring keeps them (no password here).
    assert!(!backup::settings(&db).unwrap().encrypted);
}

#[test]
fn a_database_from_an_older_version_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taizhang.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../db/migrations/0001_init.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO setting(key, value) VALUES ('office_name', '交口街道')",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let db = setup::open(&path, None).unwrap();
    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].reason, Reason::BeforeMigration);
    let old = Connection::open(&list[0].path).unwrap();
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the backup is the file as it was before migrating");
    drop(db);
    // Opening it again (up to date) takes no backup.
    let db = setup::open(&path, None).unwrap();
    assert_eq!(backup::list(&db).unwrap().len(), 1);
}

#[test]
fn an_import_is_preceded_by_a_backup_and_the_daily_one_is_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let file = dir.path().join("名单.csv");
    std::fs::write(
        &file,
        "姓名,公民身份号码,民族,所在党支部,入党时间\n赵一鸣,110101199003071233,汉族,东关社区第一党支部,2015-07-01\n",
    )
    .unwrap();
    let done = registers::apply(
        &mut db,
        &ctx(),
        Register::PartyMembers,
        &file,
        &ImportOptions::default(),
        Approval {
            choice: Choice::default(),
            expected_hash: None,
        },
        &Quiet,
    )
    .unwrap();
    assert_eq!(done.applied, 1, "{:#?}", done.preview.diffs);
    let list = backup::list(&db).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, Reason::BeforeImport);
    let preview =
        backup::preview(&db, Path::new(&list[0].path), None, &registers::counted()).unwrap();
    assert_eq!(
        count(&preview.backup, "党员") + 1,
        count(&preview.current, "党员")
    );
    // Today already has a backup (the import's): no daily one. A new day: one.
    let today = Ctx {
        today: chrono::Local::now().date_naive(),
        ..ctx()
    };
    assert!(backup::daily(&db, &today).unwrap().is_none());
    let tomorrow = Ctx {
        today: today.today.succ_opt().unwrap(),
        ..ctx()
    };
    let daily = backup::daily(&db, &tomorrow).unwrap().unwrap();
    assert_eq!(daily.reason, Reason::Daily);
}

#[test]
fn rotation_removes_old_backups_but_not_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let folder = PathBuf::from(backup::settings(&db).unwrap().folder);
    std::fs::create_dir_all(&folder).unwrap();
    // 40 days of old daily backups, and a file of the clerk's.
    for d in 0..40u32 {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(d.into());
        let name = taizhang_app::core::backup::BackupName {
            at: day.and_hms_opt(9, 0, 0).unwrap(),
            reason: Reason::Daily,
            encrypted: false,
        };
        std::fs::write(folder.join(name.file_name()), b"old").unwrap();
    }
    std::fs::write(folder.join("说明.txt"), "别删").unwrap();
    backup::take(&db, Reason::Manual).unwrap();
    let left = backup::list(&db).unwrap();
    assert!(left.len() < 41 && left.len() >= 10, "{}", left.len());
    assert!(folder.join("说明.txt").exists());
    assert_eq!(left[0].reason, Reason::Manual, "the newest is kept");
}

/// A tiny tmpfs mounted at `dir` (needs root, as CI on this machine runs); None elsewhere.
fn tiny_disk(dir: &Path, size: &str) -> Option<Mount> {
    std::fs::create_dir_all(dir).unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| Mount(dir.to_owned()))
}

struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_or_a_read_only_folder_is_a_clear_error_and_the_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let stick = dir.path().join("U盘");
    let Some(_mount) = tiny_disk(&stick, "64k") else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let before = members(&db);
    // Chosen while there was room; then the stick fills up.
    backup::set_folder(&mut db, &ctx(), stick.to_str().unwrap()).unwrap();
    let folder = stick.clone();
    let filler = folder.join("别人的文件.bin");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        while f.write_all(&[0u8; 4096]).is_ok() {}
    }
    let err = backup::take_to(&db, &folder.join("全部.db")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Io);
    assert!(err.message.contains("磁盘空间不足"), "{}", err.message);
    assert!(!folder.join("全部.db").exists(), "no half file is left");
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        [filler.file_name().unwrap()],
        "nothing is left behind"
    );
    // The automatic backup falls back to the folder beside the database.
    let auto = backup::take(&db, Reason::Daily).unwrap().unwrap();
    assert!(auto.path.contains("备份") && !auto.path.starts_with(stick.to_str().unwrap()));
    // An export to the full disk: the same message, no half file.
    let err = taizhang_app::registers::export(
        &mut db,
        &ctx(),
        Register::PartyMembers,
        &folder.join("花名册.xlsx"),
        Default::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("磁盘空间不足"), "{}", err.message);
    assert!(!folder.join("花名册.xlsx").exists());

    // Read-only (a write-protected stick).
    let status = std::process::Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&stick)
        .status()
        .unwrap();
    assert!(status.success());
    let err = backup::take_to(&db, &folder.join("全部.db")).unwrap_err();
    assert!(err.message.contains("只读"), "{}", err.message);
    let err = backup::set_folder(&mut db, &ctx(), stick.to_str().unwrap()).unwrap_err();
    assert!(err.message.contains("只读"), "{}", err.message);

    assert_eq!(members(&db), before);
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

/// A backup changed after it was taken is refused by the checksum written with it; another
/// office's backup, or one that would take away most records, is restored only when the clerk
/// confirms what the preview names — the offices and the counts.
#[test]
fn a_tampered_backup_is_refused_and_another_offices_needs_confirming() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = office(dir.path());
    let taken = backup::take(&db, Reason::Manual).unwrap().unwrap();
    let path = PathBuf::from(&taken.path);
    let checksum = PathBuf::from(format!("{}.sha256", taken.path));
    let line = std::fs::read_to_string(&checksum).unwrap();
    assert!(
        line.ends_with(&format!("  {}\n", taken.file_name)),
        "{line}"
    );
    let fine = backup::preview(&db, &path, None, &registers::counted()).unwrap();
    assert!(fine.checksum_verified && fine.caution.is_none());

    // One byte of a name changed: SQLite would not notice; the checksum does.
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes
        .windows("王国民".len())
        .position(|w| w == "王国民".as_bytes())
        .unwrap();
    bytes[at + 2] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let e =
        backup::restore(&mut db, &ctx(), &path, (None, true), &registers::counted()).unwrap_err();
    assert!(e.message.contains("校验值不符"), "{}", e.message);

    // Another office's backup.
    let other_dir = dir.path().join("other");
    let mut other = setup::open(&other_dir.join("taizhang.db"), None).unwrap();
    setup::initialize(
        &mut other,
        &ctx(),
        setup::SetupInput {
            office_name: "城北街道".into(),
            communities: Vec::new(),
            branches: vec!["城北街道第一党支部".into()],
        },
    )
    .unwrap();
    let theirs = other_dir.join("城北街道.db");
    backup::take_to(&other, &theirs).unwrap();
    let seen = backup::preview(&db, &theirs, None, &registers::counted()).unwrap();
    let caution = seen.caution.clone().unwrap();
    assert!(
        caution.contains("这是“城北街道”的备份，当前台账是“交口街道”")
            && caution.contains("恢复后记录将从")
            && caution.contains("党员 0"),
        "{caution}"
    );
    let e = backup::restore(
        &mut db,
        &ctx(),
        &theirs,
        (None, false),
        &registers::counted(),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("城北街道"), "{}", e.message);
    assert!(
        members(&db) > 0,
        "nothing restored without the clerk's word"
    );
    backup::restore(
        &mut db,
        &ctx(),
        &theirs,
        (None, true),
        &registers::counted(),
    )
    .unwrap();
    assert_eq!(setup::status(&db).unwrap().office_name, "城北街道");
}

//! Opening, migrating and checking real database files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use taizhang_db::{check, Db, DbError, SCHEMA_VERSION};

#[test]
fn a_new_file_is_migrated_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/taizhang.db");
    let db = Db::open(&path).unwrap();
    let conn = db.conn();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys are enforced");
    drop(db);
    // Reopening an up-to-date file: nothing pending.
    let db = Db::open_unmigrated(&path, None).unwrap();
    assert_eq!(db.pending_migration().unwrap(), None);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Db::open(&path).unwrap());
    {
        let conn = taizhang_db::rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    match Db::open(&path) {
        Err(e @ DbError::NewerVersion { .. }) => {
            assert!(e.to_string().contains("请升级台账"), "{e}");
        }
        other => panic!("expected NewerVersion, got {:?}", other.err()),
    }
    let conn = taizhang_db::rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION + 1, "the newer file is left as it was");
}

#[test]
fn check_reports_an_invalid_id_and_stale_search_keys() {
    let db = Db::open_in_memory().unwrap();
    assert!(
        check::run(db.conn()).unwrap().is_empty(),
        "an empty database is sound"
    );
    db.conn()
        .execute(
            "INSERT INTO person(name, id_number, name_initials, name_pinyin, created_at, updated_at)
             VALUES ('王国民', '110105194912310021', 'x', 'y', '', '')",
            [],
        )
        .unwrap();
    let problems = check::run(db.conn()).unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("校验位错误"), "{problems:?}");
    assert!(problems[1].contains("检索键已过期"), "{problems:?}");

    // An address index that names a household the table lacks is reported, with what to do.
    db.conn()
        .execute(
            "INSERT INTO household_address_fts(rowid, address_chars) VALUES (7, '东 关')",
            [],
        )
        .unwrap();
    let problems = check::run(db.conn()).unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[0].contains("住址检索索引与住户表不一致") && problems[0].contains("备份"),
        "{problems:?}"
    );
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut db = Db::open_in_memory().unwrap();
    let result: Result<(), DbError> = db.write(|tx| {
        taizhang_db::setting::set(tx, "office_name", "交口街道")?;
        // A party member pointing at nowhere violates a foreign key.
        tx.execute(
            "INSERT INTO party_member(person_id, branch_id, category, status, created_at, updated_at)
             VALUES (999, 999, '正式党员', '正常', '', '')",
            [],
        )?;
        Ok(())
    });
    assert!(result.is_err());
    assert_eq!(
        taizhang_db::setting::get(db.conn(), "office_name").unwrap(),
        None,
        "the setting written before the failure was rolled back"
    );
}

#[test]
fn an_older_file_says_a_migration_is_pending_then_migrates_keeping_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taizhang.db");
    {
        // A database as the first release left it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_init.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO setting(key, value) VALUES ('office_name', '交口街道')",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut db = Db::open_unmigrated(&path, None).unwrap();
    assert_eq!(db.pending_migration().unwrap(), Some(1));
    db.migrate().unwrap();
    assert_eq!(db.pending_migration().unwrap(), None);
    let version: i64 = db
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let office: String = db
        .conn()
        .query_row("SELECT value FROM setting", [], |r| r.get(0))
        .unwrap();
    assert_eq!(office, "交口街道");
}

/// What SQLite says when things go wrong reaches the clerk as what it means and what to do:
/// an empty file is refused (not set up as a new office), a second writer waits and then says
/// another operation is writing (not "restore from a backup"), and a damaged table is named.
#[test]
fn failures_say_what_they_mean() {
    let dir = tempfile::tempdir().unwrap();

    let empty = dir.path().join("空.db");
    std::fs::write(&empty, b"").unwrap();
    let e = Db::open(&empty).err().unwrap();
    assert!(matches!(e, DbError::NotADatabase(_)), "{e}");
    assert_eq!(
        std::fs::metadata(&empty).unwrap().len(),
        0,
        "left as it was"
    );

    let path = dir.path().join("taizhang.db");
    let mut db = Db::open(&path).unwrap();
    let other = taizhang_db::rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    db.conn()
        .busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let e: DbError = db
        .write(|tx| Ok::<_, DbError>(tx.execute("DELETE FROM setting", [])?))
        .unwrap_err();
    let said = e.to_string();
    assert!(
        said.contains("另一项操作") && said.contains("正在写入台账"),
        "{said}"
    );
    assert!(!said.contains("备份") && !said.contains("locked"), "{said}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(db);

    // A table's root page overwritten: the check names the table.
    let conn = taizhang_db::rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'party_member'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&path).unwrap();
    let at = ((root - 1) * page) as usize;
    bytes[at..at + 60].fill(0xff);
    let damaged = dir.path().join("损坏.db");
    std::fs::write(&damaged, &bytes).unwrap();
    let found = check::damage(&damaged, None);
    assert!(
        found.iter().any(|p| p.contains("party_member")),
        "{found:?}"
    );
    assert!(check::damage(&path, None).is_empty());
}

#[test]
fn a_search_reads_each_residents_household_from_an_index() {
    // A household search finds persons, then their households (`household::Filter`): thousands
    // of them for one character, so each lookup must not read the member row too.
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("taizhang.db")).unwrap();
    let plan: Vec<String> = db
        .conn()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT household_id FROM household_member WHERE person_id = ?1",
        )
        .unwrap()
        .query_map([1], |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter()
            .any(|step| step.contains("COVERING INDEX household_member_person")),
        "{plan:?}"
    );
}

//! The registers table (`app::registers`) names every kind of record the office keeps.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

use taizhang_app::{recycle_bin, registers};
use taizhang_db::Db;

/// The tables with a `deleted_at` column.
fn soft_deleted(db: &Db) -> Vec<String> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND c.name = 'deleted_at' ORDER BY m.name",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A table whose records can be deleted to the recycle bin appears in it, and can be put back
/// from it: a new register cannot forget its bin.
#[test]
fn every_soft_deleted_table_has_a_bin() {
    let db = Db::open_in_memory().unwrap();
    let tables = soft_deleted(&db);
    assert!(tables.len() >= 6, "{tables:?}");
    for table in &tables {
        let kept = registers::KEPT.iter().find(|k| k.table == table);
        assert!(
            kept.is_some_and(|k| k.bin.is_some()),
            "{table} has deleted_at but no recycle bin in registers::KEPT"
        );
    }
    for k in registers::KEPT {
        assert_eq!(
            k.bin.is_some(),
            tables.contains(&k.table.to_owned()),
            "{}: a bin exactly when its table has deleted_at",
            k.table
        );
    }
    // Every bin's query reads, together.
    assert_eq!(recycle_bin::list(&db, 1, 20).unwrap().total, 0);
}

/// Each kind of record has its own name, so the recycle bin restores the right one.
#[test]
fn entity_names_are_distinct() {
    let mut names: Vec<_> = registers::KEPT.iter().map(|k| k.entity).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), registers::KEPT.len(), "{names:?}");
}

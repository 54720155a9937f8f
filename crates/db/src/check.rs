//! `taizhang check`: is the database sound? SQLite's own checks, then the registers' invariants.

use rusqlite::Connection;
use taizhang_core::{id_number::IdNumber, name_key};

use crate::Result;

/// The damage SQLite finds in the file at `path` (keyed with `key`), opened read-only and as it
/// is — for a file too damaged to open as a register: each broken page, with the table it
/// belongs to where the file still says. Empty when SQLite finds none, and for a file that is
/// not a database at all (or is keyed otherwise): opening it says that better.
pub fn damage(path: &std::path::Path, key: Option<&str>) -> Vec<String> {
    let conn =
        match crate::encryption::open_file(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY, key) {
            Ok(conn) => conn,
            Err(_) => return Vec::new(),
        };
    let lines: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check(100)")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    let lines = match lines {
        Ok(lines) if lines == ["ok"] => return Vec::new(),
        Ok(lines) => lines,
        // Too damaged for SQLite's own check: each table read in full says which are broken.
        Err(e) => return unreadable_tables(&conn, e),
    };
    // "Tree 12 page 40 cell 3: …": tree 12 is the table or index whose root page is 12.
    let name_of = |root: i64| -> Option<String> {
        conn.query_row(
            "SELECT name FROM sqlite_master WHERE rootpage = ?1",
            [root],
            |r| r.get(0),
        )
        .ok()
    };
    lines
        .into_iter()
        .map(|line| {
            let table = line
                .strip_prefix("Tree ")
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
                .and_then(name_of);
            match table {
                Some(t) => format!("数据库文件损坏（表或索引 {t}）：{line}"),
                None => format!("数据库文件损坏：{line}"),
            }
        })
        .collect()
}

/// The tables that cannot be read to the end, or else the error that stopped the check.
fn unreadable_tables(conn: &Connection, stopped: rusqlite::Error) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_default();
    let broken: Vec<String> = tables
        .iter()
        .filter(|t| {
            let sql = format!("SELECT * FROM \"{}\"", t.replace('"', "\"\""));
            conn.prepare(&sql)
                .and_then(|mut s| {
                    let mut rows = s.query([])?;
                    while rows.next()?.is_some() {}
                    Ok(())
                })
                .is_err()
        })
        .map(|t| format!("数据库文件损坏：表 {t} 无法完整读出"))
        .collect();
    if broken.is_empty() {
        vec![crate::DbError::from(stopped).to_string()]
    } else {
        broken
    }
}

/// Every problem found, in Chinese; empty when the database is sound.
pub fn run(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();

    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if integrity != ["ok"] {
        problems.extend(
            integrity
                .into_iter()
                .map(|m| format!("数据库文件损坏：{m}")),
        );
    }

    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    let broken = fk.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in broken {
        let (table, rowid) = row?;
        problems.push(format!("表 {table} 第 {rowid} 行引用了不存在的记录"));
    }

    for (index, what) in [
        ("person_name_fts", "姓名检索索引与人员表"),
        ("household_address_fts", "住址检索索引与住户表"),
    ] {
        // rank 1: the index is also compared with the table it indexes (external content).
        let sql = format!("INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)");
        if conn.execute(&sql, []).is_err() {
            problems.push(format!(
                "{what}不一致，检索可能找不到或多出记录：请在“系统设置 → 备份与恢复”中从最近的备份恢复"
            ));
        }
    }

    let mut stmt = conn.prepare(
        "SELECT id, name, coalesce(id_number, ''), name_initials, name_pinyin, name_chars FROM person",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (id, name, id_number, initials, full, chars) = row?;
        if !id_number.is_empty() {
            if let Err(e) = IdNumber::parse(&id_number) {
                problems.push(format!("人员 {name}（编号 {id}）：{e}"));
            }
        }
        let key = name_key::of(&name);
        if key.initials != initials || key.full != full || key.chars != chars {
            problems.push(format!("人员 {name}（编号 {id}）的检索键已过期"));
        }
    }

    problems.extend(crate::points::check(conn)?);
    Ok(problems)
}

//! `taizhang check`: is the database sound? SQLite's own checks, then the registers' invariants.

use rusqlite::Connection;
use taizhang_core::{id_number::IdNumber, name_key};

use crate::Result;

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

    if conn
        .execute(
            "INSERT INTO person_name_fts(person_name_fts) VALUES ('integrity-check')",
            [],
        )
        .is_err()
    {
        problems.push("姓名检索索引与人员表不一致，请重建索引".into());
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

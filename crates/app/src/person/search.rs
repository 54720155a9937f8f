//! The global search box: a name, pinyin initials or the tail of an ID or phone, across every
//! register, results grouped by register. A person's hits open the person's whole file.

use serde::{Deserialize, Serialize};
use taizhang_core::{mask, search::SearchText};
use taizhang_db::Db;
use ts_rs::TS;

use crate::{found::SearchHit, link::Link, registers, Ctx, Result};

/// At most this many persons are looked at, and this many hits shown per group.
const PERSONS: u32 = 200;
const PER_GROUP: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchGroup {
    /// 党员, 志愿者, 人才库, 房屋, 会议, 其他人员.
    pub register: String,
    /// All hits in the register, even beyond those listed.
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// Every register's hits for `text`, in the order of [`registers::ON_PERSON`], then
/// [`registers::SEARCHED`], then persons on none of them; groups without hits are left out.
/// Each register answers for `ctx`'s part alone (数据权限).
pub fn search(db: &Db, ctx: &Ctx, text: &str) -> Result<Vec<SearchGroup>> {
    let kind = SearchText::parse(text);
    if kind == SearchText::Empty {
        return Ok(Vec::new());
    }
    let conn = db.conn();
    let mut on_person: Vec<Vec<SearchHit>> =
        registers::ON_PERSON.iter().map(|_| Vec::new()).collect();
    let mut others = Vec::new();
    for id in taizhang_db::person::search(conn, text, PERSONS)? {
        let p = taizhang_db::person::get(conn, id)?;
        let who = format!(
            "{}{}",
            p.sex.as_deref().unwrap_or(""),
            p.id_number
                .as_deref()
                .map(|n| format!(" {}", mask::id_number(n)))
                .unwrap_or_default()
        );
        let hit = |detail: String| SearchHit {
            title: p.name.clone(),
            detail,
            target: Link::Person(id),
        };
        let mut found = false;
        for (register, hits) in registers::ON_PERSON.iter().zip(&mut on_person) {
            if let Some((_, detail)) = (register.find)(db, ctx, id)? {
                hits.push(hit(format!("{detail} · {who}")));
                found = true;
            }
        }
        // A community's user is shown a person on none of its records only when they live there.
        if !found && crate::scope::sees(ctx, &[p.grid_id]) {
            others.push(hit(who));
        }
    }
    let mut groups: Vec<(&str, Vec<SearchHit>)> = registers::ON_PERSON
        .iter()
        .map(|r| r.group)
        .zip(on_person)
        .collect();
    for register in registers::SEARCHED {
        groups.push((register.group, (register.find)(db, ctx, text, &kind)?));
    }
    groups.push(("其他人员", others));
    Ok(groups
        .into_iter()
        .filter(|(_, hits)| !hits.is_empty())
        .map(|(register, mut hits)| {
            let total = hits.len();
            hits.truncate(PER_GROUP);
            SearchGroup {
                register: register.to_owned(),
                total,
                hits,
            }
        })
        .collect())
}

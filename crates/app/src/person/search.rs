//! The global search box: a name, pinyin initials or the tail of an ID or phone, across every
//! register, results grouped by register. A person's hits open the person's whole file.

use serde::{Deserialize, Serialize};
use taizhang_core::{mask, search::SearchText};
use taizhang_db::{meeting::MeetingQuery, Db};
use ts_rs::TS;

use crate::{house, link::Link, meeting, Ctx, Result};

/// At most this many persons are looked at, and this many hits shown per group.
const PERSONS: u32 = 200;
const PER_GROUP: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub title: String,
    /// What tells two hits of the same name apart: branch, category, masked ID tail, address.
    pub detail: String,
    pub target: Link,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchGroup {
    /// 党员, 志愿者, 人才库, 房屋, 会议, 其他人员.
    pub register: String,
    /// All hits in the register, even beyond those listed.
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// Every register's hits for `text`; groups without hits are left out.
pub fn search(db: &Db, ctx: &Ctx, text: &str) -> Result<Vec<SearchGroup>> {
    let kind = SearchText::parse(text);
    if kind == SearchText::Empty {
        return Ok(Vec::new());
    }
    let conn = db.conn();
    let mut members = Vec::new();
    let mut volunteers = Vec::new();
    let mut talents = Vec::new();
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
        if let Some((m, false)) = taizhang_db::party_member::find_by_person(conn, id)? {
            let d = taizhang_db::party_member::get(conn, m, ctx.today)?;
            members.push(hit(format!(
                "{} · {} · {who}",
                d.branch,
                d.input.category.label()
            )));
            found = true;
        }
        if let Some(a) = taizhang_db::points::account_of_person(conn, id)? {
            let a = taizhang_db::points::account(conn, a)?;
            volunteers.push(hit(format!("余额 {} 分 · {who}", a.balance)));
            found = true;
        }
        if let Some((t, false)) = taizhang_db::talent::find_by_person(conn, id)? {
            let t = taizhang_db::talent::get(conn, t)?;
            talents.push(hit(format!(
                "{} · {who}",
                t.input
                    .categories
                    .iter()
                    .chain(&t.input.skills)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("、")
            )));
            found = true;
        }
        if !found {
            others.push(hit(who));
        }
    }
    let houses: Vec<SearchHit> = house::houses(
        db,
        ctx,
        &house::HouseQuery {
            search: text.to_owned(),
            ..Default::default()
        },
    )?
    .into_iter()
    .map(|h| SearchHit {
        title: h.input.address,
        detail: format!("产权人 {} · {}", h.input.owner, h.community),
        target: Link::House(h.id),
    })
    .collect();
    // Meetings by title, place or chair: only for text a title could hold.
    let meetings: Vec<SearchHit> = match kind {
        SearchText::Name(_) => meeting::list(
            db,
            ctx,
            &MeetingQuery {
                search: text.trim().to_owned(),
                ..Default::default()
            },
        )?
        .into_iter()
        .map(|m| SearchHit {
            title: m.title,
            detail: format!("{} · {}", m.kind.label(), m.held_at),
            target: Link::Meeting(m.id),
        })
        .collect(),
        _ => Vec::new(),
    };
    Ok([
        ("党员", members),
        ("志愿者", volunteers),
        ("人才库", talents),
        ("房屋", houses),
        ("会议", meetings),
        ("其他人员", others),
    ]
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

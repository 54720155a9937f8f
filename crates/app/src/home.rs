//! 首页 at a glance: how many records each register holds, and the charts a clerk reads first —
//! party members by branch, category and age; points earned and redeemed by month; houses by
//! conclusion; talents by category. The to-do list beside them is `todo`.

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use taizhang_core::{date, dict::Dict, party_member::Category, points::Points};
use taizhang_db::Db;
use ts_rs::TS;

use crate::{
    house::{self, tally, Tally},
    talent, Ctx, Result,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Home {
    /// 党员, 志愿者 (the 街道 only), 人才, 房屋, 未完成整治, 本年会议, 住户, 今日应走访, 办理中诉求,
    /// 超时限诉求 — each with how many.
    pub counts: Vec<Tally>,
    pub members_by_branch: Vec<Tally>,
    pub members_by_category: Vec<Tally>,
    pub members_by_age: Vec<Tally>,
    /// This year, per month 1–12; empty for a community's user (the supermarket is the 街道's).
    pub points_earned: Vec<Points>,
    pub points_redeemed: Vec<Points>,
    pub houses_by_conclusion: Vec<Tally>,
    pub talents_by_category: Vec<Tally>,
}

const AGE_BANDS: &[&str] = &[
    "30岁以下",
    "30–39岁",
    "40–49岁",
    "50–59岁",
    "60–69岁",
    "70岁及以上",
];

fn age_band(age: i32) -> String {
    match age {
        ..30 => AGE_BANDS[0],
        30..40 => AGE_BANDS[1],
        40..50 => AGE_BANDS[2],
        50..60 => AGE_BANDS[3],
        60..70 => AGE_BANDS[4],
        _ => AGE_BANDS[5],
    }
    .to_owned()
}

pub fn home(db: &Db, ctx: &Ctx) -> Result<Home> {
    let conn = db.conn();
    let members: Vec<_> = taizhang_db::party_member::all(conn, ctx.today)?
        .into_iter()
        .filter(|m| m.deleted_at.is_none())
        .filter(|m| crate::scope::sees_member(ctx, m.input.branch_id, m.input.grid_id))
        .collect();
    // The points supermarket is the 街道's: a community's user is shown none of it.
    let street = crate::points::street_only(ctx).is_ok();
    let volunteers = if street {
        taizhang_db::points::accounts(conn)?.len() as i64
    } else {
        0
    };
    let talents = talent::list(db, ctx, &Default::default())?;
    let houses = house::dashboard(db, ctx)?;
    let (points_earned, points_redeemed) = if street {
        let points = taizhang_db::points::dashboard(conn, ctx.today.year())?;
        (points.earned, points.redeemed)
    } else {
        (Vec::new(), Vec::new())
    };
    let meetings = crate::meeting::list(
        db,
        ctx,
        &taizhang_db::meeting::MeetingQuery {
            year: Some(ctx.today.year()),
            ..Default::default()
        },
    )?
    .len() as i64;
    // The grid's day: households kept, those due a visit, 诉求 open and past their deadline.
    let households = crate::household::page(db, ctx, &Default::default(), (1, 1))?.total;
    let due = crate::household::due_households(db, ctx)?.len() as i64;
    let appeals = crate::appeal::page(db, ctx, &Default::default(), (1, 1))?;
    let count = |label: &str, count: i64| Tally {
        label: label.to_owned(),
        count,
    };
    let categories = taizhang_db::dict::values(conn, Dict::TalentCategory)?;
    let categories: Vec<&str> = categories.iter().map(String::as_str).collect();
    Ok(Home {
        counts: [
            Some(count("党员", members.len() as i64)),
            street.then(|| count("志愿者", volunteers)),
        ]
        .into_iter()
        .flatten()
        .chain([
            count("人才", talents.len() as i64),
            count("房屋", houses.houses),
            count("未完成整治", houses.open),
            count("本年会议", meetings),
            count("住户", households),
            count("今日应走访", due),
            count("办理中诉求", appeals.open),
            count("超时限诉求", appeals.overdue),
        ])
        .collect(),
        members_by_branch: {
            let mut t = tally(&[], members.iter().map(|m| m.branch.clone()));
            t.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
            t
        },
        members_by_category: tally(
            Category::LABELS,
            members.iter().map(|m| m.input.category.label().to_owned()),
        ),
        members_by_age: tally(
            AGE_BANDS,
            members
                .iter()
                .filter_map(|m| date::parse(&m.birth_date))
                .map(|b| age_band(date::age_on(b, ctx.today))),
        ),
        points_earned,
        points_redeemed,
        houses_by_conclusion: houses.by_conclusion,
        talents_by_category: tally(
            &categories,
            talents.iter().flat_map(|t| t.input.categories.clone()),
        ),
    })
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    #[test]
    fn ages_fall_into_ten_year_bands() {
        assert_eq!(super::age_band(29), "30岁以下");
        assert_eq!(super::age_band(30), "30–39岁");
        assert_eq!(super::age_band(70), "70岁及以上");
    }
}

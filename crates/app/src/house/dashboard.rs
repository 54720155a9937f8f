//! The campaign at a glance: houses by structure, storeys, use and conclusion; hazards found
//! against closed, month by month; overdue rectifications by community.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Months};
use serde::{Deserialize, Serialize};
use taizhang_db::{house as table, Db};
use ts_rs::TS;

use crate::{Ctx, Result};

/// How many of something carry one label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tally {
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthFlow {
    /// "2026-11"
    pub month: String,
    pub found: i64,
    pub closed: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseDashboard {
    pub houses: i64,
    /// Houses inspected at least once.
    pub inspected: i64,
    /// Rectifications not yet 已整治, and of those past their deadline.
    pub open: i64,
    pub overdue: i64,
    pub by_structure: Vec<Tally>,
    pub by_storeys: Vec<Tally>,
    pub by_use: Vec<Tally>,
    pub by_conclusion: Vec<Tally>,
    /// The last twelve months, this one last, empty months included.
    pub months: Vec<MonthFlow>,
    /// Communities with overdue rectifications, most first.
    pub overdue_by_community: Vec<Tally>,
}

/// Counts in the order the labels first appear in `order`, then any others, dropping zeros.
pub(crate) fn tally(order: &[&str], labels: impl Iterator<Item = String>) -> Vec<Tally> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for l in labels {
        *counts.entry(l).or_default() += 1;
    }
    let mut out: Vec<Tally> = order
        .iter()
        .filter_map(|l| {
            counts.remove(*l).map(|count| Tally {
                label: (*l).to_owned(),
                count,
            })
        })
        .collect();
    out.extend(
        counts
            .into_iter()
            .map(|(label, count)| Tally { label, count }),
    );
    out
}

fn storeys_band(n: Option<u32>) -> String {
    match n {
        None => "未填",
        Some(1) => "1层",
        Some(2) => "2层",
        Some(3) => "3层",
        Some(4..=6) => "4–6层",
        Some(_) => "7层及以上",
    }
    .to_owned()
}

const STOREYS: &[&str] = &["1层", "2层", "3层", "4–6层", "7层及以上", "未填"];
const UNSET: &str = "未填";
const NOT_INSPECTED: &str = "未排查";

pub fn dashboard(db: &Db, ctx: &Ctx) -> Result<HouseDashboard> {
    let houses: Vec<_> = table::all(db.conn(), ctx.today)?
        .into_iter()
        .filter(|h| !h.deleted)
        .filter(|h| crate::scope::sees(ctx, &[h.input.community_id, h.input.grid_id]))
        .collect();
    let seen: HashSet<i64> = houses.iter().map(|h| h.id).collect();
    let structures = taizhang_db::dict::values(db.conn(), taizhang_core::dict::Dict::Structure)?;
    let structures: Vec<&str> = structures.iter().map(String::as_str).collect();
    let first = ctx.today.with_day(1).unwrap_or(ctx.today) - Months::new(11);
    let mut found: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (month, house, f, c) in
        table::rectification_months(db.conn(), &first.format("%Y-%m").to_string())?
    {
        if seen.contains(&house) {
            let sums = found.entry(month).or_default();
            *sums = (sums.0 + f, sums.1 + c);
        }
    }
    let months = (0..12)
        .map(|i| {
            let month = (first + Months::new(i)).format("%Y-%m").to_string();
            let (found, closed) = found.get(&month).copied().unwrap_or_default();
            MonthFlow {
                month,
                found,
                closed,
            }
        })
        .collect();
    let mut overdue_by_community = tally(
        &[],
        houses.iter().filter(|h| h.overdue > 0).flat_map(|h| {
            let community = if h.community.is_empty() {
                UNSET.to_owned()
            } else {
                h.community.clone()
            };
            std::iter::repeat_n(community, h.overdue as usize)
        }),
    );
    overdue_by_community.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    Ok(HouseDashboard {
        houses: houses.len() as i64,
        inspected: houses.iter().filter(|h| h.conclusion.is_some()).count() as i64,
        open: houses.iter().map(|h| h.open).sum(),
        overdue: houses.iter().map(|h| h.overdue).sum(),
        by_structure: tally(
            &structures,
            houses.iter().map(|h| h.input.structure.clone()),
        ),
        by_storeys: tally(
            STOREYS,
            houses.iter().map(|h| storeys_band(h.input.storeys)),
        ),
        by_use: tally(
            &["自住", "出租", "经营", "混合", UNSET],
            houses
                .iter()
                .map(|h| h.input.use_kind.map_or(UNSET, |u| u.label()).to_owned()),
        ),
        by_conclusion: tally(
            &["存在结构倒塌风险", "一般隐患", "无隐患", NOT_INSPECTED],
            houses
                .iter()
                .map(|h| h.conclusion.map_or(NOT_INSPECTED, |c| c.label()).to_owned()),
        ),
        months,
        overdue_by_community,
    })
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_follow_the_given_order_then_the_rest() {
        let labels = ["框架", "砖混", "框架", "其他结构"].map(String::from);
        let t = tally(&["砖混", "框架", "钢混"], labels.into_iter());
        let got: Vec<(&str, i64)> = t.iter().map(|t| (t.label.as_str(), t.count)).collect();
        assert_eq!(got, [("砖混", 1), ("框架", 2), ("其他结构", 1)]);
        assert_eq!(storeys_band(Some(5)), "4–6层");
        assert_eq!(storeys_band(None), "未填");
    }
}

//! 网格工作月报: a month's figures for each community and each of its grids — households kept
//! and those with someone cared for, visits made and households reached, 诉求 received and
//! finished, those past their deadline at the month's end, 回访 and how many were satisfied —
//! on screen and in Excel. Computed from the registers for the month asked, never stored.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use taizhang_core::{appeal::Satisfaction, audit::AuditAction, org::OrgKind};
use taizhang_db::Db;
use ts_rs::TS;

use crate::{
    audit::note as record,
    points::{chinese_month, month_span},
    AppError, Ctx, ErrorCode, Result,
};

/// One line of the month's figures: a community, one of its grids, or the 合计.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct GridFigures {
    /// The unit (0 for the 合计).
    pub unit_id: i64,
    /// Its name (合计 for the total).
    pub unit: String,
    /// A grid's community; None for a community and the 合计.
    pub community_id: Option<i64>,
    /// 住户: households kept at the month's end.
    pub households: i64,
    /// 关爱户: those with a member of some care tag.
    pub cared: i64,
    /// 走访次数 in the month.
    pub visits: i64,
    /// 走访户数: households visited at least once in the month.
    pub visited: i64,
    /// 诉求受理: 诉求 received in the month.
    pub received: i64,
    /// 诉求办结: 诉求 finished in the month.
    pub finished: i64,
    /// 超时限: 诉求 still open at the month's end (or today) and past their deadline.
    pub overdue: i64,
    /// 回访 in the month.
    pub called_back: i64,
    /// Of those, 满意 or 基本满意.
    pub satisfied: i64,
    /// 满意率 as the report writes it (93.3%), "—" without a 回访.
    pub satisfaction: String,
}

/// A month's figures: each community the user sees followed by its grids, then the 合计.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GridMonth {
    /// 2026-11.
    pub month: String,
    /// 2026年11月.
    pub title: String,
    pub rows: Vec<GridFigures>,
}

/// The columns of the report, as the screen and the workbook head them.
pub const GRID_MONTH_HEADERS: [&str; 11] = [
    "社区（村）/网格",
    "住户",
    "关爱户",
    "走访次数",
    "走访户数",
    "诉求受理",
    "诉求办结",
    "超时限",
    "回访",
    "满意",
    "满意率",
];

impl GridFigures {
    /// The nine counts, in the order of [`GRID_MONTH_HEADERS`] after the unit's name.
    pub fn counts(&self) -> [i64; 9] {
        [
            self.households,
            self.cared,
            self.visits,
            self.visited,
            self.received,
            self.finished,
            self.overdue,
            self.called_back,
            self.satisfied,
        ]
    }

    /// The line as the report's cells: the unit, the counts, the rate.
    pub fn cells(&self) -> Vec<String> {
        let mut cells = vec![self.unit.clone()];
        cells.extend(self.counts().map(|n| n.to_string()));
        cells.push(self.satisfaction.clone());
        cells
    }
}

/// "93.3%" of `part` in `whole`; "—" for none.
fn rate(part: i64, whole: i64) -> String {
    if whole == 0 {
        "—".to_owned()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The figures of `month` ("2026-11") for the units `ctx` sees.
pub fn monthly(db: &Db, ctx: &Ctx, month: &str) -> Result<GridMonth> {
    let (from, to) = month_span(month)?;
    let conn = db.conn();
    let units = taizhang_db::org::all(conn)?;
    let kind: HashMap<i64, (OrgKind, Option<i64>)> = units
        .iter()
        .map(|n| (n.id, (n.kind, n.parent_id)))
        .collect();
    // The community and the grid a record's own units stand for: a 微网格 counts in its grid.
    let place = |community: Option<i64>, grid: Option<i64>| {
        let mut grid = grid;
        while let Some((OrgKind::Building, parent)) = grid.and_then(|g| kind.get(&g)).copied() {
            grid = parent;
        }
        let grid = grid.filter(|g| kind.get(g).is_some_and(|(k, _)| *k == OrgKind::Grid));
        (community, grid)
    };
    let mut rows: HashMap<i64, GridFigures> = HashMap::new();
    let mut visited: HashMap<i64, HashSet<i64>> = HashMap::new();
    let mut count = |(community, grid): (Option<i64>, Option<i64>),
                     add: &dyn Fn(&mut GridFigures)| {
        if !crate::scope::sees(ctx, &[community, grid]) {
            return;
        }
        for unit in [community, grid].into_iter().flatten() {
            add(rows.entry(unit).or_default());
        }
    };
    for (_, (community, grid), cared) in taizhang_db::household::places(conn)? {
        count(place(community, grid), &|f| {
            f.households += 1;
            f.cared += i64::from(cared);
        });
    }
    for v in taizhang_db::visit::between(conn, &from, &to)? {
        let [community, grid] = v.units;
        count(place(community, grid), &|f| f.visits += 1);
        if crate::scope::sees(ctx, &[community, grid]) {
            let (community, grid) = place(community, grid);
            for unit in [community, grid].into_iter().flatten() {
                visited
                    .entry(unit)
                    .or_default()
                    .insert(v.input.household_id);
            }
        }
    }
    // Past its deadline at the month's end, or today for the month under way.
    let end = to.as_str().min(ctx.today.to_string().as_str()).to_owned();
    let within = |day: Option<&str>| day.is_some_and(|d| d >= from.as_str() && d <= to.as_str());
    for a in taizhang_db::appeal::all(conn)?
        .into_iter()
        .filter(|a| !a.deleted)
    {
        let received = within(Some(&a.input.received_on));
        let finished = within(a.finished_on.as_deref());
        let open_at_end = a.input.received_on.as_str() <= end.as_str()
            && a.finished_on.as_deref().is_none_or(|f| f > end.as_str());
        let late = open_at_end && a.deadline.as_deref().is_some_and(|d| d < end.as_str());
        count(place(a.input.community_id, a.input.grid_id), &|f| {
            f.received += i64::from(received);
            f.finished += i64::from(finished);
            f.overdue += i64::from(late);
        });
    }
    for ((community, grid), verdict) in taizhang_db::appeal::call_backs(conn, &from, &to)? {
        let pleased = verdict != Satisfaction::Unsatisfied;
        count(place(community, grid), &|f| {
            f.called_back += 1;
            f.satisfied += i64::from(pleased);
        });
    }
    // Each community the user sees, in the tree's order, then its grids; then the 合计.
    let ordered = &units;
    let mut out = Vec::new();
    let mut total = GridFigures {
        unit: "合计".to_owned(),
        ..GridFigures::default()
    };
    let finish =
        |id: i64, name: &str, community: Option<i64>, rows: &mut HashMap<i64, GridFigures>| {
            let mut f = rows.remove(&id).unwrap_or_default();
            f.unit_id = id;
            f.unit = name.to_owned();
            f.community_id = community;
            f.visited = visited.get(&id).map_or(0, |s| s.len() as i64);
            f.satisfaction = rate(f.satisfied, f.called_back);
            f
        };
    for c in ordered.iter().filter(|n| n.kind == OrgKind::Community) {
        if !crate::scope::sees(ctx, &[Some(c.id)]) {
            continue;
        }
        let row = finish(c.id, &c.name, None, &mut rows);
        for (sum, add) in [
            (&mut total.households, row.households),
            (&mut total.cared, row.cared),
            (&mut total.visits, row.visits),
            (&mut total.visited, row.visited),
            (&mut total.received, row.received),
            (&mut total.finished, row.finished),
            (&mut total.overdue, row.overdue),
            (&mut total.called_back, row.called_back),
            (&mut total.satisfied, row.satisfied),
        ] {
            *sum += add;
        }
        out.push(row);
        for g in ordered
            .iter()
            .filter(|n| n.kind == OrgKind::Grid && n.parent_id == Some(c.id))
        {
            out.push(finish(g.id, &g.name, Some(c.id), &mut rows));
        }
    }
    total.satisfaction = rate(total.satisfied, total.called_back);
    out.push(total);
    Ok(GridMonth {
        month: month.trim().to_owned(),
        title: chinese_month(month),
        rows: out,
    })
}

/// Writes a month's figures to an .xlsx; returns the rows written. Audited.
pub fn export_monthly(db: &mut Db, ctx: &Ctx, month: &str, path: &std::path::Path) -> Result<u32> {
    use taizhang_excel::write::{write_table, ColumnKind, OutColumn, OutTable};
    db.writable()?;
    let figures = monthly(db, ctx, month)?;
    let columns: Vec<OutColumn> = GRID_MONTH_HEADERS
        .iter()
        .enumerate()
        .map(|(i, h)| OutColumn {
            header: (*h).to_owned(),
            kind: if i == 0 || i == GRID_MONTH_HEADERS.len() - 1 {
                ColumnKind::Text
            } else {
                ColumnKind::Number
            },
            width: if i == 0 { 22.0 } else { 10.0 },
            choices: Vec::new(),
        })
        .collect();
    let office = crate::export::office_name(db)?;
    let title = format!("{office}{}网格工作月报", figures.title);
    let note = format!("单位：{office}　　导出日期：{}", ctx.today);
    // A grid's name is written under its community's, indented.
    let rows = figures.rows.iter().map(|f| {
        let mut cells = f.cells();
        if f.community_id.is_some() {
            cells[0] = format!("　　{}", cells[0]);
        }
        cells
    });
    let written = write_table(
        path,
        &OutTable {
            sheet: "网格工作月报",
            title: &title,
            note: &note,
            columns: &columns,
        },
        rows,
        None,
    )
    .map_err(|e| AppError::new(ErrorCode::Io, e))?;
    db.write(|tx| {
        record(
            tx,
            ctx,
            AuditAction::Export,
            super::ENTITY,
            0,
            format!("导出{title} {written} 行到 {}", path.display()),
        )
    })?;
    Ok(written)
}

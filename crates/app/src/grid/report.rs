//! 网格工作月报: a month's figures for each community and each of its grids — households kept
//! and those with someone cared for, visits made and households reached, 诉求 received,
//! finished (on time or not), past their deadline at the month's end, 回访 and how many were
//! satisfied, disputes found and settled — on screen, in Excel, and filled into the form the
//! higher level sends (`fill_monthly`). Computed from the registers for the month asked, never
//! stored. The columns are declared once, `GRID_MONTH_FIELDS`: the screen's headers, the
//! workbook's, and the names a form may give them.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use serde::{Deserialize, Serialize};
use taizhang_core::{
    appeal::Satisfaction,
    audit::AuditAction,
    dispute::DisputeStatus,
    import::{field, FieldKind, FieldSpec, COMMUNITY_SYNONYMS},
    org::OrgKind,
};
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
    /// Of those, finished by the month's end (the 办结率's part).
    #[serde(skip)]
    #[ts(skip)]
    pub received_done: i64,
    /// 诉求办结: 诉求 finished in the month.
    pub finished: i64,
    /// 办结率: of the 诉求 received in the month, the share finished by its end.
    pub finish_rate: String,
    /// 按期办结: of those finished in the month, finished by their deadline (or without one).
    pub on_time: i64,
    /// 按期办结率: `on_time` of `finished`.
    pub on_time_rate: String,
    /// 超时限: 诉求 still open at the month's end (or today) and past their deadline.
    pub overdue: i64,
    /// 回访 in the month.
    pub called_back: i64,
    /// Of those, 满意 or 基本满意.
    pub satisfied: i64,
    /// 满意率 as the report writes it (93.3%), "—" without a 回访.
    pub satisfaction: String,
    /// 纠纷排查: disputes found in the month.
    pub disputes_found: i64,
    /// 纠纷化解: disputes settled (调解成功) in the month.
    pub disputes_settled: i64,
    /// Disputes given up (调解不成) in the month (the 调解成功率's other part).
    #[serde(skip)]
    #[ts(skip)]
    pub disputes_failed: i64,
    /// 调解成功率: settled of those ended in the month.
    pub settle_rate: String,
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

/// A figure's column, on the screen and in the workbook.
const fn figure(
    key: &'static str,
    label: &'static str,
    synonyms: &'static [&'static str],
    kind: FieldKind,
) -> FieldSpec {
    field(key, label, synonyms, kind, false).listed()
}

/// The report's columns: `listed` ones are the screen's and the workbook's, in order (each key
/// a field of [`GridFigures`]); the synonyms are how the forms sent from above head them (the
/// 网格化服务管理 monthly forms of 区 and 市 offices: 走访户次, 收集诉求, 办结率, 按期办结率,
/// 回访满意率, 矛盾纠纷排查/化解 — a two-row header's group and column read together). 网格 and
/// 街道 are the form's only: a form with a 网格 column wants a row per grid, one with only a
/// 街道 column the office's one row.
pub const GRID_MONTH_FIELDS: &[FieldSpec] = &[
    field(
        "unit",
        "社区（村）/网格",
        COMMUNITY_SYNONYMS,
        FieldKind::Text,
        true,
    )
    .listed(),
    field(
        "grid",
        "网格",
        &["网格名称", "所属网格", "网格(微网格)"],
        FieldKind::Text,
        false,
    )
    .sheet_only(),
    field(
        "street",
        "街道（乡镇）",
        &[
            "街道",
            "乡镇",
            "街道(乡镇)",
            "乡镇(街道)",
            "街道名称",
            "乡镇名称",
            "镇街",
        ],
        FieldKind::Text,
        false,
    )
    .sheet_only(),
    figure(
        "households",
        "住户",
        &[
            "户数",
            "住户数",
            "总户数",
            "实有户数",
            "辖区户数",
            "住户户数",
        ],
        FieldKind::Count,
    ),
    figure(
        "cared",
        "关爱户",
        &["关爱户数", "关爱对象户数", "重点关爱户", "特殊人群户数"],
        FieldKind::Count,
    ),
    figure(
        "visits",
        "走访次数",
        &[
            "走访户次",
            "入户走访",
            "入户走访户次",
            "走访群众户次",
            "走访",
            "走访次",
        ],
        FieldKind::Count,
    ),
    figure(
        "visited",
        "走访户数",
        &["走访覆盖户数", "已走访户数", "覆盖户数"],
        FieldKind::Count,
    ),
    figure(
        "received",
        "诉求受理",
        &[
            "收集诉求",
            "受理诉求",
            "诉求收集",
            "诉求数",
            "收集群众诉求",
            "收集问题",
            "上报事件",
            "受理事件",
            "事件受理",
            "诉求受理数",
            "诉求收集数",
            "受理",
            "收集",
        ],
        FieldKind::Count,
    ),
    figure(
        "finished",
        "诉求办结",
        &[
            "办结",
            "办结数",
            "已办结",
            "办结诉求",
            "办结事件",
            "事件办结",
            "诉求办结数",
        ],
        FieldKind::Count,
    ),
    figure(
        "finish_rate",
        "办结率",
        &["诉求办结率", "事件办结率", "办结率(%)"],
        FieldKind::Text,
    ),
    figure(
        "on_time",
        "按期办结",
        &["按期办结数", "按时办结", "诉求按期办结"],
        FieldKind::Count,
    ),
    figure(
        "on_time_rate",
        "按期办结率",
        &["按时办结率", "诉求按期办结率", "按期办结率(%)"],
        FieldKind::Text,
    ),
    figure(
        "overdue",
        "超时限",
        &["超期", "超期未办结", "逾期", "超时限未办结", "诉求超期"],
        FieldKind::Count,
    ),
    figure(
        "called_back",
        "回访",
        &["回访数", "回访件数", "诉求回访", "回访量"],
        FieldKind::Count,
    ),
    figure(
        "satisfied",
        "满意",
        &["满意数", "回访满意", "满意件数"],
        FieldKind::Count,
    ),
    figure(
        "satisfaction",
        "满意率",
        &["回访满意率", "群众满意率", "诉求满意率", "满意率(%)"],
        FieldKind::Text,
    ),
    figure(
        "disputes_found",
        "纠纷排查",
        &[
            "矛盾纠纷排查",
            "排查矛盾纠纷",
            "排查纠纷",
            "纠纷排查数",
            "矛盾纠纷排查数",
            "排查",
        ],
        FieldKind::Count,
    ),
    figure(
        "disputes_settled",
        "纠纷化解",
        &[
            "矛盾纠纷化解",
            "化解矛盾纠纷",
            "化解纠纷",
            "调解成功",
            "纠纷化解数",
            "矛盾纠纷化解数",
            "化解",
        ],
        FieldKind::Count,
    ),
    figure(
        "settle_rate",
        "调解成功率",
        &[
            "化解率",
            "矛盾纠纷化解率",
            "纠纷化解率",
            "成功率",
            "调处成功率",
        ],
        FieldKind::Text,
    ),
];

impl GridFigures {
    /// The value of the report's column `key` as a cell holds it: a count, a rate, the unit's
    /// name; "" for a key it does not have (the form's 网格 and 街道).
    fn value(&self, key: &str) -> String {
        match serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get(key).cloned())
        {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    }

    /// The line as the report's cells, in the order of the listed [`GRID_MONTH_FIELDS`].
    pub fn cells(&self) -> Vec<String> {
        GRID_MONTH_FIELDS
            .iter()
            .filter(|f| f.listed)
            .map(|f| self.value(f.key))
            .collect()
    }

    /// Adds `other`'s counts to these.
    fn add(&mut self, other: &GridFigures) {
        for (sum, n) in [
            (&mut self.households, other.households),
            (&mut self.cared, other.cared),
            (&mut self.visits, other.visits),
            (&mut self.visited, other.visited),
            (&mut self.received, other.received),
            (&mut self.received_done, other.received_done),
            (&mut self.finished, other.finished),
            (&mut self.on_time, other.on_time),
            (&mut self.overdue, other.overdue),
            (&mut self.called_back, other.called_back),
            (&mut self.satisfied, other.satisfied),
            (&mut self.disputes_found, other.disputes_found),
            (&mut self.disputes_settled, other.disputes_settled),
            (&mut self.disputes_failed, other.disputes_failed),
        ] {
            *sum += n;
        }
    }

    /// The rates from the counts.
    fn with_rates(mut self) -> Self {
        self.finish_rate = share(self.received_done, self.received);
        self.on_time_rate = share(self.on_time, self.finished);
        self.satisfaction = share(self.satisfied, self.called_back);
        self.settle_rate = share(
            self.disputes_settled,
            self.disputes_settled + self.disputes_failed,
        );
        self
    }
}

/// The headers of the report's screen and workbook columns.
pub fn headers() -> Vec<&'static str> {
    GRID_MONTH_FIELDS
        .iter()
        .filter(|f| f.listed)
        .map(|f| f.label)
        .collect()
}

/// "93.3%" of `part` in `whole`; "—" for none.
fn share(part: i64, whole: i64) -> String {
    if whole == 0 {
        "—".to_owned()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The 合计 line's unit id.
const TOTAL: i64 = 0;

/// The figures of `month` ("2026-11") for the units `ctx` sees.
pub fn monthly(db: &Db, ctx: &Ctx, month: &str) -> Result<GridMonth> {
    let (from, to) = month_span(month)?;
    let conn = db.conn();
    let units = taizhang_db::org::all(conn)?;
    let kind: HashMap<i64, (OrgKind, Option<i64>)> = units
        .iter()
        .map(|n| (n.id, (n.kind, n.parent_id)))
        .collect();
    // The units a record counts in: the 合计 (when it has a community), its community, and the
    // grid its own units stand for (a 微网格 counts in its grid); none when `ctx` may not see it.
    let counted_in = |(community, grid): (Option<i64>, Option<i64>)| -> Vec<i64> {
        if !crate::scope::sees(ctx, &[community, grid]) {
            return Vec::new();
        }
        let mut grid = grid;
        while let Some((OrgKind::Building, parent)) = grid.and_then(|g| kind.get(&g)).copied() {
            grid = parent;
        }
        let grid = grid.filter(|g| kind.get(g).is_some_and(|(k, _)| *k == OrgKind::Grid));
        community
            .map(|_| TOTAL)
            .into_iter()
            .chain(community)
            .chain(grid)
            .collect()
    };
    // Counted by place first (a few hundred), then each place's figures added to its units.
    type Place = (Option<i64>, Option<i64>);
    let mut by_place: HashMap<Place, GridFigures> = HashMap::new();
    let mut count = |place: Place, add: &dyn Fn(&mut GridFigures)| {
        add(by_place.entry(place).or_default());
    };
    let households = taizhang_db::household::places(conn)?;
    for (_, place, cared) in &households {
        count(*place, &|f| {
            f.households += 1;
            f.cared += i64::from(*cared);
        });
    }
    let place_of: HashMap<i64, Place> = households.iter().map(|(id, p, _)| (*id, *p)).collect();
    let mut visited: HashMap<Place, HashSet<i64>> = HashMap::new();
    for household in taizhang_db::visit::households_between(conn, &from, &to)? {
        let place = place_of.get(&household).copied().unwrap_or_default();
        count(place, &|f| f.visits += 1);
        visited.entry(place).or_default().insert(household);
    }
    // Past its deadline at the month's end, or today for the month under way.
    let end = to.as_str().min(ctx.today.to_string().as_str()).to_owned();
    let within = |day: Option<&str>| day.is_some_and(|d| d >= from.as_str() && d <= to.as_str());
    for a in taizhang_db::appeal::days_within(conn, &from, &to)? {
        let received = within(Some(&a.received_on));
        let done_by_end = a.finished_on.as_deref().is_some_and(|f| f <= end.as_str());
        let finished = within(a.finished_on.as_deref());
        let in_time = a
            .deadline
            .as_deref()
            .is_none_or(|d| a.finished_on.as_deref().is_some_and(|f| f <= d));
        let open_at_end = a.received_on.as_str() <= end.as_str() && !done_by_end;
        let late = open_at_end && a.deadline.as_deref().is_some_and(|d| d < end.as_str());
        count(a.place, &|f| {
            f.received += i64::from(received);
            f.received_done += i64::from(received && done_by_end);
            f.finished += i64::from(finished);
            f.on_time += i64::from(finished && in_time);
            f.overdue += i64::from(late);
        });
    }
    for (place, verdict) in taizhang_db::appeal::call_backs(conn, &from, &to)? {
        let pleased = verdict != Satisfaction::Unsatisfied;
        count(place, &|f| {
            f.called_back += 1;
            f.satisfied += i64::from(pleased);
        });
    }
    for d in taizhang_db::dispute::all(conn)?
        .into_iter()
        .filter(|d| !d.deleted)
    {
        let found = within(Some(&d.input.found_on));
        let ended = within(d.ended_on.as_deref());
        count((d.input.community_id, d.input.grid_id), &|f| {
            f.disputes_found += i64::from(found);
            f.disputes_settled += i64::from(ended && d.status == DisputeStatus::Settled);
            f.disputes_failed += i64::from(ended && d.status == DisputeStatus::Failed);
        });
    }
    // A household is in one place, so the households visited add up across places.
    let mut rows: HashMap<i64, GridFigures> = HashMap::new();
    for (place, mut f) in by_place {
        f.visited = visited.get(&place).map_or(0, |s| s.len() as i64);
        for unit in counted_in(place) {
            rows.entry(unit).or_default().add(&f);
        }
    }
    let mut line = |id: i64, name: &str, community: Option<i64>| {
        GridFigures {
            unit_id: id,
            unit: name.to_owned(),
            community_id: community,
            ..rows.remove(&id).unwrap_or_default()
        }
        .with_rates()
    };
    // Each community the user sees, in the tree's order, then its grids; then the 合计.
    let mut out = Vec::new();
    for c in units.iter().filter(|n| n.kind == OrgKind::Community) {
        if !crate::scope::sees(ctx, &[Some(c.id)]) {
            continue;
        }
        out.push(line(c.id, &c.name, None));
        for g in units
            .iter()
            .filter(|n| n.kind == OrgKind::Grid && n.parent_id == Some(c.id))
        {
            out.push(line(g.id, &g.name, Some(c.id)));
        }
    }
    out.push(line(TOTAL, "合计", None));
    Ok(GridMonth {
        month: month.trim().to_owned(),
        title: chinese_month(month),
        rows: out,
    })
}

/// Writes a month's figures to an .xlsx; returns the rows written. Audited.
pub fn export_monthly(db: &mut Db, ctx: &Ctx, month: &str, path: &Path) -> Result<u32> {
    use taizhang_excel::write::{write_table, ColumnKind, OutColumn, OutTable};
    db.writable()?;
    let figures = monthly(db, ctx, month)?;
    let columns: Vec<OutColumn> = GRID_MONTH_FIELDS
        .iter()
        .filter(|f| f.listed)
        .map(|f| OutColumn {
            header: f.label.to_owned(),
            kind: match f.kind {
                FieldKind::Count => ColumnKind::Number,
                _ => ColumnKind::Text,
            },
            width: if f.key == "unit" { 22.0 } else { 10.0 },
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
    exported(
        db,
        ctx,
        format!("导出{title} {written} 行到 {}", path.display()),
    )?;
    Ok(written)
}

/// Notes in the audit trail that the report left the office.
fn exported(db: &mut Db, ctx: &Ctx, summary: String) -> Result<()> {
    db.write(|tx| record(tx, ctx, AuditAction::Export, super::ENTITY, 0, summary))
}

/// Which lines of the month a form wants, from the unit columns it has.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FormLines {
    /// A 网格 column: a line per grid, its community beside it.
    Grids,
    /// A 社区 column: a line per community.
    Communities,
    /// Neither (a 街道 column, or figures alone): the office's one line.
    Office,
}

/// Fills the higher level's own monthly form (`template`, an .xlsx) with the month's figures
/// and saves it as `path`: its header found and mapped by the names forms give the columns, a
/// line per grid, per community or for the office as its unit columns ask, the totals in its
/// 合计 row's blank cells (its own formulas kept, over every line written), every other part
/// of the form as it was. Audited. The columns it has that no figure fills are named.
pub fn fill_monthly(
    db: &mut Db,
    ctx: &Ctx,
    month: &str,
    template: &Path,
    path: &Path,
) -> Result<crate::export::Exported> {
    use taizhang_excel::fill;
    db.writable()?;
    let figures = monthly(db, ctx, month)?;
    let bad = |e: String| AppError::new(ErrorCode::BadFile, format!("{}：{e}", template.display()));
    if path == template {
        return Err(AppError::new(
            ErrorCode::Validation,
            "请另选一个保存位置，不要覆盖上级发来的表格",
        ));
    }
    let book = taizhang_excel::read(crate::files::read_sheet(template)?)
        .map_err(|e| bad(e.to_string()))?;
    let layout = fill::layout(&book, GRID_MONTH_FIELDS, &Default::default()).map_err(bad)?;
    let has = |key: &str| layout.columns.iter().any(|c| c.field == Some(key));
    let lines = if has("grid") {
        FormLines::Grids
    } else if has("unit") {
        FormLines::Communities
    } else {
        FormLines::Office
    };
    let office = crate::export::office_name(db)?;
    let community_name: HashMap<i64, &str> = figures
        .rows
        .iter()
        .filter(|f| f.community_id.is_none() && f.unit_id != TOTAL)
        .map(|f| (f.unit_id, f.unit.as_str()))
        .collect();
    // A line as the form's columns hold it.
    let cells = |f: &GridFigures| -> Vec<String> {
        layout
            .columns
            .iter()
            .map(|c| match c.field {
                Some("street") => office.clone(),
                Some("unit") => match f.community_id {
                    Some(community) => community_name
                        .get(&community)
                        .copied()
                        .unwrap_or_default()
                        .to_owned(),
                    None => f.unit.clone(),
                },
                Some("grid") if f.community_id.is_some() => f.unit.clone(),
                Some(key) => f.value(key),
                None => String::new(),
            })
            .collect()
    };
    let total = figures.rows.last().cloned().unwrap_or_default();
    let chosen: Vec<&GridFigures> = figures
        .rows
        .iter()
        .filter(|f| match lines {
            FormLines::Grids => f.community_id.is_some(),
            FormLines::Communities => f.community_id.is_none() && f.unit_id != TOTAL,
            FormLines::Office => f.unit_id == TOTAL,
        })
        .collect();
    let mut rows = chosen.iter().map(|f| {
        if lines == FormLines::Office {
            // The office's line is named by the office.
            let named = GridFigures {
                unit: office.clone(),
                ..(*f).clone()
            };
            cells(&named)
        } else {
            cells(f)
        }
    });
    let mut filling = fill::Filling {
        rows: &mut rows,
        totals: cells(&total),
        blanks: crate::export::form_blanks(db, ctx, Some(figures.title.clone()))?,
    };
    let written = fill::fill(template, path, &layout, &mut filling)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("{}：{e}", path.display())))?;
    let unknown: Vec<String> = layout
        .unknown()
        .into_iter()
        .filter(|h| !written.computed.contains(h))
        .collect();
    let title = format!("{office}{}网格工作月报", figures.title);
    exported(
        db,
        ctx,
        format!(
            "{title}填入上级表格 {}，{} 行，保存到 {}",
            template.display(),
            written.rows,
            path.display()
        ),
    )?;
    Ok(crate::export::Exported {
        path: path.display().to_string(),
        rows: written.rows,
        masked: false,
        sheet: Some(layout.sheet.clone()),
        unknown_columns: unknown,
        filled_in: written.filled_in,
    })
}

//! `taizhang grid …`: the grid's households (with when each is next visited), its workers, the
//! visits due per worker, the 民情日志 of a period, and the 诉求 with where each stands.

use clap::Subcommand;
use taizhang_app::{
    appeal::{self, AppealQuery},
    dispute::{self, DisputeQuery},
    grid::{self, GridWorkerQuery},
    household::{self, HouseholdQuery},
    visit, AppError, Ctx, Db,
};

use crate::show;

#[derive(Subcommand)]
pub enum GridCommand {
    /// 列出住户（按地址）：户主、人数、关爱类别、上次与下次走访
    Households {
        /// 成员姓名、拼音首字母、身份证号或电话尾号，或地址的一部分
        #[arg(long, default_value = "")]
        search: String,
        /// 只列出有此关爱类别成员的住户，如 独居老人
        #[arg(long)]
        care: Option<String>,
        /// 只列出今天应走访的住户
        #[arg(long)]
        due: bool,
        /// 只列出前 N 户（默认 100）
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// 列出网格员：所在网格、职务、负责区域
    Workers {
        #[arg(long)]
        json: bool,
    },
    /// 每位网格员今天应走访的户数
    Due {
        #[arg(long)]
        json: bool,
    },
    /// 诉求：编号、来源、内容、状态、承办、时限（--overdue 只列超时限的）
    Appeals {
        /// 只列出超过办理时限仍未办结的（督办）
        #[arg(long)]
        overdue: bool,
        /// 只列出前 N 条（默认 100）
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// 矛盾纠纷：编号、排查日期、纠纷类型、双方、风险等级、状态（--open 只列未结的）
    Disputes {
        /// 编号、当事人姓名、纠纷类型或情况中的文字
        #[arg(long, default_value = "")]
        search: String,
        /// 只列出尚未调解成功或调解不成的
        #[arg(long)]
        open: bool,
        /// 只列出前 N 条（默认 100）
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// 网格工作月报：各社区、网格的住户、走访、诉求受理办结、超时限、满意率与矛盾纠纷（--out 导出 Excel，
    /// 加 --form 则填入上级下发的月报表）
    Report {
        /// 月份，如 2026-11
        month: String,
        /// 导出到此 .xlsx 文件
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// 上级下发的月报表（.xlsx），与 --out 一起使用：填好后另存为 --out
        #[arg(long, requires = "out")]
        form: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 民情日志：某段时间的走访记录
    Visits {
        /// 起始日期，如 2026-11-01
        #[arg(long)]
        from: String,
        /// 截止日期（含），如 2026-11-30
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

/// `taizhang grid …`.
pub fn grid(db: &mut Db, ctx: &Ctx, command: GridCommand) -> Result<(), AppError> {
    match command {
        GridCommand::Households {
            search,
            care,
            due,
            limit,
            json,
        } => {
            let page = household::page(
                db,
                ctx,
                &HouseholdQuery {
                    search,
                    care,
                    due,
                    ..HouseholdQuery::default()
                },
                (1, limit),
            )?;
            show(json, &page, |page| {
                for h in &page.items {
                    println!(
                        "{}\t{}\t{}\t户主 {}\t{} 人\t{}\t上次走访 {}\t下次走访 {}{}",
                        h.row.id,
                        h.row.address,
                        h.row.grid,
                        h.row.head,
                        h.row.members,
                        h.row.care.join("、"),
                        h.row.last_visit.as_deref().unwrap_or("无"),
                        h.next_due.as_deref().unwrap_or("—"),
                        if h.due { "（应走访）" } else { "" }
                    );
                }
                println!("共 {} 户", page.total);
            });
        }
        GridCommand::Workers { json } => {
            let rows = grid::list(db, ctx, &GridWorkerQuery::default())?;
            show(json, &rows, |rows| {
                for w in rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        w.id,
                        w.input.name,
                        w.unit,
                        w.input.role.map(|r| r.label()).unwrap_or_default(),
                        w.input.phone,
                        w.input.area
                    );
                }
                println!("共 {} 人", rows.len());
            });
        }
        GridCommand::Due { json } => {
            let rows = household::due_by_worker(db, ctx)?;
            let total = household::due_households(db, ctx)?.len();
            show(json, &rows, |rows| {
                for w in rows {
                    println!("{}\t{}\t{}\t{} 户应走访", w.name, w.role, w.unit, w.due);
                }
                println!("共 {total} 户应走访");
            });
        }
        GridCommand::Appeals {
            overdue,
            limit,
            json,
        } => {
            let page = appeal::page(
                db,
                ctx,
                &AppealQuery {
                    overdue,
                    ..AppealQuery::default()
                },
                (1, limit),
            )?;
            show(json, &page, |page| {
                for a in &page.rows.items {
                    println!(
                        "{}\t{}\t{}\t{}\t{}{}\t承办 {}\t时限 {}",
                        a.row.input.number,
                        a.row.input.received_on,
                        a.row.input.source.map(|s| s.label()).unwrap_or_default(),
                        a.row.input.content,
                        a.row.status.label(),
                        if a.overdue { "（超时限）" } else { "" },
                        a.row.handler,
                        a.row.deadline.as_deref().unwrap_or("—")
                    );
                }
                println!(
                    "共 {} 条；办理中 {} 件，其中超时限 {} 件",
                    page.rows.total, page.open, page.overdue
                );
            });
        }
        GridCommand::Disputes {
            search,
            open,
            limit,
            json,
        } => {
            let q = DisputeQuery {
                search,
                ..DisputeQuery::default()
            };
            let mut page = dispute::page(db, ctx, &q, (1, limit))?;
            if open {
                page.rows.items.retain(|d| !d.status.ended());
            }
            show(json, &page, |page| {
                for d in &page.rows.items {
                    println!(
                        "{}\t{}\t{}\t{}\t{} 与 {}\t风险{}\t{}",
                        d.number,
                        d.input.found_on,
                        d.community,
                        d.input.kind,
                        d.input.party_a,
                        d.input.party_b,
                        d.input.risk.map(|r| r.label()).unwrap_or_default(),
                        d.status.label()
                    );
                }
                println!(
                    "共 {} 件；未结 {} 件，其中重大 {} 件",
                    page.rows.total, page.open, page.grave
                );
            });
        }
        GridCommand::Report {
            month,
            out: Some(out),
            form: Some(form),
            ..
        } => {
            let done = grid::fill_monthly(db, ctx, &month, &form, &out)?;
            println!(
                "已填入上级月报表（工作表“{}”）{} 行：{}",
                done.sheet.unwrap_or_default(),
                done.rows,
                done.path
            );
            if !done.filled_in.is_empty() {
                println!("表中已填写：{}", done.filled_in.join("；"));
            }
            if !done.unknown_columns.is_empty() {
                println!(
                    "表中“{}”列没有对应的统计数，已留空",
                    done.unknown_columns.join("、")
                );
            }
        }
        GridCommand::Report {
            month,
            out: Some(out),
            form: None,
            ..
        } => {
            let rows = grid::export_monthly(db, ctx, &month, &out)?;
            println!("已导出网格工作月报 {rows} 行：{}", out.display());
        }
        GridCommand::Report {
            month,
            out: None,
            json,
            ..
        } => {
            let figures = grid::monthly(db, ctx, &month)?;
            show(json, &figures, |figures| {
                println!("{}网格工作月报", figures.title);
                println!("{}", grid::month_headers().join("\t"));
                for f in &figures.rows {
                    let indent = if f.community_id.is_some() { "  " } else { "" };
                    println!("{indent}{}", f.cells().join("\t"));
                }
            });
        }
        GridCommand::Visits { from, to, json } => {
            let rows = visit::between(db, ctx, &from, &to)?;
            show(json, &rows, |rows| {
                for v in rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        v.input.visited_on,
                        v.address,
                        v.worker,
                        v.input.way.map(|w| w.label()).unwrap_or_default(),
                        v.input.found,
                        v.input.need
                    );
                }
                println!("共 {} 次走访", rows.len());
            });
        }
    }
    Ok(())
}

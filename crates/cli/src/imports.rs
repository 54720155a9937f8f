//! `taizhang inspect`, `taizhang import`, `taizhang imports …`: reading a spreadsheet, importing
//! it into a register, and the import history.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use taizhang_app::{core::progress::Quiet, import, registers, AppError, Ctx, Db};

use crate::show;

#[derive(Args)]
pub struct ImportArgs {
    /// 台账：party-members、volunteers、service-records、houses、talents
    register: String,
    file: PathBuf,
    /// 只检查、对比，不写入
    #[arg(long)]
    dry_run: bool,
    /// 只读取这个工作表
    #[arg(long)]
    sheet: Option<String>,
    /// 写入哪些类别：new（新增）、changed（修改）、conflicts（冲突，以文件为准），逗号分隔
    #[arg(long, default_value = "new,changed")]
    apply: String,
    /// 另存一份带“错误原因”列、标出错误单元格的文件，改正后可再次导入
    #[arg(long, value_name = "FILE.xlsx")]
    errors_out: Option<PathBuf>,
    /// 表中有本单位还没有的社区、网格、党组织时，自动新增（上级按表中同一行或本单位的组织架构确定）
    #[arg(long)]
    add_missing_org: bool,
    /// 把表中的组织名称对应到已有组织，如 --map-org 丽景街社区党支部=丽景街社区第一党支部（可多次）
    #[arg(long, value_name = "表中名称=已有组织")]
    map_org: Vec<String>,
    /// 把表中的值对应到选项，如 --map 排查结论:存在隐患=一般隐患（字段可写表头或英文名；可多次）
    #[arg(long, value_name = "字段:表中的值=选项")]
    map: Vec<String>,
    /// 接受按规则或相近程度给出的建议（默认只按内置同义词读取，其余须逐一指定）
    #[arg(long)]
    accept_suggestions: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ImportsCommand {
    /// 列出导入批次（最新在前）
    List {
        #[arg(long)]
        json: bool,
    },
    /// 整体撤销一个导入批次：新增的记录移入回收站，修改的字段恢复原值
    Undo { batch_id: i64 },
}

/// `taizhang inspect FILE`.
pub fn inspect(file: &Path, json: bool) -> Result<(), AppError> {
    let found = registers::inspect(file)?;
    show(json, &found, print_inspection);
    Ok(())
}

/// `taizhang import REGISTER FILE …`.
pub fn import(db: &mut Db, ctx: &Ctx, args: ImportArgs) -> Result<(), AppError> {
    let ImportArgs {
        register,
        file,
        dry_run,
        sheet,
        apply,
        errors_out,
        add_missing_org,
        map_org,
        map,
        accept_suggestions,
        json,
    } = args;
    let register = registers::Register::from_cli_name(&register)?;
    let mut orgs = std::collections::BTreeMap::new();
    for pair in &map_org {
        let (written, unit) = pair.split_once('=').ok_or_else(|| {
            AppError::field(
                "map_org",
                format!("--map-org 应写作 表中名称=已有组织，而不是“{pair}”"),
            )
        })?;
        let org_id = taizhang_app::org::find(db, unit)?.id;
        orgs.insert(written.trim().to_owned(), import::OrgChoice::Map { org_id });
    }
    let options = import::ImportOptions {
        sheet,
        orgs,
        add_missing_orgs: add_missing_org,
        values: value_choices(register, &map)?,
        accept_suggestions,
        ..Default::default()
    };
    let outcome = if dry_run {
        registers::preview(db, ctx, register, &file, &options, &Quiet)?
    } else {
        let approval = import::Approval {
            choice: import::Choice::parse(&apply)?,
            expected_hash: None,
        };
        registers::apply(db, ctx, register, &file, &options, approval, &Quiet)?
    };
    show(json, &outcome, |outcome| print_outcome(outcome, dry_run));
    if let Some(out) = errors_out {
        let marked = registers::write_errors(db, ctx, register, &file, &options, &out)?;
        if !json {
            println!("错误报告：{}（{marked} 行标出了问题）", out.display());
        }
    }
    Ok(())
}

/// `taizhang imports list|undo`.
pub fn run(db: &mut Db, ctx: &Ctx, command: ImportsCommand) -> Result<(), AppError> {
    match command {
        ImportsCommand::List { json } => {
            let batches = import::batches(db)?;
            show(json, &batches, |b| print_batches(b));
        }
        ImportsCommand::Undo { batch_id } => {
            let n = registers::undo(db, ctx, batch_id)?;
            println!("已撤销导入批次 {batch_id}：{n} 条记录已还原");
        }
    }
    Ok(())
}

fn print_sheets(sheets: &[taizhang_app::excel::check::SheetReport]) {
    for s in sheets {
        let hidden = if s.hidden { "（隐藏）" } else { "" };
        match &s.skipped {
            Some(why) => println!("工作表“{}”{hidden}：{why}", s.name),
            None => {
                let rows: Vec<String> = s.header_rows.iter().map(u32::to_string).collect();
                println!(
                    "工作表“{}”{hidden}：表头在第 {} 行，数据 {} 行",
                    s.name,
                    rows.join("、"),
                    s.data_rows
                );
                for c in &s.mapped {
                    println!("  {} 列 {} → {}", c.column, c.header, c.label);
                }
                for c in &s.unmapped {
                    println!("  {} 列 {} → （未对应）", c.column, c.header);
                }
            }
        }
    }
}

fn print_inspection(found: &registers::Inspection) {
    let encoding = found
        .encoding
        .as_deref()
        .map(|e| format!("，编码 {e}"))
        .unwrap_or_default();
    println!("格式：{}{encoding}", found.format_label);
    if let Some(r) = &found.register {
        println!("最接近的台账：{r}");
    }
    print_sheets(&found.sheets);
}

/// `--map 字段:表中的值=选项`, the field by its key, label or a header that names it.
fn value_choices(
    register: registers::Register,
    pairs: &[String],
) -> Result<import::ValueChoices, AppError> {
    let mut out = import::ValueChoices::new();
    for pair in pairs {
        let bad = || {
            AppError::field(
                "map",
                format!("--map 应写作 字段:表中的值=选项，而不是“{pair}”"),
            )
        };
        let (field, rest) = pair.split_once([':', '：']).ok_or_else(bad)?;
        let (value, label) = rest.split_once('=').ok_or_else(bad)?;
        let fields = register.fields();
        let spec = fields
            .iter()
            .find(|f| f.key == field.trim())
            .or_else(|| taizhang_app::core::import::match_header(fields, field))
            .ok_or_else(|| {
                AppError::field("map", format!("{}没有“{field}”这一列", register.title()))
            })?;
        out.entry(spec.key.to_owned())
            .or_default()
            .insert(value.trim().to_owned(), label.trim().to_owned());
    }
    Ok(out)
}

fn print_outcome(outcome: &import::ImportOutcome, dry_run: bool) {
    let p = &outcome.preview;
    let report = &p.report;
    println!("格式：{}", report.format_label);
    print_sheets(&report.sheets);
    for o in &p.unknown_orgs {
        let suggestion = o
            .suggestion
            .as_ref()
            .map(|s| format!("，相近的已有组织：{s}"))
            .unwrap_or_default();
        println!(
            "本单位没有的{}：{}（{} 行，首见于 {}{suggestion}）→ {}",
            o.kind.label(),
            o.name,
            o.rows,
            o.first_row,
            o.action
        );
    }
    for v in &p.unknown_values {
        let suggestion = match (&v.suggestion, v.action.starts_with("未处理")) {
            (Some(s), true) => format!("；建议“{s}”（{}）", v.source),
            (Some(_), false) => format!("（{}）", v.source),
            (None, _) => String::new(),
        };
        println!(
            "{}“{}”（{} 行，首见于 {}）：{}{suggestion}",
            v.label, v.value, v.rows, v.first_row, v.action
        );
    }
    if p.unknown_values
        .iter()
        .any(|v| v.action.starts_with("未处理"))
    {
        println!("可用 --map 字段:表中的值=选项 指定，或加 --accept-suggestions 接受建议");
    }
    if p.unknown_orgs
        .iter()
        .any(|o| o.action.starts_with("未处理"))
    {
        println!("可加 --add-missing-org 自动新增这些组织，或用 --map-org 表中名称=已有组织 对应到已有组织");
    }
    for i in &report.issues {
        let level = match i.level {
            taizhang_app::excel::check::Level::Error => "错误",
            taizhang_app::excel::check::Level::Warning => "提醒",
        };
        let at = if i.column.is_empty() {
            String::new()
        } else {
            format!(" {} 列（{}）", i.column, i.header)
        };
        println!("{level}：{} 第 {} 行{at}：{}", i.sheet, i.row, i.message);
    }
    for d in p.diffs.iter().filter(|d| d.kind != import::RowKind::Error) {
        let kind = d.kind.label();
        let changes: Vec<String> = d
            .changes
            .iter()
            .map(|c| format!("{}：{} → {}", c.label, c.before, c.after))
            .collect();
        let reason = if d.reason.is_empty() {
            String::new()
        } else {
            format!("（{}）", d.reason)
        };
        println!(
            "{kind}：{} 第 {} 行 {} {}{reason} {}",
            d.sheet,
            d.row,
            d.name,
            d.key,
            changes.join("；")
        );
    }
    if p.issues_left_out + p.diffs_left_out > 0 {
        println!(
            "以上每类列出前 {} 条；另有 {} 条问题、{} 行未列出（--errors-out FILE.xlsx 在原表中标出全部有问题的行）",
            p.listed_each, p.issues_left_out, p.diffs_left_out
        );
    }
    let r = report.rows;
    println!(
        "共 {} 行：无误 {}，有提醒 {}，有错误 {}",
        r.total, r.ok, r.warning, r.error
    );
    println!(
        "对比台账：新增 {}，修改 {}，无变化 {}，冲突 {}",
        p.new, p.changed, p.unchanged, p.conflicts
    );
    if p.incomplete > 0 {
        println!(
            "其中 {} 条缺少表中没有的必填列，导入后标为待补录（该台账的 list --incomplete 可列出）",
            p.incomplete
        );
    }
    match (dry_run, outcome.batch_id) {
        (true, _) => println!("仅检查，未写入"),
        (false, Some(id)) => println!(
            "已写入 {} 条，导入批次 {id}（撤销：taizhang imports undo {id}）",
            outcome.applied
        ),
        (false, None) => println!("没有可写入的记录"),
    }
}

fn print_batches(batches: &[taizhang_app::db::import_batch::ImportBatch]) {
    println!("批次\t时间\t操作人\t台账\t文件\t新增\t修改\t冲突\t错误\t状态");
    for b in batches {
        let state = match &b.undone_at {
            Some(at) => format!("已于 {at} 撤销"),
            None => "有效".to_owned(),
        };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{state}",
            b.id,
            b.at,
            b.actor,
            b.register,
            b.file_name,
            b.created,
            b.changed,
            b.conflicts,
            b.errors
        );
    }
    println!("共 {} 个批次", batches.len());
}

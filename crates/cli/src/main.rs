//! `taizhang`: the same use cases as the desktop app, from a terminal, for scripting and tests.
//! Errors go to stderr in Chinese with a non-zero exit code.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use taizhang_app::core::party_member::label;
use taizhang_app::{import, party_member, paths, setup, AppError, Ctx, Db, ErrorCode};

#[derive(Parser)]
#[command(name = "taizhang", version, about = "台账：街道台账管理（命令行）")]
struct Cli {
    /// 数据库文件（默认：环境变量 TAIZHANG_DB，或用户数据目录下的 taizhang/taizhang.db）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 创建数据库；--demo 载入演示数据（交口街道）
    Init {
        #[arg(long)]
        demo: bool,
    },
    /// 党员花名册
    #[command(name = "party-members")]
    PartyMembers {
        #[command(subcommand)]
        command: PartyMembersCommand,
    },
    /// 检查数据库完整性
    Check,
    /// 识别表格文件：格式、编码、工作表、表头行、列、数据行数
    Inspect {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 导入表格到台账（目前只支持 --dry-run：逐行检查，不写入）
    Import {
        /// 台账：party-members
        register: String,
        file: PathBuf,
        /// 只检查、不写入
        #[arg(long)]
        dry_run: bool,
        /// 只读取这个工作表
        #[arg(long)]
        sheet: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PartyMembersCommand {
    /// 列出党员（姓名片段、拼音首字母、全拼、身份证号或电话尾号检索）
    List {
        #[arg(long, default_value = "")]
        search: String,
        /// 只列出前 N 条
        #[arg(long)]
        limit: Option<u32>,
        /// 输出 JSON 数组
        #[arg(long)]
        json: bool,
        /// 显示完整身份证号和电话（记入操作日志）
        #[arg(long)]
        unmasked: bool,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TAIZHANG_LOG")
                // The clerk reads the one Chinese line on stderr; details on request.
                .unwrap_or_else(|_| "off".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            ExitCode::FAILURE
        }
    }
}

fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

fn run(cli: Cli) -> Result<ExitCode, AppError> {
    if let Command::Inspect { file, json } = &cli.command {
        let found = import::inspect(file)?;
        if *json {
            print_json(&found);
        } else {
            print_inspection(&found);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let path = paths::database(cli.db);
    let ctx = Ctx::now();
    let mut db = setup::open(&path)?;
    match cli.command {
        Command::Inspect { .. } => {}
        Command::Import {
            register,
            file,
            dry_run,
            sheet,
            json,
        } => {
            let register = import::Register::from_cli_name(&register)?;
            if !dry_run {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    "写入台账的导入尚未提供；请加 --dry-run 先逐行检查文件",
                ));
            }
            let report = import::dry_run(&db, register, &file, sheet)?;
            if json {
                print_json(&report);
            } else {
                print_report(&report);
            }
        }
        Command::Init { demo } => {
            if demo {
                let n = setup::load_demo(&mut db, &ctx)?;
                println!(
                    "已载入演示数据：{}，{n} 名党员。数据库：{}",
                    taizhang_app::demo::OFFICE,
                    path.display()
                );
            } else {
                println!("数据库已就绪：{}", path.display());
            }
        }
        Command::PartyMembers {
            command:
                PartyMembersCommand::List {
                    search,
                    limit,
                    json,
                    unmasked,
                },
        } => list(&mut db, &ctx, search, limit, json, unmasked)?,
        Command::Check => {
            let problems = taizhang_app::db_check(&db)?;
            if !problems.is_empty() {
                for p in &problems {
                    eprintln!("问题：{p}");
                }
                eprintln!("错误：数据库检查发现 {} 个问题", problems.len());
                return Ok(ExitCode::from(2));
            }
            println!("数据库检查通过：{}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(
    db: &mut Db,
    ctx: &Ctx,
    search: String,
    limit: Option<u32>,
    json: bool,
    unmasked: bool,
) -> Result<(), AppError> {
    let mut rows = Vec::new();
    let mut query = party_member::PartyMemberQuery {
        search,
        page: 1,
        page_size: limit.unwrap_or(500).clamp(1, 500),
        ..Default::default()
    };
    loop {
        let page = if unmasked {
            party_member::list_unmasked(db, ctx, &query)?
        } else {
            party_member::list(db, ctx, &query)?
        };
        let done = page.items.is_empty() || (query.page * query.page_size) as i64 >= page.total;
        rows.extend(page.items);
        if done || limit.is_some_and(|l| rows.len() >= l as usize) {
            break;
        }
        query.page += 1;
    }
    if let Some(l) = limit {
        rows.truncate(l as usize);
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
        return Ok(());
    }
    println!(
        "{}\t{}\t年龄\t{}\t{}\t{}\t{}",
        label("name"),
        label("sex"),
        label("id_number"),
        label("branch_id"),
        label("category"),
        label("phone")
    );
    for r in &rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            r.sex,
            r.age.map(|a| a.to_string()).unwrap_or_default(),
            r.id_number,
            r.branch,
            r.category.label(),
            r.phone
        );
    }
    println!("共 {} 名", rows.len());
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

fn print_inspection(found: &import::Inspection) {
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

fn print_report(report: &taizhang_app::excel::check::ImportReport) {
    println!("格式：{}", report.format_label);
    print_sheets(&report.sheets);
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
    let r = report.rows;
    println!(
        "共 {} 行：无误 {}，有提醒 {}，有错误 {}（仅检查，未写入）",
        r.total, r.ok, r.warning, r.error
    );
}

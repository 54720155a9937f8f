//! `taizhang`: the same use cases as the desktop app, from a terminal, for scripting and tests.
//! Errors go to stderr in Chinese with a non-zero exit code.

mod archive;
mod backup;
mod dict;
mod exports;
mod failure;
mod grid;
mod imports;
mod lists;
mod org;
mod points;
mod printing;
mod secret;
mod serve;
mod users;

use std::{path::PathBuf, process::ExitCode};

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use taizhang_app::{encryption, paths, setup, todo, AppError, Ctx};

#[derive(Parser)]
#[command(
    name = "taizhang",
    version,
    about = "台账：街道台账管理（命令行）",
    after_help = "加密的数据库：密码从环境变量 TAIZHANG_DB_PASSWORD 读取，没有时在终端中提示输入（不回显）；不在命令行中给出，以免被其他用户看到。"
)]
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
        command: lists::PartyMembersCommand,
    },
    /// 组织架构：街道、社区/村、网格，党工委、党委、党总支、党支部、党小组
    Org {
        #[command(subcommand)]
        command: org::OrgCommand,
    },
    /// 字典：结构类型、隐患类型、民族、学历、人才类别、政治面貌、关爱类别、诉求类别（可新增）
    Dict {
        #[command(subcommand)]
        command: dict::DictCommand,
    },
    /// 检查数据库完整性
    Check,
    /// 识别表格文件：格式、编码、工作表、表头行、列、数据行数
    Inspect {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 导入表格到台账：逐行检查、对比差异，写入选中的类别（一个导入批次，可整体撤销）
    Import(imports::ImportArgs),
    /// 生成台账的导入模板（标准表头、下拉选项、填表说明、示例行）
    Template(exports::TemplateArgs),
    /// 导出台账到 Excel（默认隐去身份证号和电话的中间部分）
    Export(exports::ExportArgs),
    /// 会议记录
    Meetings {
        #[command(subcommand)]
        command: lists::MeetingsCommand,
    },
    /// 自建房安全排查整治：房屋、排查结论、整治进度
    Houses {
        #[command(subcommand)]
        command: lists::HousesCommand,
    },
    /// 积分超市：余额、流水、服务积分、兑换
    Points {
        #[command(subcommand)]
        command: points::PointsCommand,
    },
    /// 积分超市商品与库存
    Goods {
        #[command(subcommand)]
        command: points::GoodsCommand,
    },
    /// 打印成 PDF：会议记录、签到表、说事议事公示、党员花名册、党员信息卡
    Print {
        #[command(subcommand)]
        command: printing::PrintCommand,
    },
    /// 导入历史
    Imports {
        #[command(subcommand)]
        command: imports::ImportsCommand,
    },
    /// 人才库
    Talents {
        #[command(subcommand)]
        command: lists::TalentsCommand,
    },
    /// 网格化管理：住户、网格员、应走访、民情日志、诉求
    Grid {
        #[command(subcommand)]
        command: grid::GridCommand,
    },
    /// 一人一档：一个人在各台账中的全部记录
    Person {
        #[command(subcommand)]
        command: lists::PersonCommand,
    },
    /// 待办：预备党员转正、三会一课、议事任务、隐患整治、商品库存、流动党员联系、关爱走访、诉求督办（与首页相同）
    Todo {
        /// 按这一天计算，如 2026-11-23（默认今天）
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 档案包：导出整个街道或部分台账，在另一台电脑上核对后导入（合并或替换）
    Archive {
        #[command(subcommand)]
        command: archive::ArchiveCommand,
    },
    /// 立即备份数据库：到 OUT，或到备份文件夹（自动轮换）
    Backup { out: Option<PathBuf> },
    /// 备份列表与设置（位置、加密）
    Backups {
        #[command(subcommand)]
        command: backup::BackupsCommand,
    },
    /// 从备份恢复：先显示备份中的内容，恢复前自动备份当前数据
    Restore {
        file: PathBuf,
        /// 备份需要另一个密码时（另一台电脑的加密备份，或备份后改过数据库密码）：在终端中输入，或取自环境变量 TAIZHANG_BACKUP_PASSWORD
        #[arg(long)]
        password: bool,
        /// 只显示备份中的内容，不恢复
        #[arg(long)]
        dry_run: bool,
        /// 确认恢复另一个单位的备份，或记录比当前少一半以上的备份（先不加此项查看提示）
        #[arg(long)]
        confirm: bool,
        #[arg(long)]
        json: bool,
    },
    /// 共享模式：本单位其他电脑用浏览器使用本机的台账（HTTPS）；--local 只供本机浏览器使用
    Serve(serve::ServeArgs),
    /// 用户：登录台账的人和他们的角色（管理员、录入员、查看）
    Users {
        #[command(subcommand)]
        command: users::UsersCommand,
    },
    /// 数据库加密：设置、更改或取消数据库密码（加密后打开台账须输入密码，忘记密码数据无法找回）
    #[command(name = "db-password")]
    DbPassword {
        #[command(subcommand)]
        command: DbPasswordCommand,
    },
}

#[derive(Subcommand)]
enum DbPasswordCommand {
    /// 查看数据库是否加密
    Status,
    /// 用新密码加密数据库（已加密时为更改密码）。新密码在终端中输入两次，或取自环境变量 TAIZHANG_NEW_DB_PASSWORD
    Set,
    /// 取消加密，数据文件恢复为不加密
    Off,
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
    failure::explain_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return failure::usage_error(e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            ExitCode::FAILURE
        }
    }
}

/// A day given as `--NAME YYYY-MM-DD`.
fn day(name: &str, text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::field(
            name,
            format!(
                "--{} 应写作 2026-12-31 这样的日期，而不是“{text}”",
                name.replace('_', "-")
            ),
        )
    })
}

/// Prints `value` as JSON when `--json` was given, else as `text` prints it for a person.
fn show<T: serde::Serialize>(json: bool, value: &T, text: impl FnOnce(&T)) {
    if json {
        print_json(value);
    } else {
        text(value);
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
        imports::inspect(file, *json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = paths::database(cli.db);
    let ctx = Ctx::now();
    // The password of an encrypted file: from the environment, else asked for.
    let key = match std::env::var(secret::DB_PASSWORD) {
        Ok(key) => Some(key),
        Err(_) if taizhang_app::db::encryption::is_keyed(&path) => {
            Some(secret::read(secret::DB_PASSWORD, "数据库密码")?)
        }
        Err(_) => None,
    };
    if let Command::Serve(args) = cli.command {
        serve::run(&path, key.as_deref(), args)?;
        return Ok(ExitCode::SUCCESS);
    }
    if matches!(cli.command, Command::Check) && path.exists() {
        // A file too damaged to open as a register is still examined, read-only.
        let damage = taizhang_app::db::check::damage(&path, key.as_deref());
        if !damage.is_empty() {
            for p in &damage {
                eprintln!("问题：{p}");
            }
            eprintln!(
                "错误：数据库文件已损坏（{} 处）；请在“系统设置 → 备份与恢复”中从最近的备份恢复",
                damage.len()
            );
            return Ok(ExitCode::from(2));
        }
    }
    let mut db = setup::open(&path, key.as_deref())?;
    match cli.command {
        Command::Inspect { .. } | Command::Serve(_) => {}
        Command::Users { command } => users::run(&mut db, &ctx, command)?,
        Command::Import(args) => imports::import(&mut db, &ctx, args)?,
        Command::Template(args) => exports::template(&db, &ctx, args)?,
        Command::Export(args) => exports::export(&mut db, &ctx, args)?,
        Command::Imports { command } => imports::run(&mut db, &ctx, command)?,
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
        Command::PartyMembers { command } => lists::party_members(&mut db, &ctx, command)?,
        Command::Houses { command } => lists::houses(&db, &ctx, command)?,
        Command::Meetings { command } => lists::meetings(&db, &ctx, command)?,
        Command::Points { command } => points::run(&mut db, &ctx, command)?,
        Command::Goods { command } => points::goods(&db, command)?,
        Command::Print { command } => printing::run(&mut db, &ctx, command)?,
        Command::Talents { command } => lists::talents(&db, &ctx, command)?,
        Command::Grid { command } => grid::grid(&mut db, &ctx, command)?,
        Command::Person { command } => lists::person(&db, &ctx, command)?,
        Command::Archive { command } => archive::run(&mut db, &ctx, command)?,
        Command::Org { command } => org::run(&mut db, &ctx, command)?,
        Command::Dict { command } => dict::run(&mut db, &ctx, command)?,
        Command::DbPassword { command } => {
            let current = key.as_deref().unwrap_or("");
            match command {
                DbPasswordCommand::Status => {}
                DbPasswordCommand::Set => {
                    let new = secret::new(secret::NEW_DB_PASSWORD, "新的数据库密码")?;
                    encryption::set_password(&mut db, &ctx, current, Some(&new))?
                }
                DbPasswordCommand::Off => encryption::set_password(&mut db, &ctx, current, None)?,
            }
            println!(
                "{}：{}",
                path.display(),
                if encryption::status(&db).encrypted {
                    "已加密（打开时须输入数据库密码）"
                } else {
                    "未加密"
                }
            );
        }
        Command::Backup { out } => backup::take(&db, out)?,
        Command::Backups { command } => backup::backups(&mut db, &ctx, command)?,
        Command::Restore {
            file,
            password,
            dry_run,
            confirm,
            json,
        } => backup::restore(&mut db, &ctx, &file, password, (dry_run, confirm), json)?,
        Command::Todo { today, json } => {
            let ctx = match today {
                Some(text) => Ctx {
                    today: day("today", &text)?,
                    ..ctx
                },
                None => ctx,
            };
            let items = todo::todo(&db, &ctx)?;
            show(json, &items, |items| {
                for i in items {
                    println!(
                        "{}\t{}{}\t{}",
                        i.kind.label(),
                        if i.overdue { "【逾期】" } else { "" },
                        i.title,
                        i.detail
                    );
                }
                println!("{} 共 {} 项待办", ctx.today, items.len());
            });
        }
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

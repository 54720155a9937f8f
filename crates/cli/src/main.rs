//! `taizhang`: the same use cases as the desktop app, from a terminal, for scripting and tests.
//! Errors go to stderr in Chinese with a non-zero exit code.

mod archive;
mod backup;
mod dict;
mod imports;
mod org;
mod points;
mod secret;

use std::{path::PathBuf, process::ExitCode};

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use taizhang_app::core::party_member::label;
use taizhang_app::{
    encryption, export, import, meeting, party_member, paths, person, print, setup, talent, todo,
    AppError, Ctx, Db,
};

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
        command: PartyMembersCommand,
    },
    /// 组织架构：街道、社区/村、网格，党工委、党委、党总支、党支部、党小组
    Org {
        #[command(subcommand)]
        command: org::OrgCommand,
    },
    /// 字典：结构类型、隐患类型、民族、学历、人才类别、政治面貌（可新增）
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
    Template {
        /// 台账：party-members、volunteers、service-records、houses、talents
        register: String,
        out: PathBuf,
    },
    /// 导出台账到 Excel（默认隐去身份证号和电话的中间部分）
    Export {
        /// 台账：party-members、volunteers、service-records、houses、talents
        register: String,
        out: PathBuf,
        /// 只导出检索到的记录
        #[arg(long, default_value = "")]
        search: String,
        /// 导出完整身份证号和电话，并写明原因（记入访问记录），如 --unmasked 上级核对
        #[arg(long, value_name = "REASON")]
        unmasked: Option<String>,
        /// 填入上级发来的模板（.xlsx）：保留其标题、表头、合并单元格和样式，数据写在表头下方
        #[arg(long, value_name = "TEMPLATE.xlsx")]
        into: Option<PathBuf>,
        /// 年龄、党龄按这一天计算，如 2026-12-31（默认今天）
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
    },
    /// 会议记录
    Meetings {
        #[command(subcommand)]
        command: MeetingsCommand,
    },
    /// 自建房安全排查整治：房屋、排查结论、整治进度
    Houses {
        #[command(subcommand)]
        command: HousesCommand,
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
        command: PrintCommand,
    },
    /// 导入历史
    Imports {
        #[command(subcommand)]
        command: imports::ImportsCommand,
    },
    /// 人才库
    Talents {
        #[command(subcommand)]
        command: TalentsCommand,
    },
    /// 一人一档：一个人在各台账中的全部记录
    Person {
        #[command(subcommand)]
        command: PersonCommand,
    },
    /// 待办：预备党员转正、三会一课、议事任务、隐患整治、商品库存、流动党员联系（与首页相同）
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

#[derive(Subcommand)]
enum TalentsCommand {
    /// 列出人才（按类别、特长技能、姓名或拼音查找）
    List {
        /// 人才类别，如 退役军人
        #[arg(long)]
        category: Option<String>,
        /// 特长技能（包含即可），如 电商
        #[arg(long)]
        skill: Option<String>,
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PersonCommand {
    /// 按公民身份号码显示一个人的全部记录：党员、积分、人才、房屋、会议、操作日志
    Show {
        id_number: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum HousesCommand {
    /// 列出房屋（按地址）：结构、层数、最近排查结论、未完成与逾期的整治
    List {
        /// 只列出有逾期整治的房屋
        #[arg(long)]
        overdue: bool,
        /// 按地址或产权人（拼音首字母亦可）查找
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long)]
        json: bool,
        /// 只列出待补录的房屋（导入时表中没有产权人或结构类型列）
        #[arg(long)]
        incomplete: bool,
    },
}

#[derive(Subcommand)]
enum MeetingsCommand {
    /// 列出会议（最新在前）：类型、时间、应到/实到、未办结任务
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PrintCommand {
    /// 会议记录（公文格式，末尾主持人、记录人签字）
    Minutes { meeting_id: i64, out: PathBuf },
    /// 签到表（会前打印，按应到人员）
    Signin { meeting_id: i64, out: PathBuf },
    /// 说事议事结果公示
    Notice { meeting_id: i64, out: PathBuf },
    /// 党员花名册（横向表格，每页重复表头）
    Roster {
        out: PathBuf,
        #[arg(long, default_value = "")]
        search: String,
    },
    /// 党员信息卡（一人一页）
    Member { id_number: String, out: PathBuf },
    /// 积分存折（账户编号或志愿者编号）
    Passbook { account: String, out: PathBuf },
    /// 出具志愿服务记录证明（编号按年连续）并打印
    Certificate {
        account: String,
        out: PathBuf,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// 出具单位，如 东关社区居民委员会
        #[arg(long)]
        issuer: String,
    },
    /// 月度积分公示和光荣榜，如 2026-11
    PointsNotice { month: String, out: PathBuf },
    /// 一户一档：房屋基本情况、排查与整治记录、人员撤离（房屋编号见 houses list）
    HouseArchive { house_id: i64, out: PathBuf },
    /// 房屋安全隐患整治告知单（公文格式），致产权人
    RectificationNotice { house_id: i64, out: PathBuf },
    /// 一人一档：一个人在各台账中的全部记录（按公民身份号码）
    Person { id_number: String, out: PathBuf },
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
        /// 显示完整身份证号和电话，并写明原因（记入访问记录），如 --unmasked 核对身份
        #[arg(long, value_name = "REASON")]
        unmasked: Option<String>,
        /// 只列出待补录的党员（导入时表中缺少必填列，如转正日期、民族）
        #[arg(long)]
        incomplete: bool,
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
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if let Some(why) = what.strip_prefix("failed printing to stdout: ") {
            // `taizhang … | head`: the reader has gone, which is no error of ours.
            if why.contains("os error 32") {
                std::process::exit(141);
            }
            eprintln!("错误：无法输出结果（{why}）；若输出到文件，请检查磁盘空间");
            std::process::exit(1);
        }
        eprintln!("错误：程序内部错误（{what}），请把这句话告诉技术支持；未完成的操作没有写入台账");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            ExitCode::FAILURE
        }
    }
}

/// What clap found wrong with the command line, in Chinese (help and version print as usual).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let said = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::InvalidUtf8 => "命令行中有无法识别的文字（不是 UTF-8 编码）".to_owned(),
        ErrorKind::UnknownArgument => {
            format!("不认识的参数“{}”", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令“{}”", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "缺少要执行的命令".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "参数 {} 的值“{}”无效",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict => format!(
            "参数 {} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {} 的值个数不对", context(ContextKind::InvalidArg))
        }
        _ => "命令行参数有误".to_owned(),
    };
    eprintln!("错误：{said}；用 taizhang --help 查看用法");
    ExitCode::from(2)
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
        Command::Inspect { .. } => {}
        Command::Import(args) => imports::import(&mut db, &ctx, args)?,
        Command::Template { register, out } => {
            let register = import::Register::from_cli_name(&register)?;
            export::import_template(&db, &ctx, register, &out)?;
            println!("已生成导入模板：{}", out.display());
        }
        Command::Export {
            register,
            out,
            search,
            unmasked,
            into,
            as_of,
        } => {
            let register = import::Register::from_cli_name(&register)?;
            let as_of = as_of
                .map(|d| {
                    NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                        AppError::field("as_of", format!("--as-of 应写作 2026-12-31，而不是“{d}”"))
                    })
                })
                .transpose()?;
            let request = export::Request {
                search: &search,
                unmasked: unmasked.as_deref(),
                template: into.as_deref(),
                as_of,
            };
            let done = export::export(&mut db, &ctx, register, &out, request)?;
            println!(
                "已导出 {} 条到 {}{}",
                done.rows,
                done.path,
                if done.masked {
                    "（身份证号、电话、住址已隐去部分；需要完整信息请加 --unmasked 原因）"
                } else {
                    ""
                }
            );
            if let Some(sheet) = &done.sheet {
                println!("已填入模板的工作表“{sheet}”");
            }
            if !done.unknown_columns.is_empty() {
                println!(
                    "模板中这些列台账没有对应字段，留空：{}",
                    done.unknown_columns.join("、")
                );
            }
        }
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
        Command::PartyMembers {
            command:
                PartyMembersCommand::List {
                    search,
                    limit,
                    json,
                    unmasked,
                    incomplete,
                },
        } => {
            let query = party_member::PartyMemberQuery {
                search,
                incomplete,
                ..Default::default()
            };
            list(&mut db, &ctx, query, limit, json, unmasked)?
        }
        Command::Houses {
            command:
                HousesCommand::List {
                    overdue,
                    search,
                    json,
                    incomplete,
                },
        } => {
            let q = taizhang_app::house::HouseQuery {
                search,
                overdue_only: overdue,
                incomplete,
                ..Default::default()
            };
            let rows = taizhang_app::house::houses(&db, &ctx, &q)?;
            if json {
                print_json(&rows);
            } else {
                for h in &rows {
                    let state = match (&h.conclusion, &h.inspected_on) {
                        (Some(c), Some(on)) => format!("{}（{on} 排查）", c.label()),
                        _ => "未排查".to_owned(),
                    };
                    let late = if h.overdue > 0 {
                        format!("，逾期 {}", h.overdue)
                    } else {
                        String::new()
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t未完成整治 {}{late}",
                        h.id,
                        h.community,
                        h.input.address,
                        h.input.owner,
                        h.input.structure,
                        state,
                        h.open
                    );
                }
                println!("共 {} 处", rows.len());
            }
        }
        Command::Meetings {
            command: MeetingsCommand::List { json },
        } => {
            let rows = meeting::list(&db, &ctx, &Default::default())?;
            if json {
                print_json(&rows);
            } else {
                for r in &rows {
                    let quorum = if r.quorum.reached {
                        ""
                    } else {
                        "（未过半数）"
                    };
                    let overdue = if r.overdue_tasks > 0 {
                        format!("，其中逾期 {}", r.overdue_tasks)
                    } else {
                        String::new()
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t应到 {} 实到 {}{quorum}\t未办结任务 {}{overdue}",
                        r.id,
                        r.held_at,
                        r.kind.label(),
                        r.title,
                        r.quorum.expected,
                        r.quorum.present,
                        r.open_tasks
                    );
                }
                println!("共 {} 次会议", rows.len());
            }
        }
        Command::Points { command } => points::run(&mut db, &ctx, command)?,
        Command::Goods { command } => points::goods(&db, command)?,
        Command::Print { command } => {
            let (printed, out) = match command {
                PrintCommand::Minutes { meeting_id, out } => {
                    (print::minutes(&db, meeting_id)?, out)
                }
                PrintCommand::Signin { meeting_id, out } => (print::signin(&db, meeting_id)?, out),
                PrintCommand::Notice { meeting_id, out } => (print::notice(&db, meeting_id)?, out),
                PrintCommand::Roster { out, search } => {
                    let q = party_member::PartyMemberQuery {
                        search,
                        ..Default::default()
                    };
                    (print::roster(&db, &ctx, &q)?, out)
                }
                PrintCommand::Passbook { account, out } => (
                    print::passbook(&db, points::account_id(&db, &account)?)?,
                    out,
                ),
                PrintCommand::Certificate {
                    account,
                    out,
                    from,
                    to,
                    issuer,
                } => {
                    let account = points::account_id(&db, &account)?;
                    let number = taizhang_app::points::issue_certificate(
                        &mut db, &ctx, account, &from, &to, &issuer,
                    )?;
                    (print::certificate(&db, &number)?, out)
                }
                PrintCommand::PointsNotice { month, out } => {
                    (print::points_notice(&db, &month)?, out)
                }
                PrintCommand::Member { id_number, out } => {
                    (print::member_with_id_number(&db, &ctx, &id_number)?, out)
                }
                PrintCommand::HouseArchive { house_id, out } => {
                    (print::house_archive(&db, &ctx, house_id)?, out)
                }
                PrintCommand::RectificationNotice { house_id, out } => {
                    (print::rectification_notice(&db, &ctx, house_id)?, out)
                }
                PrintCommand::Person { id_number, out } => {
                    (print::person_with_id_number(&db, &ctx, &id_number)?, out)
                }
            };
            print::save(&printed, &out)?;
            println!(
                "已生成 {}：{} 页，{}",
                printed.title,
                printed.pages,
                out.display()
            );
        }
        Command::Talents {
            command:
                TalentsCommand::List {
                    category,
                    skill,
                    search,
                    json,
                },
        } => {
            let rows = talent::list(
                &db,
                &talent::TalentQuery {
                    search,
                    category,
                    skill,
                    community_id: None,
                },
            )?;
            if json {
                print_json(&rows);
            } else {
                for t in &rows {
                    println!(
                        "{}\t{}\t{}\t{}\t类别：{}\t特长：{}\t{}",
                        t.id,
                        t.input.name,
                        t.input.id_number,
                        t.community,
                        t.input.categories.join("、"),
                        t.input.skills.join("、"),
                        t.input.work_place
                    );
                }
                println!("共 {} 人", rows.len());
            }
        }
        Command::Person {
            command: PersonCommand::Show { id_number, json },
        } => {
            let id = print::person_by_id_number(&db, &id_number)?;
            let file = person::file(&db, &ctx, id)?;
            if json {
                print_json(&file);
            } else {
                print_person(&file);
            }
        }
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
                Some(day) => Ctx {
                    today: NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
                        AppError::field("today", format!("日期“{day}”应写成 2026-11-23"))
                    })?,
                    ..ctx
                },
                None => ctx,
            };
            let items = todo::todo(&db, &ctx)?;
            if json {
                print_json(&items);
            } else {
                for i in &items {
                    println!(
                        "{}\t{}{}\t{}",
                        i.kind.label(),
                        if i.overdue { "【逾期】" } else { "" },
                        i.title,
                        i.detail
                    );
                }
                println!("{} 共 {} 项待办", ctx.today, items.len());
            }
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

fn list(
    db: &mut Db,
    ctx: &Ctx,
    query: party_member::PartyMemberQuery,
    limit: Option<u32>,
    json: bool,
    unmasked: Option<String>,
) -> Result<(), AppError> {
    let mut rows = Vec::new();
    let mut query = party_member::PartyMemberQuery {
        page: 1,
        page_size: limit.unwrap_or(500).clamp(1, 500),
        ..query
    };
    loop {
        let page = if let Some(reason) = &unmasked {
            party_member::list_unmasked(db, ctx, &query, reason)?
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
        print_json(&rows);
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

fn print_person(f: &person::PersonFile) {
    println!(
        "{}\t{}\t{}\t{}\t{}",
        f.name, f.sex, f.id_number, f.phone, f.address
    );
    match &f.membership {
        Some(m) => println!(
            "党员：{}，{}，{}，入党 {}",
            m.branch,
            m.input.category.label(),
            m.input.status.label(),
            m.input.joined_on.as_deref().unwrap_or("—")
        ),
        None => println!("党员：否"),
    }
    match &f.account {
        Some(a) => println!("积分：余额 {} 分（账户 {}）", a.balance, a.id),
        None => println!("积分：无账户"),
    }
    if let Some(t) = &f.talent {
        println!(
            "人才：{}；特长 {}",
            t.input.categories.join("、"),
            t.input.skills.join("、")
        );
    }
    for h in &f.houses {
        println!(
            "房屋：{}（{}，未完成整治 {}，逾期 {}）",
            h.input.address,
            h.conclusion.map_or("未排查", |c| c.label()),
            h.open,
            h.overdue
        );
    }
    println!(
        "会议：{} 次（出席 {} 次）",
        f.meetings.len(),
        f.meetings.iter().filter(|m| m.present).count()
    );
    for e in f.audit.iter().take(10) {
        println!("日志：{}\t{}\t{}\t{}", e.at, e.actor, e.action, e.summary);
    }
}

//! `taizhang archive export|import`.

use std::path::PathBuf;

use clap::Subcommand;
use taizhang_app::{
    archive::{self, ArchiveImport, Mode, Travel},
    core::progress::Quiet,
    registers::Register,
    AppError, Ctx, Db,
};

use crate::{secret, show};

#[derive(Subcommand)]
pub enum ArchiveCommand {
    /// 导出档案包（.zip）：清单、各台账 Excel（完整身份证号）、一人一档/一户一档/会议记录 PDF、附件、数据库快照
    Export {
        out: PathBuf,
        /// 只导出这些台账（逗号分隔，如 party-members,houses）；默认整个街道（含数据库快照）
        #[arg(long, value_delimiter = ',')]
        registers: Vec<String>,
        /// 用密码加密档案（密码取自环境变量 TAIZHANG_ARCHIVE_PASSWORD，或在终端中输入两次）；台账已加密时必须加密，除非加 --plain
        #[arg(long, conflicts_with = "plain")]
        seal: bool,
        /// 明确不加密（档案中的完整身份证号等信息将以明文保存）
        #[arg(long)]
        plain: bool,
        #[arg(long)]
        json: bool,
    },
    /// 导入档案包：先核对清单；--replace 用档案替换整个数据库，--merge 按身份证号合并各台账
    Import {
        file: PathBuf,
        #[arg(long, conflicts_with = "replace")]
        merge: bool,
        #[arg(long)]
        replace: bool,
        /// 只核对、预览，不写入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(db: &mut Db, ctx: &Ctx, command: ArchiveCommand) -> Result<(), AppError> {
    match command {
        ArchiveCommand::Export {
            out,
            registers,
            seal,
            plain,
            json,
        } => {
            let registers = registers
                .iter()
                .map(|r| Register::from_cli_name(r.trim()))
                .collect::<Result<Vec<_>, _>>()?;
            let travel = match (seal, plain) {
                (true, _) => Some(Travel::Sealed(secret::new(
                    secret::ARCHIVE_PASSWORD,
                    "档案密码",
                )?)),
                (_, true) => Some(Travel::Plain),
                _ => None,
            };
            let done = archive::export(db, ctx, &out, &registers, travel, &Quiet)?;
            show(json, &done, |done| {
                println!(
                    "已导出档案：{}（{:.1} MB，{} 个文件；{}）",
                    done.path,
                    done.size as f64 / 1_048_576.0,
                    done.manifest.files.len(),
                    done.manifest.registers.join("、")
                );
            });
        }
        ArchiveCommand::Import {
            file,
            merge,
            replace,
            dry_run,
            json,
        } => {
            let mode = match (merge, replace) {
                (_, true) => Mode::Replace,
                (true, _) => Mode::Merge,
                _ if dry_run => Mode::Merge,
                _ => {
                    return Err(AppError::field(
                        "mode",
                        "请指定 --merge（合并到当前台账）或 --replace（替换整个数据库）",
                    ))
                }
            };
            // A sealed archive's password: from the environment, else typed.
            let password = if archive::is_sealed(&file) {
                Some(secret::read(secret::ARCHIVE_PASSWORD, "档案密码")?)
            } else {
                None
            };
            let done = archive::import(db, ctx, &file, mode, dry_run, password, &Quiet)?;
            show(json, &done, print_import);
        }
    }
    Ok(())
}

fn print_import(a: &ArchiveImport) {
    let m = &a.manifest;
    println!(
        "档案：{}，{} 由 {} 生成，{} 个文件，清单核对无误",
        m.office_name,
        m.created_at,
        m.created_by,
        m.files.len()
    );
    let counts = |s: &taizhang_app::db::backup::Summary| {
        s.counts
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join("，")
    };
    for r in &a.merged {
        let p = &r.outcome.preview;
        println!(
            "{}：新增 {}，修改 {}，未变 {}，冲突 {}，错误 {}",
            r.title, p.new, p.changed, p.unchanged, p.conflicts, p.report.rows.error
        );
        for d in p.diffs.iter().filter(|d| {
            matches!(
                d.kind,
                taizhang_app::import::RowKind::Conflict | taizhang_app::import::RowKind::Error
            )
        }) {
            println!("  {} {} {}：{}", d.kind.label(), d.name, d.key, d.reason);
        }
    }
    println!("当前：{}", counts(&a.current));
    println!(
        "{}：{}",
        if a.dry_run {
            "导入后将为"
        } else {
            "导入后"
        },
        counts(&a.after)
    );
    if a.dry_run {
        println!("（只核对、预览，未写入）");
    } else {
        println!("已导入；导入前的数据已另存为一份备份（taizhang backups list）");
    }
}

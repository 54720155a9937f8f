//! `taizhang backup`, `taizhang backups …`, `taizhang restore`.

use std::path::PathBuf;

use clap::Subcommand;
use taizhang_app::{
    backup::{self, BackupFile, BackupPreview},
    core::backup::Reason,
    registers, AppError, Ctx, Db,
};

use crate::{secret, show};

#[derive(Subcommand)]
pub enum BackupsCommand {
    /// 列出备份（最新的在前）
    List {
        #[arg(long)]
        json: bool,
    },
    /// 查看或修改备份位置与加密
    Settings {
        /// 备份保存到这个文件夹（如U盘）；空字符串表示数据库旁的“备份”文件夹
        #[arg(long)]
        folder: Option<String>,
        /// 此后的备份用密码加密：在终端中输入两次，或取自环境变量 TAIZHANG_BACKUP_PASSWORD（至少 6 位）
        #[arg(long, conflicts_with = "no_password")]
        password: bool,
        /// 此后的备份不再加密
        #[arg(long)]
        no_password: bool,
    },
}

fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn print_file(b: &BackupFile) {
    println!(
        "{}\t{}\t{}\t{}{}",
        b.at,
        b.reason.label(),
        size(b.size),
        b.path,
        if b.encrypted { "\t已加密" } else { "" }
    );
}

/// `taizhang backup [OUT]`: into OUT, or into the backup folder (rotated).
pub fn take(db: &Db, out: Option<PathBuf>) -> Result<(), AppError> {
    let file = match out {
        Some(out) => backup::take_to(db, &out)?,
        None => backup::take(db, Reason::Manual)?
            .ok_or_else(|| AppError::conflict("内存数据库没有备份"))?,
    };
    println!(
        "已备份：{}（{}{}）",
        file.path,
        size(file.size),
        if file.encrypted { "，已加密" } else { "" }
    );
    Ok(())
}

pub fn backups(db: &mut Db, ctx: &Ctx, command: BackupsCommand) -> Result<(), AppError> {
    match command {
        BackupsCommand::List { json } => {
            let list = backup::list(db)?;
            show(json, &list, |list| {
                list.iter().for_each(print_file);
                println!("共 {} 份备份", list.len());
            });
        }
        BackupsCommand::Settings {
            folder,
            password,
            no_password,
        } => {
            if let Some(folder) = folder {
                backup::set_folder(db, ctx, &folder)?;
            }
            if password {
                let p = secret::new(secret::BACKUP_PASSWORD, "备份密码")?;
                backup::set_password(db, ctx, Some(&p))?;
            } else if no_password {
                backup::set_password(db, ctx, None)?;
            }
            let s = backup::settings(db)?;
            println!(
                "备份位置：{}\n加密：{}",
                s.folder,
                if s.encrypted { "是" } else { "否" }
            );
        }
    }
    Ok(())
}

fn print_preview(p: &BackupPreview) {
    let counts = |s: &taizhang_app::db::backup::Summary| {
        s.counts
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join("，")
    };
    println!(
        "备份：{}（{}，{}）",
        p.file.file_name,
        p.file.at,
        p.file.reason.label()
    );
    println!(
        "备份中：{}；{}；最后修改 {}",
        p.backup.office_name,
        counts(&p.backup),
        p.backup.last_change.as_deref().unwrap_or("—")
    );
    println!(
        "当前：{}；{}；最后修改 {}",
        p.current.office_name,
        counts(&p.current),
        p.current.last_change.as_deref().unwrap_or("—")
    );
}

/// `taizhang restore FILE [--dry-run]`: shows what the backup holds, then (unless a dry run)
/// backs up the current state and restores. `password`: the clerk said the backup needs one
/// other than this PC's backup password (asked for, or `TAIZHANG_BACKUP_PASSWORD`).
pub fn restore(
    db: &mut Db,
    ctx: &Ctx,
    file: &std::path::Path,
    password: bool,
    (dry_run, confirm): (bool, bool),
    json: bool,
) -> Result<(), AppError> {
    let password = if password {
        Some(secret::read(secret::BACKUP_PASSWORD, "备份密码")?)
    } else {
        std::env::var(secret::BACKUP_PASSWORD).ok()
    };
    let preview = if dry_run {
        backup::preview(db, file, password, &registers::counted())?
    } else {
        backup::restore(db, ctx, file, (password, confirm), &registers::counted()).map_err(|e| {
            match e.code {
                taizhang_app::ErrorCode::Conflict => AppError::conflict(format!(
                    "{}；确认无误请加 --confirm 再运行",
                    e.message.trim_end_matches("。请核对后确认再恢复")
                )),
                _ => e,
            }
        })?
    };
    show(json, &preview, |preview| {
        print_preview(preview);
        println!(
            "{}",
            if dry_run {
                "（只查看，未恢复）"
            } else {
                "已恢复；恢复前的数据已另存为一份备份（taizhang backups list）"
            }
        );
    });
    Ok(())
}

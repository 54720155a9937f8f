//! Reading an archive back. The manifest is verified first — every file present, of its size and
//! SHA-256, nothing added — so a tampered or truncated archive is refused naming the file that
//! fails. Then either **replace** (the database snapshot, after a backup of the current state) or
//! **merge**: every register's .xlsx through the import engine (new records added, changed ones
//! updated, records edited here after the archive was written kept and shown as conflicts), on a
//! copy of the database that replaces the live one in one step only when every register went in.

use std::{
    fs::File,
    io::Read,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use taizhang_core::{audit::AuditAction, backup::Reason, progress::Progress};
use taizhang_db::{
    backup::{summary, Summary},
    Db, SCHEMA_VERSION,
};
use ts_rs::TS;
use zip::ZipArchive;

use super::{hex, Manifest, DATABASE, ENTITY, FORMAT, MANIFEST};
use crate::{
    files,
    import::{Approval, Choice, ImportOptions, ImportOutcome, Register},
    AppError, Ctx, ErrorCode, Result,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The archive's database replaces this one.
    Replace,
    /// The archive's registers are imported into this one, by 身份证号 (or each register's key).
    Merge,
}

/// One register of a merge: what the import engine found and did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RegisterMerge {
    pub register: String,
    pub title: String,
    pub outcome: ImportOutcome,
}

/// What an archive import found, and (unless a dry run) did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArchiveImport {
    pub manifest: Manifest,
    pub mode: Mode,
    pub dry_run: bool,
    /// The database before.
    pub current: Summary,
    /// The database after (or as it would be).
    pub after: Summary,
    /// For a merge, each register's outcome.
    pub merged: Vec<RegisterMerge>,
}

fn bad(path: &Path, why: impl std::fmt::Display) -> AppError {
    AppError::new(
        ErrorCode::BadFile,
        format!("{}：{why}", files::file_name(path)),
    )
}

/// Checks the archive at `path` against its manifest; returns the manifest.
pub fn verify(path: &Path) -> Result<Manifest> {
    let work = workdir()?;
    unpack(path, work.path())
}

fn workdir() -> Result<tempfile::TempDir> {
    tempfile::tempdir()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法创建临时文件夹：{e}")))
}

/// Verifies the archive and unpacks its files under `work`.
fn unpack(path: &Path, work: &Path) -> Result<Manifest> {
    let file = File::open(path).map_err(|e| bad(path, format!("无法打开（{e}）")))?;
    let mut zip = ZipArchive::new(file).map_err(|_| {
        bad(
            path,
            "档案文件不完整或已损坏（可能没有复制完），请重新复制一份",
        )
    })?;
    let manifest: Manifest = {
        let mut entry = zip
            .by_name(MANIFEST)
            .map_err(|_| bad(path, "不是台账档案：缺少清单 manifest.json"))?;
        let mut text = Vec::new();
        entry
            .read_to_end(&mut text)
            .map_err(|_| bad(path, "清单 manifest.json 已损坏"))?;
        serde_json::from_slice(&text).map_err(|_| bad(path, "清单 manifest.json 无法解析"))?
    };
    if manifest.format != FORMAT {
        return Err(bad(path, "不是台账档案"));
    }
    if manifest.schema_version > SCHEMA_VERSION {
        return Err(AppError::new(
            ErrorCode::NewerDatabase,
            format!(
                "{}：档案由更新版本的台账（数据版本 {}）生成，请升级台账后再导入",
                files::file_name(path),
                manifest.schema_version
            ),
        ));
    }
    for listed in &manifest.files {
        let failed = |why: &str| bad(path, format!("档案中的文件“{}”{why}", listed.path));
        let mut entry = zip
            .by_name(&listed.path)
            .map_err(|_| failed("缺失，档案不完整"))?;
        let target = entry
            .enclosed_name()
            .map(|p| work.join(p))
            .ok_or_else(|| failed("的路径不安全"))?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::new(ErrorCode::Io, format!("无法解压档案：{e}")))?;
        }
        let mut bytes = Vec::with_capacity(listed.size as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|_| failed("已损坏，无法读出"))?;
        if bytes.len() as u64 != listed.size || hex(&Sha256::digest(&bytes)) != listed.sha256 {
            return Err(failed("与清单不符（已被改动或损坏），不能导入"));
        }
        std::fs::write(&target, &bytes)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("无法解压档案：{e}")))?;
    }
    let listed: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    for i in 0..zip.len() {
        let name = zip
            .by_index_raw(i)
            .ok()
            .and_then(|e| e.name().ok().map(|n| n.into_owned()))
            .ok_or_else(|| bad(path, "档案文件已损坏"))?;
        if name != MANIFEST && !name.ends_with('/') && !listed.contains(&name.as_str()) {
            return Err(bad(
                path,
                format!("档案中有清单之外的文件“{name}”（已被改动），不能导入"),
            ));
        }
    }
    Ok(manifest)
}

/// The registers a manifest names, in import order (a volunteer before their service).
fn registers(path: &Path, m: &Manifest) -> Result<Vec<Register>> {
    for name in &m.registers {
        if Register::from_cli_name(name).is_err() {
            return Err(bad(
                path,
                format!("档案中的台账“{name}”本版本不认识，请升级台账"),
            ));
        }
    }
    Ok(Register::ALL
        .into_iter()
        .filter(|r| m.registers.iter().any(|n| n == r.cli_name()))
        .collect())
}

/// The modification time a register file gets: when the archive was written, so a record edited
/// here since then counts as a conflict rather than being overwritten.
fn dated(file: &Path, created_at: &str) -> Result<()> {
    let Some(at) = chrono::NaiveDateTime::parse_from_str(created_at, "%Y-%m-%d %H:%M:%S")
        .ok()
        .and_then(|t| t.and_local_timezone(chrono::Local).single())
    else {
        return Ok(());
    };
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(at.timestamp().max(0) as u64);
    File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(when))
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法解压档案：{e}")))
}

/// `taizhang archive import IN.zip [--merge|--replace] [--dry-run]`.
pub fn import(
    db: &mut Db,
    ctx: &Ctx,
    path: &Path,
    mode: Mode,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<ArchiveImport> {
    if !dry_run {
        crate::user::may_configure(db, ctx)?;
    }
    if db.path().is_none() {
        return Err(AppError::conflict("内存数据库不能导入档案"));
    }
    let work = workdir()?;
    let manifest = unpack(path, work.path())?;
    let current = db.summary()?;
    // The snapshot in an archive is plain; a merge's working copy is keyed like this database.
    let (source, key, merged): (PathBuf, Option<String>, Vec<RegisterMerge>) = match mode {
        Mode::Replace => {
            let snapshot = work.path().join(DATABASE);
            if !manifest.whole_office || !snapshot.exists() {
                return Err(AppError::conflict(format!(
                    "{} 只含部分台账（{}），不能替换整个数据库；请选择“合并”",
                    files::file_name(path),
                    manifest.registers.join("、")
                )));
            }
            (snapshot, None, Vec::new())
        }
        Mode::Merge => {
            let copy = work.path().join("merge").join("taizhang.db");
            std::fs::create_dir_all(copy.parent().unwrap_or(work.path()))
                .map_err(|e| AppError::new(ErrorCode::Io, format!("无法创建临时文件夹：{e}")))?;
            db.snapshot(&copy)?;
            // The import engine backs up before each register; on the copy those backups stay
            // in the temporary folder, never in the office's own backup folder.
            crate::backup::forget_settings(&copy, db.key())?;
            let mut merged = Vec::new();
            {
                let mut temp = crate::setup::open(&copy, db.key())?;
                for r in registers(path, &manifest)? {
                    let file = work
                        .path()
                        .join("registers")
                        .join(format!("{}.xlsx", r.title()));
                    dated(&file, &manifest.created_at)?;
                    let outcome = crate::import::apply(
                        &mut temp,
                        ctx,
                        r,
                        &file,
                        &ImportOptions::default(),
                        Approval {
                            choice: Choice::default(),
                            expected_hash: None,
                        },
                        progress,
                    )?;
                    merged.push(RegisterMerge {
                        register: r.cli_name().to_owned(),
                        title: r.title().to_owned(),
                        outcome,
                    });
                }
            }
            (copy, db.key().map(str::to_owned), merged)
        }
    };
    let after = summary(&source, key.as_deref())?;
    if !dry_run {
        let before = crate::backup::take(db, Reason::BeforeArchiveImport)?
            .ok_or_else(|| AppError::conflict("内存数据库不能导入档案"))?;
        let what = match mode {
            Mode::Replace => "替换为档案中的数据库".to_owned(),
            Mode::Merge => merged
                .iter()
                .map(|m| {
                    let p = &m.outcome.preview;
                    format!(
                        "{} 新增 {} 修改 {} 冲突 {}",
                        m.title, p.new, p.changed, p.conflicts
                    )
                })
                .collect::<Vec<_>>()
                .join("；"),
        };
        crate::backup::replace_with(
            db,
            ctx,
            (&source, key.as_deref()),
            (AuditAction::Import, ENTITY),
            format!(
                "导入档案 {}（{}，{} 生成）：{what}；导入前的数据已备份为 {}",
                files::file_name(path),
                manifest.office_name,
                manifest.created_at,
                before.file_name
            ),
        )?;
    }
    Ok(ArchiveImport {
        manifest,
        mode,
        dry_run,
        current,
        after,
        merged,
    })
}

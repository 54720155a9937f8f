//! Reading an archive back. The manifest is verified first — every file present, of its size and
//! SHA-256, nothing added — so a tampered or truncated archive is refused naming the file that
//! fails. Then either **replace** (the database snapshot, after a backup of the current state) or
//! **merge**: every register's .xlsx through the import engine (new records added, changed ones
//! updated, records edited here after the archive was written kept and shown as conflicts), on a
//! copy of the database that replaces the live one in one step only when every register went in.

use std::{
    fs::File,
    io::{Read, Write},
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
    import::{Approval, Choice, ImportOptions, ImportOutcome},
    registers::Register,
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

/// Checks the archive at `path` against its manifest (unpacking it beside `db`'s file, then
/// removing it); returns the manifest. A sealed archive takes its `password`.
pub fn verify(db: &Db, path: &Path, password: Option<String>) -> Result<Manifest> {
    let (work, sealed) = (workdir(db)?, workdir(db)?);
    let zip = unsealed(path, sealed.path(), password)?;
    unpack(path, &zip, work.path())
}

fn workdir(db: &Db) -> Result<crate::workdir::WorkDir> {
    crate::workdir::create(db.path())
}

/// The archive at `path` as a plain zip: itself, or (sealed) its decryption in `work` — a
/// folder of its own, which no entry of the archive can be unpacked over.
fn unsealed(path: &Path, work: &Path, password: Option<String>) -> Result<PathBuf> {
    if !crate::sealed::is_sealed(path) {
        return Ok(path.to_owned());
    }
    let password = password
        .filter(|p| !p.is_empty())
        .ok_or_else(|| AppError::field("password", "这是加密的档案，请输入档案密码"))?;
    let plain = work.join("archive.zip");
    crate::sealed::decrypt(
        path,
        &plain,
        &age::secrecy::SecretString::from(password),
        "档案",
    )?;
    Ok(plain)
}

/// The most files an archive may hold: every register, and a PDF for each person and household
/// of a large office.
const MAX_ENTRIES: usize = 300_000;
/// The largest manifest (a line per file).
const MAX_MANIFEST: u64 = 64 << 20;
/// The largest file in an archive (the database snapshot, with its photos and scans).
const MAX_FILE: u64 = 16 << 30;

/// Verifies the archive and unpacks its files under `work`. Every count and size it states is
/// checked before it sizes anything; each file is streamed to disk, hashed as it goes, and
/// refused at the first byte past the size its manifest promised.
/// `path` is the archive as the clerk chose it (named in errors), `zip` the plain zip to read
/// (itself, or its decryption).
fn unpack(path: &Path, zip: &Path, work: &Path) -> Result<Manifest> {
    let file = File::open(zip).map_err(|e| bad(path, format!("无法打开（{e}）")))?;
    let mut zip = ZipArchive::new(file).map_err(|_| {
        bad(
            path,
            "档案文件不完整或已损坏（可能没有复制完），请重新复制一份",
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(
            path,
            format!(
                "档案中有 {} 个文件，超过上限 {MAX_ENTRIES} 个，不是台账生成的档案",
                zip.len()
            ),
        ));
    }
    let manifest: Manifest = {
        let entry = zip
            .by_name(MANIFEST)
            .map_err(|_| bad(path, "不是台账档案：缺少清单 manifest.json"))?;
        let mut text = Vec::new();
        entry
            .take(MAX_MANIFEST + 1)
            .read_to_end(&mut text)
            .map_err(|_| bad(path, "清单 manifest.json 已损坏"))?;
        if text.len() as u64 > MAX_MANIFEST {
            return Err(bad(
                path,
                format!(
                    "清单 manifest.json 超过 {} MB，不是台账生成的档案",
                    MAX_MANIFEST >> 20
                ),
            ));
        }
        serde_json::from_slice(&text).map_err(|_| bad(path, "清单 manifest.json 无法解析"))?
    };
    if manifest.files.len() > MAX_ENTRIES {
        return Err(bad(path, "清单列出的文件超过上限，不是台账生成的档案"));
    }
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
        if listed.size > MAX_FILE {
            return Err(failed(&format!(
                "按清单有 {} GB，超过上限 {} GB，不能导入",
                listed.size >> 30,
                MAX_FILE >> 30
            )));
        }
        let entry = zip
            .by_name(&listed.path)
            .map_err(|_| failed("缺失，档案不完整"))?;
        if entry.size() != listed.size {
            return Err(failed("与清单不符（已被改动或损坏），不能导入"));
        }
        let target = entry
            .enclosed_name()
            .map(|p| work.join(p))
            .ok_or_else(|| failed("的路径不安全"))?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::new(ErrorCode::Io, format!("无法解压档案：{e}")))?;
        }
        let out = File::create(&target)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("无法解压档案：{e}")))?;
        let mut hashed = Hashed {
            out: std::io::BufWriter::new(out),
            hash: Sha256::new(),
            written: 0,
        };
        // One byte more than promised is enough to know it lied.
        std::io::copy(&mut entry.take(listed.size + 1), &mut hashed).map_err(|e| {
            match e.kind() {
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => {
                    failed("已损坏，无法读出")
                }
                _ => AppError::new(
                    ErrorCode::Io,
                    format!("无法解压档案：{}", taizhang_disk::write_reason(&e)),
                ),
            }
        })?;
        hashed
            .out
            .flush()
            .map_err(|e| AppError::new(ErrorCode::Io, format!("无法解压档案：{e}")))?;
        if hashed.written != listed.size || hex(&hashed.hash.finalize()) != listed.sha256 {
            return Err(failed("与清单不符（已被改动或损坏），不能导入"));
        }
    }
    let listed: std::collections::HashSet<&str> =
        manifest.files.iter().map(|f| f.path.as_str()).collect();
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

/// A file being unpacked, hashed and counted as it is written.
struct Hashed<W: Write> {
    out: W,
    hash: Sha256,
    written: u64,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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
    password: Option<String>,
    progress: &dyn Progress,
) -> Result<ArchiveImport> {
    if !dry_run {
        crate::user::may_configure(db, ctx)?;
    }
    if db.path().is_none() {
        return Err(AppError::conflict("内存数据库不能导入档案"));
    }
    let (work, sealed) = (workdir(db)?, workdir(db)?);
    let zip = unsealed(path, sealed.path(), password)?;
    let manifest = unpack(path, &zip, work.path())?;
    let current = db.summary(&crate::registers::counted())?;
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
                    let outcome = crate::registers::apply(
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
                    // A register file read as nothing (no table found in it) stops the merge:
                    // "新增 0" would hide that a whole register was left out.
                    let report = &outcome.preview.report;
                    if report.rows.total == 0 {
                        if let Some(why) = report.sheets.iter().find_map(|s| s.skipped.clone()) {
                            return Err(bad(
                                path,
                                format!(
                                    "档案中的{}读不出来（{why}），合并已停止，台账没有改动",
                                    r.title()
                                ),
                            ));
                        }
                    }
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
    let after = summary(&source, key.as_deref(), &crate::registers::counted())?;
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

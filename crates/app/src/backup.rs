//! 备份与恢复: consistent copies of the database (SQLite's online backup API) taken daily, before
//! every migration, import, restore and archive import, on exit, and on demand; kept in a folder
//! the office chooses (a USB stick is common), optionally encrypted with a password (age format:
//! scrypt + ChaCha20-Poly1305, so `age -d` opens one too), rotated by `core::backup::to_remove`.
//! A restore shows what the backup holds first and backs up the current state before replacing it.

use std::{
    fs::File,
    path::{Path, PathBuf},
};

use age::secrecy::SecretString;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    backup::{to_remove, BackupName, Reason},
};
use taizhang_db::{
    backup::{self as snapshot, Counted, Summary},
    setting, Db,
};
use ts_rs::TS;

use crate::{files, AppError, Ctx, ErrorCode, Result};

use crate::sealed::{decrypt, encrypt};

/// Settings keys: where backups go, and the password that encrypts them.
const FOLDER: &str = "backup.folder";
const PASSWORD: &str = "backup.password";
/// A password shorter than this protects little.
const MIN_PASSWORD: usize = 6;
/// The audit trail's name for backups.
const ENTITY: &str = "备份";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    /// Where backups go.
    pub folder: String,
    /// `备份` beside the database: where they go when no folder was chosen, or when the chosen
    /// one cannot be written (a USB stick that is not plugged in).
    pub default_folder: String,
    /// Whether backups are encrypted with a password.
    pub encrypted: bool,
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub file_name: String,
    /// When it was taken, "2026-11-23 09:00:00".
    pub at: String,
    pub reason: Reason,
    #[ts(type = "number")]
    pub size: u64,
    /// With the backup password (age), or keyed like an encrypted database.
    pub encrypted: bool,
}

/// What restoring a backup would bring back, beside what the database holds now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupPreview {
    pub file: BackupFile,
    pub backup: Summary,
    pub current: Summary,
    /// Why this restore needs the clerk's explicit word: another office's backup, or one that
    /// would take away most of the records. A restore with a caution is refused unless confirmed.
    pub caution: Option<String>,
    /// Whether the backup's checksum file (`….sha256`, written with it) was there and matched;
    /// false for a backup copied without it (then only SQLite's own check vouches for it).
    pub checksum_verified: bool,
}

fn default_folder(db: &Db) -> Result<PathBuf> {
    let path = db
        .path()
        .ok_or_else(|| AppError::conflict("内存数据库没有备份"))?;
    Ok(path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("备份"))
}

fn chosen_folder(db: &Db) -> Result<Option<PathBuf>> {
    Ok(setting::get(db.conn(), FOLDER)?
        .filter(|f| !f.is_empty())
        .map(PathBuf::from))
}

fn password(db: &Db) -> Result<Option<SecretString>> {
    Ok(setting::get(db.conn(), PASSWORD)?
        .filter(|p| !p.is_empty())
        .map(SecretString::from))
}

pub fn settings(db: &Db) -> Result<BackupSettings> {
    let default = default_folder(db)?;
    Ok(BackupSettings {
        folder: chosen_folder(db)?
            .unwrap_or_else(|| default.clone())
            .display()
            .to_string(),
        default_folder: default.display().to_string(),
        encrypted: password(db)?.is_some(),
    })
}

/// Chooses where backups go (empty: beside the database); the folder must be writable now.
pub fn set_folder(db: &mut Db, ctx: &Ctx, folder: &str) -> Result<()> {
    crate::user::may_configure(db, ctx)?;
    let folder = folder.trim();
    let target = if folder.is_empty() {
        default_folder(db)?
    } else {
        PathBuf::from(folder)
    };
    writable(&target)?;
    db.write(|tx| {
        setting::set(tx, FOLDER, folder)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Backup,
            ENTITY,
            0,
            format!("备份位置改为 {}", target.display()),
        )
    })
}

/// Sets the password that encrypts backups from now on, or none. Backups taken before keep
/// theirs.
pub fn set_password(db: &mut Db, ctx: &Ctx, password: Option<&str>) -> Result<()> {
    crate::user::may_configure(db, ctx)?;
    let password = password.unwrap_or("");
    if !password.is_empty() && password.chars().count() < MIN_PASSWORD {
        return Err(AppError::field(
            "password",
            format!("备份密码至少 {MIN_PASSWORD} 位"),
        ));
    }
    db.write(|tx| {
        setting::set(tx, PASSWORD, password)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Backup,
            ENTITY,
            0,
            if password.is_empty() {
                "取消备份加密".to_owned()
            } else {
                "设置备份密码（此后的备份加密保存）".to_owned()
            },
        )
    })
}

fn io_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Io,
        format!(
            "备份失败（{}）：{}",
            path.display(),
            taizhang_disk::write_reason(e)
        ),
    )
}

/// Creates `folder` if needed and proves a file can be written there.
fn writable(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| io_error(folder, &e))?;
    let probe = folder.join(".taizhang-probe");
    let written = std::fs::write(&probe, b"ok");
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| io_error(folder, &e))
}

/// A database file written beside `dest` and renamed into place once complete.
fn write_snapshot(db: &Db, dest: &Path, password: Option<&SecretString>) -> Result<()> {
    let partial = dest.with_extension("part");
    let plain = dest.with_extension("plain.part");
    let result = (|| -> Result<()> {
        db.snapshot(&plain).map_err(|e| match e {
            taizhang_db::DbError::Sqlite(taizhang_db::rusqlite::Error::SqliteFailure(f, _))
                if f.code == taizhang_db::rusqlite::ErrorCode::DiskFull =>
            {
                AppError::new(
                    ErrorCode::Io,
                    format!(
                        "备份失败（{}）：磁盘空间不足，请清理磁盘或换一个位置",
                        dest.display()
                    ),
                )
            }
            other => other.into(),
        })?;
        match password {
            Some(p) => encrypt(&plain, &partial, p)?,
            None => std::fs::rename(&plain, &partial).map_err(|e| io_error(dest, &e))?,
        }
        taizhang_disk::sync(&partial)
            .and_then(|()| std::fs::rename(&partial, dest))
            .map_err(|e| io_error(dest, &e))?;
        // `sha256sum -c` reads it too: a backup changed or damaged since is refused.
        let line = format!("{}  {}\n", sha256_of(dest)?, files::file_name(dest));
        std::fs::write(checksum_path(dest), line).map_err(|e| io_error(dest, &e))
    })();
    let _ = std::fs::remove_file(&plain);
    let _ = std::fs::remove_file(&partial);
    result
}

/// Where a backup's checksum is kept: beside it, `NAME.sha256`.
fn checksum_path(backup: &Path) -> PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

/// The SHA-256 of the file at `path`, hex, read in pieces.
fn sha256_of(path: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    let mut file = File::open(path).map_err(|e| io_error(path, &e))?;
    std::io::copy(&mut file, &mut hash).map_err(|e| io_error(path, &e))?;
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether the backup at `path` matches the checksum written with it: Some(true) or
/// Some(false), None when there is no checksum file (a backup copied alone, or an older one).
fn checksum_matches(path: &Path) -> Result<Option<bool>> {
    let Ok(line) = std::fs::read_to_string(checksum_path(path)) else {
        return Ok(None);
    };
    let expected = line.split_whitespace().next().unwrap_or_default();
    Ok(Some(expected.eq_ignore_ascii_case(&sha256_of(path)?)))
}

fn described(path: &Path) -> Option<BackupFile> {
    let file_name = path.file_name()?.to_string_lossy().into_owned();
    let name = BackupName::parse(&file_name)?;
    Some(BackupFile {
        path: path.display().to_string(),
        at: name.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason: name.reason,
        size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        encrypted: name.encrypted || taizhang_db::encryption::is_keyed(path),
        file_name,
    })
}

/// Takes a backup into the chosen folder, or beside the database when that folder cannot be
/// written; then rotates. None for a database in memory (tests, benchmarks).
pub fn take(db: &Db, reason: Reason) -> Result<Option<BackupFile>> {
    if db.path().is_none() {
        return Ok(None);
    }
    let now = chrono::Local::now().naive_local();
    let folders: Vec<PathBuf> = chosen_folder(db)?
        .into_iter()
        .chain([default_folder(db)?])
        .collect();
    let mut failure = None;
    for folder in &folders {
        match take_into(db, folder, now, reason) {
            Ok(file) => return Ok(Some(file)),
            Err(e) => {
                tracing::warn!(folder = %folder.display(), error = %e.message, "backup failed here");
                failure.get_or_insert(e);
            }
        }
    }
    Err(failure.unwrap_or_else(|| AppError::conflict("没有可用的备份位置")))
}

fn take_into(db: &Db, folder: &Path, at: NaiveDateTime, reason: Reason) -> Result<BackupFile> {
    writable(folder)?;
    let password = password(db)?;
    let name = BackupName {
        at,
        reason,
        encrypted: password.is_some(),
    };
    let dest = folder.join(name.file_name());
    write_snapshot(db, &dest, password.as_ref())?;
    tracing::info!(file = %dest.display(), reason = reason.label(), "backup taken");
    rotate(folder);
    described(&dest).ok_or_else(|| AppError::conflict("备份文件名无法识别"))
}

/// Removes the backups in `folder` that rotation no longer keeps, and parts of backups a crash
/// interrupted; a failure is only logged.
fn rotate(folder: &Path) {
    for e in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("taizhang-") && name.ends_with(".part") {
            let _ = std::fs::remove_file(e.path());
        }
    }
    let found = in_folder(folder);
    let taken: Vec<NaiveDateTime> = found.iter().map(|(_, n)| n.at).collect();
    for i in to_remove(&taken) {
        if let Err(e) = std::fs::remove_file(&found[i].0) {
            tracing::warn!(file = %found[i].0.display(), error = %e, "an old backup could not be removed");
        }
        let _ = std::fs::remove_file(checksum_path(&found[i].0));
    }
}

fn in_folder(folder: &Path) -> Vec<(PathBuf, BackupName)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = BackupName::parse(&e.file_name().to_string_lossy())?;
            Some((e.path(), name))
        })
        .collect()
}

/// A backup written to a path the clerk chose (`taizhang backup OUT`); encrypted when a backup
/// password is set. Not rotated.
pub fn take_to(db: &Db, out: &Path) -> Result<BackupFile> {
    if out.exists() {
        return Err(AppError::conflict(format!(
            "{} 已存在，请换一个文件名",
            out.display()
        )));
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        writable(dir)?;
    }
    let password = password(db)?;
    write_snapshot(db, out, password.as_ref())?;
    Ok(BackupFile {
        path: out.display().to_string(),
        file_name: files::file_name(out),
        at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        reason: Reason::Manual,
        size: std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
        encrypted: password.is_some() || db.key().is_some(),
    })
}

/// The day's backup, unless one was already taken today.
pub fn daily(db: &Db, ctx: &Ctx) -> Result<Option<BackupFile>> {
    let today = list(db)?
        .iter()
        .any(|b| b.at.starts_with(&ctx.today.to_string()));
    if today {
        return Ok(None);
    }
    take(db, Reason::Daily)
}

/// Backups in the chosen folder and beside the database, newest first.
pub fn list(db: &Db) -> Result<Vec<BackupFile>> {
    let mut folders = vec![default_folder(db)?];
    if let Some(chosen) = chosen_folder(db)? {
        if !folders.contains(&chosen) {
            folders.insert(0, chosen);
        }
    }
    let mut out: Vec<BackupFile> = folders
        .iter()
        .flat_map(|f| in_folder(f))
        .filter_map(|(path, _)| described(&path))
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.file_name.cmp(&a.file_name)));
    Ok(out)
}

/// A backup made ready to read: `file` is the backup itself, or its age decryption in the
/// temporary folder `_dir` (removed when this drops); `key` is the database password it is
/// keyed with.
struct Opened {
    file: PathBuf,
    key: Option<String>,
    _dir: Option<crate::workdir::WorkDir>,
}

/// The backup at `path`, ready to read. The clerk's `password` opens an age-encrypted backup
/// (else this PC's backup password does); a backup keyed with an earlier database password
/// takes it from `password` too.
fn opened(db: &Db, path: &Path, password: Option<String>) -> Result<Opened> {
    let password = password.filter(|p| !p.is_empty());
    let (file, dir) = age_opened(db, path, password.clone())?;
    let key = snapshot::key_of(&file, &[db.key(), None, password.as_deref()])
        .map_err(|e| match e {
            taizhang_db::DbError::Keyed(_) | taizhang_db::DbError::WrongKey(_) => AppError::field(
                "password",
                "这个备份用另一个数据库密码加密（备份后改过密码），请输入当时的数据库密码",
            ),
            other => bad_backup(path, other),
        })?
        .map(str::to_owned);
    Ok(Opened {
        file,
        key,
        _dir: dir,
    })
}

/// A plain copy of the backup at `path` to read: the file itself, or its age decryption in a
/// temporary folder (removed when the guard drops).
fn age_opened(
    db: &Db,
    path: &Path,
    password: Option<String>,
) -> Result<(PathBuf, Option<crate::workdir::WorkDir>)> {
    if !path.exists() {
        return Err(AppError::new(
            ErrorCode::NotFound,
            format!("找不到备份文件 {}", path.display()),
        ));
    }
    let encrypted = BackupName::parse(&files::file_name(path)).is_some_and(|n| n.encrypted)
        || path.extension().is_some_and(|e| e == "age");
    if !encrypted {
        return Ok((path.to_owned(), None));
    }
    let password = match password {
        Some(p) => SecretString::from(p),
        None => self::password(db)?
            .ok_or_else(|| AppError::field("password", "这是加密的备份，请输入备份密码"))?,
    };
    let dir = crate::workdir::create(db.path())?;
    let plain = dir.path().join("backup.db");
    decrypt(path, &plain, &password, "备份")?;
    Ok((plain, Some(dir)))
}

/// What the backup at `path` holds, beside the current database, counted by the `counted`
/// registers (`registers::counted`); nothing changes.
pub fn preview(
    db: &Db,
    path: &Path,
    password: Option<String>,
    counted: &[Counted],
) -> Result<BackupPreview> {
    preview_of(db, path, &opened(db, path, password)?, counted)
}

/// The preview of the backup at `path`, read from its plain copy `plain`.
fn preview_of(db: &Db, path: &Path, opened: &Opened, counted: &[Counted]) -> Result<BackupPreview> {
    let checksum = checksum_matches(path)?;
    if checksum == Some(false) {
        return Err(AppError::new(
            ErrorCode::BadFile,
            format!(
                "{} 与备份时记下的校验值不符（已被改动或损坏），不能恢复；请选择另一份备份",
                files::file_name(path)
            ),
        ));
    }
    let backup = snapshot::summary(&opened.file, opened.key.as_deref(), counted)
        .map_err(|e| bad_backup(path, e))?;
    if !taizhang_db::check::damage(&opened.file, opened.key.as_deref()).is_empty() {
        return Err(AppError::new(
            ErrorCode::BadFile,
            format!(
                "{} 已损坏（数据库检查未通过），不能恢复；请选择另一份备份",
                files::file_name(path)
            ),
        ));
    }
    if db.path().is_none() {
        return Err(AppError::conflict("内存数据库不能恢复备份"));
    }
    let current = db.summary(counted)?;
    let file = described(path).unwrap_or(BackupFile {
        path: path.display().to_string(),
        file_name: files::file_name(path),
        at: backup.last_change.clone().unwrap_or_default(),
        reason: Reason::Manual,
        size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        encrypted: opened.file != path,
    });
    Ok(BackupPreview {
        file,
        caution: caution(&backup, &current),
        backup,
        current,
        checksum_verified: checksum == Some(true),
    })
}

/// What a clerk must see before this restore: another office's backup, or one holding less
/// than half the records there are now.
fn caution(backup: &Summary, current: &Summary) -> Option<String> {
    let total = |s: &Summary| s.counts.iter().map(|(_, n)| n).sum::<i64>();
    let listed = |s: &Summary| {
        s.counts
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut said = Vec::new();
    if !backup.office_name.is_empty()
        && !current.office_name.is_empty()
        && backup.office_name != current.office_name
    {
        said.push(format!(
            "这是“{}”的备份，当前台账是“{}”",
            backup.office_name, current.office_name
        ));
    }
    if total(current) >= 10 && total(backup) * 2 < total(current) {
        said.push(format!(
            "恢复后记录将从 {} 条减少到 {} 条（当前：{}；备份：{}）",
            total(current),
            total(backup),
            listed(current),
            listed(backup)
        ));
    }
    (!said.is_empty()).then(|| said.join("；"))
}

fn bad_backup(path: &Path, e: taizhang_db::DbError) -> AppError {
    match e {
        taizhang_db::DbError::NewerVersion { .. } => e.into(),
        _ => bad_backup_message(path),
    }
}

fn bad_backup_message(path: &Path) -> AppError {
    AppError::new(
        ErrorCode::BadFile,
        format!(
            "{} 不是台账的备份，或已损坏，不能恢复",
            files::file_name(path)
        ),
    )
}

/// Removes this PC's backup folder and password from a copy of the database at `path`: an
/// archive's snapshot travels without them, and a merge's working copy backs up beside itself.
pub(crate) fn forget_settings(path: &Path, key: Option<&str>) -> Result<()> {
    Ok(snapshot::without_settings(path, key, &[FOLDER, PASSWORD])?)
}

/// Puts the database file `source` (keyed with `source_key`) in place of this one in one step,
/// keeping this database's password and this PC's backup folder and backup password (they
/// belong to the PC, not to the data), with the built-in dictionaries and an audit entry `(action, entity)` saying what happened written into the result.
pub(crate) fn replace_with(
    db: &mut Db,
    ctx: &Ctx,
    (source, source_key): (&Path, Option<&str>),
    (action, entity): (AuditAction, &str),
    summary: String,
) -> Result<()> {
    let local: Vec<(&str, Option<String>)> = [FOLDER, PASSWORD]
        .into_iter()
        .map(|k| Ok((k, setting::get(db.conn(), k)?)))
        .collect::<Result<_>>()?;
    db.restore_from(source, source_key)?;
    db.write(|tx| {
        taizhang_db::dict::seed_builtin(tx)?;
        for (key, value) in &local {
            setting::set(tx, key, value.as_deref().unwrap_or(""))?;
        }
        crate::audit::note(tx, ctx, action, entity, 0, summary)
    })
}

/// Replaces the database with the backup at `path`: checked first, the current state backed
/// up ("恢复前"), then restored in one step and the restore written to the restored trail.
/// The preview counts the `counted` registers.
pub fn restore(
    db: &mut Db,
    ctx: &Ctx,
    path: &Path,
    (password, confirmed): (Option<String>, bool),
    counted: &[Counted],
) -> Result<BackupPreview> {
    crate::user::may_configure(db, ctx)?;
    let opened = opened(db, path, password)?;
    let preview = preview_of(db, path, &opened, counted)?;
    if let (Some(caution), false) = (&preview.caution, confirmed) {
        return Err(AppError::conflict(format!("{caution}。请核对后确认再恢复")));
    }
    let before = take(db, Reason::BeforeRestore)?
        .ok_or_else(|| AppError::conflict("内存数据库不能恢复备份"))?;
    replace_with(
        db,
        ctx,
        (&opened.file, opened.key.as_deref()),
        (AuditAction::RestoreBackup, ENTITY),
        format!(
            "从备份恢复：{}；恢复前的数据已备份为 {}",
            preview.file.file_name, before.file_name
        ),
    )
    .map_err(|e| match e.code {
        ErrorCode::Database | ErrorCode::Io => bad_backup_message(path),
        _ => e,
    })?;
    Ok(preview)
}

//! Working folders for the work that unpacks the office's data outside its database: an
//! archive's files, a merge's copy of the database, a decrypted backup.
//!
//! They live beside the database (`.taizhang-work/` in its folder: the same disk and the same
//! permissions as the data itself, never the system's shared temporary folder), and are removed
//! when the work ends, on every path, errors included. A run killed half-way cannot remove its
//! folder, so each folder holds a lock file its run keeps locked: at the next start
//! ([`sweep`]), every folder whose lock nobody holds is removed. Two programs on one database
//! (the window and the command line) never remove each other's folders.

use std::{
    fs::File,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use crate::{AppError, ErrorCode, Result};

/// The folder, beside a database, that holds its working folders.
const WORK: &str = ".taizhang-work";
/// The lock file inside each working folder.
const LOCK: &str = ".lock";
/// A folder without a lock yet is being made; one older than this was left by a run killed
/// before it could lock.
const UNLOCKED_GRACE: Duration = Duration::from_secs(60);

/// A working folder, removed when this drops.
pub struct WorkDir {
    // Dropped first: the lock is released (and closed, so Windows lets the folder go) before
    // the folder is removed.
    _lock: File,
    dir: tempfile::TempDir,
}

impl WorkDir {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn base(db_path: Option<&Path>) -> PathBuf {
    match db_path.and_then(Path::parent) {
        Some(folder) => folder.join(WORK),
        // An in-memory database (tests, a first look) has no folder of its own.
        None => std::env::temp_dir().join(WORK),
    }
}

fn io(e: std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Io,
        format!(
            "无法在数据文件所在的文件夹中创建工作文件夹：{}",
            taizhang_disk::write_reason(&e)
        ),
    )
}

/// A new working folder beside the database at `db_path`.
pub fn create(db_path: Option<&Path>) -> Result<WorkDir> {
    let base = base(db_path);
    std::fs::create_dir_all(&base).map_err(io)?;
    let dir = tempfile::Builder::new()
        .prefix("run-")
        .tempdir_in(&base)
        .map_err(io)?;
    let lock = File::create(dir.path().join(LOCK)).map_err(io)?;
    lock.lock().map_err(io)?;
    Ok(WorkDir { _lock: lock, dir })
}

/// Removes the working folders runs killed half-way left beside the database at `db_path`;
/// returns how many. Folders in use stay.
pub fn sweep(db_path: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(base(Some(db_path))) else {
        return 0;
    };
    let mut removed = 0;
    for dir in entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let abandoned = match File::options().write(true).open(dir.join(LOCK)) {
            // Nobody holds it: its run is gone. (The probe's own lock goes with the handle.)
            Ok(lock) => lock.try_lock().is_ok(),
            // No lock file: being made just now, or its run was killed before it locked.
            Err(_) => std::fs::metadata(&dir)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > UNLOCKED_GRACE),
        };
        if abandoned && std::fs::remove_dir_all(&dir).is_ok() {
            tracing::info!(folder = %dir.display(), "removed a working folder a killed run left");
            removed += 1;
        }
    }
    removed
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_in_use_stays_and_an_abandoned_one_goes() {
        let office = tempfile::tempdir().unwrap();
        let db = office.path().join("taizhang.db");
        let running = create(Some(&db)).unwrap();
        assert!(running.path().starts_with(office.path().join(WORK)));
        // A run killed half-way: its folder and lock file stay, nobody holds the lock.
        let killed = base(Some(&db)).join("run-killed");
        std::fs::create_dir_all(&killed).unwrap();
        std::fs::write(killed.join(LOCK), b"").unwrap();
        std::fs::write(killed.join("taizhang.db"), b"the office's data").unwrap();
        assert_eq!(sweep(&db), 1);
        assert!(!killed.exists());
        assert!(running.path().exists(), "a folder in use is not touched");
        let path = running.path().to_owned();
        drop(running);
        assert!(!path.exists(), "removed when the work ends");
    }
}

//! Writing files the clerk asked for: why a write failed, in words they can act on, and the
//! rule that a file appears whole or not at all.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

/// Why writing failed: a full disk, a read-only or write-protected folder (a USB stick's
/// switch), no permission, a missing folder.
pub fn write_reason(e: &std::io::Error) -> String {
    // ENOSPC/EDQUOT and EROFS on Linux; ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL and
    // ERROR_WRITE_PROTECT on Windows.
    match (e.kind(), e.raw_os_error()) {
        (std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded, _)
        | (_, Some(28 | 39 | 112 | 122)) => "磁盘空间不足，请清理磁盘或换一个位置".to_owned(),
        (std::io::ErrorKind::ReadOnlyFilesystem, _) | (_, Some(30 | 19)) => {
            "该位置是只读的（U盘可能打开了写保护），请换一个位置".to_owned()
        }
        (std::io::ErrorKind::PermissionDenied, _) => {
            "没有权限写入该位置，请换一个位置，或关闭正在使用该文件的程序（如 Excel、WPS）"
                .to_owned()
        }
        (std::io::ErrorKind::NotFound, _) => "找不到该文件夹（U盘是否已拔出？）".to_owned(),
        _ => format!("无法写入（{e}）"),
    }
}

/// Makes a finished file's contents durable on the disk. The file is opened for writing:
/// Windows refuses to flush a handle opened only for reading (`FlushFileBuffers` answers
/// "access denied"), which Linux allows.
pub fn sync(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()
}

/// The temporary name a file is written under before it is renamed into place.
pub fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// The finished file could not be put in place: [`write_reason`]'s words. Each caller's error
/// type says what it becomes (an app error of kind Io, a reader's message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPlaced(pub String);

impl From<NotPlaced> for String {
    fn from(e: NotPlaced) -> Self {
        e.0
    }
}

/// Runs `write` on a temporary file beside `path`, then renames it into place; on failure the
/// temporary file is removed, so a failed write never leaves half a file under the real name.
pub fn write_whole<T, E: From<NotPlaced>>(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<T, E> {
    let part = partial(path);
    let out = write(&part).and_then(|v| {
        std::fs::rename(&part, path).map_err(|e| E::from(NotPlaced(write_reason(&e))))?;
        Ok(v)
    });
    if out.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    out
}

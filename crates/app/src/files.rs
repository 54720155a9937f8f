//! Reading a file the clerk chose and writing one they asked for, with errors they can act on.

use std::path::Path;

use taizhang_core::disk;

use crate::{AppError, ErrorCode, Result};

/// The name a clerk knows a file by.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The whole file; a missing or locked file is a [`ErrorCode::BadFile`] naming it.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "找不到该文件，请确认文件位置".to_owned(),
            std::io::ErrorKind::PermissionDenied => {
                "没有权限读取该文件；请关闭正在使用它的程序，或把它复制到桌面后再试".to_owned()
            }
            _ => format!("无法读取文件（{e}），请确认文件完整、可以打开"),
        };
        AppError::new(ErrorCode::BadFile, format!("{}：{why}", file_name(path)))
    })
}

/// Writes `bytes` to `path` through a temporary file beside it, so a failed write leaves no
/// half file; `what` names the file in the error ("PDF", "附件").
pub fn write(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    disk::write_whole(path, |part| {
        std::fs::write(part, bytes).map_err(|e| disk::write_reason(&e))
    })
    .map_err(|why: String| {
        AppError::new(
            ErrorCode::Io,
            format!("{what}保存失败（{}）：{why}", path.display()),
        )
    })
}

//! Reading a file the clerk chose and writing one they asked for, with errors they can act on.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use taizhang_disk as disk;
use ts_rs::TS;

use crate::{AppError, ErrorCode, Result};

/// A file a command reads that the clerk chose (a sheet to import, a template, a backup). On the
/// desktop it is the path the open dialog gave; from a browser, the server puts in the path of
/// the clerk's upload, and refuses any other.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Upload(#[ts(type = "string")] pub PathBuf);

/// A file a command writes for the clerk (an export, a PDF, a copy of an attachment). On the
/// desktop it is the path the save dialog gave; from a browser, the name to download it as, and
/// the server puts in a path of its own.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveAs(#[ts(type = "string")] pub PathBuf);

impl std::ops::Deref for Upload {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for SaveAs {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

/// The name a clerk knows a file by.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The longest name [`safe_name`] gives, in characters.
const MAX_NAME: usize = 80;

/// A file name made from data (a person's name, a house's address, a meeting's title) that
/// every file system takes and no program can read as anything but a name: letters and digits
/// of any script, and `-_.()（）·、` and spaces inside; everything else becomes `_`. Never empty,
/// never starting with `.` or `-`, at most 80 characters.
pub fn safe_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| match c {
            c if c.is_alphanumeric() => c,
            '-' | '_' | '.' | '(' | ')' | '（' | '）' | '·' | '、' | ' ' => c,
            _ => '_',
        })
        .take(MAX_NAME)
        .collect();
    let trimmed = kept.trim_matches(|c: char| c == ' ' || c == '.' || c == '-');
    if trimmed.is_empty() {
        "文件".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The largest spreadsheet read: a million roster rows fit in a few hundred megabytes; a file
/// past this is refused before it is read into memory.
pub const MAX_SHEET_FILE: u64 = 1 << 30;

/// A spreadsheet to read whole: [`read`], refused first when it is larger than
/// [`MAX_SHEET_FILE`].
pub fn read_sheet(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_SHEET_FILE {
        return Err(AppError::new(
            ErrorCode::BadFile,
            format!(
                "{}：文件有 {} MB，超过可导入的上限 {} MB；请把表格分成几个文件",
                file_name(path),
                size >> 20,
                MAX_SHEET_FILE >> 20
            ),
        ));
    }
    read(path)
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

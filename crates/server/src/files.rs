//! A browser's files on the host. A file the clerk chooses is uploaded into the clerk's own
//! working folder (beside the database, removed with the clerk) and named by a handle; a command
//! that reads a file ([`FileArg::Upload`]) is given that upload's path and no other. A file a
//! command writes ([`FileArg::SaveAs`]) goes into the same folder and is offered once for
//! download, then removed.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use serde_json::Value;
use taizhang_app::{
    command::{Command, FileArg},
    files::safe_name,
    workdir::{self, WorkDir},
    AppError, ErrorCode, Result,
};

use crate::token;

/// Uploads kept per browser; a newer one pushes out the oldest.
const KEPT_UPLOADS: usize = 16;

/// A written file waiting for its download.
#[derive(Debug)]
pub struct Download {
    pub path: PathBuf,
    /// The name the browser saves it as.
    pub name: String,
}

/// One browser's files.
pub struct Files {
    db_path: PathBuf,
    /// Made at the first file, removed with the clerk.
    dir: Option<WorkDir>,
    /// Handle → path, oldest first.
    uploads: Vec<(String, PathBuf)>,
    downloads: HashMap<String, Download>,
}

fn missing() -> AppError {
    AppError::new(
        ErrorCode::BadFile,
        "找不到上传的文件（页面打开太久或已重新登录），请重新选择文件",
    )
}

impl Files {
    pub fn new(db_path: &Path) -> Self {
        Self {
            db_path: db_path.to_owned(),
            dir: None,
            uploads: Vec::new(),
            downloads: HashMap::new(),
        }
    }

    /// A new folder inside this browser's working folder.
    fn folder(&mut self, prefix: &str) -> Result<(String, PathBuf)> {
        let dir = match &self.dir {
            Some(dir) => dir,
            None => self.dir.insert(workdir::create(Some(&self.db_path))?),
        };
        let id = format!("{prefix}{}", &token::new()?[..12]);
        let folder = dir.path().join(&id);
        std::fs::create_dir(&folder)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("无法在主机上保存文件：{e}")))?;
        Ok((id, folder))
    }

    /// Where an upload named `name` is written, and its handle.
    pub fn new_upload(&mut self, name: &str) -> Result<(String, PathBuf)> {
        if self.uploads.len() >= KEPT_UPLOADS {
            let (_, oldest) = self.uploads.remove(0);
            remove_with_folder(&oldest);
        }
        let (id, folder) = self.folder("u")?;
        let name = safe_name(base_name(name));
        let path = folder.join(&name);
        let handle = format!("{id}/{name}");
        self.uploads.push((handle.clone(), path.clone()));
        Ok((handle, path))
    }

    /// Drops an upload that did not complete.
    pub fn forget_upload(&mut self, handle: &str) {
        if let Some(i) = self.uploads.iter().position(|(h, _)| h == handle) {
            let (_, path) = self.uploads.remove(i);
            remove_with_folder(&path);
        }
    }

    fn upload(&self, handle: &str) -> Result<PathBuf> {
        self.uploads
            .iter()
            .find(|(h, _)| h == handle)
            .map(|(_, p)| p.clone())
            .ok_or_else(missing)
    }

    /// Puts real paths in place of the page's file arguments of `command`: an upload's path for
    /// its handle, a fresh path for a name to save as. Returns the file the command will write,
    /// to offer once it has.
    pub fn resolve(&mut self, command: &Command, args: &mut Value) -> Result<Option<Download>> {
        let mut written = None;
        for (name, kind) in command.file_args() {
            let Some(value) = args.get_mut(&name) else {
                continue;
            };
            let Some(given) = value.as_str().map(str::to_owned) else {
                continue; // null: an optional file not given
            };
            let path = match kind {
                FileArg::Upload => self.upload(&given)?,
                FileArg::SaveAs => {
                    let (_, folder) = self.folder("d")?;
                    let name = safe_name(base_name(&given));
                    let path = folder.join(&name);
                    written = Some(Download {
                        path: path.clone(),
                        name,
                    });
                    path
                }
            };
            *value = Value::String(path.display().to_string());
        }
        Ok(written)
    }

    /// Offers a written file for download; returns its one-time token.
    pub fn offer(&mut self, download: Download) -> Result<String> {
        let token = token::new()?;
        self.downloads.insert(token.clone(), download);
        Ok(token)
    }

    /// The download `token` names, no longer offered.
    pub fn take(&mut self, token: &str) -> Option<Download> {
        self.downloads.remove(token)
    }
}

/// The last part of a name a page gave (a browser may give a whole path).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Removes a file and the folder made for it.
pub fn remove_with_folder(path: &Path) {
    if let Some(folder) = path.parent() {
        if let Err(e) = std::fs::remove_dir_all(folder) {
            tracing::warn!(error = %e, "a browser's file could not be removed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_app::command;

    #[test]
    fn a_command_reads_only_this_browsers_uploads_and_writes_into_its_folder(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let office = tempfile::tempdir()?;
        let mut files = Files::new(&office.path().join("taizhang.db"));
        let (handle, path) = files.new_upload("C:\\Users\\clerk\\名单.xlsx")?;
        assert!(handle.ends_with("/名单.xlsx"), "{handle}");
        let preview = command::find("imports_preview")?;
        let mut args = serde_json::json!({"register": "party-members", "path": handle});
        assert!(files.resolve(preview, &mut args)?.is_none());
        assert_eq!(args["path"], path.display().to_string());

        let mut elsewhere = serde_json::json!({"register": "party-members", "path": "/etc/passwd"});
        let refused = files.resolve(preview, &mut elsewhere).err();
        assert_eq!(refused.map(|e| e.code), Some(ErrorCode::BadFile));

        let export = command::find("exports_register")?;
        let mut args = serde_json::json!({"register": "houses", "path": "../../自建房.xlsx", "template": null});
        let written = files
            .resolve(export, &mut args)?
            .ok_or("the export writes a file")?;
        assert_eq!(written.name, "自建房.xlsx");
        let dir = office.path().join(".taizhang-work");
        assert!(written.path.starts_with(&dir), "{}", written.path.display());
        assert_eq!(args["path"], written.path.display().to_string());
        assert!(args["template"].is_null());
        Ok(())
    }
}

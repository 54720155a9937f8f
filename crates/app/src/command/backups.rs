//! 备份与恢复.

use crate::files::Upload;

use super::{command, Command};
use crate::{
    backup::{self, BackupFile, BackupPreview, BackupSettings},
    core::backup::Reason,
    registers,
};

pub const ALL: &[Command] = &[
    command!(backups.settings() -> BackupSettings, Read, |db, _| backup::settings(db)),
    command!(backups.set_folder(folder: String) -> (), Configure + ThisPc, |db, ctx| backup::set_folder(db, ctx, &folder)),
    command!(backups.set_password(password: Option<String>) -> (), Configure, |db, ctx| backup::set_password(db, ctx, password.as_deref())),
    command!(
        /// A backup now; null when nothing changed since the last.
        backups.take() -> Option<BackupFile>, Write, |db, _| backup::take(db, Reason::Manual)
    ),
    command!(backups.list() -> Vec<BackupFile>, Read, |db, _| backup::list(db)),
    command!(backups.preview(path: Upload, password: Option<String>) -> BackupPreview, Read, |db, _| backup::preview(db, &path, password, &registers::counted())),
    command!(
        /// `confirmed`: the clerk has read the preview's caution (another office, far fewer
        /// records).
        backups.restore(path: Upload, password: Option<String>, confirmed: bool) -> BackupPreview, Configure,
        |db, ctx| backup::restore(db, ctx, &path, (password, confirmed), &registers::counted())
    ),
];

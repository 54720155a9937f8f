//! 档案包: export with progress, import (verify, preview, merge or replace).

use std::path::PathBuf;

use taizhang_app::{
    archive::{self, ArchiveExported, ArchiveImport, Mode, Travel},
    core::progress::Tick,
    import::Register,
    AppError,
};
use tauri::{ipc::Channel, State};

use crate::state::AppState;

#[tauri::command]
pub async fn archive_export(
    state: State<'_, AppState>,
    path: PathBuf,
    registers: Vec<String>,
    travel: Option<Travel>,
    on_progress: Channel<Tick>,
) -> Result<ArchiveExported, AppError> {
    let registers = registers
        .iter()
        .map(|r| Register::from_cli_name(r))
        .collect::<Result<Vec<_>, _>>()?;
    let progress = state.progress(on_progress);
    state
        .blocking(move |db, ctx| archive::export(db, ctx, &path, &registers, travel, &progress))
        .await
}

#[tauri::command]
pub async fn archive_import(
    state: State<'_, AppState>,
    path: PathBuf,
    mode: Mode,
    dry_run: bool,
    password: Option<String>,
    on_progress: Channel<Tick>,
) -> Result<ArchiveImport, AppError> {
    let progress = state.progress(on_progress);
    state
        .blocking(move |db, ctx| {
            archive::import(db, ctx, &path, mode, dry_run, password, &progress)
        })
        .await
}

//! 备份与恢复.

use std::path::PathBuf;

use taizhang_app::{
    backup::{self, BackupFile, BackupPreview, BackupSettings},
    core::backup::Reason,
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, AppError> {
    state.blocking(move |db, _| backup::settings(db)).await
}

#[tauri::command]
pub async fn backup_set_folder(state: State<'_, AppState>, folder: String) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| backup::set_folder(db, ctx, &folder))
        .await
}

#[tauri::command]
pub async fn backup_set_password(
    state: State<'_, AppState>,
    password: Option<String>,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| backup::set_password(db, ctx, password.as_deref()))
        .await
}

#[tauri::command]
pub async fn backup_take(state: State<'_, AppState>) -> Result<Option<BackupFile>, AppError> {
    state
        .blocking(move |db, _| backup::take(db, Reason::Manual))
        .await
}

#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupFile>, AppError> {
    state.blocking(move |db, _| backup::list(db)).await
}

#[tauri::command]
pub async fn backup_preview(
    state: State<'_, AppState>,
    path: PathBuf,
    password: Option<String>,
) -> Result<BackupPreview, AppError> {
    state
        .blocking(move |db, _| backup::preview(db, &path, password))
        .await
}

#[tauri::command]
pub async fn backup_restore(
    state: State<'_, AppState>,
    path: PathBuf,
    password: Option<String>,
    confirmed: bool,
) -> Result<BackupPreview, AppError> {
    state
        .blocking(move |db, ctx| backup::restore(db, ctx, &path, password, confirmed))
        .await
}

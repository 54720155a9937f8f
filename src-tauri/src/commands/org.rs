use std::path::PathBuf;

use taizhang_app::{
    db::org::OrgNode,
    org::{self, sheet::TreeImport, Merged, OrgInput},
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn org_tree(state: State<'_, AppState>) -> Result<Vec<OrgNode>, AppError> {
    state.blocking(|db, _| org::tree(db)).await
}

#[tauri::command]
pub async fn org_add(state: State<'_, AppState>, input: OrgInput) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| org::add(db, ctx, &input))
        .await
}

#[tauri::command]
pub async fn org_rename(state: State<'_, AppState>, id: i64, name: String) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| org::rename(db, ctx, id, &name))
        .await
}

#[tauri::command]
pub async fn org_move(state: State<'_, AppState>, id: i64, parent_id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| org::move_to(db, ctx, id, parent_id))
        .await
}

#[tauri::command]
pub async fn org_merge(
    state: State<'_, AppState>,
    from: i64,
    into: i64,
) -> Result<Merged, AppError> {
    state
        .blocking(move |db, ctx| org::merge(db, ctx, from, into))
        .await
}

#[tauri::command]
pub async fn org_remove(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| org::remove(db, ctx, id))
        .await
}

#[tauri::command]
pub async fn org_import_sheet(
    state: State<'_, AppState>,
    path: PathBuf,
    dry_run: bool,
) -> Result<TreeImport, AppError> {
    state
        .blocking(move |db, ctx| org::sheet::import(db, ctx, &path, dry_run))
        .await
}

use std::path::PathBuf;

use taizhang_app::{
    core::house::{HouseInput, InspectionInput, RectStatus, RectificationInput, StatusChange},
    house::{self, HouseDashboard, HouseDetail, HousePage, HouseQuery},
    party_member::SensitiveField,
    AppError,
};
use tauri::{ipc::Response, State};

use crate::state::AppState;

#[tauri::command]
pub async fn house_list(
    state: State<'_, AppState>,
    query: HouseQuery,
    page: u32,
    page_size: u32,
) -> Result<HousePage, AppError> {
    state
        .blocking(move |db, ctx| house::page(db, ctx, &query, (page, page_size)))
        .await
}

#[tauri::command]
pub async fn house_get(state: State<'_, AppState>, id: i64) -> Result<HouseDetail, AppError> {
    state.blocking(move |db, ctx| house::get(db, ctx, id)).await
}

#[tauri::command]
pub async fn house_reveal(
    state: State<'_, AppState>,
    id: i64,
    field: SensitiveField,
    reason: String,
) -> Result<String, AppError> {
    state
        .blocking(move |db, ctx| house::reveal(db, ctx, id, field, &reason))
        .await
}

#[tauri::command]
pub async fn house_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: HouseInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| house::save(db, ctx, id, input))
        .await
}

#[tauri::command]
pub async fn house_delete(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| house::delete(db, ctx, id))
        .await
}

#[tauri::command]
pub async fn house_inspect(
    state: State<'_, AppState>,
    house_id: i64,
    inspection: InspectionInput,
    rectifications: Vec<RectificationInput>,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| house::inspect(db, ctx, house_id, inspection, rectifications))
        .await
}

#[tauri::command]
pub async fn house_move_rectification(
    state: State<'_, AppState>,
    id: i64,
    to: RectStatus,
    change: StatusChange,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| house::move_rectification(db, ctx, id, to, change))
        .await
}

#[tauri::command]
pub async fn house_evacuate(
    state: State<'_, AppState>,
    house_id: i64,
    name: String,
    moved_to: String,
    moved_on: String,
    note: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| {
            house::evacuate(db, ctx, house_id, &name, &moved_to, &moved_on, &note)
        })
        .await
}

#[tauri::command]
pub async fn house_dashboard(state: State<'_, AppState>) -> Result<HouseDashboard, AppError> {
    state
        .blocking(move |db, ctx| house::dashboard(db, ctx))
        .await
}

#[tauri::command]
pub async fn house_attach(
    state: State<'_, AppState>,
    house_id: i64,
    path: PathBuf,
    note: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| house::attach(db, ctx, house_id, &path, &note))
        .await
}

/// The attachment's bytes, for showing a photo or a scan in the window.
#[tauri::command]
pub async fn house_attachment(state: State<'_, AppState>, id: i64) -> Result<Response, AppError> {
    let (_, bytes) = state
        .blocking(move |db, _| house::attachment(db, id))
        .await?;
    Ok(Response::new(bytes))
}

#[tauri::command]
pub async fn house_save_attachment(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
) -> Result<(), AppError> {
    state
        .blocking(move |db, _| house::save_attachment(db, id, &path))
        .await
}

#[tauri::command]
pub async fn house_remove_attachment(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| house::remove_attachment(db, ctx, id))
        .await
}

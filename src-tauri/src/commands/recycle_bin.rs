use taizhang_app::{db::recycle_bin::RecycledItem, recycle_bin, AppError, Page};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn recycle_bin_list(
    state: State<'_, AppState>,
    page: u32,
    page_size: u32,
) -> Result<Page<RecycledItem>, AppError> {
    state
        .blocking(move |db, _| recycle_bin::list(db, page, page_size))
        .await
}

#[tauri::command]
pub async fn recycle_bin_restore(
    state: State<'_, AppState>,
    entity: String,
    entity_id: i64,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| recycle_bin::restore(db, ctx, &entity, entity_id))
        .await
}

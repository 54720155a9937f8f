//! 人才库.

use taizhang_app::{
    core::talent::TalentInput,
    db::{page::Page, talent::TalentRow},
    talent::{self, TalentQuery},
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn talent_list(
    state: State<'_, AppState>,
    query: TalentQuery,
    page: u32,
    page_size: u32,
) -> Result<Page<TalentRow>, AppError> {
    state
        .blocking(move |db, _| talent::page(db, &query, (page, page_size)))
        .await
}

#[tauri::command]
pub async fn talent_get(state: State<'_, AppState>, id: i64) -> Result<TalentRow, AppError> {
    state.blocking(move |db, _| talent::get(db, id)).await
}

#[tauri::command]
pub async fn talent_skills(state: State<'_, AppState>) -> Result<Vec<(String, i64)>, AppError> {
    state.blocking(move |db, _| talent::skills(db)).await
}

#[tauri::command]
pub async fn talent_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: TalentInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| talent::save(db, ctx, id, input))
        .await
}

#[tauri::command]
pub async fn talent_delete(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| talent::delete(db, ctx, id))
        .await
}

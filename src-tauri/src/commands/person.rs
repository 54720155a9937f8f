//! The home screen (counts, to-do), the global search, one person's whole file and merging
//! two records of one person.

use taizhang_app::{
    home::{self, Home},
    party_member::SensitiveField,
    person::{self, MergePreview, PersonFile, SearchGroup},
    todo::{self, TodoItem},
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn home(state: State<'_, AppState>) -> Result<Home, AppError> {
    state.blocking(move |db, ctx| home::home(db, ctx)).await
}

#[tauri::command]
pub async fn todo_list(state: State<'_, AppState>) -> Result<Vec<TodoItem>, AppError> {
    state.blocking(move |db, ctx| todo::todo(db, ctx)).await
}

#[tauri::command]
pub async fn search_all(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<SearchGroup>, AppError> {
    state
        .blocking(move |db, ctx| person::search(db, ctx, &text))
        .await
}

#[tauri::command]
pub async fn person_file(state: State<'_, AppState>, id: i64) -> Result<PersonFile, AppError> {
    state
        .blocking(move |db, ctx| person::file(db, ctx, id))
        .await
}

#[tauri::command]
pub async fn person_reveal(
    state: State<'_, AppState>,
    id: i64,
    field: SensitiveField,
    reason: String,
) -> Result<String, AppError> {
    state
        .blocking(move |db, ctx| person::reveal(db, ctx, id, field, &reason))
        .await
}

#[tauri::command]
pub async fn person_merge_preview(
    state: State<'_, AppState>,
    keep: i64,
    other: i64,
) -> Result<MergePreview, AppError> {
    state
        .blocking(move |db, ctx| person::merge_preview(db, ctx, keep, other))
        .await
}

#[tauri::command]
pub async fn person_merge(
    state: State<'_, AppState>,
    keep: i64,
    other: i64,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| person::merge(db, ctx, keep, other))
        .await
}

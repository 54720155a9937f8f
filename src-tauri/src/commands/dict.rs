use taizhang_app::{core::dict::Dict, dict, AppError};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn dict_values(state: State<'_, AppState>, dict: Dict) -> Result<Vec<String>, AppError> {
    state.blocking(move |db, _| dict::values(db, dict)).await
}

#[tauri::command]
pub async fn dict_add(
    state: State<'_, AppState>,
    dict: Dict,
    value: String,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| dict::add_value(db, ctx, dict, &value))
        .await
}

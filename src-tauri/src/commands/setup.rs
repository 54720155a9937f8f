use taizhang_app::{
    setup::{self, SetupInput, SetupStatus},
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn setup_status(state: State<'_, AppState>) -> Result<SetupStatus, AppError> {
    state.unguarded(|db, _| setup::status(db)).await
}

#[tauri::command]
pub async fn setup_initialize(
    state: State<'_, AppState>,
    input: SetupInput,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| setup::initialize(db, ctx, input))
        .await
}

#[tauri::command]
pub async fn setup_load_demo(state: State<'_, AppState>) -> Result<usize, AppError> {
    state.blocking(setup::load_demo).await
}

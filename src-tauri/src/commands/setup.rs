use taizhang_app::{
    encryption::{self, EncryptionStatus},
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

/// The unlock screen: opens the encrypted database with its password.
#[tauri::command]
pub async fn database_unlock(state: State<'_, AppState>, password: String) -> Result<(), AppError> {
    state.unlock(password).await
}

#[tauri::command]
pub async fn encryption_status(state: State<'_, AppState>) -> Result<EncryptionStatus, AppError> {
    state.blocking(|db, _| Ok(encryption::status(db))).await
}

#[tauri::command]
pub async fn encryption_set_password(
    state: State<'_, AppState>,
    current: String,
    password: Option<String>,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| encryption::set_password(db, ctx, &current, password.as_deref()))
        .await
}

//! A register's import template (each register's own export lives with its commands).

use std::path::PathBuf;

use taizhang_app::{export, import::Register, AppError};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn export_template(
    state: State<'_, AppState>,
    register: String,
    path: PathBuf,
) -> Result<u32, AppError> {
    let register = Register::from_cli_name(&register)?;
    state
        .blocking(move |db, _| export::import_template(db, register, &path))
        .await
}

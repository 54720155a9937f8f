//! A register to Excel (our layout or a higher level's template), and its import template. The
//! party-member roster exports a filtered view with its own command.

use std::path::PathBuf;

use taizhang_app::{
    export::{self, Exported, Request},
    import::Register,
    AppError,
};
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
        .blocking(move |db, ctx| export::import_template(db, ctx, register, &path))
        .await
}

/// The whole register, IDs and phones masked; into `template` when given.
#[tauri::command]
pub async fn export_register(
    state: State<'_, AppState>,
    register: String,
    path: PathBuf,
    template: Option<PathBuf>,
) -> Result<Exported, AppError> {
    let register = Register::from_cli_name(&register)?;
    state
        .blocking(move |db, ctx| {
            let request = Request {
                template: template.as_deref(),
                ..Default::default()
            };
            export::export(db, ctx, register, &path, request)
        })
        .await
}

//! The import wizard: preview and apply with progress streamed over a channel, cancel, the
//! error report, the import history and undo.

use std::path::PathBuf;

use taizhang_app::{
    core::progress::Tick,
    db::import_batch::ImportBatch,
    import::{self, Approval, Choice, FieldChoice, ImportOptions, ImportOutcome, Register},
    AppError,
};
use tauri::{ipc::Channel, State};

use crate::state::AppState;

#[tauri::command]
pub fn import_fields(register: String) -> Result<Vec<FieldChoice>, AppError> {
    Ok(import::field_choices(Register::from_cli_name(&register)?))
}

#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    register: String,
    path: PathBuf,
    options: ImportOptions,
    on_progress: Channel<Tick>,
) -> Result<ImportOutcome, AppError> {
    let register = Register::from_cli_name(&register)?;
    let progress = state.progress(on_progress);
    state
        .blocking(move |db, ctx| import::preview(db, ctx, register, &path, &options, &progress))
        .await
}

#[tauri::command]
pub async fn import_apply(
    state: State<'_, AppState>,
    register: String,
    path: PathBuf,
    options: ImportOptions,
    choice: Choice,
    expected_hash: String,
    on_progress: Channel<Tick>,
) -> Result<ImportOutcome, AppError> {
    let register = Register::from_cli_name(&register)?;
    let progress = state.progress(on_progress);
    state
        .blocking(move |db, ctx| {
            let approval = Approval {
                choice,
                expected_hash: Some(&expected_hash),
            };
            import::apply(db, ctx, register, &path, &options, approval, &progress)
        })
        .await
}

/// Asks the running preview or import to stop; it stops within a few hundred rows.
#[tauri::command]
pub fn import_cancel(state: State<'_, AppState>) {
    state.cancel();
}

/// Writes the error report beside the file; returns where.
#[tauri::command]
pub async fn import_write_errors(
    state: State<'_, AppState>,
    register: String,
    path: PathBuf,
    options: ImportOptions,
) -> Result<String, AppError> {
    let register = Register::from_cli_name(&register)?;
    state
        .blocking(move |db, ctx| {
            let out = import::errors_beside(&path);
            import::write_errors(db, ctx, register, &path, &options, &out)?;
            Ok(out.display().to_string())
        })
        .await
}

#[tauri::command]
pub async fn import_batches(state: State<'_, AppState>) -> Result<Vec<ImportBatch>, AppError> {
    state.blocking(|db, _| import::batches(db)).await
}

#[tauri::command]
pub async fn import_undo(state: State<'_, AppState>, batch_id: i64) -> Result<u32, AppError> {
    state
        .blocking(move |db, ctx| import::undo(db, ctx, batch_id))
        .await
}

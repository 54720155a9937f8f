//! PDFs: made in Rust, previewed in the window (pdf.js), saved, or handed to the system to print.

use std::path::PathBuf;

use taizhang_app::{
    print::{self, FontSetting, PrintRequest, Printed},
    AppError, ErrorCode,
};
use tauri::{ipc::Response, Manager, State};

use crate::state::AppState;

/// The PDF's bytes, for the preview.
#[tauri::command]
pub async fn print_preview(
    state: State<'_, AppState>,
    request: PrintRequest,
) -> Result<Response, AppError> {
    let printed = state
        .blocking(move |db, ctx| print::request(db, ctx, &request))
        .await?;
    Ok(Response::new(printed.bytes))
}

#[tauri::command]
pub async fn print_save(
    state: State<'_, AppState>,
    request: PrintRequest,
    path: PathBuf,
) -> Result<Printed, AppError> {
    state
        .blocking(move |db, ctx| {
            let printed = print::request(db, ctx, &request)?;
            print::save(&printed, &path)?;
            Ok(printed)
        })
        .await
}

/// Saves the PDF in the app's print folder and hands it to the system's printing.
#[tauri::command]
pub async fn print_system(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: PrintRequest,
) -> Result<String, AppError> {
    let folder = app
        .path()
        .app_cache_dir()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("找不到打印用的临时文件夹：{e}")))?
        .join("print");
    std::fs::create_dir_all(&folder)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法创建 {}：{e}", folder.display())))?;
    state
        .blocking(move |db, ctx| {
            let printed = print::request(db, ctx, &request)?;
            let path = print::save_in(&printed, &folder)?;
            print::hand_to_system(&path)?;
            Ok(path.display().to_string())
        })
        .await
}

#[tauri::command]
pub async fn print_fonts(state: State<'_, AppState>) -> Result<Vec<FontSetting>, AppError> {
    state.blocking(move |db, _| print::font_settings(db)).await
}

#[tauri::command]
pub async fn print_set_font(
    state: State<'_, AppState>,
    key: String,
    path: String,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| print::set_font(db, ctx, &key, &path))
        .await
}

//! 用户与权限: logging in and locking, the users, the access log.

use std::path::PathBuf;

use taizhang_app::{
    access,
    core::user::Role,
    user::{self, Session, UserRow},
    AppError,
};
use tauri::State;

use crate::state::AppState;

/// Whether the office has named users, and who is logged in.
#[tauri::command]
pub async fn session_status(
    state: State<'_, AppState>,
) -> Result<(bool, Option<Session>), AppError> {
    let session = state.session();
    let any = state.unguarded(|db, _| user::any(db)).await?;
    Ok((any, session))
}

#[tauri::command]
pub async fn session_login(
    state: State<'_, AppState>,
    name: String,
    password: String,
) -> Result<Session, AppError> {
    let who = state
        .unguarded(move |db, _| user::login(db, &name, &password, user::now()))
        .await?;
    state.log_in(who.clone());
    Ok(who)
}

#[tauri::command]
pub fn session_lock(state: State<'_, AppState>) {
    state.lock();
}

#[tauri::command]
pub async fn user_list(state: State<'_, AppState>) -> Result<Vec<UserRow>, AppError> {
    state.blocking(|db, _| user::list(db)).await
}

#[tauri::command]
pub async fn user_add(
    state: State<'_, AppState>,
    name: String,
    role: Role,
    password: String,
) -> Result<i64, AppError> {
    let id = state
        .blocking(move |db, ctx| user::add(db, ctx, &name, role, &password))
        .await?;
    Ok(id)
}

#[tauri::command]
pub async fn user_set_password(
    state: State<'_, AppState>,
    id: i64,
    password: String,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| user::set_password(db, ctx, id, &password))
        .await
}

#[tauri::command]
pub async fn user_remove(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| user::remove(db, ctx, id))
        .await
}

#[tauri::command]
pub async fn access_export(state: State<'_, AppState>, path: PathBuf) -> Result<u32, AppError> {
    state
        .blocking(move |db, ctx| access::export(db, ctx, &path))
        .await
}

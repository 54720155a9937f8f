use taizhang_app::{
    audit,
    db::audit::{AuditEntry, AuditQuery},
    AppError, Page,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn audit_list(
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Result<Page<AuditEntry>, AppError> {
    state.blocking(move |db, _| audit::list(db, &query)).await
}

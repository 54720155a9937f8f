use taizhang_app::{db::org::OrgNode, org, AppError};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn org_tree(state: State<'_, AppState>) -> Result<Vec<OrgNode>, AppError> {
    state.blocking(|db, _| org::tree(db)).await
}

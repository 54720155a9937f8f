use taizhang_app::{
    core::meeting::{Attendee, MeetingInput, TaskStatus},
    db::meeting::{MeetingDetail, MeetingQuery, MeetingRow, TaskRow},
    meeting::{self, AttendancePoints, Compliance},
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn meeting_list(
    state: State<'_, AppState>,
    query: MeetingQuery,
) -> Result<Vec<MeetingRow>, AppError> {
    state
        .blocking(move |db, ctx| meeting::list(db, ctx, &query))
        .await
}

#[tauri::command]
pub async fn meeting_get(state: State<'_, AppState>, id: i64) -> Result<MeetingDetail, AppError> {
    state.blocking(move |db, _| meeting::get(db, id)).await
}

#[tauri::command]
pub async fn meeting_create(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| meeting::create(db, ctx, input))
        .await
}

#[tauri::command]
pub async fn meeting_update(
    state: State<'_, AppState>,
    id: i64,
    input: MeetingInput,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| meeting::update(db, ctx, id, input))
        .await
}

#[tauri::command]
pub async fn meeting_delete(state: State<'_, AppState>, id: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| meeting::delete(db, ctx, id))
        .await
}

#[tauri::command]
pub async fn meeting_roster_attendees(
    state: State<'_, AppState>,
    branch_id: i64,
) -> Result<Vec<Attendee>, AppError> {
    state
        .blocking(move |db, ctx| meeting::roster_attendees(db, ctx, branch_id))
        .await
}

#[tauri::command]
pub async fn meeting_tasks(
    state: State<'_, AppState>,
    open: bool,
) -> Result<Vec<TaskRow>, AppError> {
    state
        .blocking(move |db, ctx| meeting::tasks(db, ctx, open))
        .await
}

#[tauri::command]
pub async fn meeting_set_task(
    state: State<'_, AppState>,
    id: i64,
    status: TaskStatus,
    review: String,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| meeting::set_task(db, ctx, id, status, &review))
        .await
}

#[tauri::command]
pub async fn meeting_compliance(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Compliance, AppError> {
    state
        .blocking(move |db, ctx| meeting::compliance(db, ctx, year))
        .await
}

#[tauri::command]
pub async fn meeting_attendance_points(
    state: State<'_, AppState>,
    year: i32,
) -> Result<(i64, Vec<AttendancePoints>), AppError> {
    state
        .blocking(move |db, _| {
            Ok((
                meeting::points_per_attendance(db)?,
                meeting::attendance_points(db, year)?,
            ))
        })
        .await
}

#[tauri::command]
pub async fn meeting_set_points(state: State<'_, AppState>, points: i64) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| meeting::set_points_per_attendance(db, ctx, points))
        .await
}

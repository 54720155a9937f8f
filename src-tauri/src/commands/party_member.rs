use std::path::PathBuf;

use taizhang_app::{
    core::party_member::PartyMemberInput,
    db::party_member::{PartyMemberDetail, PartyMemberRow},
    export::{Exported, Request},
    party_member::{
        self as pm, ContactInput, HouseholdInput, PartyMemberQuery, ReportInput, Satellite,
        SensitiveField,
    },
    AppError, Page,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn party_member_list(
    state: State<'_, AppState>,
    query: PartyMemberQuery,
) -> Result<Page<PartyMemberRow>, AppError> {
    state
        .blocking(move |db, ctx| pm::list(db, ctx, &query))
        .await
}

#[tauri::command]
pub async fn party_member_get(
    state: State<'_, AppState>,
    id: i64,
) -> Result<PartyMemberDetail, AppError> {
    state.blocking(move |db, ctx| pm::get(db, ctx, id)).await
}

#[tauri::command]
pub async fn party_member_reveal(
    state: State<'_, AppState>,
    id: i64,
    field: SensitiveField,
    reason: String,
) -> Result<String, AppError> {
    state
        .blocking(move |db, ctx| pm::reveal(db, ctx, id, field, &reason))
        .await
}

#[tauri::command]
pub async fn party_member_create(
    state: State<'_, AppState>,
    input: PartyMemberInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| pm::create(db, ctx, input))
        .await
}

#[tauri::command]
pub async fn party_member_update(
    state: State<'_, AppState>,
    id: i64,
    input: PartyMemberInput,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| pm::update(db, ctx, id, input))
        .await
}

#[tauri::command]
pub async fn party_member_delete(
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> Result<usize, AppError> {
    state
        .blocking(move |db, ctx| pm::delete(db, ctx, &ids))
        .await
}

#[tauri::command]
pub async fn party_member_add_report(
    state: State<'_, AppState>,
    member_id: i64,
    input: ReportInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| pm::add_report(db, ctx, member_id, input))
        .await
}

#[tauri::command]
pub async fn party_member_add_household(
    state: State<'_, AppState>,
    member_id: i64,
    input: HouseholdInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| pm::add_household(db, ctx, member_id, input))
        .await
}

#[tauri::command]
pub async fn party_member_remove_report(
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| pm::remove_satellite(db, ctx, Satellite::Report, id))
        .await
}

#[tauri::command]
pub async fn party_member_remove_household(
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| pm::remove_satellite(db, ctx, Satellite::Household, id))
        .await
}

/// The members the list's query finds, as an .xlsx with IDs and phones masked: in our layout,
/// or filled into `template` (a higher level's form).
#[tauri::command]
pub async fn party_member_export(
    state: State<'_, AppState>,
    query: PartyMemberQuery,
    path: PathBuf,
    template: Option<PathBuf>,
) -> Result<Exported, AppError> {
    state
        .blocking(move |db, ctx| {
            let request = Request {
                template: template.as_deref(),
                ..Request::default()
            };
            pm::export(db, ctx, &query, &path, request)
        })
        .await
}

#[tauri::command]
pub async fn party_member_add_contact(
    state: State<'_, AppState>,
    member_id: i64,
    input: ContactInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| pm::add_contact(db, ctx, member_id, input))
        .await
}

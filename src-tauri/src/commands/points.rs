use taizhang_app::{
    core::points::Rule,
    db::points::{AccountRow, Dashboard, EntryRow, GoodsRow, PendingRow, WishRow},
    points::{self, AccountInput, PointsSheet, Receipt, Recorded, RuleInput, ServiceInput},
    AppError,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn points_accounts(
    state: State<'_, AppState>,
    search: String,
) -> Result<Vec<AccountRow>, AppError> {
    state
        .blocking(move |db, _| points::accounts(db, &search))
        .await
}

#[tauri::command]
pub async fn points_ledger(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<Vec<EntryRow>, AppError> {
    state
        .blocking(move |db, _| points::ledger(db, account_id))
        .await
}

#[tauri::command]
pub async fn points_open_account(
    state: State<'_, AppState>,
    input: AccountInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::open_account(db, ctx, input))
        .await
}

#[tauri::command]
pub async fn points_rules(state: State<'_, AppState>) -> Result<Vec<Rule>, AppError> {
    state.blocking(move |db, _| points::rules(db)).await
}

#[tauri::command]
pub async fn points_set_rule(
    state: State<'_, AppState>,
    input: RuleInput,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::set_rule(db, ctx, input))
        .await
}

#[tauri::command]
pub async fn points_record_service(
    state: State<'_, AppState>,
    input: ServiceInput,
) -> Result<Recorded, AppError> {
    state
        .blocking(move |db, ctx| points::record_service(db, ctx, input))
        .await
}

#[tauri::command]
pub async fn points_pending(state: State<'_, AppState>) -> Result<Vec<PendingRow>, AppError> {
    state.blocking(move |db, _| points::pending(db)).await
}

#[tauri::command]
pub async fn points_decide(
    state: State<'_, AppState>,
    record_id: i64,
    approve: bool,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| points::decide(db, ctx, record_id, approve))
        .await
}

#[tauri::command]
pub async fn points_adjust(
    state: State<'_, AppState>,
    account_id: i64,
    points: String,
    reason: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::adjust(db, ctx, account_id, &points, &reason))
        .await
}

#[tauri::command]
pub async fn points_reverse(
    state: State<'_, AppState>,
    entry_id: i64,
    reason: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::reverse(db, ctx, entry_id, &reason))
        .await
}

#[tauri::command]
pub async fn points_goods(state: State<'_, AppState>) -> Result<Vec<GoodsRow>, AppError> {
    state.blocking(move |db, _| points::goods(db)).await
}

#[tauri::command]
pub async fn points_add_goods(
    state: State<'_, AppState>,
    name: String,
    unit: String,
    price: String,
    low_stock: i64,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::add_goods(db, ctx, &name, &unit, &price, low_stock))
        .await
}

#[tauri::command]
pub async fn points_stock_in(
    state: State<'_, AppState>,
    goods_id: i64,
    quantity: i64,
    source: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::stock_in(db, ctx, goods_id, quantity, &source, None))
        .await
}

#[tauri::command]
pub async fn points_redeem(
    state: State<'_, AppState>,
    account_id: i64,
    basket: Vec<(i64, i64)>,
) -> Result<Receipt, AppError> {
    state
        .blocking(move |db, ctx| points::redeem(db, ctx, account_id, &basket))
        .await
}

#[tauri::command]
pub async fn points_issue_certificate(
    state: State<'_, AppState>,
    account_id: i64,
    from: String,
    to: String,
    issuer: String,
) -> Result<String, AppError> {
    state
        .blocking(move |db, ctx| {
            points::issue_certificate(db, ctx, account_id, &from, &to, &issuer)
        })
        .await
}

#[tauri::command]
pub async fn points_export(
    state: State<'_, AppState>,
    sheet: PointsSheet,
    month: String,
    path: std::path::PathBuf,
) -> Result<u32, AppError> {
    state
        .blocking(move |db, ctx| points::export(db, ctx, sheet, &month, &path))
        .await
}

#[tauri::command]
pub async fn points_wishes(state: State<'_, AppState>) -> Result<Vec<WishRow>, AppError> {
    state.blocking(move |db, _| points::wishes(db)).await
}

#[tauri::command]
pub async fn points_post_wish(
    state: State<'_, AppState>,
    resident: String,
    content: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::post_wish(db, ctx, &resident, &content))
        .await
}

#[tauri::command]
pub async fn points_claim_wish(
    state: State<'_, AppState>,
    wish_id: i64,
    account_id: i64,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| points::claim_wish(db, ctx, wish_id, account_id))
        .await
}

#[tauri::command]
pub async fn points_fulfil_wish(
    state: State<'_, AppState>,
    wish_id: i64,
    rule: String,
) -> Result<Recorded, AppError> {
    state
        .blocking(move |db, ctx| points::fulfil_wish(db, ctx, wish_id, &rule))
        .await
}

#[tauri::command]
pub async fn points_dashboard(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Dashboard, AppError> {
    state
        .blocking(move |db, _| points::dashboard(db, year))
        .await
}

#[tauri::command]
pub async fn points_expire(
    state: State<'_, AppState>,
    cutoff: String,
) -> Result<(usize, i64), AppError> {
    state
        .blocking(move |db, ctx| points::expire(db, ctx, &cutoff).map(|(n, p)| (n, p.0)))
        .await
}

#[tauri::command]
pub async fn points_count_stock(
    state: State<'_, AppState>,
    goods_id: i64,
    counted: i64,
    reason: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| points::count_stock(db, ctx, goods_id, counted, &reason))
        .await
}

#[tauri::command]
pub async fn points_household_members(
    state: State<'_, AppState>,
    account_id: i64,
) -> Result<Vec<(i64, String, String)>, AppError> {
    state
        .blocking(move |db, _| points::household_members(db, account_id))
        .await
}

#[tauri::command]
pub async fn points_add_household_member(
    state: State<'_, AppState>,
    account_id: i64,
    name: String,
    relation: String,
) -> Result<i64, AppError> {
    state
        .blocking(move |db, ctx| {
            points::add_household_member(db, ctx, account_id, &name, &relation)
        })
        .await
}

#[tauri::command]
pub async fn points_remove_household_member(
    state: State<'_, AppState>,
    account_id: i64,
    member_id: i64,
) -> Result<(), AppError> {
    state
        .blocking(move |db, ctx| points::remove_household_member(db, ctx, account_id, member_id))
        .await
}

//! 台账 desktop shell: opens the database, starts logging, and exposes the app crate's use cases
//! as Tauri commands. No rules and no SQL live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use std::path::PathBuf;

use taizhang_app::paths;
use tauri::Manager;

/// `--db PATH` on the command line wins over `TAIZHANG_DB` and the default.
fn db_arg() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

/// Daily log files beside the database; they never hold a full ID or phone number.
fn start_logging(db: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = db.parent()?.join("logs");
    let appender = tracing_appender::rolling::daily(dir, "taizhang.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TAIZHANG_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(writer)
        .with_ansi(false)
        .init();
    Some(guard)
}

fn main() {
    let db_path = paths::database(db_arg());
    let _guard = start_logging(&db_path);
    tracing::info!(path = %db_path.display(), "starting");
    let state = state::AppState::open(&db_path);
    let result = tauri::Builder::default()
        .setup(|app| {
            // The day's backup, off the window's thread: it takes the database lock briefly.
            let handle = app.handle().clone();
            std::thread::spawn(move || handle.state::<state::AppState>().backup(true));
            // PDFs handed to the printer on earlier days go.
            if let Ok(cache) = app.path().app_cache_dir() {
                taizhang_app::print::sweep_printed(
                    &cache.join("print"),
                    taizhang_app::print::PRINTED_KEPT,
                );
            }
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::setup::setup_status,
            commands::setup::setup_initialize,
            commands::setup::setup_load_demo,
            commands::setup::database_unlock,
            commands::setup::encryption_status,
            commands::setup::encryption_set_password,
            commands::org::org_tree,
            commands::org::org_add,
            commands::org::org_rename,
            commands::org::org_move,
            commands::org::org_merge,
            commands::org::org_remove,
            commands::org::org_import_sheet,
            commands::dict::dict_values,
            commands::dict::dict_add,
            commands::party_member::party_member_list,
            commands::party_member::party_member_get,
            commands::party_member::party_member_reveal,
            commands::party_member::party_member_create,
            commands::party_member::party_member_update,
            commands::party_member::party_member_delete,
            commands::party_member::party_member_add_report,
            commands::party_member::party_member_add_household,
            commands::party_member::party_member_remove_report,
            commands::party_member::party_member_remove_household,
            commands::party_member::party_member_export,
            commands::recycle_bin::recycle_bin_list,
            commands::recycle_bin::recycle_bin_restore,
            commands::audit::audit_list,
            commands::import::import_fields,
            commands::import::import_preview,
            commands::import::import_apply,
            commands::import::import_cancel,
            commands::import::import_write_errors,
            commands::import::import_batches,
            commands::import::import_undo,
            commands::export::export_template,
            commands::export::export_register,
            commands::person::home,
            commands::person::todo_list,
            commands::person::search_all,
            commands::person::person_file,
            commands::person::person_reveal,
            commands::person::person_merge_preview,
            commands::person::person_merge,
            commands::user::session_status,
            commands::user::session_login,
            commands::user::session_lock,
            commands::user::user_list,
            commands::user::user_add,
            commands::user::user_set_password,
            commands::user::user_remove,
            commands::user::access_export,
            commands::archive::archive_export,
            commands::archive::archive_import,
            commands::backup::backup_settings,
            commands::backup::backup_set_folder,
            commands::backup::backup_set_password,
            commands::backup::backup_take,
            commands::backup::backup_list,
            commands::backup::backup_preview,
            commands::backup::backup_restore,
            commands::talent::talent_list,
            commands::talent::talent_get,
            commands::talent::talent_skills,
            commands::talent::talent_save,
            commands::talent::talent_delete,
            commands::party_member::party_member_add_contact,
            commands::house::house_list,
            commands::house::house_get,
            commands::house::house_reveal,
            commands::house::house_save,
            commands::house::house_delete,
            commands::house::house_inspect,
            commands::house::house_move_rectification,
            commands::house::house_evacuate,
            commands::house::house_dashboard,
            commands::house::house_attach,
            commands::house::house_attachment,
            commands::house::house_save_attachment,
            commands::house::house_remove_attachment,
            commands::meeting::meeting_list,
            commands::meeting::meeting_get,
            commands::meeting::meeting_create,
            commands::meeting::meeting_update,
            commands::meeting::meeting_delete,
            commands::meeting::meeting_roster_attendees,
            commands::meeting::meeting_tasks,
            commands::meeting::meeting_set_task,
            commands::meeting::meeting_compliance,
            commands::meeting::meeting_attendance_points,
            commands::meeting::meeting_set_points,
            commands::print::print_preview,
            commands::print::print_save,
            commands::print::print_system,
            commands::print::print_fonts,
            commands::print::print_set_font,
            commands::points::points_accounts,
            commands::points::points_ledger,
            commands::points::points_open_account,
            commands::points::points_rules,
            commands::points::points_set_rule,
            commands::points::points_record_service,
            commands::points::points_pending,
            commands::points::points_decide,
            commands::points::points_adjust,
            commands::points::points_reverse,
            commands::points::points_goods,
            commands::points::points_add_goods,
            commands::points::points_stock_in,
            commands::points::points_redeem,
            commands::points::points_issue_certificate,
            commands::points::points_export,
            commands::points::points_wishes,
            commands::points::points_post_wish,
            commands::points::points_claim_wish,
            commands::points::points_fulfil_wish,
            commands::points::points_dashboard,
            commands::points::points_expire,
            commands::points::points_count_stock,
            commands::points::points_household_members,
            commands::points::points_add_household_member,
            commands::points::points_remove_household_member,
        ])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    app.state::<state::AppState>().backup(false);
                }
            })
        });
    if let Err(e) = result {
        tracing::error!(error = %e, "the window could not start");
        eprintln!("台账无法启动：{e}");
        std::process::exit(1);
    }
}

//! 台账 desktop shell: opens the database, starts logging, and hands every command the window
//! gives to the app crate's command table (`taizhang_app::command`) — or, connected to another
//! PC's host, to that host (`taizhang_server::remote`) — and installs the server behind the 共享
//! switch (`taizhang_server::switch`). No rules, no SQL and no command list live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::{path::PathBuf, sync::Arc};

use serde_json::Value;
use taizhang_app::{
    command::{self, Mark, Reply},
    core::progress::Tick,
    paths,
    service::{Seat, Service},
    AppError, ErrorCode,
};
use taizhang_server::link::Link;
use tauri::{
    ipc::{Channel, JavaScriptChannelId, Response},
    Manager, Webview,
};

/// The office's database and the window's one seat; or, while the window uses another PC's
/// host, that host.
struct Desk {
    service: Arc<Service>,
    seat: Seat,
    link: Arc<Link>,
}

/// `--db PATH` on the command line wins over `TAIZHANG_DB` and the default.
fn db_arg() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

/// Where the 共享 switch listens: every network card on port 8443, or `TAIZHANG_SHARE_LISTEN`
/// (ADDR:PORT) on a PC where that port is taken.
fn share_listen() -> std::net::SocketAddr {
    std::env::var("TAIZHANG_SHARE_LISTEN")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| ([0, 0, 0, 0], taizhang_server::DEFAULT_PORT).into())
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

/// The one Tauri command: runs the command `name` off the window's thread; a long task's
/// progress goes back over `on_progress`.
#[tauri::command]
async fn call(
    webview: Webview,
    desk: tauri::State<'_, Arc<Desk>>,
    name: String,
    args: Value,
    on_progress: Option<JavaScriptChannelId>,
) -> Result<Response, AppError> {
    let desk = Arc::clone(&desk);
    let channel: Option<Channel<Tick>> = on_progress.map(|id| id.channel_on(webview));
    let reply = tauri::async_runtime::spawn_blocking(move || {
        // A window that has gone away no longer needs to know.
        let sink = channel.map(|c| move |tick: Tick| drop(c.send(tick)));
        let ticks = sink.as_ref().map(|s| s as &(dyn Fn(Tick) + Sync));
        // Connected to another PC's host, the window sends it every command but those about
        // the connection itself.
        let remote = desk
            .link
            .remote()
            .filter(|_| command::find(&name).is_ok_and(|c| !c.is(Mark::Window)));
        match remote {
            Some(host) => host.call(&name, args, ticks),
            None => command::dispatch(&desk.service, &desk.seat, &name, args, ticks),
        }
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Database, format!("后台任务失败：{e}")))??;
    Ok(match reply {
        Reply::Json(json) => Response::new(json),
        Reply::Bytes(bytes) => Response::new(bytes),
    })
}

/// A Windows PC without the WebView2 runtime cannot open the window: the same office opens in
/// this PC's browser instead (`taizhang.exe serve --local`, installed beside this program), and
/// that program's console says how to get the window.
#[cfg(windows)]
fn browser_mode_without_webview2() -> bool {
    if tauri::webview_version().is_ok() {
        return false;
    }
    let Ok(me) = std::env::current_exe() else {
        return false;
    };
    let mut serve = std::process::Command::new(me.with_file_name("taizhang.exe"));
    if let Some(db) = db_arg() {
        serve.arg("--db").arg(db);
    }
    serve.args(["serve", "--local"]).spawn().is_ok()
}

/// WebKitGTK draws the page without the GPU: a register's tables and forms need none, and its
/// GL compositing costs the page's process about 100 MB (measured under Xvfb, where it runs on
/// Mesa's llvmpipe) and shows a blank window on some PCs' graphics drivers. Set before any
/// thread starts; a clerk's own setting of the variable wins. Not under WebDriver (tauri-driver
/// sets `TAURI_WEBVIEW_AUTOMATION`): WebKitWebDriver's screenshot can wait forever for a frame
/// in that mode (the start-up benchmark sets the variable itself, as a clerk's window has it).
#[cfg(target_os = "linux")]
fn without_gpu_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    if !automated && std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

fn main() {
    #[cfg(windows)]
    if browser_mode_without_webview2() {
        return;
    }
    #[cfg(target_os = "linux")]
    without_gpu_compositing();
    let db_path = paths::database(db_arg());
    let _guard = start_logging(&db_path);
    tracing::info!(path = %db_path.display(), "starting");
    let service = Arc::new(Service::open(&db_path));
    // 共享给本单位其他电脑: the switch serves this window's own service.
    service.set_sharer(Box::new(taizhang_server::switch::Switch::on(
        &service,
        db_path.clone(),
        share_listen(),
    )));
    // 连接到共享的电脑: kept beside the database, so the window opens connected.
    let link = Arc::new(Link::beside(&db_path));
    service.set_connector(Arc::clone(&link) as Arc<dyn taizhang_app::network::Connector>);
    let desk = Arc::new(Desk {
        service,
        seat: Seat::on_this_pc(),
        link,
    });
    let result = tauri::Builder::default()
        .setup(|app| {
            // The day's backup, off the window's thread: it takes the database lock briefly.
            let desk = Arc::clone(&app.state::<Arc<Desk>>());
            // Then sharing again, when the switch was left on.
            std::thread::spawn(move || {
                desk.service.backup(true);
                taizhang_app::share::resume(&desk.service);
            });
            // PDFs handed to the printer on earlier days go.
            taizhang_app::print::sweep_printed(
                &paths::print_cache(),
                taizhang_app::print::PRINTED_KEPT,
            );
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .manage(desk)
        .invoke_handler(tauri::generate_handler![call])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    app.state::<Arc<Desk>>().service.backup(false);
                }
            })
        });
    if let Err(e) = result {
        tracing::error!(error = %e, "the window could not start");
        eprintln!("台账无法启动：{e}");
        std::process::exit(1);
    }
}

//! `taizhang serve`: the office's database shared with every clerk's browser on the office
//! network (HTTPS with the host's own certificate), or with this PC's own browser (`--local`).

use std::{net::SocketAddr, path::Path, sync::Arc};

use clap::Args;
use taizhang_app::{service::Service, AppError, ErrorCode};
use taizhang_server::{Options, Started, DEFAULT_PORT};

#[derive(Args)]
pub struct ServeArgs {
    /// 监听的地址和端口（默认 0.0.0.0:8443，即本机所有网卡）
    #[arg(long, value_name = "ADDR:PORT")]
    listen: Option<SocketAddr>,
    /// 只供本机的浏览器使用（http://127.0.0.1，不加密），并用系统浏览器打开：没有 WebKitGTK 4.1 的统信UOS、麒麟电脑用这种方式
    #[arg(long)]
    local: bool,
    /// 与 --local 一起：不打开浏览器，只显示链接
    #[arg(long)]
    no_browser: bool,
}

/// Serves until Ctrl+C.
pub fn run(path: &Path, key: Option<&str>, args: ServeArgs) -> Result<(), AppError> {
    let service = Service::open(path);
    if let Some(key) = key {
        service.unlock(key)?;
    }
    if !args.local {
        service.shareable()?;
    }
    let options = Options {
        database: path.to_owned(),
        listen: args
            .listen
            .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], DEFAULT_PORT))),
        local: args.local,
    };
    let open_browser = args.local && !args.no_browser;
    let runtime = tokio_runtime()?;
    let service = Arc::new(service);
    runtime.block_on(taizhang_server::serve(
        Arc::clone(&service),
        options,
        |started| {
            tell(path, started);
            if open_browser && !open_in_browser(&started.address) {
                eprintln!("无法打开浏览器：请把上面的链接复制到浏览器中打开");
            }
        },
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    ))?;
    service.backup(false);
    Ok(())
}

fn tokio_runtime() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法启动共享服务：{e}")))
}

fn tell(path: &Path, started: &Started) {
    println!("台账共享服务已启动：{}", path.display());
    match &started.certificate {
        Some((fingerprint, cert)) => {
            println!("请同事在浏览器中打开：{}", started.address);
            println!("证书指纹（SHA-256）：{fingerprint}");
            println!(
                "浏览器第一次会提示“连接不是私密连接”：请核对浏览器显示的证书指纹与上面一致后再继续。证书文件：{}",
                cert.display()
            );
        }
        None => {
            println!("在本机浏览器中打开：{}", started.address);
            if cfg!(windows) {
                println!("台账的窗口需要 Microsoft Edge WebView2 运行时：安装它之后，从开始菜单的“台账”即可打开窗口。");
            }
        }
    }
    println!("按 Ctrl+C 停止共享。");
}

/// Opens `url` in the system's browser; false when there is none to ask.
fn open_in_browser(url: &str) -> bool {
    use std::process::Command;
    let opener = if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    // Not waited for: the browser keeps running after this returns.
    Command::new(opener).arg(url).spawn().is_ok()
}

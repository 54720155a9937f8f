//! 共享模式: one office's database served to every clerk's browser on the office network. The
//! same command table as the window ([`taizhang_app::command`]), the same page (`ui/dist`, built
//! in), over HTTPS with the host's own certificate ([`tls`]); plain HTTP only on the loopback
//! address (`--local`, for a PC whose system cannot show the window).
//!
//! - [`api`]: the routes, the origin check, the answers.
//! - [`clerks`]: each browser by its session cookie, with its [`taizhang_app::service::Seat`].
//! - [`files`]: uploads and downloads in place of the window's file dialogs.
//! - [`switch`]: the window's 共享 switch, the host on a thread of its own.
//! - [`remote`]: the other way round, the window using another PC's host; [`link`] which host.
//! - [`ui`]: the built page.
//! - [`token`]: unguessable names (cookies, downloads).

pub mod api;
pub mod clerks;
pub mod files;
pub mod link;
pub mod remote;
pub mod switch;
pub mod tls;
pub mod token;
pub mod ui;

use std::{
    net::{IpAddr, SocketAddr, UdpSocket},
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use axum::{
    extract::DefaultBodyLimit,
    middleware,
    routing::{get, post},
    Extension, Router,
};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    service::TowerToHyperService,
};
use taizhang_app::{service::Service, AppError, ErrorCode, Result};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::{api::Peer, clerks::Clerks};

/// The port a host listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8443;

/// Connections served at once; more wait in the system's queue.
const MAX_CONNECTIONS: usize = 512;

/// A connection that has not finished its TLS handshake or its request's head by then is closed.
const SLOW: Duration = Duration::from_secs(20);

/// How often clerks nobody uses are forgotten.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// How a host is started.
pub struct Options {
    pub database: PathBuf,
    /// Where to listen; `--local` listens on 127.0.0.1 alone.
    pub listen: SocketAddr,
    /// Plain HTTP on the loopback address, for this PC's own browser.
    pub local: bool,
}

/// What the host tells the clerk who started it.
pub struct Started {
    /// The address to give colleagues (or, on `--local`, the link to open here).
    pub address: String,
    /// The certificate's fingerprint and file, over HTTPS.
    pub certificate: Option<(String, PathBuf)>,
}

/// What every request reaches.
pub struct Host {
    pub service: Arc<Service>,
    pub clerks: Clerks,
    /// On `--local`: the launch link's token, which makes a browser this PC's own seat.
    pub launch: Option<String>,
    /// Over HTTPS.
    pub secure: bool,
}

fn io(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Io, format!("共享服务无法启动：{e}"))
}

/// This PC's address on the office network: the one the system would send from (no packet is
/// sent to find it).
pub fn lan_address() -> Option<IpAddr> {
    let probe = UdpSocket::bind("0.0.0.0:0").ok()?;
    probe.connect("10.255.255.255:1").ok()?;
    probe
        .local_addr()
        .ok()
        .map(|a| a.ip())
        .filter(|ip| !ip.is_loopback())
}

/// The routes over `host`.
pub fn router(host: Arc<Host>) -> Router {
    Router::new()
        .route("/api/call/{name}", post(api::call))
        .route("/api/upload", post(api::upload))
        .route("/api/download/{token}", get(api::download))
        .fallback(get(api::page))
        // An upload streams to disk with its own limit; a command's arguments are small.
        .route_layer(DefaultBodyLimit::max(4 << 20))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&host),
            api::guard,
        ))
        .with_state(host)
}

/// Serves `service` until `stop` ends (Ctrl+C, the window's switch); `ready` is told where,
/// once listening. The service may be shared with the window of the same PC (or a benchmark).
pub async fn serve(
    service: Arc<Service>,
    options: Options,
    ready: impl FnOnce(&Started),
    stop: impl std::future::Future<Output = ()>,
) -> Result<()> {
    let listen = if options.local {
        SocketAddr::from(([127, 0, 0, 1], options.listen.port()))
    } else {
        options.listen
    };
    let listener = TcpListener::bind(listen).await.map_err(|e| {
        io(format!(
            "无法在 {listen} 上监听（{e}）；端口可能已被占用，请用 --listen 换一个端口"
        ))
    })?;
    let port = listener.local_addr().map_err(io)?.port();
    let shown_ip = match listen.ip() {
        ip if ip.is_unspecified() => lan_address().unwrap_or(ip),
        ip => ip,
    };
    let (tls, certificate, launch, address) = if options.local {
        let launch = token::new()?;
        let address = format!("http://127.0.0.1:{port}/?token={launch}");
        (None, None, Some(launch), address)
    } else {
        let folder = options.database.parent().unwrap_or(Path::new("."));
        let names = vec!["localhost".into(), "127.0.0.1".into(), shown_ip.to_string()];
        let identity = tls::beside(folder, names)?;
        let acceptor = TlsAcceptor::from(Arc::clone(&identity.config));
        let address = format!("https://{shown_ip}:{port}/");
        (
            Some(acceptor),
            Some((identity.fingerprint, identity.cert_path)),
            None,
            address,
        )
    };
    let host = Arc::new(Host {
        service,
        clerks: Clerks::new(&options.database),
        launch,
        secure: tls.is_some(),
    });
    ready(&Started {
        address,
        certificate,
    });
    let sweeper = {
        let host = Arc::clone(&host);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(SWEEP_EVERY);
            loop {
                every.tick().await;
                let gone = host.clerks.sweep();
                if gone > 0 {
                    tracing::info!(gone, "forgot idle browsers");
                }
            }
        })
    };
    let app = router(Arc::clone(&host));
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let Ok((stream, peer)) = accepted else {
            continue;
        };
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            break;
        };
        let app = app.clone().layer(Extension(Peer(peer)));
        let tls = tls.clone();
        tokio::spawn(async move {
            connection(stream, tls, app).await;
            drop(slot);
        });
    }
    sweeper.abort();
    Ok(())
}

/// Serves one connection: HTTPS, or on the HTTPS port a plain request told where to go.
async fn connection(stream: TcpStream, tls: Option<TlsAcceptor>, app: Router) {
    let Some(acceptor) = tls else {
        http(TokioIo::new(stream), app).await;
        return;
    };
    let mut first = [0u8; 1];
    let peeked = tokio::time::timeout(SLOW, stream.peek(&mut first)).await;
    if !matches!(peeked, Ok(Ok(1))) {
        return;
    }
    // 0x16 opens a TLS handshake; anything else is a clerk who typed http://.
    if first[0] != 0x16 {
        let to_https = Router::new().fallback(to_https);
        http(TokioIo::new(stream), to_https).await;
        return;
    }
    match tokio::time::timeout(SLOW, acceptor.accept(stream)).await {
        Ok(Ok(stream)) => http(TokioIo::new(stream), app).await,
        Ok(Err(e)) => tracing::debug!(error = %e, "a TLS handshake failed"),
        Err(_) => tracing::debug!("a TLS handshake timed out"),
    }
}

async fn http<S>(io: TokioIo<S>, app: Router)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let served = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(SLOW)
        .serve_connection(io, TowerToHyperService::new(app))
        .await;
    if let Err(e) = served {
        tracing::debug!(error = %e, "a connection ended with an error");
    }
}

/// A plain request on the HTTPS port: the same address over HTTPS.
async fn to_https(request: axum::extract::Request) -> axum::response::Response {
    use axum::{
        http::{header, StatusCode},
        response::IntoResponse,
    };
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let location = format!("https://{host}/");
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, location)],
    )
        .into_response()
}

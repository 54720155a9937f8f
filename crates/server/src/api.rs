//! The routes a browser uses: every command at `POST /api/call/{name}` (the same table, names,
//! types and permissions as the window's), a file it chooses at `POST /api/upload`, a file a
//! command wrote at `GET /api/download/{token}`, and the page itself at `/`.
//!
//! A command's answer is a few lines of JSON (`application/x-ndjson`): a long task's
//! `{"tick": …}` lines as it goes, then `{"ok": result, "download": token?}` or
//! `{"error": {code, message, fields}}`. A PDF or photo is answered as its bytes.

use std::{net::SocketAddr, sync::Arc};

use axum::{
    body::{Body, Bytes},
    extract::{Path as Route, Query, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Extension,
};
use futures_util::StreamExt;
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use taizhang_app::{
    command::{self, Reply},
    core::progress::Tick,
    files::MAX_SHEET_FILE,
    service::Seat,
    AppError, ErrorCode, Result,
};
use tokio::io::AsyncWriteExt;

use crate::{
    clerks::{cookie_in, Clerk, COOKIE},
    files::{remove_with_folder, Download},
    ui, Host,
};

/// The address of the PC at the other end of the connection.
#[derive(Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// The largest file a browser may upload: the largest spreadsheet an import reads.
const MAX_UPLOAD: u64 = MAX_SHEET_FILE;

const NDJSON: &str = "application/x-ndjson; charset=utf-8";

fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Validation | ErrorCode::BadFile => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict | ErrorCode::Cancelled | ErrorCode::NewerDatabase => {
            StatusCode::CONFLICT
        }
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Encrypted => StatusCode::LOCKED,
        ErrorCode::Io | ErrorCode::Database => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// One line of an answer.
fn line(value: &Value) -> String {
    format!("{value}\n")
}

/// An answer that is only an error.
pub fn failure(e: &AppError) -> Response {
    let body = line(&json!({ "error": e }));
    (status_of(e.code), [(header::CONTENT_TYPE, NDJSON)], body).into_response()
}

fn forbidden(message: &str) -> Response {
    failure(&AppError::new(ErrorCode::Forbidden, message))
}

/// The `Set-Cookie` for a new clerk: the page's script cannot read it, no other site's page
/// sends it, and over HTTPS it travels encrypted only.
fn set_cookie(cookie: &str, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Strict{secure}"
    ))
    .ok()
}

impl Host {
    /// The clerk this browser is, a new one when it has no (or a forgotten) cookie; with the
    /// cookie to set then.
    fn clerk(&self, headers: &HeaderMap, peer: Peer) -> Result<(Arc<Clerk>, Option<String>)> {
        let known = headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(cookie_in)
            .and_then(|c| self.clerks.get(c));
        match known {
            Some(clerk) => Ok((clerk, None)),
            None => {
                let (cookie, clerk) = self.clerks.add(Seat::remote(peer.0.ip().to_string()))?;
                Ok((clerk, Some(cookie)))
            }
        }
    }

    /// The clerk this browser already is.
    fn known(&self, headers: &HeaderMap) -> Option<Arc<Clerk>> {
        headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(cookie_in)
            .and_then(|c| self.clerks.get(c))
    }
}

fn with_cookie(mut response: Response, cookie: Option<String>, secure: bool) -> Response {
    if let Some(value) = cookie.as_deref().and_then(|c| set_cookie(c, secure)) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `POST /api/call/{name}`.
pub async fn call(
    State(host): State<Arc<Host>>,
    Extension(peer): Extension<Peer>,
    Route(name): Route<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (clerk, cookie) = match host.clerk(&headers, peer) {
        Ok(found) => found,
        Err(e) => return failure(&e),
    };
    let response = match run(Arc::clone(&host), clerk, name, &body).await {
        Ok(response) => response,
        Err(e) => failure(&e),
    };
    with_cookie(response, cookie, host.secure)
}

async fn run(host: Arc<Host>, clerk: Arc<Clerk>, name: String, body: &[u8]) -> Result<Response> {
    let command = command::find(&name)?;
    let mut args: Value = if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|e| {
            AppError::new(
                ErrorCode::Validation,
                format!("命令 {name} 的参数不是有效的 JSON（{e}）"),
            )
        })?
    };
    let written = clerk.files()?.resolve(command, &mut args)?;
    if command.streams {
        return Ok(streamed(host, clerk, name, args, written));
    }
    let answer = {
        let clerk = Arc::clone(&clerk);
        tokio::task::spawn_blocking(move || {
            command::dispatch(&host.service, &clerk.seat, &name, args, None)
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Database, format!("后台任务失败：{e}")))?
    };
    match answer {
        Ok(Reply::Bytes(bytes)) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
        }
        Ok(Reply::Json(json)) => {
            let done = finished(&clerk, &json, written)?;
            Ok(([(header::CONTENT_TYPE, NDJSON)], done).into_response())
        }
        Err(e) => {
            if let Some(w) = written {
                remove_with_folder(&w.path);
            }
            Err(e)
        }
    }
}

/// The last line of a command that succeeded, offering the file it wrote. Where the result
/// names that file, the page reads the name it asked for, never a path on the host.
fn finished(clerk: &Clerk, json: &str, written: Option<Download>) -> Result<String> {
    let mut json = json.to_owned();
    let download = match written {
        Some(w) if w.path.is_file() => {
            let path = serde_json::to_string(&w.path.display().to_string())
                .map_err(|e| AppError::new(ErrorCode::Database, e.to_string()))?;
            let name = serde_json::to_string(&w.name)
                .map_err(|e| AppError::new(ErrorCode::Database, e.to_string()))?;
            json = json.replace(&path, &name);
            Some(clerk.files()?.offer(w)?)
        }
        Some(w) => {
            remove_with_folder(&w.path);
            None
        }
        None => None,
    };
    let download = download.map_or("null".to_owned(), |t| json!(t).to_string());
    Ok(format!("{{\"ok\":{json},\"download\":{download}}}\n"))
}

/// A long task's answer: its progress as it goes, then its result. A browser that goes away
/// presses the task's cancel button.
fn streamed(
    host: Arc<Host>,
    clerk: Arc<Clerk>,
    name: String,
    args: Value,
    written: Option<Download>,
) -> Response {
    let (lines, mut receive) = tokio::sync::mpsc::channel::<String>(64);
    tokio::task::spawn_blocking(move || {
        let sink = |tick: Tick| {
            use tokio::sync::mpsc::error::TrySendError;
            if let Err(TrySendError::Closed(_)) = lines.try_send(line(&json!({ "tick": tick }))) {
                clerk.seat.cancel();
            }
        };
        let answer = command::dispatch(&host.service, &clerk.seat, &name, args, Some(&sink));
        let last = match answer {
            Ok(Reply::Json(json)) => finished(&clerk, &json, written),
            Ok(Reply::Bytes(_)) => Err(AppError::new(
                ErrorCode::Database,
                "进度命令不应返回文件内容",
            )),
            Err(e) => {
                if let Some(w) = written {
                    remove_with_folder(&w.path);
                }
                Err(e)
            }
        };
        let last = last.unwrap_or_else(|e| line(&json!({ "error": e })));
        // The browser may have gone: nothing more to tell.
        drop(lines.blocking_send(last));
    });
    let body = futures_util::stream::poll_fn(move |cx| receive.poll_recv(cx))
        .map(Ok::<_, std::convert::Infallible>);
    ([(header::CONTENT_TYPE, NDJSON)], Body::from_stream(body)).into_response()
}

/// `POST /api/upload`, the file's name in `X-File-Name` (percent-encoded UTF-8): writes the
/// body into the clerk's folder as it arrives; answers the handle to give a command.
pub async fn upload(State(host): State<Arc<Host>>, headers: HeaderMap, body: Body) -> Response {
    let Some(clerk) = host.known(&headers) else {
        return forbidden("请先登录");
    };
    if clerk.seat.address().is_some() && clerk.seat.session().is_none() {
        return forbidden("请先登录");
    }
    let name = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| percent_decode_str(v).decode_utf8().ok())
        .map(|n| n.into_owned())
        .unwrap_or_default();
    let (handle, path) = match clerk.files().and_then(|mut f| f.new_upload(&name)) {
        Ok(made) => made,
        Err(e) => return failure(&e),
    };
    match receive(body, &path).await {
        Ok(()) => (
            [(header::CONTENT_TYPE, NDJSON)],
            line(&json!({ "ok": handle })),
        )
            .into_response(),
        Err(e) => {
            if let Ok(mut files) = clerk.files() {
                files.forget_upload(&handle);
            }
            failure(&e)
        }
    }
}

/// Writes a request's body to `path`, refusing it past [`MAX_UPLOAD`].
async fn receive(body: Body, path: &std::path::Path) -> Result<()> {
    let io =
        |e: std::io::Error| AppError::new(ErrorCode::Io, format!("主机无法保存上传的文件：{e}"));
    let mut file = tokio::fs::File::create(path).await.map_err(io)?;
    let mut stream = body.into_data_stream();
    let mut size: u64 = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            AppError::new(
                ErrorCode::BadFile,
                format!("文件没有传完整（{e}），请重新选择文件"),
            )
        })?;
        size += chunk.len() as u64;
        if size > MAX_UPLOAD {
            return Err(AppError::new(
                ErrorCode::BadFile,
                format!(
                    "文件超过可上传的上限 {} MB；请把表格分成几个文件",
                    MAX_UPLOAD >> 20
                ),
            ));
        }
        file.write_all(&chunk).await.map_err(io)?;
    }
    file.flush().await.map_err(io)
}

/// `GET /api/download/{token}`: a file a command wrote for this browser, once.
pub async fn download(
    State(host): State<Arc<Host>>,
    Route(token): Route<String>,
    headers: HeaderMap,
) -> Response {
    let Some(clerk) = host.known(&headers) else {
        return forbidden("请先登录");
    };
    let Some(Download { path, name }) = clerk.files().ok().and_then(|mut f| f.take(&token)) else {
        return failure(&AppError::new(
            ErrorCode::NotFound,
            "这个文件已经下载过或已过期，请重新导出",
        ));
    };
    let bytes = tokio::fs::read(&path).await;
    remove_with_folder(&path);
    let Ok(bytes) = bytes else {
        return failure(&AppError::new(
            ErrorCode::Io,
            "主机上的文件无法读取，请重新导出",
        ));
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(&name, NON_ALPHANUMERIC)
    );
    let mime = mime_guess::from_path(&name).first_or_octet_stream();
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(mime.as_ref()) {
        h.insert(header::CONTENT_TYPE, v);
    }
    response
}

/// The launch link of `--local`: `/?token=…`.
#[derive(serde::Deserialize)]
pub struct Launch {
    token: Option<String>,
}

/// `GET /` and the page's files. On `--local`, the link the host opened in its own browser
/// (`/?token=…`) makes that browser the host's own seat (as the window is), then shows the page.
pub async fn page(
    State(host): State<Arc<Host>>,
    Query(launch): Query<Launch>,
    request: Request,
) -> Response {
    let given = launch.token.as_deref();
    if request.uri().path() == "/" && given.is_some() {
        if given != host.launch.as_deref() {
            return forbidden("这个链接已失效：请从本机的台账重新打开");
        }
        return match host.clerks.add(Seat::on_this_pc()) {
            Ok((cookie, _)) => with_cookie(
                (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response(),
                Some(cookie),
                host.secure,
            ),
            Err(e) => failure(&e),
        };
    }
    ui::file(request.uri().clone()).await
}

/// Every request: on `--local` only the loopback names are answered (a page elsewhere cannot
/// reach the host by renaming itself); every write must come from our own page's origin; and
/// every answer tells the browser to keep our page to itself.
pub async fn guard(State(host): State<Arc<Host>>, request: Request, next: Next) -> Response {
    let host_header = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if host.launch.is_some() && !is_loopback_name(&host_header) {
        return forbidden("本机模式只接受 127.0.0.1 上的访问");
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let scheme = if host.secure { "https" } else { "http" };
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok());
        if origin != Some(&format!("{scheme}://{host_header}")) {
            return forbidden("拒绝来自其他网页的请求");
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let fixed = [
        ("content-security-policy", ui::CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`.
fn is_loopback_name(host: &str) -> bool {
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_pass_on_local() {
        assert!(is_loopback_name("127.0.0.1:8080"));
        assert!(is_loopback_name("localhost:8080"));
        assert!(is_loopback_name("[::1]:8080"));
        assert!(!is_loopback_name("evil.example:8080"));
        assert!(!is_loopback_name("127.0.0.1.evil.example"));
    }
}

//! The window connected to another PC's host (连接到共享的电脑): the commands the window gives go
//! over HTTPS to that host, whose certificate must have the fingerprint the clerk was given — it
//! is pinned, no certificate authority is asked. Files cross as a browser's do: a chosen file is
//! uploaded first, a written one is downloaded to the place the clerk chose.
//!
//! Plain blocking I/O on the caller's thread (the window calls from a blocking thread), over
//! HTTP/1.0, so every answer ends with its connection and a long task's progress arrives line by
//! line as the host sends it.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{TcpStream, ToSocketAddrs},
    path::Path,
    sync::{Arc, Mutex},
    time::Duration,
};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::Value;
use taizhang_app::{
    command::{self, FileArg, Reply},
    core::progress::Tick,
    files, AppError, ErrorCode, Result,
};
use tokio_rustls::rustls::{
    self,
    client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    crypto::{ring, CryptoProvider},
    pki_types::{CertificateDer, ServerName, UnixTime},
    ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme, StreamOwned,
};

use crate::{tls, DEFAULT_PORT};

/// A host that does not answer by then is taken to be unreachable.
const CONNECT: Duration = Duration::from_secs(10);
/// A host silent this long in the middle of an answer is taken to be gone.
const SILENT: Duration = Duration::from_secs(30 * 60);

/// A host reached from the window.
pub struct Remote {
    /// `https://192.168.1.20:8443/`.
    address: String,
    host: String,
    port: u16,
    /// The fingerprint pinned, `AB:CD:…`.
    fingerprint: String,
    config: Arc<ClientConfig>,
    /// The fingerprint the host last showed, to say what it was when it is not the pinned one.
    shown: Arc<Mutex<Option<String>>>,
    /// The session cookie the host gave.
    cookie: Mutex<Option<String>>,
}

type Stream = StreamOwned<ClientConnection, TcpStream>;

/// A host's answer, its body still to read.
struct Answer {
    status: u16,
    bytes: bool,
    body: BufReader<Stream>,
}

impl Remote {
    /// The host at `address` (`192.168.1.20`, `192.168.1.20:8443` or the whole
    /// `https://…/`), whose certificate has the SHA-256 `fingerprint` (`AB:CD:…`, any case,
    /// colons or spaces optional).
    pub fn new(address: &str, fingerprint: &str) -> Result<Self> {
        let (host, port) = host_and_port(address)?;
        let pinned = normal_fingerprint(fingerprint)?;
        let shown = Arc::new(Mutex::new(None));
        let provider = Arc::new(ring::default_provider());
        let verifier = Pinned {
            fingerprint: pinned.clone(),
            shown: Arc::clone(&shown),
            provider: Arc::clone(&provider),
        };
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| refused(&e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        let shown_host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.clone()
        };
        Ok(Self {
            address: format!("https://{shown_host}:{port}/"),
            host,
            port,
            fingerprint: pinned,
            config: Arc::new(config),
            shown,
            cookie: Mutex::new(None),
        })
    }

    /// Where it is: `https://192.168.1.20:8443/`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The fingerprint its certificate must have, `AB:CD:…`.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Runs the command `name` on the host, as the window's [`command::dispatch`] would here:
    /// a file it reads is uploaded first, a file it writes is downloaded to where the clerk
    /// chose, and a long task's progress goes to `ticks` as it comes.
    pub fn call(
        &self,
        name: &str,
        mut args: Value,
        ticks: Option<&(dyn Fn(Tick) + Sync)>,
    ) -> Result<Reply> {
        let command = command::find(name)?;
        // The file the command writes: where the clerk chose, and the name the host gives it.
        let mut saved = None;
        for (arg, kind) in command.file_args() {
            let Some(given) = args.get(&arg).and_then(Value::as_str).map(str::to_owned) else {
                continue;
            };
            let sent = match kind {
                FileArg::Upload => self.upload(Path::new(&given))?,
                FileArg::SaveAs => {
                    let name = files::safe_name(&files::file_name(Path::new(&given)));
                    saved = Some((given, name.clone()));
                    name
                }
            };
            args[&arg] = Value::String(sent);
        }
        let body = args.to_string();
        let mut answer = self.exchange(
            &format!("POST /api/call/{name}"),
            &[("Content-Type", "application/json")],
            (body.len() as u64, &mut body.as_bytes()),
        )?;
        if answer.bytes {
            let mut bytes = Vec::new();
            answer
                .body
                .read_to_end(&mut bytes)
                .map_err(|e| self.lost(&e))?;
            return Ok(Reply::Bytes(bytes));
        }
        let mut line = String::new();
        loop {
            line.clear();
            if answer
                .body
                .read_line(&mut line)
                .map_err(|e| self.lost(&e))?
                == 0
            {
                return Err(self.lost(&"没有收到结果"));
            }
            let said: Value = serde_json::from_str(line.trim()).map_err(|e| self.lost(&e))?;
            if let Some(tick) = said.get("tick") {
                if let (Some(sink), Ok(tick)) = (ticks, serde_json::from_value(tick.clone())) {
                    sink(tick);
                }
                continue;
            }
            if let Some(e) = said.get("error") {
                return Err(host_error(e));
            }
            let mut json = said.get("ok").cloned().unwrap_or(Value::Null).to_string();
            if let (Some(token), Some((path, name))) = (said["download"].as_str(), &saved) {
                self.download(token, Path::new(path))?;
                // The result names the file as the host called it: here it is where it was saved.
                json = json.replace(
                    &Value::from(name.as_str()).to_string(),
                    &Value::from(path.as_str()).to_string(),
                );
            }
            return Ok(Reply::Json(json));
        }
    }

    /// Sends the file at `path` to the host; the name to give a command for it.
    fn upload(&self, path: &Path) -> Result<String> {
        let mut file = std::fs::File::open(path).map_err(|e| {
            AppError::new(
                ErrorCode::BadFile,
                format!("{}：无法打开（{e}）", files::file_name(path)),
            )
        })?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let name = utf8_percent_encode(&files::file_name(path), NON_ALPHANUMERIC).to_string();
        let mut answer = self.exchange(
            "POST /api/upload",
            &[
                ("X-File-Name", &name),
                ("Content-Type", "application/octet-stream"),
            ],
            (size, &mut file),
        )?;
        let mut line = String::new();
        answer
            .body
            .read_line(&mut line)
            .map_err(|e| self.lost(&e))?;
        let said: Value = serde_json::from_str(line.trim()).map_err(|e| self.lost(&e))?;
        match (said.get("ok").and_then(Value::as_str), said.get("error")) {
            (Some(handle), _) => Ok(handle.to_owned()),
            (None, Some(e)) => Err(host_error(e)),
            (None, None) => Err(self.lost(&"上传没有回应")),
        }
    }

    /// Fetches the file the host offers under `token` into `path`, whole or not at all.
    fn download(&self, token: &str, path: &Path) -> Result<()> {
        let mut answer = self.exchange(
            &format!("GET /api/download/{token}"),
            &[],
            (0, &mut std::io::empty()),
        )?;
        if answer.status != 200 {
            let mut line = String::new();
            let _ = answer.body.read_line(&mut line);
            let said: Value = serde_json::from_str(line.trim()).unwrap_or(Value::Null);
            return Err(host_error(&said["error"]));
        }
        taizhang_disk::write_whole(path, |part| {
            let mut out =
                std::fs::File::create(part).map_err(|e| taizhang_disk::write_reason(&e))?;
            std::io::copy(&mut answer.body, &mut out)
                .map_err(|e| taizhang_disk::write_reason(&e))?;
            out.sync_all().map_err(|e| taizhang_disk::write_reason(&e))
        })
        .map_err(|why: String| {
            AppError::new(
                ErrorCode::Io,
                format!("文件保存失败（{}）：{why}", path.display()),
            )
        })
    }

    /// One request (`"POST /api/call/x"`, its headers, its body of a known size) and the head
    /// of its answer, keeping the cookie the host sets.
    fn exchange(
        &self,
        line: &str,
        headers: &[(&str, &str)],
        (size, body): (u64, &mut dyn Read),
    ) -> Result<Answer> {
        let mut stream = self.connect()?;
        let mut head = format!(
            "{line} HTTP/1.0\r\nHost: {}:{}\r\nOrigin: {}\r\nContent-Length: {size}\r\n",
            self.host,
            self.port,
            self.address.trim_end_matches('/')
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(cookie) = self.cookie.lock().ok().and_then(|c| c.clone()) {
            head.push_str(&format!("Cookie: taizhang={cookie}\r\n"));
        }
        head.push_str("\r\n");
        let sent = stream
            .write_all(head.as_bytes())
            .and_then(|()| std::io::copy(body, &mut stream).map(drop))
            .and_then(|()| stream.flush());
        sent.map_err(|e| self.failed(&e))?;
        let mut body = BufReader::new(stream);
        let mut status_line = String::new();
        body.read_line(&mut status_line)
            .map_err(|e| self.failed(&e))?;
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| self.lost(&"回答不是 HTTP"))?;
        let mut bytes = false;
        loop {
            let mut header = String::new();
            body.read_line(&mut header).map_err(|e| self.lost(&e))?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-type") {
                bytes = value.starts_with("application/octet-stream");
            } else if name.eq_ignore_ascii_case("set-cookie") {
                if let Some(cookie) = value.strip_prefix("taizhang=") {
                    let cookie = cookie.split(';').next().unwrap_or_default().to_owned();
                    if let Ok(mut kept) = self.cookie.lock() {
                        *kept = Some(cookie);
                    }
                }
            }
        }
        Ok(Answer {
            status,
            bytes,
            body,
        })
    }

    fn connect(&self) -> Result<Stream> {
        let unreachable = |e: &dyn std::fmt::Display| {
            AppError::new(
                ErrorCode::Io,
                format!(
                    "无法连接到 {}（{e}）：请确认那台电脑开着、台账已开启共享，地址和端口无误，且两台电脑在同一网络中",
                    self.address
                ),
            )
        };
        let address = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| unreachable(&e))?
            .next()
            .ok_or_else(|| unreachable(&"找不到这个地址"))?;
        let tcp = TcpStream::connect_timeout(&address, CONNECT).map_err(|e| unreachable(&e))?;
        tcp.set_read_timeout(Some(SILENT))
            .map_err(|e| unreachable(&e))?;
        let name = ServerName::try_from(self.host.clone()).map_err(|e| unreachable(&e))?;
        let tls =
            ClientConnection::new(Arc::clone(&self.config), name).map_err(|e| unreachable(&e))?;
        Ok(StreamOwned::new(tls, tcp))
    }

    /// The request could not be sent: the certificate was not the pinned one, or the host is gone.
    fn failed(&self, e: &std::io::Error) -> AppError {
        let shown = self.shown.lock().ok().and_then(|s| s.clone());
        let mismatch = e
            .get_ref()
            .is_some_and(|inner| inner.to_string().contains(NOT_PINNED));
        match shown {
            Some(shown) if mismatch => refused(&format!(
                "{} 出示的证书指纹是 {shown}，与填写的不一致：它可能不是本单位共享的那台电脑，连接已中止。请向管理员核对指纹",
                self.address
            )),
            _ => self.lost(e),
        }
    }

    fn lost(&self, e: &dyn std::fmt::Display) -> AppError {
        AppError::new(
            ErrorCode::Io,
            format!("与 {} 的连接中断（{e}），请稍后重试", self.address),
        )
    }
}

/// What the pinning verifier says of a certificate that is not the pinned one.
const NOT_PINNED: &str = "certificate fingerprint is not the pinned one";

fn refused(message: &str) -> AppError {
    AppError::new(ErrorCode::Forbidden, message)
}

/// An error line's error, as the host said it.
fn host_error(e: &Value) -> AppError {
    serde_json::from_value(e.clone())
        .unwrap_or_else(|_| AppError::new(ErrorCode::Io, format!("共享的电脑回答了错误：{e}")))
}

/// `192.168.1.20`, `192.168.1.20:8443`, `https://192.168.1.20:8443/…` → host and port.
fn host_and_port(address: &str) -> Result<(String, u16)> {
    let wrong = || {
        AppError::field(
            "address",
            "地址应写成 192.168.1.20:8443（共享的电脑上显示的地址）",
        )
    };
    let rest = address.trim();
    let rest = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
        .unwrap_or(rest);
    let authority = rest.split('/').next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') || host.ends_with(']') => {
            (host, port.parse().map_err(|_| wrong())?)
        }
        _ => (authority, DEFAULT_PORT),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(wrong());
    }
    Ok((host.to_owned(), port))
}

/// A fingerprint as the host shows it: `AB:CD:…`, 32 bytes.
fn normal_fingerprint(text: &str) -> Result<String> {
    let hex: Vec<char> = text
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if hex.len() != 64 || !hex.iter().all(char::is_ascii_hexdigit) {
        return Err(AppError::field(
            "fingerprint",
            "证书指纹应是 64 位十六进制数（可带冒号），请照共享的电脑上显示的填写",
        ));
    }
    Ok(hex
        .chunks(2)
        .map(|pair| pair.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(":"))
}

/// Trusts the one certificate whose fingerprint the clerk was given.
#[derive(Debug)]
struct Pinned {
    fingerprint: String,
    shown: Arc<Mutex<Option<String>>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let shown = tls::fingerprint(end_entity);
        let pinned = shown == self.fingerprint;
        if let Ok(mut kept) = self.shown.lock() {
            *kept = Some(shown);
        }
        if pinned {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(NOT_PINNED.into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_a_clerk_copies_them() -> Result<()> {
        assert_eq!(
            host_and_port("192.168.1.20")?,
            ("192.168.1.20".into(), 8443)
        );
        assert_eq!(
            host_and_port(" 192.168.1.20:9000 ")?,
            ("192.168.1.20".into(), 9000)
        );
        assert_eq!(
            host_and_port("https://192.168.1.20:8443/")?,
            ("192.168.1.20".into(), 8443)
        );
        assert_eq!(
            host_and_port("https://[fe80::1]:8443/")?,
            ("fe80::1".into(), 8443)
        );
        assert!(host_and_port("https://").is_err());
        assert!(host_and_port("192.168.1.20:端口").is_err());
        Ok(())
    }

    #[test]
    fn fingerprints_are_read_in_any_case_with_or_without_colons() -> Result<()> {
        let shown = "AB:".repeat(31) + "AB";
        assert_eq!(normal_fingerprint(&"ab".repeat(32))?, shown);
        assert_eq!(normal_fingerprint(&shown.to_lowercase())?, shown);
        assert!(normal_fingerprint("AB:CD").is_err());
        assert!(normal_fingerprint(&"XY".repeat(32)).is_err());
        Ok(())
    }
}

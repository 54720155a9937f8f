//! The host's certificate. No office has a certificate authority, so the host makes its own on
//! first start, keeps it beside the database (the key readable by its owner alone), and shows
//! its SHA-256 fingerprint: a clerk compares it once with what their browser shows.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use sha2::{Digest, Sha256};
use taizhang_app::{AppError, ErrorCode, Result};
use tokio_rustls::rustls::{
    crypto::ring,
    pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer},
    ServerConfig,
};

/// The certificate's file, beside the database.
const CERT: &str = "taizhang-share.crt";
/// Its private key.
const KEY: &str = "taizhang-share.key";

/// What the host shows to browsers.
pub struct Identity {
    pub config: Arc<ServerConfig>,
    /// `AB:CD:…`, as browsers show a certificate's SHA-256 fingerprint.
    pub fingerprint: String,
    /// Where the certificate is kept.
    pub cert_path: PathBuf,
}

fn io(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Io, format!("{what}：{e}"))
}

/// The certificate beside the database in `folder`, made now (for `names`: the host's
/// addresses) when there is none yet.
pub fn beside(folder: &Path, names: Vec<String>) -> Result<Identity> {
    let (cert_path, key_path) = (folder.join(CERT), folder.join(KEY));
    if !cert_path.exists() || !key_path.exists() {
        let made =
            rcgen::generate_simple_self_signed(names).map_err(|e| io("无法生成共享用的证书", e))?;
        write_private(&key_path, made.signing_key.serialize_pem().as_bytes())?;
        std::fs::write(&cert_path, made.cert.pem()).map_err(|e| io("无法保存证书", e))?;
        tracing::info!(path = %cert_path.display(), "made the sharing certificate");
    }
    let cert = CertificateDer::from_pem_file(&cert_path)
        .map_err(|e| io(&format!("证书 {} 无法读取", cert_path.display()), e))?;
    let key = PrivateKeyDer::from_pem_file(&key_path)
        .map_err(|e| io(&format!("证书密钥 {} 无法读取", key_path.display()), e))?;
    let fingerprint = fingerprint(&cert);
    let mut config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| io("TLS 设置有误", e))?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .map_err(|e| io("证书与密钥不匹配；删除这两个文件后重新启动即可重新生成", e))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Identity {
        config: Arc::new(config),
        fingerprint,
        cert_path,
    })
}

/// The SHA-256 of the certificate, as `AB:CD:…`.
pub(crate) fn fingerprint(cert: &CertificateDer) -> String {
    Sha256::digest(cert.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Writes the key so that only the host's user can read it.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| io("无法保存证书密钥", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_is_made_once_and_kept() -> std::result::Result<(), Box<dyn std::error::Error>>
    {
        let folder = tempfile::tempdir()?;
        let first = beside(folder.path(), vec!["127.0.0.1".into()])?;
        let again = beside(folder.path(), vec!["10.0.0.9".into()])?;
        assert_eq!(first.fingerprint, again.fingerprint, "kept, not made again");
        assert_eq!(first.fingerprint.len(), 32 * 3 - 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder.path().join(KEY))?
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the key is the owner's alone");
        }
        Ok(())
    }
}

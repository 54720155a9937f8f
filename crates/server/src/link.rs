//! The window's 连接到共享的电脑: which host it uses ([`crate::remote::Remote`]), kept in a small
//! file beside the window's own database so the window opens connected until told to stop.
//! Installed by the window as the app's [`Connector`].

use std::{
    path::{Path, PathBuf},
    sync::{Arc, RwLock},
};

use serde_json::json;
use taizhang_app::{
    network::{Connection, Connector},
    AppError, ErrorCode, Result,
};

use crate::remote::Remote;

/// The file beside the database that names the host.
const FILE: &str = "taizhang-connect.json";

/// The host the window uses, if any.
pub struct Link {
    file: PathBuf,
    remote: RwLock<Option<(Connection, Arc<Remote>)>>,
}

impl Link {
    /// The link kept beside `database` (none when there is no file, or it no longer reads).
    pub fn beside(database: &Path) -> Self {
        let file = database.parent().unwrap_or(Path::new(".")).join(FILE);
        let kept = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Connection>(&bytes).ok())
            .and_then(|c| {
                let remote = Remote::new(&c.address, &c.fingerprint).ok()?;
                Some((c, Arc::new(remote)))
            });
        Self {
            file,
            remote: RwLock::new(kept),
        }
    }

    /// The host to send a command to, while the window uses one.
    pub fn remote(&self) -> Option<Arc<Remote>> {
        let held = self.remote.read().ok()?;
        held.as_ref().map(|(_, r)| Arc::clone(r))
    }

    fn set(&self, to: Option<(Connection, Arc<Remote>)>) -> Result<()> {
        let mut held = self
            .remote
            .write()
            .map_err(|_| AppError::new(ErrorCode::Database, "连接状态不可用，请重新打开台账"))?;
        *held = to;
        Ok(())
    }
}

impl Connector for Link {
    fn connect(&self, address: &str, fingerprint: &str) -> Result<Connection> {
        let remote = Remote::new(address, fingerprint)?;
        // Asked once now: a host that does not answer, or with another certificate, is refused
        // here and not kept.
        remote.call("setup_status", json!({}), None)?;
        let connection = Connection {
            address: remote.address().to_owned(),
            fingerprint: remote.fingerprint().to_owned(),
        };
        let text = serde_json::to_vec_pretty(&connection)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        taizhang_app::files::write(&self.file, &text, "连接设置")?;
        self.set(Some((connection.clone(), Arc::new(remote))))?;
        Ok(connection)
    }

    fn disconnect(&self) -> Result<()> {
        match std::fs::remove_file(&self.file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(AppError::new(
                    ErrorCode::Io,
                    format!("无法删除连接设置 {}：{e}", self.file.display()),
                ))
            }
        }
        self.set(None)
    }

    fn connection(&self) -> Option<Connection> {
        let held = self.remote.read().ok()?;
        held.as_ref().map(|(c, _)| c.clone())
    }
}

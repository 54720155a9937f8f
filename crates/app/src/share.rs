//! 共享给本单位其他电脑: the window's switch that serves this PC's database to the office network
//! (管理员 only). The server is its own crate, which this one does not depend on: the window
//! installs it as the service's [`Sharer`]; `taizhang serve` runs it without the switch. The
//! switch is remembered, so a host PC that restarts shares again once the window opens.

use serde::{Deserialize, Serialize};
use taizhang_core::audit::AuditAction;
use taizhang_db::setting;
use ts_rs::TS;

use crate::{
    service::{Permission, Seat, Service},
    AppError, ErrorCode, Result,
};

/// Setting: "1" while the office's database is shared from the window.
const SETTING: &str = "share.on";

/// The audit trail's name for the switch.
const ENTITY: &str = "共享";

/// What the window shows while sharing: what to give colleagues and what they compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Sharing {
    /// The address colleagues open, `https://192.168.1.20:8443/`.
    pub address: String,
    /// The certificate's SHA-256 fingerprint, which a colleague's browser shows the first time.
    pub fingerprint: String,
}

/// What serves the database to the office network: installed by the window.
pub trait Sharer: Send + Sync {
    /// Starts serving (or tells where it already does); returns once it listens.
    fn start(&self) -> Result<Sharing>;
    /// Stops serving; colleagues' pages lose the connection.
    fn stop(&self);
    /// Where it serves, while it does.
    fn status(&self) -> Option<Sharing>;
}

fn not_here() -> AppError {
    AppError::new(
        ErrorCode::Validation,
        "这里不能开启共享：请在存放数据的电脑上打开台账窗口，或在命令行运行 taizhang serve",
    )
}

/// Where the database is shared from this window, if it is.
pub fn status(service: &Service, seat: &Seat) -> Result<Option<Sharing>> {
    service.as_seat(seat, (Permission::Read, false), |_, _| Ok(()))?;
    Ok(service.sharer().and_then(|s| s.status()))
}

/// Turns sharing on (管理员): the office must be set up and have users, who log in from the
/// other PCs.
pub fn start(service: &Service, seat: &Seat) -> Result<Sharing> {
    service.as_seat(seat, (Permission::Configure, false), |_, _| Ok(()))?;
    service.shareable()?;
    let sharing = service.sharer().ok_or_else(not_here)?.start()?;
    let summary = format!("开启共享：{}", sharing.address);
    service.as_seat(seat, (Permission::Configure, false), |db, ctx| {
        db.write(|tx| {
            setting::set(tx, SETTING, "1")?;
            crate::audit::note(tx, ctx, AuditAction::Update, ENTITY, 0, summary)
        })
    })?;
    Ok(sharing)
}

/// Turns sharing off (管理员).
pub fn stop(service: &Service, seat: &Seat) -> Result<()> {
    service.as_seat(seat, (Permission::Configure, false), |db, ctx| {
        db.write(|tx| {
            setting::set(tx, SETTING, "0")?;
            crate::audit::note(tx, ctx, AuditAction::Update, ENTITY, 0, "关闭共享".into())
        })
    })?;
    if let Some(sharer) = service.sharer() {
        sharer.stop();
    }
    Ok(())
}

/// Shares again when the switch was left on (the window calls this as it opens); what goes
/// wrong is logged: nobody is there to tell yet.
pub fn resume(service: &Service) {
    let on = service.unguarded(|db, _| Ok(setting::get(db.conn(), SETTING)?));
    if on.ok().flatten().as_deref() != Some("1") {
        return;
    }
    let started = service
        .shareable()
        .and_then(|()| service.sharer().ok_or_else(not_here)?.start());
    match started {
        Ok(s) => tracing::info!(address = %s.address, "sharing again"),
        Err(e) => tracing::error!(error = %e.message, "sharing could not start again"),
    }
}

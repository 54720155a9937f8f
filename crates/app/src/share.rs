//! The window and the office network, both ways.
//! - 共享给本单位其他电脑: the window's switch that serves this PC's database to the office
//!   network (管理员 only). The server is its own crate, which this one does not depend on: the
//!   window installs it as the service's [`crate::network::Sharer`]; `taizhang serve` runs it without the
//!   switch. The switch is remembered, so a host PC that restarts shares again once the window
//!   opens.
//! - 连接到共享的电脑: the window of a PC that keeps no data of its own uses another PC's host,
//!   its certificate pinned by the fingerprint shown there ([`crate::network::Connector`], installed by the
//!   window too). The connection is kept beside the window's own database, so the window opens
//!   connected until it is told to stop.

use taizhang_core::audit::AuditAction;
use taizhang_db::setting;

use crate::{
    network::{Connection, Sharing},
    service::{Permission, Seat, Service},
    AppError, ErrorCode, Result,
};

/// Setting: "1" while the office's database is shared from the window.
const SETTING: &str = "share.on";

/// The audit trail's name for the switch.
const ENTITY: &str = "共享";

/// The host the window uses, if any.
pub fn connection(service: &Service) -> Option<Connection> {
    service.connector().and_then(|c| c.connection())
}

/// Uses another PC's host from now on (the set-up screen's 连接到共享的电脑). Who may: anyone
/// at a PC whose own office has no users, else its 管理员.
pub fn connect(
    service: &Service,
    seat: &Seat,
    (address, fingerprint): (&str, &str),
) -> Result<Connection> {
    service.as_seat(seat, (Permission::Configure, false), |_, _| Ok(()))?;
    service
        .connector()
        .ok_or_else(not_here)?
        .connect(address, fingerprint)
}

/// Back to this PC's own database: anyone at the PC may stop using the host (it keeps the
/// data; nothing of it stays here).
pub fn disconnect(service: &Service) -> Result<()> {
    match service.connector() {
        Some(c) => c.disconnect(),
        None => Ok(()),
    }
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

//! The window and the office network: 共享给本单位其他电脑 and 连接到共享的电脑 (see
//! [`crate::share`]).

use super::{command, Command};
use crate::{
    network::{Connection, Sharing},
    share,
};

pub const ALL: &[Command] = &[
    command!(
        /// Where this PC shares the office's database, while it does.
        share.status() -> Option<Sharing>, Read + ThisPc,
        service |service, seat| share::status(service, seat)
    ),
    command!(
        /// Starts sharing with the office network (管理员); returns the address and fingerprint.
        share.start() -> Sharing, Configure + ThisPc,
        service |service, seat| share::start(service, seat)
    ),
    command!(share.stop() -> (), Configure + ThisPc, service |service, seat| share::stop(service, seat)),
    command!(
        /// The other PC's host this window uses instead of its own database, if any.
        share.connection() -> Option<Connection>, Open + ThisPc + Window,
        service |service, _| Ok(share::connection(service))
    ),
    command!(
        /// Uses another PC's host from now on, once it has answered with the certificate
        /// `fingerprint` names.
        share.connect(address: String, fingerprint: String) -> Connection, Configure + ThisPc + Window,
        service |service, seat| share::connect(service, seat, (&address, &fingerprint))
    ),
    command!(
        /// Back to this PC's own database.
        share.disconnect() -> (), Open + ThisPc + Window, service |service, _| share::disconnect(service)
    ),
];

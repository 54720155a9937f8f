//! 共享给本单位其他电脑: the window's switch (see [`crate::share`]).

use super::{command, Command};
use crate::share::{self, Sharing};

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
];

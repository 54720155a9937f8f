//! Logging in and locking.

use super::{command, Command};
use crate::{
    start::{self, Start},
    user::{self, Session},
};

pub const ALL: &[Command] = &[
    command!(
        /// What the window or browser needs before its first page, in one answer: set-up state,
        /// whether to log in and who is, the organisation, the forms' dictionaries and the
        /// commands refused to this seat.
        session.start() -> Start, Open, service |service, seat| start::start(service, seat, super::refused)
    ),
    command!(
        session.login(name: String, password: String) -> Session, Open,
        service |service, seat| {
            let place = seat.address().unwrap_or_default();
            let who = service.unguarded(|db, _| user::login(db, &name, &password, (user::now(), place)))?;
            seat.log_in(who.clone());
            Ok(who)
        }
    ),
    command!(
        /// The lock button, or the window's idle timer.
        session.lock() -> (), Open, service |_, seat| {
            seat.lock();
            Ok(())
        }
    ),
];

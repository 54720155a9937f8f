//! Logging in and locking.

use super::{command, Command};
use crate::user::{self, Session};

pub const ALL: &[Command] = &[
    command!(
        /// Whether the office has named users, and who is logged in here.
        session.status() -> (bool, Option<Session>), Open,
        service |service, seat| Ok((service.unguarded(|db, _| user::any(db))?, seat.session()))
    ),
    command!(
        session.login(name: String, password: String) -> Session, Open,
        service |service, seat| {
            let who = service.unguarded(|db, _| user::login(db, &name, &password, user::now()))?;
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

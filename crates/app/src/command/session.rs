//! Logging in and locking.

use super::{command, Command};
use crate::user::{self, Session};

pub const ALL: &[Command] = &[
    command!(
        /// Whether this seat must log in (the office has named users, or the seat is another
        /// PC on the office network), and who is logged in here.
        session.status() -> (bool, Option<Session>), Open,
        service |service, seat| {
            let must = seat.address().is_some() || service.unguarded(|db, _| user::any(db))?;
            Ok((must, seat.session()))
        }
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

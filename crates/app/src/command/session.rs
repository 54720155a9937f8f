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
        /// The commands refused outright to this seat (another PC, a community's user): the
        /// pages that need them are left out of the menu.
        session.refused() -> Vec<String>, Open,
        service |_, seat| {
            let community = seat.session().is_some_and(|s| s.unit.is_some());
            Ok(super::all()
                .filter(|c| c.refused_to(seat.address().is_some(), community))
                .map(|c| c.name())
                .collect())
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

//! 初次设置 and the unlock screen.

use super::{command, Command};
use crate::setup::{self, SetupInput, SetupStatus};

pub const ALL: &[Command] = &[
    command!(
        /// Whether the office is set up, and whether the database is open.
        setup.status() -> SetupStatus, Open, service |service, seat| crate::start::status(service, seat)
    ),
    command!(setup.initialize(input: SetupInput) -> (), Write, |db, ctx| setup::initialize(db, ctx, input)),
    command!(
        /// Fills an empty office with the demo data; returns how many records.
        setup.load_demo() -> usize, Write, |db, ctx| setup::load_demo(db, ctx)
    ),
    command!(
        /// Opens an encrypted database with its password (and shares it again when the 共享
        /// switch was left on).
        setup.unlock(password: String) -> (), Open + ThisPc, service |service, _| {
            service.unlock(&password)?;
            // Sharing again, when the switch was left on: it could not while the file was shut.
            crate::share::resume(service);
            Ok(())
        }
    ),
];

//! A register to Excel (our layout or a higher level's template), and its import template.

use crate::files::{SaveAs, Upload};

use super::{command, Command};
use crate::{
    export::{Exported, Request},
    registers::{self, Register},
};

pub const ALL: &[Command] = &[
    command!(
        /// The register's import template; returns how many columns.
        exports.template(register: String, path: SaveAs) -> u32, Write + Community,
        |db, ctx| registers::import_template(db, ctx, Register::from_cli_name(&register)?, &path)
    ),
    command!(
        /// A whole register to .xlsx (IDs, phones and home addresses masked), into a higher
        /// level's template when given.
        exports.register(register: String, path: SaveAs, template: Option<Upload>) -> Exported, Write + Community,
        |db, ctx| {
            let request = Request {
                template: template.as_deref(),
                ..Default::default()
            };
            registers::export(db, ctx, Register::from_cli_name(&register)?, &path, request)
        }
    ),
];

//! Who saw which full value.

use crate::files::SaveAs;

use super::{command, Command};
use crate::access;

pub const ALL: &[Command] = &[command!(
    /// Who saw which full value, as an .xlsx; returns how many entries.
    access.export_xlsx(path: SaveAs) -> u32, Reveal, |db, ctx| access::export(db, ctx, &path)
)];

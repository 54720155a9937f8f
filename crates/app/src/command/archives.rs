//! 档案包: export with progress, import (verify, preview, merge or replace).

use crate::files::{SaveAs, Upload};

use super::{command, Command};
use crate::{
    archive::{self, ArchiveExported, ArchiveImport, Mode, Travel},
    registers::Register,
};

pub const ALL: &[Command] = &[
    command!(
        /// `travel` null: plain from a plain database; an encrypted one's archive must be sealed
        /// or said plain.
        archives.export(path: SaveAs, registers: Vec<String>, travel: Option<Travel>) -> ArchiveExported, Write,
        |db, ctx, progress| {
            let registers = registers
                .iter()
                .map(|r| Register::from_cli_name(r))
                .collect::<Result<Vec<_>, _>>()?;
            archive::export(db, ctx, &path, &registers, travel, progress)
        }
    ),
    command!(
        archives.import(path: Upload, mode: Mode, dry_run: bool, password: Option<String>) -> ArchiveImport, Write,
        |db, ctx, progress| archive::import(db, ctx, &path, mode, dry_run, password, progress)
    ),
];

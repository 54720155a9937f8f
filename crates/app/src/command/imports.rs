//! The import wizard: preview and apply with progress, cancel, the error report, the import
//! history and undo.

use crate::files::{SaveAs, Upload};

use super::{command, Command};
use crate::{
    db::import_batch::ImportBatch,
    import::{self, Approval, Choice, FieldChoice, ImportOptions, ImportOutcome},
    registers::{self, Register},
    Page,
};

pub const ALL: &[Command] = &[
    command!(imports.fields(register: String) -> Vec<FieldChoice>, Read, |_, _| Ok(registers::field_choices(Register::from_cli_name(&register)?))),
    command!(
        imports.preview(register: String, path: Upload, options: ImportOptions) -> ImportOutcome, Write,
        |db, ctx, progress| registers::preview(db, ctx, Register::from_cli_name(&register)?, &path, &options, progress)
    ),
    command!(
        imports.apply(register: String, path: Upload, options: ImportOptions, choice: Choice, expected_hash: String) -> ImportOutcome, Write,
        |db, ctx, progress| {
            let approval = Approval {
                choice,
                expected_hash: Some(&expected_hash),
            };
            registers::apply(db, ctx, Register::from_cli_name(&register)?, &path, &options, approval, progress)
        }
    ),
    command!(
        /// Asks the running preview or import to stop; it stops within a few hundred rows.
        imports.cancel() -> (), Open, service |_, seat| {
            seat.cancel();
            Ok(())
        }
    ),
    command!(
        /// Writes the error report to `to`, or beside the file (as `名称-错误原因.xlsx`);
        /// returns where.
        imports.write_errors(register: String, path: Upload, options: ImportOptions, to: Option<SaveAs>) -> String, Write,
        |db, ctx| {
            let out = to.map_or_else(|| import::errors_beside(&path), |to| to.0);
            registers::write_errors(db, ctx, Register::from_cli_name(&register)?, &path, &options, &out)?;
            Ok(out.display().to_string())
        }
    ),
    command!(
        /// A page of the import history, newest first.
        imports.batches(page: u32, page_size: u32) -> Page<ImportBatch>, Read,
        |db, _| Ok(crate::db::page::of(import::batches(db)?, page, page_size))
    ),
    command!(
        /// Takes an import's records back out; returns how many.
        imports.undo(batch_id: i64) -> u32, Write, |db, ctx| registers::undo(db, ctx, batch_id)
    ),
];

//! PDFs: made in Rust, previewed in the window (pdf.js), saved, or handed to the system to print.

use crate::files::SaveAs;

use super::{command, Bytes, Command};
use crate::print::{self, FontSetting, PrintRequest, Printed};

pub const ALL: &[Command] = &[
    command!(
        /// The PDF's bytes, for the preview.
        print.preview(request: PrintRequest) -> Bytes, Read + Community, |db, ctx| Ok(Bytes(print::request(db, ctx, &request)?.bytes))
    ),
    command!(
        print.save(request: PrintRequest, path: SaveAs) -> Printed, Read + Community,
        |db, ctx| {
            let printed = print::request(db, ctx, &request)?;
            print::save(&printed, &path)?;
            Ok(printed)
        }
    ),
    command!(
        /// Hands the PDF to the system's printing; returns where it was saved.
        print.system(request: PrintRequest) -> String, Read + ThisPc,
        |db, ctx| {
            let printed = print::request(db, ctx, &request)?;
            let path = print::save_in(&printed, &crate::paths::print_cache())?;
            print::hand_to_system(&path)?;
            Ok(path.display().to_string())
        }
    ),
    command!(
        /// Hands a PDF the page already shows to this PC's printing: the window connected to
        /// another PC's host prints its preview here. Returns where it was saved.
        print.pdf_to_system(title: String, pdf: Vec<u8>) -> String, Open + ThisPc + Window,
        service |_, _| print::pdf_to_system(&title, pdf)
    ),
    command!(print.fonts() -> Vec<FontSetting>, Read, |db, _| print::font_settings(db)),
    command!(print.set_font(key: String, path: String) -> (), Configure + ThisPc, |db, ctx| print::set_font(db, ctx, &key, &path)),
];

//! Photos and scanned documents of a house: kept in the database (so a backup carries them),
//! recognised by their content, taken out to the recycle bin rather than deleted.

use std::path::Path;

use taizhang_core::audit::AuditAction;
use taizhang_db::{house as table, Db};

use super::record;
use crate::{files, AppError, Ctx, ErrorCode, Result};

/// The recycle bin's name for an attachment.
pub const ATTACHMENT: &str = "房屋附件";

/// Larger files are refused: a phone photo is a few megabytes, a scanned report a few dozen
/// pages.
const MAX_BYTES: usize = 20 * 1024 * 1024;

/// What a file is, by its first bytes; None for anything but JPEG, PNG or PDF.
fn mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Adds the file at `path` to the house; returns the attachment's id.
pub fn attach(db: &mut Db, ctx: &Ctx, house_id: i64, path: &Path, note: &str) -> Result<i64> {
    let house = super::in_scope(db, ctx, house_id)?;
    let name = files::file_name(path);
    let bytes = files::read(path)?;
    if bytes.len() > MAX_BYTES {
        return Err(AppError::new(
            ErrorCode::BadFile,
            format!(
                "{name}：文件有 {:.1} MB，超过 20 MB；请压缩照片或分开扫描后再添加",
                bytes.len() as f64 / 1024.0 / 1024.0
            ),
        ));
    }
    let Some(mime) = mime(&bytes) else {
        return Err(AppError::new(
            ErrorCode::BadFile,
            format!("{name}：只能添加 JPG、PNG 照片或 PDF 扫描件"),
        ));
    };
    db.write(|tx| {
        let id = table::insert_attachment(tx, house_id, &name, mime, &bytes, note.trim())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            house_id,
            format!("{} 添加附件：{name}", house.input.address),
        )?;
        Ok(id)
    })
}

/// An attachment and its bytes, to show or save elsewhere.
pub fn attachment(db: &Db, ctx: &Ctx, id: i64) -> Result<(table::Attachment, Vec<u8>)> {
    let (a, bytes) = table::attachment(db.conn(), id)?;
    super::in_scope(db, ctx, a.house_id)?;
    Ok((a, bytes))
}

/// Writes an attachment out as the file it was (to open a scan in the PC's own reader).
pub fn save_attachment(db: &Db, ctx: &Ctx, id: i64, path: &Path) -> Result<()> {
    let (_, bytes) = attachment(db, ctx, id)?;
    files::write(path, &bytes, "附件")
}

/// Moves an attachment to the recycle bin.
pub fn remove_attachment(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let (a, _) = attachment(db, ctx, id)?;
    db.write(|tx| {
        table::set_attachment_deleted(tx, id, Some(&ctx.actor))?;
        record(
            tx,
            ctx,
            AuditAction::Delete,
            a.house_id,
            format!("删除附件：{}", a.name),
        )
    })
}

pub fn restore_attachment(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let (a, _) = table::attachment(db.conn(), id)?;
    db.write(|tx| {
        table::set_attachment_deleted(tx, id, None)?;
        record(
            tx,
            ctx,
            AuditAction::Restore,
            a.house_id,
            format!("恢复附件：{}", a.name),
        )
    })
}

// Unit tests; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    #[test]
    fn files_are_known_by_their_content() {
        assert_eq!(super::mime(b"\xFF\xD8\xFF\xE0..JFIF"), Some("image/jpeg"));
        assert_eq!(super::mime(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(super::mime(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(super::mime(b"PK\x03\x04 a docx"), None);
    }
}

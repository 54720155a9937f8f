//! Photos and scanned documents kept with a record — a house's (鉴定报告, 告知单回执), a 诉求's
//! (the spot before and after, a signed receipt): read from a chosen file, recognised by their
//! content, size-checked, noted in the record's trail, taken out to the recycle bin rather than
//! deleted. One implementation; each record says what it is through [`Holder`].

use std::path::Path;

use taizhang_core::audit::AuditAction;
use taizhang_db::{
    attachment::{self as table, Attachment, Owner},
    Db,
};

use crate::{files, AppError, Ctx, ErrorCode, Result};

/// A kind of record attachments are kept with.
pub trait Holder {
    /// Its attachments' table.
    const OWNER: Owner;
    /// The record's name in the audit trail (房屋, 诉求).
    const ENTITY: &'static str;

    /// The record `id` as `ctx` may see it, named as its trail says it (an address, a
    /// number): refused when another community's.
    fn named(db: &Db, ctx: &Ctx, id: i64) -> Result<String>;
}

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

fn noted<H: Holder>(
    tx: &taizhang_db::rusqlite::Transaction,
    ctx: &Ctx,
    (action, id): (AuditAction, i64),
    summary: String,
) -> Result<()> {
    crate::audit::note(tx, ctx, action, H::ENTITY, id, summary)
}

/// Adds the file at `path` to the record `owner_id`; returns the attachment's id.
pub fn attach<H: Holder>(
    db: &mut Db,
    ctx: &Ctx,
    owner_id: i64,
    path: &Path,
    note: &str,
) -> Result<i64> {
    let named = H::named(db, ctx, owner_id)?;
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
        let id = table::insert(tx, (H::OWNER, owner_id), &name, mime, &bytes, note.trim())?;
        let summary = format!("{named} 添加附件：{name}");
        noted::<H>(tx, ctx, (AuditAction::Update, owner_id), summary)?;
        Ok(id)
    })
}

/// An attachment and its bytes, to show or save elsewhere.
pub fn get<H: Holder>(db: &Db, ctx: &Ctx, id: i64) -> Result<(Attachment, Vec<u8>)> {
    let found = table::get(db.conn(), H::OWNER, id)?;
    H::named(db, ctx, found.0.owner_id)?;
    Ok(found)
}

/// Writes an attachment out as the file it was (to open a scan in the PC's own reader).
pub fn save<H: Holder>(db: &Db, ctx: &Ctx, id: i64, path: &Path) -> Result<()> {
    let (_, bytes) = get::<H>(db, ctx, id)?;
    files::write(path, &bytes, "附件")
}

/// Moves an attachment to the recycle bin.
pub fn remove<H: Holder>(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let (a, _) = get::<H>(db, ctx, id)?;
    db.write(|tx| {
        table::set_deleted(tx, H::OWNER, id, Some(&ctx.actor))?;
        let summary = format!("删除附件：{}", a.name);
        noted::<H>(tx, ctx, (AuditAction::Delete, a.owner_id), summary)
    })
}

/// Takes an attachment back out of the recycle bin.
pub fn restore<H: Holder>(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let (a, _) = get::<H>(db, ctx, id)?;
    db.write(|tx| {
        table::set_deleted(tx, H::OWNER, id, None)?;
        let summary = format!("恢复附件：{}", a.name);
        noted::<H>(tx, ctx, (AuditAction::Restore, a.owner_id), summary)
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

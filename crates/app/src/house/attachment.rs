//! Photos and scanned documents of a house (鉴定报告, 告知单回执), through the one
//! implementation in [`crate::attachment`].

use std::path::Path;

use taizhang_db::{
    attachment::{Attachment, Owner},
    Db,
};

use crate::{
    attachment::{self, Holder},
    Ctx, Result,
};

/// The recycle bin's name for a house's attachment.
pub const ATTACHMENT: &str = Owner::House.entity();

/// A house, as its attachments' holder.
pub struct HouseFiles;

impl Holder for HouseFiles {
    const OWNER: Owner = Owner::House;
    const ENTITY: &'static str = super::ENTITY;

    fn named(db: &Db, ctx: &Ctx, id: i64) -> Result<String> {
        Ok(super::in_scope(db, ctx, id)?.input.address)
    }
}

/// Adds the file at `path` to the house; returns the attachment's id.
pub fn attach(db: &mut Db, ctx: &Ctx, house_id: i64, path: &Path, note: &str) -> Result<i64> {
    attachment::attach::<HouseFiles>(db, ctx, house_id, path, note)
}

/// An attachment and its bytes, to show or save elsewhere.
pub fn attachment(db: &Db, ctx: &Ctx, id: i64) -> Result<(Attachment, Vec<u8>)> {
    attachment::get::<HouseFiles>(db, ctx, id)
}

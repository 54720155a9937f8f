//! 人才信息卡: one talent on one page, ID and phone masked.

use taizhang_core::talent::TALENT_FIELDS;
use taizhang_db::Db;
use taizhang_pdf::Block;

use super::{form_table, office_form, Printed};
use crate::{export::cell, import::Office, talent::Talents, Ctx, Result};

pub fn talent_card(db: &Db, ctx: &Ctx, talent_id: i64) -> Result<Printed> {
    let t = crate::talent::in_scope(db, ctx, talent_id)?;
    let known = Office::load(db, ctx.today)?;
    let fields: Vec<(&str, String)> = TALENT_FIELDS
        .iter()
        .map(|f| (f.label, cell::<Talents>(&known, &t.input, f, false)))
        .collect();
    office_form(
        db,
        ctx,
        format!("人才信息卡（{}）", t.input.name),
        vec![
            Block::Title("人才信息卡".into()),
            Block::Centered(format!("{}　　{}", t.community, t.input.name)),
            form_table(&fields),
        ],
    )
}

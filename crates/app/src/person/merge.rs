//! Merging two records of the same person (the same ID entered twice, or a record without ID
//! later identified): reviewed first, then done in one transaction and audited.

use serde::{Deserialize, Serialize};
use serde_json::json;
use taizhang_core::{audit::AuditAction, mask};
use taizhang_db::{
    person::{self as table, PersonRecord},
    Db,
};
use ts_rs::TS;

use super::{file, PersonFile, ENTITY};
use crate::{AppError, Ctx, Result};

/// What a merge would do: the record kept, the one merged into it, and why it cannot be done
/// (None when it can).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergePreview {
    pub keep: PersonFile,
    pub other: PersonFile,
    /// Fields where both records have a value and the values differ: (label, kept, other).
    /// The kept record's values stay; blanks are filled from the other.
    pub differences: Vec<(String, String, String)>,
    pub refusal: Option<String>,
}

/// The person's fields with their labels, ID, phone and address masked, for comparing two records.
fn shown(p: &PersonRecord) -> [(&'static str, String); 8] {
    [
        ("姓名", p.name.clone()),
        (
            "公民身份号码",
            mask::id_number(p.id_number.as_deref().unwrap_or("")),
        ),
        ("民族", p.nation.clone()),
        ("籍贯", p.native_place.clone()),
        ("学历", p.education.clone()),
        ("联系电话", mask::phone(&p.phone)),
        ("住址", mask::address(&p.address)),
        ("出生日期", p.birth_date.clone().unwrap_or_default()),
    ]
}

/// Why `keep` and `other` cannot be merged, if they cannot.
fn refusal(db: &Db, keep: i64, other: i64) -> Result<Option<String>> {
    if keep == other {
        return Ok(Some("不能把一条人员记录与它自己合并".to_owned()));
    }
    let (a, b) = (table::get(db.conn(), keep)?, table::get(db.conn(), other)?);
    if let (Some(x), Some(y)) = (&a.id_number, &b.id_number) {
        if x != y {
            return Ok(Some(format!(
                "两条记录的公民身份号码不同（{} 与 {}），不是同一人，不能合并",
                mask::id_number(x),
                mask::id_number(y)
            )));
        }
    }
    let both = table::both_in(db.conn(), keep, other)?;
    if !both.is_empty() {
        let names: Vec<&str> = both
            .iter()
            .map(|t| match *t {
                "party_member" => "党员记录",
                "talent" => "人才库记录",
                _ => "积分账户",
            })
            .collect();
        return Ok(Some(format!(
            "两条记录都有{}（包括回收站中的），一人只能有一条；请先核对并保留其中一条再合并",
            names.join("、")
        )));
    }
    Ok(None)
}

/// The review before a merge: both files side by side, what differs, and any refusal.
pub fn merge_preview(db: &Db, ctx: &Ctx, keep: i64, other: i64) -> Result<MergePreview> {
    let (a, b) = (table::get(db.conn(), keep)?, table::get(db.conn(), other)?);
    let differences = shown(&a)
        .into_iter()
        .zip(shown(&b))
        .filter(|((_, x), (_, y))| !x.is_empty() && !y.is_empty() && x != y)
        .map(|((label, x), (_, y))| (label.to_owned(), x, y))
        .collect();
    Ok(MergePreview {
        keep: file(db, ctx, keep)?,
        other: file(db, ctx, other)?,
        differences,
        refusal: refusal(db, keep, other)?,
    })
}

/// Merges `other` into `keep`: every register's records of `other` become `keep`'s, blank
/// fields of `keep` are filled from `other`, and `other`'s record is removed — one
/// transaction, one audit entry naming both.
pub fn merge(db: &mut Db, ctx: &Ctx, keep: i64, other: i64) -> Result<()> {
    if let Some(why) = refusal(db, keep, other)? {
        return Err(AppError::conflict(why));
    }
    let before = table::get(db.conn(), keep)?;
    let gone = table::get(db.conn(), other)?;
    let fill = |mine: &str, theirs: &str| {
        if mine.trim().is_empty() {
            theirs.to_owned()
        } else {
            mine.to_owned()
        }
    };
    let merged = PersonRecord {
        name: before.name.clone(),
        id_number: before.id_number.clone().or(gone.id_number.clone()),
        sex: before.sex.clone().or(gone.sex.clone()),
        birth_date: before.birth_date.clone().or(gone.birth_date.clone()),
        nation: fill(&before.nation, &gone.nation),
        native_place: fill(&before.native_place, &gone.native_place),
        education: fill(&before.education, &gone.education),
        phone: fill(&before.phone, &gone.phone),
        address: fill(&before.address, &gone.address),
        grid_id: before.grid_id.or(gone.grid_id),
    };
    let as_json = |p: &PersonRecord| {
        json!({
            "name": p.name, "id_number": p.id_number, "nation": p.nation,
            "native_place": p.native_place, "education": p.education, "phone": p.phone,
            "address": p.address, "grid_id": p.grid_id,
        })
    };
    db.write(|tx| {
        // `other` goes first: its ID may be the one `keep` takes.
        table::merge(tx, other, keep)?;
        table::update(tx, keep, &merged)?;
        crate::audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, keep),
            format!(
                "合并人员：{}（人员编号 {other}）并入 {}（人员编号 {keep}）",
                gone.name, before.name
            ),
            &as_json(&before),
            &as_json(&merged),
        )
    })
}

//! 人才库 use cases: the pool found by category, skill and name; a talent saved with its
//! person (the same person as in every other register, found by ID); the recycle bin. The
//! register's import and export view is `talent/import.rs`.

mod import;

use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    dict::Dict,
    form::FieldError,
    id_number::IdNumber,
    mask,
    org::OrgKind,
    talent::{tidy_tags, TalentInput},
};
use taizhang_db::{
    page::Page,
    person,
    rusqlite::{Connection, Transaction},
    talent::{self as table, TalentRow},
    Db,
};
use ts_rs::TS;

pub use import::Talents;

use crate::{AppError, Ctx, Result};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "人才";

/// The pool's filter: "who can do 电商 in 高家沟社区?"
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TalentQuery {
    /// Name (pinyin initials too), or the tail of an ID or phone.
    pub search: String,
    pub category: Option<String>,
    /// Part of a skill: 电商 finds 农村电商.
    pub skill: Option<String>,
    pub community_id: Option<i64>,
}

/// The list as the window pages it: `page` (1-based) of `page_size` talents.
pub fn page(
    db: &Db,
    ctx: &Ctx,
    q: &TalentQuery,
    (page, page_size): (u32, u32),
) -> Result<Page<TalentRow>> {
    Ok(taizhang_db::page::of(list(db, ctx, q)?, page, page_size))
}

/// Talents (not in the recycle bin) that match, IDs and phones masked.
pub fn list(db: &Db, ctx: &Ctx, q: &TalentQuery) -> Result<Vec<TalentRow>> {
    let found: Option<Vec<i64>> = (!q.search.trim().is_empty())
        .then(|| person::search(db.conn(), &q.search, u32::MAX))
        .transpose()?;
    let category = q.category.as_deref().filter(|c| !c.is_empty());
    let skill = q.skill.as_deref().map(str::trim).filter(|s| !s.is_empty());
    Ok(table::all(db.conn())?
        .into_iter()
        .filter(|t| !t.deleted)
        .filter(|t| crate::scope::sees(ctx, &[t.input.community_id]))
        .filter(|t| found.as_ref().is_none_or(|ids| ids.contains(&t.person_id)))
        .filter(|t| category.is_none_or(|c| t.input.categories.iter().any(|x| x == c)))
        .filter(|t| skill.is_none_or(|s| t.input.skills.iter().any(|x| x.contains(s))))
        .filter(|t| {
            q.community_id
                .is_none_or(|c| t.input.community_id == Some(c))
        })
        .map(masked)
        .collect())
}

pub(crate) fn masked(mut t: TalentRow) -> TalentRow {
    t.input.id_number = mask::id_number(&t.input.id_number);
    t.input.phone = mask::phone(&t.input.phone);
    t
}

/// The person's entry (not in the recycle bin), told apart by categories and skills.
pub fn of_person(db: &Db, ctx: &Ctx, person_id: i64) -> Result<Option<(i64, String)>> {
    let conn = db.conn();
    let Some((id, false)) = table::find_by_person(conn, person_id)? else {
        return Ok(None);
    };
    let t = table::get(conn, id)?;
    if !crate::scope::sees(ctx, &[t.input.community_id]) {
        return Ok(None);
    }
    let tags: Vec<&str> = t
        .input
        .categories
        .iter()
        .chain(&t.input.skills)
        .map(String::as_str)
        .collect();
    Ok(Some((id, tags.join("、"))))
}

/// One talent as `ctx` may see it: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<TalentRow> {
    let t = table::get(db.conn(), id)?;
    check_scope(ctx, &t.input)?;
    Ok(t)
}

/// Refuses `ctx` a talent of another community.
fn check_scope(ctx: &Ctx, t: &TalentInput) -> Result<()> {
    let seen = crate::scope::sees(ctx, &[t.community_id]);
    crate::scope::check(ctx, &format!("人才 {}", t.name), seen)
}

/// One talent, ID and phone masked.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<TalentDetail> {
    Ok(TalentDetail {
        row: masked(in_scope(db, ctx, id)?),
        version: taizhang_db::audit::version(db.conn(), ENTITY, id)?,
    })
}

/// One talent as its form opens it: the row, and the version it was read at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TalentDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: TalentRow,
    /// The version shown (`audit::unchanged_since`): a save from it is refused once someone else
    /// has changed the talent.
    pub version: i64,
}

/// Skills in use, most common first, with their counts: what the form suggests. A community's
/// user is told its own community's.
pub fn skills(db: &Db, ctx: &Ctx) -> Result<Vec<(String, i64)>> {
    if ctx.scope.is_none() {
        return Ok(table::skills(db.conn())?);
    }
    let mut counted: Vec<(String, i64)> = Vec::new();
    for t in list(db, ctx, &TalentQuery::default())? {
        for skill in t.input.skills {
            match counted.iter_mut().find(|(s, _)| *s == skill) {
                Some((_, n)) => *n += 1,
                None => counted.push((skill, 1)),
            }
        }
    }
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(counted)
}

/// A talent's fields checked as a form save is: every field error, keyed by field.
pub(crate) fn check(conn: &Connection, t: &TalentInput) -> Result<Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push((field.to_owned(), message));
    if t.name.trim().is_empty() {
        err("name", "请填写姓名".into());
    }
    if let Err(e) = IdNumber::parse(&t.id_number) {
        err("id_number", e.to_string());
    }
    if !t.phone.trim().is_empty() {
        if let Err(e) = taizhang_core::phone::parse(&t.phone) {
            err("phone", e.to_string());
        }
    }
    for c in &t.categories {
        if !taizhang_db::dict::contains(conn, Dict::TalentCategory, c)? {
            err(
                "categories",
                format!("人才类别“{c}”不在字典中，可在“系统设置 → 字典”中添加"),
            );
        }
    }
    for (field, dict, value) in [
        ("education", Dict::Education, &t.education),
        ("political", Dict::Political, &t.political),
    ] {
        if !value.is_empty() && !taizhang_db::dict::contains(conn, dict, value)? {
            err(
                field,
                format!(
                    "{}“{value}”不在字典中，可在“系统设置 → 字典”中添加",
                    dict.label()
                ),
            );
        }
    }
    if let Some(id) = t.community_id {
        if taizhang_db::org::get(conn, id)?.map(|n| n.kind) != Some(OrgKind::Community) {
            err("community_id", "所选组织不是社区/村，请重新选择".into());
        }
    }
    Ok(errors)
}

/// Writes a checked talent and its person: the person known by the ID (from any register) is
/// linked and their name, phone and education updated; otherwise one is added.
pub(crate) fn write(tx: &Transaction, id: Option<i64>, t: &TalentInput) -> Result<i64> {
    let number =
        IdNumber::parse(&t.id_number).map_err(|e| AppError::field("id_number", e.to_string()))?;
    let person_id = taizhang_db::person::find_or_add(
        tx,
        &number,
        taizhang_db::person::Known {
            name: &t.name,
            phone: &t.phone,
            address: "",
            grid_id: None,
        },
    )?;
    let mut record = person::get(tx, person_id)?;
    record.name = t.name.trim().to_owned();
    record.phone = t.phone.trim().to_owned();
    record.education.clone_from(&t.education);
    person::update(tx, person_id, &record)?;
    if let Some((other, deleted)) = table::find_by_person(tx, person_id)? {
        if Some(other) != id {
            let name = t.name.trim();
            return Err(AppError::conflict(if deleted {
                format!("{name} 的人才记录在回收站中，请到回收站恢复，不要重复登记")
            } else {
                format!("{name} 已在人才库中，请在原记录上修改，不要重复登记")
            }));
        }
    }
    Ok(table::write(tx, id, person_id, t)?)
}

/// Saves a talent (new when `id` is None); returns its id. A masked ID or phone sent back
/// unchanged keeps the stored one.
pub fn save(db: &mut Db, ctx: &Ctx, id: Option<i64>, mut t: TalentInput) -> Result<i64> {
    check_scope(ctx, &t)?;
    let before = id.map(|id| in_scope(db, ctx, id)).transpose()?;
    if let Some(b) = &before {
        mask::keep_if_masked(&mut t.id_number, &b.input.id_number, mask::id_number);
        mask::keep_if_masked(&mut t.phone, &b.input.phone, mask::phone);
    }
    t.name = t.name.trim().to_owned();
    t.categories = tidy_tags(&t.categories);
    t.skills = tidy_tags(&t.skills);
    let errors = check(db.conn(), &t)?;
    if !errors.is_empty() {
        return Err(AppError::validation(
            errors
                .into_iter()
                .map(|(field, message)| FieldError { field, message })
                .collect(),
        ));
    }
    db.write(|tx| {
        let saved = write(tx, id, &t)?;
        let (action, summary) = match &before {
            Some(_) => (AuditAction::Update, format!("修改人才 {}", t.name)),
            None => (AuditAction::Create, format!("登记人才 {}", t.name)),
        };
        crate::audit::change(
            tx,
            ctx,
            action,
            (ENTITY, saved),
            summary,
            &before.as_ref().map(|b| &b.input),
            &t,
        )?;
        Ok(saved)
    })
}

/// Moves a talent to the recycle bin.
pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let what = format!("人才 {}", in_scope(db, ctx, id)?.input.name);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, true, table::set_deleted)
}

/// Puts a talent back from the recycle bin.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let what = format!("人才 {}", table::get(db.conn(), id)?.input.name);
    crate::audit::binned(db, ctx, (ENTITY, id), &what, false, table::set_deleted)
}

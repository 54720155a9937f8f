//! The party-member register's use cases (党员花名册).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use taizhang_core::{
    audit::AuditAction,
    date,
    dict::Dict,
    mask,
    org::OrgKind,
    party_member::{self as rules, PartyMemberInput, ReportPost},
};
use taizhang_db::{
    dict as dict_table,
    party_member::{
        self as table, Contact, PairedHousehold, PartyMemberDetail, PartyMemberRow, Report, Within,
    },
    person::{self, PersonRecord},
    rusqlite::Transaction,
    Db, Page,
};
use ts_rs::TS;

mod import;

pub use import::PartyMembers;
pub use taizhang_db::party_member::{PartyMemberQuery, Satellite};

use crate::{AppError, Ctx, Result};

/// The register's name in the audit trail and the recycle bin.
pub const ENTITY: &str = table::ENTITY;

/// The register's title on sheets and pages, after the office's name.
pub const TITLE: &str = "党员花名册";

/// The sensitive values a clerk can reveal on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SensitiveField {
    IdNumber,
    Phone,
    /// A person's home address (a house's address is not masked: it names the house).
    Address,
}

/// A 报到 record or a 包联户 as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportInput {
    pub unit: String,
    pub reported_on: String,
    pub post: ReportPost,
    pub note: String,
}

/// A 包联户 as the member's detail adds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PairedHouseholdInput {
    pub head_name: String,
    pub address: String,
    pub phone: String,
    pub note: String,
}

fn mask_row(mut r: PartyMemberRow) -> PartyMemberRow {
    r.id_number = mask::id_number(&r.id_number);
    r.phone = mask::phone(&r.phone);
    r
}

/// One page of the roster, IDs and phones masked.
pub fn list(db: &Db, ctx: &Ctx, q: &PartyMemberQuery) -> Result<Page<PartyMemberRow>> {
    let page = table::list(db.conn(), &scoped(ctx, q), ctx.today)?;
    Ok(Page {
        items: page.items.into_iter().map(mask_row).collect(),
        ..page
    })
}

/// One page of the roster with full IDs and phones (the list shows no address); the reveal and its reason go to the access
/// log.
pub fn list_unmasked(
    db: &mut Db,
    ctx: &Ctx,
    q: &PartyMemberQuery,
    reason: &str,
) -> Result<Page<PartyMemberRow>> {
    let page = table::list(db.conn(), &scoped(ctx, q), ctx.today)?;
    crate::access::record(
        db,
        ctx,
        (ENTITY, 0),
        format!(
            "查看 {} 名党员的完整身份证号和电话（检索：“{}”）",
            page.items.len(),
            q.search
        ),
        reason,
    )?;
    Ok(page)
}

/// Writes the members a roster query finds (every page) to an .xlsx; see [`crate::export`].
pub fn export(
    db: &mut Db,
    ctx: &Ctx,
    q: &PartyMemberQuery,
    path: &std::path::Path,
    request: crate::export::Request,
) -> Result<crate::export::Exported> {
    let scope = if q.search.is_empty() {
        String::new()
    } else {
        format!("检索“{}”", q.search)
    };
    let (q, today) = (scoped(ctx, q), ctx.today);
    crate::export::overlapped(
        db,
        |r| Ok(table::count_matching(r.conn(), &q, today)? as usize),
        |r, each| {
            Ok(table::each_matching(r.conn(), &q, today, &mut |d| {
                each(d.input)
            })?)
        },
        |db, records| {
            crate::export::register::<PartyMembers>(db, ctx, path, TITLE, records, request, &scope)
        },
    )
}

/// The members a roster query finds within `ctx`'s part (every page), in roster order: what the
/// 花名册 prints (an export reads them as it writes).
pub fn matching(db: &Db, ctx: &Ctx, q: &PartyMemberQuery) -> Result<Vec<PartyMemberDetail>> {
    Ok(table::matching(db.conn(), &scoped(ctx, q), ctx.today)?)
}

/// The person's membership (not in the recycle bin), told apart by branch and category.
pub fn of_person(db: &Db, ctx: &Ctx, person_id: i64) -> Result<Option<(i64, String)>> {
    let conn = db.conn();
    let Some((id, false)) = table::find_by_person(conn, person_id)? else {
        return Ok(None);
    };
    let d = table::get(conn, id, ctx.today)?;
    if !crate::scope::sees_member(ctx, d.input.branch_id, d.input.grid_id) {
        return Ok(None);
    }
    Ok(Some((
        id,
        format!("{} · {}", d.branch, d.input.category.label()),
    )))
}

/// The query within `ctx`'s community (数据权限).
fn scoped(ctx: &Ctx, q: &PartyMemberQuery) -> PartyMemberQuery {
    PartyMemberQuery {
        within: ctx.scope.as_ref().map(|s| Within {
            units: s.units.clone(),
            claimed: s.claimed.clone(),
        }),
        ..q.clone()
    }
}

/// Refuses `ctx` a member of another community (by branch and grid).
fn check_scope(ctx: &Ctx, input: &PartyMemberInput) -> Result<()> {
    let seen = crate::scope::sees_member(ctx, input.branch_id, input.grid_id);
    crate::scope::check(ctx, &format!("党员 {}", input.name), seen)
}

/// One member as `ctx` may see it: refused when another community's.
pub(crate) fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<PartyMemberDetail> {
    let d = table::get(db.conn(), id, ctx.today)?;
    check_scope(ctx, &d.input)?;
    Ok(d)
}

/// Everything on one member, IDs, phones and addresses masked (the 包联户's too).
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<PartyMemberDetail> {
    let mut d = in_scope(db, ctx, id)?;
    d.input.id_number = mask::id_number(&d.input.id_number);
    d.input.phone = mask::phone(&d.input.phone);
    d.input.address = mask::address(&d.input.address);
    for h in &mut d.households {
        h.phone = mask::phone(&h.phone);
        h.address = mask::address(&h.address);
    }
    Ok(d)
}

/// The full value of one sensitive field; the reveal and its reason go to the access log.
pub fn reveal(
    db: &mut Db,
    ctx: &Ctx,
    id: i64,
    field: SensitiveField,
    reason: &str,
) -> Result<String> {
    let d = in_scope(db, ctx, id)?;
    let (label, value) = match field {
        SensitiveField::IdNumber => (rules::label("id_number"), d.input.id_number),
        SensitiveField::Phone => (rules::label("phone"), d.input.phone),
        SensitiveField::Address => (rules::label("address"), d.input.address),
    };
    crate::access::record(
        db,
        ctx,
        (ENTITY, id),
        format!("查看 {} 的完整{label}", d.input.name),
        reason,
    )?;
    Ok(value)
}

/// Adds a member. A person already known by the same ID (from another register) is linked, not
/// duplicated; an ID already on the roster is refused.
pub fn create(db: &mut Db, ctx: &Ctx, input: PartyMemberInput) -> Result<i64> {
    check_scope(ctx, &input)?;
    let valid = validate(db, ctx, input)?;
    let conn = db.conn();
    let existing = person::find_by_id_number(conn, valid.id_number.as_str())?;
    if let Some(person_id) = existing {
        if let Some((member_id, deleted)) = table::find_by_person(conn, person_id)? {
            let d = table::get(conn, member_id, ctx.today)?;
            return Err(AppError::conflict(if deleted {
                format!(
                    "该公民身份号码的党员 {} 已在回收站中，请到回收站恢复，不要重复新增",
                    d.input.name
                )
            } else {
                format!(
                    "该公民身份号码已登记为党员：{}（{}），不能重复新增",
                    d.input.name, d.branch
                )
            }));
        }
    }
    let person = person_record(&valid);
    let m = valid.input;
    db.write(|tx| {
        let person_id = match existing {
            Some(id) => {
                person::update(tx, id, &person)?;
                id
            }
            None => person::insert(tx, &person)?,
        };
        let id = table::insert(tx, person_id, &m)?;
        record(
            tx,
            ctx,
            AuditAction::Create,
            id,
            format!("新增党员 {}", m.name),
            &Value::Null,
            &m,
        )?;
        Ok(id)
    })
}

/// Saves an edited member. Masked ID, phone or address values sent back unchanged keep the
/// stored ones.
pub fn update(db: &mut Db, ctx: &Ctx, id: i64, mut input: PartyMemberInput) -> Result<()> {
    let before = in_scope(db, ctx, id)?;
    check_scope(ctx, &input)?;
    if before.deleted_at.is_some() {
        return Err(AppError::conflict("该党员已在回收站中，请先恢复再修改"));
    }
    mask::keep_if_masked(
        &mut input.id_number,
        &before.input.id_number,
        mask::id_number,
    );
    mask::keep_if_masked(&mut input.phone, &before.input.phone, mask::phone);
    mask::keep_if_masked(&mut input.address, &before.input.address, mask::address);
    let valid = validate(db, ctx, input)?;
    if let Some(other) = person::find_by_id_number(db.conn(), valid.id_number.as_str())? {
        if other != before.person_id {
            return Err(AppError::field(
                "id_number",
                "该公民身份号码已属于另一人员，请核对后再保存",
            ));
        }
    }
    let person = person_record(&valid);
    let m = valid.input;
    db.write(|tx| {
        person::update(tx, before.person_id, &person)?;
        table::update(tx, id, &m)?;
        // Saved through the form's full check: nothing is lacking any more (待补录 cleared).
        taizhang_db::incomplete::set(tx, ENTITY, id, &[])?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            id,
            format!("修改党员 {}", m.name),
            &serde_json::to_value(&before.input).unwrap_or_default(),
            &m,
        )
    })
}

/// Moves members to the recycle bin, all or none.
pub fn delete(db: &mut Db, ctx: &Ctx, ids: &[i64]) -> Result<usize> {
    let names = ids
        .iter()
        .map(|&id| in_scope(db, ctx, id).map(|d| (id, d)))
        .collect::<Result<Vec<_>>>()?;
    db.write(|tx| {
        for (id, d) in &names {
            if d.deleted_at.is_some() {
                continue;
            }
            table::set_deleted(tx, *id, Some(&ctx.actor))?;
            crate::audit::note(
                tx,
                ctx,
                AuditAction::Delete,
                ENTITY,
                *id,
                format!("删除党员 {}（{}）", d.input.name, d.branch),
            )?;
        }
        Ok(names.len())
    })
}

/// Brings a member back from the recycle bin.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let d = table::get(db.conn(), id, ctx.today)?;
    if d.deleted_at.is_none() {
        return Err(AppError::conflict(format!(
            "党员 {} 不在回收站中",
            d.input.name
        )));
    }
    db.write(|tx| {
        table::set_deleted(tx, id, None)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Restore,
            ENTITY,
            id,
            format!("恢复党员 {}", d.input.name),
        )
    })
}

/// A day that has happened (today or before), as YYYY-MM-DD; otherwise an error on `field`
/// naming what the date is (报到日期).
fn past_day(ctx: &Ctx, text: &str, (field, what): (&str, &str)) -> Result<String> {
    match date::parse(text) {
        Some(day) if day <= ctx.today => Ok(day.to_string()),
        _ => Err(AppError::field(
            field,
            format!("请填写有效的{what}（不晚于今天）"),
        )),
    }
}

pub fn add_report(db: &mut Db, ctx: &Ctx, member_id: i64, r: ReportInput) -> Result<i64> {
    let d = in_scope(db, ctx, member_id)?;
    let unit = rules::normalise_text(&r.unit);
    if unit.is_empty() {
        return Err(AppError::field("unit", "请填写报到党员的工作单位"));
    }
    let reported_on = past_day(ctx, &r.reported_on, ("reported_on", "报到日期"))?;
    let report = Report {
        id: 0,
        unit,
        reported_on,
        post: r.post,
        note: rules::normalise_text(&r.note),
    };
    db.write(|tx| {
        let id = table::add_report(tx, member_id, &report)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            member_id,
            format!(
                "{} 到社区报到：{}，{}（{}）",
                d.input.name,
                report.unit,
                report.post.label(),
                report.reported_on
            ),
        )?;
        Ok(id)
    })
}

pub fn add_household(
    db: &mut Db,
    ctx: &Ctx,
    member_id: i64,
    h: PairedHouseholdInput,
) -> Result<i64> {
    let d = in_scope(db, ctx, member_id)?;
    let head_name = rules::normalise_text(&h.head_name).replace(' ', "");
    if head_name.is_empty() {
        return Err(AppError::field("head_name", "请填写户主姓名"));
    }
    let phone = match h.phone.trim() {
        "" => String::new(),
        p => taizhang_core::phone::parse(p).map_err(|e| AppError::field("phone", e.to_string()))?,
    };
    let household = PairedHousehold {
        id: 0,
        head_name,
        address: rules::normalise_text(&h.address),
        phone,
        note: rules::normalise_text(&h.note),
    };
    db.write(|tx| {
        let id = table::add_household(tx, member_id, &household)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            member_id,
            format!("{} 新增包联户：{}", d.input.name, household.head_name),
        )?;
        Ok(id)
    })
}

/// A contact with a 流动 or 失联 member as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactInput {
    pub contacted_on: String,
    pub way: String,
    pub note: String,
}

/// Records that the branch reached a member (the to-do stops asking once they are reached).
pub fn add_contact(db: &mut Db, ctx: &Ctx, member_id: i64, c: ContactInput) -> Result<i64> {
    let d = in_scope(db, ctx, member_id)?;
    let contacted_on = past_day(ctx, &c.contacted_on, ("contacted_on", "联系日期"))?;
    let contact = Contact {
        id: 0,
        contacted_on,
        way: rules::normalise_text(&c.way),
        note: rules::normalise_text(&c.note),
    };
    db.write(|tx| {
        let id = table::add_contact(tx, member_id, &contact)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            member_id,
            format!(
                "{} 联系记录：{}{}",
                d.input.name,
                contact.contacted_on,
                if contact.way.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", contact.way)
                }
            ),
        )?;
        Ok(id)
    })
}

/// Removes a 报到 record, a 包联户 or a contact.
pub fn remove_satellite(db: &mut Db, ctx: &Ctx, satellite: Satellite, id: i64) -> Result<()> {
    db.write(|tx| {
        let member_id = table::remove_satellite(tx, satellite, id)?;
        // Another community's: refused, and the removal goes back with the transaction.
        check_scope(ctx, &table::get(tx, member_id, ctx.today)?.input)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            member_id,
            format!("删除{}（编号 {id}）", satellite.label()),
        )
    })
}

/// The core rules, then the ones that need the database: the organisation nodes exist and are of
/// the right kind, dictionary values are known.
fn validate(db: &Db, ctx: &Ctx, input: PartyMemberInput) -> Result<rules::Valid> {
    let valid = rules::validate(input, ctx.today).map_err(AppError::validation)?;
    let conn = db.conn();
    let m = &valid.input;
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(taizhang_core::form::FieldError {
            field: field.to_owned(),
            message,
        })
    };
    let kind_of = |id: Option<i64>| -> Result<Option<(OrgKind, Option<i64>)>> {
        Ok(match id {
            Some(id) => taizhang_db::org::get(conn, id)?.map(|n| (n.kind, n.parent_id)),
            None => None,
        })
    };
    if !matches!(kind_of(m.branch_id)?, Some((OrgKind::Branch, _))) {
        err("branch_id", "所选组织不是党支部，请重新选择".into());
    }
    if m.group_id.is_some()
        && !matches!(kind_of(m.group_id)?, Some((OrgKind::PartyGroup, p)) if p == m.branch_id)
    {
        err("group_id", "所选党小组不属于该党支部".into());
    }
    if m.grid_id.is_some() && !matches!(kind_of(m.grid_id)?, Some((OrgKind::Grid, _))) {
        err("grid_id", "所选组织不是网格，请重新选择".into());
    }
    if !dict_table::contains(conn, Dict::Nation, &m.nation)? {
        err("nation", format!("民族“{}”不在字典中", m.nation));
    }
    if !m.education.is_empty() && !dict_table::contains(conn, Dict::Education, &m.education)? {
        err(
            "education",
            format!(
                "学历“{}”不在字典中，可在“系统设置 → 字典”中添加",
                m.education
            ),
        );
    }
    if errors.is_empty() {
        Ok(valid)
    } else {
        Err(AppError::validation(errors))
    }
}

/// The shared person row of a checked member.
pub(crate) fn person_record(v: &rules::Valid) -> PersonRecord {
    let m = &v.input;
    PersonRecord {
        name: m.name.clone(),
        id_number: Some(v.id_number.as_str().to_owned()),
        sex: Some(v.sex.label().to_owned()),
        birth_date: Some(v.birth_date.to_string()),
        nation: m.nation.clone(),
        native_place: m.native_place.clone(),
        education: m.education.clone(),
        phone: m.phone.clone(),
        address: m.address.clone(),
        grid_id: m.grid_id,
    }
}

fn record(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    id: i64,
    summary: String,
    before: &Value,
    after: &PartyMemberInput,
) -> Result<()> {
    crate::audit::change(tx, ctx, action, (ENTITY, id), summary, before, after)
}

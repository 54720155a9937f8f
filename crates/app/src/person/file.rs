//! 一人一档: everything the registers hold on one person, IDs, phones and addresses masked.

use serde::{Deserialize, Serialize};
use taizhang_core::{date, mask};
use taizhang_db::{
    audit::AuditEntry,
    house::HouseRow,
    meeting::Attended,
    party_member::PartyMemberDetail,
    person as table,
    points::{AccountRow, EntryRow},
    talent::TalentRow,
    Db,
};
use ts_rs::TS;

use super::ENTITY;
use crate::{
    house, party_member, party_member::SensitiveField, points, registers, scope, talent, Ctx,
    Result,
};

/// How many audit entries and ledger lines a person's file shows (newest first).
const RECENT: usize = 50;

/// One person across every register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonFile {
    pub id: i64,
    pub name: String,
    /// Masked.
    pub id_number: String,
    pub sex: String,
    pub birth_date: String,
    pub age: Option<i32>,
    pub nation: String,
    pub education: String,
    /// Masked.
    pub phone: String,
    /// Masked.
    pub address: String,
    pub grid: String,
    /// Party membership, its development dates, 报到 records and 包联户.
    pub membership: Option<PartyMemberDetail>,
    /// The person's own points account (个人).
    pub account: Option<AccountRow>,
    /// The account's latest entries, newest first.
    pub ledger: Vec<EntryRow>,
    pub talent: Option<TalentRow>,
    /// Houses the person owns (产权人).
    pub houses: Vec<HouseRow>,
    /// Meetings the person was on the attendance list of, newest first.
    pub meetings: Vec<Attended>,
    /// What was done to the person's records in every register, newest first.
    pub audit: Vec<AuditEntry>,
}

/// The whole file of one person, as far as `ctx` may see it: a community's user is shown a
/// person who lives in the community or is on one of its records, and only those records.
pub fn file(db: &Db, ctx: &Ctx, person_id: i64) -> Result<PersonFile> {
    let conn = db.conn();
    let p = table::get(conn, person_id)?;
    let membership = match taizhang_db::party_member::find_by_person(conn, person_id)? {
        Some((id, _)) => scope::if_seen(party_member::get(db, ctx, id))?,
        None => None,
    };
    let account = match taizhang_db::points::account_of_person(conn, person_id)? {
        Some(id) if points::street_only(ctx).is_ok() => Some(points::account(db, id)?),
        _ => None,
    };
    let ledger = match &account {
        Some(a) => {
            let mut lines = points::ledger(db, a.id)?;
            lines.reverse();
            lines.truncate(RECENT);
            lines
        }
        None => Vec::new(),
    };
    let talent = match taizhang_db::talent::find_by_person(conn, person_id)? {
        Some((id, _)) => scope::if_seen(talent::get(db, ctx, id))?.map(|d| d.row),
        None => None,
    };
    let houses = taizhang_db::house::owned_by(conn, person_id, ctx.today)?
        .into_iter()
        .filter(|h| scope::sees(ctx, &[h.input.community_id, h.input.grid_id]))
        .map(house::masked)
        .collect::<Vec<_>>();
    let lives_here = scope::sees(ctx, &[p.grid_id]);
    let on_record = membership.is_some() || talent.is_some() || !houses.is_empty();
    scope::check(ctx, &format!("人员 {}", p.name), lives_here || on_record)?;
    let mut records = vec![(ENTITY, person_id)];
    for register in registers::ON_PERSON {
        if let Some((id, _)) = (register.find)(db, ctx, person_id)? {
            records.push((register.entity, id));
        }
    }
    records.extend(houses.iter().map(|h| (house::ENTITY, h.id)));
    let grid = match p.grid_id {
        Some(id) => taizhang_db::org::get(conn, id)?
            .map(|n| n.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let birth_date = p.birth_date.unwrap_or_default();
    Ok(PersonFile {
        id: person_id,
        name: p.name,
        id_number: mask::id_number(p.id_number.as_deref().unwrap_or("")),
        sex: p.sex.unwrap_or_default(),
        age: date::parse(&birth_date).map(|b| date::age_on(b, ctx.today)),
        birth_date,
        nation: p.nation,
        education: p.education,
        phone: mask::phone(&p.phone),
        address: mask::address(&p.address),
        grid,
        membership,
        account,
        ledger,
        talent,
        houses,
        meetings: taizhang_db::meeting::attended_by(conn, person_id)?
            .into_iter()
            .filter(|m| scope::sees(ctx, &[m.org_id]))
            .collect(),
        audit: taizhang_db::audit::of_records(conn, &records, RECENT as u32)?,
    })
}

/// The person's full ID, phone or address; the reveal and its reason go to the access log.
pub fn reveal(
    db: &mut Db,
    ctx: &Ctx,
    person_id: i64,
    field: SensitiveField,
    reason: &str,
) -> Result<String> {
    file(db, ctx, person_id)?;
    let p = table::get(db.conn(), person_id)?;
    let (label, value) = match field {
        SensitiveField::IdNumber => ("公民身份号码", p.id_number.unwrap_or_default()),
        SensitiveField::Phone => ("联系电话", p.phone),
        SensitiveField::Address => ("住址", p.address),
    };
    crate::access::record(
        db,
        ctx,
        (ENTITY, person_id),
        format!("查看 {} 的完整{label}", p.name),
        reason,
    )?;
    Ok(value)
}

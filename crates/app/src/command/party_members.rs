//! 党员花名册.

use crate::files::{SaveAs, Upload};

use super::{command, Command};
use crate::{
    audit,
    core::party_member::PartyMemberInput,
    db::party_member::{PartyMemberDetail, PartyMemberRow},
    export::{Exported, Request},
    party_member::{
        self as pm, ContactInput, PairedHouseholdInput, PartyMemberQuery, ReportInput, Satellite,
        SensitiveField,
    },
    Page,
};

pub const ALL: &[Command] = &[
    command!(party_members.list(query: PartyMemberQuery) -> Page<PartyMemberRow>, Read + Community, |db, ctx| pm::list(db, ctx, &query)),
    command!(party_members.get(id: i64) -> PartyMemberDetail, Read + Community, |db, ctx| pm::get(db, ctx, id)),
    command!(
        /// One full value, for a reason the audit trail keeps.
        party_members.reveal(id: i64, field: SensitiveField, reason: String) -> String, Reveal + Community,
        |db, ctx| pm::reveal(db, ctx, id, field, &reason)
    ),
    command!(party_members.create(input: PartyMemberInput) -> i64, Write + Community, |db, ctx| pm::create(db, ctx, input)),
    command!(
        /// `version`: the detail's, from which the form was filled (a save over a newer change
        /// is refused, naming who made it).
        party_members.update(id: i64, input: PartyMemberInput, version: Option<i64>) -> (), Write + Community,
        |db, ctx| {
            audit::unchanged_since(db, ctx, (pm::ENTITY, id), version)?;
            pm::update(db, ctx, id, input)
        }
    ),
    command!(
        /// To the recycle bin; returns how many.
        party_members.remove(ids: Vec<i64>) -> usize, Write + Community, |db, ctx| pm::delete(db, ctx, &ids)
    ),
    command!(party_members.add_report(member_id: i64, input: ReportInput) -> i64, Write + Community, |db, ctx| pm::add_report(db, ctx, member_id, input)),
    command!(party_members.add_household(member_id: i64, input: PairedHouseholdInput) -> i64, Write + Community, |db, ctx| pm::add_household(db, ctx, member_id, input)),
    command!(party_members.add_contact(member_id: i64, input: ContactInput) -> i64, Write + Community, |db, ctx| pm::add_contact(db, ctx, member_id, input)),
    command!(party_members.remove_report(id: i64) -> (), Write + Community, |db, ctx| pm::remove_satellite(db, ctx, Satellite::Report, id)),
    command!(party_members.remove_household(id: i64) -> (), Write + Community, |db, ctx| pm::remove_satellite(db, ctx, Satellite::Household, id)),
    command!(
        /// The members the list's query finds, as an .xlsx with IDs and phones masked: in our
        /// layout, or filled into `template` (a higher level's form).
        party_members.export_xlsx(query: PartyMemberQuery, path: SaveAs, template: Option<Upload>) -> Exported, Write + Community,
        |db, ctx| {
            let request = Request {
                template: template.as_deref(),
                ..Request::default()
            };
            pm::export(db, ctx, &query, &path, request)
        }
    ),
];

//! The 住户信息表 communities keep, as the import and export engines see it: one row is a
//! person, keyed by 公民身份号码, with the address of the household they live in. Rows with
//! the same address (in the same 社区) are one household; a row whose address differs from
//! where the person is registered moves them (a household left empty goes to the recycle bin,
//! and a later row naming that address takes it back).

use std::collections::HashMap;

use chrono::NaiveDate;
use taizhang_core::{
    household::{Relation, Residence, Resident, HOUSEHOLD_FIELDS},
    import::{split_list, FieldSpec},
    org::OrgKind,
    talent::tidy_tags,
};
use taizhang_db::{
    household as table, import_batch,
    rusqlite::{Connection, Transaction},
    Db,
};
use taizhang_excel::check::Values;

use super::{write, ENTITY, MEMBER};
use crate::{
    import::{fill_texts, Merged, Office, Stored, Target},
    Ctx, Result,
};

/// The household register as sheets hold it: its members, keyed by 公民身份号码.
pub struct Residents;

/// The address's parts, as the household's columns.
const ADDRESS: [&str; 4] = ["estate", "building", "unit", "room"];

impl Target for Residents {
    fn seen(ctx: &Ctx, r: &Self::Input) -> bool {
        crate::scope::sees(ctx, &[r.community_id, r.grid_id])
    }

    /// Household by household, as the list orders them: community, then address.
    fn export_group(r: &Self::Input) -> String {
        format!("{:012}{}", r.community_id.unwrap_or_default(), r.address())
    }

    const CLI_NAME: &'static str = "households";
    const TITLE: &'static str = "住户信息表";
    const ENTITY: &'static str = MEMBER;
    const KEY: &'static str = "id_number";
    const PLACE: (&'static str, &'static [&'static str]) =
        ("住址", &["estate", "building", "unit", "room"]);
    // One sheet per 社区 is common, the community named only on the tab.
    const SHEET_NAMES: Option<&'static str> = Some("community_id");
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("community_id", "东关社区"),
        ("grid_id", "第一网格"),
        ("estate", "幸福小区"),
        ("building", "3号楼"),
        ("unit", "2单元"),
        ("room", "301"),
        ("name", "王国民"),
        ("id_number", "141130195603020017"),
        ("phone", "13834567890"),
        ("relation", "户主"),
        ("residence", "户籍人口"),
        ("care", "独居老人、高龄老人"),
    ];
    type Input = Resident;

    fn fields() -> &'static [FieldSpec] {
        HOUSEHOLD_FIELDS
    }

    fn stored(db: &Db, _: NaiveDate) -> Result<HashMap<String, Stored<Resident>>> {
        Ok(table::residents(db.conn())?
            .into_iter()
            .map(|(person, r)| {
                (
                    r.member.id_number.clone(),
                    Stored {
                        id: person,
                        deleted: false,
                        input: r,
                    },
                )
            })
            .collect())
    }

    fn text(office: &Office, r: &Resident, field: &str) -> String {
        let m = &r.member;
        match field {
            "community_id" => office.org_label(r.community_id).to_owned(),
            "grid_id" => office.org_label(r.grid_id).to_owned(),
            "estate" => r.estate.clone(),
            "building" => r.building.clone(),
            "unit" => r.unit.clone(),
            "room" => r.room.clone(),
            "name" => m.name.clone(),
            "id_number" => m.id_number.clone(),
            "phone" => m.phone.clone(),
            "relation" => m.relation.map(|x| x.label().to_owned()).unwrap_or_default(),
            "residence" => m
                .residence
                .map(|x| x.label().to_owned())
                .unwrap_or_default(),
            "care" => m.care.join("、"),
            "note" => m.note.clone(),
            _ => String::new(),
        }
    }

    fn merge(
        office: &Office,
        base: Option<&Resident>,
        values: &Values,
        _today: NaiveDate,
        absent: &dyn Fn(&str) -> bool,
    ) -> Merged<Resident> {
        let mut r = base.cloned().unwrap_or_default();
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut err = |field: &str, message: String| errors.push((field.to_owned(), message));
        let m = &mut r.member;
        fill_texts(
            values,
            [
                ("name", &mut m.name),
                ("id_number", &mut m.id_number),
                ("phone", &mut m.phone),
                ("note", &mut m.note),
            ],
        );
        if let Some(v) = values.get("relation") {
            m.relation = Relation::from_label(v);
        }
        if let Some(v) = values.get("residence") {
            m.residence = Residence::from_label(v);
        }
        if let Some(v) = values.get("care") {
            m.care = tidy_tags(&split_list(v));
        }
        if m.name.is_empty() {
            err("name", "请填写姓名".to_owned());
        }
        if m.id_number.is_empty() {
            err("id_number", "住户成员以公民身份号码区分，请填写".to_owned());
        }
        // The sheet's address is the whole address: parts it has no column for are empty, so
        // a one-column 住址 is not joined to a stored 小区.
        if ADDRESS.iter().any(|f| !absent(f)) {
            for (field, slot) in
                ADDRESS
                    .into_iter()
                    .zip([&mut r.estate, &mut r.building, &mut r.unit, &mut r.room])
            {
                *slot = values.get(field).unwrap_or_default().trim().to_owned();
            }
        }
        if r.room.is_empty() {
            err(
                "room",
                if absent("room") {
                    "表格没有门牌（室）或住址列，无法分户；请加上这一列".to_owned()
                } else {
                    "请填写门牌（室）或住址".to_owned()
                },
            );
        }
        if let Some(name) = values.get("community_id") {
            let community = office.org_id(OrgKind::Community, name, None);
            if community != r.community_id {
                // Moved to another community: the old grid is not theirs any more.
                r.grid_id = None;
            }
            r.community_id = community;
        }
        if let Some(name) = values.get("grid_id").filter(|n| !n.is_empty()) {
            match office.unit_within(OrgKind::Grid, name, r.community_id) {
                Ok(grid) => {
                    r.grid_id = Some(grid);
                    r.community_id = r.community_id.or(office.community_of(grid));
                }
                Err(e) => err("grid_id", e),
            }
        }
        let mut lacking = Vec::new();
        if r.community_id.is_none() {
            if absent("community_id") {
                lacking.push("community_id");
            } else {
                err("community_id", "请填写社区（村）".to_owned());
            }
        }
        if errors.is_empty() {
            Ok((r, lacking))
        } else {
            Err(errors)
        }
    }

    /// Puts the person in the household at the row's address (found, taken back from the
    /// recycle bin when a move had emptied it, or new), out of any other. Returns their
    /// person id, the record's id.
    fn write(tx: &Transaction, ctx: &Ctx, _id: Option<i64>, r: &Resident) -> Result<i64> {
        let linked = super::persons(tx, &r.household())?;
        let person = linked.first().copied().unwrap_or_default();
        let address = r.address();
        let mut at = table::find_by_address(tx, r.community_id, &address)?;
        if at.is_none() {
            at = table::find_emptied(tx, r.community_id, &address)?;
            if let Some(h) = at {
                table::set_deleted(tx, h, None)?;
            }
        }
        for h in table::of_person(tx, person)? {
            if Some(h) != at {
                leave(tx, ctx, h, person)?;
            }
        }
        match at {
            None => {
                write(tx, None, &r.household())?;
            }
            Some(h) => {
                let mut record = table::get(tx, h)?;
                let members = &mut record.input.members;
                match record.person_ids.iter().position(|p| *p == person) {
                    Some(i) => members[i] = r.member.clone(),
                    None => members.push(r.member.clone()),
                }
                if r.grid_id.is_some() {
                    record.input.grid_id = r.grid_id;
                }
                write(tx, Some(h), &record.input)?;
            }
        }
        Ok(person)
    }

    /// Takes the person out of their household (undoing an import that added them); a
    /// household left empty goes to the recycle bin.
    fn set_deleted(tx: &Transaction, ctx: &Ctx, person: i64, deleted: bool) -> Result<()> {
        if deleted {
            for h in table::of_person(tx, person)? {
                leave(tx, ctx, h, person)?;
            }
        }
        Ok(())
    }

    /// A household saved through its form after the import counts as a later edit of each of
    /// its members.
    fn later_edit(
        conn: &Connection,
        person: i64,
        after: i64,
    ) -> Result<Option<(String, String, String)>> {
        if let Some(edit) = import_batch::later_edit(conn, MEMBER, person, after)? {
            return Ok(Some(edit));
        }
        for h in table::of_person(conn, person)? {
            if let Some(edit) = import_batch::later_edit(conn, ENTITY, h, after)? {
                return Ok(Some(edit));
            }
        }
        Ok(None)
    }
}

/// Takes `person` out of household `h`; a household left empty goes to the recycle bin.
fn leave(tx: &Transaction, ctx: &Ctx, h: i64, person: i64) -> Result<()> {
    let mut record = table::get(tx, h)?;
    let keep: Vec<usize> = (0..record.person_ids.len())
        .filter(|i| record.person_ids[*i] != person)
        .collect();
    record.input.members = keep
        .iter()
        .map(|i| record.input.members[*i].clone())
        .collect();
    let ids: Vec<i64> = keep.iter().map(|i| record.person_ids[*i]).collect();
    table::write(tx, Some(h), &record.input, &ids)?;
    if ids.is_empty() {
        table::set_deleted(tx, h, Some(&ctx.actor))?;
    }
    Ok(())
}

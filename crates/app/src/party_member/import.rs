//! The party-member register as the import and export engines see it.

use std::collections::HashMap;

use chrono::NaiveDate;
use taizhang_core::{
    id_number::IdNumber,
    import::FieldSpec,
    org::OrgKind,
    party_member::{self as rules, Category, PartyMemberInput, Status, IMPORT_FIELDS},
};
use taizhang_db::{party_member as table, person, rusqlite::Transaction, Db};
use taizhang_excel::check::Values;

use super::{person_record, ENTITY};
use crate::{
    import::{Merged, Office, Stored, Target},
    Ctx, Result,
};

/// The party-member register (党员花名册), keyed by 公民身份号码.
pub struct PartyMembers;

impl Target for PartyMembers {
    fn seen(ctx: &Ctx, m: &Self::Input) -> bool {
        crate::scope::sees_member(ctx, m.branch_id, m.grid_id)
    }

    const CLI_NAME: &'static str = "party-members";
    const TITLE: &'static str = crate::party_member::TITLE;
    const ENTITY: &'static str = ENTITY;
    const KEY: &'static str = "id_number";
    const SHEET_NAMES: Option<&'static str> = Some("branch_id");
    const DERIVED: &'static [&'static str] = rules::DERIVED;
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("name", "张红梅"),
        ("sex", "女"),
        ("nation", "汉族"),
        ("birth_date", "1990-03-15"),
        ("id_number", "141130199003150028"),
        ("education", "大学本科"),
        ("category", "正式党员"),
        ("joined_on", "2015-07-01"),
        ("confirmed_on", "2016-07-01"),
        ("work_unit", "交口县第一中学 教师"),
        ("phone", "13812345678"),
        ("address", "东关社区3号楼2单元"),
        ("status", "正常"),
    ];
    type Input = PartyMemberInput;

    fn fields() -> &'static [FieldSpec] {
        IMPORT_FIELDS
    }

    fn stored(db: &Db, today: NaiveDate) -> Result<HashMap<String, Stored<PartyMemberInput>>> {
        Ok(table::all(db.conn(), today)?
            .into_iter()
            .map(|d| {
                (
                    d.input.id_number.clone(),
                    Stored {
                        id: d.id,
                        deleted: d.deleted_at.is_some(),
                        input: d.input,
                    },
                )
            })
            .collect())
    }

    fn text(office: &Office, m: &PartyMemberInput, field: &str) -> String {
        let id = || IdNumber::parse(&m.id_number).ok();
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        match field {
            "name" => m.name.clone(),
            "sex" => id().map(|i| i.sex().label().to_owned()).unwrap_or_default(),
            "birth_date" => id().map(|i| i.birth_date().to_string()).unwrap_or_default(),
            "id_number" => m.id_number.clone(),
            "nation" => m.nation.clone(),
            "native_place" => m.native_place.clone(),
            "education" => m.education.clone(),
            "category" => m.category.label().to_owned(),
            "applied_on" => opt(&m.applied_on),
            "activist_on" => opt(&m.activist_on),
            "candidate_on" => opt(&m.candidate_on),
            "joined_on" => opt(&m.joined_on),
            "confirmed_on" => opt(&m.confirmed_on),
            "branch_id" => office.org_label(m.branch_id).to_owned(),
            "group_id" => office.org_label(m.group_id).to_owned(),
            "grid_id" => office.org_label(m.grid_id).to_owned(),
            "work_unit" => m.work_unit.clone(),
            "phone" => m.phone.clone(),
            "address" => m.address.clone(),
            "status" => m.status.label().to_owned(),
            "outflow_place" => m.outflow_place.clone(),
            "dues_paid_to" => opt(&m.dues_paid_to),
            "is_center_household" => if m.is_center_household { "是" } else { "否" }.to_owned(),
            "note" => m.note.clone(),
            "age" => id()
                .map(|i| taizhang_core::date::age_on(i.birth_date(), office.as_of()).to_string())
                .unwrap_or_default(),
            "party_age" => m
                .confirmed_on
                .as_deref()
                .and_then(|d| rules::years_since(d, office.as_of()))
                .map(|y| y.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn merge(
        office: &Office,
        base: Option<&PartyMemberInput>,
        values: &Values,
        today: NaiveDate,
        absent: &dyn Fn(&str) -> bool,
    ) -> Merged<PartyMemberInput> {
        let mut m = base.cloned().unwrap_or_else(|| new_member(values));
        let text = |f: &str| values.get(f).map(str::to_owned);
        let set = |slot: &mut String, f: &str| {
            if let Some(v) = text(f) {
                *slot = v;
            }
        };
        set(&mut m.name, "name");
        set(&mut m.id_number, "id_number");
        set(&mut m.nation, "nation");
        set(&mut m.native_place, "native_place");
        set(&mut m.education, "education");
        set(&mut m.work_unit, "work_unit");
        set(&mut m.phone, "phone");
        set(&mut m.address, "address");
        set(&mut m.outflow_place, "outflow_place");
        set(&mut m.note, "note");
        for (f, slot) in [
            ("applied_on", &mut m.applied_on),
            ("activist_on", &mut m.activist_on),
            ("candidate_on", &mut m.candidate_on),
            ("joined_on", &mut m.joined_on),
            ("confirmed_on", &mut m.confirmed_on),
            ("dues_paid_to", &mut m.dues_paid_to),
        ] {
            if let Some(v) = text(f) {
                *slot = Some(v);
            }
        }
        if let Some(c) = values.get("category").and_then(Category::from_label) {
            m.category = c;
        }
        if let Some(s) = values.get("status").and_then(Status::from_label) {
            m.status = s;
        }
        if let Some(b) = values.get("is_center_household") {
            m.is_center_household = b == "是";
        }
        let mut errors = Vec::new();
        if let Some(name) = values.get("branch_id") {
            m.branch_id = office.org_id(OrgKind::Branch, name, None);
            if m.group_id.is_some() && base.is_some_and(|b| b.branch_id != m.branch_id) {
                m.group_id = None; // a group belongs to its branch
            }
        }
        if let Some(name) = values.get("group_id") {
            m.group_id = office.org_id(OrgKind::PartyGroup, name, m.branch_id);
            if m.group_id.is_none() {
                errors.push((
                    "group_id".to_owned(),
                    format!("党小组“{name}”不属于该党支部"),
                ));
            }
        }
        if let Some(name) = values.get("grid_id") {
            m.grid_id = office.org_id(OrgKind::Grid, name, None);
        }
        match rules::validate_lacking(m, today, absent) {
            Ok((valid, lacking)) if errors.is_empty() => Ok((valid.input, lacking)),
            Ok(_) => Err(errors),
            Err(found) => {
                errors.extend(found.into_iter().map(|e| (e.field, e.message)));
                Err(errors)
            }
        }
    }

    fn write(tx: &Transaction, ctx: &Ctx, id: Option<i64>, m: &PartyMemberInput) -> Result<i64> {
        // The rules already passed in `merge`; the ID gives the person's sex and birth date.
        let id_number = IdNumber::parse(&m.id_number)
            .map_err(|e| crate::AppError::field("id_number", e.to_string()))?;
        let person = person_record(&rules::Valid {
            sex: id_number.sex(),
            birth_date: id_number.birth_date(),
            id_number,
            input: m.clone(),
        });
        let person_id = person::find_by_id_number(tx, &m.id_number)?;
        match id {
            Some(id) => {
                let person_id = match person_id {
                    Some(p) => p,
                    None => table::get(tx, id, ctx.today)?.person_id,
                };
                person::update(tx, person_id, &person)?;
                table::update(tx, id, m)?;
                Ok(id)
            }
            None => {
                // A person known to another register is linked, not duplicated.
                let person_id = match person_id {
                    Some(p) => {
                        person::update(tx, p, &person)?;
                        p
                    }
                    None => person::insert(tx, &person)?,
                };
                Ok(table::insert(tx, person_id, m)?)
            }
        }
    }

    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()> {
        Ok(table::set_deleted(
            tx,
            id,
            deleted.then_some(ctx.actor.as_str()),
        )?)
    }
}

/// A member the sheet introduces: 正式党员 in good standing unless the sheet says otherwise.
fn new_member(values: &Values) -> PartyMemberInput {
    PartyMemberInput {
        name: String::new(),
        id_number: String::new(),
        nation: String::new(),
        native_place: String::new(),
        education: String::new(),
        phone: String::new(),
        address: String::new(),
        grid_id: None,
        branch_id: None,
        group_id: None,
        // Without a 人员类别 column, the dates say how far the person has come.
        category: match (values.get("confirmed_on"), values.get("joined_on")) {
            (Some(_), _) => Category::Full,
            (None, Some(_)) => Category::Probationary,
            _ => Category::Full,
        },
        applied_on: None,
        activist_on: None,
        candidate_on: None,
        joined_on: None,
        confirmed_on: None,
        work_unit: String::new(),
        status: Status::Normal,
        outflow_place: String::new(),
        dues_paid_to: None,
        is_center_household: false,
        note: String::new(),
    }
}

//! The talent pool as the import and export engines see it: one row is a talent, keyed by
//! 公民身份号码. 人才类别 and 特长技能 hold several values; categories are matched to the
//! dictionary by synonym, skills are free tags; 是否后备干部 stands for the category 后备干部.

use std::collections::HashMap;

use chrono::NaiveDate;
use taizhang_core::{
    id_number::IdNumber,
    import::{split_list, FieldSpec},
    org::OrgKind,
    talent::{tidy_tags, TalentInput, RESERVE_CADRE, TALENT_FIELDS},
};
use taizhang_db::{rusqlite::Transaction, talent as table, Db};
use taizhang_excel::check::Values;

use super::{write, ENTITY};
use crate::{
    import::{Office, Stored, Target},
    Ctx, Result,
};

/// The talent pool (人才库), keyed by 公民身份号码.
pub struct Talents;

impl Target for Talents {
    const CLI_NAME: &'static str = "talents";
    const TITLE: &'static str = "人才库花名册";
    const ENTITY: &'static str = ENTITY;
    const KEY: &'static str = "id_number";
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("name", "李建华"),
        ("sex", "男"),
        ("id_number", "141130198806120039"),
        ("phone", "13935812345"),
        ("community_id", "高家沟社区"),
        ("categories", "返乡创业人员、致富能手"),
        ("reserve_cadre", "否"),
        ("education", "大学专科"),
        ("major", "电子商务"),
        ("skills", "电商、直播带货"),
        ("work_place", "本村 · 红枣合作社"),
        ("political", "群众"),
        ("honours", "2025年度县级致富带头人"),
    ];
    type Input = TalentInput;

    fn fields() -> &'static [FieldSpec] {
        TALENT_FIELDS
    }

    fn stored(db: &Db, _: NaiveDate) -> Result<HashMap<String, Stored<TalentInput>>> {
        Ok(table::all(db.conn())?
            .into_iter()
            .map(|t| {
                (
                    t.input.id_number.clone(),
                    Stored {
                        id: t.id,
                        deleted: t.deleted,
                        input: t.input,
                    },
                )
            })
            .collect())
    }

    fn text(office: &Office, t: &TalentInput, field: &str) -> String {
        match field {
            "name" => t.name.clone(),
            "sex" => IdNumber::parse(&t.id_number)
                .map(|i| i.sex().label().to_owned())
                .unwrap_or_default(),
            "id_number" => t.id_number.clone(),
            "phone" => t.phone.clone(),
            "community_id" => office.org_label(t.community_id).to_owned(),
            "categories" => t.categories.join("、"),
            "reserve_cadre" => if t.is_reserve_cadre() { "是" } else { "否" }.to_owned(),
            "education" => t.education.clone(),
            "major" => t.major.clone(),
            "skills" => t.skills.join("、"),
            "work_place" => t.work_place.clone(),
            "political" => t.political.clone(),
            "honours" => t.honours.clone(),
            "note" => t.note.clone(),
            _ => String::new(),
        }
    }

    fn merge(
        office: &Office,
        base: Option<&TalentInput>,
        values: &Values,
        _today: NaiveDate,
    ) -> std::result::Result<TalentInput, Vec<(String, String)>> {
        let mut t = base.cloned().unwrap_or_default();
        for (field, slot) in [
            ("name", &mut t.name),
            ("id_number", &mut t.id_number),
            ("phone", &mut t.phone),
            ("education", &mut t.education),
            ("major", &mut t.major),
            ("work_place", &mut t.work_place),
            ("political", &mut t.political),
            ("honours", &mut t.honours),
            ("note", &mut t.note),
        ] {
            if let Some(v) = values.get(field) {
                *slot = v.to_owned();
            }
        }
        if let Some(name) = values.get("community_id") {
            t.community_id = office.org_id(OrgKind::Community, name, None);
        }
        // The entries are the dictionary's already (read and decided like any dictionary value).
        if let Some(text) = values.get("categories") {
            t.categories = split_list(text);
        }
        match values.get("reserve_cadre") {
            Some("是") if !t.is_reserve_cadre() => t.categories.push(RESERVE_CADRE.to_owned()),
            Some("否") => t.categories.retain(|c| c != RESERVE_CADRE),
            _ => {}
        }
        if let Some(text) = values.get("skills") {
            t.skills = split_list(text);
        }
        t.categories = tidy_tags(&t.categories);
        t.skills = tidy_tags(&t.skills);
        Ok(t)
    }

    fn write(tx: &Transaction, _ctx: &Ctx, id: Option<i64>, t: &TalentInput) -> Result<i64> {
        write(tx, id, t)
    }

    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()> {
        Ok(table::set_deleted(
            tx,
            id,
            deleted.then_some(ctx.actor.as_str()),
        )?)
    }
}

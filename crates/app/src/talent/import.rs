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
    import::{Merged, Office, Stored, Target},
    Ctx, Result,
};

/// The talent pool (人才库), keyed by 公民身份号码.
pub struct Talents;

impl Target for Talents {
    fn seen(ctx: &Ctx, t: &Self::Input) -> bool {
        crate::scope::sees(ctx, &[t.community_id])
    }

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
            "sex" => IdNumber::parse(&t.id_number)
                .map(|i| i.sex().label().to_owned())
                .unwrap_or_default(),
            "community_id" => office.org_label(t.community_id).to_owned(),
            "reserve_cadre" => if t.is_reserve_cadre() { "是" } else { "否" }.to_owned(),
            // Any other field as the input holds it: text as it is, a list joined by 、.
            _ => match serde_json::to_value(t).map(|v| v[field].clone()) {
                Ok(serde_json::Value::String(text)) => text,
                Ok(serde_json::Value::Array(list)) => list
                    .iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
                _ => String::new(),
            },
        }
    }

    fn merge(
        office: &Office,
        base: Option<&TalentInput>,
        values: &Values,
        _today: NaiveDate,
        _absent: &dyn Fn(&str) -> bool,
    ) -> Merged<TalentInput> {
        // Each text field of the input takes the sheet's value as read; a list (人才类别 — the
        // dictionary's entries already, read and decided like any dictionary value — and 特长)
        // is split on 、，;.
        let mut t = serde_json::to_value(base.cloned().unwrap_or_default()).unwrap_or_default();
        if let serde_json::Value::Object(fields) = &mut t {
            for (field, slot) in fields.iter_mut() {
                let Some(text) = values.get(field) else {
                    continue;
                };
                match slot {
                    serde_json::Value::String(s) => *s = text.to_owned(),
                    serde_json::Value::Array(list) => {
                        *list = split_list(text).into_iter().map(Into::into).collect()
                    }
                    _ => {}
                }
            }
        }
        let mut t: TalentInput = serde_json::from_value(t)
            .map_err(|e| vec![("name".to_owned(), format!("无法读取这一行：{e}"))])?;
        if let Some(name) = values.get("community_id") {
            t.community_id = office.org_id(OrgKind::Community, name, None);
        }
        match values.get("reserve_cadre") {
            Some("是") if !t.is_reserve_cadre() => t.categories.push(RESERVE_CADRE.to_owned()),
            Some("否") => t.categories.retain(|c| c != RESERVE_CADRE),
            _ => {}
        }
        t.categories = tidy_tags(&t.categories);
        t.skills = tidy_tags(&t.skills);
        Ok((t, Vec::new()))
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

//! The grid's papers: a 诉求's 办理单 (what was asked, where it stands, each step of its loop)
//! and a household's 走访记录 (民情日志: who lives there, every visit and the 诉求 it raised).
//! IDs and phones masked, as on screen.

use taizhang_core::{
    appeal::APPEAL_FIELDS, household::HOUSEHOLD_FIELDS, import::label, mask, visit::VISIT_FIELDS,
};
use taizhang_db::{attachment::Owner, Db};
use taizhang_pdf::{Align, Block, Column};

use super::{form, form_table, office_form, Printed};
use crate::{
    appeal::{Appeals, WorkOrder},
    export::cell,
    import::Office,
    Ctx, Result,
};

/// 诉求办理单: one 诉求 on paper, with its 办理经过 and room for the handler's and reviewer's
/// signatures.
pub fn appeal_sheet(db: &Db, ctx: &Ctx, appeal_id: i64) -> Result<Printed> {
    let row = crate::appeal::in_scope(db, ctx, appeal_id)?;
    let steps = taizhang_db::appeal::steps(db.conn(), appeal_id)?;
    let known = Office::load(db, ctx.today)?;
    let number = row.input.number.clone();
    let (house, task) = crate::appeal::linked(db, ctx, row.links)?;
    let w = WorkOrder::from(row);
    let long = ["content", "result"];
    let mut fields: Vec<(&str, String)> = APPEAL_FIELDS
        .iter()
        .filter(|f| !long.contains(&f.key))
        .map(|f| (f.label, cell::<Appeals>(&known, &w, f, false)))
        .collect();
    // What it is tracked with: the house, the 说事议事 task.
    if let Some(h) = house {
        fields.push(("关联房屋", h.input.address));
    }
    if let Some(t) = task {
        let task = format!(
            "{}（{}，{}）",
            t.task.content,
            t.meeting_title,
            t.task.status.label()
        );
        fields.push(("议事任务", task));
    }
    let l = |key| label(APPEAL_FIELDS, key);
    let mut blocks = vec![
        Block::Title("诉求办理单".into()),
        Block::Centered(format!("编号：{number}")),
        form_table(&fields),
        Block::Heading1(format!("一、{}", l("content"))),
        Block::Paragraph(w.intake.content.clone()),
        Block::Heading1(format!("二、{}", l("result"))),
        Block::Paragraph(match w.progress.result.trim() {
            "" => "尚未办结。".to_owned(),
            r => r.to_owned(),
        }),
        Block::Heading1("三、办理经过".into()),
    ];
    if steps.is_empty() {
        blocks.push(Block::Text("尚未研判。".into()));
    } else {
        blocks.push(form(
            vec![
                Column::new("日期", 1.1, Align::Center),
                Column::new("环节", 1.6, Align::Center),
                Column::new("经办人", 0.9, Align::Center),
                Column::new("情况", 2.6, Align::Left),
            ],
            steps
                .iter()
                .map(|s| {
                    let verdict = s.satisfaction.map(|v| format!("（{}）", v.label()));
                    let why = (!s.reason.is_empty()).then(|| format!("退回原因：{}", s.reason));
                    vec![
                        s.on_day.clone(),
                        format!(
                            "{} → {}{}",
                            s.from.label(),
                            s.to.label(),
                            verdict.unwrap_or_default()
                        ),
                        s.actor.clone(),
                        why.unwrap_or_else(|| s.note.clone()),
                    ]
                })
                .collect(),
        ));
    }
    // The photos of the spot, before and after, follow the steps.
    let photos = taizhang_db::attachment::of(db.conn(), Owner::Appeal, appeal_id)?;
    if !photos.is_empty() {
        blocks.push(Block::Heading1("四、现场照片及资料".into()));
        blocks.extend(super::attachments(db, Owner::Appeal, &photos)?);
    }
    blocks.push(Block::Blank);
    blocks.push(Block::Signatures(vec![
        "承办人（签字）：".into(),
        "审核人（签字）：".into(),
    ]));
    office_form(db, ctx, format!("诉求办理单（{number}）"), blocks)
}

/// 走访记录: a household, its members (care tags, IDs and phones masked) and every visit.
pub fn visit_log(db: &Db, ctx: &Ctx, household_id: i64) -> Result<Printed> {
    let h = crate::household::in_scope(db, ctx, household_id)?;
    let visits = crate::visit::of_household(db, ctx, household_id)?;
    let known = Office::load(db, ctx.today)?;
    let address = h.input.address();
    let hl = |key| label(HOUSEHOLD_FIELDS, key);
    let vl = |key| label(VISIT_FIELDS, key);
    let mut blocks = vec![
        Block::Title("走访记录（民情日志）".into()),
        Block::Centered(address.clone()),
        form_table(&[
            (
                hl("community_id"),
                known.org_label(h.input.community_id).to_owned(),
            ),
            (hl("grid_id"), known.org_label(h.input.grid_id).to_owned()),
        ]),
        Block::Heading1("一、住户成员".into()),
        form(
            [
                "name",
                "relation",
                "residence",
                "care",
                "phone",
                "id_number",
            ]
            .iter()
            .map(|k| {
                let width = match *k {
                    "care" | "id_number" => 1.7,
                    "phone" => 1.2,
                    _ => 1.0,
                };
                Column::new(hl(k), width, Align::Center)
            })
            .collect(),
            h.input
                .members
                .iter()
                .map(|m| {
                    vec![
                        m.name.clone(),
                        m.relation.map(|r| r.label().to_owned()).unwrap_or_default(),
                        m.residence
                            .map(|r| r.label().to_owned())
                            .unwrap_or_default(),
                        m.care.join("、"),
                        mask::phone(&m.phone),
                        mask::id_number(&m.id_number),
                    ]
                })
                .collect(),
        ),
        Block::Heading1("二、走访情况".into()),
    ];
    if visits.is_empty() {
        blocks.push(Block::Text("尚无走访记录。".into()));
    } else {
        blocks.push(form(
            vec![
                Column::new(vl("visited_on"), 1.1, Align::Center),
                Column::new(vl("way"), 0.8, Align::Center),
                Column::new(vl("worker_id"), 0.8, Align::Center),
                Column::new(vl("found"), 2.2, Align::Left),
                Column::new(vl("need"), 1.5, Align::Left),
                Column::new("诉求编号", 1.6, Align::Center),
            ],
            visits
                .iter()
                .map(|v| {
                    vec![
                        v.input.visited_on.clone(),
                        v.input
                            .way
                            .map(|w| w.label().to_owned())
                            .unwrap_or_default(),
                        v.worker.clone(),
                        v.input.found.clone(),
                        v.input.need.clone(),
                        v.appeal.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        ));
    }
    office_form(db, ctx, format!("走访记录（{address}）"), blocks)
}

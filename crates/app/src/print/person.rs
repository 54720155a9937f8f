//! 一人一档: one person across every register on paper, ID and phone masked.

use taizhang_core::{party_member::label as member, person::LABELS as P};
use taizhang_db::Db;
use taizhang_pdf::{Align, Block, Column};

use super::{chinese_number, form, form_table, office_form, Printed};
use crate::{person, AppError, Ctx, ErrorCode, Result};

/// `taizhang print person ID_NUMBER`: the file of the person with this ID.
pub fn person_with_id_number(db: &Db, ctx: &Ctx, id_number: &str) -> Result<Printed> {
    person_archive(db, ctx, person_by_id_number(db, id_number)?)
}

/// The person known by a full ID, or a Chinese error naming the (masked) ID.
pub fn person_by_id_number(db: &Db, id_number: &str) -> Result<i64> {
    taizhang_db::person::find_by_id_number(db.conn(), id_number.trim())?.ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            format!(
                "台账中没有公民身份号码为 {} 的人",
                taizhang_core::mask::id_number(id_number.trim())
            ),
        )
    })
}

pub fn person_archive(db: &Db, ctx: &Ctx, person_id: i64) -> Result<Printed> {
    let f = person::file(db, ctx, person_id)?;
    let mut blocks = vec![
        Block::Title("一人一档".into()),
        Block::Centered(f.name.clone()),
    ];
    let mut section = 0;
    let mut heading = |title: &str| {
        section += 1;
        Block::Heading1(format!("{}、{title}", chinese_number(section)))
    };
    blocks.push(heading("基本情况"));
    blocks.push(form_table(&[
        (P.name, f.name.clone()),
        (P.sex, f.sex.clone()),
        (P.id_number, f.id_number.clone()),
        (P.birth_date, f.birth_date.clone()),
        (P.nation, f.nation.clone()),
        (P.education, f.education.clone()),
        (P.phone, f.phone.clone()),
        (P.grid, f.grid.clone()),
        (P.address, f.address.clone()),
    ]));
    if let Some(m) = &f.membership {
        let i = &m.input;
        let day = |d: &Option<String>| d.clone().unwrap_or_default();
        blocks.push(heading("党组织关系"));
        blocks.push(form_table(&[
            (member("branch_id"), m.branch.clone()),
            (member("category"), i.category.label().to_owned()),
            (member("status"), i.status.label().to_owned()),
            (member("work_unit"), i.work_unit.clone()),
            (member("applied_on"), day(&i.applied_on)),
            (member("activist_on"), day(&i.activist_on)),
            (member("candidate_on"), day(&i.candidate_on)),
            (member("joined_on"), day(&i.joined_on)),
            (member("confirmed_on"), day(&i.confirmed_on)),
            (
                member("is_center_household"),
                if i.is_center_household { "是" } else { "否" }.to_owned(),
            ),
        ]));
        if !m.reports.is_empty() {
            blocks.push(Block::Text("在职党员到社区报到：".into()));
            blocks.push(form(
                vec![
                    Column::new("报到日期", 1.0, Align::Center),
                    Column::new("单位", 2.0, Align::Left),
                    Column::new("认领岗位", 1.4, Align::Center),
                    Column::new("备注", 1.6, Align::Left),
                ],
                m.reports
                    .iter()
                    .map(|r| {
                        vec![
                            r.reported_on.clone(),
                            r.unit.clone(),
                            r.post.label().to_owned(),
                            r.note.clone(),
                        ]
                    })
                    .collect(),
            ));
        }
        if !m.households.is_empty() {
            blocks.push(Block::Text("联系包联户：".into()));
            blocks.push(form(
                vec![
                    Column::new("户主", 1.0, Align::Center),
                    Column::new("住址", 2.6, Align::Left),
                    Column::new("联系电话", 1.4, Align::Center),
                    Column::new("备注", 1.0, Align::Left),
                ],
                m.households
                    .iter()
                    .map(|h| {
                        vec![
                            h.head_name.clone(),
                            h.address.clone(),
                            h.phone.clone(),
                            h.note.clone(),
                        ]
                    })
                    .collect(),
            ));
        }
    }
    if let Some(a) = &f.account {
        blocks.push(heading("志愿服务积分"));
        blocks.push(form_table(&[
            ("积分余额", format!("{} 分", a.balance)),
            ("志愿者编号", a.volunteer_no.clone().unwrap_or_default()),
            ("服务队", a.team.clone()),
            ("注册日期", a.registered_on.clone()),
        ]));
        if !f.ledger.is_empty() {
            blocks.push(form(
                vec![
                    Column::new("日期", 1.4, Align::Center),
                    Column::new("类型", 0.8, Align::Center),
                    Column::new("分值", 0.8, Align::Center),
                    Column::new("余额", 0.8, Align::Center),
                    Column::new("事由", 2.6, Align::Left),
                ],
                f.ledger
                    .iter()
                    .map(|e| {
                        vec![
                            e.at.chars().take(10).collect(),
                            e.kind.label().to_owned(),
                            e.points.to_string(),
                            e.balance.to_string(),
                            e.reason.clone(),
                        ]
                    })
                    .collect(),
            ));
        }
    }
    if let Some(t) = &f.talent {
        let i = &t.input;
        blocks.push(heading("人才信息"));
        blocks.push(form_table(&[
            ("人才类别", i.categories.join("、")),
            ("特长技能", i.skills.join("、")),
            ("专业", i.major.clone()),
            ("政治面貌", i.political.clone()),
            ("现工作单位或务工地", i.work_place.clone()),
            ("社区（村）", t.community.clone()),
            ("荣誉", i.honours.clone()),
            ("备注", i.note.clone()),
        ]));
    }
    if !f.houses.is_empty() {
        blocks.push(heading("名下房屋"));
        blocks.push(form(
            vec![
                Column::new("房屋地址", 2.6, Align::Left),
                Column::new("结构", 0.8, Align::Center),
                Column::new("排查结论", 1.4, Align::Center),
                Column::new("未完成整治", 1.0, Align::Center),
                Column::new("其中逾期", 0.9, Align::Center),
            ],
            f.houses
                .iter()
                .map(|h| {
                    vec![
                        h.input.address.clone(),
                        h.input.structure.clone(),
                        h.conclusion
                            .map(|c| c.label().to_owned())
                            .unwrap_or_else(|| "未排查".to_owned()),
                        h.open.to_string(),
                        h.overdue.to_string(),
                    ]
                })
                .collect(),
        ));
    }
    if !f.meetings.is_empty() {
        blocks.push(heading("参加会议"));
        blocks.push(form(
            vec![
                Column::new("时间", 1.5, Align::Center),
                Column::new("会议", 2.6, Align::Left),
                Column::new("类型", 1.1, Align::Center),
                Column::new("出席", 1.2, Align::Center),
            ],
            f.meetings
                .iter()
                .map(|m| {
                    vec![
                        m.held_at.clone(),
                        m.title.clone(),
                        m.kind.label().to_owned(),
                        if m.present {
                            "出席".to_owned()
                        } else {
                            format!("缺席（{}）", m.absence_reason)
                        },
                    ]
                })
                .collect(),
        ));
    }
    if !f.audit.is_empty() {
        blocks.push(heading("变更记录"));
        blocks.push(form(
            vec![
                Column::new("时间", 1.5, Align::Center),
                Column::new("操作人", 0.9, Align::Center),
                Column::new("操作", 1.1, Align::Center),
                Column::new("内容", 2.9, Align::Left),
            ],
            f.audit
                .iter()
                .map(|e| {
                    vec![
                        e.at.chars().take(16).collect(),
                        e.actor.clone(),
                        e.action.clone(),
                        e.summary.clone(),
                    ]
                })
                .collect(),
        ));
    }
    office_form(db, ctx, format!("一人一档（{}）", f.name), blocks)
}

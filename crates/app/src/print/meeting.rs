//! Meeting papers: the minutes (official layout, signed by the chair and the recorder), the
//! sign-in sheet printed before the meeting, and the 说事议事 public notice.

use taizhang_core::meeting::{MeetingKind, Topic, LABELS as L};
use taizhang_db::{meeting::MeetingDetail, Db};
use taizhang_pdf::{Align, Block, Column, Document, PageSetup, Table};

use super::{chinese_date, chinese_number, make, Printed};
use crate::{export::office_name, Ctx, Result};

fn document(db: &Db, title: String, setup: PageSetup, blocks: Vec<Block>) -> Result<Document> {
    Ok(Document {
        title,
        author: office_name(db)?,
        setup,
        blocks,
    })
}

fn names(list: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = list.collect();
    if all.is_empty() {
        "无".to_string()
    } else {
        all.join("、")
    }
}

/// 会议记录 in the GB/T 9704 layout, ending with lines for 主持人 and 记录人 to sign.
pub fn minutes(db: &Db, ctx: &Ctx, id: i64) -> Result<Printed> {
    let d = crate::meeting::get(db, ctx, id)?;
    let m = &d.input;
    let mut blocks = vec![
        Block::Title(m.title.clone()),
        Block::Text(format!("{}：{}", L.kind, m.kind.label())),
        Block::Text(format!("{}：{}", L.held_at, chinese_date(&m.held_at))),
        Block::Text(format!("{}：{}", L.place, m.place)),
        Block::Text(format!(
            "{}：{}　　{}：{}",
            L.host, m.host, L.recorder, m.recorder
        )),
        Block::Text(format!(
            "应到人数：{} 人　　实到人数：{} 人",
            d.quorum.expected, d.quorum.present
        )),
        Block::Text(format!(
            "出席人员：{}",
            names(
                m.attendees
                    .iter()
                    .filter(|a| a.present)
                    .map(|a| a.name.clone())
            )
        )),
        Block::Text(format!(
            "缺席人员：{}",
            names(
                m.attendees
                    .iter()
                    .filter(|a| !a.present)
                    .map(|a| format!("{}（{}）", a.name, a.absence_reason))
            )
        )),
    ];
    if !m.observers.is_empty() {
        blocks.push(Block::Text(format!("{}：{}", L.observers, m.observers)));
    }
    blocks.push(Block::Text(format!("{}：", L.topics)));
    for (i, topic) in m.topics.iter().enumerate() {
        blocks.extend(topic_blocks(m.kind, i + 1, topic));
    }
    blocks.push(Block::Blank);
    blocks.push(Block::Signatures(vec![
        format!("{}（签字）：", L.host),
        format!("{}（签字）：", L.recorder),
    ]));
    make(
        db,
        &document(db, m.title.clone(), PageSetup::official(), blocks)?,
    )
}

fn topic_blocks(kind: MeetingKind, n: usize, t: &Topic) -> Vec<Block> {
    let mut blocks = vec![Block::Heading1(format!(
        "{}、{}",
        chinese_number(n),
        t.title
    ))];
    if kind.is_consultation() && (!t.source.is_empty() || !t.proposer.is_empty()) {
        blocks.push(Block::Paragraph(format!(
            "{}：{}　　{}：{}",
            L.source, t.source, L.proposer, t.proposer
        )));
    }
    let mut part = 0;
    let mut heading = |name: &str| {
        part += 1;
        Block::Heading2(format!("（{}）{name}", chinese_number(part)))
    };
    if !t.discussion.is_empty() {
        blocks.push(heading(L.discussion));
        blocks.push(Block::Paragraph(t.discussion.clone()));
    }
    if let Some(v) = t.votes {
        blocks.push(heading(L.votes));
        blocks.push(Block::Paragraph(format!(
            "同意 {} 票，反对 {} 票，弃权 {} 票。",
            v.agree, v.against, v.abstain
        )));
    }
    if !t.resolution.is_empty() {
        blocks.push(heading(L.resolution));
        blocks.push(Block::Paragraph(t.resolution.clone()));
    }
    if !t.tasks.is_empty() {
        blocks.push(heading(L.tasks));
        for (k, task) in t.tasks.iter().enumerate() {
            blocks.push(Block::Paragraph(format!(
                "{}. {}（{}：{}；{}：{}；{}：{}）",
                k + 1,
                task.content,
                L.task_owner,
                task.owner,
                L.task_due_on,
                chinese_date(&task.due_on),
                L.task_status,
                task.status.label()
            )));
        }
    }
    blocks
}

/// 签到表: the expected attendees with room to sign, and blank rows for whoever else comes.
pub fn signin(db: &Db, ctx: &Ctx, id: i64) -> Result<Printed> {
    let d = crate::meeting::get(db, ctx, id)?;
    let m = &d.input;
    let columns = vec![
        Column::new("序号", 0.7, Align::Center),
        Column::new("姓名", 1.4, Align::Center),
        Column::new("身份", 1.6, Align::Center),
        Column::new("签到", 2.2, Align::Center),
        Column::new("备注", 1.6, Align::Left),
    ];
    let member = if m.kind.is_party() { "党员" } else { "" };
    let mut rows: Vec<Vec<String>> = m
        .attendees
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let role = if a.role.is_empty() { member } else { &a.role };
            vec![
                (i + 1).to_string(),
                a.name.clone(),
                role.to_string(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    let start = rows.len();
    rows.extend((1..=5).map(|i| {
        vec![
            (start + i).to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]
    }));
    let blocks = vec![
        Block::Title(format!("{}\n签到表", m.title)),
        Block::Text(format!(
            "{}：{}　　{}：{}",
            L.held_at,
            chinese_date(&m.held_at),
            L.place,
            m.place
        )),
        Block::Text(format!(
            "{}：{}　　应到：{} 人",
            L.host, m.host, d.quorum.expected
        )),
        Block::Table(Table {
            columns,
            rows,
            size: 12.0,
            min_row: 11.0,
        }),
    ];
    let title = format!("{}签到表", m.title);
    make(db, &document(db, title, PageSetup::portrait(12.0), blocks)?)
}

/// 说事议事 公示: what was decided and how far each task has got.
pub fn notice(db: &Db, ctx: &Ctx, id: i64) -> Result<Printed> {
    let d: MeetingDetail = crate::meeting::get(db, ctx, id)?;
    let m = &d.input;
    let office = office_name(db)?;
    let holder = if d.org_name.is_empty() {
        office.clone()
    } else {
        d.org_name.clone()
    };
    let columns = vec![
        Column::new("序号", 0.5, Align::Center),
        Column::new(L.topic, 1.6, Align::Left),
        Column::new(L.resolution, 2.4, Align::Left),
        Column::new(L.task_owner, 0.9, Align::Center),
        Column::new(L.task_due_on, 1.1, Align::Center),
        Column::new(L.task_status, 0.8, Align::Center),
    ];
    let mut rows = Vec::new();
    for t in &m.topics {
        let tasks: Vec<_> = t.tasks.iter().collect();
        let first = |f: &dyn Fn(&taizhang_core::meeting::Task) -> String| {
            tasks.iter().map(|t| f(t)).collect::<Vec<_>>().join("\n")
        };
        rows.push(vec![
            (rows.len() + 1).to_string(),
            t.title.clone(),
            t.resolution.clone(),
            first(&|t| t.owner.clone()),
            first(&|t| t.due_on.clone()),
            first(&|t| t.status.label().to_string()),
        ]);
    }
    let date = chinese_date(&m.held_at);
    let day = date.split(' ').next().unwrap_or_default().to_string();
    let blocks = vec![
        Block::Title(format!("{holder}\n说事议事结果公示")),
        Block::Paragraph(format!(
            "{day}，{holder}召开{}，共议定事项 {} 项。现将议定事项及办理进展公示如下：",
            m.title,
            m.topics.len()
        )),
        Block::Table(Table {
            columns,
            rows,
            size: 12.0,
            min_row: 0.0,
        }),
        Block::Paragraph("公示期间，居民群众如有意见建议，请向社区党群服务中心反映。".into()),
        Block::Blank,
        Block::Right(holder.clone()),
        Block::Right(day),
    ];
    let title = format!("{holder}说事议事结果公示");
    make(db, &document(db, title, PageSetup::official(), blocks)?)
}

//! Party-member papers: the roster of any filtered view (landscape table) and the one-page
//! member sheet (党员信息卡).

use taizhang_core::{mask, party_member::PartyMemberInput};
use taizhang_db::{party_member::PartyMemberQuery, Db};
use taizhang_pdf::{Align, Block, Column, Document, PageSetup, Table};

use super::{form_table, make, Printed};
use crate::{
    export::{office_name, texts},
    party_member::{PartyMembers, TITLE},
    AppError, Ctx, ErrorCode, Result,
};

/// The roster's printed columns and their relative widths.
const ROSTER: [(&str, f32); 13] = [
    ("name", 1.0),
    ("sex", 0.45),
    ("nation", 0.6),
    ("birth_date", 1.3),
    ("id_number", 2.1),
    ("education", 1.1),
    ("branch_id", 2.1),
    ("category", 1.15),
    ("joined_on", 1.3),
    ("confirmed_on", 1.3),
    ("status", 0.85),
    ("phone", 1.4),
    ("work_unit", 1.8),
];

/// 党员花名册 of whatever `q` finds (every page of it), IDs and phones masked.
pub fn roster(db: &Db, ctx: &Ctx, q: &PartyMemberQuery) -> Result<Printed> {
    let inputs: Vec<PartyMemberInput> = crate::party_member::matching(db, ctx, q)?
        .into_iter()
        .map(|d| d.input)
        .collect();
    let keys: Vec<&str> = ROSTER.iter().map(|(k, _)| *k).collect();
    let (labels, rows) = texts::<PartyMembers>(db, ctx, &inputs, &keys)?;
    let mut columns = vec![Column::new("序号", 0.55, Align::Center)];
    columns.extend(labels.iter().zip(ROSTER).map(|(label, (key, width))| {
        let align = if matches!(key, "work_unit" | "branch_id") {
            Align::Left
        } else {
            Align::Center
        };
        Column::new(label, width, align)
    }));
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| std::iter::once((i + 1).to_string()).chain(row).collect())
        .collect();
    let office = office_name(db)?;
    let scope = if q.search.trim().is_empty() {
        format!(
            "共 {} 人　　打印日期：{}",
            inputs.len(),
            ctx.today.format("%Y年%m月%d日")
        )
    } else {
        format!(
            "检索“{}”，共 {} 人　　打印日期：{}",
            q.search.trim(),
            inputs.len(),
            ctx.today.format("%Y年%m月%d日")
        )
    };
    let title = format!("{office}{TITLE}");
    let document = Document {
        title: title.clone(),
        author: office,
        setup: PageSetup::landscape(10.5),
        blocks: vec![
            Block::Title(title),
            Block::Centered(scope),
            Block::Table(Table {
                columns,
                rows,
                size: 8.5,
                min_row: 0.0,
            }),
        ],
    };
    make(db, &document)
}

/// [`member`] found by 公民身份号码 (the CLI's way in).
pub fn member_with_id_number(db: &Db, ctx: &Ctx, id_number: &str) -> Result<Printed> {
    let not_found = || {
        AppError::new(
            ErrorCode::NotFound,
            format!(
                "党员花名册中没有公民身份号码为 {} 的人",
                mask::id_number(id_number.trim())
            ),
        )
    };
    let person = taizhang_db::person::find_by_id_number(db.conn(), id_number.trim())?
        .ok_or_else(not_found)?;
    let (member_id, _) =
        taizhang_db::party_member::find_by_person(db.conn(), person)?.ok_or_else(not_found)?;
    member(db, ctx, member_id)
}

/// 党员信息卡: everything the register holds on one member, on one page (ID masked).
pub fn member(db: &Db, ctx: &Ctx, member_id: i64) -> Result<Printed> {
    let d = crate::party_member::in_scope(db, ctx, member_id)?;
    let keys: Vec<&str> = taizhang_core::party_member::FIELDS
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let (labels, rows) = texts::<PartyMembers>(db, ctx, std::slice::from_ref(&d.input), &keys)?;
    let values = rows.into_iter().next().unwrap_or_default();
    let pairs: Vec<(String, String)> = labels.iter().map(|l| l.to_string()).zip(values).collect();
    let mut blocks = vec![
        Block::Title("党员信息卡".into()),
        Block::Centered(format!("{}　　{}", d.branch, d.input.name)),
        form_table(&pairs),
    ];
    if !d.reports.is_empty() {
        blocks.push(Block::Text("在职党员报到：".into()));
        for r in &d.reports {
            blocks.push(Block::Text(format!(
                "{}　{}　认领岗位：{}　{}",
                r.reported_on,
                r.unit,
                r.post.label(),
                r.note
            )));
        }
    }
    if !d.households.is_empty() {
        blocks.push(Block::Text(format!(
            "联系包联户：{}",
            d.households
                .iter()
                .map(|h| h.head_name.clone())
                .collect::<Vec<_>>()
                .join("、")
        )));
    }
    let office = office_name(db)?;
    blocks.push(Block::Right(format!(
        "{office}　{}",
        ctx.today.format("%Y年%m月%d日")
    )));
    let document = Document {
        title: format!("党员信息卡（{}）", d.input.name),
        author: office,
        setup: PageSetup::portrait(11.0),
        blocks,
    };
    make(db, &document)
}

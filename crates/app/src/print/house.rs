//! 房屋安全 papers: the 整治告知单 to the owner (official layout) and 一户一档, everything on
//! one house (a form), the owner's ID masked.

use taizhang_core::{house::HOUSE_FIELDS, import::label};
use taizhang_db::{attachment::Owner, Db};
use taizhang_pdf::{Align, Block, Column, Document, PageSetup};

use super::{chinese_date, chinese_number, form, form_table, make, office_form, Printed};
use crate::{export::office_name, house, AppError, Ctx, ErrorCode, Result};

/// 房屋安全隐患整治告知单: what the latest inspection found and, for each open rectification,
/// the measure and its deadline; a receipt line for the owner to sign.
pub fn rectification_notice(db: &Db, ctx: &Ctx, house_id: i64) -> Result<Printed> {
    let d = house::get(db, ctx, house_id)?;
    let h = &d.house.input;
    let open: Vec<_> = d
        .rectifications
        .iter()
        .filter(|r| r.status.open())
        .collect();
    let Some(inspection) = d.inspections.last().filter(|_| !open.is_empty()) else {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("{} 没有待整治的隐患，无需告知单", h.address),
        ));
    };
    let office = office_name(db)?;
    let i = &inspection.input;
    let storeys = h.storeys.map(|n| format!("{n}层")).unwrap_or_default();
    let mut blocks = vec![
        Block::Title("房屋安全隐患整治告知单".into()),
        Block::Text(format!("{}：", h.owner)),
        Block::Paragraph(format!(
            "{}，{}对您位于{}的房屋（{}结构{}）进行了安全排查，排查结论为：{}。{}",
            chinese_date(&i.inspected_on),
            office,
            h.address,
            h.structure,
            if storeys.is_empty() {
                String::new()
            } else {
                format!("，{storeys}")
            },
            i.conclusion.label(),
            if i.findings.is_empty() {
                String::new()
            } else {
                format!("发现的问题：{}。", i.findings)
            }
        )),
        Block::Paragraph("根据自建房安全专项整治工作要求，请您按以下措施和时限完成整治：".into()),
    ];
    for (n, r) in open.iter().enumerate() {
        blocks.push(Block::Paragraph(format!(
            "（{}）{}{}，于{}前完成{}。",
            chinese_number(n + 1),
            if r.input.hazard.is_empty() {
                String::new()
            } else {
                format!("针对{}，", r.input.hazard)
            },
            r.input.measure.label(),
            chinese_date(&r.input.deadline),
            if r.input.responsible.is_empty() {
                String::new()
            } else {
                format!("，整治责任人：{}", r.input.responsible)
            }
        )));
    }
    blocks.push(Block::Paragraph(
        "整治完成后请及时告知社区，由社区组织复查验收后销号。存在结构倒塌风险的房屋，在整治完成前须停止使用，人员立即撤离。逾期未整治的，将依法依规处理。"
            .into(),
    ));
    blocks.push(Block::Blank);
    blocks.push(Block::Right(office.clone()));
    blocks.push(Block::Right(chinese_date(&ctx.today.to_string())));
    blocks.push(Block::Blank);
    blocks.push(Block::Text(
        "产权人签收：　　　　　　　　签收日期：　　年　　月　　日".into(),
    ));
    let document = Document {
        title: format!("房屋安全隐患整治告知单（{}）", h.address),
        author: office,
        setup: PageSetup::official(),
        blocks,
    };
    make(db, &document)
}

/// 一户一档: the house, every inspection, every rectification, evacuations.
pub fn house_archive(db: &Db, ctx: &Ctx, house_id: i64) -> Result<Printed> {
    let d = house::get(db, ctx, house_id)?;
    let h = &d.house.input;
    let yes = |b: bool| if b { "是" } else { "否" }.to_owned();
    let l = |key| label(HOUSE_FIELDS, key);
    let fields: Vec<(&str, String)> = vec![
        (l("address"), h.address.clone()),
        (l("community_id"), d.house.community.clone()),
        (l("owner"), h.owner.clone()),
        (l("owner_id_number"), h.owner_id_number.clone()),
        (l("phone"), h.phone.clone()),
        (l("structure"), h.structure.clone()),
        (
            l("storeys"),
            h.storeys.map(|n| n.to_string()).unwrap_or_default(),
        ),
        (l("floor_area"), h.floor_area.clone()),
        (l("built"), h.built.clone()),
        (
            l("use_kind"),
            h.use_kind.map(|u| u.label().to_owned()).unwrap_or_default(),
        ),
        (l("business"), yes(h.business)),
        (l("appraised"), yes(h.appraised)),
        (
            l("appraisal"),
            h.appraisal
                .map(|a| a.label().to_owned())
                .unwrap_or_default(),
        ),
        (
            l("appraised_on"),
            h.appraised_on.clone().unwrap_or_default(),
        ),
        (l("appraiser"), h.appraiser.clone()),
    ];
    let mut blocks = vec![
        Block::Title("自建房安全一户一档".into()),
        Block::Centered(format!("{}　　{}", d.house.community, h.address)),
        Block::Heading1("一、房屋基本情况".into()),
        form_table(&fields),
        Block::Heading1("二、排查记录".into()),
    ];
    if d.inspections.is_empty() {
        blocks.push(Block::Text("尚未排查。".into()));
    } else {
        blocks.push(form(
            vec![
                Column::new("排查日期", 1.0, Align::Center),
                Column::new("排查人员", 1.0, Align::Center),
                Column::new("结论", 1.2, Align::Center),
                Column::new("隐患描述", 2.6, Align::Left),
            ],
            d.inspections
                .iter()
                .map(|i| {
                    vec![
                        i.input.inspected_on.clone(),
                        i.input.inspectors.clone(),
                        i.input.conclusion.label().to_owned(),
                        i.input.findings.clone(),
                    ]
                })
                .collect(),
        ));
    }
    blocks.push(Block::Heading1("三、整治记录".into()));
    if d.rectifications.is_empty() {
        blocks.push(Block::Text("无需整治。".into()));
    } else {
        blocks.push(form(
            vec![
                Column::new("措施", 0.9, Align::Center),
                Column::new("责任人", 0.9, Align::Center),
                Column::new("时限", 1.1, Align::Center),
                Column::new("状态", 0.8, Align::Center),
                Column::new("完成日期", 1.1, Align::Center),
                Column::new("佐证材料", 1.5, Align::Left),
                Column::new("销号日期", 1.1, Align::Center),
            ],
            d.rectifications
                .iter()
                .map(|r| {
                    vec![
                        r.input.measure.label().to_owned(),
                        r.input.responsible.clone(),
                        r.input.deadline.clone(),
                        if r.overdue {
                            format!("{}（逾期）", r.status.label())
                        } else {
                            r.status.label().to_owned()
                        },
                        r.completed_on.clone().unwrap_or_default(),
                        r.evidence.clone(),
                        r.closed_on.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        ));
    }
    // Sections after the third are numbered as they appear.
    let mut section = 3;
    let mut heading = |title: &str| {
        section += 1;
        Block::Heading1(format!("{}、{title}", chinese_number(section)))
    };
    if !d.evacuations.is_empty() {
        blocks.push(heading("人员撤离"));
        blocks.push(form(
            vec![
                Column::new("姓名", 1.0, Align::Center),
                Column::new("安置去向", 2.4, Align::Left),
                Column::new("撤离日期", 1.1, Align::Center),
                Column::new("备注", 1.5, Align::Left),
            ],
            d.evacuations
                .iter()
                .map(|e| {
                    vec![
                        e.name.clone(),
                        e.moved_to.clone(),
                        e.moved_on.clone(),
                        e.note.clone(),
                    ]
                })
                .collect(),
        ));
    }
    if !d.attachments.is_empty() {
        blocks.push(heading("照片及资料"));
        blocks.extend(super::attachments(db, Owner::House, &d.attachments)?);
    }
    office_form(db, ctx, format!("一户一档（{}）", h.address), blocks)
}

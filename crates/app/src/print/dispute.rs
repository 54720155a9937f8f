//! 人民调解协议书 (人民调解法 arts. 28–29, the 司法部's 人民调解文书格式): the parties (sex and
//! age from their IDs; phones and addresses masked, as every paper), the main facts and matters
//! in dispute, what was agreed, how and by when; one copy for each party and the committee;
//! lines for the parties, the 人民调解员 and the committee's seal.

use taizhang_core::{dispute::DisputeStatus, id_number::IdNumber, mask};
use taizhang_db::Db;
use taizhang_pdf::{Block, Document, PageSetup};

use super::{chinese_date, make, Printed};
use crate::{export::office_name, AppError, Ctx, Result};

/// 当事人 lines: name, and what the ID tells (sex, age on `day`), contact and address.
fn party(name: &str, id: &str, phone: &str, address: &str, day: chrono::NaiveDate) -> Block {
    let known = IdNumber::parse(id).ok();
    let sex = known.as_ref().map(|i| i.sex().label().to_owned());
    let age = known
        .as_ref()
        .map(|i| taizhang_core::date::age_on(i.birth_date(), day).to_string());
    let or_blank = |v: Option<String>| v.unwrap_or_else(|| "　　".to_owned());
    let masked = |v: &str, f: fn(&str) -> String| {
        if v.trim().is_empty() {
            "　　".to_owned()
        } else {
            f(v)
        }
    };
    Block::Text(format!(
        "当事人：{name}　性别：{}　年龄：{}　联系方式：{}　住址：{}",
        or_blank(sex),
        or_blank(age),
        masked(phone, mask::phone),
        masked(address, mask::address)
    ))
}

pub fn agreement(db: &Db, ctx: &Ctx, dispute_id: i64) -> Result<Printed> {
    let d = crate::dispute::in_scope(db, ctx, dispute_id)?;
    if d.status != DisputeStatus::Settled {
        return Err(AppError::conflict(format!(
            "纠纷 {} 现为“{}”：调解成功后才有调解协议书",
            d.number,
            d.status.label()
        )));
    }
    let i = &d.input;
    let a = &d.agreement;
    let day = d
        .ended_on
        .as_deref()
        .and_then(|t| t.parse().ok())
        .unwrap_or(ctx.today);
    let committee = format!("{}人民调解委员会", d.community);
    let blocks = vec![
        Block::Title("人民调解协议书".into()),
        Block::Right(format!("编号：{}", d.number)),
        party(&i.party_a, &i.party_a_id, &i.party_a_phone, &i.party_a_address, day),
        party(&i.party_b, &i.party_b_id, &i.party_b_phone, &i.party_b_address, day),
        Block::Text("纠纷主要事实、争议事项：".into()),
        Block::Paragraph(a.matters.clone()),
        Block::Text("经调解，双方当事人自愿达成如下协议：".into()),
        Block::Paragraph(a.terms.clone()),
        Block::Text("履行协议的方式、时限：".into()),
        Block::Paragraph(a.performance.clone()),
        Block::Paragraph(
            "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式三份，当事人各执一份，人民调解委员会留存一份。".into(),
        ),
        Block::Blank,
        Block::Signatures(vec![
            "当事人（签名盖章或按指印）：".into(),
            "当事人（签名盖章或按指印）：".into(),
        ]),
        Block::Signatures(vec![
            "人民调解员（签名）：".into(),
            "记录人（签名）：".into(),
        ]),
        Block::Blank,
        Block::Right(format!("{committee}（印）")),
        Block::Right(chinese_date(&day.to_string())),
    ];
    make(
        db,
        &Document {
            title: format!("人民调解协议书（{}）", d.number),
            author: office_name(db)?,
            setup: PageSetup::official(),
            blocks,
        },
    )
}

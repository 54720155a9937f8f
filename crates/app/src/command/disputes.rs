//! 矛盾纠纷排查化解: registered, mediated, settled or given up.

use super::{command, Command};
use crate::{
    audit,
    core::dispute::{AgreementInput, DisputeInput, MediationInput},
    dispute::{self, DisputeDetail, DisputePage, DisputeQuery},
};

pub const ALL: &[Command] = &[
    command!(
        /// A page of disputes, with the open and 重大 counts.
        disputes.list(query: DisputeQuery, page: u32, page_size: u32) -> DisputePage, Read + Community,
        |db, ctx| dispute::page(db, ctx, &query, (page, page_size))
    ),
    command!(disputes.get(id: i64) -> DisputeDetail, Read + Community, |db, ctx| dispute::get(db, ctx, id)),
    command!(
        /// Registers (`id` null) or corrects a dispute; `version`: the detail's.
        disputes.save(id: Option<i64>, input: DisputeInput, version: Option<i64>) -> i64, Write + Community,
        |db, ctx| {
            if let Some(id) = id {
                audit::unchanged_since(db, ctx, (dispute::ENTITY, id), version)?;
            }
            dispute::save(db, ctx, id, input)
        }
    ),
    command!(
        /// Records a 调解 session; its id.
        disputes.mediate(id: i64, session: MediationInput) -> i64, Write + Community,
        |db, ctx| dispute::mediate(db, ctx, id, session)
    ),
    command!(
        /// 调解成功: what the parties agreed, for the 人民调解协议书.
        disputes.settle(id: i64, agreement: AgreementInput) -> (), Write + Community,
        |db, ctx| dispute::settle(db, ctx, id, agreement)
    ),
    command!(
        /// 调解不成: why, and where the parties were sent.
        disputes.fail(id: i64, reason: String) -> (), Write + Community, |db, ctx| dispute::fail(db, ctx, id, &reason)
    ),
    command!(disputes.remove(id: i64) -> (), Write + Community, |db, ctx| dispute::delete(db, ctx, id)),
];

//! 积分超市 use cases: accounts, rules, service records (录入 → 审核), adjustments, goods and
//! stock, redemptions and their reversal. Every points change is a ledger entry in the same
//! transaction as what caused it; the database refuses to edit or delete entries and to take a
//! balance or a stock below zero, and the checks here say why first, in Chinese.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    hours::parse_hours,
    id_number::IdNumber,
    points::{AccountKind, Basis, EntryKind, Points, RecordStatus, Rule, StockKind},
};
use taizhang_db::{
    person,
    points::{
        self as table, AccountRow, EntryRow, GoodsRow, NewAccount, NewEntry, NewMove, NewRecord,
    },
    rusqlite::{Connection, Transaction},
    Db, Page,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

mod account;
mod goods;
mod import;
mod ledger;
mod report;
mod rules;
mod service;
mod wishes;

pub use account::*;
pub use goods::*;
pub use import::{ServiceRecords, Volunteers};
pub use ledger::*;
pub use report::*;
pub use rules::*;
pub use service::*;
pub use wishes::*;

/// The register's entities in the audit trail: the books as a whole (expiry, exports), and
/// each kind of record by its own id.
pub const ENTITY: &str = "积分";
pub const ACCOUNT: &str = "积分账户";
pub const SERVICE: &str = "服务记录";
pub const GOODS: &str = "积分商品";
pub const REDEMPTION: &str = "积分兑换";
pub const WISH: &str = "微心愿";
pub const RULE: &str = "积分规则";

use crate::audit::note as record;

/// The points supermarket is the 街道's, one for the whole office: a community's user is
/// refused its papers and shown none of its accounts.
pub fn street_only(ctx: &Ctx) -> Result<()> {
    match &ctx.scope {
        Some(s) => Err(AppError::new(
            crate::ErrorCode::Forbidden,
            format!("积分超市由街道统一管理，{}的账号不能查看", s.community),
        )),
        None => Ok(()),
    }
}

fn day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field(field, format!("日期“{text}”应写成 2026-11-22")))
}

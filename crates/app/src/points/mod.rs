//! 积分超市 use cases: accounts, rules, service records (录入 → 审核), adjustments, goods and
//! stock, redemptions and their reversal. Every points change is a ledger entry in the same
//! transaction as what caused it; the database refuses to edit or delete entries and to take a
//! balance or a stock below zero, and the checks here say why first, in Chinese.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    id_number::IdNumber,
    points::{parse_hours, AccountKind, Basis, EntryKind, Points, RecordStatus, Rule, StockKind},
};
use taizhang_db::{
    person::{self, PersonRecord},
    points::{
        self as table, AccountRow, EntryRow, GoodsRow, NewAccount, NewEntry, NewMove, NewRecord,
    },
    rusqlite::Transaction,
    Db,
};
use ts_rs::TS;

use crate::{AppError, Ctx, Result};

mod account;
mod goods;
mod ledger;
mod report;
mod rules;
mod service;
mod wishes;

pub use account::*;
pub use goods::*;
pub use ledger::*;
pub use report::*;
pub use rules::*;
pub use service::*;
pub use wishes::*;

/// The register's name in the audit trail.
pub const ENTITY: &str = "积分";

fn record(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    id: i64,
    summary: String,
) -> Result<()> {
    crate::audit::note(tx, ctx, action, ENTITY, id, summary)
}

fn day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field(field, format!("日期“{text}”应写成 2026-11-22")))
}

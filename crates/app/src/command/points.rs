//! 积分超市: accounts and ledger, rules, service records, goods and redemption, wishes.

use crate::files::SaveAs;

use super::{command, Command};
use crate::{
    core::points::Rule,
    db::points::{AccountRow, Dashboard, EntryRow, GoodsRow, PendingRow, WishRow},
    points::{self, AccountInput, PointsSheet, Receipt, Recorded, RuleInput, ServiceInput},
    Page,
};

pub const ALL: &[Command] = &[
    command!(
        /// A page of the accounts whose name, pinyin initials or 志愿者编号 match `search` ('' for
        /// all).
        points.accounts(search: String, page: u32, page_size: u32) -> Page<AccountRow>, Read,
        |db, _| points::accounts_page(db, &search, (page, page_size))
    ),
    command!(
        /// A page of an account's ledger, newest first.
        points.ledger(account_id: i64, page: u32, page_size: u32) -> Page<EntryRow>, Read,
        |db, _| points::ledger_page(db, account_id, (page, page_size))
    ),
    command!(points.open_account(input: AccountInput) -> i64, Write, |db, ctx| points::open_account(db, ctx, input)),
    command!(points.rules() -> Vec<Rule>, Read, |db, _| points::rules(db)),
    command!(points.set_rule(input: RuleInput) -> i64, Write, |db, ctx| points::set_rule(db, ctx, input)),
    command!(points.record_service(input: ServiceInput) -> Recorded, Write, |db, ctx| points::record_service(db, ctx, input)),
    command!(
        /// A page of the service records waiting for 审核, oldest first.
        points.pending(page: u32, page_size: u32) -> Page<PendingRow>, Read,
        |db, _| points::pending(db, (page, page_size))
    ),
    command!(points.decide(record_id: i64, approve: bool) -> (), Write, |db, ctx| points::decide(db, ctx, record_id, approve)),
    command!(points.adjust(account_id: i64, points: String, reason: String) -> i64, Write, |db, ctx| points::adjust(db, ctx, account_id, &points, &reason)),
    command!(points.reverse(entry_id: i64, reason: String) -> i64, Write, |db, ctx| points::reverse(db, ctx, entry_id, &reason)),
    command!(points.goods() -> Vec<GoodsRow>, Read, |db, _| points::goods(db)),
    command!(
        points.add_goods(name: String, unit: String, price: String, low_stock: i64) -> i64, Write,
        |db, ctx| points::add_goods(db, ctx, &name, &unit, &price, low_stock)
    ),
    command!(
        points.stock_in(goods_id: i64, quantity: i64, source: String) -> i64, Write,
        |db, ctx| points::stock_in(db, ctx, goods_id, quantity, &source, None)
    ),
    command!(
        /// The household members an account's points serve: [id, name, relation].
        points.household_members(account_id: i64) -> Vec<(i64, String, String)>, Read,
        |db, _| points::household_members(db, account_id)
    ),
    command!(
        points.add_household_member(account_id: i64, name: String, relation: String) -> i64, Write,
        |db, ctx| points::add_household_member(db, ctx, account_id, &name, &relation)
    ),
    command!(
        points.remove_household_member(account_id: i64, member_id: i64) -> (), Write,
        |db, ctx| points::remove_household_member(db, ctx, account_id, member_id)
    ),
    command!(
        points.count_stock(goods_id: i64, counted: i64, reason: String) -> i64, Write,
        |db, ctx| points::count_stock(db, ctx, goods_id, counted, &reason)
    ),
    command!(
        /// `basket`: [goods id, quantity] pairs.
        points.redeem(account_id: i64, basket: Vec<(i64, i64)>) -> Receipt, Write,
        |db, ctx| points::redeem(db, ctx, account_id, &basket)
    ),
    command!(points.dashboard(year: i32) -> Dashboard, Read, |db, _| points::dashboard(db, year)),
    command!(
        /// Returns [accounts, points expired (tenths)].
        points.expire(cutoff: String) -> (usize, i64), Write,
        |db, ctx| points::expire(db, ctx, &cutoff).map(|(n, p)| (n, p.0))
    ),
    command!(points.wishes() -> Vec<WishRow>, Read, |db, _| points::wishes(db)),
    command!(points.post_wish(resident: String, content: String) -> i64, Write, |db, ctx| points::post_wish(db, ctx, &resident, &content)),
    command!(points.claim_wish(wish_id: i64, account_id: i64) -> (), Write, |db, ctx| points::claim_wish(db, ctx, wish_id, account_id)),
    command!(points.fulfil_wish(wish_id: i64, rule: String) -> Recorded, Write, |db, ctx| points::fulfil_wish(db, ctx, wish_id, &rule)),
    command!(
        /// A month's sheet as .xlsx; returns how many rows.
        points.export_xlsx(sheet: PointsSheet, month: String, path: SaveAs) -> u32, Write,
        |db, ctx| points::export(db, ctx, sheet, &month, &path)
    ),
    command!(
        /// A volunteer-service certificate PDF; returns where it was saved.
        points.issue_certificate(account_id: i64, from: String, to: String, issuer: String) -> String, Write,
        |db, ctx| points::issue_certificate(db, ctx, account_id, &from, &to, &issuer)
    ),
];

//! 积分超市 on a real database: rules and caps, 录入 → 审核, redemptions refused with the
//! shortfall, reversal, the ledger refusing edits at the database level, random operation
//! sequences that must keep the books balanced, and two redemptions racing for the last item.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test or bench fails loudly on purpose

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use taizhang_app::{
    core::points::{AccountKind, Basis, Points},
    points::{self, AccountInput, RuleInput, ServiceInput},
    setup, Ctx, Db, ErrorCode,
};

fn ctx() -> Ctx {
    Ctx {
        actor: "测试员".into(),
        place: String::new(),
        scope: None,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    }
}

fn db() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    db.write(taizhang_db::dict::seed_builtin).unwrap();
    db
}

fn rule(name: &str, basis: Basis, points: &str, cap_day: &str, from: &str) -> RuleInput {
    RuleInput {
        name: name.into(),
        basis,
        points: points.into(),
        cap_day: cap_day.into(),
        cap_month: String::new(),
        cap_year: String::new(),
        valid_from: from.into(),
    }
}

fn person(db: &mut Db, name: &str, id_number: &str) -> i64 {
    points::open_account(
        db,
        &ctx(),
        AccountInput {
            kind: AccountKind::Person,
            name: name.into(),
            id_number: id_number.into(),
            phone: String::new(),
            address: "东关社区3号楼".into(),
            volunteer_no: String::new(),
            team: "红马甲服务队".into(),
            registered_on: "2026-01-01".into(),
        },
    )
    .unwrap()
}

fn household(db: &mut Db, head: &str) -> i64 {
    points::open_account(
        db,
        &ctx(),
        AccountInput {
            kind: AccountKind::Household,
            name: head.into(),
            id_number: String::new(),
            phone: String::new(),
            address: "东关社区5号楼2单元".into(),
            volunteer_no: String::new(),
            team: String::new(),
            registered_on: "2026-01-01".into(),
        },
    )
    .unwrap()
}

fn serve(
    db: &mut Db,
    account: i64,
    rule: &str,
    on: &str,
    hours: &str,
    approve: bool,
) -> taizhang_app::Result<points::Recorded> {
    points::record_service(
        db,
        &ctx(),
        ServiceInput {
            account_id: account,
            rule: rule.into(),
            activity: "清扫楼道".into(),
            served_on: on.into(),
            hours: hours.into(),
            certified_by: "网格员 马丽".into(),
            approve,
        },
    )
}

fn balance(db: &Db, account: i64) -> Points {
    points::account(db, account).unwrap().balance
}

#[test]
fn service_earns_by_the_rule_of_its_day_within_caps_and_only_once_approved() {
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("志愿服务", Basis::PerHour, "2", "8", "2026-01-01"),
    )
    .unwrap();
    let a = person(&mut db, "王国民", "141130200001011230");

    // 2.5 hours × 2 points, approved as entered.
    let r = serve(&mut db, a, "志愿服务", "2026-03-01", "2.5", true).unwrap();
    assert_eq!(r.points, Points(50));
    assert_eq!(balance(&db, a), Points(50));
    // Hours in half-hour steps only.
    let e = serve(&mut db, a, "志愿服务", "2026-03-02", "1.2", true).unwrap_err();
    assert!(e.message.contains("半小时"), "{e:?}");
    // The day's cap (8): 5 already, so 3 more, said so.
    let r = serve(&mut db, a, "志愿服务", "2026-03-01", "3", true).unwrap();
    assert_eq!(r.points, Points(30));
    assert!(r.note.contains("上限"));
    assert!(serve(&mut db, a, "志愿服务", "2026-03-01", "1", true)
        .unwrap_err()
        .message
        .contains("已达上限"));

    // 录入 → 审核: nothing until approved; a rejected record never earns.
    let pending = serve(&mut db, a, "志愿服务", "2026-03-05", "1", false).unwrap();
    assert_eq!(balance(&db, a), Points(80));
    points::decide(&mut db, &ctx(), pending.record_id, true).unwrap();
    assert_eq!(balance(&db, a), Points(100));
    assert!(
        points::decide(&mut db, &ctx(), pending.record_id, true).is_err(),
        "approved twice"
    );
    let sent_back = serve(&mut db, a, "志愿服务", "2026-03-06", "1", false).unwrap();
    points::decide(&mut db, &ctx(), sent_back.record_id, false).unwrap();
    assert_eq!(balance(&db, a), Points(100));

    // A new rule from July: March's records keep their points; July's earn by the new rule.
    points::set_rule(
        &mut db,
        &ctx(),
        rule("志愿服务", Basis::PerHour, "3", "", "2026-07-01"),
    )
    .unwrap();
    assert_eq!(
        serve(&mut db, a, "志愿服务", "2026-07-02", "2", true)
            .unwrap()
            .points,
        Points(60)
    );
    assert_eq!(
        serve(&mut db, a, "志愿服务", "2026-06-30", "1", true)
            .unwrap()
            .points,
        Points(20)
    );
    let ledger = points::ledger(&db, a).unwrap();
    assert_eq!(
        ledger.iter().map(|e| e.points.0).collect::<Vec<_>>(),
        [50, 30, 20, 60, 20]
    );
    assert_eq!(ledger.last().unwrap().balance, Points(180));
    let all = points::rules(&db).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].valid_to.as_deref(), Some("2026-06-30"));
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

#[test]
fn a_redemption_is_refused_with_its_shortfall_and_reversed_as_a_whole() {
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("环境卫生星级", Basis::PerRating, "10", "", "2026-01-01"),
    )
    .unwrap();
    let home = household(&mut db, "刘桂英");
    serve(&mut db, home, "环境卫生星级", "2026-10-31", "", true).unwrap();
    let soap = points::add_goods(&mut db, &ctx(), "洗洁精", "瓶", "2", 2).unwrap();
    let broom = points::add_goods(&mut db, &ctx(), "扫帚", "把", "18", 1).unwrap();
    points::stock_in(&mut db, &ctx(), soap, 3, "爱心企业捐赠", Some(3000)).unwrap();
    points::stock_in(&mut db, &ctx(), broom, 1, "采购", None).unwrap();

    let e = points::redeem(&mut db, &ctx(), home, &[(broom, 1)]).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert_eq!(
        e.message,
        "积分不足：需要 18 分，刘桂英 的余额为 10 分，还差 8 分"
    );
    let e = points::redeem(&mut db, &ctx(), home, &[(soap, 4)]).unwrap_err();
    assert_eq!(e.message, "库存不足：洗洁精 还剩 3瓶，要兑换 4瓶");
    assert_eq!(balance(&db, home), Points(100));

    let receipt = points::redeem(&mut db, &ctx(), home, &[(soap, 3)]).unwrap();
    assert_eq!((receipt.total, receipt.balance), (Points(60), Points(40)));
    let paper = pdftotext(
        &taizhang_app::print::receipt(&db, receipt.redemption_id)
            .unwrap()
            .bytes,
    );
    for want in [
        "积分兑换凭证",
        "刘桂英",
        "洗洁精",
        "3瓶",
        "合计6分",
        "当前余额4分",
        "领取人（签字）",
    ] {
        assert!(paper.contains(want), "{want} missing: {paper}");
    }
    let stock = |db: &Db| {
        points::goods(db)
            .unwrap()
            .into_iter()
            .find(|g| g.id == soap)
            .unwrap()
            .stock
    };
    assert_eq!(stock(&db), 0);

    points::reverse_redemption(&mut db, &ctx(), receipt.redemption_id, "居民退回商品").unwrap();
    assert_eq!(balance(&db, home), Points(100));
    assert_eq!(stock(&db), 3);
    // 盘点: one bottle broken.
    assert_eq!(
        points::count_stock(&mut db, &ctx(), soap, 2, "破损").unwrap(),
        -1
    );
    assert_eq!(stock(&db), 2);
    assert_eq!(
        points::count_stock(&mut db, &ctx(), soap, 2, "复盘").unwrap(),
        0
    );
    assert!(points::count_stock(&mut db, &ctx(), soap, 5, "").is_err());
    assert!(points::reverse_redemption(&mut db, &ctx(), receipt.redemption_id, "再退").is_err());
    // The redeem entry itself cannot be reversed alone.
    let redeem_entry = points::ledger(&db, home).unwrap()[1].id;
    assert!(points::reverse(&mut db, &ctx(), redeem_entry, "x")
        .unwrap_err()
        .message
        .contains("整笔冲正"));
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

#[test]
fn the_database_itself_refuses_to_edit_the_ledger_or_overdraw() {
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("志愿服务", Basis::PerTime, "5", "", "2026-01-01"),
    )
    .unwrap();
    let a = person(
        &mut db,
        "李镕",
        "141130198001010025"
            .get(..17)
            .map(|b| format!("{b}{}", taizhang_app::core::id_number::check_character(b)))
            .unwrap()
            .as_str(),
    );
    serve(&mut db, a, "志愿服务", "2026-05-01", "", true).unwrap();
    let conn = db.conn();
    let e = conn
        .execute("UPDATE points_entry SET points = 500", [])
        .unwrap_err();
    assert!(e.to_string().contains("只能追加"), "{e}");
    let e = conn.execute("DELETE FROM points_entry", []).unwrap_err();
    assert!(e.to_string().contains("只能追加"), "{e}");
    let e = conn
        .execute(
            "INSERT INTO points_entry (account_id, at, kind, points, reason, operator) VALUES (?1, '2026-05-02', '调整', -60, 'x', 'x')",
            [a],
        )
        .unwrap_err();
    assert!(e.to_string().contains("余额不足"), "{e}");
    let soap = points::add_goods(&mut db, &ctx(), "洗洁精", "瓶", "2", 0).unwrap();
    let e = db
        .conn()
        .execute("INSERT INTO stock_move (goods_id, at, kind, quantity, operator) VALUES (?1, 'x', '兑换出库', -1, 'x')", [soap])
        .unwrap_err();
    assert!(e.to_string().contains("库存不足"), "{e}");
    assert_eq!(balance(&db, a), Points(50));
}

#[test]
fn two_redemptions_racing_for_the_last_item_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("points.db");
    let (account, broom) = {
        let mut db = setup::open(&path, None).unwrap();
        points::set_rule(
            &mut db,
            &ctx(),
            rule("志愿服务", Basis::PerTime, "50", "", "2026-01-01"),
        )
        .unwrap();
        let a = household(&mut db, "陈建国");
        serve(&mut db, a, "志愿服务", "2026-05-01", "", true).unwrap();
        let broom = points::add_goods(&mut db, &ctx(), "扫帚", "把", "18", 0).unwrap();
        points::stock_in(&mut db, &ctx(), broom, 1, "采购", None).unwrap();
        (a, broom)
    };
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut db = setup::open(&path, None).unwrap();
                barrier.wait();
                points::redeem(&mut db, &ctx(), account, &[(broom, 1)]).is_ok()
            })
        })
        .collect();
    let wins = racers
        .into_iter()
        .map(|r| r.join().unwrap())
        .filter(|w| *w)
        .count();
    assert_eq!(wins, 1);
    let db = setup::open(&path, None).unwrap();
    assert_eq!(balance(&db, account), Points(320));
    assert_eq!(points::goods(&db).unwrap()[0].stock, 0);
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

/// The PDF's text without white space (line breaks fall anywhere).
fn pdftotext(bytes: &[u8]) -> String {
    common::pdftotext(bytes).split_whitespace().collect()
}

#[test]
fn certificates_are_numbered_without_gaps_and_papers_print_the_books() {
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("志愿服务", Basis::PerHour, "2", "", "2026-01-01"),
    )
    .unwrap();
    let a = person(&mut db, "王国民", "141130200001011230");
    serve(&mut db, a, "志愿服务", "2026-03-01", "2.5", true).unwrap();
    serve(&mut db, a, "志愿服务", "2026-04-01", "3", true).unwrap();
    let first = points::issue_certificate(
        &mut db,
        &ctx(),
        a,
        "2026-01-01",
        "2026-11-22",
        "东关社区居民委员会",
    )
    .unwrap();
    let second = points::issue_certificate(
        &mut db,
        &ctx(),
        a,
        "2026-03-01",
        "2026-03-31",
        "东关社区居民委员会",
    )
    .unwrap();
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("2026-0001", "2026-0002")
    );
    // Nothing in the period: refused, and no number taken.
    assert!(points::issue_certificate(
        &mut db,
        &ctx(),
        a,
        "2026-06-01",
        "2026-06-30",
        "东关社区居民委员会"
    )
    .is_err());
    let e = db
        .conn()
        .execute(
            "INSERT INTO volunteer_certificate (year, seq, number, account_id, from_day, to_day, hours, content, issuer, issued_on, operator)
             VALUES (2026, 5, '2026-0005', ?1, 'x', 'x', 1, 'x', 'x', 'x', 'x')",
            [a],
        )
        .unwrap_err();
    assert!(e.to_string().contains("连续"), "{e}");
    assert!(db
        .conn()
        .execute("DELETE FROM volunteer_certificate", [])
        .unwrap_err()
        .to_string()
        .contains("不能删除"));

    let text = pdftotext(&taizhang_app::print::certificate(&db, &first).unwrap().bytes);
    for want in [
        "志愿服务记录证明",
        "编号：2026-0001",
        "王国民",
        "141130200001011230",
        "累计志愿服务时间5.5小时",
        "东关社区居民委员会",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    let text = pdftotext(&taizhang_app::print::passbook(&db, a).unwrap().bytes);
    assert!(
        text.contains("积分存折") && text.contains("当前余额：11分"),
        "{text}"
    );
    assert!(taizhang_app::print::points_notice(&db, "2026-13").is_err());
}

#[test]
fn ledger_stock_service_and_ranking_export_to_excel_and_read_back() {
    use calamine::Reader;
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("志愿服务", Basis::PerHour, "1", "", "2026-01-01"),
    )
    .unwrap();
    let a = person(&mut db, "王国民", "141130200001011230");
    serve(&mut db, a, "志愿服务", "2026-03-01", "2.5", true).unwrap();
    let soap = points::add_goods(&mut db, &ctx(), "洗洁精", "瓶", "2", 0).unwrap();
    points::stock_in(&mut db, &ctx(), soap, 5, "捐赠", Some(1250)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let read = |path: &std::path::Path| -> Vec<Vec<String>> {
        let mut book = calamine::open_workbook_auto(path).unwrap();
        let name = book.sheet_names()[0].clone();
        book.worksheet_range(&name)
            .unwrap()
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    for (sheet, want) in [
        (
            points::PointsSheet::Ledger,
            vec!["王国民", "获得", "2.5", "2.5"],
        ),
        (
            points::PointsSheet::Stock,
            vec!["洗洁精", "入库", "5", "捐赠", "12.50"],
        ),
        (
            points::PointsSheet::Service,
            vec![
                "2026-03-01",
                "王国民",
                "志愿服务",
                "清扫楼道",
                "2.5",
                "2.5",
                "已审核",
            ],
        ),
    ] {
        let path = dir.path().join(format!("{sheet:?}.xlsx"));
        assert_eq!(
            points::export(&mut db, &ctx(), sheet, "", &path).unwrap(),
            1
        );
        let rows = read(&path);
        assert!(rows[0][0].contains("积分超市"), "{:?}", rows[0]);
        for cell in want {
            assert!(
                rows[3].iter().any(|c| c == cell),
                "{cell} missing from {:?}",
                rows[3]
            );
        }
    }

    // The ranking counts the month the points were entered; equal points share a place.
    let b = person(&mut db, "李秀英", "141130197206110027");
    let c = person(&mut db, "赵建华", "141130198001010035");
    serve(&mut db, b, "志愿服务", "2026-03-01", "2.5", true).unwrap();
    serve(&mut db, c, "志愿服务", "2026-03-01", "1", true).unwrap();
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let path = dir.path().join("排行.xlsx");
    let n = points::export(&mut db, &ctx(), points::PointsSheet::Ranking, &month, &path).unwrap();
    assert_eq!(n, 3);
    let rows = read(&path);
    assert!(rows[0][0].contains("积分排行榜"), "{:?}", rows[0]);
    let places: Vec<(&str, &str, &str)> = rows[3..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        places,
        [
            ("1", "李秀英", "2.5"),
            ("1", "王国民", "2.5"),
            ("3", "赵建华", "1")
        ]
    );
}

#[test]
fn a_wish_is_posted_claimed_and_fulfilled_and_its_volunteer_earns() {
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("微心愿", Basis::PerTime, "5", "", "2026-01-01"),
    )
    .unwrap();
    let a = person(&mut db, "王国民", "141130200001011230");
    let wish = points::post_wish(&mut db, &ctx(), "赵秀兰", "帮忙更换卫生间灯泡").unwrap();
    assert!(
        points::fulfil_wish(&mut db, &ctx(), wish, "微心愿").is_err(),
        "not claimed yet"
    );
    points::claim_wish(&mut db, &ctx(), wish, a).unwrap();
    assert!(points::claim_wish(&mut db, &ctx(), wish, a)
        .unwrap_err()
        .message
        .contains("已被 王国民 认领"));
    let done = points::fulfil_wish(&mut db, &ctx(), wish, "微心愿").unwrap();
    assert_eq!(done.points, Points(50));
    assert_eq!(balance(&db, a), Points(50));
    let w = &points::wishes(&db).unwrap()[0];
    assert_eq!(
        (w.status, w.fulfilled_on.as_deref()),
        (
            taizhang_app::core::points::WishStatus::Fulfilled,
            Some("2026-11-22")
        )
    );
    assert!(
        points::fulfil_wish(&mut db, &ctx(), wish, "微心愿").is_err(),
        "fulfilled twice"
    );
    assert!(points::ledger(&db, a).unwrap()[0]
        .reason
        .contains("帮忙更换卫生间灯泡"));
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

#[test]
fn a_household_lists_its_members() {
    let mut db = db();
    let home = household(&mut db, "刘桂英");
    let son = points::add_household_member(&mut db, &ctx(), home, "张强", "之子").unwrap();
    points::add_household_member(&mut db, &ctx(), home, "张晓雨", "孙女").unwrap();
    assert!(
        points::add_household_member(&mut db, &ctx(), home, "张强", "之子").is_err(),
        "twice"
    );
    points::remove_household_member(&mut db, &ctx(), home, son).unwrap();
    let members = points::household_members(&db, home).unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| (m.1.as_str(), m.2.as_str()))
            .collect::<Vec<_>>(),
        [("张晓雨", "孙女")]
    );
    let person = person(&mut db, "王国民", "141130200001011230");
    assert!(
        points::add_household_member(&mut db, &ctx(), person, "某人", "").is_err(),
        "a person's account has no members"
    );
}

#[test]
fn points_earned_before_a_cutoff_and_unspent_expire_once() {
    let mut db = db();
    points::set_rule(
        &mut db,
        &ctx(),
        rule("志愿服务", Basis::PerTime, "10", "", "2026-01-01"),
    )
    .unwrap();
    let a = household(&mut db, "刘桂英");
    serve(&mut db, a, "志愿服务", "2026-05-01", "", true).unwrap();
    points::adjust(&mut db, &ctx(), a, "-4", "兑换补录").unwrap();
    // Entries are dated when written (by the real clock): a cutoff of the test's day expires
    // nothing written since; a cutoff the day after the real day expires what is unspent.
    assert_eq!(points::expire(&mut db, &ctx(), "2026-11-22").unwrap().0, 0);
    let written_before = (chrono::Local::now().date_naive() + chrono::Days::new(1)).to_string();
    let later = Ctx {
        today: chrono::Local::now().date_naive() + chrono::Days::new(1),
        ..ctx()
    };
    let (accounts, total) = points::expire(&mut db, &later, &written_before).unwrap();
    assert_eq!(
        (accounts, total),
        (1, Points(60)),
        "10 earned, 4 spent: 6 expire"
    );
    assert_eq!(balance(&db, a), Points(0));
    assert_eq!(
        points::expire(&mut db, &later, &written_before).unwrap().0,
        0,
        "nothing twice"
    );
    assert!(
        points::expire(&mut db, &ctx(), "2027-01-01").is_err(),
        "not in the future"
    );
    assert!(taizhang_app::db_check(&db).unwrap().is_empty());
}

/// One step of a random session at the supermarket.
#[derive(Debug, Clone)]
enum Op {
    Earn {
        account: usize,
        times: u8,
    },
    Redeem {
        account: usize,
        goods: usize,
        quantity: i64,
    },
    Adjust {
        account: usize,
        tenths: i64,
    },
    StockIn {
        goods: usize,
        quantity: i64,
    },
    ReverseLast {
        account: usize,
    },
    ReverseRedemption {
        nth: usize,
    },
    /// Everything written so far expires (cutoff: the day after the real day).
    ExpireAll,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 1..4u8).prop_map(|(account, times)| Op::Earn { account, times }),
        (0..3usize, 0..2usize, 1..4i64).prop_map(|(account, goods, quantity)| Op::Redeem {
            account,
            goods,
            quantity
        }),
        (0..3usize, -80..80i64).prop_map(|(account, tenths)| Op::Adjust { account, tenths }),
        (0..2usize, 1..5i64).prop_map(|(goods, quantity)| Op::StockIn { goods, quantity }),
        (0..3usize).prop_map(|account| Op::ReverseLast { account }),
        (0..8usize).prop_map(|nth| Op::ReverseRedemption { nth }),
        Just(Op::ExpireAll),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// After every step: each balance is the sum of its entries and matches the model, nothing
    /// is negative, issued − spent − reversed out equals the sum of balances, and a refused
    /// step changed nothing.
    #[test]
    fn random_sessions_keep_the_books_balanced(ops in proptest::collection::vec(op(), 1..40)) {
        let mut db = db();
        points::set_rule(&mut db, &ctx(), rule("志愿服务", Basis::PerHour, "1.5", "", "2026-01-01")).unwrap();
        let accounts = [household(&mut db, "甲"), household(&mut db, "乙"), household(&mut db, "丙")];
        let goods = [
            points::add_goods(&mut db, &ctx(), "洗洁精", "瓶", "2", 0).unwrap(),
            points::add_goods(&mut db, &ctx(), "扫帚", "把", "3.5", 0).unwrap(),
        ];
        let prices = [20i64, 35];
        let mut model_balance = [0i64; 3];
        let mut model_stock = [0i64; 2];
        let mut redemptions: Vec<(usize, usize, i64, bool)> = Vec::new();
        let mut receipts: Vec<i64> = Vec::new();
        for op in ops {
            match op {
                Op::Earn { account, times } => {
                    let hours = format!("{}", f64::from(times) / 2.0);
                    let r = serve(&mut db, accounts[account], "志愿服务", "2026-05-01", &hours, true).unwrap();
                    prop_assert_eq!(r.points.0, 15 * i64::from(times) / 2);
                    model_balance[account] += r.points.0;
                }
                Op::Redeem { account, goods: g, quantity } => {
                    let cost = prices[g] * quantity;
                    let done = points::redeem(&mut db, &ctx(), accounts[account], &[(goods[g], quantity)]);
                    let affordable = model_balance[account] >= cost && model_stock[g] >= quantity;
                    prop_assert_eq!(done.is_ok(), affordable);
                    if let Ok(receipt) = done {
                        model_balance[account] -= cost;
                        model_stock[g] -= quantity;
                        redemptions.push((account, g, quantity, false));
                        receipts.push(receipt.redemption_id);
                    }
                }
                Op::Adjust { account, tenths } => {
                    let text = Points(tenths).to_string();
                    let done = points::adjust(&mut db, &ctx(), accounts[account], &text, "盘点更正");
                    let allowed = tenths != 0 && model_balance[account] + tenths >= 0;
                    prop_assert_eq!(done.is_ok(), allowed);
                    if done.is_ok() {
                        model_balance[account] += tenths;
                    }
                }
                Op::StockIn { goods: g, quantity } => {
                    points::stock_in(&mut db, &ctx(), goods[g], quantity, "捐赠", None).unwrap();
                    model_stock[g] += quantity;
                }
                Op::ReverseLast { account } => {
                    let ledger = points::ledger(&db, accounts[account]).unwrap();
                    if let Some(last) = ledger.iter().rev().find(|e| e.kind == taizhang_app::core::points::EntryKind::Earn) {
                        let done = points::reverse(&mut db, &ctx(), last.id, "录错了");
                        let already = ledger.iter().any(|e| e.reverses == Some(last.id));
                        let allowed = !already && model_balance[account] >= last.points.0;
                        prop_assert_eq!(done.is_ok(), allowed);
                        if done.is_ok() {
                            model_balance[account] -= last.points.0;
                        }
                    }
                }
                Op::ExpireAll => {
                    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
                    let later = Ctx { today: tomorrow, ..ctx() };
                    let (n, total) = points::expire(&mut db, &later, &tomorrow.to_string()).unwrap();
                    prop_assert_eq!(n, model_balance.iter().filter(|b| **b > 0).count());
                    prop_assert_eq!(total.0, model_balance.iter().sum::<i64>());
                    model_balance = [0; 3];
                }
                Op::ReverseRedemption { nth } => {
                    if let Some(&id) = receipts.get(nth) {
                        let (account, g, quantity, reversed) = redemptions[nth];
                        let done = points::reverse_redemption(&mut db, &ctx(), id, "退货");
                        prop_assert_eq!(done.is_ok(), !reversed);
                        if done.is_ok() {
                            model_balance[account] += prices[g] * quantity;
                            model_stock[g] += quantity;
                            redemptions[nth].3 = true;
                        }
                    }
                }
            }
            for (i, a) in accounts.iter().enumerate() {
                let row = points::account(&db, *a).unwrap();
                let ledger = points::ledger(&db, *a).unwrap();
                prop_assert_eq!(row.balance.0, ledger.iter().map(|e| e.points.0).sum::<i64>());
                prop_assert_eq!(row.balance.0, model_balance[i]);
                prop_assert!(row.balance.0 >= 0);
            }
            for g in points::goods(&db).unwrap() {
                let i = goods.iter().position(|id| *id == g.id).unwrap();
                prop_assert_eq!(g.stock, model_stock[i]);
                prop_assert!(g.stock >= 0);
            }
            let flows: i64 = db.conn().query_row("SELECT coalesce(sum(points), 0) FROM points_entry", [], |r| r.get(0)).unwrap();
            prop_assert_eq!(flows, model_balance.iter().sum::<i64>());
        }
        prop_assert!(taizhang_app::db_check(&db).unwrap().is_empty());
    }
}

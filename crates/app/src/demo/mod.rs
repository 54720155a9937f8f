//! The demo office: 交口街道 with three communities, twelve grids, six branches and a few hundred
//! party members with valid IDs, realistic names and consistent dates. Deterministic, so tests
//! and screenshots see the same office every time; the benchmark uses it at 100,000 members.

use chrono::{Datelike, Months, NaiveDate};
use taizhang_core::{
    id_number::check_character,
    org::OrgKind,
    party_member::{self as rules, Category, PartyMemberInput, ReportPost, Status},
};
use taizhang_db::{
    org,
    party_member::{self as table, PairedHousehold, Report},
    person,
    rusqlite::Transaction,
};

use crate::{party_member::person_record, Result};

mod disputes;
mod grid;
mod houses;
mod meetings;
mod people;
mod points;
pub use disputes::write_disputes;
pub use grid::{write_grid, write_grid_sized, Sizing};
pub use houses::write_houses;
pub use meetings::write_meetings;
pub use people::write_people;
pub use points::write_points;

pub const OFFICE: &str = "交口街道";
pub const DEMO_MEMBERS: usize = 300;

/// Members every demo office has, so a clerk trying search finds them: the pinyin example, and
/// surnames with their own readings.
const FIXED: [(&str, bool); 4] = [
    ("王国民", false),
    ("曾志强", false),
    ("单丽华", true),
    ("解红梅", true),
];

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹武乔贺常单解";
const GIVEN_MALE: &str = "国民建军华明志强伟海涛文斌俊杰春生福德永平林宏亮振东新保胜浩然思远轩";
const GIVEN_FEMALE: &str = "玉兰秀英芳丽红梅晓燕桂凤娟爱萍云霞淑珍月娥翠子涵佳怡欣悦琳";
const AREAS: [&str; 6] = ["141130", "141102", "141122", "141181", "141182", "140105"];
const UNITS: [&str; 8] = [
    "交口县人民医院 医生",
    "交口县第一中学 教师",
    "交口县税务局 科员",
    "国网交口供电公司 工程师",
    "交口县人民法院 书记员",
    "个体经营",
    "交口县农商银行 柜员",
    "退休",
];
const OUTFLOW: [&str; 4] = [
    "太原市小店区",
    "北京市朝阳区",
    "西安市雁塔区",
    "上海市浦东新区",
];
const EDUCATION: [&str; 7] = [
    "研究生",
    "大学本科",
    "大学本科",
    "大学专科",
    "中等专科",
    "高中",
    "初中",
];

/// xorshift64*: small, fast and deterministic; no need for a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as usize;
        from + chrono::Days::new(self.below(span + 1) as u64)
    }
}

struct Office {
    grids: Vec<(i64, String)>,
    branches: Vec<(i64, Vec<i64>)>,
}

fn write_office(tx: &Transaction) -> Result<Office> {
    let street = org::insert(tx, None, OrgKind::Street, OFFICE)?;
    let mut grids = Vec::new();
    let mut communities = Vec::new();
    for community in ["东关社区", "西关社区", "南山村"] {
        let c = org::insert(tx, Some(street), OrgKind::Community, community)?;
        communities.push(c);
        for g in ["第一网格", "第二网格", "第三网格", "第四网格"] {
            grids.push((
                org::insert(tx, Some(c), OrgKind::Grid, g)?,
                community.to_owned(),
            ));
        }
    }
    let committee = org::insert(tx, None, OrgKind::PartyWorkingCommittee, "交口街道党工委")?;
    let dongguan = org::insert(tx, Some(committee), OrgKind::PartyCommittee, "东关社区党委")?;
    let xiguan = org::insert(
        tx,
        Some(committee),
        OrgKind::GeneralBranch,
        "西关社区党总支",
    )?;
    let parents = [
        (dongguan, "东关社区第一党支部"),
        (dongguan, "东关社区第二党支部"),
        (xiguan, "西关社区第一党支部"),
        (xiguan, "西关社区第二党支部"),
        (committee, "南山村党支部"),
        (committee, "街道机关党支部"),
    ];
    // Each community's party organisation serves it (数据权限); the 街道机关党支部 serves none.
    org::set_serves(tx, dongguan, Some(communities[0]))?;
    org::set_serves(tx, xiguan, Some(communities[1]))?;
    let mut branches = Vec::new();
    for (parent, name) in parents {
        let b = org::insert(tx, Some(parent), OrgKind::Branch, name)?;
        if name == "南山村党支部" {
            org::set_serves(tx, b, Some(communities[2]))?;
        }
        let groups = vec![
            org::insert(tx, Some(b), OrgKind::PartyGroup, "第一党小组")?,
            org::insert(tx, Some(b), OrgKind::PartyGroup, "第二党小组")?,
        ];
        branches.push((b, groups));
    }
    Ok(Office { grids, branches })
}

/// Writes the demo office and `members` party members; returns how many were written.
pub fn write(tx: &Transaction, today: NaiveDate, members: usize) -> Result<usize> {
    taizhang_db::bulk::run(tx, || write_members(tx, today, members))
}

fn write_members(tx: &Transaction, today: NaiveDate, members: usize) -> Result<usize> {
    let office = write_office(tx)?;
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given = [
        GIVEN_MALE.chars().collect::<Vec<_>>(),
        GIVEN_FEMALE.chars().collect::<Vec<_>>(),
    ];
    let mut rng = Rng(0x5EED_2026_1122);
    let mut written = 0;
    for i in 0..members {
        let (name, female) = match FIXED.get(i) {
            Some((n, female)) => ((*n).to_owned(), *female),
            None => {
                let female = rng.chance(45);
                let mut n = String::from(*rng.pick(&surnames));
                for _ in 0..1 + usize::from(rng.chance(80)) {
                    n.push(*rng.pick(&given[usize::from(female)]));
                }
                (n, female)
            }
        };
        let input = member(&mut rng, &office, today, name, female, i);
        let valid = match rules::validate(input, today) {
            Ok(v) => v,
            // Two random members may draw the same ID; skip the rare clash rather than fail.
            Err(_) => continue,
        };
        if person::find_by_id_number(tx, valid.id_number.as_str())?.is_some() {
            continue;
        }
        let person_id = person::insert(tx, &person_record(&valid))?;
        let m = &valid.input;
        let member_id = table::insert(tx, person_id, m)?;
        satellites(tx, &mut rng, member_id, m, today)?;
        written += 1;
    }
    Ok(written)
}

fn member(
    rng: &mut Rng,
    office: &Office,
    today: NaiveDate,
    name: String,
    female: bool,
    i: usize,
) -> PartyMemberInput {
    let age = 22 + rng.below(63) as i32;
    let birth = rng.day_between(
        NaiveDate::from_ymd_opt(today.year() - age, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(today.year() - age, 12, 28).unwrap_or(today),
    );
    let area = if i == 0 { "141130" } else { rng.pick(&AREAS) };
    let seq = rng.below(50) * 2 + usize::from(!female);
    let body = format!("{area}{}{:03}", birth.format("%Y%m%d"), seq);
    let id_number = format!("{body}{}", check_character(&body));

    let (grid_id, community) = rng.pick(&office.grids).clone();
    let (branch_id, groups) = rng.pick(&office.branches).clone();
    let years = |d: NaiveDate, n: u32| d.checked_add_months(Months::new(12 * n)).unwrap_or(d);
    let applied = rng.day_between(
        years(birth, 18),
        years(birth, 18 + (age as u32 - 19).min(30)),
    );
    let activist = rng.day_between(years(applied, 0), years(applied, 1));
    let candidate = rng.day_between(years(activist, 1), years(activist, 2));
    let joined = rng
        .day_between(years(candidate, 0), years(candidate, 1))
        .min(today);
    let confirmed = years(joined, 1);

    let roll = rng.below(100);
    let category = match roll {
        0..=2 => Category::Applicant,
        3..=5 => Category::Activist,
        6..=7 => Category::Candidate,
        _ if confirmed > today => Category::Probationary,
        8..=11 => Category::Probationary,
        _ => Category::Full,
    };
    // A probationary member joined within the last year; the earlier stages move with it.
    let shift = if category == Category::Probationary {
        rng.day_between(
            today - chrono::Days::new(360),
            today - chrono::Days::new(20),
        ) - joined
    } else {
        chrono::TimeDelta::zero()
    };
    let [applied, activist, candidate, joined] =
        [applied, activist, candidate, joined].map(|d| d + shift);
    let stage = |d: NaiveDate, reached: bool| (reached && d <= today).then(|| d.to_string());
    let rank = Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0);
    let status = match rng.below(100) {
        0..=4 => Status::Flowing,
        5..=6 => Status::LostContact,
        7 => Status::TransferredOut,
        _ => Status::Normal,
    };
    PartyMemberInput {
        name,
        id_number,
        nation: match rng.below(20) {
            0 => "回族",
            1 => "满族",
            _ => "汉族",
        }
        .into(),
        native_place: "山西吕梁".into(),
        education: (*rng.pick(&EDUCATION)).into(),
        phone: format!(
            "1{}{:09}",
            rng.pick(&["38", "39", "52", "58", "87", "35"]),
            rng.below(1_000_000_000)
        )[..11]
            .to_owned(),
        address: format!(
            "{community}{}号楼{}单元{}室",
            1 + rng.below(30),
            1 + rng.below(4),
            101 + rng.below(6) * 100 + rng.below(4)
        ),
        grid_id: Some(grid_id),
        branch_id: Some(branch_id),
        group_id: Some(*rng.pick(&groups)),
        category,
        applied_on: stage(applied.min(joined), true),
        activist_on: stage(activist.min(joined), rank >= 1),
        candidate_on: stage(candidate.min(joined), rank >= 2),
        joined_on: stage(joined, rank >= 3),
        confirmed_on: stage(years(joined, 1), rank >= 4),
        work_unit: if rng.chance(40) {
            (*rng.pick(&UNITS)).into()
        } else {
            String::new()
        },
        outflow_place: if status == Status::Flowing {
            (*rng.pick(&OUTFLOW)).into()
        } else {
            String::new()
        },
        status,
        dues_paid_to: Some(format!(
            "{}-{:02}",
            today.year(),
            1 + rng.below(today.month() as usize)
        )),
        is_center_household: rng.chance(8),
        note: String::new(),
    }
}

fn satellites(
    tx: &Transaction,
    rng: &mut Rng,
    member_id: i64,
    m: &PartyMemberInput,
    today: NaiveDate,
) -> Result<()> {
    if !m.work_unit.is_empty() && m.work_unit != "退休" && m.work_unit != "个体经营" {
        let unit = m.work_unit.split(' ').next().unwrap_or_default();
        let on = rng.day_between(today - chrono::Days::new(700), today);
        table::add_report(
            tx,
            member_id,
            &Report {
                id: 0,
                unit: unit.to_owned(),
                reported_on: on.to_string(),
                post: *rng.pick(ReportPost::ALL),
                note: String::new(),
            },
        )?;
    }
    if m.is_center_household {
        for _ in 0..2 + rng.below(3) {
            let surnames: Vec<char> = SURNAMES.chars().collect();
            let given: Vec<char> = GIVEN_MALE.chars().collect();
            table::add_household(
                tx,
                member_id,
                &PairedHousehold {
                    id: 0,
                    head_name: format!(
                        "{}{}{}",
                        rng.pick(&surnames),
                        rng.pick(&given),
                        rng.pick(&given)
                    ),
                    address: m
                        .address
                        .replace("室", &format!("室旁{}号", 1 + rng.below(9))),
                    phone: format!("139{:08}", rng.below(100_000_000)),
                    note: String::new(),
                },
            )?;
        }
    }
    Ok(())
}

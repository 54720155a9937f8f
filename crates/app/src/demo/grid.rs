//! The demo office's grid work: a 网格长 per community and a 网格员 per grid, thirty households
//! a grid with their members, about a fifth of them with people to care for, and a year of
//! visits at about the pace their care tags ask (some late, so the to-do list has visits due).

use chrono::{Datelike, Days, NaiveDate};
use taizhang_core::{
    grid::{GridRole, GridWorkerInput},
    household::{HouseholdInput, MemberInput, Relation, Residence, CARE_VISIT_DAYS},
    id_number::check_character,
    org::OrgKind,
    visit::{VisitInput, VisitWay},
};
use taizhang_db::{org, rusqlite::Transaction};

use super::{Rng, GIVEN_FEMALE, GIVEN_MALE, SURNAMES};
use crate::Result;

/// How much grid work to write: households per grid, and the fewest members a household has
/// (children added to reach it). The demo office's is [`Sizing::DEMO`]; the grid benchmark
/// writes a large 街道's (20万 residents in 5万 households).
#[derive(Debug, Clone, Copy)]
pub struct Sizing {
    pub per_grid: usize,
    pub members_at_least: usize,
}

impl Sizing {
    /// Thirty households a grid, as they come.
    pub const DEMO: Sizing = Sizing {
        per_grid: 30,
        members_at_least: 1,
    };
}

const FOUND: &[&str] = &[
    "身体尚好，生活能自理，家中水电气正常",
    "精神状态良好，子女每周来电话",
    "近期血压偏高，已提醒按时服药",
    "冬季取暖正常，已检查燃气管道和报警器",
    "家中整洁，独自做饭，已提醒用火用电安全",
    "腿脚不便，行动需搀扶，已联系家庭医生上门",
    "孩子学习正常，祖父母照料尚可",
    "低保待遇按时发放，无其他困难",
];

const NEEDS: &[&str] = &[
    "楼道灯坏了，晚上看不清台阶",
    "希望申请社区助餐服务",
    "屋顶漏雨，请帮忙联系维修",
    "想了解高龄津贴怎么申请",
    "楼下有人占用消防通道堆放杂物",
    "希望有志愿者帮忙代买药品",
];

/// The demo office's grid work.
pub fn write_grid(tx: &Transaction, today: NaiveDate) -> Result<usize> {
    write_grid_sized(tx, today, Sizing::DEMO)
}

/// Grid work of `size` for every grid of the office: its workers, households with members,
/// a year of visits, the 诉求 heard on them; returns the households written.
pub fn write_grid_sized(tx: &Transaction, today: NaiveDate, size: Sizing) -> Result<usize> {
    let per_grid = size.per_grid;
    // Buildings (five households each) a grid's households fill, so grids sharing an estate
    // never share a building.
    let buildings = per_grid.div_ceil(5);
    let tree = org::all(tx)?;
    let mut rng = Rng(0x5EED_6121_D000);
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given = [
        GIVEN_MALE.chars().collect::<Vec<_>>(),
        GIVEN_FEMALE.chars().collect::<Vec<_>>(),
    ];
    let person = |rng: &mut Rng, age: u32, seq: &mut usize| -> (String, String) {
        let female = rng.chance(50);
        let mut name = String::from(*rng.pick(&surnames));
        for _ in 0..1 + usize::from(rng.chance(70)) {
            name.push(*rng.pick(&given[usize::from(female)]));
        }
        // Birth day and sequence number from a running count, so no two IDs are alike (and
        // none is a party member's: theirs are numbered below 100).
        *seq += 1;
        let jan1 = NaiveDate::from_ymd_opt(today.year() - age as i32, 1, 1).unwrap_or(today);
        let birth = jan1 + Days::new((*seq * 7 % 360) as u64);
        let number = 100 + (*seq / 360 % 400) * 2 + usize::from(!female);
        // Past 144,000 people the day and number repeat: born in the next county, then.
        let area = 141130 + *seq / 144_000;
        let body = format!("{area}{}{number:03}", birth.format("%Y%m%d"));
        (name, format!("{body}{}", check_character(&body)))
    };
    let days_of = |tag: &str| {
        CARE_VISIT_DAYS
            .iter()
            .find(|(t, _)| *t == tag)
            .map_or(30, |(_, d)| *d)
    };
    let mut seq = 0usize;
    let mut households = 0;
    for community in tree.iter().filter(|n| n.kind == OrgKind::Community) {
        let (head_name, head_id) = person(&mut rng, 45, &mut seq);
        crate::grid::write(
            tx,
            None,
            &GridWorkerInput {
                name: head_name,
                id_number: head_id,
                phone: format!("139{:08}", rng.below(100_000_000)),
                unit_id: Some(community.id),
                role: Some(GridRole::Head),
                area: format!("{}全域", community.name),
                note: String::new(),
            },
        )?;
        let village = community.name.ends_with('村');
        let estates: [String; 2] = if village {
            [
                format!("{}一组", community.name),
                format!("{}二组", community.name),
            ]
        } else {
            let stem = community.name.trim_end_matches("社区");
            [format!("{stem}小区"), format!("{stem}花园")]
        };
        for (g, grid) in tree
            .iter()
            .filter(|n| n.parent_id == Some(community.id) && n.kind == OrgKind::Grid)
            .enumerate()
        {
            let age = 30 + rng.below(20) as u32;
            let (name, id_number) = person(&mut rng, age, &mut seq);
            let estate = &estates[g % 2];
            let first = g / 2 * buildings + 1;
            let worker = crate::grid::write(
                tx,
                None,
                &GridWorkerInput {
                    name,
                    id_number,
                    phone: format!("138{:08}", rng.below(100_000_000)),
                    unit_id: Some(grid.id),
                    role: Some(GridRole::FullTime),
                    area: if village {
                        estate.clone()
                    } else {
                        format!("{estate}{first}—{}号楼", first + 5)
                    },
                    note: String::new(),
                },
            )?;
            for i in 0..per_grid {
                let (building, unit, room) = if village {
                    (
                        String::new(),
                        String::new(),
                        format!("{}号", g / 2 * (per_grid + 10) + i + 1),
                    )
                } else {
                    (
                        format!("{}号楼", first + i / 5),
                        format!("{}单元", 1 + i % 5 / 3),
                        // Five flats a building, one a floor: no two alike.
                        format!("{}0{}", 1 + i % 5, 1 + rng.below(2)),
                    )
                };
                let roll = rng.below(100);
                let (members, care): (Vec<(u32, Relation)>, Vec<&str>) = match roll {
                    0..=9 => {
                        let age = 72 + rng.below(20) as u32;
                        let mut tags = vec!["独居老人"];
                        if age >= 80 {
                            tags.push("高龄老人");
                        }
                        (vec![(age, Relation::Head)], tags)
                    }
                    10..=17 => (
                        vec![
                            (68 + rng.below(10) as u32, Relation::Head),
                            (66, Relation::Spouse),
                        ],
                        vec!["空巢老人"],
                    ),
                    18..=20 => (
                        vec![(64, Relation::Head), (9, Relation::Grandchild)],
                        vec!["留守儿童"],
                    ),
                    21..=24 => (
                        vec![(52, Relation::Head), (49, Relation::Spouse)],
                        vec!["残疾人"],
                    ),
                    25..=27 => (vec![(58, Relation::Head)], vec!["低保户"]),
                    28..=30 => (
                        vec![(47, Relation::Head), (45, Relation::Spouse)],
                        vec!["退役军人"],
                    ),
                    _ => {
                        let mut m = vec![(30 + rng.below(35) as u32, Relation::Head)];
                        if rng.chance(80) {
                            m.push((m[0].0.saturating_sub(2), Relation::Spouse));
                        }
                        if rng.chance(60) {
                            m.push((m[0].0.saturating_sub(28).max(3), Relation::Son));
                        }
                        (m, Vec::new())
                    }
                };
                let mut members = members;
                while members.len() < size.members_at_least {
                    let age = members[0]
                        .0
                        .saturating_sub(24 + members.len() as u32)
                        .max(1);
                    let child = if rng.chance(50) {
                        Relation::Son
                    } else {
                        Relation::Daughter
                    };
                    members.push((age, child));
                }
                let members: Vec<MemberInput> = members
                    .iter()
                    .enumerate()
                    .map(|(k, (age, relation))| {
                        let (name, id_number) = person(&mut rng, *age, &mut seq);
                        // The care tag goes on the member it is about: the child for 留守儿童.
                        let tagged = match care.first() {
                            Some(&"留守儿童") => *relation == Relation::Grandchild,
                            _ => k == 0,
                        };
                        MemberInput {
                            name,
                            id_number,
                            phone: if k == 0 {
                                format!("13{}{:08}", 5 + rng.below(5), rng.below(100_000_000))
                            } else {
                                String::new()
                            },
                            relation: Some(*relation),
                            residence: Some(if rng.chance(85) {
                                Residence::Registered
                            } else {
                                Residence::Floating
                            }),
                            care: if tagged {
                                care.iter().map(|c| (*c).to_owned()).collect()
                            } else {
                                Vec::new()
                            },
                            note: String::new(),
                        }
                    })
                    .collect();
                let h = HouseholdInput {
                    community_id: Some(community.id),
                    grid_id: Some(grid.id),
                    estate: estate.clone(),
                    building,
                    unit,
                    room,
                    note: String::new(),
                    members,
                };
                let id = crate::household::write(tx, None, &h)?;
                households += 1;
                // A year of visits at about the tags' pace; a few fall behind.
                let Some(days) = care.iter().map(|t| days_of(t)).min() else {
                    continue;
                };
                let mut day = today - Days::new(360 + rng.below(days as usize) as u64);
                loop {
                    let late = if rng.chance(15) {
                        rng.below(days as usize)
                    } else {
                        0
                    };
                    day = day + Days::new(u64::from(days) - rng.below(3) as u64 + late as u64);
                    if day > today || (rng.chance(4) && day > today - Days::new(40)) {
                        break;
                    }
                    taizhang_db::visit::insert(
                        tx,
                        &VisitInput {
                            household_id: id,
                            worker_id: Some(worker),
                            visited_on: day.to_string(),
                            way: Some(if rng.chance(80) {
                                VisitWay::Home
                            } else {
                                VisitWay::Phone
                            }),
                            found: (*rng.pick(FOUND)).to_owned(),
                            need: if rng.chance(8) {
                                (*rng.pick(NEEDS)).to_owned()
                            } else {
                                String::new()
                            },
                        },
                    )?;
                }
            }
        }
    }
    write_appeals(tx, today, &mut rng)?;
    Ok(households)
}

/// The needs heard on the last half year's visits, as 诉求 in every state of the loop: the older
/// ones called back and archived (a few reopened first), recent ones still being handled, some
/// past their deadline.
fn write_appeals(tx: &Transaction, today: NaiveDate, rng: &mut Rng) -> Result<()> {
    use taizhang_core::appeal::{
        AppealInput, AppealSource, AppealStatus as S, AppealStep, Satisfaction, Urgency,
    };
    use taizhang_db::appeal as table;
    let since = (today - Days::new(180)).to_string();
    let mut heard: Vec<(i64, i64, String, String)> =
        taizhang_db::visit::between(tx, &since, &today.to_string())?
            .into_iter()
            .filter(|v| !v.input.need.is_empty())
            .map(|v| (v.id, v.input.household_id, v.input.visited_on, v.input.need))
            .collect();
    heard.reverse(); // oldest first, so the numbers run in order
    let category = |need: &str| match need {
        n if n.contains("灯") || n.contains("漏雨") => "道路设施",
        n if n.contains("消防") => "安全隐患",
        n if n.contains("助餐") || n.contains("药") => "民生救助",
        n if n.contains("津贴") => "社会保障",
        _ => "其他",
    };
    let handlers = [
        "社区物业办",
        "社区居委会",
        "街道城建办",
        "街道民政所",
        "网格员",
    ];
    for (visit_id, household_id, day, need) in heard {
        let h = taizhang_db::household::get(tx, household_id)?;
        let received: NaiveDate = day.parse().unwrap_or(today);
        let month: String = day.chars().filter(char::is_ascii_digit).take(6).collect();
        let input = AppealInput {
            number: table::next_number(tx, &month)?,
            source: Some(AppealSource::Visit),
            received_on: day.clone(),
            community_id: h.input.community_id,
            grid_id: h.input.grid_id,
            address: h.input.address(),
            household_id: Some(household_id),
            visit_id: Some(visit_id),
            reporter: h.input.head().map(|m| m.name.clone()).unwrap_or_default(),
            phone: h.input.head().map(|m| m.phone.clone()).unwrap_or_default(),
            content: need.clone(),
            ..AppealInput::default()
        };
        let id = table::insert(tx, &input, S::Collected)?;
        let age = (today - received).num_days();
        let mut at = received;
        let mut state = S::Collected;
        let go = |to: S,
                  step: AppealStep,
                  after: u64,
                  at: &mut NaiveDate,
                  state: &mut S|
         -> Result<()> {
            *at = (*at + Days::new(after)).min(today);
            table::take_step(tx, id, (*state, to), &step, "演示数据", &at.to_string())?;
            *state = to;
            Ok(())
        };
        if age < 2 || (age < 30 && rng.chance(8)) {
            continue; // not yet assessed
        }
        go(
            S::Assessed,
            AppealStep {
                category: category(&need).into(),
                urgency: Some(if rng.chance(20) {
                    Urgency::Urgent
                } else {
                    Urgency::Normal
                }),
                ..AppealStep::default()
            },
            0,
            &mut at,
            &mut state,
        )?;
        if age < 4 || (age < 30 && rng.chance(8)) {
            continue; // waiting to be dispatched
        }
        let deadline = received + Days::new(5 + rng.below(10) as u64);
        go(
            S::Dispatched,
            AppealStep {
                handler: (*rng.pick(&handlers)).into(),
                deadline: Some(deadline.to_string()),
                ..AppealStep::default()
            },
            1,
            &mut at,
            &mut state,
        )?;
        if age < 6 || (age < 25 && rng.chance(30)) {
            continue; // still with its handler; past the deadline it is 督办
        }
        go(
            S::Handling,
            AppealStep {
                note: "已联系相关单位，正在处理".into(),
                ..AppealStep::default()
            },
            1,
            &mut at,
            &mut state,
        )?;
        if age < 15 && rng.chance(50) {
            continue; // being handled
        }
        let result = AppealStep {
            note: "已处理完毕，现场核实".into(),
            ..AppealStep::default()
        };
        go(
            S::Done,
            result.clone(),
            2 + rng.below(6) as u64,
            &mut at,
            &mut state,
        )?;
        if age < 20 {
            continue; // finished, not yet called back
        }
        let call = |satisfaction| AppealStep {
            note: "电话回访户主".into(),
            satisfaction: Some(satisfaction),
            ..AppealStep::default()
        };
        if rng.chance(6) {
            go(
                S::Handling,
                call(Satisfaction::Unsatisfied),
                2,
                &mut at,
                &mut state,
            )?;
            go(S::Done, result, 3, &mut at, &mut state)?;
        }
        let verdict = if rng.chance(85) {
            Satisfaction::Satisfied
        } else {
            Satisfaction::Basically
        };
        go(S::Closed, call(verdict), 2, &mut at, &mut state)?;
    }
    Ok(())
}

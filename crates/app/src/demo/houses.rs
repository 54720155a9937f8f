//! The demo office's housing sweep: about two hundred houses across its communities and grids,
//! each inspected in the last half year; a third with hazards, their rectifications in every
//! state (some past their deadline), so the register, its overview and the to-do list open full.

use chrono::{Days, NaiveDate};
use taizhang_core::{
    dict::{HAZARDS, STRUCTURES},
    house::{
        Conclusion, HouseInput, HouseUse, InspectionInput, Measure, RectStatus, RectificationInput,
        StatusChange,
    },
    org::OrgKind,
};
use taizhang_db::{house, org, rusqlite::Transaction};

use super::{Rng, GIVEN_FEMALE, GIVEN_MALE, SURNAMES};
use crate::Result;

/// Houses per community.
const PER_COMMUNITY: usize = 66;

const STREETS: &[&str] = &["前进路", "幸福街", "新华巷", "东风路", "和平里", "建设巷"];

pub fn write_houses(tx: &Transaction, today: NaiveDate) -> Result<usize> {
    let tree = org::all(tx)?;
    let mut rng = Rng(0x5EED_4005E);
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN_MALE.chars().chain(GIVEN_FEMALE.chars()).collect();
    let mut written = 0;
    for community in tree.iter().filter(|n| n.kind == OrgKind::Community) {
        let grids: Vec<i64> = tree
            .iter()
            .filter(|n| n.parent_id == Some(community.id) && n.kind == OrgKind::Grid)
            .map(|n| n.id)
            .collect();
        for i in 0..PER_COMMUNITY {
            let owner: String = [*rng.pick(&surnames), *rng.pick(&given), *rng.pick(&given)]
                .iter()
                .take(2 + usize::from(rng.chance(60)))
                .collect();
            let use_kind = match rng.below(10) {
                0..=5 => HouseUse::Own,
                6 | 7 => HouseUse::Rent,
                8 => HouseUse::Business,
                _ => HouseUse::Mixed,
            };
            let h = HouseInput {
                address: format!(
                    "{}{}{}号",
                    community.name,
                    STREETS[i % STREETS.len()],
                    i / STREETS.len() * 2 + 1
                ),
                community_id: Some(community.id),
                grid_id: (!grids.is_empty()).then(|| grids[i % grids.len()]),
                owner,
                owner_id_number: String::new(),
                phone: format!("139{:08}", rng.below(100_000_000)),
                structure: (*rng.pick(&STRUCTURES[..6])).to_owned(),
                storeys: Some(1 + rng.below(5) as u32),
                floor_area: format!("{}", 60 + rng.below(300)),
                built: format!("{}", 1975 + rng.below(48)),
                use_kind: Some(use_kind),
                business: matches!(use_kind, HouseUse::Business | HouseUse::Mixed),
                appraised: false,
                appraisal: None,
                appraised_on: None,
                appraiser: String::new(),
                note: String::new(),
            };
            let id = house::write(tx, None, &h, None)?;
            let inspected = rng.day_between(today - Days::new(180), today - Days::new(20));
            // A third with hazards; one in six of those a danger of collapse.
            let hazard = rng.chance(33);
            let conclusion = match (hazard, rng.chance(17)) {
                (false, _) => Conclusion::Safe,
                (true, false) => Conclusion::Hazard,
                (true, true) => Conclusion::Collapse,
            };
            let found: Vec<String> = if hazard {
                vec![(*rng.pick(&HAZARDS)).to_owned()]
            } else {
                Vec::new()
            };
            let inspection = house::insert_inspection(
                tx,
                id,
                &InspectionInput {
                    inspected_on: inspected.to_string(),
                    inspectors: "张伟、李娜".into(),
                    findings: found.join("、"),
                    conclusion,
                    hazards: found.clone(),
                },
            )?;
            if !hazard {
                written += 1;
                continue;
            }
            let measure = match conclusion {
                Conclusion::Collapse => *rng.pick(&[Measure::Evacuate, Measure::Demolish]),
                _ => *rng.pick(&[Measure::Repair, Measure::Reinforce, Measure::Monitor]),
            };
            // Deadlines from two months ago to three ahead: some are overdue.
            let deadline = rng.day_between(today - Days::new(60), today + Days::new(90));
            let r = house::insert_rectification(
                tx,
                id,
                inspection,
                &RectificationInput {
                    hazard: found.first().cloned().unwrap_or_default(),
                    measure,
                    responsible: h.owner.clone(),
                    deadline: deadline.to_string(),
                    deadline_as_written: String::new(),
                },
            )?;
            // Every state, in sensible shares; 已整治 and 已销号 carry their completion.
            let status = *rng.pick(&[
                RectStatus::Pending,
                RectStatus::Working,
                RectStatus::Working,
                RectStatus::Done,
                RectStatus::Closed,
            ]);
            if status != RectStatus::Pending {
                let done = matches!(status, RectStatus::Done | RectStatus::Closed);
                let completed = rng.day_between(inspected, today.min(deadline).max(inspected));
                let change = StatusChange {
                    completed_on: done.then(|| completed.to_string()),
                    evidence: if done {
                        "整治后照片、社区验收意见".into()
                    } else {
                        String::new()
                    },
                    ..Default::default()
                };
                house::set_status(tx, r, status, &change, &completed.to_string())?;
            }
            written += 1;
        }
    }
    Ok(written)
}

//! The demo office's talent pool, a house owned by someone on the roster, and contacts
//! with members working away — so the home screen's to-do and a person's whole file have
//! something to show. 王国民 is a member, a volunteer, a talent and owns a house.

use chrono::{Days, NaiveDate};
use taizhang_core::{
    house::{Conclusion, HouseInput, HouseUse, InspectionInput},
    party_member::Status,
    talent::TalentInput,
};
use taizhang_db::{
    house, org,
    party_member::{self as member, Contact},
    rusqlite::Transaction,
};

use super::Rng;
use crate::Result;

/// (categories, skills, major, work place) of the demo talents, one per member from the top
/// of the roster.
const TALENTS: [(&[&str], &[&str], &str, &str); 10] = [
    (
        &["致富能手", "乡贤"],
        &["红枣种植", "电商"],
        "农学",
        "东关社区 红枣合作社",
    ),
    (
        &["退役军人", "网格员"],
        &["应急救援", "驾驶"],
        "",
        "东关社区网格站",
    ),
    (
        &["本土大专以上毕业生"],
        &["电商", "直播带货"],
        "电子商务",
        "太原市小店区 电商公司",
    ),
    (
        &["返乡创业人员"],
        &["农产品加工"],
        "食品工程",
        "南山村 小米加工厂",
    ),
    (&["技能人才"], &["电焊", "水电维修"], "", "交口县 建筑队"),
    (
        &["村两委干部", "后备干部"],
        &["调解纠纷"],
        "法律事务",
        "西关社区居委会",
    ),
    (
        &["到村工作大学生"],
        &["文字材料", "办公软件"],
        "汉语言文学",
        "南山村村委",
    ),
    (&["技能人才"], &["果树修剪", "嫁接"], "", "南山村"),
    (&["乡贤"], &["书法"], "", "退休"),
    (&["致富能手"], &["养殖"], "畜牧兽医", "南山村 养殖场"),
];

pub fn write_people(tx: &Transaction, today: NaiveDate) -> Result<()> {
    let communities: Vec<i64> = org::all(tx)?
        .into_iter()
        .filter(|o| o.kind == taizhang_core::org::OrgKind::Community)
        .map(|o| o.id)
        .collect();
    let members = member::all(tx, today)?;
    for (i, (categories, skills, major, work)) in TALENTS.iter().enumerate() {
        let Some(m) = members.get(i) else { break };
        crate::talent::write(
            tx,
            None,
            &TalentInput {
                name: m.input.name.clone(),
                id_number: m.input.id_number.clone(),
                phone: m.input.phone.clone(),
                community_id: communities.get(i % communities.len().max(1)).copied(),
                categories: categories.iter().map(|s| s.to_string()).collect(),
                education: m.input.education.clone(),
                major: major.to_string(),
                skills: skills.iter().map(|s| s.to_string()).collect(),
                work_place: work.to_string(),
                political: "中共党员".into(),
                ..TalentInput::default()
            },
        )?;
    }
    // 王国民's own house, inspected and safe.
    if let Some(m) = members.first() {
        let h = HouseInput {
            address: "东关社区前进路8号".into(),
            community_id: communities.first().copied(),
            grid_id: None,
            owner: m.input.name.clone(),
            owner_id_number: m.input.id_number.clone(),
            phone: m.input.phone.clone(),
            structure: "砖混".into(),
            storeys: Some(2),
            floor_area: "160".into(),
            built: "2005".into(),
            use_kind: Some(HouseUse::Own),
            business: false,
            appraised: false,
            appraisal: None,
            appraised_on: None,
            appraiser: String::new(),
            note: String::new(),
        };
        let id = house::write(tx, None, &h, Some(m.person_id))?;
        house::insert_inspection(
            tx,
            id,
            &InspectionInput {
                inspected_on: (today - Days::new(40)).to_string(),
                inspectors: "张伟、李娜".into(),
                findings: String::new(),
                conclusion: Conclusion::Safe,
                hazards: Vec::new(),
            },
        )?;
    }
    // Most members working away were reached lately; a few were not.
    for (i, m) in members
        .iter()
        .filter(|m| {
            m.deleted_at.is_none()
                && matches!(m.input.status, Status::Flowing | Status::LostContact)
        })
        .enumerate()
    {
        if i % 4 == 3 {
            continue;
        }
        let mut rng = Rng(0xC0_4AC7 ^ m.id as u64);
        let on = rng.day_between(today - Days::new(120), today);
        member::add_contact(
            tx,
            m.id,
            &Contact {
                id: 0,
                contacted_on: on.to_string(),
                way: rng.pick(&["电话", "微信", "走访"]).to_string(),
                note: String::new(),
            },
        )?;
    }
    Ok(())
}

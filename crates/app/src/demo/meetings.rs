//! The demo office's meetings: a year of 三会一课 for one branch (with a gap to show), the other
//! kinds once each, and a 说事议事会 whose tasks are overdue, under way and done.

use chrono::{Datelike, Months, NaiveDate};
use taizhang_core::meeting::{Attendee, MeetingInput, MeetingKind, Task, TaskStatus, Topic, Votes};
use taizhang_db::{meeting, rusqlite::Transaction};

use crate::Result;

const BRANCH: &str = "东关社区第一党支部";
const COMMUNITY: &str = "东关社区";

fn org(tx: &Transaction, name: &str) -> taizhang_db::Result<i64> {
    Ok(tx.query_row(
        "SELECT id FROM org_unit WHERE name = ?1 ORDER BY id LIMIT 1",
        [name],
        |r| r.get(0),
    )?)
}

fn members(tx: &Transaction, branch: i64) -> taizhang_db::Result<Vec<(i64, String)>> {
    let mut stmt = tx.prepare(
        "SELECT p.id, p.name FROM party_member m JOIN person p ON p.id = m.person_id
         WHERE m.branch_id = ?1 AND m.deleted_at IS NULL AND m.status IN ('正常', '流动党员')
           AND m.category IN ('正式党员', '预备党员')
         ORDER BY p.name_pinyin LIMIT 12",
    )?;
    let rows = stmt
        .query_map([branch], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

fn attendance(members: &[(i64, String)], absent_every: usize, seed: usize) -> Vec<Attendee> {
    members
        .iter()
        .enumerate()
        .map(|(i, (id, name))| {
            let present = !(i + seed).is_multiple_of(absent_every);
            Attendee {
                person_id: Some(*id),
                name: name.clone(),
                role: String::new(),
                present,
                absence_reason: if present {
                    String::new()
                } else {
                    ["外出务工", "生病住院", "值班"][i % 3].into()
                },
            }
        })
        .collect()
}

fn topic(title: &str, discussion: &str, resolution: &str) -> Topic {
    Topic {
        title: title.into(),
        source: String::new(),
        proposer: String::new(),
        discussion: discussion.into(),
        votes: None,
        resolution: resolution.into(),
        tasks: Vec::new(),
    }
}

fn task(content: &str, owner: &str, due: NaiveDate, status: TaskStatus, today: NaiveDate) -> Task {
    Task {
        id: None,
        content: content.into(),
        owner: owner.into(),
        due_on: due.to_string(),
        status,
        review: if status == TaskStatus::Done {
            "满意".into()
        } else {
            String::new()
        },
        closed_on: (status == TaskStatus::Done).then(|| today.to_string()),
    }
}

/// Writes the demo meetings up to `today`; returns how many.
pub fn write_meetings(tx: &Transaction, today: NaiveDate) -> Result<usize> {
    let branch = org(tx, BRANCH)?;
    let community = org(tx, COMMUNITY)?;
    let people = members(tx, branch)?;
    let host = people.first().map(|p| p.1.clone()).unwrap_or_default();
    let recorder = people.get(1).map(|p| p.1.clone()).unwrap_or_default();
    let mut written = 0;
    let mut add = |input: MeetingInput| -> Result<()> {
        meeting::insert(tx, &input)?;
        written += 1;
        Ok(())
    };
    let party =
        |kind: MeetingKind, day: NaiveDate, title: String, topics: Vec<Topic>, seed: usize| {
            MeetingInput {
                kind,
                title,
                org_id: Some(branch),
                held_at: format!("{day} 15:00"),
                place: "东关社区党群服务中心二楼会议室".into(),
                host: host.clone(),
                recorder: recorder.clone(),
                attendees: attendance(&people, 5, seed),
                observers: String::new(),
                topics,
            }
        };
    let year = today.year();
    for month in 1..=today.month() {
        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
        let day = |d: u32| first.with_day(d).filter(|x| *x <= today);
        if let Some(d) = day(5) {
            add(party(
                MeetingKind::Committee,
                d,
                format!("{BRANCH}{month}月支委会"),
                vec![
                    topic(
                        "学习传达上级会议精神",
                        "书记传达了街道党工委关于加强基层党组织建设的部署，支委逐一谈了学习体会。",
                        "支部按要求制定本月学习计划，由组织委员落实。",
                    ),
                    topic(
                        "研究本月主题党日安排",
                        "支委讨论了主题党日的内容和分工。",
                        "主题党日于本月15日开展，内容为社区环境整治志愿服务。",
                    ),
                ],
                month as usize,
            ))?;
        }
        if let Some(d) = day(15) {
            add(party(
                MeetingKind::ThemeDay,
                d,
                format!("{month}月主题党日：社区环境整治志愿服务"),
                vec![topic(
                    "重温入党誓词，开展志愿服务",
                    "全体党员重温入党誓词后，分组清理小区楼道堆物。",
                    "",
                )],
                month as usize + 1,
            ))?;
        }
        // One month without a 党小组会, so the compliance table has a gap to show.
        if month != 2 {
            if let Some(d) = day(10) {
                add(party(
                    MeetingKind::Group,
                    d,
                    format!("第一党小组{month}月党小组会"),
                    vec![topic("学习党章", "党小组长领学党章第一章，组员交流。", "")],
                    month as usize + 2,
                ))?;
            }
        }
        if month.is_multiple_of(3) {
            if let Some(d) = day(20) {
                let q = month / 3;
                let mut assembly = topic(
                    "讨论接收预备党员",
                    "支部书记介绍了发展对象的培养考察情况，党员逐一发表意见。",
                    "同意接收张喆同志为中共预备党员，报街道党工委审批。",
                );
                assembly.votes = Some(Votes {
                    agree: 9,
                    against: 0,
                    abstain: 1,
                });
                add(party(
                    MeetingKind::Assembly,
                    d,
                    format!("{BRANCH}第{q}季度党员大会"),
                    vec![assembly],
                    q as usize,
                ))?;
                if let Some(d) = day(25) {
                    add(party(
                        MeetingKind::Lecture,
                        d,
                        format!("第{q}季度党课：践行初心使命"),
                        vec![topic(
                            "书记讲党课",
                            "支部书记围绕践行初心使命讲专题党课。",
                            "",
                        )],
                        q as usize + 3,
                    ))?;
                }
            }
        }
    }
    let residents = |role: &str, names: &[&str]| -> Vec<Attendee> {
        names
            .iter()
            .map(|n| Attendee {
                person_id: None,
                name: (*n).into(),
                role: role.into(),
                present: true,
                absence_reason: String::new(),
            })
            .collect()
    };
    let back = |days: u64| {
        today
            .checked_sub_days(chrono::Days::new(days))
            .unwrap_or(today)
    };
    let ahead = |months: u32| {
        today
            .checked_add_months(Months::new(months))
            .unwrap_or(today)
    };
    let mut attendees = residents(
        "居民代表",
        &["刘桂英", "陈建国", "赵秀兰", "孙福生", "周晓燕"],
    );
    attendees.extend(residents("物业", &["李经理"]));
    attendees.extend(residents("网格员", &["马丽"]));
    let mut lights = topic(
        "小区路灯损坏，夜间出行不便",
        "居民代表反映3号楼至5号楼之间三盏路灯损坏已一个月；物业表示缺少配件，与会人员讨论了维修经费来源。",
        "由物业先行垫付维修，社区协调街道城建办解决配件。",
    );
    lights.source = "说事箱".into();
    lights.proposer = "刘桂英".into();
    lights.votes = Some(Votes {
        agree: 7,
        against: 0,
        abstain: 0,
    });
    lights.tasks = vec![
        task(
            "更换3号楼至5号楼之间损坏的路灯",
            "李经理",
            back(10),
            TaskStatus::Doing,
            today,
        ),
        task(
            "协调城建办解决路灯配件",
            "马丽",
            back(3),
            TaskStatus::Todo,
            today,
        ),
    ];
    let mut parking = topic(
        "楼道堆物占用消防通道",
        "网格员入户走访发现2号楼楼道堆放杂物；与会居民同意集中清理并建立长效巡查。",
        "本周末组织党员志愿者集中清理，此后网格员每周巡查一次。",
    );
    parking.source = "网格员".into();
    parking.proposer = "马丽".into();
    parking.tasks = vec![
        task(
            "集中清理2号楼楼道堆物",
            "马丽",
            back(20),
            TaskStatus::Done,
            today,
        ),
        task(
            "每周巡查楼道并登记",
            "马丽",
            ahead(2),
            TaskStatus::Doing,
            today,
        ),
    ];
    add(MeetingInput {
        kind: MeetingKind::Consultation,
        title: format!("{COMMUNITY}{}月说事议事会", back(25).month()),
        org_id: Some(community),
        held_at: format!("{} 19:00", back(25)),
        place: "东关社区党群服务中心".into(),
        host: host.clone(),
        recorder: recorder.clone(),
        attendees,
        observers: "街道城建办 王主任".into(),
        topics: vec![lights, parking],
    })?;
    for (kind, title, place) in [
        (
            MeetingKind::Residents,
            "东关社区居民议事会：加装电梯意见征集",
            "东关社区活动室",
        ),
        (
            MeetingKind::Joint,
            "东关社区物业联席会议",
            "东关社区党群服务中心",
        ),
        (
            MeetingKind::Other,
            "东关社区网格员工作例会",
            "东关社区办公室",
        ),
    ] {
        add(MeetingInput {
            kind,
            title: title.into(),
            org_id: Some(community),
            held_at: format!("{} 09:30", back(40)),
            place: place.into(),
            host: host.clone(),
            recorder: recorder.clone(),
            attendees: residents("居民代表", &["刘桂英", "陈建国", "赵秀兰"]),
            observers: String::new(),
            topics: vec![topic("通报近期工作", "社区通报了近期重点工作。", "")],
        })?;
    }
    Ok(written)
}

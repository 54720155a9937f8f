//! Meetings (会议记录): 三会一课 and 说事议事, their attendance, topics and follow-up tasks, and
//! the rules that say whether a branch met as often as it must.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{form::FieldError, labelled::labelled_enum};

labelled_enum!(
    /// 会议类型.
    MeetingKind {
        Assembly => "支部党员大会",
        Committee => "支委会",
        Group => "党小组会",
        Lecture => "党课",
        ThemeDay => "主题党日",
        Consultation => "说事议事会",
        Residents => "居民议事会",
        Joint => "联席会议",
        Other => "其他",
    }
);

labelled_enum!(
    /// 说事议事 follow-up task progress (进度).
    TaskStatus { Todo => "待办", Doing => "办理中", Done => "已办结" }
);

/// How often a 三会一课 meeting is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Due every month (支部党员大会 is quarterly, 支委会 monthly …).
    Month,
    /// Due every quarter.
    Quarter,
}

impl MeetingKind {
    /// 三会一课 and 主题党日: held by a branch, attended by its members.
    pub fn is_party(self) -> bool {
        self.period().is_some()
    }

    /// 说事议事 and 居民议事: topics have a source and a proposer, and follow-up tasks.
    pub fn is_consultation(self) -> bool {
        matches!(
            self,
            MeetingKind::Consultation | MeetingKind::Residents | MeetingKind::Joint
        )
    }

    /// 支委会, 党小组会, 主题党日 monthly; 支部党员大会 and 党课 quarterly.
    pub fn period(self) -> Option<Period> {
        match self {
            MeetingKind::Committee | MeetingKind::Group | MeetingKind::ThemeDay => {
                Some(Period::Month)
            }
            MeetingKind::Assembly | MeetingKind::Lecture => Some(Period::Quarter),
            _ => None,
        }
    }
}

/// Where a 说事议事 topic came from (议题来源); free text with these suggestions.
pub const TOPIC_SOURCES: &[&str] = &[
    "说事箱",
    "网格员",
    "居民来访",
    "电话反映",
    "入户走访",
    "上级交办",
    "其他",
];

/// One person on the attendance list: from the roster (`person_id`) or typed (a residents'
/// representative, 物业, a shop).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Attendee {
    /// The person, when from the roster.
    pub person_id: Option<i64>,
    /// The name on the list.
    pub name: String,
    /// 居民代表, 物业, 商户 … (empty for members).
    pub role: String,
    /// Came.
    pub present: bool,
    /// Why not (请假, 出差 …).
    pub absence_reason: String,
}

/// 表决结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Votes {
    /// 同意.
    pub agree: i64,
    /// 反对.
    pub against: i64,
    /// 弃权.
    pub abstain: i64,
}

/// A follow-up task (说事议事): who does what by when, and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Task {
    /// Set once saved; progress is tracked on it after the meeting.
    pub id: Option<i64>,
    /// What is to be done.
    pub content: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    pub due_on: String,
    /// How far it has got.
    pub status: TaskStatus,
    /// 评议: residents' verdict on the result.
    pub review: String,
    /// When it was closed.
    pub closed_on: Option<String>,
}

impl Task {
    /// Not done and past its deadline.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != TaskStatus::Done
            && NaiveDate::parse_from_str(&self.due_on, "%Y-%m-%d").is_ok_and(|due| due < today)
    }
}

/// 议题: what was discussed and decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Topic {
    /// The topic.
    pub title: String,
    /// 议题来源 and 提出人 (说事议事).
    pub source: String,
    /// Who raised it.
    pub proposer: String,
    /// 发言要点.
    pub discussion: String,
    /// The vote, when one was taken.
    pub votes: Option<Votes>,
    /// 决议.
    pub resolution: String,
    /// The follow-up tasks it gave.
    pub tasks: Vec<Task>,
}

/// What the form, the list and the minutes call a meeting's fields and a topic's.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    /// The meeting kind (会议类型).
    pub kind: &'static str,
    /// Its title.
    pub title: &'static str,
    /// The unit holding it.
    pub org_id: &'static str,
    /// A party meeting's holder is its branch.
    pub branch: &'static str,
    /// When.
    pub held_at: &'static str,
    /// Where.
    pub place: &'static str,
    /// Who chaired it.
    pub host: &'static str,
    /// Who kept the minutes.
    pub recorder: &'static str,
    /// The attendance list.
    pub attendees: &'static str,
    /// Who sat in (列席).
    pub observers: &'static str,
    /// What was discussed, as the minutes head it.
    pub topics: &'static str,
    /// One topic.
    pub topic: &'static str,
    /// Where a topic came from.
    pub source: &'static str,
    /// Who raised it.
    pub proposer: &'static str,
    /// What was said.
    pub discussion: &'static str,
    /// The vote.
    pub votes: &'static str,
    /// What was decided.
    pub resolution: &'static str,
    /// The follow-up tasks.
    pub tasks: &'static str,
    /// A task's content.
    pub task_content: &'static str,
    /// A task's owner.
    pub task_owner: &'static str,
    /// A task's deadline.
    pub task_due_on: &'static str,
    /// A task's progress.
    pub task_status: &'static str,
}

/// The meeting's labels, declared once (the page reads them as `MEETING_LABELS`).
pub const LABELS: Labels = Labels {
    kind: "会议类型",
    title: "会议名称",
    org_id: "召开单位",
    branch: "党支部",
    held_at: "时间",
    place: "地点",
    host: "主持人",
    recorder: "记录人",
    attendees: "参会人员",
    observers: "列席人员",
    topics: "会议内容",
    topic: "议题",
    source: "议题来源",
    proposer: "提出人",
    discussion: "发言要点",
    votes: "表决结果",
    resolution: "决议",
    tasks: "后续任务",
    task_content: "任务内容",
    task_owner: "责任人",
    task_due_on: "时限",
    task_status: "进度",
};

/// What a secretary records for one meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeetingInput {
    /// Which meeting (支部党员大会, 说事议事 …).
    pub kind: MeetingKind,
    /// Its title.
    pub title: String,
    /// The branch (or community) holding it.
    pub org_id: Option<i64>,
    /// "2026-11-20 15:00".
    pub held_at: String,
    /// Where.
    pub place: String,
    /// 主持人.
    pub host: String,
    /// 记录人.
    pub recorder: String,
    /// The attendance list.
    pub attendees: Vec<Attendee>,
    /// 列席人员.
    pub observers: String,
    /// What was discussed and decided.
    pub topics: Vec<Topic>,
}

/// 应到 / 实到, and whether more than half came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Quorum {
    /// 应到: everyone on the list.
    pub expected: i64,
    /// 实到.
    pub present: i64,
    /// More than half came.
    pub reached: bool,
}

/// The quorum of an attendance list: more than half of those listed must come.
pub fn quorum(attendees: &[Attendee]) -> Quorum {
    let expected = attendees.len() as i64;
    let present = attendees.iter().filter(|a| a.present).count() as i64;
    Quorum {
        expected,
        present,
        reached: present * 2 > expected,
    }
}

/// When the meeting was held, from "2026-11-20 15:00" (or a date alone).
pub fn held_at(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

fn trimmed(s: &mut String) {
    *s = s.trim().to_string();
}

/// Checks and tidies a meeting; every complaint names its field.
pub fn validate(mut m: MeetingInput) -> Result<MeetingInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        })
    };
    for s in [
        &mut m.title,
        &mut m.place,
        &mut m.host,
        &mut m.recorder,
        &mut m.observers,
    ] {
        trimmed(s);
    }
    if m.title.is_empty() {
        err("title", "请填写会议名称".into());
    }
    match held_at(&m.held_at) {
        Some(at) => m.held_at = at.format("%Y-%m-%d %H:%M").to_string(),
        None => err("held_at", "会议时间格式应为 2026-11-20 15:00".into()),
    }
    if m.kind.is_party() && m.org_id.is_none() {
        err("org_id", format!("{}要选择召开的党支部", m.kind.label()));
    }
    m.attendees.retain(|a| !a.name.trim().is_empty());
    for (i, a) in m.attendees.iter_mut().enumerate() {
        trimmed(&mut a.name);
        trimmed(&mut a.absence_reason);
        if a.present {
            a.absence_reason.clear();
        } else if a.absence_reason.is_empty() {
            err(
                &format!("attendees.{i}"),
                format!("请填写{}缺席的原因", a.name),
            );
        }
    }
    m.topics
        .retain(|t| !t.title.trim().is_empty() || !t.discussion.trim().is_empty());
    for (i, t) in m.topics.iter_mut().enumerate() {
        trimmed(&mut t.title);
        if t.title.is_empty() {
            err(
                &format!("topics.{i}.title"),
                format!("第{}个议题没有名称", i + 1),
            );
        }
        if let Some(v) = t.votes {
            if v.agree < 0 || v.against < 0 || v.abstain < 0 {
                err(&format!("topics.{i}.votes"), "表决票数不能为负".into());
            }
        }
        t.tasks.retain(|task| !task.content.trim().is_empty());
        for (k, task) in t.tasks.iter_mut().enumerate() {
            trimmed(&mut task.owner);
            if task.owner.is_empty() {
                err(
                    &format!("topics.{i}.tasks.{k}.owner"),
                    format!("任务“{}”没有责任人", task.content.trim()),
                );
            }
            if NaiveDate::parse_from_str(task.due_on.trim(), "%Y-%m-%d").is_err() {
                err(
                    &format!("topics.{i}.tasks.{k}.due_on"),
                    format!("任务“{}”的时限应为日期，如 2026-12-31", task.content.trim()),
                );
            }
            if task.status != TaskStatus::Done {
                task.closed_on = None;
            }
        }
    }
    if errors.is_empty() {
        Ok(m)
    } else {
        Err(errors)
    }
}

/// The periods of `year` a kind is due in: (label, first day, last day).
pub fn periods(period: Period, year: i32) -> Vec<(String, NaiveDate, NaiveDate)> {
    let (count, months) = match period {
        Period::Month => (12, 1),
        Period::Quarter => (4, 3),
    };
    (0..count)
        .filter_map(|i| {
            let first = NaiveDate::from_ymd_opt(year, i * months + 1, 1)?;
            let next = if i + 1 == count {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, (i + 1) * months + 1, 1)?
            };
            let label = match period {
                Period::Month => format!("{}月", i + 1),
                Period::Quarter => format!("{}季度", ["一", "二", "三", "四"][i as usize]),
            };
            Some((label, first, next.pred_opt()?))
        })
        .collect()
}

/// The period `date` falls in, as an index into [`periods`].
pub fn period_index(period: Period, date: NaiveDate) -> usize {
    let month = date.month0() as usize;
    match period {
        Period::Month => month,
        Period::Quarter => month / 3,
    }
}

// Unit tests: an unwrap below is an assertion; none of this is compiled into the app.
#[cfg(test)]
mod tests {
    use super::*;

    fn attendee(name: &str, present: bool) -> Attendee {
        Attendee {
            person_id: None,
            name: name.into(),
            role: String::new(),
            present,
            absence_reason: if present {
                String::new()
            } else {
                "外出务工".into()
            },
        }
    }

    #[test]
    fn quorum_needs_more_than_half() {
        let four = |present| {
            (0..4)
                .map(|i| attendee(&format!("甲{i}"), i < present))
                .collect::<Vec<_>>()
        };
        assert!(!quorum(&four(2)).reached);
        assert!(quorum(&four(3)).reached);
        assert_eq!(quorum(&four(3)).expected, 4);
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn periods_cover_the_year() {
        let q = periods(Period::Quarter, 2026);
        assert_eq!(q.len(), 4);
        assert_eq!(q[3].1, day("2026-10-01"));
        assert_eq!(q[3].2, day("2026-12-31"));
        assert_eq!(periods(Period::Month, 2026)[1].2, day("2026-02-28"));
        assert_eq!(period_index(Period::Quarter, day("2026-06-30")), 1);
    }

    #[test]
    fn an_absence_needs_a_reason_and_a_task_an_owner_and_a_date() {
        let mut absent = attendee("李镕", false);
        absent.absence_reason.clear();
        let input = MeetingInput {
            kind: MeetingKind::Committee,
            title: " 支委会 ".into(),
            org_id: None,
            held_at: "2026-11-20 15:00".into(),
            place: String::new(),
            host: String::new(),
            recorder: String::new(),
            attendees: vec![absent],
            observers: String::new(),
            topics: vec![Topic {
                title: "楼道堆物".into(),
                source: "说事箱".into(),
                proposer: String::new(),
                discussion: String::new(),
                votes: None,
                resolution: String::new(),
                tasks: vec![Task {
                    id: None,
                    content: "清理楼道".into(),
                    owner: String::new(),
                    due_on: "下周".into(),
                    status: TaskStatus::Todo,
                    review: String::new(),
                    closed_on: None,
                }],
            }],
        };
        let fields: Vec<String> = validate(input)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "org_id",
                "attendees.0",
                "topics.0.tasks.0.owner",
                "topics.0.tasks.0.due_on"
            ]
        );
    }

    #[test]
    fn a_task_is_overdue_until_done() {
        let today = day("2026-11-22");
        let mut task = Task {
            id: None,
            content: "修路灯".into(),
            owner: "网格员".into(),
            due_on: "2026-11-21".into(),
            status: TaskStatus::Doing,
            review: String::new(),
            closed_on: None,
        };
        assert!(task.is_overdue(today));
        task.status = TaskStatus::Done;
        assert!(!task.is_overdue(today));
    }
}

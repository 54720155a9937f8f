//! 三会一课 and the consultations: minutes, tasks, compliance.

use super::{command, Command};
use crate::{
    audit,
    core::meeting::{self as rules, Attendee, MeetingInput, Quorum, TaskStatus},
    db::meeting::{MeetingDetail, MeetingQuery, MeetingRow, TaskRow},
    meeting::{self, AttendancePoints, Compliance},
    Page,
};

pub const ALL: &[Command] = &[
    command!(
        /// A page of the meetings the query finds, newest first.
        meetings.list(query: MeetingQuery, page: u32, page_size: u32) -> Page<MeetingRow>, Read + Community,
        |db, ctx| meeting::page(db, ctx, &query, (page, page_size))
    ),
    command!(meetings.get(id: i64) -> MeetingDetail, Read + Community, |db, ctx| meeting::get(db, ctx, id)),
    command!(meetings.create(input: MeetingInput) -> i64, Write + Community, |db, ctx| meeting::create(db, ctx, input)),
    command!(
        /// `version`: the detail's, from which the form was filled.
        meetings.update(id: i64, input: MeetingInput, version: Option<i64>) -> (), Write + Community,
        |db, ctx| {
            audit::unchanged_since(db, ctx, (meeting::ENTITY, id), version)?;
            meeting::update(db, ctx, id, input)
        }
    ),
    command!(meetings.remove(id: i64) -> (), Write + Community, |db, ctx| meeting::delete(db, ctx, id)),
    command!(
        /// The branch's members, as the attendance list starts.
        meetings.roster_attendees(branch_id: i64) -> Vec<Attendee>, Read + Community, |db, ctx| meeting::roster_attendees(db, ctx, branch_id)
    ),
    command!(
        /// 应到 / 实到 of an attendance list, and whether more than half came: the form asks as
        /// attendance is ticked.
        meetings.quorum(attendees: Vec<Attendee>) -> Quorum, Read + Community, |_, _| Ok(rules::quorum(&attendees))
    ),
    command!(meetings.tasks(open: bool) -> Vec<TaskRow>, Read + Community, |db, ctx| meeting::tasks(db, ctx, open)),
    command!(meetings.set_task(id: i64, status: TaskStatus, review: String) -> (), Write + Community, |db, ctx| meeting::set_task(db, ctx, id, status, &review)),
    command!(meetings.compliance(year: i32) -> Compliance, Read + Community, |db, ctx| meeting::compliance(db, ctx, year)),
    command!(
        /// [points per attendance, each member's attendance and points in `year`].
        meetings.attendance_points(year: i32) -> (i64, Vec<AttendancePoints>), Read + Community,
        |db, ctx| Ok((meeting::points_per_attendance(db)?, meeting::attendance_points(db, ctx, year)?))
    ),
    command!(meetings.set_points(points: i64) -> (), Write, |db, ctx| meeting::set_points_per_attendance(db, ctx, points)),
];

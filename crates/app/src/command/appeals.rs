//! 诉求与事件: taken in, raised from a visit, moved through the loop, called back.

use super::{command, Bytes, Command};
use crate::{
    appeal::{self, AppealDetail, AppealFiles, AppealPage, AppealQuery},
    attachment, audit,
    core::appeal::{AppealInput, AppealLinks, AppealStatus, AppealStep},
    files::{SaveAs, Upload},
};

pub const ALL: &[Command] = &[
    command!(
        /// A page of 诉求, with the open and overdue counts.
        appeals.list(query: AppealQuery, page: u32, page_size: u32) -> AppealPage, Read + Community,
        |db, ctx| appeal::page(db, ctx, &query, (page, page_size))
    ),
    command!(appeals.get(id: i64) -> AppealDetail, Read + Community, |db, ctx| appeal::get(db, ctx, id)),
    command!(appeals.record(input: AppealInput) -> i64, Write + Community, |db, ctx| appeal::record(db, ctx, input)),
    command!(
        /// Corrects what was taken in; `version`: the detail's.
        appeals.update(id: i64, input: AppealInput, version: Option<i64>) -> (), Write + Community,
        |db, ctx| {
            audit::unchanged_since(db, ctx, (appeal::ENTITY, id), version)?;
            appeal::update(db, ctx, id, input)
        }
    ),
    command!(
        /// One step of the loop: 研判, 派单, a progress note, 办结, or back with a reason.
        appeals.step(id: i64, to: AppealStatus, step: AppealStep) -> (), Write + Community,
        |db, ctx| appeal::take_step(db, ctx, id, to, step)
    ),
    command!(
        /// A 回访; returns where it left the 诉求 (已归档, or 办理中 when not satisfied).
        appeals.call_back(id: i64, step: AppealStep) -> AppealStatus, Write + Community,
        |db, ctx| appeal::call_back(db, ctx, id, step)
    ),
    command!(
        /// Raises a 诉求 from what a household asked for on a visit; its id.
        appeals.from_visit(visit_id: i64) -> i64, Write + Community, |db, ctx| appeal::from_visit(db, ctx, visit_id)
    ),
    command!(
        /// Links a 诉求 to the house it concerns and the 说事议事 task that takes it up (none
        /// to unlink).
        appeals.link(id: i64, links: AppealLinks) -> (), Write + Community, |db, ctx| appeal::link(db, ctx, id, links)
    ),
    command!(
        /// Keeps a photo or scan (JPG, PNG, PDF) with a 诉求; its id.
        appeals.attach(appeal_id: i64, path: Upload, note: String) -> i64, Write + Community,
        |db, ctx| attachment::attach::<AppealFiles>(db, ctx, appeal_id, &path, &note)
    ),
    command!(
        /// The attachment's bytes, to show a photo or open a scan.
        appeals.attachment(id: i64) -> Bytes, Read + Community,
        |db, ctx| Ok(Bytes(attachment::get::<AppealFiles>(db, ctx, id)?.1))
    ),
    command!(appeals.save_attachment(id: i64, path: SaveAs) -> (), Read + Community, |db, ctx| attachment::save::<AppealFiles>(db, ctx, id, &path)),
    command!(appeals.remove_attachment(id: i64) -> (), Write + Community, |db, ctx| attachment::remove::<AppealFiles>(db, ctx, id)),
    command!(appeals.remove(id: i64) -> (), Write + Community, |db, ctx| appeal::delete(db, ctx, id)),
];

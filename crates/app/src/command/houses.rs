//! 自建房安全排查整治台账.

use crate::files::{SaveAs, Upload};

use super::{command, Bytes, Command};
use crate::{
    audit,
    core::house::{HouseInput, InspectionInput, RectStatus, RectificationInput, StatusChange},
    house::{self, HouseDashboard, HouseDetail, HousePage, HouseQuery},
    party_member::SensitiveField,
};

pub const ALL: &[Command] = &[
    command!(
        /// A page of the register, with its overdue and 待补录 counts.
        houses.list(query: HouseQuery, page: u32, page_size: u32) -> HousePage, Read + Community,
        |db, ctx| house::page(db, ctx, &query, (page, page_size))
    ),
    command!(houses.get(id: i64) -> HouseDetail, Read + Community, |db, ctx| house::get(db, ctx, id)),
    command!(houses.reveal(id: i64, field: SensitiveField, reason: String) -> String, Reveal + Community, |db, ctx| house::reveal(db, ctx, id, field, &reason)),
    command!(
        /// Adds (`id` null) or updates a house; `version`: the detail's, from which the form was
        /// filled.
        houses.save(id: Option<i64>, input: HouseInput, version: Option<i64>) -> i64, Write + Community,
        |db, ctx| {
            if let Some(id) = id {
                audit::unchanged_since(db, ctx, (house::ENTITY, id), version)?;
            }
            house::save(db, ctx, id, input)
        }
    ),
    command!(houses.remove(id: i64) -> (), Write + Community, |db, ctx| house::delete(db, ctx, id)),
    command!(
        houses.inspect(house_id: i64, inspection: InspectionInput, rectifications: Vec<RectificationInput>) -> i64, Write + Community,
        |db, ctx| house::inspect(db, ctx, house_id, inspection, rectifications)
    ),
    command!(
        houses.move_rectification(id: i64, to: RectStatus, change: StatusChange) -> (), Write + Community,
        |db, ctx| house::move_rectification(db, ctx, id, to, change)
    ),
    command!(
        houses.evacuate(house_id: i64, name: String, moved_to: String, moved_on: String, note: String) -> i64, Write + Community,
        |db, ctx| house::evacuate(db, ctx, house_id, &name, &moved_to, &moved_on, &note)
    ),
    command!(houses.dashboard() -> HouseDashboard, Read + Community, |db, ctx| house::dashboard(db, ctx)),
    command!(houses.attach(house_id: i64, path: Upload, note: String) -> i64, Write + Community, |db, ctx| house::attach(db, ctx, house_id, &path, &note)),
    command!(
        /// The attachment's bytes, to show a photo or open a scan.
        houses.attachment(id: i64) -> Bytes, Read + Community, |db, ctx| Ok(Bytes(house::attachment(db, ctx, id)?.1))
    ),
    command!(houses.save_attachment(id: i64, path: SaveAs) -> (), Read + Community, |db, ctx| crate::attachment::save::<house::HouseFiles>(db, ctx, id, &path)),
    command!(houses.remove_attachment(id: i64) -> (), Write + Community, |db, ctx| crate::attachment::remove::<house::HouseFiles>(db, ctx, id)),
];

//! 网格化管理: grid workers, households and their care tags, visits.

use super::{command, Command};
use crate::{
    audit,
    core::{grid::GridWorkerInput, household::HouseholdInput, visit::VisitInput},
    db::{grid_worker::GridWorkerRow, visit::VisitRow},
    export::Exported,
    files::{SaveAs, Upload},
    grid::{self, GridMonth, GridWorkerDetail, GridWorkerQuery},
    household::{self, CareTag, HouseholdDetail, HouseholdLine, HouseholdQuery, WorkerDue},
    visit, Page,
};

pub const ALL: &[Command] = &[
    command!(grid_workers.list(query: GridWorkerQuery) -> Vec<GridWorkerRow>, Read + Community, |db, ctx| grid::list(db, ctx, &query)),
    command!(grid_workers.get(id: i64) -> GridWorkerDetail, Read + Community, |db, ctx| grid::get(db, ctx, id)),
    command!(
        /// Adds (`id` null) or updates a grid worker; `version`: the detail's, from which the
        /// form was filled.
        grid_workers.save(id: Option<i64>, input: GridWorkerInput, version: Option<i64>) -> i64, Write + Community,
        |db, ctx| {
            if let Some(id) = id {
                audit::unchanged_since(db, ctx, (grid::ENTITY, id), version)?;
            }
            grid::save(db, ctx, id, input)
        }
    ),
    command!(grid_workers.remove(id: i64) -> (), Write + Community, |db, ctx| grid::delete(db, ctx, id)),
    command!(
        /// 网格工作月报: a month's ("2026-11") figures per community and grid.
        grid.month(month: String) -> GridMonth, Read + Community, |db, ctx| grid::monthly(db, ctx, &month)
    ),
    command!(grid.export_month(month: String, path: SaveAs) -> u32, Write + Community, |db, ctx| grid::export_monthly(db, ctx, &month, &path)),
    command!(
        /// The month's figures filled into the higher level's own monthly form.
        grid.fill_month(month: String, template: Upload, path: SaveAs) -> Exported, Write + Community,
        |db, ctx| grid::fill_monthly(db, ctx, &month, &template, &path)
    ),
    command!(
        /// A page of households, each with when its next visit is due.
        households.list(query: HouseholdQuery, page: u32, page_size: u32) -> Page<HouseholdLine>, Read + Community,
        |db, ctx| household::page(db, ctx, &query, (page, page_size))
    ),
    command!(households.get(id: i64) -> HouseholdDetail, Read + Community, |db, ctx| household::get(db, ctx, id)),
    command!(
        /// Adds (`id` null) or updates a household with its members; `version`: the detail's.
        households.save(id: Option<i64>, input: HouseholdInput, version: Option<i64>) -> i64, Write + Community,
        |db, ctx| {
            if let Some(id) = id {
                audit::unchanged_since(db, ctx, (household::ENTITY, id), version)?;
            }
            household::save(db, ctx, id, input)
        }
    ),
    command!(households.remove(id: i64) -> (), Write + Community, |db, ctx| household::delete(db, ctx, id)),
    command!(
        /// Every care tag with the days between the visits it asks for.
        households.care_tags() -> Vec<CareTag>, Read + Community, |db, _| household::care_tags(db)
    ),
    command!(
        /// Sets how often a care tag is visited (null: kept as a tag, no visits due).
        households.set_visit_days(tag: String, days: Option<u32>) -> (), Configure,
        |db, ctx| household::set_visit_days(db, ctx, &tag, days)
    ),
    command!(visits.of_household(household_id: i64) -> Vec<VisitRow>, Read + Community, |db, ctx| visit::of_household(db, ctx, household_id)),
    command!(
        /// The visits made from `from` to `to` (inclusive days).
        visits.between(from: String, to: String) -> Vec<VisitRow>, Read + Community,
        |db, ctx| visit::between(db, ctx, &from, &to)
    ),
    command!(visits.record(input: VisitInput) -> i64, Write + Community, |db, ctx| visit::record(db, ctx, input)),
    command!(visits.remove(id: i64) -> (), Write + Community, |db, ctx| visit::delete(db, ctx, id)),
    command!(
        /// Per grid worker, how many households they serve are due a visit today.
        visits.due_by_worker() -> Vec<WorkerDue>, Read + Community, |db, ctx| household::due_by_worker(db, ctx)
    ),
];

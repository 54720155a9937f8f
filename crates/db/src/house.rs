//! The housing-safety tables: houses, their inspections, rectifications and evacuations.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    built::Built,
    house::{
        overdue, Appraisal, Conclusion, HouseInput, HouseUse, InspectionInput, Measure, RectStatus,
        RectificationInput, StatusChange,
    },
    natural,
};
use ts_rs::TS;

/// Its soft-deleted houses for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str = "SELECT id, address || '（' || owner || '）', deleted_at,
                                   coalesce(deleted_by, '')
                            FROM house WHERE deleted_at IS NOT NULL";

/// Its soft-deleted attachments for the recycle bin, titled with their house.
use crate::{now, DbError, Result};

/// A house with the state its latest inspection and open rectifications give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseRow {
    /// The house's id.
    pub id: i64,
    /// The register's fields.
    pub input: HouseInput,
    /// The community's name ("" when none).
    pub community: String,
    /// In the recycle bin.
    pub deleted: bool,
    /// The latest inspection's conclusion; None before the first.
    pub conclusion: Option<Conclusion>,
    /// When it was last inspected, `YYYY-MM-DD`.
    pub inspected_on: Option<String>,
    /// Rectifications not yet 已整治.
    pub open: i64,
    /// Of those, past their deadline.
    pub overdue: i64,
}

/// One inspection (排查) of a house.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionRow {
    /// The inspection's id.
    pub id: i64,
    /// The house inspected.
    pub house_id: i64,
    /// What the inspection found.
    pub input: InspectionInput,
}

/// One rectification (整治) of a hazard, with where it has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RectificationRow {
    /// The rectification's id.
    pub id: i64,
    /// The house.
    pub house_id: i64,
    /// The inspection that found the hazard.
    pub inspection_id: i64,
    /// The measure, deadline and responsible person.
    pub input: RectificationInput,
    /// 待整治, 整治中 or 已整治 (closed).
    pub status: RectStatus,
    /// When the work was completed, `YYYY-MM-DD`.
    pub completed_on: Option<String>,
    /// What proves it (a photo's name, a document number …).
    pub evidence: String,
    /// When it was closed, `YYYY-MM-DD`.
    pub closed_on: Option<String>,
    /// Open and past its deadline on the day asked.
    pub overdue: bool,
}

/// Someone moved out of an unsafe house (停用撤离).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evacuation {
    /// The record's id.
    pub id: i64,
    /// Who moved.
    pub name: String,
    /// Where they went.
    pub moved_to: String,
    /// When, `YYYY-MM-DD`.
    pub moved_on: String,
    /// Anything else.
    pub note: String,
}

fn label<T>(r: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    parse(&text)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, text, rusqlite::types::Type::Text))
}

fn optional_label<T>(
    r: &Row,
    i: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = r.get(i)?;
    Ok(text.as_deref().and_then(parse))
}

/// Columns of a house with its community's name and the latest inspection; `?1` is today.
const HOUSE_SELECT: &str = "SELECT h.id, h.address, h.community_id, h.grid_id, h.owner,
        coalesce(p.id_number, ''), h.phone, h.structure, h.storeys, h.floor_area, h.built_year,
        h.built_approx, h.use_kind, h.business, h.appraised, h.appraisal, h.appraised_on,
        h.appraiser, h.note, coalesce(c.name, ''), h.deleted_at IS NOT NULL,
        i.conclusion, i.inspected_on,
        (SELECT count(*) FROM house_rectification r WHERE r.house_id = h.id
            AND r.status IN ('待整治', '整治中')),
        (SELECT count(*) FROM house_rectification r WHERE r.house_id = h.id
            AND r.status IN ('待整治', '整治中') AND r.deadline < ?1)
    FROM house h
    LEFT JOIN person p ON p.id = h.owner_person_id
    LEFT JOIN org_unit c ON c.id = h.community_id
    LEFT JOIN house_inspection i ON i.id =
        (SELECT max(id) FROM house_inspection WHERE house_id = h.id)";

fn house_row(r: &Row) -> rusqlite::Result<HouseRow> {
    let year: Option<i32> = r.get(10)?;
    let approximate: bool = r.get(11)?;
    Ok(HouseRow {
        id: r.get(0)?,
        input: HouseInput {
            address: r.get(1)?,
            community_id: r.get(2)?,
            grid_id: r.get(3)?,
            owner: r.get(4)?,
            owner_id_number: r.get(5)?,
            phone: r.get(6)?,
            structure: r.get(7)?,
            storeys: r.get(8)?,
            floor_area: r.get(9)?,
            built: year
                .map(|year| Built { year, approximate }.to_string())
                .unwrap_or_default(),
            use_kind: optional_label(r, 12, HouseUse::from_label)?,
            business: r.get(13)?,
            appraised: r.get(14)?,
            appraisal: optional_label(r, 15, Appraisal::from_label)?,
            appraised_on: r.get(16)?,
            appraiser: r.get(17)?,
            note: r.get(18)?,
        },
        community: r.get(19)?,
        deleted: r.get(20)?,
        conclusion: optional_label(r, 21, Conclusion::from_label)?,
        inspected_on: r.get(22)?,
        open: r.get(23)?,
        overdue: r.get(24)?,
    })
}

/// Every house, in the recycle bin or not, by address.
pub fn all(conn: &Connection, today: NaiveDate) -> Result<Vec<HouseRow>> {
    let mut stmt = conn.prepare_cached(&format!("{HOUSE_SELECT} ORDER BY h.address_key, h.id"))?;
    let rows = stmt
        .query_map([today.to_string()], house_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One house with its state as of `today` (in the recycle bin or not).
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<HouseRow> {
    conn.query_row(
        &format!("{HOUSE_SELECT} WHERE h.id = ?2"),
        params![today.to_string(), id],
        house_row,
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "房屋", id
    })
}

/// The houses (not in the recycle bin) a person owns.
pub fn owned_by(conn: &Connection, person_id: i64, today: NaiveDate) -> Result<Vec<HouseRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{HOUSE_SELECT} WHERE h.owner_person_id = ?2 AND h.deleted_at IS NULL ORDER BY h.address_key, h.id"
    ))?;
    let rows = stmt
        .query_map(params![today.to_string(), person_id], house_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn built_columns(h: &HouseInput) -> (Option<i32>, bool) {
    match Built::parse(&h.built) {
        Ok(b) => (Some(b.year), b.approximate),
        Err(_) => (None, false),
    }
}

/// Writes a house: a new row when `id` is None. `owner_person_id` is the owner's person record.
pub fn write(
    tx: &Transaction,
    id: Option<i64>,
    h: &HouseInput,
    owner_person_id: Option<i64>,
) -> Result<i64> {
    let (year, approximate) = built_columns(h);
    tx.prepare_cached(
        "INSERT INTO house (id, address, community_id, grid_id, owner, owner_person_id, phone,
                structure, storeys, floor_area, built_year, built_approx, use_kind, business,
                appraised, appraisal, appraised_on, appraiser, note, created_at, updated_at,
                address_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?20, ?21)
         ON CONFLICT(id) DO UPDATE SET address = ?2, community_id = ?3, grid_id = ?4, owner = ?5,
                owner_person_id = ?6, phone = ?7, structure = ?8, storeys = ?9, floor_area = ?10,
                built_year = ?11, built_approx = ?12, use_kind = ?13, business = ?14,
                appraised = ?15, appraisal = ?16, appraised_on = ?17, appraiser = ?18, note = ?19,
                updated_at = ?20, address_key = ?21
         RETURNING id",
    )?
    .query_row(
        params![
            id,
            h.address,
            h.community_id,
            h.grid_id,
            h.owner,
            owner_person_id,
            h.phone,
            h.structure,
            h.storeys,
            h.floor_area,
            year,
            approximate,
            h.use_kind.map(|u| u.label()),
            h.business,
            h.appraised,
            h.appraisal.map(|a| a.label()),
            h.appraised_on,
            h.appraiser,
            h.note,
            now(),
            natural::key(&h.address),
        ],
        |r| r.get(0),
    )
    .map_err(Into::into)
}

/// The house at `address`, in the recycle bin or not.
pub fn by_address(conn: &Connection, address: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM house WHERE address = ?1", [address], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Moves a house to the recycle bin (`by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE house SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, by, now()],
    )?;
    Ok(())
}

/// Records an inspection of a house; returns its id.
pub fn insert_inspection(tx: &Transaction, house_id: i64, i: &InspectionInput) -> Result<i64> {
    tx.execute(
        "INSERT INTO house_inspection (house_id, inspected_on, inspectors, findings, conclusion, hazards, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            house_id,
            i.inspected_on,
            i.inspectors,
            i.findings,
            i.conclusion.label(),
            i.hazards.join("、"),
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn inspection_row(r: &Row) -> rusqlite::Result<InspectionRow> {
    let hazards: String = r.get(6)?;
    Ok(InspectionRow {
        id: r.get(0)?,
        house_id: r.get(1)?,
        input: InspectionInput {
            inspected_on: r.get(2)?,
            inspectors: r.get(3)?,
            findings: r.get(4)?,
            conclusion: label(r, 5, Conclusion::from_label)?,
            hazards: hazards
                .split('、')
                .filter(|h| !h.is_empty())
                .map(str::to_owned)
                .collect(),
        },
    })
}

/// A house's inspections, oldest first.
pub fn inspections(conn: &Connection, house_id: i64) -> Result<Vec<InspectionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, house_id, inspected_on, inspectors, findings, conclusion, hazards
         FROM house_inspection WHERE house_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([house_id], inspection_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Inspections (and their rectifications) of a house recorded after `after` (None: all):
/// what undoing an import takes away again.
pub fn delete_inspections_after(tx: &Transaction, house_id: i64, after: Option<i64>) -> Result<()> {
    let after = after.unwrap_or(0);
    tx.execute(
        "DELETE FROM house_rectification WHERE house_id = ?1 AND inspection_id > ?2",
        params![house_id, after],
    )?;
    tx.execute(
        "DELETE FROM house_inspection WHERE house_id = ?1 AND id > ?2",
        params![house_id, after],
    )?;
    Ok(())
}

/// Opens a rectification for a hazard an inspection found; returns its id.
pub fn insert_rectification(
    tx: &Transaction,
    house_id: i64,
    inspection_id: i64,
    r: &RectificationInput,
) -> Result<i64> {
    let at = now();
    tx.execute(
        "INSERT INTO house_rectification (house_id, inspection_id, hazard, measure, responsible, deadline, deadline_as_written, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '待整治', ?8, ?8)",
        params![house_id, inspection_id, r.hazard, r.measure.label(), r.responsible, r.deadline, r.deadline_as_written, at],
    )?;
    Ok(tx.last_insert_rowid())
}

const RECT_SELECT: &str = "SELECT id, house_id, inspection_id, hazard, measure, responsible,
        deadline, status, completed_on, evidence, closed_on, deadline_as_written FROM house_rectification";

fn rectification_row(r: &Row, today: NaiveDate) -> rusqlite::Result<RectificationRow> {
    let status = label(r, 7, RectStatus::from_label)?;
    let deadline: String = r.get(6)?;
    Ok(RectificationRow {
        id: r.get(0)?,
        house_id: r.get(1)?,
        inspection_id: r.get(2)?,
        overdue: overdue(status, &deadline, today),
        input: RectificationInput {
            hazard: r.get(3)?,
            measure: label(r, 4, Measure::from_label)?,
            responsible: r.get(5)?,
            deadline,
            deadline_as_written: r.get(11)?,
        },
        status,
        completed_on: r.get(8)?,
        evidence: r.get(9)?,
        closed_on: r.get(10)?,
    })
}

/// A house's rectifications, oldest first.
pub fn rectifications(
    conn: &Connection,
    house_id: i64,
    today: NaiveDate,
) -> Result<Vec<RectificationRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("{RECT_SELECT} WHERE house_id = ?1 ORDER BY id"))?;
    let rows = stmt
        .query_map([house_id], |r| rectification_row(r, today))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One rectification as of `today`.
pub fn rectification(conn: &Connection, id: i64, today: NaiveDate) -> Result<RectificationRow> {
    conn.query_row(&format!("{RECT_SELECT} WHERE id = ?1"), [id], |r| {
        rectification_row(r, today)
    })
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "整治记录",
        id,
    })
}

/// Open rectifications past their deadline on `today`, most overdue first.
pub fn overdue_rectifications(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<RectificationRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{RECT_SELECT} WHERE status IN ('待整治', '整治中') AND deadline < ?1
            AND house_id IN (SELECT id FROM house WHERE deleted_at IS NULL)
         ORDER BY deadline, id"
    ))?;
    let rows = stmt
        .query_map([today.to_string()], |r| rectification_row(r, today))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A rectification's new status, with its completion date and evidence (checked by the caller);
/// `on` is the day a 销号 is recorded.
pub fn set_status(
    tx: &Transaction,
    id: i64,
    status: RectStatus,
    change: &StatusChange,
    on: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE house_rectification SET status = ?2, completed_on = ?3, evidence = ?4,
                closed_on = CASE WHEN ?2 = '已销号' THEN ?5 ELSE NULL END, updated_at = ?6
         WHERE id = ?1",
        params![
            id,
            status.label(),
            change.completed_on.as_deref().filter(|d| !d.is_empty()),
            change.evidence,
            on,
            now()
        ],
    )?;
    Ok(())
}

/// Records someone moved out of a house; returns the record's id.
pub fn insert_evacuation(
    tx: &Transaction,
    house_id: i64,
    name: &str,
    moved_to: &str,
    moved_on: &str,
    note: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO house_evacuation (house_id, name, moved_to, moved_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![house_id, name, moved_to, moved_on, note, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Everyone moved out of a house, oldest first.
pub fn evacuations(conn: &Connection, house_id: i64) -> Result<Vec<Evacuation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, moved_to, moved_on, note FROM house_evacuation WHERE house_id = ?1 ORDER BY moved_on, id",
    )?;
    let rows = stmt
        .query_map([house_id], |r| {
            Ok(Evacuation {
                id: r.get(0)?,
                name: r.get(1)?,
                moved_to: r.get(2)?,
                moved_on: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Per month ("2026-11") and house, from `from` on: rectifications found (by their
/// inspection's date) and closed (by their 销号 date), for houses not in the recycle bin.
pub fn rectification_months(conn: &Connection, from: &str) -> Result<Vec<(String, i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m, house_id, sum(found), sum(closed) FROM (
             SELECT substr(i.inspected_on, 1, 7) AS m, r.house_id, 1 AS found, 0 AS closed
             FROM house_rectification r JOIN house_inspection i ON i.id = r.inspection_id
             JOIN house h ON h.id = r.house_id WHERE h.deleted_at IS NULL
             UNION ALL
             SELECT substr(r.closed_on, 1, 7), r.house_id, 0, 1
             FROM house_rectification r JOIN house h ON h.id = r.house_id
             WHERE h.deleted_at IS NULL AND r.closed_on IS NOT NULL)
         WHERE m >= ?1 GROUP BY m, house_id ORDER BY m",
    )?;
    let rows = stmt
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

//! The grid's households: `household`, its members (`household_member`, each a person), their
//! care tags (`member_care`) and the tags' visit frequencies (`care_tag`). The list is paged in
//! SQL: a large 街道 keeps 50,000 households.

use rusqlite::{
    params, params_from_iter, types::Value as SqlValue, Connection, OptionalExtension, Transaction,
};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    household::{HouseholdInput, MemberInput, Relation, Residence, Resident},
    name_key, natural,
};
use ts_rs::TS;

use crate::{
    now,
    person::{search_match, PersonMatch},
    DbError, Result,
};

/// Its soft-deleted entries for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str = "SELECT id, address || '（住户）', deleted_at, coalesce(deleted_by, '')
                            FROM household WHERE deleted_at IS NOT NULL";

/// One line of the household list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdRow {
    /// The household's id.
    pub id: i64,
    /// The address as one line.
    pub address: String,
    /// The 社区/村's name ("" when none).
    pub community: String,
    /// The 网格 (or 微网格).
    pub grid_id: Option<i64>,
    /// The 网格's name ("" when none).
    pub grid: String,
    /// The head's name (户主, else the first member).
    pub head: String,
    /// The head's phone (masked by the app).
    pub phone: String,
    /// How many live there.
    pub members: i64,
    /// The members' care tags, each once.
    pub care: Vec<String>,
    /// The last visit's day, if any.
    pub last_visit: Option<String>,
    /// The days between visits its tags ask for (the most frequent), if any.
    pub visit_days: Option<u32>,
}

/// Which households a list shows. Ids in `units` and `only` come from the database (scope,
/// due visits), never from the page.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    /// A member's name (pinyin initials too), the tail of their ID or phone, or part of the
    /// address.
    pub search: &'a str,
    /// Only this community's.
    pub community_id: Option<i64>,
    /// Only this grid's.
    pub grid_id: Option<i64>,
    /// Only households with a member of this care tag.
    pub care: Option<&'a str>,
    /// 数据权限: only those whose community or grid is one of these.
    pub units: Option<&'a [i64]>,
    /// Only these households.
    pub only: Option<&'a [i64]>,
}

fn ids_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

impl Filter<'_> {
    /// The `WHERE` of households (`h`) this filter lets through, and its arguments.
    fn condition(&self) -> (String, Vec<SqlValue>) {
        let mut args: Vec<SqlValue> = Vec::new();
        let arg = |v: SqlValue, args: &mut Vec<SqlValue>| {
            args.push(v);
            format!("?{}", args.len())
        };
        let mut all = vec!["h.deleted_at IS NULL".to_owned()];
        if let Some(c) = self.community_id {
            all.push(format!("h.community_id = {}", arg(c.into(), &mut args)));
        }
        if let Some(g) = self.grid_id {
            all.push(format!("h.grid_id = {}", arg(g.into(), &mut args)));
        }
        if let Some(tag) = self.care {
            let a = arg(SqlValue::Text(tag.to_owned()), &mut args);
            all.push(format!(
                "h.id IN (SELECT household_id FROM member_care WHERE tag = {a})"
            ));
        }
        if let Some(units) = self.units {
            let units = ids_list(units);
            all.push(format!(
                "(h.community_id IN ({units}) OR h.grid_id IN ({units}))"
            ));
        }
        if let Some(only) = self.only {
            all.push(format!("h.id IN ({})", ids_list(only)));
        }
        let text = self.search.trim();
        if !text.is_empty() {
            let persons = match search_match(text, &mut |v| arg(v, &mut args)) {
                PersonMatch::Nothing => None,
                PersonMatch::Where(c) => Some(format!("SELECT p.id FROM person p WHERE {c}")),
                PersonMatch::Ids(q) => Some(q),
            };
            let like = arg(
                SqlValue::Text(format!("%{}%", like_escaped(text))),
                &mut args,
            );
            let like = format!("h.address LIKE {like} ESCAPE '\\'");
            // Through the address index when the text has a character it indexes; the LIKE
            // then confirms the exact fragment (the index ignores punctuation).
            let address = match text.chars().any(char::is_alphanumeric) {
                true => {
                    let phrase = name_key::spaced(&text.replace('"', ""));
                    let a = arg(SqlValue::Text(format!("\"{phrase}\"")), &mut args);
                    format!(
                        "(h.id IN (SELECT rowid FROM household_address_fts
                                   WHERE household_address_fts MATCH {a}) AND {like})"
                    )
                }
                false => like,
            };
            all.push(match persons {
                Some(p) => format!(
                    "({address} OR h.id IN (SELECT household_id FROM household_member
                                           WHERE person_id IN ({p})))"
                ),
                None => address,
            });
        }
        (all.join(" AND "), args)
    }
}

/// Migration 23: every household's address as the index spells it (`address_chars`).
pub(crate) fn spell_addresses(tx: &Transaction) -> Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, address FROM household")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut write = tx.prepare("UPDATE household SET address_chars = ?2 WHERE id = ?1")?;
    for (id, address) in rows {
        write.execute(params![id, name_key::spaced(&address)])?;
    }
    Ok(())
}

fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// One page of the households `filter` lets through, by address, and how many there are.
pub fn page(
    conn: &Connection,
    filter: &Filter,
    page: u32,
    page_size: u32,
) -> Result<(Vec<HouseholdRow>, i64)> {
    let (page, page_size) = crate::page::clamp(page, page_size);
    let (condition, args) = filter.condition();
    let offset = i64::from(page - 1) * i64::from(page_size);
    let ordered =
        format!("SELECT h.id FROM household h WHERE {condition} ORDER BY h.address_key, h.id");
    if filter.search.trim().is_empty() {
        // Counted from an index, then only the page read.
        let total: i64 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM household h WHERE {condition}"
            ))?
            .query_row(params_from_iter(&args), |r| r.get(0))?;
        let ids: Vec<i64> = conn
            .prepare_cached(&format!("{ordered} LIMIT {page_size} OFFSET {offset}"))?
            .query_map(params_from_iter(&args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return Ok((rows(conn, &ids)?, total));
    }
    // A search finds its households once: counting them apart would search twice (half the time
    // of a one-character search at 5万 households), and the ids of every match are small.
    let all: Vec<i64> = conn
        .prepare_cached(&ordered)?
        .query_map(params_from_iter(&args), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let from = usize::try_from(offset).unwrap_or(usize::MAX).min(all.len());
    let to = from.saturating_add(page_size as usize).min(all.len());
    Ok((rows(conn, &all[from..to])?, all.len() as i64))
}

/// The list's lines of these households, in the order given.
pub fn rows(conn: &Connection, ids: &[i64]) -> Result<Vec<HouseholdRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT h.id, h.address, coalesce(c.name, ''), coalesce(g.name, ''),
                coalesce(hp.name, ''), coalesce(hp.phone, ''),
                (SELECT count(*) FROM household_member WHERE household_id = h.id),
                (SELECT group_concat(tag, ',') FROM
                    (SELECT DISTINCT tag FROM member_care WHERE household_id = h.id)),
                (SELECT max(visited_on) FROM visit
                 WHERE household_id = h.id AND deleted_at IS NULL),
                (SELECT min(t.visit_days) FROM member_care mc JOIN care_tag t ON t.tag = mc.tag
                 WHERE mc.household_id = h.id),
                h.grid_id
         FROM household h
         LEFT JOIN org_unit c ON c.id = h.community_id
         LEFT JOIN org_unit g ON g.id = h.grid_id
         LEFT JOIN person hp ON hp.id = (
             SELECT person_id FROM household_member WHERE household_id = h.id
             ORDER BY relation IS NOT '户主', sort LIMIT 1)
         WHERE h.id IN ({})",
        ids_list(ids)
    ))?;
    let mut found: Vec<HouseholdRow> = stmt
        .query_map([], |r| {
            let care: Option<String> = r.get(7)?;
            Ok(HouseholdRow {
                id: r.get(0)?,
                address: r.get(1)?,
                community: r.get(2)?,
                grid_id: r.get(10)?,
                grid: r.get(3)?,
                head: r.get(4)?,
                phone: r.get(5)?,
                members: r.get(6)?,
                care: care
                    .map(|c| c.split(',').map(str::to_owned).collect())
                    .unwrap_or_default(),
                last_visit: r.get(8)?,
                visit_days: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    found.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(found)
}

/// Every household that has a member with a visited care tag: (id, community, grid, days
/// between visits, last visit). What the due visits are computed from.
pub fn visited(conn: &Connection) -> Result<Vec<VisitPlan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.community_id, h.grid_id, min(t.visit_days),
                (SELECT max(visited_on) FROM visit v
                 WHERE v.household_id = h.id AND v.deleted_at IS NULL)
         FROM household h
         JOIN member_care mc ON mc.household_id = h.id
         JOIN care_tag t ON t.tag = mc.tag AND t.visit_days IS NOT NULL
         WHERE h.deleted_at IS NULL
         GROUP BY h.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(VisitPlan {
            household_id: r.get(0)?,
            community_id: r.get(1)?,
            grid_id: r.get(2)?,
            visit_days: r.get(3)?,
            last_visit: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A household its care tags ask to be visited.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitPlan {
    /// The household.
    pub household_id: i64,
    /// Its community.
    pub community_id: Option<i64>,
    /// Its grid.
    pub grid_id: Option<i64>,
    /// The days between visits.
    pub visit_days: u32,
    /// The last visit's day.
    pub last_visit: Option<String>,
}

/// A household as its form opens it, with each member's person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdRecord {
    /// The household's id.
    pub id: i64,
    /// Its fields and members.
    pub input: HouseholdInput,
    /// Each member's person, in the order of `input.members`.
    pub person_ids: Vec<i64>,
    /// In the recycle bin.
    pub deleted: bool,
}

/// A member from the columns name, ID, phone, relation, residence and note starting at `at`
/// (their care tags are read apart).
fn member(r: &rusqlite::Row, at: usize) -> rusqlite::Result<MemberInput> {
    let relation: Option<String> = r.get(at + 3)?;
    let residence: Option<String> = r.get(at + 4)?;
    Ok(MemberInput {
        name: r.get(at)?,
        id_number: r.get(at + 1)?,
        phone: r.get(at + 2)?,
        relation: relation.as_deref().and_then(Relation::from_label),
        residence: residence.as_deref().and_then(Residence::from_label),
        care: Vec::new(),
        note: r.get(at + 5)?,
    })
}

/// One household (in the recycle bin or not) with its members.
pub fn get(conn: &Connection, id: i64) -> Result<HouseholdRecord> {
    let (mut input, deleted) = conn
        .query_row(
            "SELECT community_id, grid_id, estate, building, unit, room, note,
                    deleted_at IS NOT NULL
             FROM household WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    HouseholdInput {
                        community_id: r.get(0)?,
                        grid_id: r.get(1)?,
                        estate: r.get(2)?,
                        building: r.get(3)?,
                        unit: r.get(4)?,
                        room: r.get(5)?,
                        note: r.get(6)?,
                        members: Vec::new(),
                    },
                    r.get(7)?,
                ))
            },
        )
        .optional()?
        .ok_or(DbError::NotFound {
            entity: "住户", id
        })?;
    let mut person_ids = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT m.person_id, p.name, coalesce(p.id_number, ''), p.phone, m.relation, m.residence,
                m.note
         FROM household_member m JOIN person p ON p.id = m.person_id
         WHERE m.household_id = ?1 ORDER BY m.sort",
    )?;
    let mut q = stmt.query([id])?;
    while let Some(r) = q.next()? {
        person_ids.push(r.get(0)?);
        input.members.push(member(r, 1)?);
    }
    let mut care = conn.prepare_cached(
        "SELECT tag FROM member_care WHERE household_id = ?1 AND person_id = ?2 ORDER BY sort",
    )?;
    for (member, person) in input.members.iter_mut().zip(&person_ids) {
        member.care = care
            .query_map(params![id, person], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(HouseholdRecord {
        id,
        input,
        person_ids,
        deleted,
    })
}

/// Every member of a live household as an import row sees them: (person id, the member with
/// the household's address), in household order.
pub fn residents(conn: &Connection) -> Result<Vec<(i64, Resident)>> {
    let mut care: std::collections::HashMap<(i64, i64), Vec<String>> = Default::default();
    let mut stmt = conn.prepare_cached(
        "SELECT c.household_id, c.person_id, c.tag FROM member_care c
         JOIN household h ON h.id = c.household_id WHERE h.deleted_at IS NULL
         ORDER BY c.household_id, c.person_id, c.sort",
    )?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        care.entry((r.get(0)?, r.get(1)?))
            .or_default()
            .push(r.get(2)?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, m.person_id, h.community_id, h.grid_id, h.estate, h.building, h.unit,
                h.room, p.name, coalesce(p.id_number, ''), p.phone, m.relation, m.residence,
                m.note
         FROM household h
         JOIN household_member m ON m.household_id = h.id
         JOIN person p ON p.id = m.person_id
         WHERE h.deleted_at IS NULL ORDER BY h.id, m.sort",
    )?;
    let mut q = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = q.next()? {
        let (household, person): (i64, i64) = (r.get(0)?, r.get(1)?);
        let mut member = member(r, 8)?;
        member.care = care.remove(&(household, person)).unwrap_or_default();
        out.push((
            person,
            Resident {
                community_id: r.get(2)?,
                grid_id: r.get(3)?,
                estate: r.get(4)?,
                building: r.get(5)?,
                unit: r.get(6)?,
                room: r.get(7)?,
                member,
            },
        ));
    }
    Ok(out)
}

/// Where each live household is, and whether a member has a care tag: what a month's figures
/// count households by. (household id, community, grid, cared for)
pub fn places(conn: &Connection) -> Result<Vec<(i64, crate::org::Place, bool)>> {
    // The households with a member cared for, from the care table's key (one probe a
    // household would cost 5万 of them).
    let cared: std::collections::HashSet<i64> = conn
        .prepare_cached("SELECT DISTINCT household_id FROM member_care")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, community_id, grid_id FROM household WHERE deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        let id: i64 = r.get(0)?;
        Ok((id, (r.get(1)?, r.get(2)?), cared.contains(&id)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live households a person is a member of.
pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id FROM household_member m JOIN household h ON h.id = m.household_id
         WHERE m.person_id = ?1 AND h.deleted_at IS NULL ORDER BY h.id",
    )?;
    let ids = stmt.query_map([person_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// A household in the recycle bin at this address in this community that has no members
/// left: an address a move emptied, which a later row naming it takes back.
pub fn find_emptied(
    conn: &Connection,
    community_id: Option<i64>,
    address: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM household h WHERE address = ?1 AND community_id IS ?2
             AND deleted_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM household_member m WHERE m.household_id = h.id)
             ORDER BY id DESC LIMIT 1",
            params![address, community_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes a household and its members (a new row when `id` is None). `person_ids` are the
/// members' persons, in order, linked by the caller.
pub fn write(
    tx: &Transaction,
    id: Option<i64>,
    h: &HouseholdInput,
    person_ids: &[i64],
) -> Result<i64> {
    let address = h.address();
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO household (id, community_id, grid_id, estate, building, unit, room,
                                    address, note, created_at, updated_at, address_chars,
                                    address_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)
             ON CONFLICT(id) DO UPDATE SET community_id = ?2, grid_id = ?3, estate = ?4,
                 building = ?5, unit = ?6, room = ?7, address = ?8, note = ?9, updated_at = ?10,
                 address_chars = ?11, address_key = ?12
             RETURNING id",
        )?
        .query_row(
            params![
                id,
                h.community_id,
                h.grid_id,
                h.estate.trim(),
                h.building.trim(),
                h.unit.trim(),
                h.room.trim(),
                address,
                h.note,
                now(),
                name_key::spaced(&address),
                natural::key(&address),
            ],
            |r| r.get(0),
        )?;
    tx.execute("DELETE FROM household_member WHERE household_id = ?1", [id])?;
    let mut member = tx.prepare_cached(
        "INSERT INTO household_member (household_id, person_id, relation, residence, note, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut care = tx.prepare_cached(
        "INSERT OR IGNORE INTO member_care (household_id, person_id, tag, sort)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, (m, person)) in h.members.iter().zip(person_ids).enumerate() {
        member.execute(params![
            id,
            person,
            m.relation.map(Relation::label),
            m.residence.map(Residence::label),
            m.note,
            i as i64
        ])?;
        for (j, tag) in m.care.iter().enumerate() {
            care.execute(params![id, person, tag, j as i64])?;
        }
    }
    Ok(id)
}

/// The live household at this address in this community, if any (an address names one
/// household there).
pub fn find_by_address(
    conn: &Connection,
    community_id: Option<i64>,
    address: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM household WHERE address = ?1 AND community_id IS ?2
             AND deleted_at IS NULL",
            params![address, community_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Moves a household to the recycle bin (`deleted_by` = who) or back out of it (None).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE household SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    Ok(())
}

/// Every care tag of the dictionary with its days between visits (None: no visits due).
pub fn care_tags(conn: &Connection) -> Result<Vec<(String, Option<u32>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.value, t.visit_days FROM dict_item d LEFT JOIN care_tag t ON t.tag = d.value
         WHERE d.dict = '关爱类别' ORDER BY d.sort, d.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets the days between visits of a care tag (None: no visits due).
pub fn set_visit_days(tx: &Transaction, tag: &str, days: Option<u32>) -> Result<()> {
    tx.execute(
        "INSERT INTO care_tag (tag, visit_days) VALUES (?1, ?2)
         ON CONFLICT(tag) DO UPDATE SET visit_days = ?2",
        params![tag, days],
    )?;
    Ok(())
}

/// Gives the built-in care tags their frequencies; a tag the office has set is kept.
pub fn seed_visit_days(tx: &Transaction) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO care_tag (tag, visit_days) VALUES (?1, ?2)")?;
    for (tag, days) in taizhang_core::household::CARE_VISIT_DAYS {
        stmt.execute(params![tag, days])?;
    }
    Ok(())
}

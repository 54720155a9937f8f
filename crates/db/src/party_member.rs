//! The `party_member` table and its satellites (报到 records, 包联户), with the roster search.

use chrono::NaiveDate;
use rusqlite::{
    params, types::Value as SqlValue, Connection, OptionalExtension, Row, ToSql, Transaction,
};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    date,
    party_member::{Category, PartyMemberInput, ReportPost, Status},
};
use ts_rs::TS;

use crate::{
    now, org, page,
    person::{search_match, PersonMatch},
    DbError, Page, Result,
};

/// The register's name in the audit trail, the recycle bin and the 待补录 flags.
pub const ENTITY: &str = "党员";

/// Its soft-deleted members for the recycle bin (see [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str = "SELECT m.id, p.name || '（' || b.name || '）', m.deleted_at,
                                   coalesce(m.deleted_by, '')
                            FROM party_member m JOIN person p ON p.id = m.person_id
                            JOIN org_unit b ON b.id = m.branch_id
                            WHERE m.deleted_at IS NOT NULL";

/// The roster's search form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PartyMemberQuery {
    /// Name fragment, pinyin initials or prefix, or the tail of an ID or phone number.
    pub search: String,
    /// A branch, or any party organisation above branches (all branches under it).
    pub branch_id: Option<i64>,
    /// A community or grid (everything under it).
    pub grid_id: Option<i64>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this 党籍 status.
    pub status: Option<Status>,
    /// Only members this old or older.
    pub age_min: Option<i32>,
    /// Only members this old or younger.
    pub age_max: Option<i32>,
    /// Only members an import took in without some required field (待补录).
    pub incomplete: bool,
    /// 1-based.
    pub page: u32,
    /// Rows per page.
    pub page_size: u32,
    /// 数据权限: only one community's members. Set by the app from the user's scope, never by
    /// the page.
    #[serde(skip)]
    #[ts(skip)]
    pub within: Option<Within>,
}

/// A community's members: those of a branch its party organisations hold, and those living in
/// its grids whose branch no community holds (the 街道机关党支部's, say).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Within {
    /// The community's units: itself, its grids, its party organisations and their branches.
    pub units: Vec<i64>,
    /// Every branch some community holds ([`crate::org::claimed_units`]).
    pub claimed: Vec<i64>,
}

/// One line of the roster. `id_number` and `phone` are masked unless revealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartyMemberRow {
    /// The member's id.
    pub id: i64,
    /// The name.
    pub name: String,
    /// 男 or 女.
    pub sex: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// Age today; none without a birth date.
    pub age: Option<i32>,
    /// 公民身份号码, masked unless revealed.
    pub id_number: String,
    /// The phone number, masked unless revealed.
    pub phone: String,
    /// 民族.
    pub nation: String,
    /// 学历.
    pub education: String,
    /// The branch's name.
    pub branch: String,
    /// The grid's name ("" when none).
    pub grid: String,
    /// 入党申请人 … 正式党员.
    pub category: Category,
    /// 党籍 status.
    pub status: Status,
    /// 入党日期, `YYYY-MM-DD`.
    pub joined_on: Option<String>,
    /// 工作单位及职务.
    pub work_unit: String,
}

/// 在职党员到社区报到 record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    /// The record's id.
    pub id: i64,
    /// The unit the member works at.
    pub unit: String,
    /// When the member reported, `YYYY-MM-DD`.
    pub reported_on: String,
    /// The post the member took.
    pub post: ReportPost,
    /// Anything else.
    pub note: String,
}

/// A household paired with a 党员中心户 (包联户).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PairedHousehold {
    /// The record's id.
    pub id: i64,
    /// The head of the household.
    pub head_name: String,
    /// Its address.
    pub address: String,
    /// Its phone.
    pub phone: String,
    /// Anything else.
    pub note: String,
}

/// A time the branch reached a 流动 or 失联 member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contact {
    /// The record's id.
    pub id: i64,
    /// When, `YYYY-MM-DD`.
    pub contacted_on: String,
    /// 电话, 微信, 走访, 书信 ….
    pub way: String,
    /// What was said or done.
    pub note: String,
}

/// Everything the register holds on one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartyMemberDetail {
    /// The member's id.
    pub id: i64,
    /// The person the member is.
    pub person_id: i64,
    /// The register's fields (the person's own included).
    pub input: PartyMemberInput,
    /// 男 or 女, from the person.
    pub sex: String,
    /// `YYYY-MM-DD`, from the person.
    pub birth_date: String,
    /// Age today; none without a birth date.
    pub age: Option<i32>,
    /// The branch's name.
    pub branch: String,
    /// The party group's name ("" when none).
    pub group: String,
    /// The grid's name ("" when none).
    pub grid: String,
    /// 在职党员 报到 records.
    pub reports: Vec<Report>,
    /// The households paired with the member (包联户).
    pub households: Vec<PairedHousehold>,
    /// Newest first.
    pub contacts: Vec<Contact>,
    /// When the member was added.
    pub created_at: String,
    /// When the member was last changed.
    pub updated_at: String,
    /// When the member went to the recycle bin; none when not there.
    pub deleted_at: Option<String>,
    /// Keys of the required fields an import could not fill (待补录); empty when complete.
    pub lacking: Vec<String>,
    /// The version shown ([`crate::audit::version`]): a save from it is refused once someone
    /// else has changed the member.
    pub version: i64,
}

fn enum_from<T>(r: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown value {s}").into(),
        )
    })
}

/// The statement parameters of a membership: ?1 the key (the person when inserting, the member
/// when updating), ?2–?15 the fields, ?16 the time.
fn values<'a>(key: &'a i64, m: &'a PartyMemberInput, now: &'a dyn ToSql) -> [&'a dyn ToSql; 16] {
    [
        key,
        &m.branch_id,
        &m.group_id,
        m.category.label_ref(),
        &m.applied_on,
        &m.activist_on,
        &m.candidate_on,
        &m.joined_on,
        &m.confirmed_on,
        &m.work_unit,
        m.status.label_ref(),
        &m.outflow_place,
        &m.dues_paid_to,
        &m.is_center_household,
        &m.note,
        now,
    ]
}

/// Adds a member for `person_id`; returns the id.
pub fn insert(tx: &Transaction, person_id: i64, m: &PartyMemberInput) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO party_member(person_id, branch_id, group_id, category, applied_on,
              activist_on, candidate_on, joined_on, confirmed_on, work_unit, status,
              outflow_place, dues_paid_to, is_center_household, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
    )?
    .execute(values(&person_id, m, &now()).as_slice())?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites a member's own fields.
pub fn update(tx: &Transaction, id: i64, m: &PartyMemberInput) -> Result<()> {
    tx.prepare_cached(
        "UPDATE party_member SET branch_id = ?2, group_id = ?3, category = ?4, applied_on = ?5,
              activist_on = ?6, candidate_on = ?7, joined_on = ?8, confirmed_on = ?9,
              work_unit = ?10, status = ?11, outflow_place = ?12, dues_paid_to = ?13,
              is_center_household = ?14, note = ?15, updated_at = ?16
         WHERE id = ?1",
    )?
    .execute(values(&id, m, &now()).as_slice())?;
    Ok(())
}

/// The member row of a person, if any: (member id, in the recycle bin?).
pub fn find_by_person(conn: &Connection, person_id: i64) -> Result<Option<(i64, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, deleted_at IS NOT NULL FROM party_member WHERE person_id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Moves a member to the recycle bin, or back out of it (`deleted_by = None`).
pub fn set_deleted(tx: &Transaction, id: i64, deleted_by: Option<&str>) -> Result<()> {
    let n = tx.execute(
        "UPDATE party_member
         SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END, deleted_by = ?2
         WHERE id = ?1",
        params![id, deleted_by, now()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound {
            entity: "党员", id
        });
    }
    Ok(())
}

/// The columns and joins of a member's details, without its satellites.
const DETAIL_SELECT: &str =
    "SELECT m.id, m.person_id, p.name, p.id_number, p.nation, p.native_place, p.education,
            p.phone, p.address, p.grid_id, m.branch_id, m.group_id, m.category,
            m.applied_on, m.activist_on, m.candidate_on, m.joined_on, m.confirmed_on,
            m.work_unit, m.status, m.outflow_place, m.dues_paid_to, m.is_center_household,
            m.note, coalesce(p.sex, ''), coalesce(p.birth_date, ''),
            coalesce(b.name, ''), coalesce(g.name, ''), coalesce(gr.name, ''),
            m.created_at, m.updated_at, m.deleted_at
     FROM party_member m JOIN person p ON p.id = m.person_id
     LEFT JOIN org_unit b ON b.id = m.branch_id
     LEFT JOIN org_unit g ON g.id = m.group_id
     LEFT JOIN org_unit gr ON gr.id = p.grid_id";

fn detail(r: &Row, today: NaiveDate) -> rusqlite::Result<PartyMemberDetail> {
    let birth_date: String = r.get(25)?;
    Ok(PartyMemberDetail {
        id: r.get(0)?,
        person_id: r.get(1)?,
        input: PartyMemberInput {
            name: r.get(2)?,
            id_number: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            nation: r.get(4)?,
            native_place: r.get(5)?,
            education: r.get(6)?,
            phone: r.get(7)?,
            address: r.get(8)?,
            grid_id: r.get(9)?,
            branch_id: r.get(10)?,
            group_id: r.get(11)?,
            category: enum_from(r, 12, Category::from_label)?,
            applied_on: r.get(13)?,
            activist_on: r.get(14)?,
            candidate_on: r.get(15)?,
            joined_on: r.get(16)?,
            confirmed_on: r.get(17)?,
            work_unit: r.get(18)?,
            status: enum_from(r, 19, Status::from_label)?,
            outflow_place: r.get(20)?,
            dues_paid_to: r.get(21)?,
            is_center_household: r.get(22)?,
            note: r.get(23)?,
        },
        sex: r.get(24)?,
        age: date::parse(&birth_date).map(|b| date::age_on(b, today)),
        birth_date,
        branch: r.get(26)?,
        group: r.get(27)?,
        grid: r.get(28)?,
        reports: Vec::new(),
        households: Vec::new(),
        contacts: Vec::new(),
        created_at: r.get(29)?,
        updated_at: r.get(30)?,
        deleted_at: r.get(31)?,
        lacking: Vec::new(),
        version: 0,
    })
}

/// One member with everything the register holds (in the recycle bin or not); ages as of `today`.
pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<PartyMemberDetail> {
    let mut detail = conn
        .query_row(&format!("{DETAIL_SELECT} WHERE m.id = ?1"), [id], |r| {
            detail(r, today)
        })
        .optional()?
        .ok_or(DbError::NotFound { entity: ENTITY, id })?;
    detail.lacking = crate::incomplete::of(conn, ENTITY, id)?;
    detail.version = crate::audit::version(conn, ENTITY, id)?;
    detail.reports = reports(conn, id)?;
    detail.households = households(conn, id)?;
    detail.contacts = contacts(conn, id)?;
    Ok(detail)
}

/// Every member, in the recycle bin or not, without satellites: what an import compares with.
pub fn all(conn: &Connection, today: NaiveDate) -> Result<Vec<PartyMemberDetail>> {
    let mut stmt = conn.prepare(DETAIL_SELECT)?;
    let rows = stmt.query_map([], |r| detail(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The members a roster query finds (every page), in roster order, without satellites: what the
/// 花名册 prints and a meeting lists as its branch's members.
pub fn matching(
    conn: &Connection,
    q: &PartyMemberQuery,
    today: NaiveDate,
) -> Result<Vec<PartyMemberDetail>> {
    let mut all = Vec::new();
    each_matching(conn, q, today, &mut |d| {
        all.push(d);
        true
    })?;
    Ok(all)
}

/// [`matching`], each member handed to `each` as it is read (an export writes one while the
/// next is read); stops early when `each` says false.
pub fn each_matching(
    conn: &Connection,
    q: &PartyMemberQuery,
    today: NaiveDate,
    each: &mut dyn FnMut(PartyMemberDetail) -> bool,
) -> Result<()> {
    let f = RosterFilter::new(conn, q, today)?;
    let mut stmt = conn.prepare(&format!(
        "{DETAIL_SELECT} WHERE {} ORDER BY p.name_pinyin, p.id",
        f.where_clause(false)
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&f.args))?;
    while let Some(r) = rows.next()? {
        if !each(detail(r, today)?) {
            break;
        }
    }
    Ok(())
}

/// How many members [`matching`] finds.
pub fn count_matching(conn: &Connection, q: &PartyMemberQuery, today: NaiveDate) -> Result<i64> {
    RosterFilter::new(conn, q, today)?.count(conn)
}

fn reports(conn: &Connection, member_id: i64) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, unit, reported_on, post, note FROM party_member_report
         WHERE party_member_id = ?1 ORDER BY reported_on, id",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        Ok(Report {
            id: r.get(0)?,
            unit: r.get(1)?,
            reported_on: r.get(2)?,
            post: enum_from(r, 3, ReportPost::from_label)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn households(conn: &Connection, member_id: i64) -> Result<Vec<PairedHousehold>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, head_name, address, phone, note FROM party_member_household
         WHERE party_member_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        Ok(PairedHousehold {
            id: r.get(0)?,
            head_name: r.get(1)?,
            address: r.get(2)?,
            phone: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn contacts(conn: &Connection, member_id: i64) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, contacted_on, way, note FROM party_member_contact
         WHERE party_member_id = ?1 ORDER BY contacted_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        Ok(Contact {
            id: r.get(0)?,
            contacted_on: r.get(1)?,
            way: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a contact with a 流动 or 失联 member; returns its id.
pub fn add_contact(tx: &Transaction, member_id: i64, c: &Contact) -> Result<i64> {
    tx.execute(
        "INSERT INTO party_member_contact(party_member_id, contacted_on, way, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_id, c.contacted_on, c.way, c.note, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A 流动 or 失联 member (not in the recycle bin) with the day they were last reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreached {
    /// The member's id.
    pub member_id: i64,
    /// The name.
    pub name: String,
    /// The branch's name.
    pub branch: String,
    /// The branch, for 数据权限.
    pub branch_id: Option<i64>,
    /// The grid the member lives in, for 数据权限.
    pub grid_id: Option<i64>,
    /// 流动党员 or 失联党员.
    pub status: Status,
    /// When the member was last reached, `YYYY-MM-DD`; none when never.
    pub last_contact: Option<String>,
}

/// Members whose status is 流动党员 or 失联党员, with their latest contact.
pub fn away(conn: &Connection) -> Result<Vec<Unreached>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, p.name, coalesce(b.name, ''), m.status,
                (SELECT max(contacted_on) FROM party_member_contact c WHERE c.party_member_id = m.id),
                m.branch_id, p.grid_id
         FROM party_member m JOIN person p ON p.id = m.person_id
         LEFT JOIN org_unit b ON b.id = m.branch_id
         WHERE m.deleted_at IS NULL AND m.status IN ('流动党员', '失联党员')
         ORDER BY p.name_pinyin",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Unreached {
            member_id: r.get(0)?,
            name: r.get(1)?,
            branch: r.get(2)?,
            status: enum_from(r, 3, Status::from_label)?,
            last_contact: r.get(4)?,
            branch_id: r.get(5)?,
            grid_id: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an 报到 record; returns its id.
pub fn add_report(tx: &Transaction, member_id: i64, r: &Report) -> Result<i64> {
    tx.execute(
        "INSERT INTO party_member_report(party_member_id, unit, reported_on, post, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member_id, r.unit, r.reported_on, r.post.label(), r.note, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Pairs a household with a 党员中心户; returns its id.
pub fn add_household(tx: &Transaction, member_id: i64, h: &PairedHousehold) -> Result<i64> {
    tx.execute(
        "INSERT INTO party_member_household(party_member_id, head_name, address, phone, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member_id, h.head_name, h.address, h.phone, h.note, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Removes a 报到 record or a 包联户 of a member;
/// returns the member it belonged to.
pub fn remove_satellite(tx: &Transaction, satellite: Satellite, id: i64) -> Result<i64> {
    let table = match satellite {
        Satellite::Report => "party_member_report",
        Satellite::Household => "party_member_household",
        Satellite::Contact => "party_member_contact",
    };
    let member: Option<i64> = tx
        .query_row(
            &format!("DELETE FROM {table} WHERE id = ?1 RETURNING party_member_id"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    member.ok_or(DbError::NotFound {
        entity: satellite.label(),
        id,
    })
}

/// A record that hangs off a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Satellite {
    /// 在职党员 报到.
    Report,
    /// A household paired with a 党员中心户.
    Household,
    /// A contact with a 流动 or 失联 member.
    Contact,
}

impl Satellite {
    /// Its name, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Satellite::Report => "报到记录",
            Satellite::Household => "包联户",
            Satellite::Contact => "联系记录",
        }
    }
}

/// A roster query turned into SQL pieces over `party_member m`, active members only.
struct RosterFilter {
    /// Conditions on the membership row.
    member: Vec<String>,
    /// A subquery yielding the ids of the persons that match the person-level conditions.
    persons: Option<String>,
    /// A name, pinyin or number was typed (not just filters chosen).
    searching: bool,
    args: Vec<SqlValue>,
}

impl RosterFilter {
    fn new(conn: &Connection, q: &PartyMemberQuery, today: NaiveDate) -> Result<Self> {
        let mut f = Self {
            member: vec!["m.deleted_at IS NULL".to_owned()],
            persons: None,
            searching: false,
            args: Vec::new(),
        };
        let mut person: Vec<String> = Vec::new();
        let mut name_match = None;
        match search_match(&q.search, &mut |v| f.arg(v)) {
            PersonMatch::Nothing => {}
            PersonMatch::Where(condition) => person.push(condition),
            PersonMatch::Ids(subquery) => name_match = Some(subquery),
        }
        f.searching = !person.is_empty() || name_match.is_some();
        if let Some(id) = q.grid_id {
            let a = f.arg(SqlValue::Text(org::subtree_glob(conn, id)?));
            person.push(format!(
                "p.grid_id IN (SELECT id FROM org_unit WHERE path GLOB {a})"
            ));
        }
        if let Some(min) = q.age_min {
            let a = f.arg(SqlValue::Text(date::born_by(min, today).to_string()));
            person.push(format!("p.birth_date <= {a}"));
        }
        if let Some(max) = q.age_max {
            let a = f.arg(SqlValue::Text(date::born_by(max + 1, today).to_string()));
            person.push(format!("p.birth_date > {a}"));
        }
        if let Some(id) = q.branch_id {
            let a = f.arg(SqlValue::Text(org::subtree_glob(conn, id)?));
            f.member.push(format!(
                "m.branch_id IN (SELECT id FROM org_unit WHERE path GLOB {a})"
            ));
        }
        if let Some(c) = q.category {
            let a = f.arg(SqlValue::Text(c.label().to_owned()));
            f.member.push(format!("m.category = {a}"));
        }
        if let Some(s) = q.status {
            let a = f.arg(SqlValue::Text(s.label().to_owned()));
            f.member.push(format!("m.status = {a}"));
        }
        if q.incomplete {
            f.member.push(crate::incomplete::condition(ENTITY, "m.id"));
        }
        if let Some(w) = &q.within {
            // Ids from the database, not from the page: written into the statement as numbers.
            let list = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let (units, claimed) = (list(&w.units), list(&w.claimed));
            f.member.push(format!(
                "(m.branch_id IN ({units}) OR (m.branch_id NOT IN ({claimed})
                  AND m.person_id IN (SELECT id FROM person WHERE grid_id IN ({units}))))"
            ));
        }
        let others = (!person.is_empty())
            .then(|| format!("SELECT p.id FROM person p WHERE {}", person.join(" AND ")));
        f.persons = match (name_match, others) {
            (Some(n), Some(o)) => Some(format!("{n} INTERSECT {o}")),
            (n, o) => n.or(o),
        };
        Ok(f)
    }

    fn arg(&mut self, v: SqlValue) -> String {
        self.args.push(v);
        format!("?{}", self.args.len())
    }

    /// The WHERE clause. `probe` keeps SQLite from driving the query from the person subquery
    /// (the browse plan walks the pinyin index and only checks membership).
    fn where_clause(&self, probe: bool) -> String {
        let mut clauses = self.member.clone();
        if let Some(persons) = &self.persons {
            let column = if probe { "+m.person_id" } else { "m.person_id" };
            clauses.push(format!("{column} IN ({persons})"));
        }
        clauses.join(" AND ")
    }

    fn count(&self, conn: &Connection) -> Result<i64> {
        Ok(conn.query_row(
            &format!(
                "SELECT count(*) FROM party_member m WHERE {}",
                self.where_clause(false)
            ),
            rusqlite::params_from_iter(&self.args),
            |r| r.get(0),
        )?)
    }
}

/// Above this many matches, an unsearched roster walks the pinyin index and stops at the page;
/// otherwise the matches are fetched, counted and sorted in one pass. Either way a page touches
/// at most a few thousand rows (see the search benchmark).
const BROWSE_ABOVE: i64 = 500;

/// One page of the roster, filtered and ordered in SQL (by the pinyin of the name).
/// Values come unmasked: masking is the caller's decision.
pub fn list(
    conn: &Connection,
    q: &PartyMemberQuery,
    today: NaiveDate,
) -> Result<Page<PartyMemberRow>> {
    let (page, page_size) = page::clamp(q.page, q.page_size);
    let f = RosterFilter::new(conn, q, today)?;
    // Searching: one pass that counts and sorts the (few) matches. Browsing: count from the
    // index, then walk the pinyin order if there are many.
    let total = if f.searching {
        None
    } else {
        Some(f.count(conn)?)
    };
    let browse = total.is_some_and(|t| t > BROWSE_ABOVE);
    let from = if browse {
        "person p CROSS JOIN party_member m INDEXED BY party_member_person ON m.person_id = p.id"
    } else {
        "party_member m JOIN person p ON p.id = m.person_id"
    };
    // First the page's ids (a narrow sort), then their rows.
    let mut args = f.args.clone();
    args.push(SqlValue::Integer(page_size.into()));
    args.push(SqlValue::Integer((page as i64 - 1) * page_size as i64));
    let n = args.len();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, {} FROM {from} WHERE {}
         ORDER BY p.name_pinyin, p.id LIMIT ?{} OFFSET ?{n}",
        if browse { "0" } else { "count(*) OVER ()" },
        f.where_clause(browse),
        n - 1
    ))?;
    let mut ids: Vec<i64> = Vec::new();
    let mut counted = None;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    while let Some(r) = rows.next()? {
        ids.push(r.get(0)?);
        counted = Some(r.get::<_, i64>(1)?);
    }
    let total = match (total, counted) {
        (Some(t), _) | (None, Some(t)) => t,
        // A page past the end has no rows to carry the count.
        (None, None) => f.count(conn)?,
    };
    let items = rows_by_id(conn, &ids, today)?;
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

/// Roster rows of the given members, in roster order.
fn rows_by_id(conn: &Connection, ids: &[i64], today: NaiveDate) -> Result<Vec<PartyMemberRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(",");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, p.name, coalesce(p.sex, ''), coalesce(p.birth_date, ''),
                coalesce(p.id_number, ''), p.phone, p.nation, p.education, b.name,
                coalesce(gr.name, ''), m.category, m.status, m.joined_on, m.work_unit
         FROM party_member m JOIN person p ON p.id = m.person_id
         JOIN org_unit b ON b.id = m.branch_id
         LEFT JOIN org_unit gr ON gr.id = p.grid_id
         WHERE m.id IN ({marks})
         ORDER BY p.name_pinyin, p.id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(ids), |r| {
        let birth_date: String = r.get(3)?;
        Ok(PartyMemberRow {
            id: r.get(0)?,
            name: r.get(1)?,
            sex: r.get(2)?,
            age: date::parse(&birth_date).map(|b| date::age_on(b, today)),
            birth_date,
            id_number: r.get(4)?,
            phone: r.get(5)?,
            nation: r.get(6)?,
            education: r.get(7)?,
            branch: r.get(8)?,
            grid: r.get(9)?,
            category: enum_from(r, 10, Category::from_label)?,
            status: enum_from(r, 11, Status::from_label)?,
            joined_on: r.get(12)?,
            work_unit: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! Accounts (a person or a household), with balances summed from the ledger, and a
//! household's members.

use super::*;

/// An account as lists show it, with its balance (the sum of its entries).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountRow {
    /// The account's id.
    pub id: i64,
    /// 个人 or 家庭户.
    pub kind: AccountKind,
    /// The person's name, or the household's head.
    pub name: String,
    /// The person, for a 个人 account.
    pub person_id: Option<i64>,
    /// The address (the person's, or the household's).
    pub address: String,
    /// 志愿者编号 (unique), if it has one.
    pub volunteer_no: Option<String>,
    /// The volunteer team (服务队).
    pub team: String,
    /// When the volunteer registered, `YYYY-MM-DD` (or `YYYY-MM` when only the month is known).
    pub registered_on: String,
    /// 正常 or 注销.
    pub status: AccountStatus,
    /// The sum of its ledger entries.
    pub balance: Points,
}

/// A new account.
pub struct NewAccount<'a> {
    /// 个人 or 家庭户.
    pub kind: AccountKind,
    /// The person, for a 个人 account.
    pub person_id: Option<i64>,
    /// The head of the household, for a 家庭户 account.
    pub household: &'a str,
    /// The household's address.
    pub address: &'a str,
    /// 志愿者编号, if it has one.
    pub volunteer_no: Option<&'a str>,
    /// The volunteer team.
    pub team: &'a str,
    /// When the volunteer registered.
    pub registered_on: &'a str,
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.kind, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END,
        a.person_id, CASE a.kind WHEN '个人' THEN p.address ELSE a.address END, a.volunteer_no, a.team,
        a.registered_on, a.status,
        coalesce((SELECT sum(e.points) FROM points_entry e WHERE e.account_id = a.id), 0)
    FROM points_account a LEFT JOIN person p ON p.id = a.person_id";

/// Its soft-deleted accounts (an undone import's) for the recycle bin (see
/// [`crate::recycle_bin::Bin`]).
pub const RECYCLED: &str =
    "SELECT a.id, CASE a.kind WHEN '个人' THEN p.name ELSE a.household END || '（积分账户）',
            a.deleted_at, coalesce(a.deleted_by, '')
     FROM points_account a LEFT JOIN person p ON p.id = a.person_id
     WHERE a.deleted_at IS NOT NULL";

fn account_row(r: &Row) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        kind: label(r, 1, AccountKind::from_label)?,
        name: r.get(2)?,
        person_id: r.get(3)?,
        address: r.get(4)?,
        volunteer_no: r.get(5)?,
        team: r.get(6)?,
        registered_on: r.get(7)?,
        status: label(r, 8, AccountStatus::from_label)?,
        balance: Points(r.get(9)?),
    })
}

/// Opens an account; returns its id.
pub fn insert_account(tx: &Transaction, a: &NewAccount) -> Result<i64> {
    tx.execute(
        "INSERT INTO points_account (kind, person_id, household, address, volunteer_no, team, registered_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '正常', ?8, ?8)",
        params![a.kind.label(), a.person_id, a.household, a.address, a.volunteer_no, a.team, a.registered_on, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// One account with its balance.
pub fn account(conn: &Connection, id: i64) -> Result<AccountRow> {
    conn.query_row(
        &format!("{ACCOUNT_SELECT} WHERE a.id = ?1"),
        [id],
        account_row,
    )
    .optional()?
    .ok_or(DbError::NotFound {
        entity: "积分账户",
        id,
    })
}

/// The person's own account (个人), in the recycle bin or not.
pub fn account_of_person(conn: &Connection, person_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM points_account WHERE kind = '个人' AND person_id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The account holding 志愿者编号 `no`, if any.
pub fn account_by_volunteer_no(conn: &Connection, no: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM points_account WHERE volunteer_no = ?1",
            [no],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every account, highest balance first.
pub fn accounts(conn: &Connection) -> Result<Vec<AccountRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ACCOUNT_SELECT} WHERE a.deleted_at IS NULL ORDER BY 10 DESC, a.id"
    ))?;
    let rows = stmt
        .query_map([], account_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A person's account as the volunteer roster holds it, including accounts in the recycle bin.
#[derive(Debug, Clone, PartialEq)]
pub struct VolunteerRow {
    /// The account's id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The name.
    pub name: String,
    /// 公民身份号码.
    pub id_number: String,
    /// The phone number.
    pub phone: String,
    /// The address.
    pub address: String,
    /// 志愿者编号, if any.
    pub volunteer_no: Option<String>,
    /// The volunteer team.
    pub team: String,
    /// When the volunteer registered.
    pub registered_on: String,
    /// In the recycle bin (an undone import's).
    pub deleted: bool,
}

/// Every person's account, with the person's ID and phone (what sheets match volunteers by).
pub fn volunteers(conn: &Connection) -> Result<Vec<VolunteerRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, p.id, p.name, coalesce(p.id_number, ''), p.phone, p.address, a.volunteer_no,
                a.team, a.registered_on, a.deleted_at IS NOT NULL
         FROM points_account a JOIN person p ON p.id = a.person_id
         WHERE a.kind = '个人' ORDER BY a.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(VolunteerRow {
                id: r.get(0)?,
                person_id: r.get(1)?,
                name: r.get(2)?,
                id_number: r.get(3)?,
                phone: r.get(4)?,
                address: r.get(5)?,
                volunteer_no: r.get(6)?,
                team: r.get(7)?,
                registered_on: r.get(8)?,
                deleted: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An account's own fields changed (the person's are the person table's).
pub fn update_account(
    tx: &Transaction,
    id: i64,
    volunteer_no: Option<&str>,
    team: &str,
    registered_on: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE points_account SET volunteer_no = ?2, team = ?3, registered_on = ?4, updated_at = ?5
         WHERE id = ?1",
        params![id, volunteer_no, team, registered_on, now()],
    )?;
    Ok(())
}

/// Whether an account has ever had a ledger entry or a service record: such an account is part
/// of the books and never leaves them.
pub fn has_activity(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM points_entry WHERE account_id = ?1)
             OR EXISTS (SELECT 1 FROM service_record WHERE account_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

/// Moves an account to the recycle bin (`by` = who) or back out of it (None).
pub fn set_account_deleted(tx: &Transaction, id: i64, by: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE points_account SET deleted_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END,
                deleted_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, by, now()],
    )?;
    Ok(())
}

/// The members of a household account: (id, name, relation to the head).
pub fn household_members(conn: &Connection, account_id: i64) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, relation FROM points_household_member WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Adds a member to a household account; returns the member's id.
pub fn add_household_member(
    tx: &Transaction,
    account_id: i64,
    name: &str,
    relation: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO points_household_member (account_id, name, relation) VALUES (?1, ?2, ?3)",
        params![account_id, name, relation],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Removes a member from a household account.
pub fn remove_household_member(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM points_household_member WHERE id = ?1", [id])?;
    Ok(())
}

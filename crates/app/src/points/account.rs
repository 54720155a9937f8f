//! Opening accounts (a person found by ID, or a household) and a household's members.

use super::*;

/// A new points account, as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountInput {
    pub kind: AccountKind,
    /// The person, or the head of the household.
    pub name: String,
    /// Required for a person's account.
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub volunteer_no: String,
    pub team: String,
    pub registered_on: String,
}

/// Opens an account; a person is found by ID (a party member who volunteers is one person) or
/// added to the shared person records.
pub fn open_account(db: &mut Db, ctx: &Ctx, a: AccountInput) -> Result<i64> {
    if a.name.trim().is_empty() {
        return Err(AppError::field("name", "请填写姓名（家庭户填户主姓名）"));
    }
    day(&a.registered_on, "registered_on")?;
    if let Some(no) = Some(a.volunteer_no.trim()).filter(|n| !n.is_empty()) {
        if table::account_by_volunteer_no(db.conn(), no)?.is_some() {
            return Err(AppError::field(
                "volunteer_no",
                format!("志愿者编号 {no} 已被使用"),
            ));
        }
    }
    db.write(|tx| write_account(tx, ctx, &a))
}

/// Writes a new account (checked by the caller) and its audit entry; the person is found by ID
/// or added.
pub(super) fn write_account(tx: &Transaction, ctx: &Ctx, a: &AccountInput) -> Result<i64> {
    let name = a.name.trim().to_string();
    let id = match a.kind {
        AccountKind::Person => Some(
            IdNumber::parse(&a.id_number)
                .map_err(|e| AppError::field("id_number", e.to_string()))?,
        ),
        AccountKind::Household => None,
    };
    let person_id = match &id {
        Some(id) => {
            let p = taizhang_db::person::find_or_add(
                tx,
                id,
                taizhang_db::person::Known {
                    name: &name,
                    phone: &a.phone,
                    address: &a.address,
                    grid_id: None,
                },
            )?;
            if table::account_of_person(tx, p)?.is_some() {
                return Err(AppError::conflict(format!("{name} 已有积分账户")));
            }
            Some(p)
        }
        None => None,
    };
    let account = table::insert_account(
        tx,
        &NewAccount {
            kind: a.kind,
            person_id,
            household: if a.kind == AccountKind::Household {
                &name
            } else {
                ""
            },
            address: a.address.trim(),
            volunteer_no: Some(a.volunteer_no.trim()).filter(|n| !n.is_empty()),
            team: a.team.trim(),
            registered_on: a.registered_on.trim(),
        },
    )?;
    crate::audit::change(
        tx,
        ctx,
        AuditAction::Create,
        (ACCOUNT, account),
        format!("开立积分账户：{name}（{}）", a.kind.label()),
        &serde_json::Value::Null,
        a,
    )?;
    Ok(account)
}

/// A page of the accounts `search` finds (a name fragment, pinyin initials or full pinyin, part
/// of a 志愿者编号; all when empty), highest balance first, addresses masked.
pub fn accounts_page(
    db: &Db,
    search: &str,
    (page, page_size): (u32, u32),
) -> Result<crate::Page<AccountRow>> {
    Ok(taizhang_db::page::of(
        accounts(db, search)?,
        page,
        page_size,
    ))
}

pub fn accounts(db: &Db, search: &str) -> Result<Vec<AccountRow>> {
    let q = search.trim();
    Ok(table::accounts(db.conn())?
        .into_iter()
        .filter(|a| {
            taizhang_core::name_key::matches(&a.name, q)
                || a.volunteer_no
                    .as_deref()
                    .is_some_and(|n| !q.is_empty() && n.contains(q))
        })
        .map(masked)
        .collect())
}

/// Puts back an account an undone import removed (the recycle bin's 恢复).
pub fn restore_account(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let a = table::account(db.conn(), id)?;
    db.write(|tx| {
        table::set_account_deleted(tx, id, None)?;
        record(
            tx,
            ctx,
            AuditAction::Restore,
            ACCOUNT,
            id,
            format!("恢复积分账户 {}", a.name),
        )
    })
}

/// The person's own account (个人), told apart by its balance. The points supermarket is the
/// 街道's, so a community's user is shown none.
pub fn of_person(db: &Db, ctx: &Ctx, person_id: i64) -> Result<Option<(i64, String)>> {
    if super::street_only(ctx).is_err() {
        return Ok(None);
    }
    let Some(id) = table::account_of_person(db.conn(), person_id)? else {
        return Ok(None);
    };
    let a = table::account(db.conn(), id)?;
    Ok(Some((id, format!("余额 {} 分", a.balance))))
}

/// One account, its address masked.
pub fn account(db: &Db, id: i64) -> Result<AccountRow> {
    Ok(masked(table::account(db.conn(), id)?))
}

fn masked(mut a: AccountRow) -> AccountRow {
    a.address = taizhang_core::mask::address(&a.address);
    a
}

/// A household's members (户口本): (id, name, relation).
pub fn household_members(db: &Db, account_id: i64) -> Result<Vec<(i64, String, String)>> {
    Ok(table::household_members(db.conn(), account_id)?)
}

pub fn add_household_member(
    db: &mut Db,
    ctx: &Ctx,
    account_id: i64,
    name: &str,
    relation: &str,
) -> Result<i64> {
    let account = table::account(db.conn(), account_id)?;
    if account.kind != AccountKind::Household {
        return Err(AppError::conflict("只有家庭户账户有家庭成员"));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "请填写家庭成员姓名"));
    }
    if table::household_members(db.conn(), account_id)?
        .iter()
        .any(|(_, n, _)| n == name)
    {
        return Err(AppError::conflict(format!(
            "{} 户已有成员 {name}",
            account.name
        )));
    }
    db.write(|tx| {
        let id = table::add_household_member(tx, account_id, name, relation.trim())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            ACCOUNT,
            account_id,
            format!(
                "{} 户添加家庭成员 {name}（{}）",
                account.name,
                relation.trim()
            ),
        )?;
        Ok(id)
    })
}

pub fn remove_household_member(
    db: &mut Db,
    ctx: &Ctx,
    account_id: i64,
    member_id: i64,
) -> Result<()> {
    let account = table::account(db.conn(), account_id)?;
    let members = table::household_members(db.conn(), account_id)?;
    let Some((_, name, _)) = members.iter().find(|(id, _, _)| *id == member_id) else {
        return Err(AppError::new(
            crate::ErrorCode::NotFound,
            "没有这个家庭成员",
        ));
    };
    db.write(|tx| {
        table::remove_household_member(tx, member_id)?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            ACCOUNT,
            account_id,
            format!("{} 户移除家庭成员 {name}", account.name),
        )
    })
}

//! 用户与权限: named users of the window with roles and argon2 password hashes, logging in with a
//! lock-out after repeated failures, and who may do what. With no users the office works as the
//! PC's own user, unrestricted (a one-person office); the first user added must be a 管理员.
//! The command line acts as the PC's user: whoever has a terminal has the database file.

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use chrono::{Duration, Local, NaiveDateTime};
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    user::{Role, LOCK_AFTER, LOCK_MINUTES, MIN_PASSWORD},
};
use taizhang_db::{user as table, Db};
use ts_rs::TS;

use crate::{AppError, Ctx, ErrorCode, Result};

const ENTITY: &str = "用户";
const STAMP: &str = "%Y-%m-%d %H:%M:%S";

/// A user as the window lists them (never the hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// Locked out after failed logins, until this time.
    pub locked_until: Option<String>,
    pub created_at: String,
    /// The 社区/村 whose part the user keeps (数据权限); none for the 街道.
    pub unit_id: Option<i64>,
    /// Its name ("" for the 街道).
    pub unit: String,
}

/// Who is logged in to the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Session {
    pub name: String,
    pub role: Role,
    /// The community whose part the user keeps; none for the 街道.
    pub unit: Option<String>,
}

fn unit_name(db: &Db, unit: Option<i64>) -> Result<Option<String>> {
    Ok(match unit {
        Some(id) => taizhang_db::org::get(db.conn(), id)?.map(|n| n.name),
        None => None,
    })
}

fn role(text: &str) -> Role {
    Role::from_label(text).unwrap_or(Role::Viewer)
}

pub fn list(db: &Db) -> Result<Vec<UserRow>> {
    table::all(db.conn())?
        .into_iter()
        .map(|u| {
            Ok(UserRow {
                id: u.id,
                role: role(&u.role),
                unit: unit_name(db, u.unit_id)?.unwrap_or_default(),
                unit_id: u.unit_id,
                name: u.name,
                locked_until: u.locked_until,
                created_at: u.created_at,
            })
        })
        .collect()
}

/// Whether the office has named users (then the window asks who is there).
pub fn any(db: &Db) -> Result<bool> {
    Ok(!table::all(db.conn())?.is_empty())
}

/// The role of the one acting: a named user's own; the PC's user (no users, or the command
/// line) acts as 管理员.
pub fn role_of(db: &Db, ctx: &Ctx) -> Result<Role> {
    Ok(table::by_name(db.conn(), &ctx.actor)?
        .map(|u| role(&u.role))
        .unwrap_or(Role::Admin))
}

/// The role and community of the named user `name` as the database holds them now (None: no
/// such user — deleted, or gone with a restore).
pub fn current(db: &Db, name: &str) -> Result<Option<(Role, Option<i64>)>> {
    Ok(table::by_name(db.conn(), name)?.map(|u| (role(&u.role), u.unit_id)))
}

fn require(db: &Db, ctx: &Ctx, needed: Role, what: &str) -> Result<()> {
    let have = role_of(db, ctx)?;
    let allowed = match needed {
        Role::Admin => have == Role::Admin,
        Role::Editor => have != Role::Viewer,
        Role::Viewer => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::Forbidden,
            format!(
                "{}（{}）不能{what}，请让管理员操作",
                ctx.actor,
                have.label()
            ),
        ))
    }
}

/// Full IDs, phones and addresses: only a 管理员.
pub fn may_reveal(db: &Db, ctx: &Ctx) -> Result<()> {
    require(db, ctx, Role::Admin, "查看完整的身份证号、电话和住址")
}

/// Users, backups, restores, fonts: only a 管理员.
pub fn may_configure(db: &Db, ctx: &Ctx) -> Result<()> {
    require(db, ctx, Role::Admin, "修改设置、管理用户或恢复数据")
}

fn hash(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AppError::field(
            "password",
            format!("密码至少 {MIN_PASSWORD} 位"),
        ));
    }
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .map(|h| h.to_string())
        .map_err(|e| AppError::conflict(format!("密码无法保存：{e}")))
}

/// Adds a user of `unit` (a 社区/村, whose part alone the user keeps; none: the 街道); the first
/// must be a 管理员 of the 街道 (else nobody could manage the others).
pub fn add(
    db: &mut Db,
    ctx: &Ctx,
    name: &str,
    (new_role, unit): (Role, Option<i64>),
    password: &str,
) -> Result<i64> {
    may_configure(db, ctx)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "请填写用户名"));
    }
    if !any(db)? && (new_role != Role::Admin || unit.is_some()) {
        return Err(AppError::field("role", "第一个用户必须是街道的管理员"));
    }
    if let Some(id) = unit {
        let community = taizhang_db::org::get(db.conn(), id)?;
        if community.is_none_or(|n| n.kind != taizhang_core::org::OrgKind::Community) {
            return Err(AppError::field(
                "unit_id",
                "所属单位应为一个社区/村（或留空，即街道）",
            ));
        }
    }
    if table::by_name(db.conn(), name)?.is_some() {
        return Err(AppError::field("name", format!("已有用户“{name}”")));
    }
    let hash = hash(password)?;
    db.write(|tx| {
        let id = table::insert(tx, name, (new_role.label(), unit), &hash)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Create,
            ENTITY,
            id,
            format!("添加用户 {name}（{}）", new_role.label()),
        )?;
        Ok(id)
    })
}

/// A new password for a user (by a 管理员, or the user themself).
pub fn set_password(db: &mut Db, ctx: &Ctx, id: i64, password: &str) -> Result<()> {
    let user = get(db, id)?;
    if user.name != ctx.actor {
        may_configure(db, ctx)?;
    }
    let hash = hash(password)?;
    db.write(|tx| {
        table::set_password(tx, id, &hash)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Update,
            ENTITY,
            id,
            format!("修改用户 {} 的密码", user.name),
        )
    })
}

fn get(db: &Db, id: i64) -> Result<table::UserRecord> {
    table::all(db.conn())?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "找不到该用户"))
}

/// Removes a user; the last 管理员 stays while other users remain.
pub fn remove(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    may_configure(db, ctx)?;
    let user = get(db, id)?;
    let all = table::all(db.conn())?;
    let admins = all.iter().filter(|u| role(&u.role) == Role::Admin).count();
    if role(&user.role) == Role::Admin && admins == 1 && all.len() > 1 {
        return Err(AppError::conflict(
            "不能删除最后一个管理员；请先删除其他用户，或另设一位管理员",
        ));
    }
    db.write(|tx| {
        table::delete(tx, id)?;
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Delete,
            ENTITY,
            id,
            format!("删除用户 {}", user.name),
        )
    })
}

/// Checks a user's password at `now`: a wrong one counts, and the fifth in a row locks the user
/// out for a few minutes; a right one clears the count.
pub fn login(
    db: &mut Db,
    name: &str,
    password: &str,
    (now, place): (NaiveDateTime, &str),
) -> Result<Session> {
    let wrong = || AppError::field("password", "用户名或密码不对");
    let Some(user) = table::by_name(db.conn(), name.trim())? else {
        return Err(wrong());
    };
    if let Some(until) = user
        .locked_until
        .as_deref()
        .and_then(|t| NaiveDateTime::parse_from_str(t, STAMP).ok())
        .filter(|t| *t > now)
    {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            format!(
                "密码连续输错 {LOCK_AFTER} 次，{} 已被锁定到 {}，请稍后再试或请管理员重设密码",
                user.name,
                until.format("%H:%M")
            ),
        ));
    }
    let ok = PasswordHash::new(&user.password_hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    });
    let ctx = Ctx {
        actor: user.name.clone(),
        place: place.to_owned(),
        scope: None,
        today: now.date(),
    };
    if ok {
        db.write(|tx| {
            table::set_failed(tx, user.id, 0, None)?;
            crate::audit::note(
                tx,
                &ctx,
                AuditAction::Login,
                ENTITY,
                user.id,
                format!("{} 登录", user.name),
            )
        })?;
        return Ok(Session {
            role: role(&user.role),
            unit: unit_name(db, user.unit_id)?,
            name: user.name,
        });
    }
    let failed = user.failed + 1;
    let lock = (failed >= LOCK_AFTER).then(|| {
        (now + Duration::minutes(LOCK_MINUTES))
            .format(STAMP)
            .to_string()
    });
    db.write(|tx| {
        table::set_failed(
            tx,
            user.id,
            if lock.is_some() { 0 } else { failed },
            lock.as_deref(),
        )?;
        crate::audit::note(
            tx,
            &ctx,
            AuditAction::Login,
            ENTITY,
            user.id,
            match &lock {
                Some(_) => format!(
                    "{} 密码连续输错 {LOCK_AFTER} 次，锁定 {LOCK_MINUTES} 分钟",
                    user.name
                ),
                None => format!("{} 登录失败（密码错误）", user.name),
            },
        )
    })?;
    Err(match lock {
        Some(_) => AppError::new(
            ErrorCode::Forbidden,
            format!("密码连续输错 {LOCK_AFTER} 次，已锁定 {LOCK_MINUTES} 分钟"),
        ),
        None => wrong(),
    })
}

/// The local time now, for [`login`].
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

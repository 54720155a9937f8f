//! 数据权限: a user of a 社区/村 sees and changes only that community's part of the registers;
//! the 街道's users (and the PC's own user) see all of it. The scope rides on [`Ctx`] from the
//! login, and each register filters by it at its query; a command that does not filter says so
//! by lacking [`crate::command::Mark::Community`], and a community user is refused it.

use taizhang_db::org;

use crate::{AppError, Ctx, Db, ErrorCode, Result};

/// One community's part of the office.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// The 社区/村.
    pub community_id: i64,
    /// Its name, for messages.
    pub community: String,
    /// Every unit whose records the community holds: itself and its grids, and the party
    /// organisations that serve it with their branches and groups; sorted.
    pub units: Vec<i64>,
    /// Every party unit some community holds (this one or another); sorted.
    pub claimed: Vec<i64>,
}

impl Scope {
    /// The part of community `id`.
    pub fn of(db: &Db, id: i64) -> Result<Self> {
        let community = org::get(db.conn(), id)?.map(|n| n.name).unwrap_or_default();
        Ok(Self {
            community_id: id,
            community,
            units: org::scope_units(db.conn(), id)?,
            claimed: org::claimed_units(db.conn())?,
        })
    }

    /// Whether a record kept under `unit` is the community's.
    pub fn covers(&self, unit: Option<i64>) -> bool {
        unit.is_some_and(|u| self.units.binary_search(&u).is_ok())
    }
}

/// Whether `ctx` may see a party member of `branch` living in `grid`: the community that holds
/// the branch, or — for a branch no community holds — the community where the member lives.
pub fn sees_member(ctx: &Ctx, branch: Option<i64>, grid: Option<i64>) -> bool {
    ctx.scope.as_ref().is_none_or(|s| {
        s.covers(branch)
            || (branch.is_none_or(|b| s.claimed.binary_search(&b).is_err()) && s.covers(grid))
    })
}

/// Whether `ctx` may see a record kept under any of `units` (a member's branch and grid, a
/// house's community and grid): always for the 街道, for a community when one is its own.
pub fn sees(ctx: &Ctx, units: &[Option<i64>]) -> bool {
    ctx.scope
        .as_ref()
        .is_none_or(|s| units.iter().any(|u| s.covers(*u)))
}

/// What `read` found, or none when it was refused as another community's (by [`check`]).
pub fn if_seen<T>(read: Result<T>) -> Result<Option<T>> {
    match read {
        Ok(found) => Ok(Some(found)),
        Err(e) if e.code == ErrorCode::Forbidden => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `read` found the record for `ctx` (refused as another community's: no).
pub fn seen<T>(read: Result<T>) -> Result<bool> {
    Ok(if_seen(read)?.is_some())
}

/// Refuses `ctx` a record (named `what`) that `seen` says is another community's.
pub fn check(ctx: &Ctx, what: &str, seen: bool) -> Result<()> {
    match &ctx.scope {
        Some(s) if !seen => Err(AppError::new(
            ErrorCode::Forbidden,
            format!(
                "{what}不属于{}：社区账号只能查看和修改本社区的记录",
                s.community
            ),
        )),
        _ => Ok(()),
    }
}

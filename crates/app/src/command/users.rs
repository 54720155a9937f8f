//! 用户与权限.

use super::{command, Command};
use crate::{
    core::user::Role,
    user::{self, UserRow},
};

pub const ALL: &[Command] = &[
    command!(users.list() -> Vec<UserRow>, Read, |db, _| user::list(db)),
    command!(
        /// `unit_id`: the 社区/村 whose part alone the user keeps; null for the 街道.
        users.add(name: String, role: Role, password: String, unit_id: Option<i64>) -> i64, Configure,
        |db, ctx| user::add(db, ctx, &name, (role, unit_id), &password)
    ),
    command!(users.set_password(id: i64, password: String) -> (), Configure, |db, ctx| user::set_password(db, ctx, id, &password)),
    command!(users.remove(id: i64) -> (), Configure, |db, ctx| user::remove(db, ctx, id)),
];

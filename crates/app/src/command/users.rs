//! 用户与权限.

use super::{command, Command};
use crate::{
    core::user::Role,
    user::{self, UserRow},
};

pub const ALL: &[Command] = &[
    command!(users.list() -> Vec<UserRow>, Read, |db, _| user::list(db)),
    command!(users.add(name: String, role: Role, password: String) -> i64, Configure, |db, ctx| user::add(db, ctx, &name, role, &password)),
    command!(users.set_password(id: i64, password: String) -> (), Configure, |db, ctx| user::set_password(db, ctx, id, &password)),
    command!(users.remove(id: i64) -> (), Configure, |db, ctx| user::remove(db, ctx, id)),
];

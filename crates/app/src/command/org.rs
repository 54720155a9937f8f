//! 组织架构.

use crate::files::Upload;

use super::{command, Command};
use crate::{
    db::org::OrgNode,
    org::{self, sheet::TreeImport, Merged, OrgInput},
};

pub const ALL: &[Command] = &[
    command!(org.tree() -> Vec<OrgNode>, Read + Community, |db, _| org::tree(db)),
    command!(org.add(input: OrgInput) -> i64, Write, |db, ctx| org::add(db, ctx, &input)),
    command!(org.rename(id: i64, name: String) -> (), Configure, |db, ctx| org::rename(db, ctx, id, &name)),
    command!(org.move_to(id: i64, parent_id: i64) -> (), Configure, |db, ctx| org::move_to(db, ctx, id, parent_id)),
    command!(
        /// Which 社区/村 a party organisation serves (null: none); its members are that
        /// community's (数据权限).
        org.set_serves(id: i64, community_id: Option<i64>) -> (), Configure,
        |db, ctx| org::set_serves(db, ctx, id, community_id)
    ),
    command!(org.merge(from: i64, into: i64) -> Merged, Configure, |db, ctx| org::merge(db, ctx, from, into)),
    command!(org.remove(id: i64) -> (), Configure, |db, ctx| org::remove(db, ctx, id)),
    command!(
        /// The 组织架构 list higher levels send; `dry_run` checks without writing.
        org.import_sheet(path: Upload, dry_run: bool) -> TreeImport, Write,
        |db, ctx| org::sheet::import(db, ctx, &path, dry_run)
    ),
];

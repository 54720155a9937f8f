//! 组织架构: the organisation tree as the UI's selects and filters need it, and editing it —
//! add, rename, move, merge, remove — each one transaction with its audit entry.
//!
//! Adding a unit is open to whoever may write (an import creates the branches its file names);
//! renaming, moving, merging and removing change what every register points at, so they are a
//! 管理员's.

pub mod sheet;

use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    org::{OrgKind, MAX_NAME},
    party_member::normalise_text,
};
use taizhang_db::{org::OrgNode, rusqlite::Transaction, Db};
use ts_rs::TS;

use crate::{audit, user, AppError, Ctx, ErrorCode, Result};

/// The unit's name in the audit trail and the recycle bin.
pub const ENTITY: &str = "组织";

/// Every node, parents first.
pub fn tree(db: &Db) -> Result<Vec<OrgNode>> {
    Ok(taizhang_db::org::all(db.conn())?)
}

/// A unit to add: its kind, its name, and the unit it hangs under (none for a root).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrgInput {
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    pub name: String,
}

/// A name as it will be stored, or why it cannot be.
fn clean_name(name: &str) -> Result<String> {
    let name = normalise_text(name);
    if name.is_empty() {
        return Err(AppError::field("name", "请填写组织名称"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(AppError::field(
            "name",
            format!("组织名称不能超过 {MAX_NAME} 个字"),
        ));
    }
    Ok(name)
}

fn node(tx: &Transaction, id: i64) -> Result<OrgNode> {
    taizhang_db::org::get(tx, id)?.ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            format!("找不到组织（编号 {id}），可能已被删除"),
        )
    })
}

/// Refuses a parent that a unit of `kind` cannot hang under.
fn check_parent(kind: OrgKind, parent: Option<&OrgNode>) -> Result<()> {
    let allowed = kind.parents();
    match parent {
        None if allowed.is_empty() => Ok(()),
        None => Err(AppError::field(
            "parent_id",
            format!("{}须设在{}之下", kind.label(), kind.parents_text()),
        )),
        Some(p) if allowed.contains(&p.kind) => Ok(()),
        Some(p) if allowed.is_empty() => Err(AppError::field(
            "parent_id",
            format!("{}是最上级，不能设在“{}”之下", kind.label(), p.name),
        )),
        Some(p) => Err(AppError::field(
            "parent_id",
            format!(
                "{}不能设在{}“{}”之下，应在{}之下",
                kind.label(),
                p.kind.label(),
                p.name,
                kind.parents_text()
            ),
        )),
    }
}

/// A sibling of the same name, active or in the recycle bin, is refused with what to do.
fn refuse_taken(tx: &Transaction, parent_id: Option<i64>, name: &str, except: i64) -> Result<()> {
    match taizhang_db::org::sibling_named(tx, parent_id, name)? {
        Some((id, _)) if id == except => Ok(()),
        Some((_, false)) => Err(AppError::field(
            "name",
            format!("同一上级下已有名为“{name}”的组织"),
        )),
        Some((_, true)) => Err(AppError::field(
            "name",
            format!("回收站中有同一上级下的“{name}”，请到回收站恢复它，或换一个名称"),
        )),
        None => Ok(()),
    }
}

/// Adds a unit in `tx` (an import adds the units its file names in its own transaction, with
/// the ids its preview gave them: `as_id`).
pub(crate) fn add_in(
    tx: &Transaction,
    ctx: &Ctx,
    as_id: Option<i64>,
    input: &OrgInput,
) -> Result<i64> {
    let name = clean_name(&input.name)?;
    let parent = input.parent_id.map(|p| node(tx, p)).transpose()?;
    check_parent(input.kind, parent.as_ref())?;
    refuse_taken(tx, input.parent_id, &name, 0)?;
    let id = taizhang_db::org::insert(tx, input.parent_id, input.kind, &name)?;
    if as_id.is_some_and(|want| want != id) {
        return Err(AppError::conflict(
            "组织架构在预览之后有变动，请重新预览再导入",
        ));
    }
    let under = parent.map_or(String::new(), |p| format!("（{}之下）", p.name));
    audit::note(
        tx,
        ctx,
        AuditAction::Create,
        ENTITY,
        id,
        format!("新增{} {name}{under}", input.kind.label()),
    )?;
    Ok(id)
}

/// `taizhang org add`, 组织架构 → 新增: returns the new unit's id.
pub fn add(db: &mut Db, ctx: &Ctx, input: &OrgInput) -> Result<i64> {
    db.write(|tx| add_in(tx, ctx, None, input))
}

/// Renames a unit; every record keeps pointing at it.
pub fn rename(db: &mut Db, ctx: &Ctx, id: i64, name: &str) -> Result<()> {
    user::may_configure(db, ctx)?;
    let name = clean_name(name)?;
    db.write(|tx| {
        let n = node(tx, id)?;
        if n.name == name {
            return Ok(());
        }
        refuse_taken(tx, n.parent_id, &name, id)?;
        taizhang_db::org::rename(tx, id, &name)?;
        audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, id),
            format!("{} {} 改名为 {name}", n.kind.label(), n.name),
            &serde_json::json!({ "name": n.name }),
            &serde_json::json!({ "name": name }),
        )
    })
}

/// Says which 社区/村 a party organisation serves (`None`: none — the 街道's own): that
/// community's users see the members of its branches (数据权限).
pub fn set_serves(db: &mut Db, ctx: &Ctx, id: i64, community: Option<i64>) -> Result<()> {
    user::may_configure(db, ctx)?;
    db.write(|tx| {
        let n = node(tx, id)?;
        if !n.kind.can_serve() {
            return Err(AppError::field(
                "serves_id",
                format!(
                    "{}是{}：只有党委、党总支、党支部才服务某个社区/村",
                    n.name,
                    n.kind.label()
                ),
            ));
        }
        let served = match community {
            Some(c) => {
                let c = node(tx, c)?;
                if c.kind != OrgKind::Community {
                    return Err(AppError::field(
                        "serves_id",
                        format!("{}不是社区/村", c.name),
                    ));
                }
                c.name
            }
            None => "（无）".to_owned(),
        };
        if n.serves_id == community {
            return Ok(());
        }
        taizhang_db::org::set_serves(tx, id, community)?;
        audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, id),
            format!("{} 所服务的社区改为 {served}", n.name),
            &serde_json::json!({ "serves_id": n.serves_id }),
            &serde_json::json!({ "serves_id": community }),
        )
    })
}

/// Hangs a unit, with everything under it, under another parent.
pub fn move_to(db: &mut Db, ctx: &Ctx, id: i64, parent_id: i64) -> Result<()> {
    user::may_configure(db, ctx)?;
    db.write(|tx| {
        let n = node(tx, id)?;
        let parent = node(tx, parent_id)?;
        if n.parent_id == Some(parent_id) {
            return Ok(());
        }
        if taizhang_db::org::is_within(tx, parent_id, id)? {
            return Err(AppError::field(
                "parent_id",
                format!("不能把“{}”移到它自己或它的下级之下", n.name),
            ));
        }
        check_parent(n.kind, Some(&parent))?;
        refuse_taken(tx, Some(parent_id), &n.name, id)?;
        let old_parent = n
            .parent_id
            .map(|p| node(tx, p).map(|p| p.name))
            .transpose()?
            .unwrap_or_default();
        taizhang_db::org::move_under(tx, id, parent_id)?;
        audit::change(
            tx,
            ctx,
            AuditAction::Update,
            (ENTITY, id),
            format!("{} {} 移到 {} 之下", n.kind.label(), n.name, parent.name),
            &serde_json::json!({ "parent": old_parent }),
            &serde_json::json!({ "parent": parent.name }),
        )
    })
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Merged {
    /// Records and child units now pointing at the survivor.
    pub moved: u32,
}

/// Merges `from` into `into` (the survivor): every record and child unit of `from` moves over,
/// then `from` goes to the recycle bin. One transaction, audited on both units.
pub fn merge(db: &mut Db, ctx: &Ctx, from: i64, into: i64) -> Result<Merged> {
    user::may_configure(db, ctx)?;
    if from == into {
        return Err(AppError::field("into", "不能把一个组织合并到它自己"));
    }
    db.write(|tx| {
        let (a, b) = (node(tx, from)?, node(tx, into)?);
        if a.kind != b.kind {
            return Err(AppError::field(
                "into",
                format!(
                    "只能合并同类组织：“{}”是{}，“{}”是{}",
                    a.name,
                    a.kind.label(),
                    b.name,
                    b.kind.label()
                ),
            ));
        }
        if taizhang_db::org::is_within(tx, into, from)? {
            return Err(AppError::field(
                "into",
                format!("“{}”在“{}”之下，不能合并", b.name, a.name),
            ));
        }
        // Children keep their names; two children of one name under the survivor would clash.
        let children = |parent: i64| -> Result<Vec<String>> {
            Ok(taizhang_db::org::all(tx)?
                .into_iter()
                .filter(|n| n.parent_id == Some(parent))
                .map(|n| n.name)
                .collect())
        };
        let theirs = children(into)?;
        let clashes: Vec<String> = children(from)?
            .into_iter()
            .filter(|n| theirs.contains(n))
            .collect();
        if !clashes.is_empty() {
            return Err(AppError::conflict(format!(
                "“{}”和“{}”之下都有：{}；请先把其中一方改名或合并，再合并这两个组织",
                a.name,
                b.name,
                clashes.join("、")
            )));
        }
        let moved = taizhang_db::org::reassign(tx, from, into)?;
        taizhang_db::org::set_deleted(tx, from, Some(&ctx.actor))?;
        let summary = format!(
            "{} {} 合并到 {}，转移 {moved} 条记录",
            a.kind.label(),
            a.name,
            b.name
        );
        audit::note(tx, ctx, AuditAction::Merge, ENTITY, from, summary.clone())?;
        audit::note(tx, ctx, AuditAction::Merge, ENTITY, into, summary)?;
        Ok(Merged {
            moved: moved as u32,
        })
    })
}

/// Moves a unit to the recycle bin; refused, saying what refers to it, while anything does.
pub fn remove(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    user::may_configure(db, ctx)?;
    db.write(|tx| {
        let n = node(tx, id)?;
        let uses = taizhang_db::org::references(tx, id)?;
        if !uses.is_empty() {
            let what: Vec<String> = uses.iter().map(|(w, c)| format!("{w} {c} 条")).collect();
            return Err(AppError::conflict(format!(
                "“{}”仍被使用：{}（含回收站中的记录）；请先把它们移到别处，或把它合并到另一个组织",
                n.name,
                what.join("、")
            )));
        }
        taizhang_db::org::set_deleted(tx, id, Some(&ctx.actor))?;
        audit::note(
            tx,
            ctx,
            AuditAction::Delete,
            ENTITY,
            id,
            format!("删除{} {}", n.kind.label(), n.name),
        )
    })
}

/// Puts a unit back from the recycle bin, under its parent, which must be there.
pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    db.write(|tx| {
        let n = taizhang_db::org::get_deleted(tx, id)?.ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, "回收站中没有这个组织，可能已经恢复")
        })?;
        if let Some(p) = n.parent_id {
            if taizhang_db::org::get(tx, p)?.is_none() {
                return Err(AppError::conflict(format!(
                    "“{}”的上级组织也在回收站中，请先恢复上级",
                    n.name
                )));
            }
        }
        taizhang_db::org::set_deleted(tx, id, None)?;
        audit::note(
            tx,
            ctx,
            AuditAction::Restore,
            ENTITY,
            id,
            format!("恢复{} {}", n.kind.label(), n.name),
        )
    })
}

/// Where a unit goes when nothing names its parent: a root stays a root; a 社区/村 under the
/// street, a party unit under the 党工委, when the office has exactly one.
pub(crate) fn usual_parent(
    tree: &[OrgNode],
    kind: OrgKind,
) -> std::result::Result<Option<i64>, String> {
    let allowed = kind.parents();
    if allowed.is_empty() {
        return Ok(None);
    }
    let root = if kind.is_party() {
        OrgKind::PartyWorkingCommittee
    } else {
        OrgKind::Street
    };
    let candidates: Vec<&OrgNode> = tree
        .iter()
        .filter(|n| n.kind == root && allowed.contains(&root))
        .collect();
    match candidates.as_slice() {
        [one] => Ok(Some(one.id)),
        _ => Err(format!(
            "{}须设在{}之下，请填写上级组织",
            kind.label(),
            kind.parents_text()
        )),
    }
}

/// [`usual_parent`] of the office's tree, for a unit added without a parent.
pub fn default_parent(db: &Db, kind: OrgKind) -> Result<Option<i64>> {
    usual_parent(&tree(db)?, kind).map_err(|why| AppError::field("parent_id", why))
}

/// A unit by its name: exactly one active unit of that name, else an error naming the choice.
pub fn find(db: &Db, name: &str) -> Result<OrgNode> {
    let name = normalise_text(name);
    let all = tree(db)?;
    let hits: Vec<&OrgNode> = all.iter().filter(|n| n.name == name).collect();
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(AppError::new(
            ErrorCode::NotFound,
            format!("没有名为“{name}”的组织"),
        )),
        many => Err(AppError::conflict(format!(
            "有 {} 个组织名为“{name}”，请用编号指明：{}",
            many.len(),
            many.iter()
                .map(|n| format!("{}（{}，编号 {}）", n.name, n.kind.label(), n.id))
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

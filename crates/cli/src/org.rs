//! `taizhang org …`: the organisation tree (组织架构) — list, add, rename, move, merge, remove,
//! and a tree read from the list higher levels send.

use std::path::PathBuf;

use clap::Subcommand;
use taizhang_app::{
    core::org::OrgKind,
    org::{self, OrgInput},
    AppError, Ctx, Db,
};

use crate::print_json;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// 列出组织架构（缩进表示上下级；编号用于其他命令）
    List {
        #[arg(long)]
        json: bool,
    },
    /// 新增组织：名称、类型（党支部、党总支、党委、社区/村、网格、党小组…），上级组织名称或编号
    Add {
        name: String,
        /// 组织类型；不给时按名称结尾判断（…党支部、…社区、…网格）
        #[arg(long)]
        kind: Option<String>,
        /// 上级组织（名称或编号）；不给时社区/村设在街道下、党组织设在党工委下
        #[arg(long)]
        parent: Option<String>,
    },
    /// 改名（所有记录仍指向该组织）
    Rename { org: String, new_name: String },
    /// 移到另一个上级之下（连同其下级）
    Move { org: String, parent: String },
    /// 党组织所服务的社区/村（数据权限：该社区的账号可见其党员）；COMMUNITY 写“无”则取消
    Serve { org: String, community: String },
    /// 合并：FROM 的党员、房屋、会议、人才和下级组织全部转到 INTO，FROM 移入回收站
    Merge { from: String, into: String },
    /// 删除到回收站（仍有记录或下级组织时拒绝，并说明是哪些）
    Remove { org: String },
    /// 从上级下发的组织架构表导入（组织名称、组织类型、上级组织），补齐本单位没有的组织
    Import {
        file: PathBuf,
        /// 只检查，不写入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

/// A unit named on the command line: its id (a number), else its unique name.
fn unit(db: &Db, text: &str) -> Result<i64, AppError> {
    match text.trim().parse::<i64>() {
        Ok(id) => Ok(id),
        Err(_) => Ok(org::find(db, text)?.id),
    }
}

pub fn run(db: &mut Db, ctx: &Ctx, command: OrgCommand) -> Result<(), AppError> {
    match command {
        OrgCommand::List { json } => {
            let tree = org::tree(db)?;
            if json {
                print_json(&tree);
                return Ok(());
            }
            let depth = |mut id: Option<i64>| {
                let mut d = 0;
                while let Some(n) = id.and_then(|i| tree.iter().find(|n| n.id == i)) {
                    id = n.parent_id;
                    d += 1;
                }
                d
            };
            // Parents before children, each subtree together.
            fn walk(
                tree: &[taizhang_app::db::org::OrgNode],
                parent: Option<i64>,
                out: &mut Vec<i64>,
            ) {
                for n in tree.iter().filter(|n| n.parent_id == parent) {
                    out.push(n.id);
                    walk(tree, Some(n.id), out);
                }
            }
            let mut order = Vec::new();
            walk(&tree, None, &mut order);
            for id in order {
                if let Some(n) = tree.iter().find(|n| n.id == id) {
                    println!(
                        "{:>5}  {}{}（{}）",
                        n.id,
                        "  ".repeat(depth(n.parent_id)),
                        n.name,
                        n.kind.label()
                    );
                }
            }
        }
        OrgCommand::Add { name, kind, parent } => {
            let kind = match kind {
                Some(k) => OrgKind::from_label(&k)
                    .or_else(|| {
                        OrgKind::ALL
                            .iter()
                            .copied()
                            .find(|o| o.label().contains(&*k))
                    })
                    .ok_or_else(|| {
                        AppError::field(
                            "kind",
                            format!("组织类型“{k}”应为：{}", OrgKind::LABELS.join("、")),
                        )
                    })?,
                None => OrgKind::from_name(&name).ok_or_else(|| {
                    AppError::field(
                        "kind",
                        format!("无法从名称判断“{name}”的类型，请用 --kind 指明"),
                    )
                })?,
            };
            let parent_id = match parent {
                Some(p) => Some(unit(db, &p)?),
                None => org::default_parent(db, kind)?,
            };
            let id = org::add(
                db,
                ctx,
                &OrgInput {
                    parent_id,
                    kind,
                    name: name.clone(),
                },
            )?;
            println!("已新增{}：{name}（编号 {id}）", kind.label());
        }
        OrgCommand::Rename {
            org: which,
            new_name,
        } => {
            let id = unit(db, &which)?;
            org::rename(db, ctx, id, &new_name)?;
            println!("已改名为 {new_name}");
        }
        OrgCommand::Serve {
            org: which,
            community,
        } => {
            let id = unit(db, &which)?;
            let served = match community.trim() {
                "无" => None,
                named => Some(unit(db, named)?),
            };
            org::set_serves(db, ctx, id, served)?;
            println!("已设置：{which} 所服务的社区为 {community}");
        }
        OrgCommand::Move { org: which, parent } => {
            let (id, parent_id) = (unit(db, &which)?, unit(db, &parent)?);
            org::move_to(db, ctx, id, parent_id)?;
            println!("已移动");
        }
        OrgCommand::Merge { from, into } => {
            let (from, into) = (unit(db, &from)?, unit(db, &into)?);
            let merged = org::merge(db, ctx, from, into)?;
            println!("已合并，转移 {} 条记录", merged.moved);
        }
        OrgCommand::Remove { org: which } => {
            let id = unit(db, &which)?;
            org::remove(db, ctx, id)?;
            println!("已删除到回收站");
        }
        OrgCommand::Import {
            file,
            dry_run,
            json,
        } => {
            let out = org::sheet::import(db, ctx, &file, dry_run)?;
            if json {
                print_json(&out);
                return Ok(());
            }
            for r in out.rows.iter().filter(|r| r.outcome != "已有") {
                let reason = if r.reason.is_empty() {
                    String::new()
                } else {
                    format!("：{}", r.reason)
                };
                println!("第 {} 行\t{}\t{}{reason}", r.row, r.outcome, r.name);
            }
            println!(
                "{}新增 {}，已有 {}，错误 {}",
                if dry_run {
                    "（试运行，未写入）"
                } else {
                    ""
                },
                out.added,
                out.existing,
                out.errors
            );
        }
    }
    Ok(())
}

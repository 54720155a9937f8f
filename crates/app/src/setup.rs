//! Opening the database and the first run: an office sets itself up, or loads the demo office.

use std::path::Path;

use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction, backup::Reason, org::OrgKind, party_member::normalise_text,
};
use taizhang_db::{
    audit::{self, NewEntry},
    dict, org,
    rusqlite::Transaction,
    setting, Db,
};
use ts_rs::TS;

use crate::{demo, AppError, Ctx, Result};

/// Opens the database (creating it as needed; `key` is its password when it is encrypted) with
/// the built-in dictionaries; a database from an older Taizhang is backed up ("升级前") before
/// its schema changes.
pub fn open(path: &Path, key: Option<&str>) -> Result<Db> {
    // What a run killed half-way left unpacked beside the database goes first.
    crate::workdir::sweep(path);
    let mut db = Db::open_unmigrated(path, key)?;
    if let Some(version) = db.pending_migration()? {
        tracing::info!(version, "backing up before migrating");
        crate::backup::take(&db, Reason::BeforeMigration)?;
    }
    db.migrate()?;
    db.write(dict::seed_builtin)?;
    Ok(db)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SetupStatus {
    pub initialized: bool,
    pub office_name: String,
    /// The database file; empty when asked from another PC (the host's folders are its own).
    pub db_path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CommunityInput {
    pub name: String,
    pub grids: Vec<String>,
}

/// The short first-run set-up: the office, its communities and grids, its party branches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SetupInput {
    pub office_name: String,
    pub communities: Vec<CommunityInput>,
    pub branches: Vec<String>,
}

pub fn status(db: &Db) -> Result<SetupStatus> {
    let office_name = setting::get(db.conn(), setting::OFFICE_NAME)?;
    Ok(SetupStatus {
        initialized: office_name.is_some(),
        office_name: office_name.unwrap_or_default(),
        db_path: db
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "（内存数据库）".into()),
    })
}

fn refuse_if_initialized(db: &Db) -> Result<()> {
    if status(db)?.initialized {
        return Err(AppError::conflict("本数据库已经初始化，不能重复初始化"));
    }
    Ok(())
}

/// Creates the office's trees from the set-up form, in one transaction.
pub fn initialize(db: &mut Db, ctx: &Ctx, input: SetupInput) -> Result<()> {
    refuse_if_initialized(db)?;
    let office = normalise_text(&input.office_name);
    if office.is_empty() {
        return Err(AppError::field("office_name", "请填写街道（乡镇）名称"));
    }
    let clean = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| normalise_text(n))
            .filter(|n| !n.is_empty())
            .collect()
    };
    let branches = clean(&input.branches);
    if branches.is_empty() {
        return Err(AppError::field("branches", "请至少填写一个党支部"));
    }
    db.write(|tx| {
        write_office(tx, &office)?;
        let street = org::insert(tx, None, OrgKind::Street, &office)?;
        for c in &input.communities {
            let name = normalise_text(&c.name);
            if name.is_empty() {
                continue;
            }
            let community = org::insert(tx, Some(street), OrgKind::Community, &name)?;
            for g in clean(&c.grids) {
                org::insert(tx, Some(community), OrgKind::Grid, &g)?;
            }
        }
        let committee = org::insert(
            tx,
            None,
            OrgKind::PartyWorkingCommittee,
            &format!("{office}党工委"),
        )?;
        for b in &branches {
            org::insert(tx, Some(committee), OrgKind::Branch, b)?;
        }
        audit_setup(tx, ctx, format!("初始化 {office}"))
    })
}

/// Fills an empty database with the demo office (交口街道), in one transaction.
pub fn load_demo(db: &mut Db, ctx: &Ctx) -> Result<usize> {
    refuse_if_initialized(db)?;
    db.write(|tx| {
        let n = demo::write(tx, ctx.today, demo::DEMO_MEMBERS)?;
        demo::write_meetings(tx, ctx.today)?;
        demo::write_points(tx, ctx.today)?;
        demo::write_people(tx, ctx.today)?;
        demo::write_houses(tx, ctx.today)?;
        demo::write_grid(tx, ctx.today)?;
        demo::write_disputes(tx, ctx.today)?;
        write_office(tx, demo::OFFICE)?;
        audit_setup(
            tx,
            ctx,
            format!("载入演示数据：{}，{n} 名党员", demo::OFFICE),
        )?;
        Ok(n)
    })
}

fn write_office(tx: &Transaction, name: &str) -> taizhang_db::Result<()> {
    setting::set(tx, setting::OFFICE_NAME, name)
}

fn audit_setup(tx: &Transaction, ctx: &Ctx, summary: String) -> Result<()> {
    audit::record(
        tx,
        NewEntry {
            actor: &ctx.actor,
            place: &ctx.place,
            action: AuditAction::Setup,
            entity: "系统",
            entity_id: 0,
            summary,
            changes: Default::default(),
        },
    )?;
    Ok(())
}

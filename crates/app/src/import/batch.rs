//! Applying a preview as one import batch, and undoing a batch as a whole.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use taizhang_core::{
    audit::AuditAction,
    progress::{Progress, Stage},
};
use taizhang_db::{
    audit::{self, NewEntry},
    import_batch::{self, Change, ChangeAction, NewBatch},
    rusqlite::Transaction,
    Db,
};
use ts_rs::TS;

use super::{
    plan::{Plan, RowKind},
    target::Target,
};
use crate::{AppError, Ctx, Result};

/// The batch's entity in the audit trail.
pub const ENTITY: &str = "导入批次";

/// Which kinds of rows to apply; error rows never are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Choice {
    pub new: bool,
    pub changed: bool,
    pub conflicts: bool,
}

impl Default for Choice {
    /// New and changed records; conflicts only when asked for.
    fn default() -> Self {
        Self {
            new: true,
            changed: true,
            conflicts: false,
        }
    }
}

impl Choice {
    /// `new,changed,conflicts` as the command line writes it.
    pub fn parse(list: &str) -> Result<Self> {
        let mut c = Self {
            new: false,
            changed: false,
            conflicts: false,
        };
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "new" => c.new = true,
                "changed" => c.changed = true,
                "conflicts" => c.conflicts = true,
                other => {
                    return Err(AppError::new(
                        crate::ErrorCode::Validation,
                        format!("--apply 只能包含 new、changed、conflicts，不认识“{other}”"),
                    ))
                }
            }
        }
        Ok(c)
    }

    fn takes(self, kind: RowKind) -> bool {
        match kind {
            RowKind::New => self.new,
            RowKind::Changed => self.changed,
            RowKind::Conflict => self.conflicts,
            RowKind::Unchanged | RowKind::Error => false,
        }
    }
}

/// The file an import came from.
pub(super) struct Source<'a> {
    pub register: &'a str,
    pub file_name: &'a str,
    pub content_hash: &'a str,
}

/// Writes the chosen rows in one transaction and records them as a batch. Returns the batch id
/// (None when nothing was chosen) and the number of records written.
pub(super) fn apply<T: Target>(
    db: &mut Db,
    ctx: &Ctx,
    plan: &Plan<T::Input>,
    choice: Choice,
    source: &Source,
    progress: &dyn Progress,
) -> Result<(Option<i64>, u32)> {
    let chosen: Vec<_> = plan
        .steps
        .iter()
        .filter(|s| choice.takes(s.kind) && !s.superseded)
        .collect();
    if chosen.is_empty() {
        return Ok((None, 0));
    }
    let p = &plan.preview;
    let sheets: Vec<&str> = p
        .report
        .sheets
        .iter()
        .filter(|s| s.skipped.is_none())
        .map(|s| s.name.as_str())
        .collect();
    let count = |kind: RowKind| chosen.iter().filter(|s| s.kind == kind).count() as u32;
    let batch = NewBatch {
        register: source.register,
        file_name: source.file_name,
        content_hash: source.content_hash,
        sheets: &sheets.join("、"),
        created: chosen
            .iter()
            .filter(|s| s.stored.as_ref().is_none_or(|s| s.deleted))
            .count() as u32,
        changed: count(RowKind::Changed),
        unchanged: p.unchanged,
        conflicts: count(RowKind::Conflict),
        errors: p.report.rows.error,
        actor: &ctx.actor,
    };
    db.write(|tx| {
        taizhang_db::bulk::run(tx, || {
            // The batch row first, so each record's change is written as it is made (a large
            // import never holds every before/after in memory).
            let batch_id = import_batch::insert(tx, &batch)?;
            super::orgs::create(tx, ctx, &plan.new_units)?;
            for (dict, value) in &plan.new_dict_entries {
                crate::dict::add(tx, ctx, *dict, value)?;
            }
            for (i, step) in chosen.iter().enumerate() {
                if progress.stop_at(Stage::Write, i, chosen.len()) {
                    return Err(AppError::cancelled());
                }
                let (action, id, before) = match &step.stored {
                    None => (
                        ChangeAction::Create,
                        T::write(tx, ctx, None, &step.input)?,
                        None,
                    ),
                    Some(s) if s.deleted => {
                        T::write(tx, ctx, Some(s.id), &step.input)?;
                        T::set_deleted(tx, ctx, s.id, false)?;
                        (ChangeAction::Restore, s.id, Some(&s.input))
                    }
                    Some(s) => {
                        T::write(tx, ctx, Some(s.id), &step.input)?;
                        (ChangeAction::Update, s.id, Some(&s.input))
                    }
                };
                // 待补录: set for a record still lacking fields, cleared for one now complete.
                if !step.lacking.is_empty() || step.stored.is_some() {
                    taizhang_db::incomplete::set(tx, T::ENTITY, id, &step.lacking)?;
                }
                let before = before.map(json);
                let after = json(&step.input);
                record_change::<T>(
                    tx,
                    ctx,
                    id,
                    AuditAction::Import,
                    format!("导入（{}）", source.file_name),
                    before.as_ref(),
                    &after,
                )?;
                import_batch::add_change(
                    tx,
                    batch_id,
                    &Change {
                        entity_id: id,
                        action,
                        before: before.map(|b| b.to_string()),
                        after: after.to_string(),
                    },
                )?;
            }
            // Written last: any entry on these records after this one is a later edit.
            let audit_id = audit::record(
                tx,
                NewEntry {
                    actor: &ctx.actor,
                    place: &ctx.place,
                    action: AuditAction::Import,
                    entity: ENTITY,
                    entity_id: batch_id,
                    summary: format!(
                        "导入{}：{}，写入 {} 条",
                        T::ENTITY,
                        source.file_name,
                        chosen.len()
                    ),
                    changes: Default::default(),
                },
            )?;
            import_batch::set_audit_id(tx, batch_id, audit_id)?;
            Ok((Some(batch_id), chosen.len() as u32))
        })
    })
}

/// Puts back what a batch changed: records it created go to the recycle bin, records it changed
/// get their earlier values. Refused when any of them was edited after the batch.
pub(super) fn undo<T: Target>(db: &mut Db, ctx: &Ctx, batch_id: i64) -> Result<u32> {
    let (batch, audit_id) = import_batch::get(db.conn(), batch_id)?;
    if let Some(at) = &batch.undone_at {
        return Err(AppError::conflict(format!(
            "导入批次 {batch_id} 已于 {at} 撤销过"
        )));
    }
    let changes = import_batch::changes(db.conn(), batch_id)?;
    let mut edited = Vec::new();
    for c in &changes {
        if let Some((at, actor, summary)) = T::later_edit(db.conn(), c.entity_id, audit_id)? {
            edited.push(format!("{at} {actor}：{summary}"));
        }
    }
    if !edited.is_empty() {
        let shown: Vec<&str> = edited.iter().take(5).map(String::as_str).collect();
        return Err(AppError::conflict(format!(
            "无法撤销导入批次 {batch_id}：其中 {} 条记录在导入后又被修改过（{}{}）。请先撤销之后的导入或手动处理这些记录",
            edited.len(),
            shown.join("；"),
            if edited.len() > shown.len() { "……" } else { "" }
        )));
    }
    db.write(|tx| {
        taizhang_db::bulk::run(tx, || {
            for c in changes.iter().rev() {
                let after: Value = serde_json::from_str(&c.after).unwrap_or_default();
                let before = c
                    .before
                    .as_deref()
                    .map(serde_json::from_str::<T::Input>)
                    .transpose()
                    .map_err(|e| {
                        AppError::new(
                            crate::ErrorCode::Database,
                            format!("导入批次 {batch_id} 的记录无法读取（{e}），无法撤销"),
                        )
                    })?;
                if let Some(before) = &before {
                    T::write(tx, ctx, Some(c.entity_id), before)?;
                }
                if c.action != ChangeAction::Update {
                    T::set_deleted(tx, ctx, c.entity_id, true)?;
                }
                record_change::<T>(
                    tx,
                    ctx,
                    c.entity_id,
                    AuditAction::UndoImport,
                    format!("撤销导入批次 {batch_id}（{}）", batch.file_name),
                    Some(&after),
                    &before.as_ref().map(json).unwrap_or(Value::Null),
                )?;
            }
            import_batch::mark_undone(tx, batch_id, &ctx.actor)?;
            audit::record(
                tx,
                NewEntry {
                    actor: &ctx.actor,
                    place: &ctx.place,
                    action: AuditAction::UndoImport,
                    entity: ENTITY,
                    entity_id: batch_id,
                    summary: format!(
                        "撤销导入批次 {batch_id}（{}），{} 条记录已还原",
                        batch.file_name,
                        changes.len()
                    ),
                    changes: Default::default(),
                },
            )?;
            Ok(changes.len() as u32)
        })
    })
}

fn json<I: Serialize>(input: &I) -> Value {
    serde_json::to_value(input).unwrap_or_default()
}

/// One record's entry in the audit trail, with its fields before → after.
fn record_change<T: Target>(
    tx: &Transaction,
    ctx: &Ctx,
    id: i64,
    action: AuditAction,
    what: String,
    before: Option<&Value>,
    after: &Value,
) -> Result<()> {
    let name = after
        .get("name")
        .or_else(|| before.and_then(|b| b.get("name")))
        .and_then(Value::as_str)
        .unwrap_or_default();
    audit::record(
        tx,
        NewEntry {
            actor: &ctx.actor,
            place: &ctx.place,
            action,
            entity: T::ENTITY,
            entity_id: id,
            summary: format!("{what}：{}{name}", T::ENTITY),
            changes: crate::audit::diff(tx, before.unwrap_or(&Value::Null), after)?,
        },
    )?;
    Ok(())
}

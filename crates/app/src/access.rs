//! 访问记录: every time a full ID or phone is shown — who, when, which record, and why. Kept in
//! the audit trail as 查看完整信息 entries with the reason in their text, listed and exported on
//! their own. Who may: when the office has named users, only a 管理员 (`user::may_reveal`).

use std::path::Path;

use taizhang_core::audit::AuditAction;
use taizhang_db::{
    audit::{AuditEntry, AuditQuery},
    Db, Page,
};
use taizhang_excel::write::{self, ColumnKind, OutColumn, OutTable};

use crate::{AppError, Ctx, ErrorCode, Result};

/// The reason a clerk gives for seeing a full value, trimmed; refused when empty.
pub(crate) fn reason(reason: &str) -> Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "请填写查看原因（如：核对身份、上级要求、办理业务）",
        ));
    }
    Ok(reason)
}

/// Records that `ctx.actor` saw `what` in full, and why; refused for a user who may not.
pub(crate) fn record(
    db: &mut Db,
    ctx: &Ctx,
    (entity, entity_id): (&str, i64),
    what: String,
    why: &str,
) -> Result<()> {
    crate::user::may_reveal(db, ctx)?;
    let why = reason(why)?;
    db.write(|tx| {
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Reveal,
            entity,
            entity_id,
            format!("{what}（原因：{why}）"),
        )
    })
}

/// The access log, newest first.
pub fn list(db: &Db, page: u32, page_size: u32) -> Result<Page<AuditEntry>> {
    Ok(taizhang_db::audit::list(
        db.conn(),
        &AuditQuery {
            action: Some(AuditAction::Reveal),
            page,
            page_size,
            ..Default::default()
        },
    )?)
}

/// The whole access log to an .xlsx (for an inspection); returns the entries written.
pub fn export(db: &mut Db, ctx: &Ctx, path: &Path) -> Result<u32> {
    db.writable()?;
    let all = list(db, 1, u32::MAX)?;
    let text = |header: &str, width: f64| OutColumn {
        header: header.to_owned(),
        kind: ColumnKind::Text,
        width,
        choices: Vec::new(),
    };
    let columns = [
        text("时间", 20.0),
        text("操作人", 12.0),
        text("来自", 16.0),
        text("台账", 10.0),
        text("内容（含原因）", 70.0),
    ];
    let note = format!("导出日期：{}　　共 {} 条", ctx.today, all.total);
    let table = OutTable {
        sheet: "访问记录",
        title: "访问记录（查看完整身份证号、电话、住址）",
        note: &note,
        columns: &columns,
    };
    let rows = all.items.into_iter().map(|e| {
        let place = if e.place.is_empty() {
            "本机".to_owned()
        } else {
            e.place
        };
        vec![e.at, e.actor, place, e.entity, e.summary]
    });
    let written = write::write_table(path, &table, rows, None)
        .map_err(|why| AppError::new(ErrorCode::Io, format!("{why}（{}）", path.display())))?;
    db.write(|tx| {
        crate::audit::note(
            tx,
            ctx,
            AuditAction::Export,
            "访问记录",
            0,
            format!("导出访问记录 {written} 条"),
        )
    })?;
    Ok(written)
}

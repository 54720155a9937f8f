//! 房屋安全 use cases: houses (recycle bin, not delete), inspections with what they found,
//! rectifications moved through their status machine with every change audited, evacuations,
//! and what is overdue. The register's import and export view is `house/import.rs`.

mod attachment;
mod dashboard;
mod import;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use taizhang_core::{
    audit::AuditAction,
    built::Built,
    dict::Dict,
    form::FieldError,
    house::{
        check_move, Conclusion, HouseInput, InspectionInput, RectStatus, RectificationInput,
        StatusChange,
    },
    id_number::IdNumber,
    mask,
    org::OrgKind,
    search::SearchText,
};
use taizhang_db::{
    attachment::{Attachment, Owner},
    house::{self as table, Evacuation, HouseRow, InspectionRow, RectificationRow},
    page::Page,
    rusqlite::{Connection, Transaction},
    Db,
};
use ts_rs::TS;

pub use attachment::{attach, attachment, HouseFiles, ATTACHMENT};
pub(crate) use dashboard::tally;
pub use dashboard::{dashboard, HouseDashboard, MonthFlow, Tally};
pub use import::Houses;

use crate::{party_member::SensitiveField, AppError, Ctx, Result};

/// The register's name in the audit trail and the recycle bin; inspections, rectifications and
/// evacuations are logged under their house.
pub const ENTITY: &str = "房屋";

fn record(
    tx: &Transaction,
    ctx: &Ctx,
    action: AuditAction,
    id: i64,
    summary: String,
) -> Result<()> {
    crate::audit::note(tx, ctx, action, ENTITY, id, summary)
}

/// The list's filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct HouseQuery {
    /// Part of the address or the owner's name (pinyin initials too).
    pub search: String,
    pub community_id: Option<i64>,
    pub overdue_only: bool,
    /// Only houses an import took in without 产权人 or 结构类型 (待补录).
    pub incomplete: bool,
}

/// One page of the houses a query finds, and the two counts the list's banner and filter show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HousePage {
    pub rows: Page<HouseRow>,
    /// Rectifications past their deadline, across the register.
    pub overdue: u32,
    /// Houses 待补录 (an import took them in without 产权人 or 结构类型), across the register.
    pub incomplete: u32,
}

/// The list as the window pages it: `page` (1-based) of `page_size` houses.
pub fn page(
    db: &Db,
    ctx: &Ctx,
    q: &HouseQuery,
    (page, page_size): (u32, u32),
) -> Result<HousePage> {
    let incomplete = HouseQuery {
        incomplete: true,
        ..HouseQuery::default()
    };
    let overdue = match &ctx.scope {
        None => table::overdue_rectifications(db.conn(), ctx.today)?.len(),
        Some(_) => houses(db, ctx, &HouseQuery::default())?
            .iter()
            .map(|h| h.overdue as usize)
            .sum(),
    };
    Ok(HousePage {
        rows: taizhang_db::page::of(houses(db, ctx, q)?, page, page_size),
        overdue: overdue as u32,
        incomplete: houses(db, ctx, &incomplete)?.len() as u32,
    })
}

/// The global search's house hits: address, owner and community.
pub fn search_hits(
    db: &Db,
    ctx: &Ctx,
    text: &str,
    _: &SearchText,
) -> Result<Vec<crate::found::SearchHit>> {
    let q = HouseQuery {
        search: text.to_owned(),
        ..Default::default()
    };
    Ok(houses(db, ctx, &q)?
        .into_iter()
        .map(|h| crate::found::SearchHit {
            title: h.input.address,
            detail: format!("产权人 {} · {}", h.input.owner, h.community),
            target: crate::link::Link::House(h.id),
        })
        .collect())
}

/// Houses (not in the recycle bin) that match, owners' IDs and phones masked.
pub fn houses(db: &Db, ctx: &Ctx, q: &HouseQuery) -> Result<Vec<HouseRow>> {
    let search = q.search.trim();
    let incomplete = if q.incomplete {
        Some(taizhang_db::incomplete::ids(db.conn(), ENTITY)?)
    } else {
        None
    };
    Ok(table::all(db.conn(), ctx.today)?
        .into_iter()
        .filter(|h| !h.deleted)
        .filter(|h| crate::scope::sees(ctx, &[h.input.community_id, h.input.grid_id]))
        .filter(|h| incomplete.as_ref().is_none_or(|ids| ids.contains(&h.id)))
        .filter(|h| {
            q.community_id
                .is_none_or(|c| h.input.community_id == Some(c))
        })
        .filter(|h| !q.overdue_only || h.overdue > 0)
        .filter(|h| {
            search.is_empty()
                || h.input.address.contains(search)
                || taizhang_core::name_key::matches(&h.input.owner, search)
        })
        .map(masked)
        .collect())
}

/// Refuses `ctx` a house of another community (by its community and grid).
fn check_scope(ctx: &Ctx, h: &HouseInput) -> Result<()> {
    let seen = crate::scope::sees(ctx, &[h.community_id, h.grid_id]);
    crate::scope::check(ctx, &format!("房屋“{}”", h.address), seen)
}

/// One house as `ctx` may see it: refused when another community's.
fn in_scope(db: &Db, ctx: &Ctx, id: i64) -> Result<HouseRow> {
    let row = table::get(db.conn(), id, ctx.today)?;
    check_scope(ctx, &row.input)?;
    Ok(row)
}

pub(crate) fn masked(mut h: HouseRow) -> HouseRow {
    h.input.owner_id_number = mask::id_number(&h.input.owner_id_number);
    h.input.phone = mask::phone(&h.input.phone);
    h
}

/// Everything recorded on one house.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseDetail {
    pub house: HouseRow,
    pub inspections: Vec<InspectionRow>,
    pub rectifications: Vec<RectificationRow>,
    pub evacuations: Vec<Evacuation>,
    /// Photos and scanned documents, without their bytes.
    pub attachments: Vec<Attachment>,
    /// The 诉求 linked to it (诉求办理 tracks them; the house shows where they stand).
    pub appeals: Vec<taizhang_db::appeal::LinkedAppeal>,
    /// The required fields an import could not fill (待补录), by key.
    pub lacking: Vec<String>,
    /// The version shown (`audit::unchanged_since`): a save from it is refused once someone else
    /// has changed the house.
    pub version: i64,
}

/// One house with its history, the owner's ID and phone masked.
pub fn get(db: &Db, ctx: &Ctx, id: i64) -> Result<HouseDetail> {
    Ok(HouseDetail {
        house: masked(in_scope(db, ctx, id)?),
        inspections: table::inspections(db.conn(), id)?,
        rectifications: table::rectifications(db.conn(), id, ctx.today)?,
        evacuations: table::evacuations(db.conn(), id)?,
        attachments: taizhang_db::attachment::of(db.conn(), Owner::House, id)?,
        appeals: taizhang_db::appeal::of_house(db.conn(), id)?,
        lacking: taizhang_db::incomplete::of(db.conn(), ENTITY, id)?,
        version: taizhang_db::audit::version(db.conn(), ENTITY, id)?,
    })
}

/// The owner's full ID or phone; the reveal and its reason go to the access log.
pub fn reveal(
    db: &mut Db,
    ctx: &Ctx,
    id: i64,
    field: SensitiveField,
    reason: &str,
) -> Result<String> {
    let h = in_scope(db, ctx, id)?.input;
    let (label, value) = match field {
        SensitiveField::IdNumber => ("身份证号", h.owner_id_number),
        SensitiveField::Phone => ("联系电话", h.phone),
        SensitiveField::Address => {
            return Err(AppError::conflict("房屋地址不打码，无需查看完整信息"))
        }
    };
    crate::access::record(
        db,
        ctx,
        (ENTITY, id),
        format!("查看 {}（{}）产权人的完整{label}", h.address, h.owner),
        reason,
    )?;
    Ok(value)
}

/// A house's fields checked as a form save is: every field error, keyed by field.
fn check_house(conn: &Connection, h: &HouseInput) -> Result<Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push((field.to_owned(), message));
    if h.address.trim().is_empty() {
        err("address", "请填写房屋地址".into());
    }
    if h.owner.trim().is_empty() {
        err("owner", "请填写产权人（个人姓名或单位名称）".into());
    }
    if !h.owner_id_number.is_empty() {
        if let Err(e) = IdNumber::parse(&h.owner_id_number) {
            err("owner_id_number", e.to_string());
        }
    }
    if !taizhang_db::dict::contains(conn, Dict::Structure, &h.structure)? {
        err(
            "structure",
            format!(
                "结构类型“{}”不在字典中，可在“系统设置 → 字典”中添加",
                h.structure
            ),
        );
    }
    if h.storeys.is_some_and(|n| n == 0 || n > 60) {
        err("storeys", "层数应在 1 到 60 之间".into());
    }
    if !h.built.is_empty() {
        if let Err(e) = Built::parse(&h.built) {
            err("built", e);
        }
    }
    if !h.floor_area.is_empty() && h.floor_area.parse::<f64>().is_err() {
        err("floor_area", format!("建筑面积“{}”应为数字", h.floor_area));
    }
    let node_kind = |id: Option<i64>| -> Result<Option<OrgKind>> {
        Ok(match id {
            Some(id) => taizhang_db::org::get(conn, id)?.map(|n| n.kind),
            None => None,
        })
    };
    if h.community_id.is_some() && node_kind(h.community_id)? != Some(OrgKind::Community) {
        err("community_id", "所选组织不是社区/村，请重新选择".into());
    }
    if h.grid_id.is_some() && node_kind(h.grid_id)? != Some(OrgKind::Grid) {
        err("grid_id", "所选组织不是网格，请重新选择".into());
    }
    Ok(errors)
}

/// The owner's person record: found by ID (the same person as in every other register) or
/// added; None for a unit or an owner without ID.
pub(crate) fn owner_person(tx: &Transaction, h: &HouseInput) -> Result<Option<i64>> {
    let Ok(id) = IdNumber::parse(&h.owner_id_number) else {
        return Ok(None);
    };
    Ok(Some(taizhang_db::person::find_or_add(
        tx,
        &id,
        taizhang_db::person::Known {
            name: &h.owner,
            phone: &h.phone,
            address: &h.address,
            grid_id: h.grid_id,
        },
    )?))
}

/// Saves a house (new when `id` is None); returns its id. A masked ID or phone sent back
/// unchanged keeps the stored one.
pub fn save(db: &mut Db, ctx: &Ctx, id: Option<i64>, mut h: HouseInput) -> Result<i64> {
    check_scope(ctx, &h)?;
    let before = id
        .map(|id| in_scope(db, ctx, id))
        .transpose()?
        .map(|row| row.input);
    if let Some(before) = &before {
        mask::keep_if_masked(
            &mut h.owner_id_number,
            &before.owner_id_number,
            mask::id_number,
        );
        mask::keep_if_masked(&mut h.phone, &before.phone, mask::phone);
    }
    let errors = check_house(db.conn(), &h)?;
    if !errors.is_empty() {
        return Err(AppError::validation(
            errors
                .into_iter()
                .map(|(field, message)| FieldError { field, message })
                .collect(),
        ));
    }
    if let Some(other) = table::by_address(db.conn(), h.address.trim())? {
        if Some(other) != id {
            return Err(AppError::field(
                "address",
                format!("地址“{}”已登记过一处房屋", h.address.trim()),
            ));
        }
    }
    db.write(|tx| {
        let owner = owner_person(tx, &h)?;
        let saved = table::write(tx, id, &h, owner)?;
        // Saved through the form, the house has every required field.
        taizhang_db::incomplete::set(tx, ENTITY, saved, &[])?;
        let action = if id.is_some() {
            AuditAction::Update
        } else {
            AuditAction::Create
        };
        crate::audit::change(
            tx,
            ctx,
            action,
            (ENTITY, saved),
            format!("登记房屋：{}（{}）", h.address, h.owner),
            &before,
            &h,
        )?;
        Ok(saved)
    })
}

pub fn delete(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    let h = in_scope(db, ctx, id)?;
    db.write(|tx| {
        table::set_deleted(tx, id, Some(&ctx.actor))?;
        record(
            tx,
            ctx,
            AuditAction::Delete,
            id,
            format!("删除房屋：{}", h.input.address),
        )
    })
}

pub fn restore(db: &mut Db, ctx: &Ctx, id: i64) -> Result<()> {
    db.write(|tx| {
        table::set_deleted(tx, id, None)?;
        record(tx, ctx, AuditAction::Restore, id, "恢复房屋".into())
    })
}

fn day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field(field, format!("日期“{text}”应写成 2026-11-22")))
}

/// Records an inspection and, for what it found, the rectifications to drive to 销号 — in one
/// transaction. A house with hazards needs at least one rectification.
pub fn inspect(
    db: &mut Db,
    ctx: &Ctx,
    house_id: i64,
    i: InspectionInput,
    rectifications: Vec<RectificationInput>,
) -> Result<i64> {
    let house = in_scope(db, ctx, house_id)?;
    if day(&i.inspected_on, "inspected_on")? > ctx.today {
        return Err(AppError::field("inspected_on", "排查日期不能晚于今天"));
    }
    for h in &i.hazards {
        if !taizhang_db::dict::contains(db.conn(), Dict::Hazard, h)? {
            return Err(AppError::field(
                "hazards",
                format!("隐患类型“{h}”不在字典中，可在“系统设置 → 字典”中添加"),
            ));
        }
    }
    if i.conclusion != Conclusion::Safe && rectifications.is_empty() {
        return Err(AppError::field(
            "rectifications",
            "存在隐患的房屋需要填写整治措施、责任人和时限",
        ));
    }
    for r in &rectifications {
        day(&r.deadline, "deadline")?;
    }
    db.write(|tx| {
        let id = table::insert_inspection(tx, house_id, &i)?;
        for r in &rectifications {
            table::insert_rectification(tx, house_id, id, r)?;
        }
        record(
            tx,
            ctx,
            AuditAction::Update,
            house_id,
            format!(
                "{} 排查 {}：{}{}，整治 {} 项",
                house.input.address,
                i.inspected_on,
                i.conclusion.label(),
                if i.hazards.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", i.hazards.join("、"))
                },
                rectifications.len()
            ),
        )?;
        Ok(id)
    })
}

/// Moves a rectification to `to`, as the status machine allows ([`check_move`]); the change,
/// and the reason for going back, are in the audit trail.
pub fn move_rectification(
    db: &mut Db,
    ctx: &Ctx,
    id: i64,
    to: RectStatus,
    change: StatusChange,
) -> Result<()> {
    let r = table::rectification(db.conn(), id, ctx.today)?;
    let house = in_scope(db, ctx, r.house_id)?;
    check_move(r.status, to, &change).map_err(|e| AppError::field("status", e))?;
    if let Some(done) = change.completed_on.as_deref().filter(|d| !d.is_empty()) {
        if day(done, "completed_on")? > ctx.today {
            return Err(AppError::field("completed_on", "完成日期不能晚于今天"));
        }
    }
    db.write(|tx| {
        table::set_status(tx, id, to, &change, &ctx.today.to_string())?;
        let why = if change.reason.trim().is_empty() {
            String::new()
        } else {
            format!("，原因：{}", change.reason.trim())
        };
        record(
            tx,
            ctx,
            AuditAction::Update,
            r.house_id,
            format!(
                "{} 整治（{}{}）：{} → {}{why}",
                house.input.address,
                r.input.measure.label(),
                if r.input.hazard.is_empty() {
                    String::new()
                } else {
                    format!("，{}", r.input.hazard)
                },
                r.status.label(),
                to.label()
            ),
        )
    })
}

/// Residents moved out of a dangerous house, and where they went.
pub fn evacuate(
    db: &mut Db,
    ctx: &Ctx,
    house_id: i64,
    name: &str,
    moved_to: &str,
    moved_on: &str,
    note: &str,
) -> Result<i64> {
    let house = in_scope(db, ctx, house_id)?;
    let (name, moved_to) = (name.trim(), moved_to.trim());
    if name.is_empty() || moved_to.is_empty() {
        return Err(AppError::field("name", "请填写撤离人员姓名和安置去向"));
    }
    day(moved_on, "moved_on")?;
    db.write(|tx| {
        let id = table::insert_evacuation(tx, house_id, name, moved_to, moved_on, note.trim())?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            house_id,
            format!(
                "{} 人员撤离：{name} → {moved_to}（{moved_on}）",
                house.input.address
            ),
        )?;
        Ok(id)
    })
}

/// Open rectifications past their deadline, most overdue first, with their house.
pub fn overdue(db: &Db, ctx: &Ctx) -> Result<Vec<(RectificationRow, HouseRow)>> {
    let mut found = Vec::new();
    for r in table::overdue_rectifications(db.conn(), ctx.today)? {
        let h = table::get(db.conn(), r.house_id, ctx.today)?;
        if crate::scope::sees(ctx, &[h.input.community_id, h.input.grid_id]) {
            found.push((r, masked(h)));
        }
    }
    Ok(found)
}

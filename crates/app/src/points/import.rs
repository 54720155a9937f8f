//! The volunteer roster and service-hour sheets as the import and export engines see them.
//!
//! A service row is new or already recorded (the same volunteer, day, content and hours); a new
//! one is recorded approved and credited under the rule in force that day, within its caps.
//! Undoing the import withdraws the record (已撤回) with a reversing ledger entry, refused when
//! the points have since been spent.

use std::collections::HashMap;

use taizhang_core::{
    date::LooseDate,
    import::FieldSpec,
    points::{SERVICE_FIELDS, VOLUNTEER_FIELDS},
};
use taizhang_excel::check::Values;

use super::*;
use crate::import::{Merged, Office, Stored, Target};

/// The volunteer roster (志愿者名册): person accounts, keyed by 公民身份号码.
pub struct Volunteers;

impl Target for Volunteers {
    const CLI_NAME: &'static str = "volunteers";
    const TITLE: &'static str = "志愿者名册";
    const ENTITY: &'static str = ACCOUNT;
    const KEY: &'static str = "id_number";
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("name", "张红梅"),
        ("id_number", "141130199003150028"),
        ("phone", "13812345678"),
        ("address", "东关社区3号楼2单元"),
        ("volunteer_no", "DG-2026-001"),
        ("team", "环境卫生服务队"),
        ("registered_on", "2026-03-01"),
    ];
    type Input = AccountInput;

    fn fields() -> &'static [FieldSpec] {
        VOLUNTEER_FIELDS
    }

    fn stored(db: &Db, _: NaiveDate) -> Result<HashMap<String, Stored<AccountInput>>> {
        Ok(table::volunteers(db.conn())?
            .into_iter()
            .map(|v| {
                (
                    v.id_number.clone(),
                    Stored {
                        id: v.id,
                        deleted: v.deleted,
                        input: AccountInput {
                            kind: AccountKind::Person,
                            name: v.name,
                            id_number: v.id_number,
                            phone: v.phone,
                            address: v.address,
                            volunteer_no: v.volunteer_no.unwrap_or_default(),
                            team: v.team,
                            registered_on: v.registered_on,
                        },
                    },
                )
            })
            .collect())
    }

    fn text(_: &Office, a: &AccountInput, field: &str) -> String {
        match field {
            "name" => &a.name,
            "id_number" => &a.id_number,
            "phone" => &a.phone,
            "address" => &a.address,
            "volunteer_no" => &a.volunteer_no,
            "team" => &a.team,
            "registered_on" => &a.registered_on,
            _ => "",
        }
        .to_owned()
    }

    fn merge(
        office: &Office,
        base: Option<&AccountInput>,
        values: &Values,
        today: NaiveDate,
        _absent: &dyn Fn(&str) -> bool,
    ) -> Merged<AccountInput> {
        let mut a = base.cloned().unwrap_or_else(|| AccountInput {
            kind: AccountKind::Person,
            name: String::new(),
            id_number: String::new(),
            phone: String::new(),
            address: String::new(),
            volunteer_no: String::new(),
            team: String::new(),
            registered_on: today.to_string(),
        });
        for (field, slot) in [
            ("name", &mut a.name),
            ("id_number", &mut a.id_number),
            ("phone", &mut a.phone),
            ("address", &mut a.address),
            ("volunteer_no", &mut a.volunteer_no),
            ("team", &mut a.team),
            ("registered_on", &mut a.registered_on),
        ] {
            if let Some(v) = values.get(field) {
                *slot = v.to_owned();
            }
        }
        let mut errors = Vec::new();
        if let Some(other) = Some(a.volunteer_no.as_str())
            .filter(|n| !n.is_empty())
            .and_then(|n| office.volunteer_no_taken(n, &a.id_number))
        {
            errors.push((
                "volunteer_no".to_owned(),
                format!("志愿者编号 {} 已是 {} 的编号", a.volunteer_no, other.name),
            ));
        }
        // A roster often has only the month someone registered (2024.03): it is kept as a
        // year-month, as 入党时间 is, rather than given an invented day.
        match LooseDate::parse(&a.registered_on) {
            Some(d) if LooseDate::from(today).before(d) => errors.push((
                "registered_on".to_owned(),
                "注册日期不能晚于今天".to_owned(),
            )),
            Some(_) => {}
            None => errors.push((
                "registered_on".to_owned(),
                format!("注册日期“{}”不是日期", a.registered_on),
            )),
        }
        if errors.is_empty() {
            Ok((a, Vec::new()))
        } else {
            Err(errors)
        }
    }

    fn write(tx: &Transaction, ctx: &Ctx, id: Option<i64>, a: &AccountInput) -> Result<i64> {
        let Some(id) = id else {
            return write_account(tx, ctx, a);
        };
        if let Some(person_id) = table::account(tx, id)?.person_id {
            let mut p = person::get(tx, person_id)?;
            p.name.clone_from(&a.name);
            p.phone.clone_from(&a.phone);
            p.address.clone_from(&a.address);
            person::update(tx, person_id, &p)?;
        }
        table::update_account(
            tx,
            id,
            Some(a.volunteer_no.as_str()).filter(|n| !n.is_empty()),
            &a.team,
            &a.registered_on,
        )?;
        Ok(id)
    }

    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()> {
        if deleted && table::has_activity(tx, id)? {
            return Err(AppError::conflict(format!(
                "志愿者 {} 已有积分或服务记录，不能撤销其登记",
                table::account(tx, id)?.name
            )));
        }
        Ok(table::set_account_deleted(
            tx,
            id,
            deleted.then_some(ctx.actor.as_str()),
        )?)
    }
}

/// Service-hour sheets (志愿服务时长登记表), keyed by volunteer, day, content and hours.
pub struct ServiceRecords;

/// Separates what the preview shows of a key from the account id that makes it unique.
const ACCOUNT_SEP: char = '\u{1f}';

fn service_key(account_id: i64, served_on: &str, activity: &str, hours: &str) -> String {
    format!("{served_on} {activity} {hours}小时{ACCOUNT_SEP}{account_id}")
}

impl Target for ServiceRecords {
    const CLI_NAME: &'static str = "service-records";
    const TITLE: &'static str = "志愿服务记录";
    const ENTITY: &'static str = SERVICE;
    const KEY: &'static str = "served_on";
    const KEY_LABEL: &'static str = "服务记录（同一人、同一天、同一内容和时长）";
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[
        ("name", "张红梅"),
        ("id_number", "141130199003150028"),
        ("phone", "13812345678"),
        ("volunteer_no", "DG-2026-001"),
        ("served_on", "2026-03-05"),
        ("activity", "清扫小区楼道"),
        ("hours", "2.5"),
        ("rule", "志愿服务"),
        ("certified_by", "李明"),
    ];
    type Input = ServiceInput;

    fn fields() -> &'static [FieldSpec] {
        SERVICE_FIELDS
    }

    fn key(office: &Office, values: &Values) -> String {
        match office.volunteer(values) {
            Ok(v) => service_key(
                v.id,
                values.get("served_on").unwrap_or_default(),
                values.get("activity").unwrap_or_default(),
                values.get("hours").unwrap_or_default(),
            ),
            Err(_) => String::new(),
        }
    }

    fn shown_key(key: &str) -> String {
        key.split(ACCOUNT_SEP).next().unwrap_or_default().to_owned()
    }

    /// Volunteers' (personal accounts') service: the layout names a volunteer, so a household
    /// account's service cannot be written in it (it is in the ledger export instead).
    fn stored(db: &Db, _: NaiveDate) -> Result<HashMap<String, Stored<ServiceInput>>> {
        let personal: std::collections::HashSet<i64> = table::volunteers(db.conn())?
            .into_iter()
            .map(|v| v.id)
            .collect();
        Ok(table::service_records(db.conn())?
            .into_iter()
            .filter(|r| personal.contains(&r.account_id))
            .map(|r| {
                let hours = Points(r.hours).to_string();
                (
                    service_key(r.account_id, &r.served_on, &r.activity, &hours),
                    Stored {
                        id: r.id,
                        deleted: r.status == RecordStatus::Withdrawn,
                        input: ServiceInput {
                            account_id: r.account_id,
                            rule: r.rule,
                            activity: r.activity,
                            served_on: r.served_on,
                            hours,
                            certified_by: r.certified_by,
                            approve: true,
                        },
                    },
                )
            })
            .collect())
    }

    fn text(office: &Office, s: &ServiceInput, field: &str) -> String {
        let volunteer = office.volunteer_by_id(s.account_id);
        let of_volunteer = |f: fn(&table::VolunteerRow) -> &str| volunteer.map_or("", f);
        match field {
            "name" => of_volunteer(|v| &v.name),
            "id_number" => of_volunteer(|v| &v.id_number),
            "phone" => of_volunteer(|v| &v.phone),
            "volunteer_no" => of_volunteer(|v| v.volunteer_no.as_deref().unwrap_or_default()),
            "served_on" => &s.served_on,
            "activity" => &s.activity,
            "hours" => &s.hours,
            "rule" => &s.rule,
            "certified_by" => &s.certified_by,
            _ => "",
        }
        .to_owned()
    }

    fn merge(
        office: &Office,
        base: Option<&ServiceInput>,
        values: &Values,
        today: NaiveDate,
        _absent: &dyn Fn(&str) -> bool,
    ) -> Merged<ServiceInput> {
        let volunteer = office.volunteer(values).map_err(|e| vec![e])?;
        let served_on = values.get("served_on").unwrap_or_default().to_owned();
        let mut errors = Vec::new();
        let mut error = |field: &str, message: String| errors.push((field.to_owned(), message));
        match NaiveDate::parse_from_str(&served_on, "%Y-%m-%d") {
            Ok(d) if d > today => error("served_on", "服务日期不能晚于今天".to_owned()),
            Ok(_) => {}
            Err(_) => error("served_on", format!("服务日期“{served_on}”要具体到日")),
        }
        let rule = match office.service_rule(values.get("rule"), &served_on) {
            Ok(rule) => rule.name.clone(),
            Err(message) => {
                error("rule", message);
                String::new()
            }
        };
        if let Some(b) = base.filter(|b| !rule.is_empty() && b.rule != rule) {
            error(
                "rule",
                format!(
                    "该服务已按“{}”记录，导入不能改积分项目；如需更改请先撤销原来的导入",
                    b.rule
                ),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let service = ServiceInput {
            account_id: volunteer.id,
            rule,
            activity: values.get("activity").unwrap_or_default().to_owned(),
            served_on,
            hours: values.get("hours").unwrap_or_default().to_owned(),
            certified_by: values
                .get("certified_by")
                .map(str::to_owned)
                .or_else(|| base.map(|b| b.certified_by.clone()))
                .unwrap_or_default(),
            approve: true,
        };
        Ok((service, Vec::new()))
    }

    fn write(tx: &Transaction, ctx: &Ctx, id: Option<i64>, s: &ServiceInput) -> Result<i64> {
        match id {
            // Priced here, in the import's transaction, so the caps count the rows before it.
            None => Ok(write_service(tx, ctx, &plan_service(tx, ctx, s)?, true)?.record_id),
            // The key holds everything else; the rule is refused in `merge`.
            Some(id) => {
                table::set_certified_by(tx, id, s.certified_by.trim())?;
                Ok(id)
            }
        }
    }

    fn set_deleted(tx: &Transaction, ctx: &Ctx, id: i64, deleted: bool) -> Result<()> {
        let r = table::service_record(tx, id)?;
        let what = format!("{} {}", r.served_on, r.activity);
        if deleted {
            if r.status == RecordStatus::Withdrawn {
                return Ok(());
            }
            if let Some(entry) = r.entry_id {
                let (account_id, _, points, reversed) = table::entry(tx, entry)?;
                if !reversed {
                    let balance = table::balance(tx, account_id)?;
                    if balance < points {
                        return Err(AppError::conflict(format!(
                            "无法撤回 {} {what} 的服务记录：这 {points} 分已被使用（余额 {balance} 分）；请先冲正相关兑换或做积分调整",
                            table::account(tx, account_id)?.name
                        )));
                    }
                    table::append(
                        tx,
                        &NewEntry {
                            account_id,
                            kind: EntryKind::Reverse,
                            points: Points(-points.0),
                            reason: &format!("撤回服务记录：{what}"),
                            operator: &ctx.actor,
                            source: &format!("service:{id}"),
                            reverses: Some(entry),
                        },
                    )?;
                }
            }
            table::set_record_status(tx, id, RecordStatus::Withdrawn, r.entry_id)?;
        } else if r.status == RecordStatus::Withdrawn {
            let entry = (r.points.0 > 0)
                .then(|| earn_entry(tx, ctx, id, r.account_id, r.points, &what))
                .transpose()?;
            table::set_record_status(tx, id, RecordStatus::Approved, entry)?;
        }
        Ok(())
    }
}

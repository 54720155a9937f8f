//! Rules: set from a day on, never rewriting what was earned before.

use super::*;

/// A rule as the form sends it; points and caps as typed ("2", "2.5").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RuleInput {
    pub name: String,
    pub basis: Basis,
    pub points: String,
    pub cap_day: String,
    pub cap_month: String,
    pub cap_year: String,
    pub valid_from: String,
}

/// Sets a rule from `valid_from` on. A rule of the same name in force then ends the day before:
/// records already earned keep the rule they were earned under.
pub fn set_rule(db: &mut Db, ctx: &Ctx, r: RuleInput) -> Result<i64> {
    let name = r.name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::field("name", "请填写积分项目名称，如 志愿服务"));
    }
    let points = Points::parse(&r.points).map_err(|e| AppError::field("points", e))?;
    if points.0 <= 0 {
        return Err(AppError::field("points", "积分应大于 0"));
    }
    let cap = |text: &str, field: &str| -> Result<Option<Points>> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Points::parse(text)
                .map(Some)
                .map_err(|e| AppError::field(field, e))
        }
    };
    let from = day(&r.valid_from, "valid_from")?;
    let rule = Rule {
        id: 0,
        name: name.clone(),
        basis: r.basis,
        points,
        cap_day: cap(&r.cap_day, "cap_day")?,
        cap_month: cap(&r.cap_month, "cap_month")?,
        cap_year: cap(&r.cap_year, "cap_year")?,
        valid_from: from.to_string(),
        valid_to: None,
    };
    let current = table::rule_on(db.conn(), &name, &from.to_string())?;
    db.write(|tx| {
        if let Some(old) = &current {
            if old.valid_from == rule.valid_from {
                return Err(AppError::conflict(format!(
                    "“{name}”在 {from} 已有规则；新规则请从之后的日期起算"
                )));
            }
            let last = from.pred_opt().unwrap_or(from);
            table::end_rule(tx, old.id, &last.to_string())?;
        }
        let id = table::insert_rule(tx, &rule)?;
        record(
            tx,
            ctx,
            AuditAction::Update,
            RULE,
            id,
            format!(
                "积分规则“{name}”自 {from} 起：{}{} 分",
                r.basis.label(),
                points
            ),
        )?;
        Ok(id)
    })
}

pub fn rules(db: &Db) -> Result<Vec<Rule>> {
    Ok(table::rules(db.conn())?)
}

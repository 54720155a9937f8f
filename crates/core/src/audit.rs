//! The audit trail's vocabulary and the before → after diff it records.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::{labelled::labelled_enum, mask};

labelled_enum!(
    /// What was done to a record.
    AuditAction {
        Create => "新增",
        Update => "修改",
        Delete => "删除到回收站",
        Restore => "从回收站恢复",
        Merge => "合并",
        Reveal => "查看完整信息",
        Setup => "初始化",
        Import => "导入",
        UndoImport => "撤销导入",
        Export => "导出",
        Backup => "备份",
        RestoreBackup => "从备份恢复",
        Login => "登录",
        Encryption => "数据库密码",
    }
);

/// The fields that differ between two JSON objects, as `{field: [before, after]}`, with
/// sensitive values masked. Missing fields count as null.
pub fn changes(before: &Value, after: &Value) -> Map<String, Value> {
    let empty = Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (old, new) = (
                b.get(k).cloned().unwrap_or(Value::Null),
                a.get(k).cloned().unwrap_or(Value::Null),
            );
            (old != new).then(|| {
                (
                    k.clone(),
                    Value::Array(vec![masked(k, old), masked(k, new)]),
                )
            })
        })
        .collect()
}

/// A stored entry's changes with the values nested in lists and objects masked, for entries
/// written before masking reached that deep (a household's `members`); values at the top were
/// masked when written and are left as they are.
pub fn masked_within(changes: Map<String, Value>) -> Map<String, Value> {
    changes
        .into_iter()
        .map(|(field, pair)| {
            let pair = match pair {
                Value::Array(sides) => Value::Array(
                    sides
                        .into_iter()
                        .map(|side| match side {
                            Value::Array(_) | Value::Object(_) => masked(&field, side),
                            flat => flat,
                        })
                        .collect(),
                ),
                other => other,
            };
            (field, pair)
        })
        .collect()
}

/// Fields whose values never enter the trail in full (a house's `address` too: the entry's
/// summary names the house), however deep: a household's `members` hold IDs and phones.
fn masked(field: &str, v: Value) -> Value {
    let mask: fn(&str) -> String = match field {
        "id_number" | "owner_id_number" => mask::id_number,
        "phone" => mask::phone,
        "address" => mask::address,
        _ => {
            return match v {
                Value::Object(fields) => Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| {
                            let v = masked(&k, v);
                            (k, v)
                        })
                        .collect(),
                ),
                Value::Array(items) => {
                    Value::Array(items.into_iter().map(|v| masked(field, v)).collect())
                }
                other => other,
            }
        }
    };
    match v {
        Value::String(s) => Value::String(mask(&s)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_kept_and_ids_are_masked() {
        let before = json!({"name": "王国民", "phone": "13812345678", "nation": "汉族"});
        let after =
            json!({"name": "王国民", "phone": "13912345678", "nation": "回族", "note": "x"});
        let c = super::changes(&before, &after);
        assert_eq!(
            serde_json::Value::Object(c),
            json!({
                "nation": ["汉族", "回族"],
                "note": [null, "x"],
                "phone": ["138****5678", "139****5678"],
            })
        );
    }

    #[test]
    fn an_old_entry_is_masked_within_and_left_at_the_top() {
        let id = "141130195603020017";
        let old = json!({
            "members": [[{"name": "王国民", "id_number": id, "phone": "13812345678"}], []],
            "note": ["a", "b"],
        });
        let fixed = super::masked_within(old.as_object().cloned().unwrap_or_default());
        assert_eq!(
            fixed["members"][0][0]["id_number"],
            json!(crate::mask::id_number(id))
        );
        assert_eq!(fixed["members"][0][0]["phone"], json!("138****5678"));
        assert_eq!(fixed["note"], json!(["a", "b"]));
    }

    #[test]
    fn ids_inside_lists_are_masked_too() {
        let before = json!({"members": [{"name": "王国民", "id_number": "141130195603020017"}]});
        let after = json!({"members": []});
        let c = super::changes(&before, &after);
        assert_eq!(
            c["members"][0][0]["id_number"],
            json!(crate::mask::id_number("141130195603020017"))
        );
    }
}

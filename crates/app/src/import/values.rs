//! The value step: every distinct value of a choice or dictionary column that is not exactly a
//! label, listed once with its rows. A curated word (`core::vocab`, the dictionaries' own other
//! names) is read and listed; a rule or closeness only suggests, and the rows wait for the
//! clerk's choice (or `--accept-suggestions`). Choices are remembered per layout and field.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use taizhang_core::{
    dict::{self, Dict},
    import::{split_list, Cell, FieldKind, FieldSpec},
    org::likeness,
    vocab,
};
use taizhang_excel::{check::Resolve, Workbook};
use ts_rs::TS;

use super::office::Office;

/// A value the file writes that is not one of the field's labels, and what the import does.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnknownValue {
    /// The field's key and label.
    pub field: String,
    pub label: String,
    /// As the file writes it.
    pub value: String,
    pub rows: u32,
    /// Where it first appears: "工作表 第 n 行".
    pub first_row: String,
    /// The label it is read as, or suggested to be.
    pub suggestion: Option<String>,
    /// Where that comes from: a curated source, a rule, 相近, 本次选择, 已记住.
    pub source: String,
    /// 已导入为 X (with how many rows), or 未处理 (its rows are errors until chosen).
    pub action: String,
    /// The labels the clerk may choose from.
    pub options: Vec<String>,
    /// A dictionary field: the value as written may be chosen, to be added to the dictionary.
    pub may_add: bool,
}

/// The clerk's choices: field key → (value as written → label). For a dictionary field, the
/// value itself as its label means: add it to the dictionary.
pub type ValueChoices = BTreeMap<String, BTreeMap<String, String>>;

/// What the value step decided.
pub(super) struct Decided {
    /// For the report.
    pub listed: Vec<UnknownValue>,
    /// Worth remembering for the layout: the clerk's choices (now or before) and accepted
    /// suggestions — curated words need no memory.
    pub confirmed: ValueChoices,
    /// Dictionary entries the clerk added: written with the rows.
    pub new_entries: Vec<(Dict, String)>,
}

struct Found {
    field: usize,
    value: String,
    rows: u32,
    first_row: String,
}

/// Every distinct non-label value of the chosen sheets' choice and dictionary columns.
fn find(
    book: &Workbook,
    fields: &[FieldSpec],
    options: &taizhang_excel::check::Options,
    office: &Office,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    // (field, text as written) → its entry in `found`, or None for a label: such columns repeat
    // a few texts, so each distinct one is looked at once.
    let mut seen: HashMap<(usize, &str), Option<usize>> = HashMap::new();
    for (sheet, t) in options.tables(book, fields) {
        let columns: Vec<(u32, usize, Vec<&str>)> = t
            .mapped()
            .filter(|(_, f)| {
                matches!(
                    fields[*f].kind,
                    FieldKind::Choice(_) | FieldKind::Dict(_) | FieldKind::DictList(_)
                )
            })
            .map(|(c, f)| (c.index, f, labels(office, &fields[f])))
            .collect();
        for &r in &t.data_rows {
            for (col, f, labels) in &columns {
                let cell = sheet.cell(r, *col);
                if cell.is_blank() {
                    continue;
                }
                // Counts `value` once more; None for a label.
                let mut count = |value: String| {
                    if labels.contains(&value.as_str()) {
                        None
                    } else if let Some(i) =
                        found.iter().position(|x| x.field == *f && x.value == value)
                    {
                        found[i].rows += 1;
                        Some(i)
                    } else {
                        found.push(Found {
                            field: *f,
                            value,
                            rows: 1,
                            first_row: format!("{} 第 {} 行", sheet.name, r + 1),
                        });
                        Some(found.len() - 1)
                    }
                };
                if matches!(fields[*f].kind, FieldKind::DictList(_)) {
                    // 人才类别 “退伍军人、乡土能人”: each entry is a value of its own.
                    for part in split_list(&cell.text()) {
                        count(part);
                    }
                    continue;
                }
                let raw = match cell {
                    Cell::Text(s) => Some(s.as_str()),
                    _ => None,
                };
                if let Some(&entry) = raw.and_then(|s| seen.get(&(*f, s))) {
                    if let Some(i) = entry {
                        found[i].rows += 1;
                    }
                    continue;
                }
                let entry = count(cell.text());
                if let Some(s) = raw {
                    seen.insert((*f, s), entry);
                }
            }
        }
    }
    found
}

/// The labels a field's value may take: the enum's, or the office's dictionary.
fn labels<'a>(office: &'a Office, field: &FieldSpec) -> Vec<&'a str> {
    match field.kind {
        FieldKind::Choice(labels) => labels.to_vec(),
        FieldKind::Dict(d) | FieldKind::DictList(d) => {
            office.dict_values(d).iter().map(String::as_str).collect()
        }
        _ => Vec::new(),
    }
}

/// What the import does with each value: the clerk's choice now, one remembered for this
/// layout, a curated word, else a suggestion that applies only with `accept_suggestions`.
/// Teaches `office` every value read otherwise than by its label, and the entries the clerk adds
/// to a dictionary.
pub(super) fn decide(
    book: &Workbook,
    fields: &'static [FieldSpec],
    options: &taizhang_excel::check::Options,
    (chosen, remembered): (&ValueChoices, &ValueChoices),
    accept_suggestions: bool,
    office: &mut Office,
) -> Decided {
    let mut listed = Vec::new();
    let mut confirmed = ValueChoices::new();
    let mut new_entries = Vec::new();
    for f in find(book, fields, options, office) {
        let field = &fields[f.field];
        let allowed: Vec<String> = labels(office, field)
            .into_iter()
            .map(str::to_owned)
            .collect();
        // A dictionary grows by the value as written; a choice list is fixed.
        let adds = match field.kind {
            FieldKind::Dict(d) | FieldKind::DictList(d) => Some(d),
            _ => None,
        };
        let pick = |choices: &ValueChoices| {
            choices
                .get(field.key)
                .and_then(|m| m.get(&f.value))
                .filter(|l| allowed.contains(l) || (adds.is_some() && **l == f.value))
                .cloned()
        };
        let curated = || match field.kind {
            FieldKind::Choice(labels) => {
                vocab::curated(labels, &f.value).map(|w| (w.label.to_owned(), w.source.to_owned()))
            }
            FieldKind::Dict(d) | FieldKind::DictList(d) => office
                .resolve(field, &f.value)
                .ok()
                .map(|l| (l, format!("{}字典的其他写法", d.label()))),
            _ => None,
        };
        let suggested = || match field.kind {
            FieldKind::Choice(labels) => {
                vocab::suggest(labels, &f.value).map(|s| (s.label, s.why.to_owned()))
            }
            FieldKind::Dict(d) | FieldKind::DictList(d) => {
                dict::mentioned(d, &f.value, office.dict_values(d))
                    .map(|l| {
                        let why = format!("含有“{l}”或其其他写法");
                        (l, why)
                    })
                    .or_else(|| {
                        allowed
                            .iter()
                            .map(|l| (likeness(&f.value, l), l))
                            .filter(|(score, _)| *score >= 0.5)
                            .max_by(|a, b| a.0.total_cmp(&b.0))
                            .map(|(_, l)| (l.clone(), "相近".to_owned()))
                    })
            }
            _ => None,
        };
        // (label, why, applies, worth remembering)
        let (reading, source, applies, remember) = if let Some(l) = pick(chosen) {
            (Some(l), "本次选择".to_owned(), true, true)
        } else if let Some(l) = pick(remembered) {
            (Some(l), "已记住（同样格式的文件）".to_owned(), true, true)
        } else if let Some((l, source)) = curated() {
            (Some(l), source, true, false)
        } else if let Some((l, why)) = suggested() {
            (Some(l), why, accept_suggestions, accept_suggestions)
        } else {
            (None, String::new(), false, false)
        };
        let action = match (&reading, applies) {
            (Some(l), true) => {
                let added = adds.filter(|_| *l == f.value);
                if let Some(d) = added {
                    office.add_dict_value(d, l.clone());
                    new_entries.push((d, l.clone()));
                }
                office.choose_value(field.key, &f.value, l.clone());
                if remember {
                    confirmed
                        .entry(field.key.to_owned())
                        .or_default()
                        .insert(f.value.clone(), l.clone());
                }
                match added {
                    Some(d) => format!("将在{}字典中新增“{l}”，共 {} 行", d.label(), f.rows),
                    None => format!("已将“{}”按“{l}”导入，共 {} 行", f.value, f.rows),
                }
            }
            _ => "未处理：相关行将报错，请选择它代表哪一项".to_owned(),
        };
        listed.push(UnknownValue {
            field: field.key.to_owned(),
            label: field.label.to_owned(),
            value: f.value,
            rows: f.rows,
            first_row: f.first_row,
            suggestion: reading,
            source,
            action,
            options: allowed,
            may_add: adds.is_some(),
        });
    }
    Decided {
        listed,
        confirmed,
        new_entries,
    }
}

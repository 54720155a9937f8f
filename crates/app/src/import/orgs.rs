//! Organisation units a file names that the office does not have yet (a new 党支部, a 网格 of a
//! new 社区): found before the rows are checked, each listed once with its row count and the
//! closest existing unit; created (kind from the name's ending, parent from the file or the
//! tree) or mapped to an existing unit as the clerk decides. Units to create get their ids in
//! the preview and are written first in the import's own transaction, so a failed import leaves
//! the tree as it was.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use taizhang_core::{
    import::{read, Cell, FieldKind, FieldSpec},
    org::{likeness, OrgKind},
};
use taizhang_db::{org::OrgNode, rusqlite::Transaction};
use taizhang_excel::Workbook;
use ts_rs::TS;

use super::{
    office::{Known, Office},
    ValueChoices,
};
use crate::{org::usual_parent, Ctx, Result};

/// A unit the file names that the office lacks, and what the import does about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnknownOrg {
    /// As the file writes it.
    pub name: String,
    pub kind: OrgKind,
    /// Data rows naming it.
    pub rows: u32,
    /// Where it first appears: "工作表 第 n 行".
    pub first_row: String,
    /// The closest unit of the same kind the office has (丽景街社区党支部 ↔ 丽景街社区第一党支部).
    pub suggestion: Option<String>,
    /// The unit it would be created under, when that can be told.
    pub parent: Option<String>,
    /// What the import does: 新增 (created on applying), 对应到 X (read as X), or why nothing.
    pub action: String,
    /// Mapped as the clerk chose for a file of the same layout before.
    pub remembered: bool,
}

/// What the clerk decided for one unknown name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OrgChoice {
    /// Create it, under this parent (else the one inferred).
    Create { parent_id: Option<i64> },
    /// Read the name as this existing unit.
    Map { org_id: i64 },
}

/// A unit the import creates, with the id it will get.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NewUnit {
    pub node: OrgNode,
}

/// An unknown name as found: where, how often, and what parents the rows name beside it.
struct Found {
    kind: OrgKind,
    name: String,
    rows: u32,
    first_row: String,
    /// Parent-kind names written on the same rows (a 网格's 社区, a 党小组's 党支部).
    beside: BTreeMap<String, u32>,
}

/// Every unknown unit the chosen sheets name, in order of first appearance.
pub(super) fn find(
    book: &Workbook,
    fields: &[FieldSpec],
    sheet_field: Option<&FieldSpec>,
    options: &taizhang_excel::check::Options,
    office: &Office,
) -> Vec<UnknownOrgFound> {
    let mut found: Vec<Found> = Vec::new();
    let mut note = |kind: OrgKind, name: &str, at: String, beside: Option<&str>, rows: u32| {
        let i = match found.iter().position(|f| f.kind == kind && f.name == name) {
            Some(i) => i,
            None => {
                found.push(Found {
                    kind,
                    name: name.to_owned(),
                    rows: 0,
                    first_row: at,
                    beside: BTreeMap::new(),
                });
                found.len() - 1
            }
        };
        found[i].rows += rows;
        if let Some(b) = beside {
            *found[i].beside.entry(b.to_owned()).or_default() += rows;
        }
    };
    for (sheet, t) in options.tables(book, fields) {
        let org_columns: Vec<(u32, OrgKind)> = t
            .mapped()
            .filter_map(|(c, f)| match fields[f].kind {
                FieldKind::Org(kind) => Some((c.index, kind)),
                _ => None,
            })
            .collect();
        // One sheet per 党支部, the branch named only on the tab.
        if let Some(f) = sheet_field {
            if let FieldKind::Org(kind) = f.kind {
                let has_column = t.mapped().any(|(_, i)| fields[i].key == f.key);
                if !has_column
                    && OrgKind::from_name(&sheet.name) == Some(kind)
                    && office.knows(kind, &sheet.name) == Known::No
                    && !t.data_rows.is_empty()
                {
                    let at = format!("{} 工作表名", sheet.name);
                    note(kind, &sheet.name, at, None, t.data_rows.len() as u32);
                }
            }
        }
        if org_columns.is_empty() {
            continue;
        }
        // A cell's text as written → (the name read, whether the office lacks it): columns of
        // unit names repeat a few texts, so each is read and looked up once.
        let mut memo: HashMap<(u32, &str), (String, bool)> = HashMap::new();
        let read_name = |kind: OrgKind, cell: &Cell| {
            let name = read(FieldKind::Org(kind), cell).ok().flatten()?.value;
            let lacking = office.knows(kind, &name) == Known::No;
            Some((name, lacking))
        };
        for &r in &t.data_rows {
            let mut names: Vec<(OrgKind, String, bool)> = Vec::with_capacity(org_columns.len());
            for &(col, kind) in &org_columns {
                let cell = sheet.cell(r, col);
                let read = match cell {
                    Cell::Text(raw) => match memo.get(&(col, raw.as_str())) {
                        Some(hit) => Some(hit.clone()),
                        None => {
                            let fresh = read_name(kind, cell);
                            if let Some(v) = &fresh {
                                memo.insert((col, raw.as_str()), v.clone());
                            }
                            fresh
                        }
                    },
                    _ => read_name(kind, cell),
                };
                if let Some((name, lacking)) = read {
                    names.push((kind, name, lacking));
                }
            }
            for (kind, name, lacking) in &names {
                if !lacking {
                    continue;
                }
                let beside = names
                    .iter()
                    .find(|(k, ..)| kind.parents().contains(k))
                    .map(|(_, n, _)| n.as_str());
                note(
                    *kind,
                    name,
                    format!("{} 第 {} 行", sheet.name, r + 1),
                    beside,
                    1,
                );
            }
        }
    }
    found
        .into_iter()
        .map(|f| UnknownOrgFound {
            parent_named: f
                .beside
                .iter()
                .max_by_key(|(_, n)| **n)
                .map(|(name, _)| name.clone()),
            org: UnknownOrg {
                suggestion: office.closest(f.kind, &f.name),
                name: f.name,
                kind: f.kind,
                rows: f.rows,
                first_row: f.first_row,
                parent: None,
                action: String::new(),
                remembered: false,
            },
        })
        .collect()
}

/// An unknown unit and the parent its rows name most often.
pub(super) struct UnknownOrgFound {
    pub org: UnknownOrg,
    parent_named: Option<String>,
}

/// What the import will do about each unknown unit: the clerk's choice for it, else — with
/// `create_missing` — create it under the parent the file names or the tree suggests. Returns
/// the list for the report and the units to create (ids from `next_id` on), and teaches
/// `office` the new names so the rows resolve.
pub(super) fn decide(
    found: Vec<UnknownOrgFound>,
    (choices, remembered): (&BTreeMap<String, OrgChoice>, &ValueChoices),
    create_missing: bool,
    office: &mut Office,
    mut next_id: i64,
) -> Decided {
    let mut listed = Vec::new();
    let mut created = Vec::new();
    let mut maps = ValueChoices::new();
    // Parents first: 社区 before their 网格, 党支部 before their 党小组.
    let mut found = found;
    found.sort_by_key(|f| lower_level(f.org.kind));
    for UnknownOrgFound {
        mut org,
        parent_named,
    } in found
    {
        let earlier = remembered
            .get(&memory_key(org.kind))
            .and_then(|m| m.get(&org.name))
            .and_then(|id| id.parse().ok())
            .filter(|id| office.node(*id).is_some_and(|n| n.kind == org.kind))
            .map(|org_id| OrgChoice::Map { org_id });
        org.remembered = !choices.contains_key(&org.name) && earlier.is_some();
        let choice = choices
            .get(&org.name)
            .cloned()
            .or(earlier)
            .or_else(|| create_missing.then_some(OrgChoice::Create { parent_id: None }));
        match choice {
            None => {
                // Where it would go, for the clerk deciding.
                org.parent = parent_of(office, org.kind, parent_named.as_deref())
                    .ok()
                    .flatten()
                    .map(|p| office.org_label(Some(p)).to_owned());
                org.action = "未处理：该组织不存在，相关行将报错".into();
            }
            Some(OrgChoice::Map { org_id }) => match office.node(org_id).cloned() {
                Some(n) if n.kind == org.kind => {
                    office.alias(org.kind, &org.name, n.name.clone());
                    org.action = format!("对应到 {}", n.name);
                    maps.entry(memory_key(org.kind))
                        .or_default()
                        .insert(org.name.clone(), org_id.to_string());
                }
                Some(n) => {
                    org.action = format!(
                        "未处理：“{}”是{}，不是{}",
                        n.name,
                        n.kind.label(),
                        org.kind.label()
                    );
                }
                None => org.action = "未处理：选择的组织不存在".into(),
            },
            Some(OrgChoice::Create { parent_id }) => {
                let parent = match parent_id {
                    Some(p) => office
                        .node(p)
                        .filter(|n| org.kind.parents().contains(&n.kind))
                        .map(|n| Some(n.id))
                        .ok_or_else(|| format!("选择的上级不能作为{}的上级", org.kind.label())),
                    None => parent_of(office, org.kind, parent_named.as_deref()),
                };
                match parent {
                    Ok(parent_id) => {
                        let node = OrgNode {
                            id: next_id,
                            parent_id,
                            kind: org.kind,
                            name: org.name.clone(),
                            serves_id: None,
                        };
                        next_id += 1;
                        org.parent = parent_id.map(|p| office.org_label(Some(p)).to_owned());
                        org.action = "新增".into();
                        office.plan_unit(node.clone());
                        created.push(NewUnit { node });
                    }
                    Err(why) => org.action = format!("未处理：{why}"),
                }
            }
        }
        listed.push(org);
    }
    Decided {
        listed,
        created,
        maps,
    }
}

/// What the import does about the unknown units.
pub(super) struct Decided {
    pub listed: Vec<UnknownOrg>,
    pub created: Vec<NewUnit>,
    /// Names read as existing units, remembered with the layout: the next file of the same
    /// shape maps them again. (A created unit is known from then on and needs no memory.)
    pub maps: ValueChoices,
}

/// Where a layout's remembered choices keep the names read as units of `kind`, beside the
/// fields' value choices (field keys are ASCII, so the two never meet): unit name → id.
fn memory_key(kind: OrgKind) -> String {
    format!("组织:{}", kind.label())
}

/// Kinds that hang under units a file may also name (created after those).
fn lower_level(kind: OrgKind) -> bool {
    matches!(
        kind,
        OrgKind::Grid | OrgKind::PartyGroup | OrgKind::Building
    )
}

/// The parent a new unit goes under: the parent-kind unit its rows name, else the tree's usual
/// place (the street, the 党工委; the only 社区 for a 网格).
fn parent_of(
    office: &Office,
    kind: OrgKind,
    named: Option<&str>,
) -> std::result::Result<Option<i64>, String> {
    if let Some(name) = named {
        if let Some(id) = kind
            .parents()
            .iter()
            .find_map(|&k| office.org_id(k, name, None))
        {
            return Ok(Some(id));
        }
    }
    let tree = office.tree();
    if let Ok(parent) = usual_parent(tree, kind) {
        return Ok(parent);
    }
    let fits: Vec<&OrgNode> = tree
        .iter()
        .filter(|n| kind.parents().contains(&n.kind))
        .collect();
    match fits.as_slice() {
        [one] => Ok(Some(one.id)),
        _ => Err(format!(
            "无法确定{}的上级（{}），请先在组织架构中添加，或在导入向导中选择上级",
            kind.label(),
            kind.parents_text()
        )),
    }
}

/// Writes the units an import creates, first in its transaction, each with the id the preview
/// gave it; a tree changed since the preview is refused rather than guessed at.
pub(super) fn create(tx: &Transaction, ctx: &Ctx, units: &[NewUnit]) -> Result<()> {
    for u in units {
        let input = crate::org::OrgInput {
            parent_id: u.node.parent_id,
            kind: u.node.kind,
            name: u.node.name.clone(),
        };
        crate::org::add_in(tx, ctx, Some(u.node.id), &input)?;
    }
    Ok(())
}

/// The closest name of `names` to `name`, when it is close enough to suggest.
pub(super) fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    names
        .map(|n| (likeness(name, n), n))
        .filter(|(l, _)| *l >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.to_owned())
}

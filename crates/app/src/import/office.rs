//! The office as an import sees it: its dictionaries and organisation tree, for matching the
//! text in a sheet and for turning organisation names into the register's ids and back.

use taizhang_core::{
    dict::{self, Dict},
    import::{FieldKind, FieldSpec},
    org::OrgKind,
};
use taizhang_db::{org::OrgNode, Db};
use taizhang_excel::check::Resolve;

use crate::Result;

/// The office's dictionaries and organisation tree, for matching sheet text.
pub struct Office {
    nations: Vec<String>,
    educations: Vec<String>,
    org: Vec<OrgNode>,
}

impl Office {
    pub fn load(db: &Db) -> Result<Self> {
        Ok(Self {
            nations: taizhang_db::dict::values(db.conn(), Dict::Nation)?,
            educations: taizhang_db::dict::values(db.conn(), Dict::Education)?,
            org: taizhang_db::org::all(db.conn())?,
        })
    }

    /// The id of the node of `kind` named exactly `name` (under `parent`, when given: party
    /// groups of different branches may share a name).
    pub fn org_id(&self, kind: OrgKind, name: &str, parent: Option<i64>) -> Option<i64> {
        self.org
            .iter()
            .find(|n| {
                n.kind == kind && n.name == name && (parent.is_none() || n.parent_id == parent)
            })
            .map(|n| n.id)
    }

    /// The name of a node, empty for none.
    pub fn org_label(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.org.iter().find(|n| n.id == id))
            .map_or("", |n| n.name.as_str())
    }

    /// The distinct names of the nodes of `kind`, in tree order (party groups of different
    /// branches often share a name).
    pub fn org_names(&self, kind: OrgKind) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for n in self.org.iter().filter(|n| n.kind == kind) {
            if !names.contains(&n.name) {
                names.push(n.name.clone());
            }
        }
        names
    }

    pub fn dict_values(&self, dict: Dict) -> &[String] {
        match dict {
            Dict::Nation => &self.nations,
            Dict::Education => &self.educations,
        }
    }

    fn org_name(&self, kind: OrgKind, text: &str) -> std::result::Result<String, String> {
        let of_kind = || self.org.iter().filter(move |n| n.kind == kind);
        if let Some(n) = of_kind().find(|n| n.name == text) {
            return Ok(n.name.clone());
        }
        // "第一党支部" for "东关社区第一党支部": accepted when only one node fits.
        let ending: Vec<&OrgNode> = of_kind().filter(|n| n.name.ends_with(text)).collect();
        match ending.as_slice() {
            [one] => Ok(one.name.clone()),
            [] => Err(format!(
                "{}“{text}”不存在，请核对名称或先在组织架构中添加",
                kind.label()
            )),
            many => Err(format!(
                "{}“{text}”不明确，可能是：{}",
                kind.label(),
                many.iter()
                    .map(|n| n.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        }
    }
}

impl Resolve for Office {
    fn resolve(&self, field: &FieldSpec, value: &str) -> std::result::Result<String, String> {
        match field.kind {
            FieldKind::Dict(d) => dict::canonical(d, value, self.dict_values(d))
                .ok_or_else(|| format!("{}“{value}”不在字典中", d.label())),
            FieldKind::Org(kind) => self.org_name(kind, value),
            _ => Ok(value.to_owned()),
        }
    }
}

//! The office as an import sees it: its dictionaries and organisation tree, for matching the
//! text in a sheet and for turning organisation names into the register's ids and back; its
//! volunteers and points rules, for service-hour sheets.

use taizhang_core::{
    dict::{self, Dict},
    import::{FieldKind, FieldSpec},
    org::OrgKind,
    points::{Basis, Rule},
};
use taizhang_db::{org::OrgNode, points::VolunteerRow, Db};
use taizhang_excel::check::{Resolve, Values};

use crate::Result;

/// Whether the office has a unit of a kind by a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Yes,
    /// Several units fit (a short name such as 第一党支部).
    Ambiguous,
    No,
}

/// The office's dictionaries and organisation tree, for matching sheet text.
pub struct Office {
    /// The day derived fields (年龄, 党龄) are computed for.
    as_of: chrono::NaiveDate,
    dicts: Vec<(Dict, Vec<String>)>,
    org: Vec<OrgNode>,
    /// Names a file writes that the clerk mapped to an existing unit: (kind, as written, unit).
    aliases: Vec<(OrgKind, String, String)>,
    /// Values of choice and dictionary fields read otherwise than by their label (the value
    /// step): (field key, as written) → label.
    values: std::collections::HashMap<(&'static str, String), String>,
    volunteers: Vec<VolunteerRow>,
    rules: Vec<Rule>,
}

impl Office {
    /// The office as it is, with derived fields computed for `as_of`.
    pub fn load(db: &Db, as_of: chrono::NaiveDate) -> Result<Self> {
        Ok(Self {
            as_of,
            dicts: Dict::ALL
                .iter()
                .map(|&d| Ok((d, taizhang_db::dict::values(db.conn(), d)?)))
                .collect::<Result<_>>()?,
            org: taizhang_db::org::all(db.conn())?,
            aliases: Vec::new(),
            values: Default::default(),
            volunteers: taizhang_db::points::volunteers(db.conn())?,
            rules: taizhang_db::points::rules(db.conn())?,
        })
    }

    /// The volunteer a row names: by ID, else by volunteer number, else by name and phone
    /// together; never by name alone. An error is (field key, Chinese message).
    pub fn volunteer(
        &self,
        values: &Values,
    ) -> std::result::Result<&VolunteerRow, (String, String)> {
        let active = || self.volunteers.iter().filter(|v| !v.deleted);
        let name = values.get("name").unwrap_or_default();
        let missing = |field: &str, how: String| {
            Err((
                field.to_owned(),
                format!("未找到志愿者 {name}（{how}），请先在积分超市为其开立账户"),
            ))
        };
        if let Some(id) = values.get("id_number") {
            return match active().find(|v| v.id_number == id) {
                Some(v) => Ok(v),
                None => missing(
                    "id_number",
                    format!("身份号码 {}", taizhang_core::mask::id_number(id)),
                ),
            };
        }
        if let Some(no) = values.get("volunteer_no") {
            return match active().find(|v| v.volunteer_no.as_deref() == Some(no)) {
                Some(v) => Ok(v),
                None => missing("volunteer_no", format!("志愿者编号 {no}")),
            };
        }
        match values.get("phone") {
            Some(phone) => match active().find(|v| v.name == name && v.phone == phone) {
                Some(v) => Ok(v),
                None => missing(
                    "phone",
                    format!("姓名与联系电话 {}", taizhang_core::mask::phone(phone)),
                ),
            },
            None => Err((
                "name".to_owned(),
                format!(
                    "无法确认志愿者 {name}：表中需有身份证号、志愿者编号或联系电话，不按姓名猜测"
                ),
            )),
        }
    }

    /// A volunteer by account id.
    pub fn volunteer_by_id(&self, account_id: i64) -> Option<&VolunteerRow> {
        self.volunteers.iter().find(|v| v.id == account_id)
    }

    /// Another volunteer already holding `number`, other than the person with `id_number`.
    pub fn volunteer_no_taken(&self, number: &str, id_number: &str) -> Option<&VolunteerRow> {
        self.volunteers
            .iter()
            .find(|v| v.volunteer_no.as_deref() == Some(number) && v.id_number != id_number)
    }

    /// The rule a service row earns under on `day`: the one it names, else the only rule
    /// counted per hour. An error is a Chinese message.
    pub fn service_rule(
        &self,
        named: Option<&str>,
        day: &str,
    ) -> std::result::Result<&Rule, String> {
        let in_force = || self.rules.iter().filter(|r| r.in_force(day));
        if let Some(name) = named {
            return in_force()
                .find(|r| r.name == name)
                .ok_or_else(|| format!("{day} 没有名为“{name}”的积分规则"));
        }
        let hourly: Vec<&Rule> = in_force().filter(|r| r.basis == Basis::PerHour).collect();
        match hourly.as_slice() {
            [one] => Ok(one),
            [] => Err(format!(
                "{day} 没有按小时计分的积分规则，请先在积分超市的积分规则中设置"
            )),
            many => Err(format!(
                "有多个按小时计分的积分规则（{}），请在表中加一列“积分项目”注明每行按哪一项计分",
                many.iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        }
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

    /// The unit of `kind` named `name` within `community` (第一网格 of 东关社区: grids of
    /// different communities share names); with no community, the only unit so named. The
    /// error says which when it is not there or not one.
    pub fn unit_within(
        &self,
        kind: OrgKind,
        name: &str,
        community: Option<i64>,
    ) -> std::result::Result<i64, String> {
        let within: Vec<&OrgNode> = self
            .org
            .iter()
            .filter(|n| fits(kind, n.kind) && n.name == name)
            .filter(|n| community.is_none_or(|c| self.community_of(n.id) == Some(c)))
            .collect();
        match (within.as_slice(), community) {
            ([one], _) => Ok(one.id),
            ([], Some(c)) => Err(format!(
                "{}“{name}”不在{}下，请核对或先在组织架构中添加",
                kind.label(),
                self.org_label(Some(c))
            )),
            ([], None) => Err(format!("{}“{name}”不存在", kind.label())),
            (_, _) => Err(format!(
                "有多个{}叫“{name}”（{}），请在表格中加一列“社区（村）”",
                kind.label(),
                within
                    .iter()
                    .filter_map(|n| self.community_of(n.id))
                    .map(|c| self.org_label(Some(c)))
                    .collect::<Vec<_>>()
                    .join("、")
            )),
        }
    }

    /// The 社区/村 a unit is in (itself for a community).
    pub fn community_of(&self, id: i64) -> Option<i64> {
        let mut at = self.node(id);
        while let Some(n) = at {
            if n.kind == OrgKind::Community {
                return Some(n.id);
            }
            at = n.parent_id.and_then(|p| self.node(p));
        }
        None
    }

    /// The street office's own name (乡镇（街道）), empty before set-up.
    pub fn street_name(&self) -> &str {
        self.org
            .iter()
            .find(|n| n.kind == OrgKind::Street)
            .map_or("", |n| n.name.as_str())
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
        self.dicts
            .iter()
            .find(|(d, _)| *d == dict)
            .map_or(&[], |(_, values)| values.as_slice())
    }

    /// The day derived fields are computed for.
    pub fn as_of(&self) -> chrono::NaiveDate {
        self.as_of
    }

    /// The tree, units an import will create included.
    pub fn tree(&self) -> &[OrgNode] {
        &self.org
    }

    pub fn node(&self, id: i64) -> Option<&OrgNode> {
        self.org.iter().find(|n| n.id == id)
    }

    /// A unit the import creates: its rows resolve to it from now on.
    pub fn plan_unit(&mut self, node: OrgNode) {
        self.org.push(node);
    }

    /// Reads `written` in the field `field` as `label` (the value step's outcome).
    /// Knows `value` as an entry of `dict` from now on (the clerk adds it in the value step).
    pub fn add_dict_value(&mut self, dict: Dict, value: String) {
        match self.dicts.iter_mut().find(|(d, _)| *d == dict) {
            Some((_, values)) => values.push(value),
            None => self.dicts.push((dict, vec![value])),
        }
    }

    pub fn choose_value(&mut self, field: &'static str, written: &str, label: String) {
        self.values.insert((field, written.to_owned()), label);
    }

    /// Reads `written` as the unit named `unit` (the clerk's choice for an unknown name).
    pub fn alias(&mut self, kind: OrgKind, written: &str, unit: String) {
        self.aliases.push((kind, written.to_owned(), unit));
    }

    /// Whether a unit of `kind` goes by `text`, as [`Resolve`] reads names.
    pub fn knows(&self, kind: OrgKind, text: &str) -> Known {
        match self.org_name(kind, text) {
            Ok(_) => Known::Yes,
            Err(_)
                if self
                    .org
                    .iter()
                    .any(|n| fits(kind, n.kind) && n.name.ends_with(text)) =>
            {
                Known::Ambiguous
            }
            Err(_) => Known::No,
        }
    }

    /// The unit of `kind` whose name is closest to `name`, when one is close enough.
    pub fn closest(&self, kind: OrgKind, name: &str) -> Option<String> {
        super::orgs::closest(
            name,
            self.org
                .iter()
                .filter(|n| n.kind == kind)
                .map(|n| n.name.as_str()),
        )
    }

    fn org_name(&self, kind: OrgKind, text: &str) -> std::result::Result<String, String> {
        if let Some((.., unit)) = self
            .aliases
            .iter()
            .find(|(k, written, _)| *k == kind && written == text)
        {
            return Ok(unit.clone());
        }
        let of_kind = || self.org.iter().filter(move |n| fits(kind, n.kind));
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

/// Whether a column of units of `kind` may name a node of `node`: a 网格 column a 微网格
/// (楼栋/小区) too, the grid's lowest level.
fn fits(kind: OrgKind, node: OrgKind) -> bool {
    kind == node || (kind == OrgKind::Grid && node == OrgKind::Building)
}

impl Resolve for Office {
    fn chosen(&self, field: &FieldSpec, text: &str) -> Option<String> {
        if self.values.is_empty() {
            return None;
        }
        self.values.get(&(field.key, text.to_owned())).cloned()
    }

    fn resolve(&self, field: &FieldSpec, value: &str) -> std::result::Result<String, String> {
        match field.kind {
            FieldKind::Dict(d) | FieldKind::DictList(d) => {
                dict::canonical(d, value, self.dict_values(d))
                    .ok_or_else(|| format!("{}“{value}”不在字典中", d.label()))
            }
            FieldKind::Org(kind) => self.org_name(kind, value),
            _ => Ok(value.to_owned()),
        }
    }
}

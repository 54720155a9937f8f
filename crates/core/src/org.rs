//! The organisation tree: 街道 → 社区/村 → 网格 → 楼栋/小区 on the administrative side, and
//! 党工委 → 党委/党总支 → 党支部 → 党小组 on the party side.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// The kind of a node in the organisation tree.
    OrgKind {
        Street => "街道",
        Community => "社区/村",
        Grid => "网格",
        Building => "楼栋/小区",
        PartyWorkingCommittee => "党工委",
        PartyCommittee => "党委",
        GeneralBranch => "党总支",
        Branch => "党支部",
        PartyGroup => "党小组",
    }
);

impl OrgKind {
    /// The kinds a node of this kind may hang under; empty for roots.
    pub fn parents(self) -> &'static [OrgKind] {
        use OrgKind::*;
        match self {
            Street | PartyWorkingCommittee => &[],
            Community => &[Street],
            Grid => &[Community],
            Building => &[Grid],
            PartyCommittee => &[PartyWorkingCommittee],
            GeneralBranch => &[PartyWorkingCommittee, PartyCommittee],
            Branch => &[PartyWorkingCommittee, PartyCommittee, GeneralBranch],
            PartyGroup => &[Branch],
        }
    }

    /// The parent kinds as a sentence says them: "党工委或党委或党总支".
    pub fn parents_text(self) -> String {
        self.parents()
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("或")
    }

    /// The kind a unit's name says it is, by its ending: …党支部, …党总支, …党委, …党工委,
    /// …党小组, …社区, …村, …网格, …街道. None when the name does not say.
    pub fn from_name(name: &str) -> Option<OrgKind> {
        use OrgKind::*;
        // Longer endings first: 党工委 before 党委, 党总支 before 支部.
        const ENDINGS: &[(&str, OrgKind)] = &[
            ("党小组", PartyGroup),
            ("小组", PartyGroup),
            ("党总支部", GeneralBranch),
            ("党总支", GeneralBranch),
            ("总支部", GeneralBranch),
            ("总支", GeneralBranch),
            ("党支部", Branch),
            ("支部", Branch),
            ("党工委", PartyWorkingCommittee),
            ("工委", PartyWorkingCommittee),
            ("党委", PartyCommittee),
            ("网格", Grid),
            ("居委会", Community),
            ("村委会", Community),
            ("社区", Community),
            ("村", Community),
            ("街道办事处", Street),
            ("街道", Street),
            ("镇", Street),
            ("乡", Street),
            ("小区", Building),
            ("号楼", Building),
            ("楼栋", Building),
        ];
        ENDINGS
            .iter()
            .find(|(ending, _)| name.ends_with(ending) && name.len() > ending.len())
            .map(|&(_, kind)| kind)
    }

    /// A party organisation that can serve one 社区/村 (党委, 党总支, 党支部): the 党工委 is the
    /// 街道's, a 党小组 goes with its branch.
    pub fn can_serve(self) -> bool {
        use OrgKind::*;
        matches!(self, PartyCommittee | GeneralBranch | Branch)
    }

    /// A unit of the party tree (党工委 … 党小组).
    pub fn is_party(self) -> bool {
        use OrgKind::*;
        matches!(
            self,
            PartyWorkingCommittee | PartyCommittee | GeneralBranch | Branch | PartyGroup
        )
    }
}

/// How alike two unit names are, 0 to 1, judged on what tells them apart: the ending they share
/// (…社区党支部) is set aside, then the longest common subsequence of the rest over the longer
/// rest. 丽景街社区党支部 ↔ 丽景街社区第一党支部: 5 of 7; 丽景街社区党支部 ↔ 北关社区党支部: 0.
pub fn likeness(a: &str, b: &str) -> f64 {
    let (mut a, mut b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a.pop();
        b.pop();
    }
    let longer = a.len().max(b.len());
    // Names are short; a file's names are checked before they get here (at most 100 chars).
    if longer == 0 || longer > 100 {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for ca in &a {
        let mut diagonal = 0;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()] as f64 / longer as f64
}

/// The longest name a unit may have.
pub const MAX_NAME: usize = 60;

#[cfg(test)]
mod tests {
    use super::{likeness, OrgKind};

    #[test]
    fn a_name_says_its_kind_by_its_ending() {
        use OrgKind::*;
        for (name, kind) in [
            ("东关社区第一党支部", Some(Branch)),
            ("东关社区党总支", Some(GeneralBranch)),
            ("交口街道党工委", Some(PartyWorkingCommittee)),
            ("城关社区党委", Some(PartyCommittee)),
            ("第一党小组", Some(PartyGroup)),
            ("丽景街社区", Some(Community)),
            ("下庄村", Some(Community)),
            ("东关社区第三网格", Some(Grid)),
            ("交口街道", Some(Street)),
            ("幸福里小区", Some(Building)),
            ("退休职工", None),
            ("村", None),
        ] {
            assert_eq!(OrgKind::from_name(name), kind, "{name}");
        }
    }

    #[test]
    fn likeness_counts_characters_in_order() {
        assert!((likeness("丽景街社区党支部", "丽景街社区第一党支部") - 5.0 / 7.0).abs() < 1e-9);
        assert_eq!(likeness("东关社区", "东关社区"), 1.0);
        assert!(likeness("东关社区", "西城村") < 0.3);
        assert_eq!(likeness("", "东关"), 0.0);
        assert_eq!(
            likeness("丽景街社区党支部", "北关社区党支部"),
            0.0,
            "a shared ending (社区党支部) says nothing about which community"
        );
        assert!(likeness("城关镇第二网格", "城关镇第2网格") > 0.6);
    }

    #[test]
    fn labels_round_trip_and_trees_do_not_mix() {
        for &k in OrgKind::ALL {
            assert_eq!(OrgKind::from_label(k.label()), Some(k));
            for p in k.parents() {
                assert_eq!(
                    p.is_party(),
                    k.is_party(),
                    "{k:?} under {p:?} mixes the two trees"
                );
            }
        }
    }
}

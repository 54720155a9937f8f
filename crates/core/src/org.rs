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

    pub fn is_party(self) -> bool {
        use OrgKind::*;
        matches!(
            self,
            PartyWorkingCommittee | PartyCommittee | GeneralBranch | Branch | PartyGroup
        )
    }
}

#[cfg(test)]
mod tests {
    use super::OrgKind;

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

//! Where a click on a search hit or a to-do item leads: one record of one register.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id")]
pub enum Link {
    /// A person's whole file (一人一档).
    Person(i64),
    PartyMember(i64),
    House(i64),
    Meeting(i64),
    /// 三会一课 落实情况 of a branch.
    Compliance(i64),
    Goods(i64),
    /// The party members an import took in incomplete (待补录).
    IncompleteMembers,
    /// The houses an import took in incomplete (待补录).
    IncompleteHouses,
    /// The households of a unit (a grid worker's; 0: every unit) due a visit.
    DueVisits(i64),
    /// One 诉求.
    Appeal(i64),
}

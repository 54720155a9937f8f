//! 字典: the values a field offers.

use super::{command, Command};
use crate::{core::dict::Dict, dict};

pub const ALL: &[Command] = &[
    command!(dict.values(dict: Dict) -> Vec<String>, Read + Community, |db, _| dict::values(db, dict)),
    command!(dict.add(dict: Dict, value: String) -> (), Write, |db, ctx| dict::add_value(db, ctx, dict, &value)),
];

//! What every register knows of a person beyond its own fields.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::labelled::labelled_enum;

labelled_enum!(
    /// 性别, derived from the 公民身份号码.
    Sex { Male => "男", Female => "女" }
);

//! What a form is told when its input breaks a rule.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field-level complaint, keyed by the input's field name so a form can show it in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The input's field name (`id_number`).
    pub field: String,
    /// What is wrong, in a clerk's words.
    pub message: String,
}

//! Enums whose values are Chinese labels: stored, sent to the UI and printed as the label, so a
//! value reads the same in the database, on screen, in Excel and on paper.

/// Declares an enum whose serde value is its Chinese label, with `ALL`, `label()` and
/// `from_label()`.
macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $(#[doc = $label] #[serde(rename = $label)] $variant),+
        }

        impl $name {
            /// Every value, in the order forms and sheets list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every value's label, in the same order.
            pub const LABELS: &'static [&'static str] = &[$($label),+];

            /// The Chinese label: what is stored, shown and printed.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The label as a `&&'static str`, for APIs that take a reference to a value.
            pub fn label_ref(self) -> &'static &'static str {
                match self { $($name::$variant => &$label),+ }
            }

            /// The value whose label is `label` exactly.
            pub fn from_label(label: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.label() == label)
            }
        }
    };
}
pub(crate) use labelled_enum;

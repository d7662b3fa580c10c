//! One unusable field, named for the user in Vietnamese and English by its path (such as
//! `contact.email` or `actions[2].owner`), and the plain ids every body's ids are held to.
//!
//! Every validator of the core (`request`, `rapid_assessment`, `plan`, `progress`) returns these;
//! they live apart from `request` so that a module the request's own types depend on (the plan,
//! inside the assessment file) can name its errors without an import cycle. `request` re-exports
//! both under their old paths. Pure.

use serde::{Deserialize, Serialize};

/// The longest id in a draft (a question, sector, fuel, equipment, end use, voltage level or
/// checklist version), in bytes; ids are ASCII letters, digits, `_`, `-`, `.` and `:`.
pub const MAX_ID: usize = 100;

/// One unusable field, named for the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's path, such as `contact.email`.
    pub field: String,
    pub vi: String,
    pub en: String,
}

impl crate::i18n::Bilingual for FieldError {
    fn vi(&self) -> &str {
        &self.vi
    }
    fn en(&self) -> &str {
        &self.en
    }
}

/// A plain id: 1 to `MAX_ID` ASCII letters, digits, `_`, `-`, `.` or `:`.
pub(crate) fn is_id(id: &str) -> bool {
    (1..=MAX_ID).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.:".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_id_is_short_ascii_without_spaces() {
        assert!(is_id("energy.lighting.led"));
        assert!(is_id("2026.12-2:a_b"));
        assert!(is_id(&"a".repeat(MAX_ID)));
        for hostile in ["", "a b", "a/b", "ệ", "x\u{202E}", "<script>", &"a".repeat(MAX_ID + 1)] {
            assert!(!is_id(hostile), "{hostile:?}");
        }
    }
}

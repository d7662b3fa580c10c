//! The learn content's types (`content/learn.toml`): the learn pages, what each CP technique
//! means with a real example, the support an enterprise can seek, and the key-energy-user rule
//! (its threshold and obligations; the check itself is `benchmarks::key_energy_user`). Pure.

use serde::{Deserialize, Serialize};

/// One learn section: a title and paragraphs in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearnSection {
    pub id: String,
    pub title_vi: String,
    pub title_en: String,
    pub body_vi: Vec<String>,
    pub body_en: Vec<String>,
    pub sources: Vec<String>,
}

/// What a CP technique means, with a real example.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TechniqueLearn {
    pub technique: String,
    pub summary_vi: String,
    pub summary_en: String,
    pub example_vi: String,
    pub example_en: String,
    pub sources: Vec<String>,
}

/// A kind of support an enterprise can ask for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Support {
    pub id: String,
    pub title_vi: String,
    pub title_en: String,
    pub offers_vi: String,
    pub offers_en: String,
    pub apply_vi: String,
    pub apply_en: String,
    pub sources: Vec<String>,
}

/// The key-energy-user rule and what follows from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyEnergyUserRule {
    pub threshold_toe: f64,
    /// Above this, the factory is told it is near the threshold (our choice, stated in the note).
    pub near_toe: f64,
    pub obligations_vi: Vec<String>,
    pub obligations_en: Vec<String>,
    pub note_vi: String,
    pub note_en: String,
    pub near_note_vi: String,
    pub near_note_en: String,
    pub sources: Vec<String>,
}

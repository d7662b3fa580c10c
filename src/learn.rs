//! Knowledge and obligations around cleaner production: the learn pages, the support an
//! enterprise can seek, and the key-energy-user check (annual energy in TOE against the
//! 1,000 TOE/year threshold, with its arithmetic). Content comes from `content/learn.toml`. Pure.

use crate::assessment::Profile;
use crate::checklist::Checklist;
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
    pub applies_from: String,
    pub note_vi: String,
    pub note_en: String,
    pub near_note_vi: String,
    pub near_note_en: String,
    pub sources: Vec<String>,
}

/// One term of the TOE sum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToeTerm {
    /// `electricity` or a fuel id.
    pub source: String,
    pub quantity: f64,
    pub unit: String,
    pub toe_per_unit: f64,
    pub toe: f64,
}

/// Where the factory stands against the key-energy-user threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnergyUserStatus {
    /// No energy figure given: nothing is guessed.
    Unknown,
    Below,
    /// At or above `near_toe` but below the threshold.
    Near,
    /// At or above the threshold: a key energy user.
    KeyUser,
}

/// The key-energy-user check with its arithmetic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnergyUserCheck {
    pub terms: Vec<ToeTerm>,
    pub total_toe: Option<f64>,
    pub status: EnergyUserStatus,
    /// Energy figures the profile lacks (`electricity`, or fuel ids with a cost but no quantity):
    /// the total is a lower bound while any are missing.
    pub missing: Vec<String>,
}

/// Computes the factory's annual energy in TOE with the MOIT factors and checks it against the
/// key-energy-user threshold (`None` when the checklist carries no rule).
pub fn key_energy_user(checklist: &Checklist, profile: &Profile) -> Option<EnergyUserCheck> {
    let rule = checklist.key_energy_user.as_ref()?;
    let mut terms = Vec::new();
    let mut missing = Vec::new();
    match profile.electricity.kwh.filter(|v| v.is_finite() && *v >= 0.0) {
        Some(kwh) => {
            let factor = checklist.electricity.toe_per_kwh;
            terms.push(ToeTerm {
                source: "electricity".into(),
                quantity: kwh,
                unit: "kWh".into(),
                toe_per_unit: factor,
                toe: kwh * factor,
            });
        }
        None => missing.push("electricity".to_owned()),
    }
    for use_ in &profile.fuels {
        let Some(fuel) = checklist.fuel(&use_.fuel) else { continue };
        match use_.quantity.filter(|q| q.is_finite() && *q >= 0.0) {
            Some(q) => terms.push(ToeTerm {
                source: fuel.id.clone(),
                quantity: q,
                unit: fuel.unit.clone(),
                toe_per_unit: fuel.toe_per_unit,
                toe: q * fuel.toe_per_unit,
            }),
            None if use_.cost_vnd.is_some() => missing.push(fuel.id.clone()),
            None => {}
        }
    }
    let total_toe = (!terms.is_empty()).then(|| terms.iter().map(|t| t.toe).sum::<f64>());
    let status = match total_toe {
        None => EnergyUserStatus::Unknown,
        Some(t) if t >= rule.threshold_toe => EnergyUserStatus::KeyUser,
        Some(t) if t >= rule.near_toe => EnergyUserStatus::Near,
        Some(_) => EnergyUserStatus::Below,
    };
    Some(EnergyUserCheck { terms, total_toe, status, missing })
}

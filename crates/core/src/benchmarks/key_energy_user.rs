//! The key-energy-user check: the factory's annual energy in TOE with the MOIT factors, against
//! the threshold of the checklist's `KeyEnergyUserRule`, with its arithmetic and what is missing.
//! Pure.

use crate::assessment::Profile;
use crate::checklist::Checklist;
use serde::{Deserialize, Serialize};

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

//! How the factory compares: its energy-saving potential against the national CP targets, and
//! its specific energy consumption against the sector norms, where the profile allows.
//!
//! Pure and total: with no energy or output figures it returns no comparison, never a guess.

mod key_energy_user;

use crate::assessment::Profile;
use crate::checklist::{Checklist, Norm, NormMetric};
use crate::savings::{Range, Savings, annual_toe};
use serde::{Deserialize, Serialize};

pub use key_energy_user::{EnergyUserCheck, EnergyUserStatus, ToeTerm, key_energy_user};

/// MJ in one kWh of electricity (final energy).
pub const MJ_PER_KWH: f64 = 3.6;

/// The factory's specific consumption next to one sector norm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NormComparison {
    pub norm: String,
    /// The factory's consumption per unit of output, in the norm's metric.
    pub actual: f64,
    pub norm_value: f64,
}

impl NormComparison {
    /// Actual over norm, in percent (100 means exactly at the norm).
    pub fn percent_of_norm(&self) -> f64 {
        self.actual / self.norm_value * 100.0
    }
}

/// All comparisons the draft allows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Benchmarks {
    /// Identified energy-saving potential in percent of the factory's annual TOE.
    pub energy_saving_pct: Option<Range>,
    pub norms: Vec<NormComparison>,
    /// Norms of the factory's sector whose current value could not be retrieved: the tool says
    /// so (the norm's `missing_vi`/`missing_en`) and compares nothing.
    #[serde(default)]
    pub unavailable: Vec<String>,
}

/// Annual energy in MJ (electricity at 3.6 MJ/kWh plus fuels), if any energy figure is given.
fn annual_mj(checklist: &Checklist, profile: &Profile) -> Option<f64> {
    let electricity = profile.electricity.kwh.filter(|v| *v >= 0.0).map(|kwh| kwh * MJ_PER_KWH);
    let fuels: Vec<f64> = profile
        .fuels
        .iter()
        .filter_map(|u| {
            Some(u.quantity.filter(|q| *q >= 0.0)? * checklist.fuel(&u.fuel)?.mj_per_unit)
        })
        .collect();
    match (electricity, fuels.is_empty()) {
        (None, true) => None,
        (e, _) => Some(e.unwrap_or(0.0) + fuels.iter().sum::<f64>()),
    }
}

/// Compares the draft's factory with the targets and norms of the checklist.
pub fn benchmarks(checklist: &Checklist, profile: &Profile, savings: &Savings) -> Benchmarks {
    let energy_saving_pct =
        annual_toe(checklist, profile).filter(|toe| *toe > 0.0).map(|toe| Range {
            low: savings.total_toe.low / toe * 100.0,
            high: savings.total_toe.high / toe * 100.0,
        });
    let output = profile.output.filter(|o| *o > 0.0);
    let of_sector: Vec<&Norm> = checklist
        .norms
        .iter()
        .filter(|n| profile.sector.as_deref() == Some(n.sector.as_str()))
        .collect();
    let norms = of_sector
        .iter()
        .filter(|n| n.output_unit == profile.output_unit.trim())
        .filter_map(|n| {
            let norm_value = n.value?;
            let output = output.filter(|o| (n.output_min..n.output_max).contains(o))?;
            let consumption = match n.metric {
                NormMetric::EnergyMj => annual_mj(checklist, profile)?,
                NormMetric::ElectricityKwh => profile.electricity.kwh.filter(|v| *v >= 0.0)?,
                // Per tonne of equivalent product: the profile's output is finished product, so
                // dividing by it would compare unlike with unlike. Nothing is compared.
                NormMetric::EnergyMjEquivalent => return None,
            };
            Some(NormComparison { norm: n.id.clone(), actual: consumption / output, norm_value })
        })
        .collect();
    let unavailable =
        of_sector.iter().filter(|n| n.value.is_none()).map(|n| n.id.clone()).collect();
    Benchmarks { energy_saving_pct, norms, unavailable }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Draft;
    use crate::savings::savings;

    #[test]
    fn a_norm_per_equivalent_product_is_never_compared_with_finished_product() {
        let mut list = crate::checklist::active().clone();
        let norm = list.norms.iter_mut().find(|n| n.metric == NormMetric::EnergyMjEquivalent);
        let norm = norm.expect("the seafood norm is per equivalent product");
        norm.value = Some(3_000.0);
        let (sector, unit) = (norm.sector.clone(), norm.output_unit.clone());
        let mut draft = Draft::new(&list);
        draft.profile.sector = Some(sector);
        draft.profile.output = Some(1_000.0);
        draft.profile.output_unit = unit;
        draft.profile.electricity.kwh = Some(2_000_000.0);
        let b = benchmarks(&list, &draft.profile, &savings(&list, &draft));
        assert!(b.norms.is_empty(), "{:?}", b.norms);
        assert!(b.unavailable.is_empty(), "it has a value: it is not 'not retrieved' either");
    }
    #[test]
    fn no_comparison_divides_by_zero() {
        let mut list = crate::checklist::active().clone();
        let norm = list.norms.iter_mut().find(|n| n.value.is_some()).expect("a norm with a value");
        norm.output_min = 0.0;
        let (sector, unit) = (norm.sector.clone(), norm.output_unit.clone());
        let mut draft = Draft::new(&list);
        draft.profile.sector = Some(sector);
        draft.profile.output_unit = unit;
        draft.profile.output = Some(0.0);
        draft.profile.electricity.kwh = Some(0.0);
        let b = benchmarks(&list, &draft.profile, &savings(&list, &draft));
        assert!(b.norms.is_empty(), "no output: nothing per unit of it");
        assert_eq!(b.energy_saving_pct, None, "no energy: no share of it");
    }

    #[test]
    fn an_electricity_norm_compares_kwh_per_unit_of_output() {
        let mut list = crate::checklist::active().clone();
        let norm = list.norms.iter_mut().find(|n| n.value.is_some()).expect("a norm with a value");
        norm.metric = NormMetric::ElectricityKwh;
        norm.output_min = 0.0;
        let (sector, unit, id) = (norm.sector.clone(), norm.output_unit.clone(), norm.id.clone());
        let mut draft = Draft::new(&list);
        draft.profile.sector = Some(sector);
        draft.profile.output_unit = unit;
        draft.profile.output = Some(1_000.0);
        draft.profile.electricity.kwh = Some(2_000_000.0);
        let b = benchmarks(&list, &draft.profile, &savings(&list, &draft));
        assert_eq!(b.norms.len(), 1);
        assert_eq!((b.norms[0].norm.as_str(), b.norms[0].actual), (id.as_str(), 2_000.0));
    }
}

//! The part of the shipped checklist that the profile step needs: areas (for the step list),
//! sectors, equipment, fuels with their default prices, the EVN voltage levels with the tariff's
//! note, and the water note. `build.rs` writes it from `content/` as constant tables, so the
//! browser can show the first question before the checklist file and its reader arrive.
//! `checklist::current` and `checklist::profile_choices` hand it out; `matches` tells whether a
//! loaded checklist (a host's may differ) shows the same choices.

use super::{Area, Checklist, Electricity, Equipment, Fuel, Sector, VoltageLevel, Water};
use std::sync::OnceLock;

/// A fuel: id, Vietnamese and English names, unit, TOE, MJ and t CO2 per unit, the default
/// price (VND per unit) with its year if there is one, and the note that asks for the factory's
/// own price when there is none.
type FuelRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
    Option<(f64, u16)>,
    Option<(&'static str, &'static str)>,
);
/// A piece of equipment or a stage: id, Vietnamese and English names, the sectors it is a stage
/// of (none for equipment).
type EquipmentRow = (&'static str, &'static str, &'static str, &'static [&'static str]);
/// An EVN voltage level: id, names, and the off-peak, normal and peak prices (VND/kWh).
type VoltageRow = (&'static str, &'static str, &'static str, f64, f64, f64);

include!(concat!(env!("OUT_DIR"), "/profile_part.rs"));

/// The compiled-in profile part as a checklist with no questions, built once.
pub fn builtin() -> &'static Checklist {
    static BUILT: OnceLock<Checklist> = OnceLock::new();
    BUILT.get_or_init(|| {
        let s = |text: &str| text.to_owned();
        Checklist {
            areas: AREAS
                .iter()
                .map(|&(id, vi, en)| Area { id: s(id), vi: s(vi), en: s(en) })
                .collect(),
            sectors: SECTORS
                .iter()
                .map(|&(id, vi, en)| Sector { id: s(id), vi: s(vi), en: s(en) })
                .collect(),
            equipment: EQUIPMENT
                .iter()
                .map(|&(id, vi, en, sectors)| Equipment {
                    id: s(id),
                    vi: s(vi),
                    en: s(en),
                    sectors: sectors.iter().map(|sector| s(sector)).collect(),
                })
                .collect(),
            fuels: FUELS
                .iter()
                .map(|&(id, vi, en, unit, toe, mj, co2, price, note)| Fuel {
                    id: s(id),
                    vi: s(vi),
                    en: s(en),
                    unit: s(unit),
                    toe_per_unit: toe,
                    mj_per_unit: mj,
                    co2_t_per_unit: co2,
                    price_vnd_per_unit: price.map(|(vnd, _)| vnd),
                    price_year: price.map(|(_, year)| year),
                    price_note_vi: note.map(|(vi, _)| s(vi)),
                    price_note_en: note.map(|(_, en)| s(en)),
                    factor_sources: Vec::new(),
                    price_sources: Vec::new(),
                })
                .collect(),
            electricity: Electricity {
                voltage_levels: VOLTAGE_LEVELS
                    .iter()
                    .map(|&(id, vi, en, off_peak, normal, peak)| VoltageLevel {
                        id: s(id),
                        vi: s(vi),
                        en: s(en),
                        off_peak,
                        normal,
                        peak,
                    })
                    .collect(),
                tariff_note_vi: s(TARIFF_NOTE.0),
                tariff_note_en: s(TARIFF_NOTE.1),
                ..Electricity::default()
            },
            water: Water {
                comparator_note_vi: s(WATER_NOTE.0),
                comparator_note_en: s(WATER_NOTE.1),
                ..Water::default()
            },
            ..Checklist::default()
        }
    })
}

/// Whether `list` offers the profile step the same choices as the compiled-in part (the shipped
/// checklist does; a host's may not).
pub fn matches(list: &Checklist) -> bool {
    let part = builtin();
    let fuel_view = |f: &Fuel| {
        (
            f.id.clone(),
            f.vi.clone(),
            f.en.clone(),
            f.unit.clone(),
            f.price_vnd_per_unit.map(f64::to_bits),
            f.price_year,
            f.price_note_vi.clone(),
            f.price_note_en.clone(),
        )
    };
    list.areas == part.areas
        && list.sectors == part.sectors
        && list.equipment == part.equipment
        && list.fuels.iter().map(fuel_view).eq(part.fuels.iter().map(fuel_view))
        && list.electricity.voltage_levels == part.electricity.voltage_levels
        && list.electricity.tariff_note_vi == part.electricity.tariff_note_vi
        && list.electricity.tariff_note_en == part.electricity.tariff_note_en
        && list.water.comparator_note_vi == part.water.comparator_note_vi
        && list.water.comparator_note_en == part.water.comparator_note_en
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{SHIPPED_JSON, profile_choices};

    #[test]
    fn the_compiled_in_part_is_the_shipped_contents() {
        let shipped = Checklist::from_json(SHIPPED_JSON).expect("the shipped content parses");
        let part = builtin();
        assert!(matches(&shipped));
        assert_eq!(part.areas, shipped.areas);
        assert_eq!(part.sectors, shipped.sectors);
        assert_eq!(part.equipment, shipped.equipment);
        assert_eq!(part.electricity.voltage_levels, shipped.electricity.voltage_levels);
        // Every text the profile shows from the content: the tariff's and the water's notes too.
        let notes = |l: &Checklist| {
            [
                &l.electricity.tariff_note_vi,
                &l.electricity.tariff_note_en,
                &l.water.comparator_note_vi,
                &l.water.comparator_note_en,
            ]
            .map(String::clone)
        };
        assert_eq!(notes(part), notes(&shipped));
        assert!(notes(part).iter().all(|n| !n.is_empty()));
        assert_eq!(part.fuels.len(), shipped.fuels.len());
        for (ours, theirs) in part.fuels.iter().zip(&shipped.fuels) {
            assert_eq!(
                (&ours.id, &ours.vi, &ours.en, &ours.unit),
                (&theirs.id, &theirs.vi, &theirs.en, &theirs.unit)
            );
            assert_eq!(
                (ours.price_vnd_per_unit, ours.price_year),
                (theirs.price_vnd_per_unit, theirs.price_year)
            );
            assert_eq!(
                (&ours.price_note_vi, &ours.price_note_en),
                (&theirs.price_note_vi, &theirs.price_note_en)
            );
            assert_eq!(
                (ours.toe_per_unit, ours.mj_per_unit, ours.co2_t_per_unit),
                (theirs.toe_per_unit, theirs.mj_per_unit, theirs.co2_t_per_unit)
            );
        }
        assert!(part.questions.is_empty(), "the part carries no questions");
        // Natively the bilingual shipped content is loaded, and offers the same choices.
        assert!(matches(profile_choices()));
    }

    #[test]
    fn a_checklist_with_other_choices_does_not_match() {
        let shipped = Checklist::from_json(SHIPPED_JSON).expect("the shipped content parses");
        let mut sectors = shipped.clone();
        sectors.sectors[0].vi.push_str(" (khác)");
        let mut fuels = shipped.clone();
        fuels.fuels[0].price_vnd_per_unit =
            Some(fuels.fuels[0].price_vnd_per_unit.unwrap_or(0.0) + 1.0);
        let mut levels = shipped.clone();
        levels.electricity.voltage_levels.pop();
        let mut water = shipped.clone();
        water.water.comparator_note_en.push('!');
        let mut tariff = shipped.clone();
        tariff.electricity.tariff_note_vi.push('!');
        let mut equipment = shipped;
        equipment.equipment.remove(0);
        for other in [sectors, fuels, levels, water, tariff, equipment] {
            assert!(!matches(&other));
        }
    }
}

//! The key-energy-user check (TOE with the MOIT factors) on hand-computed cases, and the learn
//! content's rules.
#![cfg(not(target_arch = "wasm32"))] // Native tests.

use sxsh_core::assessment::{Draft, Edit, ElectricityPart, Field, FuelUse, Profile, ProfileField};
use sxsh_core::benchmarks::{EnergyUserStatus, key_energy_user};
use sxsh_core::checklist::{self, Checklist};

fn check(profile: Profile) -> sxsh_core::benchmarks::EnergyUserCheck {
    key_energy_user(checklist::active(), &profile).expect("the shipped content has the rule")
}

fn fuel(id: &str, quantity: Option<f64>, cost: Option<f64>) -> FuelUse {
    FuelUse { fuel: id.into(), quantity, cost_vnd: cost, ..FuelUse::default() }
}

#[track_caller]
fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a total");
    assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
}

#[test]
fn the_shipped_rule_is_1000_toe_with_every_obligation_and_who_approves_the_list() {
    let rule = checklist::active().key_energy_user.as_ref().expect("learn.toml has the rule");
    assert_eq!(rule.threshold_toe, 1000.0);
    // domain.md §8.2: the complete list, in both languages.
    let all = rule.obligations_en.join("\n").to_lowercase();
    for duty in [
        "energy manager",
        "energy audit",
        "norm",
        "annual plan",
        "five-year plan",
        "report",
        "energy management system",
        "greenhouse",
    ] {
        assert!(all.contains(duty), "no obligation mentions {duty:?}: {all}");
    }
    assert_eq!(rule.obligations_vi.len(), rule.obligations_en.len());
    // They have applied since Law 50/2010, and the province approves the list.
    assert!(rule.note_en.contains("50/2010") && rule.note_en.contains("People's Committee"));
    assert!(rule.note_vi.contains("50/2010") && rule.note_vi.contains("Ủy ban nhân dân"));
    assert!(rule.note_en.contains("01/01/2011"), "the obligations are not new in 2026");
    assert!(rule.note_vi.contains("01/01/2011"));
}

#[test]
fn electricity_only_near_the_threshold() {
    let mut p = Profile::default();
    p.electricity.kwh = Some(6_000_000.0);
    // 6,000,000 kWh × 0.0001543 TOE/kWh = 925.8 TOE: over 800, under 1,000.
    let c = check(p);
    close(c.total_toe, 925.8);
    assert_eq!(c.status, EnergyUserStatus::Near);
    assert!(c.missing.is_empty());
}

#[test]
fn coal_and_electricity_make_a_key_energy_user() {
    let mut p = Profile::default();
    p.electricity.kwh = Some(2_000_000.0);
    p.fuels = vec![fuel("coal_3_4", Some(1_200.0), None)];
    // 2,000,000 × 0.0001543 = 308.6 TOE; 1,200 t × 0.60 TOE/t = 720 TOE; total 1,028.6 TOE.
    let c = check(p);
    close(c.total_toe, 1_028.6);
    assert_eq!(c.status, EnergyUserStatus::KeyUser);
    assert_eq!(c.terms.len(), 2);
    assert!((c.terms[1].toe - 720.0).abs() < 1e-9);
}

#[test]
fn exactly_1000_toe_is_a_key_energy_user() {
    let mut p = Profile::default();
    p.electricity.kwh = Some(0.0);
    p.fuels = vec![fuel("coal_5_6", Some(2_000.0), None)];
    // 2,000 t × 0.50 TOE/t = 1,000 TOE exactly: the threshold is "1,000 TOE or more".
    let c = check(p);
    close(c.total_toe, 1_000.0);
    assert_eq!(c.status, EnergyUserStatus::KeyUser);
}

#[test]
fn missing_data_is_said_not_guessed() {
    let c = check(Profile::default());
    assert_eq!(c.total_toe, None);
    assert_eq!(c.status, EnergyUserStatus::Unknown);
    assert_eq!(c.missing, ["electricity"]);

    let mut p = Profile::default();
    p.electricity.kwh = Some(1_000_000.0);
    p.fuels = vec![fuel("fo", None, Some(5e9))];
    // 1,000,000 × 0.0001543 = 154.3 TOE from what is known; the fuel oil quantity is missing.
    let c = check(p);
    close(c.total_toe, 154.3);
    assert_eq!(c.status, EnergyUserStatus::Below);
    assert_eq!(c.missing, ["fo"]);
}

#[test]
fn the_check_follows_the_profile_edits() {
    let mut draft = Draft::new(checklist::active());
    draft.apply(Edit::Typed {
        field: Field::Profile(ProfileField::Electricity(ElectricityPart::Kwh)),
        text: "7.000.000".into(),
        lang: sxsh_core::i18n::Lang::Vi,
    });
    // 7,000,000 × 0.0001543 = 1,080.1 TOE.
    let c = check(draft.profile);
    close(c.total_toe, 1_080.1);
    assert_eq!(c.status, EnergyUserStatus::KeyUser);
}

#[test]
fn without_a_rule_there_is_no_check() {
    let mut list: Checklist = checklist::active().clone();
    list.key_energy_user = None;
    assert!(key_energy_user(&list, &Profile::default()).is_none());
}

#[test]
fn the_toe_arithmetic_names_its_factors_with_their_date() {
    use sxsh_core::i18n::Lang;
    let mut p = Profile::default();
    p.electricity.kwh = Some(2_000_000.0);
    p.fuels = vec![fuel("coal_3_4", Some(1_200.0), None)];
    let list = checklist::active();
    let text = sxsh_core::report::energy_user_text(list, &p, Lang::Vi).expect("the rule");
    let last = text.arithmetic.last().expect("the arithmetic");
    assert_eq!(
        last,
        "Hệ số quy đổi TOE theo Công văn 3505/BCT-KHCN của Bộ Công Thương ngày 19/04/2011."
    );
    // Without any energy figure there is no arithmetic, and no factor line either.
    let none = sxsh_core::report::energy_user_text(list, &Profile::default(), Lang::En);
    assert!(none.expect("the rule").arithmetic.is_empty());
}

//! The user's work in progress: the company profile and the answers, keyed by stable ids.
//!
//! Every change goes through `Draft::apply(Edit)`, so all the ways a draft can change sit in one
//! `match`. Numbers the user did not give are `None`, never zero. Pure: no I/O, no web APIs.

use crate::checklist::{Better, Checklist, Question};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How far a practice or measure is in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    NotYet,
    Partly,
    Done,
    NotApplicable,
}

impl Level {
    /// Every level, in the order the choices are shown.
    pub const ALL: [Level; 4] = [Level::Done, Level::Partly, Level::NotYet, Level::NotApplicable];

    /// The stable id used in saved drafts, exports and form values.
    pub fn id(self) -> &'static str {
        match self {
            Level::Done => "done",
            Level::Partly => "partly",
            Level::NotYet => "not_yet",
            Level::NotApplicable => "not_applicable",
        }
    }
}

/// One answer: a level, or a number for numeric questions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Level(Level),
    Number(f64),
}

impl Answer {
    /// The level this answer stands for: a number is placed by the question's thresholds.
    /// `None` when a number is outside the question's accepted range or the question takes no
    /// number (such an answer counts as unanswered, never as a guess).
    pub fn level(self, question: &Question) -> Option<Level> {
        match (self, &question.number) {
            (Answer::Level(level), _) => Some(level),
            (Answer::Number(value), Some(spec)) => {
                if !(spec.min..=spec.max).contains(&value) {
                    return None;
                }
                let at_least = |threshold: f64| match spec.better {
                    Better::Higher => value >= threshold,
                    Better::Lower => value <= threshold,
                };
                Some(if at_least(spec.done_at) {
                    Level::Done
                } else if at_least(spec.partly_at) {
                    Level::Partly
                } else {
                    Level::NotYet
                })
            }
            (Answer::Number(_), None) => None,
        }
    }
}

/// The annual use and cost of one resource stream. Either figure may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StreamUse {
    /// Annual quantity in the stream's unit (m³ for water, tonnes for materials, ...).
    pub quantity: Option<f64>,
    /// Annual cost in VND.
    pub cost_vnd: Option<f64>,
}

/// Annual electricity use, with what is needed to price it from the EVN tariff.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElectricityUse {
    pub kwh: Option<f64>,
    /// The bill total for the year, VND; when absent the cost comes from the tariff.
    pub cost_vnd: Option<f64>,
    /// Voltage level id from the checklist's tariff.
    pub voltage_level: Option<String>,
    /// Share of kWh at peak and off-peak hours, percent; the rest is normal hours.
    pub peak_pct: Option<f64>,
    pub off_peak_pct: Option<f64>,
    /// Overrides the checklist's grid emission factor, tCO2/MWh.
    pub co2_t_per_mwh: Option<f64>,
}

/// Annual use of one fuel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FuelUse {
    /// Fuel id from the checklist.
    pub fuel: String,
    /// Annual quantity in the fuel's unit.
    pub quantity: Option<f64>,
    /// Annual cost in VND; when absent the checklist's default price is used.
    pub cost_vnd: Option<f64>,
    /// Overrides the checklist's CO2 factor, tonnes per unit.
    pub co2_t_per_unit: Option<f64>,
}

/// Who the enterprise is and what it uses in a year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub company: String,
    /// Sector id from the checklist.
    pub sector: Option<String>,
    /// Commune or ward (xã, phường).
    pub ward: String,
    pub employees: Option<u32>,
    pub products: String,
    /// Annual output and its unit (free text such as "tấn", "hl", "nghìn viên").
    pub output: Option<f64>,
    pub output_unit: String,
    /// Equipment ids present at the factory.
    pub equipment: BTreeSet<String>,
    pub electricity: ElectricityUse,
    pub fuels: Vec<FuelUse>,
    pub water: StreamUse,
    /// Main raw materials: what they are, and their use and cost.
    pub materials_name: String,
    pub materials: StreamUse,
    pub chemicals: StreamUse,
    pub waste: StreamUse,
}

impl Profile {
    /// Whether a question applies to this factory: its sector and its equipment.
    pub fn applies(&self, question: &Question) -> bool {
        let sector_fits = question.sectors.is_empty()
            || self.sector.as_ref().is_some_and(|s| question.sectors.contains(s));
        let equipment_fits = question.equipment.is_empty()
            || question.equipment.iter().any(|e| self.equipment.contains(e));
        sector_fits && equipment_fits
    }

    /// The use of one stream by its checklist id (fuel and electricity have their own shapes).
    pub fn stream_use(&self, stream: &str) -> Option<&StreamUse> {
        match stream {
            "water" => Some(&self.water),
            "materials" => Some(&self.materials),
            "chemicals" => Some(&self.chemicals),
            "waste" => Some(&self.waste),
            _ => None,
        }
    }
}

/// The whole work in progress: profile, answers, and the checklist version they refer to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub checklist_version: String,
    pub profile: Profile,
    pub answers: Answers,
}

impl Draft {
    /// An empty draft for this checklist.
    pub fn new(checklist: &Checklist) -> Draft {
        Draft { checklist_version: checklist.version.clone(), ..Draft::default() }
    }

    /// Applies one edit.
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Answer(id, answer) => {
                self.answers.0.insert(id, answer);
            }
            Edit::Clear(id) => {
                self.answers.0.remove(&id);
            }
            Edit::SetProfile(profile) => self.profile = *profile,
        }
    }
}

/// A change to a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets or replaces the answer to a question.
    Answer(String, Answer),
    /// Removes the answer to a question.
    Clear(String),
    /// Replaces the company profile.
    SetProfile(Box<Profile>),
}

/// Answers by question id. Ids the checklist no longer has are kept but ignored by scoring.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    /// The answer to a question, if there is one.
    pub fn get(&self, id: &str) -> Option<Answer> {
        self.0.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_can_be_replaced_and_cleared() {
        let mut draft = Draft::default();
        draft.apply(Edit::Answer("energy.x".into(), Answer::Level(Level::NotYet)));
        draft.apply(Edit::Answer("energy.x".into(), Answer::Level(Level::Done)));
        assert_eq!(draft.answers.get("energy.x"), Some(Answer::Level(Level::Done)));
        draft.apply(Edit::Clear("energy.x".into()));
        assert_eq!(draft.answers.get("energy.x"), None);
    }

    fn numeric_question(better: Better) -> Question {
        let mut q = crate::checklist::builtin().questions[0].clone();
        q.number = Some(crate::checklist::NumberSpec {
            unit_vi: String::new(),
            unit_en: String::new(),
            min: 0.0,
            max: 10.0,
            better,
            done_at: if better == Better::Lower { 4.0 } else { 8.0 },
            partly_at: 6.0,
        });
        q
    }

    #[test]
    fn numbers_are_placed_by_thresholds_inclusive() {
        let lower = numeric_question(Better::Lower);
        assert_eq!(Answer::Number(4.0).level(&lower), Some(Level::Done));
        assert_eq!(Answer::Number(6.0).level(&lower), Some(Level::Partly));
        assert_eq!(Answer::Number(6.1).level(&lower), Some(Level::NotYet));
        let higher = numeric_question(Better::Higher);
        assert_eq!(Answer::Number(8.0).level(&higher), Some(Level::Done));
        assert_eq!(Answer::Number(7.9).level(&higher), Some(Level::Partly));
        assert_eq!(Answer::Number(1.0).level(&higher), Some(Level::NotYet));
    }

    #[test]
    fn numbers_outside_the_range_count_as_unanswered() {
        let q = numeric_question(Better::Lower);
        assert_eq!(Answer::Number(-1.0).level(&q), None);
        assert_eq!(Answer::Number(10.5).level(&q), None);
        assert_eq!(Answer::Number(f64::NAN).level(&q), None);
    }
}

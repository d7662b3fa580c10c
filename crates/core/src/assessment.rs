//! The user's work in progress: the company profile and the answers, keyed by stable ids.
//!
//! Every change goes through `Draft::apply(Edit)`, so all the ways a draft can change sit in one
//! `match`. Numbers the user did not give are `None`, never zero. Pure: no I/O, no web APIs.

mod field;

pub use field::{ElectricityPart, Field, ProfileField, ProfileText, UsePart};

use crate::checklist::{Better, Checklist, Question, Stream};
use crate::free_text;
use crate::i18n::Lang;
use crate::numbers::{self, NumberError};
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
    pub employees: Option<f64>,
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
    /// The factory's own split of its streams over end uses, by end-use id: percentages or
    /// sub-meter readings (`savings::end_use_shares` scales them to the stream). Empty: the
    /// sector's default split.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub end_use_split: BTreeMap<String, Option<f64>>,
}

impl Profile {
    /// Whether a question applies to this factory: its sector, and any of its equipment or
    /// stages (`has`).
    pub fn applies(&self, checklist: &Checklist, question: &Question) -> bool {
        let sector_fits = question.sectors.is_empty()
            || self.sector.as_ref().is_some_and(|s| question.sectors.contains(s));
        let equipment_fits = question.equipment.is_empty()
            || question.equipment.iter().any(|e| self.has(checklist, e));
        sector_fits && equipment_fits
    }

    /// Whether the factory has this equipment or runs this stage. A stage of the factory's own
    /// sector counts as run while none of that sector's stages is ticked: not knowing which it
    /// runs, the checklist asks about them all.
    /// A stage of another sector never counts, ticked or not: a tick left from a sector chosen
    /// before is kept (choosing it again brings it back) but neither asks nor counts anything.
    pub fn has(&self, checklist: &Checklist, id: &str) -> bool {
        let stage_of = checklist.equipment.iter().find(|e| e.id == id).map(|e| &e.sectors);
        let Some(sectors) = stage_of.filter(|sectors| !sectors.is_empty()) else {
            return self.equipment.contains(id);
        };
        let Some(sector) = self.sector.as_deref() else { return false };
        if !sectors.iter().any(|s| s == sector) {
            return false;
        }
        self.equipment.contains(id)
            || !checklist.stages_of(sector).any(|stage| self.equipment.contains(&stage.id))
    }

    /// A free-text field's text.
    pub fn text(&self, field: ProfileText) -> &str {
        match field {
            ProfileText::Company => &self.company,
            ProfileText::Ward => &self.ward,
            ProfileText::Products => &self.products,
            ProfileText::OutputUnit => &self.output_unit,
            ProfileText::MaterialsName => &self.materials_name,
        }
    }

    /// A free-text field, to write.
    pub fn text_mut(&mut self, field: ProfileText) -> &mut String {
        match field {
            ProfileText::Company => &mut self.company,
            ProfileText::Ward => &mut self.ward,
            ProfileText::Products => &mut self.products,
            ProfileText::OutputUnit => &mut self.output_unit,
            ProfileText::MaterialsName => &mut self.materials_name,
        }
    }

    /// A number field (a fuel row is created when first written); `None` for a field that holds
    /// no number (text, the sector, a CO2 factor of a stream that has none).
    pub fn number_mut(&mut self, field: &ProfileField) -> Option<&mut Option<f64>> {
        match field {
            ProfileField::Employees => Some(&mut self.employees),
            ProfileField::Output => Some(&mut self.output),
            ProfileField::Electricity(part) => Some(match part {
                ElectricityPart::Kwh => &mut self.electricity.kwh,
                ElectricityPart::CostVnd => &mut self.electricity.cost_vnd,
                ElectricityPart::PeakPct => &mut self.electricity.peak_pct,
                ElectricityPart::OffPeakPct => &mut self.electricity.off_peak_pct,
                ElectricityPart::Co2TPerMwh => &mut self.electricity.co2_t_per_mwh,
            }),
            ProfileField::Fuel(id, part) => {
                let index = match self.fuels.iter().position(|f| f.fuel == *id) {
                    Some(i) => i,
                    None => {
                        self.fuels.push(FuelUse { fuel: id.clone(), ..FuelUse::default() });
                        self.fuels.len() - 1
                    }
                };
                let fuel = &mut self.fuels[index];
                Some(match part {
                    UsePart::Quantity => &mut fuel.quantity,
                    UsePart::CostVnd => &mut fuel.cost_vnd,
                    UsePart::Co2TPerUnit => &mut fuel.co2_t_per_unit,
                })
            }
            ProfileField::Stream(stream, part) => {
                let stream = self.stream_use_mut(*stream)?;
                match part {
                    UsePart::Quantity => Some(&mut stream.quantity),
                    UsePart::CostVnd => Some(&mut stream.cost_vnd),
                    UsePart::Co2TPerUnit => None,
                }
            }
            ProfileField::EndUse(id) => Some(self.end_use_split.entry(id.clone()).or_default()),
            ProfileField::Text(_) | ProfileField::Sector => None,
        }
    }

    /// The value of a number field, without creating anything.
    pub fn number(&self, field: &ProfileField) -> Option<f64> {
        if let ProfileField::Fuel(id, _) = field
            && !self.fuels.iter().any(|f| f.fuel == *id)
        {
            return None;
        }
        if let ProfileField::EndUse(id) = field {
            return self.end_use_split.get(id).copied().flatten();
        }
        self.clone().number_mut(field).and_then(|v| *v)
    }

    /// The use of water, materials, chemicals or waste (fuel and electricity have their own
    /// shapes).
    pub fn stream_use(&self, stream: Stream) -> Option<&StreamUse> {
        match stream {
            Stream::Water => Some(&self.water),
            Stream::Materials => Some(&self.materials),
            Stream::Chemicals => Some(&self.chemicals),
            Stream::Waste => Some(&self.waste),
            Stream::Electricity | Stream::Fuel => None,
        }
    }

    fn stream_use_mut(&mut self, stream: Stream) -> Option<&mut StreamUse> {
        match stream {
            Stream::Water => Some(&mut self.water),
            Stream::Materials => Some(&mut self.materials),
            Stream::Chemicals => Some(&mut self.chemicals),
            Stream::Waste => Some(&mut self.waste),
            Stream::Electricity | Stream::Fuel => None,
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
    /// Text typed into number fields that is not (yet) a valid number, by `Field::id`. It is
    /// kept exactly as typed so nothing the user wrote is lost; the field's number is unknown
    /// meanwhile. Read it with `typed_text`.
    pub typed: BTreeMap<String, String>,
}

impl Draft {
    /// An empty draft for this checklist.
    pub fn new(checklist: &Checklist) -> Draft {
        Draft { checklist_version: checklist.version.clone(), ..Draft::default() }
    }

    /// An empty draft for the checklist in use, or, before it is loaded, one without a checklist
    /// version (the widget stamps it once the checklist is there: see `stamp_version`).
    pub fn fresh(checklist: Option<&Checklist>) -> Draft {
        checklist.map(Draft::new).unwrap_or_default()
    }

    /// Records the checklist version in a draft that has none yet; true if it changed.
    pub fn stamp_version(&mut self, checklist: &Checklist) -> bool {
        let unstamped = self.checklist_version.is_empty();
        if unstamped {
            self.checklist_version = checklist.version.clone();
        }
        unstamped
    }

    /// The earlier checklist version this draft was made with, when it is scored with another
    /// (`None` for a draft of this version or one not yet stamped).
    pub fn rescored_from<'a>(&'a self, checklist: &Checklist) -> Option<&'a str> {
        let old = self.checklist_version.as_str();
        (!old.is_empty() && old != checklist.version).then_some(old)
    }

    /// Whether nothing has been entered: no profile field, no answer, no typed text. A blank
    /// draft is not worth keeping, whatever checklist version it names.
    pub fn is_blank(&self) -> bool {
        self.profile == Profile::default() && self.answers.0.is_empty() && self.typed.is_empty()
    }

    /// The text typed into a number field that is not (yet) a number, if any.
    pub fn typed_text(&self, field: &Field) -> Option<&String> {
        self.typed.get(&field.id())
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
            Edit::SetText(field, text) => *self.profile.text_mut(field) = text,
            Edit::SetSector(sector) => self.profile.sector = sector,
            Edit::SetVoltageLevel(level) => self.profile.electricity.voltage_level = level,
            Edit::SetEquipment(id, present) => {
                if present {
                    self.profile.equipment.insert(id);
                } else {
                    self.profile.equipment.remove(&id);
                }
            }
            Edit::Typed { field: Field::Answer(id), text, lang } => {
                let key = Field::Answer(id.clone()).id();
                match numbers::parse(&text, lang) {
                    Ok(value) => {
                        self.typed.remove(&key);
                        match value {
                            Some(v) => self.answers.0.insert(id, Answer::Number(v)),
                            None => self.answers.0.remove(&id),
                        };
                    }
                    Err(_) => {
                        self.answers.0.remove(&id);
                        self.typed.insert(key, text);
                    }
                }
            }
            Edit::Typed { field: Field::Profile(field), text, lang } => {
                let parsed = numbers::parse(&text, lang);
                let key = field.to_string();
                let Some(slot) = self.profile.number_mut(&field) else { return };
                match parsed {
                    Ok(value) => {
                        *slot = value;
                        self.typed.remove(&key);
                    }
                    Err(_) => {
                        *slot = None;
                        self.typed.insert(key, text);
                    }
                }
                // An emptied end-use figure leaves no trace: the default split applies again.
                if let ProfileField::EndUse(id) = &field
                    && self.profile.end_use_split.get(id) == Some(&None)
                {
                    self.profile.end_use_split.remove(id);
                }
            }
        }
    }

    /// What stops the numeric answers of these questions from being accepted.
    pub fn answer_issues(&self, questions: &[&Question], lang: Lang) -> Vec<FieldIssue> {
        questions
            .iter()
            .filter(|q| q.number.is_some())
            .filter_map(|q| {
                let field = Field::answer(&q.id);
                let problem = match (self.typed_text(&field), self.answers.get(&q.id)) {
                    (Some(text), _) => FieldProblem::Number(numbers::parse(text, lang).err()?),
                    (None, Some(answer @ Answer::Number(_))) if answer.level(q).is_none() => {
                        FieldProblem::OutOfRange
                    }
                    _ => return None,
                };
                Some(FieldIssue { field, problem })
            })
            .collect()
    }

    /// What stops the profile from being accepted, in form order. Empty means it is complete.
    /// A text field is held to its `free_text` rule: a file made elsewhere, or before the
    /// limits, may hold more than the form lets anyone type, and is read whole (nothing in it is
    /// lost); the form then says which field to shorten or clean.
    pub fn profile_issues(&self, lang: Lang) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        for text in ProfileText::ALL {
            let field = Field::Profile(ProfileField::Text(text));
            let value = self.profile.text(text);
            if let Some(problem) = free_text::check(text.rule(), value) {
                issues.push(FieldIssue { field, problem: FieldProblem::Text(problem) });
            } else if text == ProfileText::Company && value.trim().is_empty() {
                issues.push(FieldIssue { field, problem: FieldProblem::Required });
            }
            // The sector comes right after the company.
            if text == ProfileText::Company && self.profile.sector.is_none() {
                let field = Field::Profile(ProfileField::Sector);
                issues.push(FieldIssue { field, problem: FieldProblem::Required });
            }
        }
        for (id, text) in &self.typed {
            // End-use figures are typed on the results screen, which shows their errors there.
            if let (Some(field @ Field::Profile(_)), Err(error)) =
                (Field::parse(id), numbers::parse(text, lang))
                && !matches!(field, Field::Profile(ProfileField::EndUse(_)))
            {
                issues.push(FieldIssue { field, problem: FieldProblem::Number(error) });
            }
        }
        let e = &self.profile.electricity;
        let share = e.peak_pct.unwrap_or(0.0) + e.off_peak_pct.unwrap_or(0.0);
        if e.peak_pct.is_some_and(|p| p > 100.0)
            || e.off_peak_pct.is_some_and(|p| p > 100.0)
            || share > 100.0
        {
            issues.push(FieldIssue {
                field: Field::Profile(ProfileField::Electricity(ElectricityPart::PeakPct)),
                problem: FieldProblem::SharesOver100,
            });
        }
        issues
    }
}

/// A profile field that cannot be accepted as it is.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldIssue {
    pub field: Field,
    pub problem: FieldProblem,
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldProblem {
    /// A required field is empty.
    Required,
    /// The text is not a number we accept.
    Number(NumberError),
    /// Peak and off-peak shares add up to more than 100 %.
    SharesOver100,
    /// A numeric answer outside the question's accepted range.
    OutOfRange,
    /// A text field's text is too long or holds a character no field takes.
    Text(free_text::Problem),
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
    /// Sets a free-text profile field.
    SetText(ProfileText, String),
    /// Chooses the sector (or none).
    SetSector(Option<String>),
    /// Chooses the EVN voltage level (or none).
    SetVoltageLevel(Option<String>),
    /// Declares a piece of equipment present or absent.
    SetEquipment(String, bool),
    /// Text typed into a number field, read in the interface language.
    Typed { field: Field, text: String, lang: Lang },
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
    fn a_plant_runs_the_stages_it_ticks_or_all_of_its_sectors_when_it_ticks_none() {
        let list = crate::checklist::active();
        let mut profile = Profile { sector: Some("textile".into()), ..Profile::default() };
        // None ticked: every textile stage counts, no other sector's, and no equipment.
        assert!(profile.has(list, "textile_spinning"));
        assert!(profile.has(list, "textile_garment"));
        assert!(!profile.has(list, "boiler"));
        profile.equipment.insert("boiler".into());
        assert!(profile.has(list, "textile_garment"), "equipment ticked is not a stage");
        profile.equipment.insert("textile_spinning".into());
        assert!(profile.has(list, "textile_spinning"));
        assert!(!profile.has(list, "textile_garment"), "one stage ticked: only those ticked");
        // Another sector: the textile stages are not its own, ticked or not; a tick left from
        // textile counts for nothing there, and its own stages are all run.
        let other = Profile { sector: Some("beverage".into()), ..profile.clone() };
        assert!(!other.has(list, "textile_spinning"));
        assert!(!other.has(list, "textile_garment"));
        assert!(other.has(list, "boiler"));
        assert!(other.has(list, "beverage_brewhouse"));
        assert!(!Profile::default().has(list, "textile_spinning"), "no sector, no stage");
        let spinning = Question {
            equipment: vec!["textile_spinning".into()],
            sectors: vec!["textile".into()],
            ..list.questions[0].clone()
        };
        assert!(profile.applies(list, &spinning));
        let garment = Question { equipment: vec!["textile_garment".into()], ..spinning };
        assert!(!profile.applies(list, &garment));
    }

    #[test]
    fn a_draft_begun_before_the_checklist_gets_its_version_once_and_only_then() {
        let list = crate::checklist::active();
        let mut draft = Draft::fresh(None);
        assert_eq!(draft.checklist_version, "");
        assert!(draft.stamp_version(list), "an unstamped draft is stamped");
        assert_eq!(draft, Draft::fresh(Some(list)));
        let mut older = Draft { checklist_version: "2025.01.1".into(), ..Draft::default() };
        assert!(!older.stamp_version(list), "a draft keeps the version it was answered on");
        assert_eq!(older.checklist_version, "2025.01.1");
    }

    #[test]
    fn a_draft_is_blank_until_anything_is_entered() {
        let older = Draft { checklist_version: "2025.01.1".into(), ..Draft::default() };
        assert!(older.is_blank(), "the version alone is not something entered");
        let entered = [
            Edit::SetText(ProfileText::Company, "Công ty Bia Huế".into()),
            Edit::Answer("energy.x".into(), Answer::Level(Level::NotYet)),
            Edit::Typed {
                field: Field::Profile(ProfileField::Stream(Stream::Water, UsePart::Quantity)),
                text: "12,5,0".into(),
                lang: Lang::Vi,
            },
        ];
        for edit in entered {
            let mut draft = Draft::default();
            draft.apply(edit.clone());
            assert!(!draft.is_blank(), "{edit:?} makes the draft worth keeping");
        }
    }

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
        let mut q = crate::checklist::active().questions[0].clone();
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
    fn typed_numbers_are_read_in_the_interface_language_and_bad_text_is_kept() {
        let mut draft = Draft::default();
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Electricity(ElectricityPart::Kwh)),
            text: "1.234.567".into(),
            lang: Lang::Vi,
        });
        assert_eq!(draft.profile.electricity.kwh, Some(1_234_567.0));
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Fuel("do".into(), UsePart::Quantity)),
            text: "1,5".into(),
            lang: Lang::En,
        });
        let fuel = ProfileField::Fuel("do".into(), UsePart::Quantity);
        assert_eq!(draft.profile.number(&fuel), None);
        assert_eq!(draft.typed.get("fuel.do.quantity").map(String::as_str), Some("1,5"));
        let issues = draft.profile_issues(Lang::En);
        assert!(issues.contains(&FieldIssue {
            field: Field::Profile(ProfileField::Fuel("do".into(), UsePart::Quantity)),
            problem: FieldProblem::Number(NumberError::Ambiguous)
        }));
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Fuel("do".into(), UsePart::Quantity)),
            text: "1.5".into(),
            lang: Lang::En,
        });
        assert_eq!(draft.profile.number(&fuel), Some(1.5));
        assert!(draft.typed.is_empty());
    }

    #[test]
    fn numeric_answers_are_typed_checked_and_kept() {
        let list = crate::checklist::active();
        let q = list.question("textile.water_use.liquor_ratio").expect("a numeric question");
        let mut draft = Draft::default();
        let field = Field::answer(&q.id);
        draft.apply(Edit::Typed { field: field.clone(), text: "6,5".into(), lang: Lang::Vi });
        assert_eq!(draft.answers.get(&q.id), Some(Answer::Number(6.5)));
        assert!(draft.answer_issues(&[q], Lang::Vi).is_empty());
        draft.apply(Edit::Typed { field: field.clone(), text: "400".into(), lang: Lang::Vi });
        assert_eq!(draft.answer_issues(&[q], Lang::Vi)[0].problem, FieldProblem::OutOfRange);
        draft.apply(Edit::Typed { field: field.clone(), text: "6.5".into(), lang: Lang::Vi });
        assert_eq!(draft.answers.get(&q.id), None);
        assert_eq!(
            draft.answer_issues(&[q], Lang::Vi)[0].problem,
            FieldProblem::Number(NumberError::Ambiguous)
        );
        assert!(draft.profile_issues(Lang::Vi).iter().all(|i| i.field != field));
    }

    #[test]
    fn the_profile_needs_a_company_and_a_sector() {
        let mut draft = Draft::default();
        let fields: Vec<String> =
            draft.profile_issues(Lang::Vi).into_iter().map(|i| i.field.id()).collect();
        assert_eq!(fields, ["company", "sector"]);
        draft.apply(Edit::SetText(ProfileText::Company, "Công ty A".into()));
        draft.apply(Edit::SetSector(Some("wood".into())));
        assert!(draft.profile_issues(Lang::Vi).is_empty());
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Electricity(ElectricityPart::PeakPct)),
            text: "70".into(),
            lang: Lang::Vi,
        });
        draft.apply(Edit::Typed {
            field: Field::Profile(ProfileField::Electricity(ElectricityPart::OffPeakPct)),
            text: "40".into(),
            lang: Lang::Vi,
        });
        assert_eq!(draft.profile_issues(Lang::Vi)[0].problem, FieldProblem::SharesOver100);
    }

    #[test]
    fn each_profile_text_field_is_held_to_its_rule_in_form_order() {
        let mut draft = Draft::default();
        draft.profile.sector = Some("wood".into());
        for text in ProfileText::ALL {
            *draft.profile.text_mut(text) = "a".repeat(text.rule().max_chars);
        }
        assert_eq!(draft.profile_issues(Lang::Vi), Vec::new(), "each at its longest");
        draft.profile.sector = None;
        draft.profile.company = "C".repeat(201);
        draft.profile.ward = "Phú Bài\u{202E}".into();
        draft.profile.products = "Vải\nsợi".into();
        draft.profile.output_unit = "t\0".into();
        draft.profile.materials_name = "b".repeat(201);
        let issues: Vec<(String, FieldProblem)> =
            draft.profile_issues(Lang::Vi).into_iter().map(|i| (i.field.id(), i.problem)).collect();
        let text = |problem| FieldProblem::Text(problem);
        assert_eq!(
            issues,
            [
                (
                    "company".into(),
                    text(free_text::Problem::TooLong { max_chars: 200, chars: 201 })
                ),
                ("sector".into(), FieldProblem::Required),
                ("ward".into(), text(free_text::Problem::Bidi('\u{202E}'))),
                ("products".into(), text(free_text::Problem::LineBreak('\n'))),
                ("output_unit".into(), text(free_text::Problem::Control('\0'))),
                (
                    "materials_name".into(),
                    text(free_text::Problem::TooLong { max_chars: 200, chars: 201 })
                ),
            ]
        );
        // A company name of spaces is missing, one with a control character is named for it.
        draft.profile.company = " \u{7} ".into();
        assert_eq!(
            draft.profile_issues(Lang::Vi)[0].problem,
            text(free_text::Problem::Control('\u{7}'))
        );
        draft.profile.company = "   ".into();
        assert_eq!(draft.profile_issues(Lang::Vi)[0].problem, FieldProblem::Required);
    }

    #[test]
    fn each_profile_text_field_reads_and_writes_its_own_text_with_its_own_label_and_rule() {
        let mut profile = Profile::default();
        for (n, text) in ProfileText::ALL.into_iter().enumerate() {
            *profile.text_mut(text) = n.to_string();
        }
        let read: Vec<&str> = ProfileText::ALL.iter().map(|t| profile.text(*t)).collect();
        assert_eq!(read, ["0", "1", "2", "3", "4"]);
        assert_eq!(
            [
                &profile.company,
                &profile.ward,
                &profile.products,
                &profile.output_unit,
                &profile.materials_name
            ],
            ["0", "1", "2", "3", "4"]
        );
        let labels = ProfileText::ALL.map(|t| Lang::En.text(t.label()));
        assert_eq!(
            labels,
            [
                "Company name",
                "Commune or ward",
                "Main products",
                "Output unit",
                "Main raw materials"
            ]
        );
        let rules = ProfileText::ALL.map(ProfileText::rule);
        assert_eq!(
            rules,
            [
                free_text::NAME,
                free_text::SHORT,
                free_text::SHORT,
                free_text::SHORT,
                free_text::SHORT
            ]
        );
    }

    #[test]
    fn peak_and_off_peak_shares_may_reach_but_not_pass_100_percent() {
        let shares = |peak: Option<f64>, off_peak: Option<f64>| -> Vec<(String, FieldProblem)> {
            let mut draft = Draft::default();
            draft.profile.company = "Công ty A".into();
            draft.profile.sector = Some("wood".into());
            draft.profile.electricity.peak_pct = peak;
            draft.profile.electricity.off_peak_pct = off_peak;
            draft.profile_issues(Lang::Vi).iter().map(|i| (i.field.id(), i.problem)).collect()
        };
        let over = vec![("electricity.peak_pct".to_owned(), FieldProblem::SharesOver100)];
        let none: Vec<(String, FieldProblem)> = Vec::new();
        assert_eq!(shares(Some(60.0), Some(40.0)), none, "exactly 100 % is fine");
        assert_eq!(shares(Some(100.0), None), none);
        assert_eq!(shares(None, Some(100.0)), none);
        assert_eq!(shares(Some(60.0), Some(40.5)), over);
        assert_eq!(shares(Some(100.5), None), over);
        assert_eq!(shares(None, Some(100.5)), over);
        assert_eq!(shares(Some(0.5), Some(0.5)), none, "shares add, they do not multiply");
        // A file written elsewhere may hold a negative share: each share is still checked alone.
        assert_eq!(shares(Some(150.0), Some(-60.0)), over);
        assert_eq!(shares(Some(-60.0), Some(150.0)), over);
    }

    #[test]
    fn each_stream_figure_is_written_to_its_own_stream() {
        let mut draft = Draft::default();
        let streams = [Stream::Water, Stream::Materials, Stream::Chemicals, Stream::Waste];
        for (n, stream) in streams.into_iter().enumerate() {
            for (part, value) in [(UsePart::Quantity, n + 1), (UsePart::CostVnd, n + 10)] {
                let field = Field::Profile(ProfileField::Stream(stream, part));
                draft.apply(Edit::Typed { field, text: value.to_string(), lang: Lang::Vi });
            }
        }
        for (n, stream) in streams.into_iter().enumerate() {
            let expected =
                StreamUse { quantity: Some(n as f64 + 1.0), cost_vnd: Some(n as f64 + 10.0) };
            assert_eq!(draft.profile.stream_use(stream), Some(&expected), "{stream:?}");
        }
        assert_eq!(draft.profile.stream_use(Stream::Electricity), None);
        assert_eq!(draft.profile.stream_use(Stream::Fuel), None);
        let co2 = ProfileField::Stream(Stream::Water, UsePart::Co2TPerUnit);
        assert_eq!(draft.profile.clone().number_mut(&co2), None, "water has no CO2 factor");
        assert!(draft.typed.is_empty());
    }

    #[test]
    fn levels_keep_their_stored_ids() {
        let ids: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
        assert_eq!(ids, ["done", "partly", "not_yet", "not_applicable"]);
        for level in Level::ALL {
            let json = serde_json::to_string(&level).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", level.id()));
        }
    }

    #[test]
    fn numbers_outside_the_range_count_as_unanswered() {
        let q = numeric_question(Better::Lower);
        assert_eq!(Answer::Number(-1.0).level(&q), None);
        assert_eq!(Answer::Number(10.5).level(&q), None);
        assert_eq!(Answer::Number(f64::NAN).level(&q), None);
    }
}

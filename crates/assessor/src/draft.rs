//! The local draft of one record: what this device keeps in local storage on every edit, so a
//! closed tab, a reload or a lost connection loses nothing. One versioned JSON document per
//! receipt (`FORMAT`) holds the record as edited, the text typed into number fields that is not
//! yet a number (kept verbatim), the revision the service last confirmed with its record, the
//! checklist's choices the service gave (so the form works offline), and the upload waiting to
//! be delivered (the core's outbox, `sync`).
//!
//! Every edit of the form is a method here, so what an edit does is tested natively; the
//! components only call them. Pure.

use crate::fields::{NumberField, TextField, stable_path};
use crate::words::Word;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use sxsh_core::checklist::Stream;
use sxsh_core::free_text;
use sxsh_core::i18n::{Bilingual, Lang, Text, fill};
use sxsh_core::numbers::{self, NumberError};
use sxsh_core::rapid_assessment::{Agreement, Opportunity, Priority, RapidAssessment};
use sxsh_core::request::FieldError;

/// The stored draft's format version.
pub const FORMAT: u32 = 1;

/// A stream as the checklist names it, with the unit of its quantity in the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamChoice {
    pub id: Stream,
    pub vi: String,
    pub en: String,
    pub unit: String,
}

/// An end use an opportunity can act on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndUseChoice {
    pub id: String,
    pub vi: String,
    pub en: String,
    pub stream: Stream,
}

/// A checklist measure the assessor can add, with the opportunity it starts as (prefilled
/// from the self-assessment where it gives a saving).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureChoice {
    pub vi: String,
    pub en: String,
    pub opportunity: Opportunity,
}

/// What the service sends with a record (`GET /staff/api/assessments/{receipt}`): its revision
/// (0 before the first save, the record then prefilled from the request) and the checklist's
/// choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    pub revision: u32,
    pub record: RapidAssessment,
    pub streams: Vec<StreamChoice>,
    pub end_uses: Vec<EndUseChoice>,
    pub measures: Vec<MeasureChoice>,
}

macro_rules! bilingual {
    ($($name:ty),*) => {$(
        impl Bilingual for $name {
            fn vi(&self) -> &str {
                &self.vi
            }
            fn en(&self) -> &str {
                &self.en
            }
        }
    )*};
}
bilingual!(StreamChoice, EndUseChoice, MeasureChoice);

/// The choices kept with the draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    pub streams: Vec<StreamChoice>,
    pub end_uses: Vec<EndUseChoice>,
    pub measures: Vec<MeasureChoice>,
}

/// A stored draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: u32,
    /// The record as edited on this device.
    pub record: RapidAssessment,
    /// Text typed into number fields that is not a number yet, by stable path.
    #[serde(default)]
    pub typed: BTreeMap<String, String>,
    /// The revision the service last confirmed (0: none yet) and its record.
    pub base_revision: u32,
    pub synced: RapidAssessment,
    /// When the service confirmed it (ISO 8601, UTC).
    #[serde(default)]
    pub synced_at: Option<String>,
    #[serde(default)]
    pub choices: Choices,
    /// The upload waiting to be delivered, if any (`sync`).
    #[serde(default)]
    pub pending: Option<crate::sync::Pending>,
}

/// Why a stored draft could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a draft of this app (or damaged).
    Malformed,
    /// Written by a newer version of the app.
    FutureFormat(u32),
}

/// One problem to fix before the record can be sent, named by its field's stable path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Draft {
    /// A draft of a record as the service sent it.
    pub fn opened(opened: Opened) -> Draft {
        Draft {
            format: FORMAT,
            synced: opened.record.clone(),
            record: opened.record,
            typed: BTreeMap::new(),
            base_revision: opened.revision,
            synced_at: None,
            pending: None,
            choices: Choices {
                streams: opened.streams,
                end_uses: opened.end_uses,
                measures: opened.measures,
            },
        }
    }

    /// Reads a stored draft of the record with this receipt.
    pub fn from_json(text: &str, receipt: &str) -> Result<Draft, Unreadable> {
        #[derive(Deserialize)]
        struct Format {
            format: u32,
        }
        let format = serde_json::from_str::<Format>(text).map_err(|_| Unreadable::Malformed)?;
        if format.format > FORMAT {
            return Err(Unreadable::FutureFormat(format.format));
        }
        let draft: Draft = serde_json::from_str(text).map_err(|_| Unreadable::Malformed)?;
        if draft.record.receipt != receipt || draft.synced.receipt != receipt {
            return Err(Unreadable::Malformed);
        }
        Ok(draft)
    }

    /// The draft as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether this device holds work the service has not confirmed.
    pub fn has_unsent_work(&self) -> bool {
        self.record != self.synced || !self.typed.is_empty() || self.pending.is_some()
    }

    /// The draft to work on once the service has answered: this device's work when it holds
    /// some the service has not confirmed (never overwritten by the service's copy), else the
    /// service's record, which may be newer (saved from another device). The choices are the
    /// service's.
    pub fn reconcile(self, opened: Opened) -> Draft {
        if self.has_unsent_work() {
            Draft { choices: Draft::opened(opened).choices, ..self }
        } else {
            let synced_at =
                (opened.revision == self.base_revision).then_some(self.synced_at).flatten();
            Draft { synced_at, ..Draft::opened(opened) }
        }
    }

    /// The text a number field shows: what was typed when it is not a number yet, else its
    /// value written the `lang` way.
    pub fn number_text(&self, field: &NumberField, lang: Lang) -> String {
        match self.typed.get(&field.path()) {
            Some(text) => text.clone(),
            None => {
                field.get(&self.record).map(|v| numbers::format(v, lang, 4)).unwrap_or_default()
            }
        }
    }

    /// Text typed into a number field: a number (or nothing) goes into the record; anything
    /// else is kept as typed and the record's value is left as it was.
    pub fn type_number(&mut self, field: &NumberField, text: &str, lang: Lang) {
        match numbers::parse(text, lang) {
            Ok(value) => {
                self.typed.remove(&field.path());
                field.set(&mut self.record, value);
            }
            Err(_) => {
                self.typed.insert(field.path(), text.to_owned());
            }
        }
    }

    /// Text typed into a text field.
    pub fn type_text(&mut self, field: &TextField, text: &str) {
        field.set(&mut self.record, text.to_owned());
    }

    /// An opportunity's end use, priority or agreement chosen.
    pub fn choose(&mut self, id: &str, choice: Choice) {
        if let Some(o) = crate::fields::opportunity_mut(&mut self.record, id) {
            match choice {
                Choice::EndUse(end_use) => o.end_use = end_use,
                Choice::Priority(priority) => o.priority = priority,
                Choice::Agreement(agreement) => o.agreement = agreement,
            }
        }
    }

    /// An id no opportunity of the record has: `base`, else `base-2`, `base-3`, ...
    fn fresh_id(&self, base: &str) -> String {
        let taken = |id: &str| self.record.opportunities.iter().any(|o| o.id == id);
        if !taken(base) {
            return base.to_owned();
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_default()
    }

    /// Adds the checklist measure with this id as an opportunity, as it starts (prefilled);
    /// returns the new opportunity's id.
    pub fn add_measure(&mut self, measure: &str) -> Option<String> {
        let choice = self
            .choices
            .measures
            .iter()
            .find(|m| m.opportunity.measure.as_deref() == Some(measure))?;
        let opportunity =
            Opportunity { id: self.fresh_id(&choice.opportunity.id), ..choice.opportunity.clone() };
        let id = opportunity.id.clone();
        self.record.opportunities.push(opportunity);
        Some(id)
    }

    /// Adds a new finding (no measure, no end use yet); returns its id.
    pub fn add_finding(&mut self, title: &str) -> String {
        let id = self.fresh_id(&format!("finding-{}", self.record.opportunities.len() + 1));
        self.record.opportunities.push(Opportunity {
            id: id.clone(),
            measure: None,
            title: title.to_owned(),
            end_use: String::new(),
            saving_quantity: None,
            saving_unit: String::new(),
            saving_vnd: None,
            saving_tco2: None,
            investment_vnd: None,
            priority: Priority::Medium,
            agreement: Agreement::Undecided,
        });
        id
    }

    /// Removes an opportunity, with what was typed into its number fields.
    pub fn remove(&mut self, id: &str) {
        self.record.opportunities.retain(|o| o.id != id);
        let prefix = format!("opportunities.{id}.");
        self.typed.retain(|path, _| !path.starts_with(&prefix));
    }

    /// What must be fixed before the record is sent: text typed into a number field that is
    /// not a number, a text over its limit or with a character it does not take, and the
    /// service's refusal (`refused`, positional paths) — in the order of the form.
    pub fn problems(&self, lang: Lang, refused: &[FieldError]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut text = |field: TextField, text: &str| {
            if let Some(problem) = free_text::check(field.rule(), text) {
                let message = problem.message(field.label().text(lang), lang);
                problems.push(Problem { path: field.path(), message });
            }
        };
        let record = &self.record;
        text(TextField::Team, &record.visit.team);
        text(TextField::Areas, &record.visit.areas);
        for line in &record.baseline {
            text(TextField::Unit(line.stream), &line.unit);
            text(TextField::Evidence(line.stream), &line.evidence);
        }
        for o in &record.opportunities {
            text(TextField::Title(o.id.clone()), &o.title);
            text(TextField::SavingUnit(o.id.clone()), &o.saving_unit);
        }
        text(TextField::NextSteps, &record.next_steps);
        // What `rapid_assessment::validate` also asks of an opportunity, said before sending.
        for o in &record.opportunities {
            if o.title.trim().is_empty() {
                let path = TextField::Title(o.id.clone()).path();
                problems.push(Problem { path, message: Word::TitleMissing.text(lang).to_owned() });
            }
            if !self.choices.end_uses.iter().any(|e| e.id == o.end_use) {
                let path = format!("opportunities.{}.end_use", o.id);
                problems.push(Problem { path, message: Word::EndUseMissing.text(lang).to_owned() });
            }
        }
        for (path, typed) in &self.typed {
            let label = NumberField::from_path(path).map_or(Word::SavingQuantity, |f| f.label());
            let label = label.text(lang);
            let message = number_message(numbers::parse(typed, lang).err(), label, lang);
            problems.push(Problem { path: path.clone(), message });
        }
        problems.extend(refused.iter().map(|e| Problem {
            path: stable_path(&e.field, record),
            message: lang.pick(e).to_owned(),
        }));
        problems
    }
}

/// What text typed into a number field says when it is not a number.
fn number_message(error: Option<NumberError>, label: &str, lang: Lang) -> String {
    let text = match error {
        Some(NumberError::Ambiguous) => Text::ErrorsAmbiguous,
        Some(NumberError::Negative) => Text::ErrorsNegative,
        Some(NumberError::TooLarge) => Text::ErrorsTooLarge,
        // Typed the other language's way (the interface changed since): ask again.
        Some(NumberError::NotANumber) | None => Text::ErrorsNotANumber,
    };
    fill(lang.text(text), &[("field", label)])
}

/// A choice made for an opportunity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    EndUse(String),
    Priority(Priority),
    Agreement(Agreement),
}

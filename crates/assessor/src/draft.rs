//! The local draft of one record: what this device keeps in local storage on every edit, so a
//! closed tab, a reload or a lost connection loses nothing. One versioned JSON document per
//! receipt (`FORMAT`) holds the record as edited, the text typed into number fields that is not
//! yet a number (kept verbatim), the revision the service last confirmed with its record, the
//! checklist's choices the service gave (so the form works offline), and the upload waiting to
//! be delivered (the core's outbox, `sync`). What the service sends is the core's `rapid_assessment::Opened`.
//!
//! Every edit of the form is a method here, so what an edit does is tested natively; the
//! components only call them. Pure.

use crate::fields::{NumberField, TextField, stable_path};
use crate::words::Word;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use sxsh_core::free_text;
use sxsh_core::i18n::{Lang, Text, fill};
use sxsh_core::numbers::{self, NumberError};
use sxsh_core::outbox::Outbox;
use sxsh_core::rapid_assessment::{
    Agreement, EndUseChoice, MeasureChoice, Opened, Opportunity, Priority, RapidAssessment,
    StreamChoice, Upload,
};
use sxsh_core::request::FieldError;

/// The stored draft's format version.
pub const FORMAT: u32 = 1;

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
    /// The upload waiting to be delivered: the core's outbox, with one entry at most (`sync`).
    #[serde(default)]
    pub outbox: Outbox<Upload>,
    /// A newer revision another device saved, when the service refused this device's upload as
    /// edited from an older one (409 `stale_base`): the assessor chooses (`sync`).
    #[serde(default)]
    pub newer: Option<Newer>,
}

/// The latest revision and its record, as the service sent them with a 409 `stale_base`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Newer {
    pub revision: u32,
    pub record: RapidAssessment,
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
            outbox: Outbox::default(),
            newer: None,
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
        self.record != self.synced || !self.typed.is_empty() || !self.outbox.entries.is_empty()
    }

    /// Whether the draft is kept on this device: while it holds work the service has not
    /// confirmed, a newer version to choose from, or the record is not complete yet.
    pub fn keep_on_device(&self) -> bool {
        self.has_unsent_work() || self.newer.is_some() || !self.record.complete
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

    /// What another tab of this browser wrote under this record's key (`stored`, `None`: it
    /// removed it): the draft to continue with when it differs from this one and can be read,
    /// so that this tab never writes its older draft over it; `None` to go on as before.
    pub fn from_another_tab(&self, stored: Option<&str>, receipt: &str) -> Option<Draft> {
        let theirs = Draft::from_json(stored?, receipt).ok()?;
        (theirs != *self).then_some(theirs)
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

    /// What must be fixed before the record is sent, in the order of the form: text typed into
    /// a number field that is not a number, a text over its limit or with a character it does
    /// not take, an opportunity without a title or an end use from the list (which
    /// `rapid_assessment::validate` refuses too), then the service's refusal (`refused`, with
    /// positional paths).
    pub fn problems(&self, lang: Lang, refused: &[FieldError]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let record = &self.record;
        let text = |field: TextField, problems: &mut Vec<Problem>| {
            if let Some(problem) = free_text::check(field.rule(), &field.get(record)) {
                let message = problem.message(field.label().text(lang), lang);
                problems.push(Problem { path: field.path(), message });
            }
        };
        let number = |field: NumberField, problems: &mut Vec<Problem>| {
            if let Some(typed) = self.typed.get(&field.path()) {
                let label = field.label().text(lang);
                let message = number_message(numbers::parse(typed, lang).err(), label, lang);
                problems.push(Problem { path: field.path(), message });
            }
        };
        text(TextField::Team, &mut problems);
        text(TextField::Areas, &mut problems);
        for line in &record.baseline {
            number(NumberField::Verified(line.stream), &mut problems);
            number(NumberField::Cost(line.stream), &mut problems);
            text(TextField::Evidence(line.stream), &mut problems);
        }
        for o in &record.opportunities {
            let id = || o.id.clone();
            let said = |word: Word| word.text(lang).to_owned();
            if o.title.trim().is_empty() {
                let path = TextField::Title(id()).path();
                problems.push(Problem { path, message: said(Word::TitleMissing) });
            }
            text(TextField::Title(id()), &mut problems);
            if !self.choices.end_uses.iter().any(|e| e.id == o.end_use) {
                let path = format!("opportunities.{}.end_use", o.id);
                problems.push(Problem { path, message: said(Word::EndUseMissing) });
            }
            number(NumberField::Quantity(id()), &mut problems);
            text(TextField::SavingUnit(id()), &mut problems);
            number(NumberField::Vnd(id()), &mut problems);
            number(NumberField::Tco2(id()), &mut problems);
            number(NumberField::Investment(id()), &mut problems);
        }
        text(TextField::NextSteps, &mut problems);
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use sxsh_core::checklist::Stream;
    use sxsh_core::rapid_assessment::BaselineLine;

    pub(crate) const RECEIPT: &str = "SXSH-2027-0001";

    /// A record as the service opens it: one baseline line, one prefilled measure.
    pub(crate) fn opened() -> Opened {
        let mut record = RapidAssessment::new(RECEIPT);
        record.baseline.push(BaselineLine {
            stream: Stream::Electricity,
            self_reported: Some(1_200_000.0),
            verified: None,
            unit: "kWh".into(),
            cost_vnd: None,
            evidence: String::new(),
        });
        let led = Opportunity {
            id: "q.led".into(),
            measure: Some("q.led".into()),
            title: "Thay đèn LED".into(),
            end_use: "electricity.lighting".into(),
            saving_quantity: Some(40_000.0),
            saving_unit: "kWh".into(),
            saving_vnd: Some(72_000_000.0),
            saving_tco2: Some(27.0),
            investment_vnd: None,
            priority: Priority::Medium,
            agreement: Agreement::Undecided,
        };
        record.opportunities.push(led.clone());
        Opened {
            revision: 0,
            record,
            streams: vec![StreamChoice {
                id: Stream::Electricity,
                vi: "Điện".into(),
                en: "Electricity".into(),
                unit: "kWh".into(),
            }],
            end_uses: vec![EndUseChoice {
                id: "electricity.lighting".into(),
                vi: "Chiếu sáng".into(),
                en: "Lighting".into(),
                stream: Stream::Electricity,
            }],
            measures: vec![MeasureChoice {
                vi: "Thay đèn LED".into(),
                en: "Switch to LED".into(),
                opportunity: led,
            }],
        }
    }

    #[test]
    fn a_stored_draft_reads_back_and_anything_else_is_refused() {
        let mut draft = Draft::opened(opened());
        draft.type_number(&NumberField::Verified(Stream::Electricity), "1.350.000,5", Lang::Vi);
        draft.type_number(&NumberField::Cost(Stream::Electricity), "2,4 tỷ", Lang::Vi);
        let json = draft.to_json();
        assert!(json.starts_with(r#"{"format":1,"#), "{json}");
        assert_eq!(Draft::from_json(&json, RECEIPT), Ok(draft));
        assert_eq!(Draft::from_json(&json, "SXSH-2027-0002"), Err(Unreadable::Malformed));
        assert_eq!(Draft::from_json("{\"format\":1", RECEIPT), Err(Unreadable::Malformed));
        assert_eq!(Draft::from_json("null", RECEIPT), Err(Unreadable::Malformed));
        let newer = json.replacen(r#""format":1"#, r#""format":2"#, 1);
        assert_eq!(Draft::from_json(&newer, RECEIPT), Err(Unreadable::FutureFormat(2)));
    }

    #[test]
    fn numbers_are_typed_the_languages_way_and_other_text_is_kept_as_typed() {
        let mut draft = Draft::opened(opened());
        let verified = NumberField::Verified(Stream::Electricity);
        draft.type_number(&verified, "1.350.000,5", Lang::Vi);
        assert_eq!(verified.get(&draft.record), Some(1_350_000.5));
        assert_eq!(draft.number_text(&verified, Lang::Vi), "1.350.000,5");
        assert_eq!(draft.number_text(&verified, Lang::En), "1,350,000.5");
        draft.type_number(&verified, "1.35", Lang::Vi);
        assert_eq!(verified.get(&draft.record), Some(1_350_000.5), "the value stays");
        assert_eq!(draft.number_text(&verified, Lang::Vi), "1.35", "the text is kept");
        let problems = draft.problems(Lang::Vi, &[]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "baseline.electricity.verified");
        assert!(problems[0].message.starts_with("Không rõ Đã kiểm tra"), "{problems:?}");
        draft.type_number(&verified, "", Lang::Vi);
        assert_eq!((verified.get(&draft.record), draft.problems(Lang::Vi, &[])), (None, vec![]));
    }

    #[test]
    fn work_not_yet_confirmed_is_never_overwritten_by_the_services_copy() {
        let mut newer = opened();
        newer.revision = 4;
        newer.record.visit.team = "Saved from the other tablet".into();
        let untouched = Draft::opened(opened());
        assert!(!untouched.has_unsent_work());
        let taken = untouched.reconcile(newer.clone());
        assert_eq!(
            (taken.base_revision, taken.record.visit.team.as_str()),
            (4, "Saved from the other tablet")
        );

        let mut edited = Draft::opened(opened());
        edited.type_text(&TextField::Areas, "Lò hơi");
        newer.end_uses.clear();
        let kept = edited.clone().reconcile(newer);
        assert_eq!(kept.record, edited.record);
        assert_eq!(kept.base_revision, 0);
        assert!(kept.choices.end_uses.is_empty(), "the choices are the service's");
    }

    #[test]
    fn a_newer_draft_another_tab_wrote_is_taken_and_anything_else_ignored() {
        let this = Draft::opened(opened());
        let mut other = this.clone();
        other.type_text(&TextField::Areas, "Xưởng nhuộm (tab khác)");
        let taken = this.from_another_tab(Some(&other.to_json()), RECEIPT);
        assert_eq!(taken.map(|d| d.record.visit.areas), Some("Xưởng nhuộm (tab khác)".into()));
        assert_eq!(this.from_another_tab(Some(&this.to_json()), RECEIPT), None, "the same");
        assert_eq!(this.from_another_tab(Some("{"), RECEIPT), None, "unreadable: not taken");
        assert_eq!(this.from_another_tab(Some(&other.to_json()), "SXSH-2027-0002"), None);
        assert_eq!(this.from_another_tab(None, RECEIPT), None, "removed: this tab's stays");
    }

    #[test]
    fn a_draft_is_kept_on_the_device_until_the_record_is_complete_and_synced() {
        let mut draft = Draft::opened(opened());
        assert!(draft.keep_on_device(), "not complete");
        draft.record.complete = true;
        assert!(draft.keep_on_device(), "complete, not synced");
        draft.synced = draft.record.clone();
        assert!(!draft.keep_on_device(), "complete and synced: removed");
    }

    #[test]
    fn measures_and_findings_are_added_with_fresh_ids_and_removed_with_their_typing() {
        let mut draft = Draft::opened(opened());
        assert_eq!(draft.add_measure("q.led").as_deref(), Some("q.led-2"), "q.led is taken");
        let added = &draft.record.opportunities[1];
        assert_eq!((added.measure.as_deref(), added.saving_vnd), (Some("q.led"), Some(72e6)));
        assert_eq!(draft.add_measure("q.unknown"), None);
        let finding = draft.add_finding("Phát hiện mới");
        assert_eq!(finding, "finding-3");
        draft.type_number(&NumberField::Investment(finding.clone()), "abc", Lang::Vi);
        let problems: Vec<String> =
            draft.problems(Lang::En, &[]).into_iter().map(|p| p.path).collect();
        assert_eq!(
            problems,
            ["opportunities.finding-3.end_use", "opportunities.finding-3.investment_vnd"],
            "a finding needs its end use; the typed text is named"
        );
        draft.remove(&finding);
        assert_eq!(draft.record.opportunities.len(), 2);
        assert!(draft.typed.is_empty());
        assert_eq!(draft.problems(Lang::En, &[]), vec![]);
    }

    #[test]
    fn the_services_refusal_names_fields_by_id_in_the_readers_language() {
        let draft = Draft::opened(opened());
        let refused = [FieldError {
            field: "opportunities[0].saving_vnd".into(),
            vi: "Tiết kiệm không hợp lệ".into(),
            en: "Saving is not valid".into(),
        }];
        assert_eq!(
            draft.problems(Lang::En, &refused),
            [Problem {
                path: "opportunities.q.led.saving_vnd".into(),
                message: "Saving is not valid".into()
            }]
        );
    }
}

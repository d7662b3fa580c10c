//! What the service sends the assessor's app with a record (`GET /staff/api/assessments/…`):
//! the revision it has (0 before the first save), the record (the last revision, or the record a
//! visit starts from, `prefill`), and the checklist's choices the form offers, in both languages:
//! the streams with the unit of their quantity, the end uses an opportunity can act on, and the
//! measures that apply to the enterprise, each with the opportunity it starts as (prefilled from
//! the self-assessment where it gives a saving). The app needs no checklist of its own. Pure.

use super::{Agreement, Opportunity, Priority, RapidAssessment, baseline_unit, prefill};
use crate::checklist::{Checklist, Stream};
use crate::i18n::Bilingual;
use crate::request::AssessmentRequest;
use serde::{Deserialize, Serialize};

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

/// A checklist measure the assessor can add (the question's text), with the opportunity it
/// starts as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureChoice {
    pub vi: String,
    pub en: String,
    pub opportunity: Opportunity,
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

/// A record with its revision and the form's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    pub revision: u32,
    pub record: RapidAssessment,
    pub streams: Vec<StreamChoice>,
    pub end_uses: Vec<EndUseChoice>,
    pub measures: Vec<MeasureChoice>,
}

/// The record of `request` at `revision` (`saved`: its last revision, if any, with the
/// enterprise's own figures put back, `with_reported`; else the prefilled one) with the choices of `checklist`: every stream and end use of the checklist, and the
/// measures of the questions that apply to the enterprise, in checklist order.
pub fn opened(
    checklist: &Checklist,
    request: &AssessmentRequest,
    receipt: &str,
    saved: Option<(u32, RapidAssessment)>,
) -> Opened {
    let start = prefill(checklist, request, receipt);
    let streams = checklist
        .streams
        .iter()
        .filter_map(|s| {
            let id = Stream::from_id(&s.id)?;
            Some(StreamChoice {
                id,
                vi: s.vi.clone(),
                en: s.en.clone(),
                unit: baseline_unit(checklist, id),
            })
        })
        .collect();
    let end_uses = checklist
        .end_uses
        .iter()
        .filter_map(|e| {
            Some(EndUseChoice {
                id: e.id.clone(),
                vi: e.vi.clone(),
                en: e.en.clone(),
                stream: Stream::from_id(&e.stream)?,
            })
        })
        .collect();
    let draft = &request.assessment.draft;
    let measures = crate::scoring::applicable_questions(checklist, draft)
        .into_iter()
        .filter_map(|q| {
            let measure = q.measure.as_ref()?;
            let prefilled = start.opportunities.iter().find(|o| o.id == q.id);
            let opportunity = prefilled.cloned().unwrap_or_else(|| Opportunity {
                id: q.id.clone(),
                measure: Some(q.id.clone()),
                title: if q.text_vi.is_empty() { q.text_en.clone() } else { q.text_vi.clone() },
                end_use: measure.end_use.clone(),
                saving_quantity: None,
                saving_unit: String::new(),
                saving_vnd: None,
                saving_tco2: None,
                investment_vnd: None,
                priority: Priority::Medium,
                agreement: Agreement::Undecided,
            });
            Some(MeasureChoice { vi: q.text_vi.clone(), en: q.text_en.clone(), opportunity })
        })
        .collect();
    let (revision, record) = match saved {
        Some((revision, mut record)) => {
            super::with_reported(checklist, request, &mut record);
            (revision, record)
        }
        None => (0, start),
    };
    Opened { revision, record, streams, end_uses, measures }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, Edit, Level};

    #[test]
    fn a_record_opens_with_every_stream_end_use_and_applicable_measure_prefilled() {
        let list = crate::checklist::active();
        let mut request = crate::request::tests::sample();
        let draft = &mut request.assessment.draft;
        draft.apply(Edit::SetSector(Some("textile".into())));
        draft.apply(Edit::Answer("energy.lighting.led".into(), Answer::Level(Level::NotYet)));
        let first = opened(list, &request, "SXSH-2027-0001", None);
        assert_eq!(first.revision, 0);
        assert_eq!(first.record, prefill(list, &request, "SXSH-2027-0001"));
        assert_eq!(first.streams.len(), list.streams.len());
        assert_eq!(first.end_uses.len(), list.end_uses.len());
        let led = first
            .measures
            .iter()
            .find(|m| m.opportunity.measure.as_deref() == Some("energy.lighting.led"))
            .expect("the LED measure applies");
        assert_eq!(
            Some(&led.opportunity),
            first.record.opportunities.iter().find(|o| o.id == "energy.lighting.led"),
            "a measure the self-assessment missed starts as prefilled"
        );
        assert!(first.measures.iter().all(|m| list.end_use(&m.opportunity.end_use).is_some()));
        let applicable = crate::scoring::applicable_questions(list, &request.assessment.draft);
        let with_measure = applicable.iter().filter(|q| q.measure.is_some()).count();
        assert_eq!(first.measures.len(), with_measure);

        let mut saved = first.record.clone();
        saved.visit.team = "Trung tâm Khuyến công".into();
        let later = opened(list, &request, "SXSH-2027-0001", Some((3, saved.clone())));
        assert_eq!((later.revision, later.record), (3, saved));
        assert_eq!(later.measures, first.measures, "the choices do not depend on the revision");
    }
}

//! The record's fields as the form edits them: each text and number field of the visit, a
//! baseline line (by stream) or an opportunity (by id), with its stable path, its label, its
//! `free_text` rule, and how it is read from and written to a `RapidAssessment`. Paths use ids,
//! never positions (`opportunities.led-1.saving_vnd`), so a typed number or an error stays with
//! its field when opportunities are added or removed; `stable_path` turns the positional paths
//! of `rapid_assessment::validate` (`opportunities[2].saving_vnd`) into these. Pure.

use crate::words::Word;
use sxsh_core::checklist::Stream;
use sxsh_core::free_text::{self, Rule};
use sxsh_core::rapid_assessment::{BaselineLine, Opportunity, RapidAssessment};

/// A text field of the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextField {
    Date,
    Team,
    Areas,
    NextSteps,
    Evidence(Stream),
    Title(String),
    SavingUnit(String),
}

/// A number field of the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberField {
    Verified(Stream),
    Cost(Stream),
    Quantity(String),
    Vnd(String),
    Tco2(String),
    Investment(String),
}

fn line(record: &RapidAssessment, stream: Stream) -> Option<&BaselineLine> {
    record.baseline.iter().find(|l| l.stream == stream)
}

fn line_mut(record: &mut RapidAssessment, stream: Stream) -> &mut BaselineLine {
    let at = match record.baseline.iter().position(|l| l.stream == stream) {
        Some(at) => at,
        None => {
            record.baseline.push(BaselineLine {
                stream,
                self_reported: None,
                verified: None,
                unit: String::new(),
                cost_vnd: None,
                evidence: String::new(),
            });
            record.baseline.len() - 1
        }
    };
    &mut record.baseline[at]
}

/// The opportunity with this id.
pub fn opportunity<'a>(record: &'a RapidAssessment, id: &str) -> Option<&'a Opportunity> {
    record.opportunities.iter().find(|o| o.id == id)
}

/// The opportunity with this id, to change.
pub fn opportunity_mut<'a>(
    record: &'a mut RapidAssessment,
    id: &str,
) -> Option<&'a mut Opportunity> {
    record.opportunities.iter_mut().find(|o| o.id == id)
}

impl TextField {
    /// The field's stable path.
    pub fn path(&self) -> String {
        match self {
            TextField::Date => "visit.date".into(),
            TextField::Team => "visit.team".into(),
            TextField::Areas => "visit.areas".into(),
            TextField::NextSteps => "next_steps".into(),
            TextField::Evidence(s) => format!("baseline.{}.evidence", s.id()),
            TextField::Title(id) => format!("opportunities.{id}.title"),
            TextField::SavingUnit(id) => format!("opportunities.{id}.saving_unit"),
        }
    }

    /// Its label.
    pub fn label(&self) -> Word {
        match self {
            TextField::Date => Word::VisitDate,
            TextField::Team => Word::VisitTeam,
            TextField::Areas => Word::VisitAreas,
            TextField::NextSteps => Word::NextSteps,
            TextField::Evidence(_) => Word::Evidence,
            TextField::Title(_) => Word::Title,
            TextField::SavingUnit(_) => Word::SavingUnit,
        }
    }

    /// What it takes (the rule `rapid_assessment::validate` holds it to).
    pub fn rule(&self) -> Rule {
        match self {
            TextField::Date | TextField::SavingUnit(_) => free_text::UNIT,
            TextField::Title(_) => free_text::SHORT,
            TextField::Team | TextField::Areas | TextField::NextSteps | TextField::Evidence(_) => {
                free_text::PASSAGE
            }
        }
    }

    /// Its text in the record.
    pub fn get(&self, record: &RapidAssessment) -> String {
        let text = match self {
            TextField::Date => Some(&record.visit.date),
            TextField::Team => Some(&record.visit.team),
            TextField::Areas => Some(&record.visit.areas),
            TextField::NextSteps => Some(&record.next_steps),
            TextField::Evidence(s) => line(record, *s).map(|l| &l.evidence),
            TextField::Title(id) => opportunity(record, id).map(|o| &o.title),
            TextField::SavingUnit(id) => opportunity(record, id).map(|o| &o.saving_unit),
        };
        text.cloned().unwrap_or_default()
    }

    /// Writes its text into the record.
    pub fn set(&self, record: &mut RapidAssessment, text: String) {
        let place = match self {
            TextField::Date => Some(&mut record.visit.date),
            TextField::Team => Some(&mut record.visit.team),
            TextField::Areas => Some(&mut record.visit.areas),
            TextField::NextSteps => Some(&mut record.next_steps),
            TextField::Evidence(s) => Some(&mut line_mut(record, *s).evidence),
            TextField::Title(id) => opportunity_mut(record, id).map(|o| &mut o.title),
            TextField::SavingUnit(id) => opportunity_mut(record, id).map(|o| &mut o.saving_unit),
        };
        if let Some(place) = place {
            *place = text;
        }
    }
}

impl NumberField {
    /// The field's stable path.
    pub fn path(&self) -> String {
        match self {
            NumberField::Verified(s) => format!("baseline.{}.verified", s.id()),
            NumberField::Cost(s) => format!("baseline.{}.cost_vnd", s.id()),
            NumberField::Quantity(id) => format!("opportunities.{id}.saving_quantity"),
            NumberField::Vnd(id) => format!("opportunities.{id}.saving_vnd"),
            NumberField::Tco2(id) => format!("opportunities.{id}.saving_tco2"),
            NumberField::Investment(id) => format!("opportunities.{id}.investment_vnd"),
        }
    }

    /// The field with this stable path, if it is one.
    pub fn from_path(path: &str) -> Option<NumberField> {
        if let Some(rest) = path.strip_prefix("baseline.") {
            let (stream, field) = rest.split_once('.')?;
            let stream = Stream::from_id(stream)?;
            return match field {
                "verified" => Some(NumberField::Verified(stream)),
                "cost_vnd" => Some(NumberField::Cost(stream)),
                _ => None,
            };
        }
        let (id, field) = path.strip_prefix("opportunities.")?.rsplit_once('.')?;
        let id = id.to_owned();
        match field {
            "saving_quantity" => Some(NumberField::Quantity(id)),
            "saving_vnd" => Some(NumberField::Vnd(id)),
            "saving_tco2" => Some(NumberField::Tco2(id)),
            "investment_vnd" => Some(NumberField::Investment(id)),
            _ => None,
        }
    }

    /// Its label.
    pub fn label(&self) -> Word {
        match self {
            NumberField::Verified(_) => Word::Verified,
            NumberField::Cost(_) => Word::CostVnd,
            NumberField::Quantity(_) => Word::SavingQuantity,
            NumberField::Vnd(_) => Word::SavingVnd,
            NumberField::Tco2(_) => Word::SavingTco2,
            NumberField::Investment(_) => Word::Investment,
        }
    }

    /// Its value in the record.
    pub fn get(&self, record: &RapidAssessment) -> Option<f64> {
        match self {
            NumberField::Verified(s) => line(record, *s).and_then(|l| l.verified),
            NumberField::Cost(s) => line(record, *s).and_then(|l| l.cost_vnd),
            NumberField::Quantity(id) => opportunity(record, id).and_then(|o| o.saving_quantity),
            NumberField::Vnd(id) => opportunity(record, id).and_then(|o| o.saving_vnd),
            NumberField::Tco2(id) => opportunity(record, id).and_then(|o| o.saving_tco2),
            NumberField::Investment(id) => opportunity(record, id).and_then(|o| o.investment_vnd),
        }
    }

    /// Writes its value into the record.
    pub fn set(&self, record: &mut RapidAssessment, value: Option<f64>) {
        let place = match self {
            NumberField::Verified(s) => Some(&mut line_mut(record, *s).verified),
            NumberField::Cost(s) => Some(&mut line_mut(record, *s).cost_vnd),
            NumberField::Quantity(id) => {
                opportunity_mut(record, id).map(|o| &mut o.saving_quantity)
            }
            NumberField::Vnd(id) => opportunity_mut(record, id).map(|o| &mut o.saving_vnd),
            NumberField::Tco2(id) => opportunity_mut(record, id).map(|o| &mut o.saving_tco2),
            NumberField::Investment(id) => {
                opportunity_mut(record, id).map(|o| &mut o.investment_vnd)
            }
        };
        if let Some(place) = place {
            *place = value;
        }
    }
}

/// The DOM id of the field with this stable path.
pub fn dom_id(path: &str) -> String {
    format!("ra-{}", path.replace(['.', '_', ':'], "-"))
}

/// A path of `rapid_assessment::validate` (`baseline[0].verified`, `opportunities[2].title`)
/// as a stable path of this record (`baseline.electricity.verified`,
/// `opportunities.led-1.title`); a path without a position comes back as it is, and one whose
/// position the record does not have names the list.
pub fn stable_path(path: &str, record: &RapidAssessment) -> String {
    let Some((list, rest)) = path.split_once('[') else { return path.to_owned() };
    let Some((index, field)) = rest.split_once(']') else { return path.to_owned() };
    let at: Option<usize> = index.parse().ok();
    let id = match list {
        "baseline" => at.and_then(|i| record.baseline.get(i)).map(|l| l.stream.id().to_owned()),
        "opportunities" => at.and_then(|i| record.opportunities.get(i)).map(|o| o.id.clone()),
        _ => None,
    };
    match id {
        Some(id) => format!("{list}.{id}{field}"),
        None => list.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sxsh_core::rapid_assessment::{Agreement, Priority};

    pub(crate) fn record() -> RapidAssessment {
        let mut record = RapidAssessment::new("SXSH-2027-0001");
        record.baseline.push(BaselineLine {
            stream: Stream::Water,
            self_reported: Some(12_000.0),
            verified: None,
            unit: "m³".into(),
            cost_vnd: None,
            evidence: String::new(),
        });
        record.opportunities.push(Opportunity {
            id: "led-1".into(),
            measure: Some("electricity.lighting.led".into()),
            title: "Thay đèn LED".into(),
            end_use: "electricity.lighting".into(),
            saving_quantity: None,
            saving_unit: "kWh".into(),
            saving_vnd: Some(72_000_000.0),
            saving_tco2: None,
            investment_vnd: None,
            priority: Priority::High,
            agreement: Agreement::Agreed,
        });
        record
    }

    #[test]
    fn fields_read_and_write_their_place_by_id() {
        let mut r = record();
        NumberField::Verified(Stream::Water).set(&mut r, Some(13_500.5));
        assert_eq!(r.baseline[0].verified, Some(13_500.5));
        NumberField::Cost(Stream::Electricity).set(&mut r, Some(1e9));
        assert_eq!(r.baseline.len(), 2, "a stream without a line gets one");
        assert_eq!(NumberField::Cost(Stream::Electricity).get(&r), Some(1e9));
        NumberField::Investment("led-1".into()).set(&mut r, Some(150e6));
        assert_eq!(r.opportunities[0].investment_vnd, Some(150e6));
        NumberField::Vnd("gone".into()).set(&mut r, Some(1.0));
        assert_eq!(NumberField::Vnd("gone".into()).get(&r), None, "no such opportunity");
        TextField::Title("led-1".into()).set(&mut r, "Đèn LED xưởng may".into());
        TextField::Team.set(&mut r, "Đoàn Khuyến công".into());
        assert_eq!(TextField::Title("led-1".into()).get(&r), "Đèn LED xưởng may");
        assert_eq!(r.visit.team, "Đoàn Khuyến công");
        assert_eq!(TextField::Evidence(Stream::Fuel).get(&r), "", "no line, no text");
    }

    #[test]
    fn paths_name_ids_and_validations_positions_are_turned_into_them() {
        let r = record();
        assert_eq!(NumberField::Vnd("led-1".into()).path(), "opportunities.led-1.saving_vnd");
        assert_eq!(TextField::Evidence(Stream::Water).path(), "baseline.water.evidence");
        assert_eq!(
            stable_path("opportunities[0].saving_vnd", &r),
            "opportunities.led-1.saving_vnd"
        );
        assert_eq!(stable_path("baseline[0].verified", &r), "baseline.water.verified");
        assert_eq!(stable_path("visit.date", &r), "visit.date");
        assert_eq!(stable_path("opportunities[7].title", &r), "opportunities", "no such place");
        assert_eq!(stable_path("opportunities[x", &r), "opportunities[x");
        let fields = [
            NumberField::Verified(Stream::Fuel),
            NumberField::Cost(Stream::Water),
            NumberField::Quantity("electricity.lighting.led".into()),
            NumberField::Vnd("a:b".into()),
            NumberField::Tco2("x".into()),
            NumberField::Investment("finding-2".into()),
        ];
        for field in fields {
            assert_eq!(NumberField::from_path(&field.path()), Some(field.clone()), "{field:?}");
        }
        for path in ["baseline.steam.verified", "baseline.water.unit", "opportunities.x.title", "x"]
        {
            assert_eq!(NumberField::from_path(path), None, "{path}");
        }
        assert_eq!(dom_id("opportunities.led-1.saving_vnd"), "ra-opportunities-led-1-saving-vnd");
    }
}

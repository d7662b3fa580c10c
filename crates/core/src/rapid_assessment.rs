//! The rapid-assessment record (đánh giá nhanh SXSH): what the Department's assessor records on
//! the site visit for one request, keyed by the request's receipt. The visit (date, team, the
//! areas walked), the verified baseline from bills and meters beside the figures the enterprise
//! reported itself, the opportunities found (a checklist measure or a new finding, each with its
//! end use, the saving estimated on site, the investment, a priority and whether the enterprise
//! agreed to it), the agreed next steps, and whether the record is complete.
//!
//! The record is one versioned JSON document (`KIND`, `FORMAT`); everything in it refers to
//! streams, end uses and measures by their stable checklist ids. The assessor's app sends it as an
//! `Upload` (one idempotency key per change) and the service answers `Saved`. A field added in a
//! later format is `#[serde(default)]`, so a record written by an older build keeps opening. Pure.

use crate::checklist::Stream;
use serde::{Deserialize, Serialize};

/// What the document is.
pub const KIND: &str = "sxsh-rapid-assessment";
/// The record's format version this build writes and the newest it reads.
pub const FORMAT: u32 = 1;

/// The rapid-assessment record of one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RapidAssessment {
    /// Always `KIND`.
    pub kind: String,
    /// The format version the record was written in (`FORMAT`).
    pub format: u32,
    /// The receipt of the request the assessment is for (such as `SXSH-2026-0001`).
    pub receipt: String,
    #[serde(default)]
    pub visit: Visit,
    /// The verified baseline, one line per stream.
    #[serde(default)]
    pub baseline: Vec<BaselineLine>,
    /// The opportunities found, in the assessor's order.
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// The next steps agreed with the enterprise (several lines).
    #[serde(default)]
    pub next_steps: String,
    /// Whether the assessor has finished the record (the request is then assessed).
    #[serde(default)]
    pub complete: bool,
}

impl RapidAssessment {
    /// An empty record for the request with this receipt.
    pub fn new(receipt: &str) -> RapidAssessment {
        RapidAssessment {
            kind: KIND.into(),
            format: FORMAT,
            receipt: receipt.into(),
            visit: Visit::default(),
            baseline: Vec::new(),
            opportunities: Vec::new(),
            next_steps: String::new(),
            complete: false,
        }
    }
}

/// The site visit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Visit {
    /// The day of the visit, `YYYY-MM-DD`; empty before it is set.
    pub date: String,
    /// Who visited (names, organisations).
    pub team: String,
    /// The areas walked (workshops, boiler house, ...).
    pub areas: String,
}

/// One stream's annual consumption: as the enterprise reported it in its self-assessment, and as
/// the assessor verified it from bills and meters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineLine {
    pub stream: Stream,
    /// The annual quantity the enterprise reported (in `unit`), if any.
    #[serde(default)]
    pub self_reported: Option<f64>,
    /// The annual quantity verified on site (in `unit`), if any.
    #[serde(default)]
    pub verified: Option<f64>,
    /// The quantity's unit, such as `kWh` or `m³`.
    #[serde(default)]
    pub unit: String,
    /// The verified annual cost, VND, if known.
    #[serde(default)]
    pub cost_vnd: Option<f64>,
    /// What the verified figure comes from (the bills, the meters read).
    #[serde(default)]
    pub evidence: String,
}

/// An opportunity found on the visit: a checklist measure or a new finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    /// Stable within the record, made by the app (a plain id).
    pub id: String,
    /// The checklist question whose measure this is; `None` for a new finding.
    #[serde(default)]
    pub measure: Option<String>,
    pub title: String,
    /// The end use it acts on (an end-use id of the checklist).
    pub end_use: String,
    /// The annual saving estimated on site, in `saving_unit`.
    #[serde(default)]
    pub saving_quantity: Option<f64>,
    #[serde(default)]
    pub saving_unit: String,
    /// The annual saving estimated on site, VND.
    #[serde(default)]
    pub saving_vnd: Option<f64>,
    /// The annual emissions avoided, tonnes of CO2.
    #[serde(default)]
    pub saving_tco2: Option<f64>,
    /// The investment, VND (0 for a no-cost measure).
    #[serde(default)]
    pub investment_vnd: Option<f64>,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub agreement: Agreement,
}

/// How soon an opportunity should be taken up.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    #[default]
    Medium,
    Low,
}

/// Whether the enterprise agreed to carry an opportunity out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Agreed,
    Declined,
    #[default]
    Undecided,
}

/// What the assessor's app sends to save a record: the record with the revision it was edited
/// from. A retry carries the same key; each new change gets a new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upload {
    pub idempotency_key: String,
    /// The revision the record was edited from (0 before the first save).
    pub base_revision: u32,
    pub record: RapidAssessment,
}

/// The service's reply to an `Upload` it has saved (the same reply for the same key again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The revision the record now has.
    pub revision: u32,
    /// When it was saved (ISO 8601, UTC).
    pub saved_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record with every field filled.
    pub(crate) fn full() -> RapidAssessment {
        RapidAssessment {
            visit: Visit {
                date: "2027-03-15".into(),
                team: "Nguyễn Văn An (Trung tâm Khuyến công)".into(),
                areas: "Xưởng nhuộm, lò hơi".into(),
            },
            baseline: vec![BaselineLine {
                stream: Stream::Electricity,
                self_reported: Some(1_200_000.0),
                verified: Some(1_350_000.5),
                unit: "kWh".into(),
                cost_vnd: Some(2_430_000_000.0),
                evidence: "Hóa đơn điện 12 tháng".into(),
            }],
            opportunities: vec![Opportunity {
                id: "o1".into(),
                measure: Some("electricity.lighting.led".into()),
                title: "Thay đèn LED".into(),
                end_use: "electricity.lighting".into(),
                saving_quantity: Some(40_000.0),
                saving_unit: "kWh".into(),
                saving_vnd: Some(72_000_000.0),
                saving_tco2: Some(26.6),
                investment_vnd: Some(150_000_000.0),
                priority: Priority::High,
                agreement: Agreement::Agreed,
            }],
            next_steps: "Lắp đồng hồ phụ cho lò hơi\nGửi báo giá đèn".into(),
            complete: true,
            ..RapidAssessment::new("SXSH-2027-0001")
        }
    }

    #[test]
    fn a_record_reads_back_as_written_with_its_ids() {
        let record = full();
        let json = serde_json::to_string(&record).unwrap_or_default();
        assert!(json.starts_with(r#"{"kind":"sxsh-rapid-assessment","format":1,"#), "{json}");
        for id in [r#""stream":"electricity""#, r#""priority":"high""#, r#""agreement":"agreed""#] {
            assert!(json.contains(id), "{id} in {json}");
        }
        let back: RapidAssessment = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, record);
        let upload = Upload { idempotency_key: "k".repeat(16), base_revision: 3, record };
        let json = serde_json::to_string(&upload).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Upload>(&json).ok(), Some(upload));
        let saved: Saved =
            serde_json::from_str(r#"{"revision":4,"saved_at":"2027-03-15T08:00:00Z"}"#)
                .expect("reads");
        assert_eq!(saved, Saved { revision: 4, saved_at: "2027-03-15T08:00:00Z".into() });
    }

    #[test]
    fn what_may_be_missing_reads_as_empty_undecided_and_medium() {
        let minimal: RapidAssessment = serde_json::from_str(
            r#"{"kind":"sxsh-rapid-assessment","format":1,"receipt":"SXSH-2027-0001",
                "baseline":[{"stream":"water"}],
                "opportunities":[{"id":"n1","title":"Thu hồi nước ngưng","end_use":"fuel.steam"}]}"#,
        )
        .expect("reads");
        assert_eq!(minimal.visit, Visit::default());
        assert_eq!(minimal.next_steps, "");
        assert!(!minimal.complete);
        let line = &minimal.baseline[0];
        assert_eq!((line.stream, line.self_reported, line.verified), (Stream::Water, None, None));
        let o = &minimal.opportunities[0];
        assert_eq!((o.priority, o.agreement), (Priority::Medium, Agreement::Undecided));
        assert_eq!((o.measure.as_deref(), o.saving_vnd, o.investment_vnd), (None, None, None));
        // The kind, format and receipt are not optional; neither are an opportunity's id,
        // title and end use, nor a baseline line's stream.
        for json in [
            r#"{"format":1,"receipt":"r"}"#,
            r#"{"kind":"sxsh-rapid-assessment","receipt":"r"}"#,
            r#"{"kind":"sxsh-rapid-assessment","format":1}"#,
            r#"{"kind":"k","format":1,"receipt":"r","baseline":[{}]}"#,
            r#"{"kind":"k","format":1,"receipt":"r","opportunities":[{"id":"a","title":"t"}]}"#,
            r#"{"kind":"k","format":1,"receipt":"r","opportunities":[{"id":"a","end_use":"e",
                "title":"t","priority":"urgent"}]}"#,
        ] {
            assert!(serde_json::from_str::<RapidAssessment>(json).is_err(), "{json}");
        }
    }
}

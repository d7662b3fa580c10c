//! The SXSH self-assessment's pure core: the cleaner-production checklist as data, the answers,
//! scoring, savings, reports, the assessment file, the request body and the outbox's state
//! machine, and the interface texts.
//!
//! Reading order: `i18n` (languages and texts), `checklist` (the questionnaire as data),
//! `free_text` (what each text field takes), `assessment` (the answers), `scoring`, `savings`,
//! `benchmarks`, `plan` (the enterprise's action plan and its progress year on year), `report`,
//! `export`, `field_error`, `request`, `outbox`, `rapid_assessment` (the assessor's record of the
//! site visit). No module touches a browser, a file or the network: the widget, the
//! PDF worker and the intake service do that, and all three depend on this crate.

pub mod assessment;
pub mod benchmarks;
pub mod checklist;
pub mod dates;
pub mod export;
pub mod field_error;
pub mod flow;
pub mod follow_up;
pub mod free_text;
pub mod i18n;
pub mod numbers;
pub mod outbox;
pub mod plan;
pub mod programme;
pub mod progress;
pub mod rapid_assessment;
pub mod report;
pub mod request;
pub mod savings;
pub mod scoring;

//! What the page sends the PDF worker: the report and the interface texts the PDF prints, as
//! JSON with a format number, so a worker from another build refuses it instead of misreading it.

use super::PdfError;
use crate::i18n::{Lang, Text};
use crate::report::Report;
use serde::{Deserialize, Serialize};

/// Every interface text the PDF prints (besides the report's own text), in the report's
/// language. The page resolves them and sends them with the job, so the worker module carries no
/// table of interface texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    // The cover.
    pub cover_title: String,
    pub company: String,
    pub sector: String,
    pub ward: String,
    pub date: String,
    pub assessment_id: String,
    pub checklist_version: String,
    pub indicative: String,
    // The score.
    pub score: String,
    pub score_none: String,
    pub by_area: String,
    pub no_answers: String,
    // The savings.
    pub savings_heading: String,
    pub no_savings: String,
    pub stream: String,
    pub share: String,
    pub quantity: String,
    pub money: String,
    pub co2: String,
    pub total: String,
    pub method: String,
    pub end_use_heading: String,
    // The other sections.
    pub energy_heading: String,
    pub actions_heading: String,
    pub support_heading: String,
    pub apply: String,
    pub contact_heading: String,
    pub contact_body: String,
    pub appendix: String,
    /// "Page {page}/{pages}", filled in on every page.
    pub page: String,
}

impl Labels {
    /// The labels in `lang`.
    pub fn of(lang: Lang) -> Labels {
        let t = |text| lang.text(text).to_owned();
        Labels {
            cover_title: t(Text::ReportCoverTitle),
            company: t(Text::ReportCompany),
            sector: t(Text::ReportSector),
            ward: t(Text::ReportWard),
            date: t(Text::ReportDate),
            assessment_id: t(Text::ReportAssessmentId),
            checklist_version: t(Text::ReportChecklistVersion),
            indicative: t(Text::ReportIndicative),
            score: t(Text::ResultsScore),
            score_none: t(Text::ResultsScoreNone),
            by_area: t(Text::ResultsByArea),
            no_answers: t(Text::ResultsNoAnswers),
            savings_heading: t(Text::ResultsSavingsHeading),
            no_savings: t(Text::ResultsNoSavings),
            stream: t(Text::ResultsStream),
            share: t(Text::ResultsShare),
            quantity: t(Text::ResultsQuantity),
            money: t(Text::ResultsMoney),
            co2: t(Text::ResultsCo2),
            total: t(Text::ResultsTotal),
            method: t(Text::ResultsMethod),
            end_use_heading: t(Text::ResultsEndUseHeading),
            energy_heading: t(Text::LearnEnergyHeading),
            actions_heading: t(Text::ResultsActionsHeading),
            support_heading: t(Text::LearnSupportHeading),
            apply: t(Text::LearnApply),
            contact_heading: t(Text::ReportContactHeading),
            contact_body: t(Text::ReportContactBody),
            appendix: t(Text::ReportAppendix),
            page: t(Text::ReportPage),
        }
    }
}

/// The worker's first message: it is listening for jobs.
pub const WORKER_READY: &str = "sxsh-pdf-ready";

/// The version of `Job`. The worker's stable loader may be cached from another build, so a job
/// says which shape it has. 2: the labels are named fields, not a list. 3: savings by end use.
/// 4: the action plan (`Report::plan`).
pub const JOB_FORMAT: u32 = 4;

/// What the page sends the PDF worker (besides the font files): the report and its labels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub format: u32,
    pub labels: Labels,
    pub report: Report,
}

impl Job {
    /// The job for `report`, as sent to the worker.
    pub fn to_json(report: &Report) -> String {
        let job =
            Job { format: JOB_FORMAT, labels: Labels::of(report.lang), report: report.clone() };
        serde_json::to_string(&job).unwrap_or_default()
    }

    /// Reads a job; another format, or anything else, is `PdfError::Job`.
    pub fn from_json(text: &str) -> Result<Job, PdfError> {
        serde_json::from_str::<Job>(text)
            .ok()
            .filter(|job| job.format == JOB_FORMAT)
            .ok_or(PdfError::Job)
    }
}

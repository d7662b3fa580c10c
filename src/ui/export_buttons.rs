//! `<ExportButtons>`: the report as PDF (made by the PDF worker, loaded when these buttons show),
//! CSV for Excel, JSON, and the browser's print view.

use super::ctx::{ConfigCtx, DraftCtx, LangCtx};
use super::draft_file::SaveToFile;
use super::now_iso;
use crate::download;
use crate::pdf_worker;
use leptos::prelude::*;
use sxsh_core::checklist;
use sxsh_core::export::{AssessmentResults, file_name};
use sxsh_core::i18n::{Lang, LateText, Text};
use sxsh_core::report::{self, csv};

/// What the status line under the buttons says.
#[derive(Clone, Copy)]
enum Status {
    Said(Text),
    /// The PDF waits for the notes (`LateText`: the closing screens' own texts).
    Waiting(LateText),
}

impl Status {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Status::Said(text) => lang.text(text),
            Status::Waiting(text) => lang.late(text),
        }
    }
}

/// The report's download and print buttons.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let assets = ConfigCtx::expect().0.assets.clone();
    let busy = StoredValue::new(false);
    // Load the PDF worker and its fonts while the user reads, once this screen is painted.
    let early = assets.clone();
    request_animation_frame(move || pdf_worker::prepare(&early));
    let status = RwSignal::new(None::<Status>);
    let offer = StoredValue::new(super::offer::offer());
    // The action plan goes in the report (the closing screens have it; the request's check page
    // shows these buttons too).
    let plan = use_context::<super::plan::PlanCtx>();
    let report_now = move || {
        let list = checklist::active();
        let now = now_iso();
        let lang = ctx.0.get_untracked();
        draft.with_untracked(|d| {
            let mut report = report::build(list, d, &AssessmentResults::of(list, d), lang, &now);
            if let Some(plan) = plan {
                report = plan.kept.with_untracked(|k| report.with_plan(list, &k.plan));
            }
            // The Department's own offer, as far as the host page states it.
            if let Some(entry) = offer.with_value(|o| super::offer::support_entry(o, lang)) {
                report.support.insert(0, entry);
            }
            let name = move |extension: &str| file_name(&d.profile.company, &now, extension);
            (report, name("pdf"), name("csv"))
        })
    };
    let download_pdf = move |_| {
        if busy.get_value() {
            return;
        }
        // The PDF carries the notes (sources, estimate notes): it waits for them (loaded again
        // if they failed; the results are built again when they come).
        if !super::notes::ready(ctx.0.get_untracked()) {
            super::notes::load(assets.clone(), ctx.0.get_untracked());
            status.set(Some(Status::Waiting(LateText::NotesLoading)));
            return;
        }
        busy.set_value(true);
        status.set(Some(Status::Said(Text::ReportPdfWorking)));
        let assets = assets.clone();
        leptos::task::spawn_local(async move {
            let (report, name, _) = report_now();
            let offered = match pdf_worker::make_pdf(&assets, &report).await {
                Ok(bytes) => download::offer(&bytes, &name, "application/pdf").is_ok(),
                Err(pdf_worker::PdfFailed(why)) => {
                    super::warn(&format!("SXSH widget: {why}"));
                    false
                }
            };
            status.set((!offered).then_some(Status::Said(Text::ReportPdfFailed)));
            busy.set_value(false);
        });
    };
    let download_csv = move |_| {
        let (report, _, name) = report_now();
        if download::offer(csv::to_csv(&report).as_bytes(), &name, "text/csv;charset=utf-8")
            .is_err()
        {
            super::warn("SXSH widget: the browser refused the download");
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            _ = w.print();
        }
    };
    view! {
        <div class="cp-nav cp-exports">
            <button type="button" class="cp-button cp-button--primary" data-testid="download-pdf" on:click=download_pdf>
                {move || ctx.text(Text::ReportDownloadPdf)}
            </button>
            <button type="button" class="cp-button" data-testid="download-csv" on:click=download_csv>
                {move || ctx.text(Text::ReportDownloadCsv)}
            </button>
            <SaveToFile />
            <button type="button" class="cp-button" data-testid="print" on:click=print>{move || ctx.text(Text::ReportPrint)}</button>
        </div>
        <div role="status" class="cp-exports__status">
            {move || status.get().map(|t| view! { <p class="cp-notice" data-testid="export-status">{t.text(ctx.0.get())}</p> })}
        </div>
    }
}

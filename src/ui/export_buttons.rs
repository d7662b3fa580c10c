//! `<ExportButtons>`: the report as PDF (fonts fetched on first use, then kept), CSV for Excel,
//! JSON, and the browser's print view.

use super::draft_file::SaveToFile;
use super::{ConfigCtx, DraftCtx, LangCtx, now_iso};
use crate::api;
use crate::checklist;
use crate::download;
use crate::export::{Results, file_name};
use crate::i18n::Text;
use crate::report::{self, csv, pdf};
use leptos::prelude::*;
use std::rc::Rc;

/// Where the PDF fonts are, inside the widget's asset folder (copied to `dist/fonts/` by trunk).
pub const FONT_DIR: &str = "fonts/";

/// The two PDF fonts, once fetched.
type FontPair = Rc<(Vec<u8>, Vec<u8>)>;

/// The report's download and print buttons.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let assets = ConfigCtx::expect().0.assets.clone();
    let fonts: StoredValue<Option<FontPair>, LocalStorage> = StoredValue::new_local(None);
    let status = RwSignal::new(None::<Text>);
    let report_now = move || {
        let list = checklist::active();
        let now = now_iso();
        draft.with_untracked(|d| {
            let report = report::build(list, d, &Results::of(list, d), ctx.0.get_untracked(), &now);
            let name = move |extension: &str| file_name(&d.profile.company, &now, extension);
            (report, name("pdf"), name("csv"))
        })
    };
    let download_pdf = move |_| {
        status.set(Some(Text::ReportPdfWorking));
        let base = format!("{assets}{FONT_DIR}");
        leptos::task::spawn_local(async move {
            let pair = match fonts.get_value() {
                Some(pair) => pair,
                None => {
                    let regular = api::fetch_bytes(&format!("{base}NotoSans-Regular-vi.ttf")).await;
                    let bold = api::fetch_bytes(&format!("{base}NotoSans-Bold-vi.ttf")).await;
                    match (regular, bold) {
                        (Ok(r), Ok(b)) => {
                            let pair = Rc::new((r, b));
                            fonts.set_value(Some(pair.clone()));
                            pair
                        }
                        (Err(e), _) | (_, Err(e)) => {
                            web_sys::console::warn_1(&format!("SXSH widget: {}", e.0).into());
                            status.set(Some(Text::ReportPdfFailed));
                            return;
                        }
                    }
                }
            };
            let (report, name, _) = report_now();
            match pdf::to_pdf(&report, &pdf::Fonts { regular: &pair.0, bold: &pair.1 }) {
                Ok(bytes) if download::offer(&bytes, &name, "application/pdf").is_ok() => {
                    status.set(None)
                }
                _ => status.set(Some(Text::ReportPdfFailed)),
            }
        });
    };
    let download_csv = move |_| {
        let (report, _, name) = report_now();
        if download::offer(csv::to_csv(&report).as_bytes(), &name, "text/csv;charset=utf-8")
            .is_err()
        {
            web_sys::console::warn_1(&"SXSH widget: the browser refused the download".into());
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
            {move || status.get().map(|t| view! { <p class="cp-notice" data-testid="export-status">{ctx.text(t)}</p> })}
        </div>
    }
}

//! The follow-up of a rapid assessment's agreed opportunities (issue 24), in the staff
//! workspace:
//!
//! - on a request's page, a section (`section`, `follow_up_section.html`): the progress updates
//!   the enterprise sent (when, each action's status and self-reported saving), and a table of
//!   the agreed opportunities of the request's latest rapid-assessment record with their
//!   current follow-up (status, day, achieved saving in quantity, VND and tCO2, self-reported or
//!   verified and how), their history, and a form per opportunity to record a new status;
//! - `POST /staff/requests/{receipt}/follow-up`: records it (an officer, or the assessor the
//!   request is assigned to; CSRF-checked; checked by the core's `follow_up::validate`, so a
//!   verified saving names its method). Each change is a new row, the earlier ones stay as the
//!   history, and each is in the processing log;
//! - `GET /staff/follow-up`: the follow-ups due. For each assessed request with a visit date,
//!   the days 6 and 12 months after the visit (`follow_up::due_dates`); one is due when that
//!   day has come and not every agreed opportunity of the request has a follow-up recorded on
//!   or after it (`follow_up::answered_on`, `follow_up::is_due`, in Vietnam's days), earliest
//!   first. An assessor sees only the
//!   requests assigned to them.
//!
//! The rows live in `follow_ups` and `progress_updates` (`followup_rows`); the progress updates arrive
//! by `POST /api/progress` (`intake_progress`).

mod words;

use super::auth::{Allowed, Casework, Role};
use super::followup_rows as rows;
use super::{Choice, Frame, choice, not_found, refusal, render};
use crate::error::AppError;
use crate::{AppState, db};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use sxsh_core::dates::{self, day, day_time};
use sxsh_core::follow_up::{self, Entry, Evidence, FollowUpStatus};
use sxsh_core::i18n::{Lang, fill};
use sxsh_core::numbers;
use words::{FollowUpWords, follow_up_words};

/// The routes, merged into the staff pages' by `staff::routes`.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/follow-up", get(due))
        .route("/staff/requests/{receipt}/follow-up", post(record))
        .layer(axum::middleware::from_fn(super::words::switch_language))
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        ))
}

/// A figure for the page: `–` when unknown.
fn figure(value: Option<f64>, lang: Lang, decimals: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| numbers::format(v, lang, decimals))
}

fn money(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "–".to_owned(), |v| numbers::format_vnd(v, lang))
}

/// A quantity with its unit.
fn quantity(value: Option<f64>, unit: &str, lang: Lang) -> String {
    match value {
        Some(v) => format!("{} {unit}", numbers::format(v, lang, 0)).trim_end().to_owned(),
        None => "–".to_owned(),
    }
}

/// A number typed into the form the reader's way (`None` when empty), or `Err` when it is not
/// one.
fn typed(text: &str, lang: Lang) -> Result<Option<f64>, ()> {
    numbers::parse(text, lang).map_err(|_| ())
}

/// One action of a progress update as the page shows it.
pub(super) struct ActionLine {
    pub(super) title: String,
    pub(super) status: &'static str,
    pub(super) status_on: String,
    pub(super) saving: String,
}

/// A progress update as the page shows it.
pub(super) struct UpdateView {
    pub(super) heading: String,
    pub(super) actions: Vec<ActionLine>,
    pub(super) notes: String,
}

/// A follow-up row as the page shows it.
pub(super) struct EntryView {
    pub(super) status: &'static str,
    pub(super) date: String,
    pub(super) quantity: String,
    pub(super) vnd: String,
    pub(super) tco2: String,
    pub(super) evidence: String,
    pub(super) recorded: String,
}

/// An agreed opportunity with its follow-up.
pub(super) struct OpportunityView {
    pub(super) id: String,
    pub(super) title: String,
    /// The latest row, if any.
    pub(super) current: Option<EntryView>,
    /// Every row, newest first.
    pub(super) history: Vec<EntryView>,
    /// The unit the form offers (the opportunity's saving unit).
    pub(super) unit: String,
}

/// The follow-up section of a request's page.
pub(super) struct Section {
    pub(super) w: &'static FollowUpWords,
    pub(super) updates: Vec<UpdateView>,
    /// The request has a rapid-assessment record.
    pub(super) has_record: bool,
    pub(super) opportunities: Vec<OpportunityView>,
    /// The reader may record a follow-up (an officer, the assigned assessor).
    pub(super) can_record: bool,
    pub(super) statuses: Vec<Choice>,
    pub(super) evidences: Vec<Choice>,
    /// Today in Vietnam, `YYYY-MM-DD` (the form's day).
    pub(super) today: String,
}

/// A row for the page.
fn entry_view(row: &rows::Row, w: &FollowUpWords, lang: Lang) -> EntryView {
    let e = &row.entry;
    let evidence = match (e.evidence, e.method.is_empty()) {
        (Evidence::Verified, false) => format!("{}: {}", w.evidence(e.evidence), e.method),
        _ => w.evidence(e.evidence).to_owned(),
    };
    let author = if row.author == rows::ENTERPRISE { w.enterprise } else { &row.author };
    EntryView {
        status: w.status(e.status),
        date: day(&e.status_on),
        quantity: quantity(e.quantity, &e.unit, lang),
        vnd: money(e.vnd, lang),
        tco2: figure(e.tco2, lang, 1),
        evidence,
        recorded: fill(w.recorded_by, &[("at", &day_time(&row.recorded_at)), ("author", author)]),
    }
}

/// Today's day in Vietnam, `YYYY-MM-DD`.
fn today() -> String {
    dates::iso_day(&db::utc_now().1)
}

/// The follow-up section of request `request_id`'s page, in `lang`.
pub(super) fn section(
    conn: &rusqlite::Connection,
    request_id: i64,
    lang: Lang,
    can_record: bool,
) -> rusqlite::Result<Section> {
    let w = follow_up_words(lang);
    let record = rows::latest_record(conn, request_id)?;
    let agreed = record.as_ref().map(rows::agreed).unwrap_or_default();
    let list = sxsh_core::checklist::active();
    let title = |measure: &str| {
        agreed
            .iter()
            .find(|o| o.measure.as_deref() == Some(measure))
            .map(|o| o.title.clone())
            .or_else(|| {
                list.question(measure).map(|q| match lang {
                    Lang::Vi => q.text_vi.clone(),
                    Lang::En => q.text_en.clone(),
                })
            })
            .unwrap_or_else(|| measure.to_owned())
    };
    let updates = rows::updates(conn, request_id)?
        .into_iter()
        .map(|u| UpdateView {
            heading: fill(
                w.update_heading,
                &[("reference", &u.reference), ("at", &day_time(&u.received_at))],
            ),
            actions: u
                .update
                .actions
                .iter()
                .map(|a| {
                    let got = &a.achieved;
                    let saving = [
                        (got.quantity.is_some()).then(|| quantity(got.quantity, &got.unit, lang)),
                        got.vnd.map(|v| numbers::format_vnd(v, lang)),
                        got.tco2.map(|v| format!("{} t CO2", numbers::format(v, lang, 1))),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>();
                    ActionLine {
                        title: title(&a.measure),
                        status: w.action_status(a.status),
                        status_on: day(&a.status_on),
                        saving: if saving.is_empty() { "–".into() } else { saving.join("; ") },
                    }
                })
                .collect(),
            notes: u.update.notes,
        })
        .collect();
    let all = rows::all(conn, request_id)?;
    let opportunities = agreed
        .iter()
        .map(|o| {
            let history: Vec<EntryView> = all
                .iter()
                .rev()
                .filter(|r| r.opportunity_id == o.id)
                .map(|r| entry_view(r, w, lang))
                .collect();
            let current =
                all.iter().rev().find(|r| r.opportunity_id == o.id).map(|r| entry_view(r, w, lang));
            OpportunityView {
                id: o.id.clone(),
                title: o.title.clone(),
                current,
                history,
                unit: o.saving_unit.clone(),
            }
        })
        .collect();
    Ok(Section {
        w,
        updates,
        has_record: record.is_some(),
        opportunities,
        can_record,
        statuses: FollowUpStatus::ALL
            .iter()
            .map(|s| choice(s.id(), w.status(*s), FollowUpStatus::Implemented.id()))
            .collect(),
        evidences: Evidence::ALL
            .iter()
            .map(|e| choice(e.id(), w.evidence(*e), Evidence::Verified.id()))
            .collect(),
        today: today(),
    })
}

#[derive(Deserialize)]
pub(super) struct RecordForm {
    csrf: String,
    opportunity: String,
    status: String,
    status_on: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    vnd: String,
    #[serde(default)]
    tco2: String,
    evidence: String,
    #[serde(default)]
    method: String,
}

/// The entry a form gives, or every problem with it in the reader's language.
fn entry(form: &RecordForm, lang: Lang) -> Result<Entry, Vec<String>> {
    let w = follow_up_words(lang);
    let mut problems = Vec::new();
    let status = FollowUpStatus::parse(form.status.trim());
    let evidence = Evidence::parse(form.evidence.trim());
    if status.is_none() || evidence.is_none() {
        problems.push(w.unknown_choice.to_owned());
    }
    let mut number = |text: &str, label: &str| {
        typed(text, lang).unwrap_or_else(|()| {
            problems.push(fill(w.not_a_number, &[("field", label)]));
            None
        })
    };
    let (quantity, vnd, tco2) =
        (number(&form.quantity, w.quantity), number(&form.vnd, w.vnd), number(&form.tco2, w.tco2));
    let entry = Entry {
        status: status.unwrap_or(FollowUpStatus::Unknown),
        status_on: form.status_on.trim().to_owned(),
        quantity,
        unit: form.unit.trim().to_owned(),
        vnd,
        tco2,
        evidence: evidence.unwrap_or(Evidence::SelfReported),
        method: form.method.trim().to_owned(),
    };
    problems.extend(follow_up::validate(&entry).into_iter().map(|e| match lang {
        Lang::Vi => e.vi,
        Lang::En => e.en,
    }));
    if problems.is_empty() { Ok(entry) } else { Err(problems) }
}

/// `POST /staff/requests/{receipt}/follow-up`: records a new status of an agreed opportunity
/// (an officer, or the assessor the request is assigned to; anyone else 403 or not found).
pub(super) async fn record(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    headers: HeaderMap,
    Path(receipt): Path<String>,
    Form(form): Form<RecordForm>,
) -> Result<Response, AppError> {
    staff.check_form(&state, &headers, &form.csrf)?;
    let (reader, lookup) = (staff.clone(), receipt.clone());
    let id = state.db.read(move |conn| Ok(super::store::visible(conn, &reader, &lookup)?)).await?;
    let Some(id) = id else { return Ok(not_found(&state, &staff)) };
    let w = follow_up_words(staff.lang);
    let back = format!("/staff/requests/{receipt}");
    let frame = || Frame::new(&state, &staff, &back);
    let entry = match entry(&form, staff.lang) {
        Ok(entry) => entry,
        Err(problems) => return refusal(frame(), w.not_recorded, problems, &back),
    };
    let (author, which) = (staff.username.clone(), receipt.clone());
    let opportunity = form.opportunity.trim().to_owned();
    let recorded = state
        .db
        .write(move |conn| Ok(rows::record(conn, id, &which, &opportunity, &entry, &author)?))
        .await?;
    if !recorded {
        return refusal(frame(), w.not_recorded, vec![w.not_agreed.into()], &back);
    }
    Ok(Redirect::to(&format!("{back}#follow-up")).into_response())
}

/// A checklist sector's name in `lang` (an unknown id, as stored).
fn sector_word(id: &str, lang: Lang) -> String {
    let sectors = &sxsh_core::checklist::active().sectors;
    sectors.iter().find(|x| x.id == id).map_or_else(
        || id.to_owned(),
        |x| match lang {
            Lang::Vi => x.vi.clone(),
            Lang::En => x.en.clone(),
        },
    )
}

/// A follow-up due, as the list shows it.
struct DueRow {
    receipt: String,
    company: String,
    sector: String,
    visit: String,
    due: String,
    months: String,
    /// For sorting: `YYYY-MM-DD`.
    due_iso: String,
}

#[derive(Template)]
#[template(path = "follow_up_due.html")]
struct DuePage {
    frame: Frame,
    fw: &'static FollowUpWords,
    rows: Vec<DueRow>,
}

/// The follow-ups due `today` among `visited`, earliest first (then by receipt).
fn due_rows(visited: Vec<rows::Visited>, today: &str, lang: Lang) -> Vec<DueRow> {
    let w = follow_up_words(lang);
    let mut due = Vec::new();
    for v in visited {
        let Some(days) = follow_up::due_dates(&v.visit_date) else { continue };
        let last = v.last_recorded.as_deref().map(dates::iso_day);
        for (months, on) in follow_up::DUE_MONTHS.iter().zip(days) {
            if follow_up::is_due(&on, today, last.as_deref()) {
                due.push(DueRow {
                    receipt: v.receipt.clone(),
                    company: v.company.clone(),
                    sector: sector_word(&v.sector, lang),
                    visit: day(&v.visit_date),
                    due: day(&on),
                    months: fill(w.after_months, &[("n", &months.to_string())]),
                    due_iso: on,
                });
            }
        }
    }
    due.sort_by(|a, b| a.due_iso.cmp(&b.due_iso).then_with(|| a.receipt.cmp(&b.receipt)));
    due
}

/// `GET /staff/follow-up`: the follow-ups due (an assessor: of the requests assigned to them).
pub(super) async fn due(
    State(state): State<AppState>,
    Allowed(staff, _): Allowed<Casework>,
    uri: Uri,
) -> Result<Response, AppError> {
    let assessor = (staff.role == Role::Assessor).then_some(staff.id);
    let visited = state.db.read(move |conn| Ok(rows::visited(conn, assessor)?)).await?;
    render(&DuePage {
        frame: Frame::new(&state, &staff, &uri.to_string()),
        fw: follow_up_words(staff.lang),
        rows: due_rows(visited, &today(), staff.lang),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visited(receipt: &str, visit: &str, last: Option<&str>) -> rows::Visited {
        rows::Visited {
            receipt: receipt.into(),
            company: "Công ty".into(),
            sector: "textile".into(),
            visit_date: visit.into(),
            last_recorded: last.map(str::to_owned),
        }
    }

    #[test]
    fn the_due_list_holds_the_days_come_without_a_follow_up_earliest_first() {
        let rows = due_rows(
            vec![
                // 6 months: 2026-11-30 (due); 12 months: 2027-05-31 (not yet).
                visited("SXSH-2026-0002", "2026-05-31", None),
                // 6 months: 2026-02-28 and 12 months: 2026-08-31, both due.
                visited("SXSH-2026-0001", "2025-08-31", None),
                // Recorded 2026-09-01 (Vietnam: 2026-09-01): both days answered.
                visited("SXSH-2026-0003", "2025-08-31", Some("2026-09-01T02:00:00Z")),
                // Recorded 2026-03-01: the 6-month one answered, the 12-month one due.
                visited("SXSH-2026-0004", "2025-09-01", Some("2026-03-01T02:00:00Z")),
                visited("SXSH-2026-0005", "", None),
            ],
            "2026-12-02",
            Lang::Vi,
        );
        let got: Vec<(&str, &str, &str)> =
            rows.iter().map(|r| (r.receipt.as_str(), r.due.as_str(), r.months.as_str())).collect();
        assert_eq!(
            got,
            [
                ("SXSH-2026-0001", "28/02/2026", "6 tháng"),
                ("SXSH-2026-0001", "31/08/2026", "12 tháng"),
                ("SXSH-2026-0004", "01/09/2026", "12 tháng"),
                ("SXSH-2026-0002", "30/11/2026", "6 tháng"),
            ]
        );
        assert_eq!(rows[0].sector, "Dệt nhuộm và may mặc");
    }

    #[test]
    fn a_form_reads_the_readers_numbers_and_names_every_problem() {
        let form = |evidence: &str, method: &str, vnd: &str| RecordForm {
            csrf: String::new(),
            opportunity: "o1".into(),
            status: "implemented".into(),
            status_on: "2026-11-20".into(),
            quantity: "45.000".into(),
            unit: "kWh".into(),
            vnd: vnd.into(),
            tco2: "30,2".into(),
            evidence: evidence.into(),
            method: method.into(),
        };
        let got = entry(&form("verified", "Hóa đơn", "120.000.000"), Lang::Vi).expect("an entry");
        assert_eq!(
            (got.quantity, got.vnd, got.tco2, got.evidence),
            (Some(45_000.0), Some(120_000_000.0), Some(30.2), Evidence::Verified)
        );
        let problems = entry(&form("verified", " ", "1.5"), Lang::Vi).expect_err("refused");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("Tiết kiệm (đồng/năm): không đọc được số"), "{problems:?}");
        assert!(problems[1].starts_with("Ghi cách xác minh"), "{problems:?}");
        let problems = entry(&form("checked", "", ""), Lang::En).expect_err("refused");
        // "30,2" is not a number the English way (a thousands mark out of place).
        assert_eq!(
            problems,
            [
                "A choice is not valid; reload the page.",
                "Emissions avoided (t CO2/year): not a number (such as 1,250,000 or 12.5)."
            ]
        );
    }
}

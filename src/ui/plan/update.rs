//! The progress update to the Department, as the request is sent: a form (`UpdateForm`: the
//! earlier request's receipt, prefilled from the requests this browser sent; the tax code, typed
//! again; notes; the privacy notice and an unticked consent), a check page listing exactly what
//! leaves the browser (`UpdateCheck`), and delivery through the same `outbox` rules in an outbox
//! of its own (`ui::delivery`'s driver, kept under `storage::UPDATE_OUTBOX_KEY`), with its status
//! (`UpdateStatus`). Nothing leaves the browser before the user presses "send".
//!
//! The tax code is not kept after sending (neither in `outbox::Sent` nor in `SentUpdate`): its
//! 12-digit form is a person's identification number (`request::is_personal_tax_code`), personal
//! data the browser keeps only while a parcel waits, so it is typed again for each update.

use super::{PlanCtx, status_text};
use crate::storage::{self, SentUpdate};
use crate::ui::ctx::{ConfigCtx, DraftCtx, LangCtx, NavCtx};
use crate::ui::delivery::{Delivery, DeliveryCtx, Kept, new_key};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::fields::{FieldErrorMessage, TextField, dom_id};
use crate::ui::{focus_by_id, focus_when_mounted, now_iso};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::checklist;
use sxsh_core::dates;
use sxsh_core::flow::Step;
use sxsh_core::free_text;
use sxsh_core::i18n::{LateText, Text, fill};
use sxsh_core::numbers::{format, format_vnd};
use sxsh_core::outbox::{Delivered, DeliveryProblem, SENT_LEN, State};
use sxsh_core::progress::{self, ProgressUpdate};
use sxsh_core::request::{self, Consent, FieldError};

/// The form's state, kept while the user moves between the form, its check page and the plan.
#[derive(Clone, Copy)]
pub struct UpdateForm {
    receipt: RwSignal<String>,
    tax_code: RwSignal<String>,
    notes: RwSignal<String>,
    consent: RwSignal<bool>,
    /// The idempotency key of the update being prepared: made once, kept for resends.
    key: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    attempt: RwSignal<u32>,
}

impl UpdateForm {
    fn new() -> UpdateForm {
        UpdateForm {
            receipt: RwSignal::new(String::new()),
            tax_code: RwSignal::new(String::new()),
            notes: RwSignal::new(String::new()),
            consent: RwSignal::new(false),
            key: RwSignal::new(new_key()),
            errors: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
        }
    }

    fn expect() -> UpdateForm {
        expect_context::<UpdateForm>()
    }

    /// The update the form describes now, with the plan's actions.
    fn update(self) -> ProgressUpdate {
        let DraftCtx(draft) = DraftCtx::expect();
        let plan = PlanCtx::expect();
        let (company, checklist_version) = draft
            .with_untracked(|d| (d.profile.company.trim().to_owned(), d.checklist_version.clone()));
        ProgressUpdate {
            kind: progress::KIND.to_owned(),
            version: progress::VERSION,
            idempotency_key: self.key.get_untracked(),
            receipt: self.receipt.get_untracked().trim().to_owned(),
            tax_code: self.tax_code.get_untracked().trim().to_owned(),
            company,
            checklist_version,
            actions: plan.kept.with_untracked(|k| k.plan.actions.clone()),
            notes: self.notes.get_untracked(),
            consent: Consent {
                request: self.consent.get_untracked(),
                notice_version: request::NOTICE_VERSION.to_owned(),
                given_at: now_iso(),
                ..Consent::default()
            },
        }
    }

    fn show(self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        self.attempt.update(|n| *n += 1);
    }

    fn error_for(self, field: &'static str) -> Signal<Option<String>> {
        let ctx = LangCtx::expect();
        Signal::derive(move || {
            let lang = ctx.0.get();
            self.errors
                .with(|e| e.iter().find(|e| e.field == field).map(|e| lang.pick(e).to_owned()))
        })
    }
}

/// Provides the form and the update delivery, and starts delivering what waits; called with the
/// plan (`PlanCtx::start`), under `<App>`'s owner.
pub fn start() {
    provide_context(UpdateForm::new());
    let endpoint = ConfigCtx::expect().0.endpoint.as_deref().map(crate::config::progress_endpoint);
    let delivery = UpdateDelivery::new(endpoint);
    provide_context(delivery);
    delivery.start();
}

/// The progress updates' delivery: the requests' driver (`ui::delivery`) over an outbox of its
/// own.
type UpdateDelivery = Delivery<ProgressUpdate>;

impl Kept for ProgressUpdate {
    type Sent = SentUpdate;
    const OUTBOX_KEY: &'static str = storage::UPDATE_OUTBOX_KEY;
    const OUTBOX_BACKUP_KEY: &'static str = storage::UPDATE_OUTBOX_BACKUP_KEY;
    const SENT_KEY: &'static str = storage::UPDATE_SENT_KEY;
    // As before the drivers were one: the update's panel is read once, with the plan.
    const FOLLOWS_OTHER_TABS: bool = false;

    /// Newest first, once per reference, `SENT_LEN` kept.
    fn remember(history: &mut Vec<SentUpdate>, delivered: Delivered<Self>, delivered_at: &str) {
        let Delivered { entry, answer } = delivered;
        let sent = SentUpdate {
            reference: answer.reference,
            receipt: entry.request.receipt,
            company: entry.request.company,
            idempotency_key: entry.request.idempotency_key,
            delivered_at: delivered_at.to_owned(),
        };
        history.retain(|s| s.reference != sent.reference);
        history.insert(0, sent);
        history.truncate(SENT_LEN);
    }
}

/// The update form.
#[component]
pub fn UpdateFormScreen() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let form = UpdateForm::expect();
    let requests = DeliveryCtx::expect();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let late = move |text| ctx.0.get().late(text);
    // The receipt of the newest request this browser sent, until the user types another.
    if form.receipt.with_untracked(String::is_empty)
        && let Some(newest) = requests.sent.with_untracked(|s| s.first().map(|s| s.receipt.clone()))
    {
        form.receipt.set(newest);
    }
    let errors = Signal::derive(move || {
        let lang = ctx.0.get();
        form.errors.with(|e| {
            e.iter().map(|e| (e.field.clone(), lang.pick(e).to_owned())).collect::<Vec<_>>()
        })
    });
    let known = move || {
        let receipts =
            requests.sent.with(|s| s.iter().map(|s| s.receipt.clone()).collect::<Vec<_>>());
        (!receipts.is_empty()).then(|| {
            fill(
                ctx.0.get().late(LateText::PlanUpdateReceiptKnown),
                &[("receipts", &receipts.join(", "))],
            )
        })
    };
    let text = move |text: LateText| Signal::stored(ctx.0.get().late(text).to_owned());
    let check = move |_| {
        let found = progress::validate(&form.update());
        form.show(found.clone());
        if found.is_empty() {
            nav.go(Step::ProgressCheck);
        }
    };
    let consent_error = form.error_for("consent.request");
    let has_actions = PlanCtx::expect().kept.with_untracked(|k| !k.plan.is_empty());
    // Built again on a change of language (the form's values are kept in `UpdateForm`), so its
    // texts are fixed.
    move || {
        let consent_id = dom_id("consent.request");
        view! {
            <section class="cp-section" aria-labelledby="cp-update-title">
                <h2 id="cp-update-title" class="cp-section__title" tabindex="-1" node_ref=heading>{late(LateText::PlanUpdateHeading)}</h2>
                <ErrorSummary errors=errors attempt=form.attempt />
                <p>{late(LateText::PlanUpdateLead)}</p>
                {(!has_actions).then(|| view! { <p class="cp-notice cp-notice--warning" data-testid="update-no-actions">{late(LateText::PlanEmpty)}</p> })}
                <TextField
                    field="receipt"
                    label=text(LateText::PlanUpdateReceipt)
                    hint=Signal::stored(known().unwrap_or_else(|| late(LateText::PlanUpdateReceiptHint).to_owned()))
                    error=form.error_for("receipt")
                    max_chars=free_text::SHORT.max_chars
                    value=form.receipt.get_untracked()
                    set=Callback::new(move |v| form.receipt.set(v))
                />
                <TextField
                    field="tax_code"
                    label=Signal::stored(ctx.text(Text::RequestTaxCode).to_owned())
                    hint=text(LateText::PlanUpdateTaxCodeHint)
                    error=form.error_for("tax_code")
                    max_chars=free_text::TAX_CODE.max_chars
                    value=form.tax_code.get_untracked()
                    set=Callback::new(move |v| form.tax_code.set(v))
                />
                <TextField
                    field="notes"
                    label=text(LateText::PlanUpdateNotes)
                    error=form.error_for("notes")
                    multiline=true
                    max_chars=free_text::PASSAGE.max_chars
                    value=form.notes.get_untracked()
                    set=Callback::new(move |v| form.notes.set(v))
                />
                <div class="cp-panel cp-notice-text" data-testid="update-notice" data-notice-version=request::NOTICE_VERSION>
                    <h3>{ctx.text(Text::RequestNoticeHeading)}</h3>
                    <p>{late(LateText::PlanUpdateNotice)}</p>
                </div>
                <fieldset class="cp-question cp-field" class=("cp-field--error", move || consent_error.get().is_some())>
                    <legend class="cp-question__legend">{ctx.text(Text::RequestConsentLegend)}</legend>
                    <FieldErrorMessage id=consent_id.clone() message=consent_error />
                    <div class="cp-choice cp-choice--consent">
                        <input
                            type="checkbox"
                            class="cp-choice__input"
                            id=consent_id.clone()
                            prop:checked=move || form.consent.get()
                            on:change=move |ev| form.consent.set(event_target_checked(&ev))
                            aria-describedby=move || consent_error.get().map(|_| format!("{}-error", dom_id("consent.request")))
                        />
                        <label class="cp-choice__label" for=consent_id>{late(LateText::PlanUpdateConsent)}</label>
                    </div>
                </fieldset>
                <div class="cp-nav">
                    <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Plan)>{late(LateText::PlanUpdateBack)}</button>
                    <button type="button" class="cp-button cp-button--primary" data-testid="update-check" on:click=check>{ctx.text(Text::RequestCheck)}</button>
                </div>
            </section>
        }
    }
}

/// One line of the check page: a label, the value sent, and the field to change it at.
struct Line {
    label: String,
    value: String,
    change: Option<&'static str>,
}

/// "Check what will be sent": every line of the update, then send.
#[component]
pub fn UpdateCheck() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let form = UpdateForm::expect();
    let delivery = UpdateDelivery::expect();
    let list = checklist::active();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let late = move |text| move || ctx.0.get().late(text);
    let lines = move || {
        let lang = ctx.0.get();
        let update = form.update();
        let mut lines = vec![
            Line {
                label: lang.text(Text::ProfileCompany).to_owned(),
                value: update.company.clone(),
                change: None,
            },
            Line {
                label: lang.late(LateText::PlanUpdateReceipt).to_owned(),
                value: update.receipt.clone(),
                change: Some("receipt"),
            },
            Line {
                label: lang.text(Text::RequestTaxCode).to_owned(),
                value: update.tax_code.clone(),
                change: Some("tax_code"),
            },
        ];
        for a in &update.actions {
            let title = list
                .question(&a.measure)
                .map_or_else(|| a.measure.clone(), |q| lang.pick(q).to_owned());
            let mut parts = vec![fill(
                lang.late(LateText::PlanUpdateLineStatus),
                &[
                    ("status", lang.late(status_text(a.status))),
                    ("date", &dates::day(&a.status_on)),
                ],
            )];
            parts.push(fill(
                lang.late(LateText::PlanAdoptedOn),
                &[("date", &dates::day(&a.adopted_on))],
            ));
            if !a.owner.trim().is_empty() {
                parts.push(format!("{}: {}", lang.late(LateText::PlanOwner), a.owner.trim()));
            }
            if !a.due.is_empty() {
                parts.push(format!("{}: {}", lang.late(LateText::PlanDue), dates::day(&a.due)));
            }
            if let Some(v) = a.achieved.vnd {
                parts.push(format!(
                    "{}: {}",
                    lang.late(LateText::PlanAchievedVnd),
                    format_vnd(v, lang)
                ));
            }
            if let Some(v) = a.achieved.quantity {
                parts.push(format!(
                    "{}: {} {}",
                    lang.late(LateText::PlanAchievedQuantity),
                    format(v, lang, 4),
                    a.achieved.unit
                ));
            }
            if let Some(v) = a.achieved.tco2 {
                parts.push(format!(
                    "{}: {} {}",
                    lang.late(LateText::PlanAchievedTco2),
                    format(v, lang, 4),
                    lang.late(LateText::PlanTco2Unit)
                ));
            }
            lines.push(Line { label: title, value: parts.join("; "), change: None });
        }
        lines.push(Line {
            label: lang.late(LateText::PlanUpdateNotes).to_owned(),
            value: update.notes.clone(),
            change: Some("notes"),
        });
        lines.push(Line {
            label: lang.text(Text::RequestConsentLegend).to_owned(),
            value: if update.consent.request {
                lang.late(LateText::PlanUpdateConsent).to_owned()
            } else {
                String::new()
            },
            change: Some("consent.request"),
        });
        lines
    };
    let change = move |field: &'static str| {
        nav.go(Step::ProgressUpdate);
        _ = set_timeout_with_handle(move || focus_by_id(&dom_id(field)), std::time::Duration::ZERO);
    };
    let send = move |_| {
        let update = form.update();
        let found = progress::validate(&update);
        if !found.is_empty() {
            form.show(found);
            nav.go(Step::ProgressUpdate);
            return;
        }
        delivery.submit(update);
        form.errors.set(Vec::new());
        form.key.set(new_key());
        form.consent.set(false);
        nav.go(Step::Plan);
    };
    let has_endpoint = delivery.has_endpoint();
    view! {
        <section class="cp-section" aria-labelledby="cp-update-check-title">
            <h2 id="cp-update-check-title" class="cp-section__title" tabindex="-1" node_ref=heading>{late(LateText::PlanUpdateCheckHeading)}</h2>
            <p>{move || ctx.text(Text::RequestCheckLead)}</p>
            <dl class="cp-summary" data-testid="update-check-table">
                {move || {
                    let lang = ctx.0.get();
                    lines()
                        .into_iter()
                        .map(|line| {
                            let value = if line.value.is_empty() { lang.text(Text::RequestEmpty).to_owned() } else { line.value };
                            let link = line.change.map(|field| {
                                let aria = fill(lang.text(Text::RequestChangeLabel), &[("field", &line.label)]);
                                view! { <button type="button" class="cp-link-button" aria-label=aria on:click=move |_| change(field)>{lang.text(Text::RequestChange)}</button> }
                            });
                            view! {
                                <div class="cp-summary__row">
                                    <dt class="cp-summary__key">{line.label}</dt>
                                    <dd class="cp-summary__value">{value}</dd>
                                    <dd class="cp-summary__action">{link}</dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
            {(!has_endpoint).then(|| view! { <p class="cp-notice cp-notice--warning" data-testid="update-no-endpoint">{late(LateText::PlanUpdateNoEndpoint)}</p> })}
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=move |_| nav.go(Step::ProgressUpdate)>{move || ctx.text(Text::StepsPrevious)}</button>
                {has_endpoint.then(|| view! {
                    <button type="button" class="cp-button cp-button--primary" data-testid="update-send" on:click=send>{move || ctx.text(Text::RequestSend)}</button>
                })}
            </div>
        </section>
    }
}

/// The progress updates of this browser: waiting, sending or refused (with "fix" and "try now"),
/// and those the Department received, with its reference. Announced as a status region.
#[component]
pub fn UpdateStatus() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let form = UpdateForm::expect();
    let delivery = UpdateDelivery::expect();
    let pending = move || {
        let lang = ctx.0.get();
        delivery.outbox.with(|o| {
            o.entries
                .iter()
                .map(|entry| {
                    let (state, text) = match &entry.state {
                        State::Sending => ("sending", lang.text(Text::RequestStatusSending).to_owned()),
                        State::Waiting { last_problem: None, .. } => ("waiting", lang.text(Text::RequestStatusQueued).to_owned()),
                        State::Waiting { last_problem: Some(problem), .. } => {
                            let reason = match problem {
                                DeliveryProblem::Network => Text::RequestStatusNetwork,
                                DeliveryProblem::Timeout => Text::RequestStatusTimeout,
                                DeliveryProblem::Busy => Text::RequestStatusBusy,
                                DeliveryProblem::Server => Text::RequestStatusServer,
                            };
                            ("waiting", format!("{} {}", lang.text(Text::RequestStatusQueued), lang.text(reason)))
                        }
                        State::Refused { code, errors, .. } => {
                            let reason = if errors.is_empty() {
                                fill(lang.text(Text::RequestStatusRefusedGeneric), &[("code", code)])
                            } else {
                                errors.iter().map(|e| lang.pick(e).to_owned()).collect::<Vec<_>>().join("; ")
                            };
                            ("refused", fill(lang.text(Text::RequestStatusRefused), &[("reason", &reason)]))
                        }
                    };
                    let refused = match &entry.state {
                        State::Refused { errors, .. } => Some((entry.request.clone(), errors.clone())),
                        _ => None,
                    };
                    let key = entry.request.idempotency_key.clone();
                    let withdraw_key = key.clone();
                    view! {
                        <li class="cp-request" data-state=state data-key=key>
                            <p>{text}</p>
                            <div class="cp-nav">
                                {refused.map(|(update, errors)| view! {
                                    <button type="button" class="cp-button" on:click=move |_| {
                                        form.receipt.set(update.receipt.clone());
                                        form.tax_code.set(update.tax_code.clone());
                                        form.notes.set(update.notes.clone());
                                        form.key.set(update.idempotency_key.clone());
                                        form.show(errors.clone());
                                        nav.go(Step::ProgressUpdate);
                                    }>{lang.text(Text::RequestFix)}</button>
                                })}
                                {(state == "waiting").then(|| view! {
                                    <button type="button" class="cp-button" on:click=move |_| delivery.retry_now()>{lang.text(Text::RequestRetryNow)}</button>
                                })}
                                {(state != "sending").then(|| view! {
                                    <button type="button" class="cp-button" on:click=move |_| {
                                        if crate::ui::confirm(lang.text(Text::RequestWithdrawConfirm)) {
                                            delivery.withdraw(&withdraw_key);
                                        }
                                    }>{lang.text(Text::RequestWithdraw)}</button>
                                })}
                            </div>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let sent = move || {
        let lang = ctx.0.get();
        delivery
            .sent
            .get()
            .into_iter()
            .map(|s| {
                let text = fill(
                    lang.late(LateText::PlanUpdateSent),
                    &[("date", &dates::day(&s.delivered_at)), ("reference", &s.reference), ("receipt", &s.receipt)],
                );
                view! { <li class="cp-request" data-state="sent" data-reference=s.reference.clone()><p>{text}</p></li> }
            })
            .collect_view()
    };
    view! {
        <div role="status" class="cp-request-status" data-testid="update-status">
            <Show when=move || delivery.outbox.with(|o| !o.entries.is_empty()) || delivery.sent.with(|s| !s.is_empty())>
                <div class="cp-panel">
                    <h3>{move || ctx.0.get().late(LateText::PlanUpdateStatusHeading)}</h3>
                    <ul class="cp-requests">{pending}</ul>
                    <ul class="cp-requests" data-testid="update-history">{sent}</ul>
                </div>
            </Show>
        </div>
    }
}

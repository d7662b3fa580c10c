//! The request for a rapid assessment: the form (contact, visit details, the privacy notice and
//! three separate unticked consents), the "check what will be sent" page, and the status of sent
//! requests. Validation is `request::validate`'s; delivery is `DeliveryCtx`'s.

use super::delivery::{DeliveryCtx, new_key};
use super::error_summary::ErrorSummary;
use super::fields::{FieldError as InlineError, TextField, dom_id};
use super::{ConfigCtx, DraftCtx, LangCtx, NavCtx, focus_by_id, focus_when_mounted, now_iso};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::checklist;
use sxsh_core::export::Results;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Text, fill};
use sxsh_core::outbox::{Problem, State};
use sxsh_core::report::{request_mail, sent_lines};
use sxsh_core::request::{
    self, AssessmentRequest, Bills, Consent, Contact, FieldError, Production,
};

/// The form's state, kept while the user moves between the form, the check page and the results.
#[derive(Clone, Copy)]
pub struct RequestFormCtx {
    contact: RwSignal<Contact>,
    production: RwSignal<Production>,
    consent: RwSignal<Consent>,
    /// The idempotency key of the request being prepared: made once, kept for resends.
    key: RwSignal<String>,
    /// The problems found on checking, or the service's refusal.
    errors: RwSignal<Vec<FieldError>>,
    attempt: RwSignal<u32>,
}

impl RequestFormCtx {
    /// An empty form (consents unticked) with a fresh key.
    pub fn new() -> RequestFormCtx {
        RequestFormCtx {
            contact: RwSignal::new(Contact::default()),
            production: RwSignal::new(Production::default()),
            consent: RwSignal::new(Consent::default()),
            key: RwSignal::new(new_key()),
            errors: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
        }
    }

    /// The request form context provided by `<App>`.
    pub fn expect() -> RequestFormCtx {
        expect_context::<RequestFormCtx>()
    }

    /// The request the form describes now, for the current draft.
    fn request(self) -> AssessmentRequest {
        let DraftCtx(draft) = DraftCtx::expect();
        draft.with_untracked(|d| {
            AssessmentRequest::new(
                d,
                &self.key.get_untracked(),
                self.contact.get_untracked(),
                self.production.get_untracked(),
                self.consent.get_untracked(),
                &now_iso(),
            )
        })
    }

    /// Shows errors and brings the error summary into focus.
    fn show(self, errors: Vec<FieldError>) {
        self.errors.set(errors);
        self.attempt.update(|n| *n += 1);
    }

    /// Loads a refused request back into the form with the service's messages.
    fn reopen(self, request: &AssessmentRequest, errors: Vec<FieldError>) {
        self.contact.set(request.contact.clone());
        self.production.set(request.production.clone());
        self.consent.set(request.consent.clone());
        self.key.set(request.idempotency_key.clone());
        self.show(errors);
    }
}

/// The form's error for one field.
fn error_for(form: RequestFormCtx, field: &'static str) -> Signal<Option<String>> {
    let ctx = LangCtx::expect();
    Signal::derive(move || {
        let lang = ctx.0.get();
        form.errors.with(|e| e.iter().find(|e| e.field == field).map(|e| lang.pick(e).to_owned()))
    })
}

/// A text label in the current language.
fn label(text: Text) -> Signal<String> {
    let ctx = LangCtx::expect();
    Signal::derive(move || ctx.text(text).to_owned())
}

/// The request form.
#[component]
pub fn RequestForm() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let form = RequestFormCtx::expect();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let errors = Signal::derive(move || {
        let lang = ctx.0.get();
        form.errors.with(|e| {
            e.iter().map(|e| (e.field.clone(), lang.pick(e).to_owned())).collect::<Vec<_>>()
        })
    });
    let contact_field = move |field: &'static str,
                              text: Text,
                              hint: Option<Text>,
                              autocomplete: Option<&'static str>,
                              kind: Option<&'static str>| {
        let value =
            form.contact.with_untracked(|c| contact_text_mut(&mut c.clone(), field).clone());
        let set = Callback::new(move |v: String| {
            form.contact.update(|c| *contact_text_mut(c, field) = v)
        });
        let hint = hint.map(label);
        view! {
            <TextField
                field=field
                label=label(text)
                hint=hint.unwrap_or_default()
                error=error_for(form, field)
                autocomplete=autocomplete.unwrap_or("off")
                kind=kind.unwrap_or("text")
                multiline=field == "contact.notes"
                value=value
                set=set
            />
        }
    };
    let check = move |_| {
        let found = request::validate(&form.request());
        form.show(found.clone());
        if found.is_empty() {
            nav.go(Step::RequestCheck);
        }
    };
    view! {
        <section class="cp-section" aria-labelledby="cp-request-title">
            <h2 id="cp-request-title" class="cp-section__title" tabindex="-1" node_ref=heading>{move || ctx.text(Text::RequestHeading)}</h2>
            <ErrorSummary errors=errors attempt=form.attempt />
            <p>{move || ctx.text(Text::RequestLead)}</p>
            <fieldset class="cp-question">
                <legend class="cp-question__legend">{move || ctx.text(Text::RequestContactHeading)}</legend>
                {contact_field("contact.name", Text::RequestName, None, Some("name"), None)}
                {contact_field("contact.position", Text::RequestPosition, None, Some("organization-title"), None)}
                {contact_field("contact.phone", Text::RequestPhone, Some(Text::RequestPhoneHint), Some("tel"), Some("tel"))}
                {contact_field("contact.email", Text::RequestEmail, Some(Text::RequestEmailHint), Some("email"), Some("email"))}
                {contact_field("contact.preferred_period", Text::RequestPeriod, Some(Text::RequestPeriodHint), None, None)}
            </fieldset>
            <VisitDetails />
            {contact_field("contact.notes", Text::RequestNotes, None, None, None)}
            <PrivacyNotice />
            <ConsentChoices />
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Results)>{move || ctx.text(Text::RequestBack)}</button>
                <button type="button" class="cp-button cp-button--primary" data-testid="request-check" on:click=check>{move || ctx.text(Text::RequestCheck)}</button>
            </div>
        </section>
    }
}

/// The contact field with this id (`contact.name`, ...; anything else is the notes).
fn contact_text_mut<'c>(contact: &'c mut Contact, field: &str) -> &'c mut String {
    match field {
        "contact.name" => &mut contact.name,
        "contact.position" => &mut contact.position,
        "contact.phone" => &mut contact.phone,
        "contact.email" => &mut contact.email,
        "contact.preferred_period" => &mut contact.preferred_period,
        _ => &mut contact.notes,
    }
}

/// What the assessor asks for before the visit: bills, equipment, working schedule.
#[component]
fn VisitDetails() -> impl IntoView {
    let ctx = LangCtx::expect();
    let form = RequestFormCtx::expect();
    let bills_id = dom_id("production.bills");
    let options = [
        (Bills::Yes, Text::RequestBillsYes, "yes"),
        (Bills::Partly, Text::RequestBillsPartly, "partly"),
        (Bills::No, Text::RequestBillsNo, "no"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (bills, text, slug))| {
        let input_id = if i == 0 { bills_id.clone() } else { format!("{bills_id}-{slug}") };
        view! {
            <div class="cp-choice">
                <input
                    type="radio"
                    class="cp-choice__input"
                    name="cp-bills"
                    id=input_id.clone()
                    prop:checked=move || form.production.with(|p| p.bills == bills)
                    on:change=move |_| form.production.update(|p| p.bills = bills)
                />
                <label class="cp-choice__label" for=input_id>{move || ctx.text(text)}</label>
            </div>
        }
    })
    .collect_view();
    let (equipment, schedule) =
        form.production.with_untracked(|p| (p.equipment.clone(), p.schedule.clone()));
    view! {
        <fieldset class="cp-question">
            <legend class="cp-question__legend">{move || ctx.text(Text::RequestVisitHeading)}</legend>
            <p class="cp-field__hint">{move || ctx.text(Text::RequestVisitLead)}</p>
            <fieldset class="cp-question">
                <legend class="cp-question__legend">{move || ctx.text(Text::RequestBills)}</legend>
                <div class="cp-question__choices">{options}</div>
            </fieldset>
            <TextField
                field="production.equipment"
                label=label(Text::RequestEquipment)
                hint=label(Text::RequestEquipmentHint)
                error=error_for(form, "production.equipment")
                multiline=true
                value=equipment
                set=Callback::new(move |v| form.production.update(|p| p.equipment = v))
            />
            <TextField
                field="production.schedule"
                label=label(Text::RequestSchedule)
                hint=label(Text::RequestScheduleHint)
                error=error_for(form, "production.schedule")
                value=schedule
                set=Callback::new(move |v| form.production.update(|p| p.schedule = v))
            />
        </fieldset>
    }
}

/// The notice Decree 13/2023 Art. 13 and Law 91/2025 ask for, before any consent.
#[component]
fn PrivacyNotice() -> impl IntoView {
    let ctx = LangCtx::expect();
    let config = ConfigCtx::expect();
    let contact = {
        let config = config.clone();
        move || config.contact_line(ctx.0.get())
    };
    let department = move || config.department(ctx.0.get());
    view! {
        <div class="cp-panel cp-notice-text" data-testid="privacy-notice" data-notice-version=request::NOTICE_VERSION>
            <h3>{move || ctx.text(Text::RequestNoticeHeading)}</h3>
            <ul>
                <li>{move || fill(ctx.text(Text::RequestNoticeController), &[("department", &department())])}</li>
                <li>{move || ctx.text(Text::RequestNoticePurpose)}</li>
                <li>{move || ctx.text(Text::RequestNoticeData)}</li>
                <li>{move || ctx.text(Text::RequestNoticeMethod)}</li>
                <li>{move || ctx.text(Text::RequestNoticePeriod)}</li>
                <li>{move || ctx.text(Text::RequestNoticeConsequences)}</li>
                <li>{move || fill(ctx.text(Text::RequestNoticeRights), &[("contact", &contact())])}</li>
                <li>{move || ctx.text(Text::RequestNoticeLocal)}</li>
            </ul>
        </div>
    }
}

/// The consent of one purpose (`consent.request`, `consent.training`; anything else is the news).
fn consent_flag_mut<'c>(consent: &'c mut Consent, field: &str) -> &'c mut bool {
    match field {
        "consent.request" => &mut consent.request,
        "consent.training" => &mut consent.training,
        _ => &mut consent.news,
    }
}

/// One consent per purpose, none ticked in advance.
#[component]
fn ConsentChoices() -> impl IntoView {
    let ctx = LangCtx::expect();
    let form = RequestFormCtx::expect();
    let error = error_for(form, "consent.request");
    let choice = move |field: &'static str, text: Text| {
        let id = dom_id(field);
        let checked = move || form.consent.with(|c| *consent_flag_mut(&mut c.clone(), field));
        let set = move |ev| {
            let on = event_target_checked(&ev);
            form.consent.update(|c| *consent_flag_mut(c, field) = on)
        };
        let described = move || {
            error
                .get()
                .filter(|_| field == "consent.request")
                .map(|_| format!("{}-error", dom_id(field)))
        };
        view! {
            <div class="cp-choice cp-choice--consent">
                <input type="checkbox" class="cp-choice__input" id=id.clone() prop:checked=checked on:change=set aria-describedby=described />
                <label class="cp-choice__label" for=id>{move || ctx.text(text)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="cp-question cp-field" class=("cp-field--error", move || error.get().is_some())>
            <legend class="cp-question__legend">{move || ctx.text(Text::RequestConsentLegend)}</legend>
            <InlineError id=dom_id("consent.request") message=error />
            {choice("consent.request", Text::RequestConsentRequest)}
            {choice("consent.training", Text::RequestConsentTraining)}
            {choice("consent.news", Text::RequestConsentNews)}
        </fieldset>
    }
}

/// "Check what will be sent": every line that leaves the browser, with change links, then send
/// (to the endpoint) or e-mail.
#[component]
pub fn RequestCheck() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let form = RequestFormCtx::expect();
    let delivery = DeliveryCtx::expect();
    let config = ConfigCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let list = checklist::active();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let results = Memo::new(move |_| draft.with(|d| Results::of(list, d)));
    let lines = move || results.with(|r| sent_lines(list, &form.request(), r, ctx.0.get()));
    let change = move |field: &'static str| {
        if matches!(field, "company" | "sector") {
            nav.changing.set(Some(field.to_owned()));
            nav.go(Step::Profile);
        } else {
            nav.go(Step::Request);
        }
        // After the step has rendered.
        _ = set_timeout_with_handle(move || focus_by_id(&dom_id(field)), std::time::Duration::ZERO);
    };
    let send = move |_| {
        let request = form.request();
        let found = request::validate(&request);
        if !found.is_empty() {
            form.show(found);
            nav.go(Step::Request);
            return;
        }
        delivery.submit(request);
        form.errors.set(Vec::new());
        form.key.set(new_key());
        nav.go(Step::Results);
    };
    let mail_link = {
        let email = config.0.email.clone();
        move || {
            let lang = ctx.0.get();
            email.as_ref().map(|to| {
                let (subject, body) =
                    results.with(|r| request_mail(list, &form.request(), r, lang));
                request::mailto(to, &subject, &body)
            })
        }
    };
    let has_endpoint = delivery.has_endpoint();
    let has_email = config.0.email.is_some();
    let contact_line = move || config.contact_line(ctx.0.get());
    view! {
        <section class="cp-section" aria-labelledby="cp-request-check-title">
            <h2 id="cp-request-check-title" class="cp-section__title" tabindex="-1" node_ref=heading>{move || ctx.text(Text::RequestCheckHeading)}</h2>
            <p>{move || ctx.text(Text::RequestCheckLead)}</p>
            <dl class="cp-summary" data-testid="request-check-table">
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
            {(!has_endpoint).then(|| view! {
                <p class="cp-notice cp-notice--warning" data-testid="mail-only">
                    {move || if has_email { ctx.text(Text::RequestMailOnly).to_owned() } else { fill(ctx.text(Text::RequestNoChannel), &[("department", &contact_line())]) }}
                </p>
            })}
            {has_email.then(|| view! {
                <p class="cp-field__hint">{move || ctx.text(Text::RequestMailHint)}</p>
                <super::export_buttons::ExportButtons />
            })}
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Request)>{move || ctx.text(Text::StepsPrevious)}</button>
                {move || mail_link().map(|href| view! { <a class="cp-button" href=href data-testid="request-mail">{ctx.text(Text::RequestSendMail)}</a> })}
                {has_endpoint.then(|| view! {
                    <button type="button" class="cp-button cp-button--primary" data-testid="request-send" on:click=send>{move || ctx.text(Text::RequestSend)}</button>
                })}
            </div>
        </section>
    }
}

/// The requests of this browser: those waiting or refused (with what to do) and those the
/// Department received (with the receipt). Announced as a status region.
#[component]
pub fn RequestStatus() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let form = RequestFormCtx::expect();
    let delivery = DeliveryCtx::expect();
    let pending = move || {
        let lang = ctx.0.get();
        let online = delivery.online.get();
        delivery.outbox.with(|o| {
            o.entries
                .iter()
                .map(|entry| {
                    let key = entry.request.idempotency_key.clone();
                    let company = entry.request.assessment.draft.profile.company.clone();
                    let (state, text) = match &entry.state {
                        State::Sending => ("sending", lang.text(Text::RequestStatusSending).to_owned()),
                        State::Waiting { last_problem: None, .. } => ("waiting", lang.text(Text::RequestStatusQueued).to_owned()),
                        State::Waiting { next_attempt_ms, last_problem: Some(problem) } => {
                            let reason = match (online, problem) {
                                (false, _) => Text::RequestStatusOffline,
                                (true, Problem::Network) => Text::RequestStatusNetwork,
                                (true, Problem::Timeout) => Text::RequestStatusTimeout,
                                (true, Problem::Busy) => Text::RequestStatusBusy,
                                (true, Problem::Server) => Text::RequestStatusServer,
                            };
                            let text = fill(lang.text(Text::RequestStatusWaiting), &[("reason", lang.text(reason)), ("time", &clock(*next_attempt_ms))]);
                            ("waiting", text)
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
                    let waiting = state == "waiting";
                    let withdraw_key = key.clone();
                    view! {
                        <li class="cp-request" data-state=state data-key=key>
                            <strong>{company}</strong>
                            <p>{text}</p>
                            <div class="cp-nav">
                                {refused.map(|(request, errors)| view! {
                                    <button type="button" class="cp-button" on:click=move |_| {
                                        form.reopen(&request, errors.clone());
                                        nav.go(Step::Request);
                                    }>{lang.text(Text::RequestFix)}</button>
                                })}
                                {waiting.then(|| view! {
                                    <button type="button" class="cp-button" on:click=move |_| delivery.retry_now()>{lang.text(Text::RequestRetryNow)}</button>
                                })}
                                {(state != "sending").then(|| view! {
                                    <button type="button" class="cp-button" on:click=move |_| {
                                        if super::confirm(lang.text(Text::RequestWithdrawConfirm)) {
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
        delivery.sent.get().into_iter().map(|s| {
            let text = fill(lang.text(Text::RequestStatusSent), &[("company", &s.company), ("date", s.delivered_at.get(..10).unwrap_or_default()), ("receipt", &s.receipt)]);
            view! { <li class="cp-request" data-state="sent" data-receipt=s.receipt.clone()><p>{text}</p></li> }
        }).collect_view()
    };
    view! {
        <div role="status" class="cp-request-status" data-testid="request-status">
            <Show when=move || delivery.outbox.with(|o| !o.entries.is_empty()) || delivery.sent.with(|s| !s.is_empty())>
                <div class="cp-panel">
                    <h3>{move || ctx.text(Text::RequestStatusHeading)}</h3>
                    <ul class="cp-requests">{pending}</ul>
                    <Show when=move || delivery.sent.with(|s| !s.is_empty())>
                        <h4>{move || ctx.text(Text::RequestHistoryHeading)}</h4>
                        <ul class="cp-requests" data-testid="request-history">{sent}</ul>
                    </Show>
                </div>
            </Show>
        </div>
    }
}

/// A browser-clock time (ms since 1970) as local "HH:MM".
fn clock(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

//! The request form: contact, visit details, the Decree 13 privacy notice and one unticked
//! consent per purpose. Each text field carries its `free_text` limit; the error summary names
//! the draft's fields too (a company name too long), each linking to the profile field.

use super::{error_for, label};
use crate::ui::ctx::{ConfigCtx, LangCtx, NavCtx, RequestFormCtx};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::fields::{FieldErrorMessage, TextField, dom_id};
use crate::ui::offer::DepartmentOffer;
use crate::ui::{focus_by_id, focus_when_mounted};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Text, fill};
use sxsh_core::request::{self, Bills, Consent, Contact};

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
                max_chars=request::form_rule(field).max_chars
                value=value
                set=set
            />
        }
    };
    // An error in the draft's profile (a company name too long, text typed into a number field)
    // leads to the profile field, and from there back to the review.
    let follow = Callback::new(move |field: String| {
        let typed =
            field.strip_prefix("assessment.draft.typed.").filter(|f| !f.starts_with("answer:"));
        match field.strip_prefix("assessment.draft.profile.").or(typed) {
            Some(profile_field) => {
                let id = dom_id(profile_field);
                nav.changing.set(Some(profile_field.to_owned()));
                nav.go(Step::Profile);
                // After the step has rendered.
                _ = set_timeout_with_handle(move || focus_by_id(&id), std::time::Duration::ZERO);
            }
            None => focus_by_id(&dom_id(&field)),
        }
    });
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
            <ErrorSummary errors=errors attempt=form.attempt follow=follow />
            <p>{move || ctx.text(Text::RequestLead)}</p>
            <DepartmentOffer />
            <fieldset class="cp-question">
                <legend class="cp-question__legend">{move || ctx.text(Text::RequestContactHeading)}</legend>
                {contact_field("contact.name", Text::RequestName, None, Some("name"), None)}
                {contact_field("contact.position", Text::RequestPosition, None, Some("organization-title"), None)}
                {contact_field("contact.phone", Text::RequestPhone, Some(Text::RequestPhoneHint), Some("tel"), Some("tel"))}
                {contact_field("contact.email", Text::RequestEmail, Some(Text::RequestEmailHint), Some("email"), Some("email"))}
                {contact_field("contact.tax_code", Text::RequestTaxCode, Some(Text::RequestTaxCodeHint), None, None)}
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
        "contact.tax_code" => &mut contact.tax_code,
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
                max_chars=request::form_rule("production.equipment").max_chars
                value=equipment
                set=Callback::new(move |v| form.production.update(|p| p.equipment = v))
            />
            <TextField
                field="production.schedule"
                label=label(Text::RequestSchedule)
                hint=label(Text::RequestScheduleHint)
                error=error_for(form, "production.schedule")
                max_chars=request::form_rule("production.schedule").max_chars
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
            <FieldErrorMessage id=dom_id("consent.request") message=error />
            {choice("consent.request", Text::RequestConsentRequest)}
            // Asked only when the host page says the Department runs courses.
            {super::super::offer::offer().courses().then(|| choice("consent.training", Text::RequestConsentTraining))}
            {choice("consent.news", Text::RequestConsentNews)}
        </fieldset>
    }
}

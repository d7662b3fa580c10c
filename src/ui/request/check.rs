//! "Check what will be sent": every line that leaves the browser, with change links, then send
//! (to the endpoint) or e-mail.

use crate::ui::ctx::{ConfigCtx, DraftCtx, LangCtx, NavCtx, RequestFormCtx};
use crate::ui::delivery::{DeliveryCtx, new_key};
use crate::ui::fields::dom_id;
use crate::ui::{focus_by_id, focus_when_mounted};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::checklist;
use sxsh_core::export::AssessmentResults;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Text, fill};
use sxsh_core::report::{request_mail, sent_lines};
use sxsh_core::request::{self};

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
    let results = Memo::new(move |_| draft.with(|d| AssessmentResults::of(list, d)));
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
                <crate::ui::export_buttons::ExportButtons />
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

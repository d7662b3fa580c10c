//! The requests of this browser: those waiting or refused (with what to do) and those the
//! Department received (with the receipt).

use super::ctx::{LangCtx, NavCtx, RequestFormCtx};
use super::delivery::DeliveryCtx;
use leptos::prelude::*;
use sxsh_core::dates;
use sxsh_core::flow::Step;
use sxsh_core::i18n::{Text, fill};
use sxsh_core::outbox::{DeliveryProblem, State};

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
                                (true, DeliveryProblem::Network) => Text::RequestStatusNetwork,
                                (true, DeliveryProblem::Timeout) => Text::RequestStatusTimeout,
                                (true, DeliveryProblem::Busy) => Text::RequestStatusBusy,
                                (true, DeliveryProblem::Server) => Text::RequestStatusServer,
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
            let text = fill(lang.text(Text::RequestStatusSent), &[("company", &s.company), ("date", &dates::day(&s.delivered_at)), ("receipt", &s.receipt)]);
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

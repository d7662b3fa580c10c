//! The close of the record (the agreed next steps, "assessment complete") and the bar that stays
//! in view: the status line (kept on this device, waiting, sending, synced at 10:42, refused),
//! "Save", and the links to the record's history and report.

use super::fields::TextInput;
use super::{Ctx, iso_at, now_iso};
use crate::fields::TextField;
use crate::sync::Status;
use crate::words::Word;
use leptos::prelude::*;
use sxsh_core::dates;
use sxsh_core::i18n::fill;
use sxsh_core::outbox::DeliveryProblem;

/// The agreed next steps and whether the assessment is complete.
#[component]
pub fn Closing() -> impl IntoView {
    let ctx = Ctx::expect();
    let complete = ctx.draft.with_untracked(|d| d.record.complete);
    let on_complete = move |ev| {
        let checked = event_target_checked(&ev);
        ctx.edit(|d| d.record.complete = checked);
    };
    view! {
        <section class="ra-section" aria-labelledby="ra-closing-heading">
            <h2 id="ra-closing-heading">{ctx.t(Word::NextSteps)}</h2>
            <TextInput field=TextField::NextSteps hint=Word::NextStepsHint />
            <div class="cp-choice ra-choice--single">
                <input class="cp-choice__input" type="checkbox" id="ra-complete" checked=complete aria-describedby="ra-complete-hint" on:change=on_complete />
                <label class="cp-choice__label" for="ra-complete">{ctx.t(Word::Complete)}</label>
            </div>
            <p class="cp-field__hint" id="ra-complete-hint">{ctx.t(Word::CompleteHint)}</p>
        </section>
    }
}

/// A time people read: HH:MM today, else dd/mm/yyyy HH:MM (Vietnam time).
fn when(iso: &str) -> String {
    let at = dates::day_time(iso);
    if dates::day(iso) == dates::day(&now_iso()) {
        at.rsplit(' ').next().unwrap_or(&at).to_owned()
    } else {
        at
    }
}

/// The status line's text.
fn status_text(ctx: Ctx, status: &Status, online: bool) -> String {
    let t = |w| ctx.t(w);
    match status {
        Status::Synced { at: Some(at) } => fill(t(Word::SyncedAt), &[("time", &when(at))]),
        Status::Synced { at: None } => t(Word::NothingToSend).to_owned(),
        Status::OnDevice { to_fix: true } => t(Word::NumbersToFix).to_owned(),
        Status::OnDevice { to_fix: false } => t(Word::SavedOnDevice).to_owned(),
        Status::Sending => t(Word::Sending).to_owned(),
        Status::Waiting { next_attempt_ms, problem } => {
            let mut text = t(Word::SavedOnDeviceWaiting).to_owned();
            let why = match problem {
                _ if !online => Some(t(Word::Offline).to_owned()),
                Some(DeliveryProblem::Network | DeliveryProblem::Timeout) => {
                    Some(t(Word::Offline).to_owned())
                }
                Some(DeliveryProblem::Busy | DeliveryProblem::Server) => Some(format!(
                    "{} {}",
                    t(Word::ServerProblem),
                    fill(t(Word::NextTry), &[("time", &when(&iso_at(*next_attempt_ms)))])
                )),
                None => None,
            };
            if let Some(why) = why {
                text = format!("{text}. {why}");
            }
            text
        }
        Status::Newer { revision } => {
            fill(t(Word::NewerVersion), &[("revision", &revision.to_string())])
        }
        Status::Refused { status: 401, .. } => t(Word::SessionEnded).to_owned(),
        Status::Refused { code, .. } if code == "stale_token" => t(Word::StaleToken).to_owned(),
        Status::Refused { status: 403 | 404, .. } => t(Word::Forbidden).to_owned(),
        Status::Refused { .. } => t(Word::Refused).to_owned(),
    }
}

/// The bar: status line, "Save", history and report.
#[component]
pub fn Bar() -> impl IntoView {
    let ctx = Ctx::expect();
    let online = ctx.delivery.online;
    let status = Memo::new(move |_| ctx.draft.with(|d| d.status()));
    let refused = move || matches!(status.get(), Status::Refused { .. } | Status::Newer { .. });
    let newer = move || matches!(status.get(), Status::Newer { .. });
    let text = move || status_text(ctx, &status.get(), online.get());
    let (history, report) = ctx.page.with_value(|p| (p.history_url(), p.report_url()));
    view! {
        <div class="ra-bar">
            <p class="ra-bar__status" class=("ra-bar__status--refused", refused) role="status" aria-live="polite" data-testid="sync-status">{text}</p>
            <Show when=newer>
                <div class="ra-bar__actions">
                    <button type="button" class="cp-button" data-testid="keep-mine" on:click=move |_| ctx.keep_mine()>{ctx.t(Word::KeepMine)}</button>
                    <button type="button" class="cp-button" data-testid="take-newer" on:click=move |_| ctx.take_newer()>{ctx.t(Word::TakeNewer)}</button>
                </div>
            </Show>
            <div class="ra-bar__actions">
                <button type="button" class="cp-button cp-button--primary" on:click=move |_| ctx.save()>{ctx.t(Word::Save)}</button>
                <a class="ra-link" href=history>{ctx.t(Word::History)}</a>
                <a class="ra-link" href=report>{ctx.t(Word::Report)}</a>
            </div>
        </div>
    }
}

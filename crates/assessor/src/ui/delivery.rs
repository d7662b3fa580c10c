//! Sending the draft: the one place that drives `sync`. The draft (with its waiting upload) is
//! kept in local storage on every change, so a reload resumes where it was. An attempt starts
//! `sync::QUIET_MS` after the last edit, on "Save", when the page opens, when the browser comes
//! back online, and when a retry falls due; one at a time.

use super::{Ctx, now_iso, now_ms};
use crate::api;
use crate::sync::QUIET_MS;
use leptos::prelude::*;
use sxsh_core::outbox::ATTEMPT_TIMEOUT_MS;

/// The timers of the delivery, and whether the browser thinks it is online.
#[derive(Clone, Copy)]
pub struct Delivery {
    pub online: RwSignal<bool>,
    quiet: StoredValue<Option<TimeoutHandle>>,
    retry: StoredValue<Option<TimeoutHandle>>,
}

/// A new idempotency key (a random UUID from the browser's cryptographic generator).
fn new_key() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_else(|| {
        format!("{:016x}-{:016x}", now_ms() as u64, (js_sys::Math::random() * 1e15) as u64)
    })
}

fn clear(timer: StoredValue<Option<TimeoutHandle>>) {
    if let Some(handle) = timer.get_value() {
        handle.clear();
        timer.set_value(None);
    }
}

impl Delivery {
    pub fn new() -> Delivery {
        Delivery {
            online: RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line())),
            quiet: StoredValue::new(None),
            retry: StoredValue::new(None),
        }
    }

    /// An attempt cut short by a closed tab is due again; the browser coming back online makes
    /// a waiting upload due; then whatever is due is sent. Called once, by the form.
    pub fn start(self, ctx: Ctx) {
        ctx.change(|d| d.recover(now_ms()));
        let online = window_event_listener(leptos::ev::online, move |_| {
            self.online.set(true);
            ctx.change(|d| d.wake(now_ms()));
            self.pump(ctx);
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| self.online.set(false));
        on_cleanup(move || {
            online.remove();
            offline.remove();
            clear(self.quiet);
            clear(self.retry);
        });
        self.send(ctx, true);
    }

    /// The assessor edited: the draft is queued once they stop typing.
    pub fn edited(self, ctx: Ctx) {
        clear(self.quiet);
        let handle = set_timeout_with_handle(
            move || self.send(ctx, false),
            std::time::Duration::from_millis(u64::from(QUIET_MS)),
        );
        self.quiet.set_value(handle.ok());
    }

    /// The assessor's "Save": queues the draft, or makes its upload due again, and sends.
    pub fn send_now(self, ctx: Ctx) {
        self.send(ctx, true);
    }

    /// The assessor keeps this device's version over a newer one: uploaded on top of it.
    pub fn keep_mine(self, ctx: Ctx) {
        clear(self.quiet);
        ctx.change(|d| d.keep_mine(new_key, &now_iso(), now_ms()));
        self.pump(ctx);
    }

    /// Queues the draft if the service does not have it (`again`: see `Draft::queue`) and
    /// sends whatever is due.
    fn send(self, ctx: Ctx, again: bool) {
        clear(self.quiet);
        ctx.change(|d| d.queue(new_key, again, &now_iso(), now_ms()));
        self.pump(ctx);
    }

    /// Starts the attempt that is due, or sets a timer for the next one.
    fn pump(self, ctx: Ctx) {
        clear(self.retry);
        let url = ctx.page.with_value(|p| p.api_url());
        let csrf = ctx.page.with_value(|p| p.csrf.clone());
        match ctx.change(|d| d.start_due(now_ms())).flatten() {
            Some(upload) => leptos::task::spawn_local(async move {
                let key = upload.idempotency_key.clone();
                let body = serde_json::to_string(&upload).unwrap_or_default();
                let answer = api::post(&url, &body, &key, &csrf, ATTEMPT_TIMEOUT_MS).await;
                let jitter = js_sys::Math::random();
                ctx.change(|d| {
                    d.finish(&key, &answer, jitter, now_ms());
                    // Edits made while it was in flight go next.
                    d.queue(new_key, false, &now_iso(), now_ms());
                });
                self.pump(ctx);
            }),
            None => {
                if let Some(due) = ctx.draft.with_untracked(|d| d.next_due_ms()) {
                    let wait = std::time::Duration::from_millis((due - now_ms()).max(0.0) as u64);
                    self.retry
                        .set_value(set_timeout_with_handle(move || self.pump(ctx), wait).ok());
                }
            }
        }
    }
}

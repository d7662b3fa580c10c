//! Delivery of requests to the Department: the one place that drives the `outbox` state machine.
//!
//! Local storage is the outbox's home; every change reads it, changes it and writes it back, so
//! a reload, a second tab or a closed tab loses nothing. Attempts start when a request is queued,
//! when the page loads, when the browser comes back online and when a retry falls due.

use super::now_iso;
use crate::api;
use crate::storage;
use leptos::prelude::*;
use sxsh_core::outbox::{self, ATTEMPT_TIMEOUT_MS, Outbox, Sent};
use sxsh_core::request::AssessmentRequest;

/// The outbox and the sent history as the interface shows them, and the endpoint they go to.
#[derive(Clone, Copy)]
pub struct DeliveryCtx {
    pub outbox: RwSignal<Outbox<AssessmentRequest>>,
    pub sent: RwSignal<Vec<Sent>>,
    /// The browser's idea of whether it is online.
    pub online: RwSignal<bool>,
    endpoint: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn navigator_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A new idempotency key (a random UUID from the browser's cryptographic generator).
pub fn new_key() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_else(|| {
        format!("{:016x}-{:016x}", now_ms() as u64, (js_sys::Math::random() * 1e15) as u64)
    })
}

impl DeliveryCtx {
    /// The delivery context provided by `<App>`.
    pub fn expect() -> DeliveryCtx {
        expect_context::<DeliveryCtx>()
    }

    /// The context, empty until `start` reads what this browser keeps.
    pub fn new(endpoint: Option<String>) -> DeliveryCtx {
        DeliveryCtx {
            outbox: RwSignal::new(Outbox::default()),
            sent: RwSignal::new(Vec::new()),
            online: RwSignal::new(navigator_online()),
            endpoint: StoredValue::new(endpoint),
            timer: StoredValue::new(None),
        }
    }

    /// Loads the outbox (an attempt cut short by a closed tab is due again) and the sent
    /// requests, listens for the browser coming back online or another tab changing the outbox,
    /// and starts delivering. Called once, through `ui::keeping`, under `<App>`'s owner.
    pub fn start(self) {
        let ctx = self;
        ctx.sent.set(storage::load_sent());
        ctx.change(|o| o.recover(now_ms()));
        let online = window_event_listener(leptos::ev::online, move |_| {
            ctx.online.set(true);
            ctx.change(|o| o.wake(now_ms()));
            ctx.pump();
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| ctx.online.set(false));
        let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
            if matches!(ev.key().as_deref(), Some(storage::OUTBOX_KEY | storage::SENT_KEY)) {
                ctx.change(|_| ());
                ctx.sent.set(storage::load_sent());
                ctx.pump();
            }
        });
        on_cleanup(move || {
            online.remove();
            offline.remove();
            other_tab.remove();
        });
        ctx.pump();
    }

    /// Whether requests can be sent to an endpoint (else only by e-mail).
    pub fn has_endpoint(self) -> bool {
        self.endpoint.with_value(Option::is_some)
    }

    /// Reads the stored outbox (or, without storage, the one in memory), changes it, stores it
    /// and shows it.
    fn change<R>(self, f: impl FnOnce(&mut Outbox<AssessmentRequest>) -> R) -> R {
        let mut outbox = storage::load_outbox().unwrap_or_else(|_| self.outbox.get_untracked());
        let result = f(&mut outbox);
        // Without storage the request still goes out from memory while the tab stays open; the
        // storage notice already says so.
        _ = storage::save_outbox(&outbox);
        self.outbox.set(outbox);
        result
    }

    /// Queues a request and starts sending it.
    pub fn submit(self, request: AssessmentRequest) {
        self.change(|o| o.enqueue(request, &now_iso(), now_ms()));
        self.pump();
    }

    /// Makes a waiting request due now (the user's "try now").
    pub fn retry_now(self) {
        self.change(|o| o.wake(now_ms()));
        self.pump();
    }

    /// Forgets the outbox and the sent history shown (after the user deleted the widget's data).
    pub fn forget(self) {
        self.outbox.set(Outbox::default());
        self.sent.set(Vec::new());
    }

    /// Withdraws a request that is waiting or was refused.
    pub fn withdraw(self, key: &str) {
        self.change(|o| o.withdraw(key));
    }

    /// Starts the attempt that is due, or sets a timer for the next one.
    fn pump(self) {
        let Some(url) = self.endpoint.get_value() else { return };
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        match self.change(|o| o.start_due(now_ms())) {
            Some(request) => leptos::task::spawn_local(async move {
                let key = request.idempotency_key.clone();
                let body = serde_json::to_string(&request).unwrap_or_default();
                let answer = api::post_request(&url, &body, &key, ATTEMPT_TIMEOUT_MS).await;
                let jitter = js_sys::Math::random();
                let delivered = self.change(|o| o.finish(&key, &answer, jitter, now_ms()));
                if let Some(sent) = delivered.map(|d| Sent::of(d, &now_iso())) {
                    let mut history = storage::load_sent();
                    outbox::remember(&mut history, sent);
                    _ = storage::save_sent(&history);
                    self.sent.set(history);
                }
                self.pump();
            }),
            None => {
                if let Some(due) = self.outbox.with_untracked(Outbox::next_due_ms) {
                    let wait = std::time::Duration::from_millis((due - now_ms()).max(0.0) as u64);
                    let handle = set_timeout_with_handle(move || self.pump(), wait).ok();
                    self.timer.set_value(handle);
                }
            }
        }
    }
}

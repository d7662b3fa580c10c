//! Delivery of parcels to the Department: the one place that drives the `outbox` state machine,
//! for the requests (`DeliveryCtx`, started from the saved work's chunk, `ui::keeping`) and the
//! plan's progress updates (`Delivery<ProgressUpdate>`, started with the plan, `ui::plan::update`).
//! What differs between them is `Kept`'s: where this browser keeps the outbox and the history,
//! and what the history records of a delivery.
//!
//! Local storage is the outbox's home; every change reads it, changes it and writes it back, so
//! a reload, a second tab or a closed tab loses nothing. Attempts start when a parcel is queued,
//! when the page loads, when the browser comes back online and when a retry falls due.

use super::now_iso;
use crate::api;
use crate::storage::{self, StorageProblem};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sxsh_core::outbox::{self, ATTEMPT_TIMEOUT_MS, Delivered, Outbox, Parcel, Sent};
use sxsh_core::request::AssessmentRequest;

/// A parcel the widget delivers, with where this browser keeps its outbox and its history.
pub trait Kept: Parcel + Send + Sync + 'static {
    /// The history's record of a delivered parcel (without the personal data it carried).
    type Sent: Clone + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The outbox's key in local storage.
    const OUTBOX_KEY: &'static str;
    /// Where an outbox that could not be read is kept (never overwritten by the next save).
    const OUTBOX_BACKUP_KEY: &'static str;
    /// The history's key in local storage.
    const SENT_KEY: &'static str;
    /// Whether the outbox and the history shown follow another tab's changes to them.
    const FOLLOWS_OTHER_TABS: bool;

    /// Adds the record of a parcel delivered at `delivered_at` (ISO 8601) to the history.
    fn remember(history: &mut Vec<Self::Sent>, delivered: Delivered<Self>, delivered_at: &str);
}

impl Kept for AssessmentRequest {
    type Sent = Sent;
    const OUTBOX_KEY: &'static str = storage::OUTBOX_KEY;
    const OUTBOX_BACKUP_KEY: &'static str = storage::OUTBOX_BACKUP_KEY;
    const SENT_KEY: &'static str = storage::SENT_KEY;
    const FOLLOWS_OTHER_TABS: bool = true;

    fn remember(history: &mut Vec<Sent>, delivered: Delivered<Self>, delivered_at: &str) {
        outbox::remember(history, Sent::of(delivered, delivered_at));
    }
}

/// The requests' delivery, provided by `<App>`.
pub type DeliveryCtx = Delivery<AssessmentRequest>;

/// The outbox and the sent history as the interface shows them, and the endpoint they go to.
pub struct Delivery<T: Kept> {
    pub outbox: RwSignal<Outbox<T>>,
    pub sent: RwSignal<Vec<T::Sent>>,
    /// The browser's idea of whether it is online.
    pub online: RwSignal<bool>,
    endpoint: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl<T: Kept> Clone for Delivery<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Kept> Copy for Delivery<T> {}

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

impl<T: Kept> Delivery<T> {
    /// The delivery context provided (the requests' by `<App>`, the updates' with the plan).
    pub fn expect() -> Delivery<T> {
        expect_context::<Delivery<T>>()
    }

    /// The context, empty until `start` reads what this browser keeps.
    pub fn new(endpoint: Option<String>) -> Delivery<T> {
        Delivery {
            outbox: RwSignal::new(Outbox::default()),
            sent: RwSignal::new(Vec::new()),
            online: RwSignal::new(navigator_online()),
            endpoint: StoredValue::new(endpoint),
            timer: StoredValue::new(None),
        }
    }

    /// Loads the outbox (an attempt cut short by a closed tab is due again) and the sent
    /// parcels, listens for the browser coming back online (and, if `T::FOLLOWS_OTHER_TABS`,
    /// another tab changing the outbox), and starts delivering. Called once, under `<App>`'s
    /// owner: the requests' through `ui::keeping`, the updates' with the plan.
    pub fn start(self) {
        let ctx = self;
        ctx.sent.set(storage::load_sent(T::SENT_KEY));
        ctx.change(|o| o.recover(now_ms()));
        let online = window_event_listener(leptos::ev::online, move |_| {
            ctx.online.set(true);
            ctx.change(|o| o.wake(now_ms()));
            ctx.pump();
        });
        let offline = window_event_listener(leptos::ev::offline, move |_| ctx.online.set(false));
        let other_tab = T::FOLLOWS_OTHER_TABS.then(|| {
            window_event_listener(leptos::ev::storage, move |ev| {
                let key = ev.key();
                if key.as_deref() == Some(T::OUTBOX_KEY) || key.as_deref() == Some(T::SENT_KEY) {
                    ctx.change(|_| ());
                    ctx.sent.set(storage::load_sent(T::SENT_KEY));
                    ctx.pump();
                }
            })
        });
        on_cleanup(move || {
            online.remove();
            offline.remove();
            if let Some(other_tab) = other_tab {
                other_tab.remove();
            }
        });
        ctx.pump();
    }

    /// Whether parcels can be sent to an endpoint (else requests only by e-mail).
    pub fn has_endpoint(self) -> bool {
        self.endpoint.with_value(Option::is_some)
    }

    /// Reads the stored outbox (or, without storage, the one in memory), changes it, stores it
    /// and shows it.
    fn change<R>(self, f: impl FnOnce(&mut Outbox<T>) -> R) -> R {
        let mut outbox = storage::load_outbox(T::OUTBOX_KEY, T::OUTBOX_BACKUP_KEY)
            .unwrap_or_else(|_: StorageProblem| self.outbox.get_untracked());
        let result = f(&mut outbox);
        // Without storage the parcel still goes out from memory while the tab stays open; the
        // storage notice already says so.
        _ = storage::save_outbox(T::OUTBOX_KEY, &outbox);
        self.outbox.set(outbox);
        result
    }

    /// Queues a parcel and starts sending it.
    pub fn submit(self, parcel: T) {
        self.change(|o| o.enqueue(parcel, &now_iso(), now_ms()));
        self.pump();
    }

    /// Makes a waiting parcel due now (the user's "try now").
    pub fn retry_now(self) {
        self.change(|o| o.wake(now_ms()));
        self.pump();
    }

    /// Forgets the outbox and the sent history shown (after the user deleted the widget's data).
    pub fn forget(self) {
        self.outbox.set(Outbox::default());
        self.sent.set(Vec::new());
    }

    /// Withdraws a parcel that is waiting or was refused.
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
            Some(parcel) => leptos::task::spawn_local(async move {
                let key = parcel.idempotency_key().to_owned();
                let body = serde_json::to_string(&parcel).unwrap_or_default();
                let answer = api::post_request(&url, &body, &key, ATTEMPT_TIMEOUT_MS).await;
                let jitter = js_sys::Math::random();
                let delivered = self.change(|o| o.finish(&key, &answer, jitter, now_ms()));
                if let Some(delivered) = delivered {
                    let mut history = storage::load_sent(T::SENT_KEY);
                    T::remember(&mut history, delivered, &now_iso());
                    _ = storage::save_sent(T::SENT_KEY, &history);
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

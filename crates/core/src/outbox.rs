//! The outbox: what a user has sent but the service has not yet confirmed, and the rule for what
//! each answer of the service means. Generic over what it delivers (`Parcel`): the widget's
//! requests (`AssessmentRequest`, answered with a receipt) and the assessor's app's record uploads
//! (`rapid_assessment::Upload`, answered with `Saved`) follow the same rules. Pure; the app drives
//! it (`ui::delivery` in the widget) and keeps it in local storage, so a closed tab or a reload
//! loses nothing.
//!
//! Exactly once: every parcel carries an idempotency key made once when it is queued, and every
//! attempt sends the same key, so the service stores it once however often it arrives. An entry
//! leaves the outbox only on a 2xx whose body is the service's answer (a request then becomes a
//! `Sent` record without the contact details), or when the user withdraws it. A 4xx other than
//! 408/429 is final until the user changes the parcel; network errors, timeouts, 408, 429 and 5xx
//! are retried with exponential backoff and jitter, or after the server's `Retry-After` when it
//! gives one. The stored JSON does not depend on the parcel's type: `{"format":1,"entries":
//! [{"request": <parcel>, ...}]}`.

use crate::progress::{Accepted, ProgressUpdate};
use crate::rapid_assessment::{Saved, Upload};
use crate::request::{AssessmentRequest, FieldError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The stored outbox's format version.
pub const FORMAT: u32 = 1;
/// The wait before the first retry; each further retry doubles it (before jitter).
pub const FIRST_DELAY_MS: f64 = 2_000.0;
/// The longest wait between attempts (5 minutes, as Enketo's queue).
pub const MAX_DELAY_MS: f64 = 300_000.0;
/// How long one attempt may take before it counts as failed and is retried.
pub const ATTEMPT_TIMEOUT_MS: u32 = 30_000;
/// How many sent requests the history keeps.
pub const SENT_LEN: usize = 10;

/// What an outbox delivers: a JSON body with the idempotency key every attempt of it carries.
pub trait Parcel: Clone + Serialize + DeserializeOwned {
    /// The body of the service's 2xx reply that confirms a delivery.
    type Answer: DeserializeOwned;

    /// The key made once when the parcel was queued.
    fn idempotency_key(&self) -> &str;

    /// Whether a 2xx body read as `Answer` confirms the delivery (one that does not, such as a
    /// proxy's page, is retried: resending with the same key is safe).
    fn confirms(answer: &Self::Answer) -> bool;
}

/// The intake service's answer to a request it has stored.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Receipt {
    pub receipt: String,
}

impl Parcel for AssessmentRequest {
    type Answer = Receipt;

    fn idempotency_key(&self) -> &str {
        &self.idempotency_key
    }

    fn confirms(answer: &Receipt) -> bool {
        !answer.receipt.trim().is_empty()
    }
}

impl Parcel for Upload {
    type Answer = Saved;

    fn idempotency_key(&self) -> &str {
        &self.idempotency_key
    }

    fn confirms(answer: &Saved) -> bool {
        answer.revision > 0
    }
}

impl Parcel for ProgressUpdate {
    type Answer = Accepted;

    fn idempotency_key(&self) -> &str {
        &self.idempotency_key
    }

    fn confirms(answer: &Accepted) -> bool {
        !answer.reference.trim().is_empty()
    }
}

/// Why the last attempt did not deliver, in terms the user can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryProblem {
    /// No connection (or the connection broke before an answer came).
    Network,
    /// No answer within `ATTEMPT_TIMEOUT_MS`.
    Timeout,
    /// The service asked to slow down (429) or took too long to read the request (408).
    Busy,
    /// The service failed (5xx, or a 2xx without a receipt).
    Server,
}

/// Where one queued request stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// Waiting for its next attempt (due at `next_attempt_ms`, browser clock in ms since 1970).
    Waiting { next_attempt_ms: f64, last_problem: Option<DeliveryProblem> },
    /// An attempt is under way (if the tab closes now, `recover` makes it wait again).
    Sending,
    /// The service refused it (4xx); it waits for the user to change it or withdraw it.
    Refused { status: u16, code: String, errors: Vec<FieldError> },
}

/// One queued parcel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Parcel"))]
pub struct Entry<T> {
    /// What is delivered (stored as `request` whatever it is: the body of the HTTP request).
    pub request: T,
    /// When the user sent it (ISO 8601).
    pub queued_at: String,
    /// Attempts made so far.
    pub attempts: u32,
    pub state: State,
}

/// A delivered request as the history keeps it: the receipt, no contact details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sent {
    pub receipt: String,
    pub company: String,
    pub idempotency_key: String,
    pub queued_at: String,
    pub delivered_at: String,
}

/// The queued parcels, oldest first. Sent one at a time (a poor connection does better with one
/// upload than with several competing ones).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Parcel"))]
pub struct Outbox<T> {
    pub format: u32,
    pub entries: Vec<Entry<T>>,
}

impl<T> Default for Outbox<T> {
    fn default() -> Outbox<T> {
        Outbox { format: FORMAT, entries: Vec::new() }
    }
}

/// A delivered parcel: its entry, out of the outbox, and the service's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivered<T: Parcel> {
    pub entry: Entry<T>,
    pub answer: T::Answer,
}

impl Sent {
    /// The history's record of a delivered request, delivered at `delivered_at` (ISO 8601):
    /// the receipt and the company, without the contact details.
    pub fn of(delivered: Delivered<AssessmentRequest>, delivered_at: &str) -> Sent {
        let Delivered { entry, answer } = delivered;
        Sent {
            receipt: answer.receipt,
            company: entry.request.assessment.draft.profile.company.trim().to_owned(),
            idempotency_key: entry.request.idempotency_key,
            queued_at: entry.queued_at,
            delivered_at: delivered_at.to_owned(),
        }
    }
}

/// What came back from one attempt, as the network layer saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// An HTTP answer: its status, its `Retry-After` header and its body.
    Http { status: u16, retry_after: Option<String>, body: String },
    /// The request failed without an answer (offline, reset, refused by CORS).
    NetworkError,
    /// No answer within `ATTEMPT_TIMEOUT_MS`.
    Timeout,
}

/// What an answer means for the queued parcel: delivered with the service's answer, refused, or
/// to be retried.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<A> {
    Delivered(A),
    Refused { status: u16, code: String, errors: Vec<FieldError> },
    Retry { after_ms: f64, problem: DeliveryProblem },
}

/// Why a stored outbox could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnreadableOutbox {
    Malformed,
    /// Written by a newer version of the widget.
    FutureFormat(u32),
}

/// The wait before the next attempt after `attempts` failed ones: `FIRST_DELAY_MS` doubled per
/// attempt, capped at `MAX_DELAY_MS`, scaled by 0.5–1.0 with `jitter` (0–1, random) so that many
/// browsers coming back online at once do not retry in step. A `Retry-After` in seconds wins
/// (capped likewise); an HTTP-date or unreadable value falls back to the backoff.
pub fn retry_delay_ms(attempts: u32, jitter: f64, retry_after: Option<&str>) -> f64 {
    if let Some(seconds) = retry_after.and_then(|v| v.trim().parse::<u32>().ok()) {
        return (f64::from(seconds) * 1_000.0).min(MAX_DELAY_MS);
    }
    let doublings = attempts.saturating_sub(1).min(16);
    let base = (FIRST_DELAY_MS * f64::from(1_u32 << doublings)).min(MAX_DELAY_MS);
    base * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

/// What an answer to the `attempts`-th attempt to deliver a `T` means (`jitter` as in
/// `retry_delay_ms`).
pub fn outcome<T: Parcel>(answer: &Reply, attempts: u32, jitter: f64) -> Outcome<T::Answer> {
    let retry = |problem, retry_after: Option<&str>| Outcome::Retry {
        after_ms: retry_delay_ms(attempts, jitter, retry_after),
        problem,
    };
    match answer {
        Reply::NetworkError => retry(DeliveryProblem::Network, None),
        Reply::Timeout => retry(DeliveryProblem::Timeout, None),
        Reply::Http { status, retry_after, body } => match status {
            200..=299 => match serde_json::from_str::<T::Answer>(body) {
                Ok(answer) if T::confirms(&answer) => Outcome::Delivered(answer),
                // Resending is safe (same key): the service answers the same again.
                _ => retry(DeliveryProblem::Server, None),
            },
            408 | 429 => retry(DeliveryProblem::Busy, retry_after.as_deref()),
            400..=499 => {
                #[derive(Deserialize, Default)]
                #[serde(default)]
                struct Refusal {
                    error: String,
                    errors: Vec<FieldError>,
                }
                let refusal = serde_json::from_str::<Refusal>(body).unwrap_or_default();
                let code =
                    if refusal.error.is_empty() { format!("http_{status}") } else { refusal.error };
                Outcome::Refused { status: *status, code, errors: refusal.errors }
            }
            _ => retry(DeliveryProblem::Server, retry_after.as_deref()),
        },
    }
}

impl<T: Parcel> Outbox<T> {
    /// Reads a stored outbox.
    pub fn from_json(text: &str) -> Result<Outbox<T>, UnreadableOutbox> {
        #[derive(Deserialize)]
        struct Format {
            format: u32,
        }
        let format =
            serde_json::from_str::<Format>(text).map_err(|_| UnreadableOutbox::Malformed)?;
        if format.format > FORMAT {
            return Err(UnreadableOutbox::FutureFormat(format.format));
        }
        serde_json::from_str(text).map_err(|_| UnreadableOutbox::Malformed)
    }

    /// The outbox as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The entry with this idempotency key.
    pub fn entry(&self, key: &str) -> Option<&Entry<T>> {
        self.entries.iter().find(|e| e.request.idempotency_key() == key)
    }

    /// Queues a parcel to be sent at once. A parcel with a key already queued (the user fixed
    /// what the service refused) replaces it and keeps its key.
    pub fn enqueue(&mut self, request: T, now_iso: &str, now_ms: f64) {
        let entry = Entry {
            request,
            queued_at: now_iso.to_owned(),
            attempts: 0,
            state: State::Waiting { next_attempt_ms: now_ms, last_problem: None },
        };
        match self
            .entries
            .iter_mut()
            .find(|e| e.request.idempotency_key() == entry.request.idempotency_key())
        {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
    }

    /// The parcel to send now, if one is due and no attempt is under way; marks it as sending
    /// and counts the attempt.
    pub fn start_due(&mut self, now_ms: f64) -> Option<T> {
        if self.entries.iter().any(|e| e.state == State::Sending) {
            return None;
        }
        let entry = self.entries.iter_mut().find(|e| {
            matches!(e.state, State::Waiting { next_attempt_ms, .. } if next_attempt_ms <= now_ms)
        })?;
        entry.state = State::Sending;
        entry.attempts += 1;
        Some(entry.request.clone())
    }

    /// Records the answer to the attempt under way for `key`; returns the entry and the service's
    /// answer when it was delivered (the entry, with whatever personal data it holds, leaves the
    /// outbox).
    pub fn finish(
        &mut self,
        key: &str,
        answer: &Reply,
        jitter: f64,
        now_ms: f64,
    ) -> Option<Delivered<T>> {
        let at = self.entries.iter().position(|e| e.request.idempotency_key() == key)?;
        let entry = &mut self.entries[at];
        match outcome::<T>(answer, entry.attempts, jitter) {
            Outcome::Delivered(answer) => {
                Some(Delivered { entry: self.entries.remove(at), answer })
            }
            Outcome::Refused { status, code, errors } => {
                entry.state = State::Refused { status, code, errors };
                None
            }
            Outcome::Retry { after_ms, problem } => {
                entry.state = State::Waiting {
                    next_attempt_ms: now_ms + after_ms,
                    last_problem: Some(problem),
                };
                None
            }
        }
    }

    /// After a reload: an attempt that was under way when the page closed is due again (its
    /// outcome is unknown; resending with the same key cannot store it twice).
    pub fn recover(&mut self, now_ms: f64) {
        for entry in &mut self.entries {
            if entry.state == State::Sending {
                entry.state = State::Waiting {
                    next_attempt_ms: now_ms,
                    last_problem: Some(DeliveryProblem::Network),
                };
            }
        }
    }

    /// The connection is back: every waiting request is due now.
    pub fn wake(&mut self, now_ms: f64) {
        for entry in &mut self.entries {
            if let State::Waiting { next_attempt_ms, .. } = &mut entry.state {
                *next_attempt_ms = next_attempt_ms.min(now_ms);
            }
        }
    }

    /// When the next waiting request is due, if any (nothing is due while an attempt is under way).
    pub fn next_due_ms(&self) -> Option<f64> {
        if self.entries.iter().any(|e| e.state == State::Sending) {
            return None;
        }
        self.entries
            .iter()
            .filter_map(|e| match e.state {
                State::Waiting { next_attempt_ms, .. } => Some(next_attempt_ms),
                _ => None,
            })
            .reduce(f64::min)
    }

    /// Removes a request the user no longer wants sent (waiting or refused; not one in flight,
    /// whose outcome is not yet known). True when it was removed.
    pub fn withdraw(&mut self, key: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.request.idempotency_key() != key || e.state == State::Sending);
        self.entries.len() < before
    }
}

/// Adds a delivered request to the history (newest first, once per receipt, `SENT_LEN` kept).
pub fn remember(history: &mut Vec<Sent>, sent: Sent) {
    history.retain(|s| s.receipt != sent.receipt);
    history.insert(0, sent);
    history.truncate(SENT_LEN);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_update_is_a_parcel_confirmed_by_its_reference() {
        let update: ProgressUpdate = serde_json::from_value(serde_json::json!({
            "kind": "sxsh-progress-update", "version": 1,
            "idempotency_key": "0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f",
            "receipt": "SXSH-2026-0001", "tax_code": "3300100001", "company": "Dệt",
            "checklist_version": "2026.1", "actions": [], "consent": {}
        }))
        .expect("an update");
        assert_eq!(update.idempotency_key(), "0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f");
        assert!(ProgressUpdate::confirms(&Accepted { reference: "SXSH-2026-0001-P1".into() }));
        assert!(!ProgressUpdate::confirms(&Accepted { reference: " ".into() }));
        assert!(!ProgressUpdate::confirms(&Accepted { reference: String::new() }));
    }

    fn http(status: u16, retry_after: Option<&str>, body: &str) -> Reply {
        Reply::Http { status, retry_after: retry_after.map(str::to_owned), body: body.to_owned() }
    }

    #[test]
    fn backoff_doubles_from_two_seconds_to_the_five_minute_cap() {
        let full: Vec<f64> = (1..=10).map(|n| retry_delay_ms(n, 1.0, None)).collect();
        assert_eq!(
            full,
            [2e3, 4e3, 8e3, 16e3, 32e3, 64e3, 128e3, 256e3, 300e3, 300e3],
            "with the largest jitter"
        );
        assert_eq!(retry_delay_ms(1, 0.0, None), 1_000.0, "jitter scales down to half");
        assert_eq!(retry_delay_ms(3, 0.5, None), 6_000.0);
        assert_eq!(retry_delay_ms(u32::MAX, 1.0, None), MAX_DELAY_MS, "no overflow");
        assert_eq!(retry_delay_ms(2, 7.0, None), 4_000.0, "jitter outside 0–1 is clamped");
    }

    #[test]
    fn retry_after_in_seconds_wins_and_is_capped() {
        assert_eq!(retry_delay_ms(1, 0.3, Some("7")), 7_000.0);
        assert_eq!(retry_delay_ms(1, 0.3, Some(" 0 ")), 0.0);
        assert_eq!(retry_delay_ms(1, 1.0, Some("86400")), MAX_DELAY_MS);
        assert_eq!(
            retry_delay_ms(2, 1.0, Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            4_000.0,
            "an HTTP-date falls back to the backoff"
        );
    }

    #[test]
    fn answers_are_classified() {
        assert_eq!(
            outcome::<AssessmentRequest>(
                &http(201, None, r#"{"receipt":"SXSH-2026-0001","duplicate":false}"#),
                1,
                1.0
            ),
            Outcome::Delivered(Receipt { receipt: "SXSH-2026-0001".into() })
        );
        assert_eq!(
            outcome::<AssessmentRequest>(
                &http(200, None, r#"{"receipt":"SXSH-2026-0001","duplicate":true}"#),
                2,
                1.0
            ),
            Outcome::Delivered(Receipt { receipt: "SXSH-2026-0001".into() }),
            "a repeat gets the first receipt"
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(200, None, "<html>proxy page</html>"), 1, 1.0),
            Outcome::Retry { after_ms: 2_000.0, problem: DeliveryProblem::Server },
            "a 2xx without a receipt is not a delivery"
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(200, None, r#"{"receipt":" "}"#), 1, 1.0),
            Outcome::Retry { after_ms: 2_000.0, problem: DeliveryProblem::Server },
            "nor one with a blank receipt"
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(503, Some("5"), ""), 1, 1.0),
            Outcome::Retry { after_ms: 5_000.0, problem: DeliveryProblem::Server }
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(500, None, ""), 2, 1.0),
            Outcome::Retry { after_ms: 4_000.0, problem: DeliveryProblem::Server }
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(429, Some("60"), ""), 1, 1.0),
            Outcome::Retry { after_ms: 60_000.0, problem: DeliveryProblem::Busy }
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(408, None, ""), 1, 1.0),
            Outcome::Retry { after_ms: 2_000.0, problem: DeliveryProblem::Busy }
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&Reply::NetworkError, 1, 1.0),
            Outcome::Retry { after_ms: 2_000.0, problem: DeliveryProblem::Network }
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&Reply::Timeout, 3, 1.0),
            Outcome::Retry { after_ms: 8_000.0, problem: DeliveryProblem::Timeout }
        );
    }

    #[test]
    fn a_refusal_keeps_the_services_field_messages() {
        let body = r#"{"error":"invalid_fields","errors":[{"field":"contact.email","vi":"Nhập thư","en":"Enter e-mail"}]}"#;
        assert_eq!(
            outcome::<AssessmentRequest>(&http(422, None, body), 1, 0.5),
            Outcome::Refused {
                status: 422,
                code: "invalid_fields".into(),
                errors: vec![FieldError {
                    field: "contact.email".into(),
                    vi: "Nhập thư".into(),
                    en: "Enter e-mail".into()
                }]
            }
        );
        assert_eq!(
            outcome::<AssessmentRequest>(&http(403, None, "Forbidden"), 1, 0.5),
            Outcome::Refused { status: 403, code: "http_403".into(), errors: Vec::new() },
            "a body that is not ours still gives a reason"
        );
    }

    fn queued(key: &str) -> Outbox<AssessmentRequest> {
        let mut request = crate::request::tests::sample();
        request.idempotency_key = key.to_owned();
        let mut outbox = Outbox::default();
        outbox.enqueue(request, "2026-11-28T08:00:00Z", 1_000.0);
        outbox
    }

    const KEY: &str = "0f8e2c4a-1b3d-4e5f-8a9b-0c1d2e3f4a5b";
    const OTHER: &str = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    #[test]
    fn a_delivered_request_leaves_the_outbox_without_its_contact_details() {
        let mut outbox = queued(KEY);
        let sending = outbox.start_due(1_000.0).expect("due at once");
        assert_eq!(sending.idempotency_key, KEY);
        assert_eq!(outbox.entry(KEY).map(|e| (&e.state, e.attempts)), Some((&State::Sending, 1)));
        let sent = outbox
            .finish(KEY, &http(201, None, r#"{"receipt":"SXSH-2026-0007"}"#), 0.5, 3_000.0)
            .map(|delivered| Sent::of(delivered, "2026-11-28T08:00:03Z"));
        assert_eq!(
            sent,
            Some(Sent {
                receipt: "SXSH-2026-0007".into(),
                company: "Công ty Dệt Phú Bài".into(),
                idempotency_key: KEY.into(),
                queued_at: "2026-11-28T08:00:00Z".into(),
                delivered_at: "2026-11-28T08:00:03Z".into(),
            })
        );
        assert!(outbox.entries.is_empty());
    }

    #[test]
    fn a_failed_attempt_waits_then_resends_the_same_key() {
        let mut outbox = queued(KEY);
        outbox.start_due(1_000.0);
        assert_eq!(outbox.finish(KEY, &Reply::NetworkError, 1.0, 1_000.0), None);
        assert_eq!(
            outbox.entry(KEY).map(|e| &e.state),
            Some(&State::Waiting {
                next_attempt_ms: 3_000.0,
                last_problem: Some(DeliveryProblem::Network)
            })
        );
        assert_eq!(outbox.next_due_ms(), Some(3_000.0));
        assert_eq!(outbox.start_due(2_999.0), None, "not before its time");
        let again = outbox.start_due(3_000.0).expect("due");
        assert_eq!(again.idempotency_key, KEY);
        outbox.finish(KEY, &http(500, None, ""), 1.0, 3_000.0);
        assert_eq!(outbox.next_due_ms(), Some(7_000.0), "second failure waits twice as long");
    }

    #[test]
    fn coming_back_online_makes_waiting_requests_due() {
        let mut outbox = queued(KEY);
        outbox.start_due(1_000.0);
        outbox.finish(KEY, &http(503, Some("120"), ""), 1.0, 1_000.0);
        assert_eq!(outbox.start_due(2_000.0), None);
        outbox.wake(2_000.0);
        assert!(outbox.start_due(2_000.0).is_some());
    }

    #[test]
    fn one_attempt_at_a_time() {
        let mut outbox = queued(KEY);
        let mut second = crate::request::tests::sample();
        second.idempotency_key = OTHER.into();
        outbox.enqueue(second, "t", 1_000.0);
        assert!(outbox.start_due(1_000.0).is_some());
        assert_eq!(outbox.start_due(1_000.0), None, "the second waits for the first");
        assert_eq!(outbox.next_due_ms(), None);
        outbox.finish(KEY, &http(201, None, r#"{"receipt":"SXSH-2026-0001"}"#), 0.0, 1.0);
        assert_eq!(outbox.start_due(1_000.0).map(|r| r.idempotency_key), Some(OTHER.into()));
    }

    #[test]
    fn a_tab_closed_mid_send_resends_after_reload() {
        let mut outbox = queued(KEY);
        outbox.start_due(1_000.0);
        let reloaded = Outbox::<AssessmentRequest>::from_json(&outbox.to_json());
        let mut reloaded = reloaded.expect("own format");
        assert_eq!(reloaded.start_due(9_000.0), None, "still marked as sending");
        reloaded.recover(9_000.0);
        let again = reloaded.start_due(9_000.0).expect("due after recovery");
        assert_eq!(again.idempotency_key, KEY);
        assert_eq!(reloaded.entry(KEY).map(|e| e.attempts), Some(2));
    }

    #[test]
    fn a_refused_request_waits_for_the_user_and_keeps_its_key_when_resent() {
        let mut outbox = queued(KEY);
        outbox.start_due(1_000.0);
        outbox.finish(KEY, &http(422, None, r#"{"error":"invalid_fields","errors":[]}"#), 0.0, 1.0);
        assert_eq!(outbox.start_due(1e12), None, "never retried by itself");
        assert_eq!(outbox.next_due_ms(), None);
        let mut fixed = outbox.entry(KEY).map(|e| e.request.clone()).expect("kept");
        fixed.contact.email = "an@detphubai.vn".into();
        outbox.enqueue(fixed, "t2", 5_000.0);
        assert_eq!(outbox.entries.len(), 1, "replaced, not added");
        assert_eq!(
            outbox.start_due(5_000.0).map(|r| r.contact.email),
            Some("an@detphubai.vn".into())
        );
    }

    #[test]
    fn withdrawing_removes_a_waiting_request_but_not_one_in_flight() {
        let mut outbox = queued(KEY);
        outbox.start_due(1_000.0);
        assert!(!outbox.withdraw(KEY), "in flight: its outcome is unknown");
        outbox.finish(KEY, &Reply::Timeout, 0.0, 1.0);
        assert!(outbox.withdraw(KEY));
        assert!(outbox.entries.is_empty());
        assert_eq!(outbox.finish(KEY, &Reply::Timeout, 0.0, 1.0), None, "unknown key");
    }

    #[test]
    fn stored_outboxes_are_checked() {
        type Requests = Outbox<AssessmentRequest>;
        assert_eq!(Requests::from_json("{"), Err(UnreadableOutbox::Malformed));
        assert_eq!(
            Requests::from_json(r#"{"format":1,"entries":"x"}"#),
            Err(UnreadableOutbox::Malformed)
        );
        assert_eq!(
            Requests::from_json(r#"{"format":2,"entries":[]}"#),
            Err(UnreadableOutbox::FutureFormat(2))
        );
        assert_eq!(
            Requests::from_json(r#"{"format":1,"entries":[]}"#),
            Ok(Outbox { format: 1, entries: Vec::new() })
        );
    }

    #[test]
    fn the_history_keeps_each_receipt_once_newest_first() {
        let sent = |receipt: &str| Sent {
            receipt: receipt.into(),
            company: "A".into(),
            idempotency_key: KEY.into(),
            queued_at: "t".into(),
            delivered_at: "t".into(),
        };
        let mut history = Vec::new();
        for n in 0..12 {
            remember(&mut history, sent(&format!("SXSH-2026-{n:04}")));
        }
        remember(&mut history, sent("SXSH-2026-0011"));
        assert_eq!(history.len(), SENT_LEN);
        assert_eq!(history[0].receipt, "SXSH-2026-0011");
        assert_eq!(history[1].receipt, "SXSH-2026-0010");
    }

    #[test]
    fn a_stored_outbox_from_before_reads_and_writes_the_same_bytes() {
        // Written by the outbox before it was generic: a request waiting after a network error,
        // one refused with the service's field messages, one being sent.
        let stored = include_str!("../tests/fixtures/outbox/outbox-v1.json");
        let outbox = Outbox::<AssessmentRequest>::from_json(stored).expect("reads");
        let states: Vec<&State> = outbox.entries.iter().map(|e| &e.state).collect();
        assert!(matches!(
            states[..],
            [State::Waiting { .. }, State::Refused { .. }, State::Sending]
        ));
        assert_eq!(outbox.to_json(), stored);
    }

    /// An upload of the rapid-assessment record, queued.
    fn upload(key: &str) -> Outbox<Upload> {
        let record = crate::rapid_assessment::tests::full();
        let upload = Upload { idempotency_key: key.into(), base_revision: 2, record };
        let mut outbox = Outbox::default();
        outbox.enqueue(upload, "2027-03-15T08:00:00Z", 1_000.0);
        outbox
    }

    #[test]
    fn an_upload_follows_the_same_rules_and_is_delivered_with_its_saved_revision() {
        let mut outbox = upload(KEY);
        assert_eq!(outbox.start_due(1_000.0).map(|u| u.idempotency_key), Some(KEY.into()));
        // The network drops; the next attempt resends the same key after the backoff.
        assert_eq!(outbox.finish(KEY, &Reply::NetworkError, 1.0, 1_000.0), None);
        assert_eq!(outbox.start_due(2_999.0), None);
        assert_eq!(outbox.start_due(3_000.0).map(|u| u.idempotency_key), Some(KEY.into()));
        // A proxy's page is not the service's answer; nor is a reply without a revision.
        for body in ["<html>captive portal</html>", r#"{"revision":0,"saved_at":"x"}"#] {
            assert_eq!(outbox.finish(KEY, &http(200, None, body), 1.0, 3_000.0), None);
            assert_eq!(outbox.entries.len(), 1, "{body}");
            outbox.wake(1e12);
            outbox.start_due(1e12);
        }
        // The service asks to wait: its Retry-After is kept.
        outbox.finish(KEY, &http(429, Some("30"), ""), 1.0, 10_000.0);
        assert_eq!(outbox.next_due_ms(), Some(40_000.0));
        // The tab closes mid-send; after a reload it is sent again, with the same key.
        outbox.start_due(40_000.0);
        let mut reloaded = Outbox::<Upload>::from_json(&outbox.to_json()).expect("own format");
        assert_eq!(reloaded, outbox, "the stored upload reads back whole");
        reloaded.recover(50_000.0);
        let again = reloaded.start_due(50_000.0).expect("due after recovery");
        assert_eq!((again.idempotency_key.as_str(), again.base_revision), (KEY, 2));
        let body = r#"{"revision":3,"saved_at":"2027-03-15T08:01:00Z"}"#;
        let delivered = reloaded.finish(KEY, &http(200, None, body), 1.0, 51_000.0);
        let delivered = delivered.expect("delivered");
        assert_eq!(
            delivered.answer,
            Saved { revision: 3, saved_at: "2027-03-15T08:01:00Z".into() }
        );
        assert_eq!(delivered.entry.request.record, crate::rapid_assessment::tests::full());
        assert_eq!(delivered.entry.attempts, 6);
        assert!(reloaded.entries.is_empty(), "delivered exactly once, then gone");
    }

    #[test]
    fn a_refused_upload_keeps_the_services_field_messages_until_the_assessor_fixes_it() {
        let mut outbox = upload(KEY);
        outbox.start_due(1_000.0);
        let body = r#"{"error":"invalid_record","errors":[{"field":"opportunities[2].saving_vnd","vi":"Số không hợp lệ","en":"Not a valid number"}]}"#;
        outbox.finish(KEY, &http(422, None, body), 0.0, 1.0);
        assert_eq!(outbox.start_due(1e12), None, "never retried by itself");
        let Some(State::Refused { status, code, errors }) = outbox.entry(KEY).map(|e| &e.state)
        else {
            panic!("refused: {outbox:?}")
        };
        assert_eq!((*status, code.as_str()), (422, "invalid_record"));
        assert_eq!(errors[0].field, "opportunities[2].saving_vnd");
        let stored = outbox.to_json();
        assert!(stored.starts_with(r#"{"format":1,"entries":[{"request":{"idempotency_key":"#));
    }
}

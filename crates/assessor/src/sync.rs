//! The upload of a draft to the service, exactly once: at most one `Upload` waits at a time; it
//! carries an idempotency key made when it is queued, and every attempt sends that same key
//! until a 2xx `Saved` comes back, so the service stores each revision once however often it
//! arrives. What an answer means and how long to wait before the next attempt are the core
//! outbox's rules (`outbox::outcome`, `outbox::retry_delay_ms`, `outbox::State`); this file only
//! keeps the one upload and reads `Saved`.
//!
//! An edit while an upload waits replaces it (new record, new key): the service then gets the
//! newest record, and one whose earlier attempt did arrive unseen is simply the revision before.
//! An upload in flight is never replaced; the next one is queued when it ends. Pure.

use crate::draft::Draft;
use serde::{Deserialize, Serialize};
use sxsh_core::outbox::{self, DeliveryProblem, Outcome, Reply, State};
use sxsh_core::rapid_assessment::{Saved, Upload};
use sxsh_core::request::FieldError;

/// How long after the last keystroke the draft is sent by itself.
pub const QUIET_MS: u32 = 2_000;

/// The upload waiting to be delivered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub upload: Upload,
    /// When it was queued (ISO 8601).
    pub queued_at: String,
    /// Attempts made so far.
    pub attempts: u32,
    pub state: State,
}

/// Where the draft stands with the service, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// The service has this record (since `at`, if this device saw it happen).
    Synced {
        at: Option<String>,
    },
    /// Kept on this device; sent once the assessor stops typing, or once `to_fix` are fixed.
    OnDevice {
        to_fix: bool,
    },
    /// Waiting for its next attempt.
    Waiting {
        next_attempt_ms: f64,
        problem: Option<DeliveryProblem>,
    },
    Sending,
    /// Refused by the service (401: logged out, 403: not this reader's, 422: invalid).
    Refused {
        status: u16,
        errors: Vec<FieldError>,
    },
}

impl Draft {
    /// Queues the record for the service when it does not have it yet and nothing needs fixing:
    /// a new upload with `new_key()` and the revision it was edited from, replacing one that
    /// waits or was refused with another record. With `again` (the assessor's "Save", a reload)
    /// an upload of the same record is due at once with its own key, even a refused one (the
    /// assessor may have logged in again). Nothing happens while an attempt is in flight.
    pub fn queue(
        &mut self,
        new_key: impl FnOnce() -> String,
        again: bool,
        now_iso: &str,
        now_ms: f64,
    ) {
        if !self.problems(sxsh_core::i18n::Lang::Vi, &[]).is_empty() {
            return;
        }
        let due = State::Waiting { next_attempt_ms: now_ms, last_problem: None };
        match &mut self.pending {
            Some(p) if p.state == State::Sending => {}
            Some(p) if p.upload.record == self.record => match &mut p.state {
                _ if !again => {}
                State::Waiting { next_attempt_ms, .. } => {
                    *next_attempt_ms = next_attempt_ms.min(now_ms)
                }
                state => *state = due,
            },
            None if self.record == self.synced => {}
            _ => {
                self.pending = Some(Pending {
                    upload: Upload {
                        idempotency_key: new_key(),
                        base_revision: self.base_revision,
                        record: self.record.clone(),
                    },
                    queued_at: now_iso.to_owned(),
                    attempts: 0,
                    state: due,
                });
            }
        }
    }

    /// The upload to send now, if one is due; marks it in flight and counts the attempt.
    pub fn start_due(&mut self, now_ms: f64) -> Option<Upload> {
        let p = self.pending.as_mut()?;
        match p.state {
            State::Waiting { next_attempt_ms, .. } if next_attempt_ms <= now_ms => {
                p.state = State::Sending;
                p.attempts += 1;
                Some(p.upload.clone())
            }
            _ => None,
        }
    }

    /// Records the answer to the attempt for `key`: on `Saved` the record is the service's at
    /// that revision and the upload is done; otherwise the outbox's rules say whether and when
    /// to try again (`jitter` 0–1, random).
    pub fn finish(&mut self, key: &str, answer: &Reply, jitter: f64, now_ms: f64) {
        let Some(p) = self.pending.as_mut().filter(|p| p.upload.idempotency_key == key) else {
            return;
        };
        let saved = match answer {
            Reply::Http { status: 200..=299, body, .. } => serde_json::from_str::<Saved>(body).ok(),
            _ => None,
        };
        if let Some(saved) = saved {
            self.synced = p.upload.record.clone();
            self.base_revision = saved.revision;
            self.synced_at = Some(saved.saved_at);
            self.pending = None;
            return;
        }
        p.state = match outbox::outcome(answer, p.attempts, jitter) {
            Outcome::Refused { status, code, errors } => State::Refused { status, code, errors },
            Outcome::Retry { after_ms, problem } => {
                State::Waiting { next_attempt_ms: now_ms + after_ms, last_problem: Some(problem) }
            }
            // A 2xx that is not `Saved` (a proxy's page): resending is safe with the same key.
            Outcome::Delivered { .. } => State::Waiting {
                next_attempt_ms: now_ms + outbox::retry_delay_ms(p.attempts, jitter, None),
                last_problem: Some(DeliveryProblem::Server),
            },
        };
    }

    /// After a reload: an attempt that was in flight when the page closed is due again (its
    /// outcome is unknown; the same key cannot be stored twice).
    pub fn recover(&mut self, now_ms: f64) {
        if let Some(p) = self.pending.as_mut().filter(|p| p.state == State::Sending) {
            p.state = State::Waiting {
                next_attempt_ms: now_ms,
                last_problem: Some(DeliveryProblem::Network),
            };
        }
    }

    /// The connection is back: a waiting upload is due now.
    pub fn wake(&mut self, now_ms: f64) {
        if let Some(State::Waiting { next_attempt_ms, .. }) =
            self.pending.as_mut().map(|p| &mut p.state)
        {
            *next_attempt_ms = next_attempt_ms.min(now_ms);
        }
    }

    /// When the waiting upload is due, if one waits.
    pub fn next_due_ms(&self) -> Option<f64> {
        match self.pending.as_ref()?.state {
            State::Waiting { next_attempt_ms, .. } => Some(next_attempt_ms),
            _ => None,
        }
    }

    /// What the service said of the refused upload, if it was refused field by field.
    pub fn refused(&self) -> &[FieldError] {
        match self.pending.as_ref().map(|p| &p.state) {
            Some(State::Refused { errors, .. }) => errors,
            _ => &[],
        }
    }

    /// Where the draft stands with the service.
    pub fn status(&self) -> Status {
        match self.pending.as_ref().map(|p| &p.state) {
            Some(State::Sending) => Status::Sending,
            Some(State::Waiting { next_attempt_ms, last_problem }) => {
                Status::Waiting { next_attempt_ms: *next_attempt_ms, problem: *last_problem }
            }
            Some(State::Refused { status, errors, .. }) => {
                Status::Refused { status: *status, errors: errors.clone() }
            }
            None if self.has_unsent_work() => Status::OnDevice {
                to_fix: !self.problems(sxsh_core::i18n::Lang::Vi, &[]).is_empty(),
            },
            None => Status::Synced { at: self.synced_at.clone() },
        }
    }
}

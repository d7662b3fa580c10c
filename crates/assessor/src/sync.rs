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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::tests::opened;
    use crate::fields::TextField;

    fn saved(revision: u32) -> Reply {
        let body = format!(r#"{{"revision":{revision},"saved_at":"2027-03-15T03:42:00Z"}}"#);
        Reply::Http { status: 200, retry_after: None, body }
    }

    fn keys() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("key-{n}")
        }
    }

    fn edited() -> Draft {
        let mut draft = Draft::opened(opened());
        draft.type_text(&TextField::Team, "Trung tâm Khuyến công");
        draft
    }

    #[test]
    fn nothing_is_sent_that_the_service_has_or_that_needs_fixing() {
        let mut draft = Draft::opened(opened());
        let mut key = keys();
        draft.queue(&mut key, true, "t", 0.0);
        assert_eq!((draft.pending.as_ref(), draft.status()), (None, Status::Synced { at: None }));
        draft.type_number(
            &crate::fields::NumberField::Vnd("q.led".into()),
            "7,5,0",
            sxsh_core::i18n::Lang::Vi,
        );
        draft.queue(&mut key, true, "t", 0.0);
        assert_eq!(
            (draft.pending.as_ref(), draft.status()),
            (None, Status::OnDevice { to_fix: true })
        );
    }

    #[test]
    fn an_upload_is_retried_with_its_key_until_saved_and_then_the_record_is_the_services() {
        let mut draft = edited();
        let mut key = keys();
        draft.queue(&mut key, false, "2027-03-15T03:41:00Z", 1_000.0);
        assert_eq!(draft.status(), Status::Waiting { next_attempt_ms: 1_000.0, problem: None });
        let first = draft.start_due(1_000.0).expect("due at once");
        assert_eq!((first.idempotency_key.as_str(), first.base_revision), ("key-1", 0));
        assert_eq!(draft.status(), Status::Sending);
        assert_eq!(draft.start_due(1_000.0), None, "one attempt at a time");
        draft.finish("key-1", &Reply::NetworkError, 1.0, 1_000.0);
        assert_eq!(
            draft.status(),
            Status::Waiting { next_attempt_ms: 3_000.0, problem: Some(DeliveryProblem::Network) },
            "the outbox's backoff"
        );
        draft.queue(&mut key, false, "t", 1_500.0);
        assert_eq!(draft.start_due(2_999.0), None, "not before its time");
        draft.wake(2_000.0);
        let again = draft.start_due(2_000.0).expect("due when online again");
        assert_eq!(again, first, "the same upload, the same key");
        let proxy = Reply::Http { status: 200, retry_after: None, body: "<html>".into() };
        draft.finish("key-1", &proxy, 1.0, 2_000.0);
        assert!(matches!(
            draft.status(),
            Status::Waiting { problem: Some(DeliveryProblem::Server), .. }
        ));
        draft.wake(9_000.0);
        assert_eq!(draft.start_due(9_000.0).map(|u| u.idempotency_key), Some("key-1".into()));
        assert_eq!(draft.pending.as_ref().map(|p| p.attempts), Some(3));
        draft.finish("key-1", &saved(5), 1.0, 9_000.0);
        assert_eq!(draft.pending, None);
        assert_eq!((draft.base_revision, draft.synced == draft.record), (5, true));
        assert_eq!(draft.status(), Status::Synced { at: Some("2027-03-15T03:42:00Z".into()) });
        assert!(!draft.has_unsent_work());
    }

    #[test]
    fn an_edit_replaces_a_waiting_upload_but_never_one_in_flight() {
        let mut draft = edited();
        let mut key = keys();
        draft.queue(&mut key, false, "t", 0.0);
        draft.type_text(&TextField::Areas, "Xưởng nhuộm");
        draft.queue(&mut key, false, "t", 0.0);
        let sending = draft.start_due(0.0).expect("due");
        assert_eq!(
            (sending.idempotency_key.as_str(), sending.record.visit.areas.as_str()),
            ("key-2", "Xưởng nhuộm")
        );
        draft.type_text(&TextField::Areas, "Xưởng nhuộm, lò hơi");
        draft.queue(&mut key, true, "t", 0.0);
        assert_eq!(
            draft.pending.as_ref().map(|p| &p.state),
            Some(&State::Sending),
            "left in flight"
        );
        draft.finish("key-2", &saved(1), 0.5, 10.0);
        assert!(draft.has_unsent_work(), "the edit made in flight is still to send");
        draft.queue(&mut key, false, "t", 10.0);
        let next = draft.start_due(10.0).expect("the next upload");
        assert_eq!((next.idempotency_key.as_str(), next.base_revision), ("key-3", 1));
        assert_eq!(next.record.visit.areas, "Xưởng nhuộm, lò hơi");
        draft.finish("key-other", &saved(9), 0.5, 10.0);
        assert_eq!(draft.base_revision, 1, "an answer for another key changes nothing");
    }

    #[test]
    fn a_refused_upload_waits_for_the_assessor_and_a_reload_resends_one_cut_short() {
        let mut draft = edited();
        let mut key = keys();
        draft.queue(&mut key, false, "t", 0.0);
        draft.start_due(0.0);
        let body = r#"{"error":"invalid_fields","errors":[{"field":"opportunities[0].title","vi":"Nhập tên","en":"Enter the title"}]}"#;
        draft.finish(
            "key-1",
            &Reply::Http { status: 422, retry_after: None, body: body.into() },
            0.5,
            0.0,
        );
        assert_eq!(draft.refused().len(), 1);
        assert!(matches!(draft.status(), Status::Refused { status: 422, .. }));
        draft.queue(&mut key, false, "t", 5.0);
        assert_eq!(draft.start_due(1e12), None, "never retried by itself");
        draft.queue(&mut key, true, "t", 5.0);
        assert_eq!(
            draft.start_due(5.0).map(|u| u.idempotency_key),
            Some("key-1".into()),
            "Save resends it"
        );
        let reloaded = Draft::from_json(&draft.to_json(), crate::draft::tests::RECEIPT);
        let mut reloaded = reloaded.expect("its own format");
        assert_eq!(reloaded.start_due(9.0), None, "still marked in flight");
        reloaded.recover(9.0);
        assert_eq!(reloaded.start_due(9.0).map(|u| u.idempotency_key), Some("key-1".into()));
        reloaded.finish(
            "key-1",
            &Reply::Http { status: 401, retry_after: None, body: String::new() },
            0.5,
            9.0,
        );
        reloaded.type_text(&TextField::Team, "Đoàn khác");
        reloaded.queue(&mut key, false, "t", 10.0);
        assert_eq!(
            reloaded.start_due(10.0).map(|u| u.idempotency_key),
            Some("key-2".into()),
            "an edit is a new upload"
        );
    }
}

//! The upload of a draft to the service, exactly once, through the core's outbox
//! (`outbox::Outbox<Upload>`, the same rules as the widget's requests): an upload carries an
//! idempotency key made when it is queued, every attempt sends that same key until a 2xx `Saved`
//! comes back, so the service stores each revision once however often it arrives; what each
//! answer means and how long to wait are the outbox's.
//!
//! At most one upload waits at a time. An edit while one waits that was never attempted replaces
//! it (new record, new key). An upload attempted without an answer may have been stored unseen,
//! so it is never replaced: it is sent with its key until answered, and the edits made since go
//! next, on top of the revision it made (the service refuses an upload edited from an older
//! revision than its latest, so a replaced one would be refused).
//!
//! That refusal (409 `stale_base`: another device saved since) stops the retries and keeps the
//! newer revision beside the draft (`Draft::newer`) until the assessor chooses: keep this
//! device's version (`keep_mine`: uploaded again on top of the latest, which stays in the
//! history) or take the newer one (`take_newer`: this device's draft is returned to be kept as a
//! backup). Pure.

use crate::draft::{Draft, Newer};
use sxsh_core::i18n::Lang;
use sxsh_core::outbox::{Delivered, DeliveryProblem, Entry, Reply, State};
use sxsh_core::rapid_assessment::Upload;
use sxsh_core::request::FieldError;

/// How long after the last keystroke the draft is sent by itself.
pub const QUIET_MS: u32 = 2_000;

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
    /// Another device saved a newer revision: the assessor chooses which version to keep.
    Newer {
        revision: u32,
    },
    /// Refused by the service (401: logged out; 403: not this reader's, or `stale_token`: the
    /// page is older than the session; 422: invalid), with the service's code.
    Refused {
        status: u16,
        code: String,
        errors: Vec<FieldError>,
    },
}

impl Draft {
    /// The upload waiting, if any.
    pub fn pending(&self) -> Option<&Entry<Upload>> {
        self.outbox.entries.first()
    }

    /// Whether something must be fixed before the record can be sent.
    fn to_fix(&self) -> bool {
        !self.problems(Lang::Vi, &[]).is_empty()
    }

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
        if self.to_fix() || self.newer.is_some() {
            return;
        }
        match self.pending().cloned() {
            Some(p) if p.state == State::Sending => {}
            // Attempted without an answer: perhaps stored; resent as it is until answered.
            Some(p) if p.attempts > 0 && matches!(p.state, State::Waiting { .. }) => {
                if again {
                    self.outbox.wake(now_ms);
                }
            }
            Some(p) if p.request.record == self.record => match p.state {
                _ if !again => {}
                State::Waiting { .. } => self.outbox.wake(now_ms),
                _ => self.outbox.enqueue(p.request, now_iso, now_ms),
            },
            None if self.record == self.synced => {}
            waiting => {
                if let Some(p) = waiting {
                    self.outbox.withdraw(&p.request.idempotency_key);
                }
                let upload = Upload {
                    idempotency_key: new_key(),
                    base_revision: self.base_revision,
                    record: self.record.clone(),
                };
                self.outbox.enqueue(upload, now_iso, now_ms);
            }
        }
    }

    /// The upload to send now, if one is due; marks it in flight and counts the attempt.
    pub fn start_due(&mut self, now_ms: f64) -> Option<Upload> {
        self.outbox.start_due(now_ms)
    }

    /// Records the answer to the attempt for `key` (`jitter` 0–1, random): on `Saved` the record
    /// is the service's at that revision; otherwise the outbox says whether and when to retry.
    pub fn finish(&mut self, key: &str, answer: &Reply, jitter: f64, now_ms: f64) {
        let in_flight = self.pending().is_some_and(|p| p.request.idempotency_key == key);
        if let (true, Reply::Http { status: 409, body, .. }) = (in_flight, answer)
            && let Ok(newer) = serde_json::from_str::<Newer>(body)
        {
            self.newer = Some(newer);
        }
        if let Some(Delivered { entry, answer }) = self.outbox.finish(key, answer, jitter, now_ms) {
            self.synced = entry.request.record;
            self.base_revision = answer.revision;
            self.synced_at = Some(answer.saved_at);
        }
    }

    /// The assessor keeps this device's version: it is uploaded on top of the newer revision
    /// (new key, based on it), which stays in the service's history.
    pub fn keep_mine(&mut self, new_key: impl FnOnce() -> String, now_iso: &str, now_ms: f64) {
        let Some(newer) = self.newer.take() else { return };
        if let Some(p) = self.pending().cloned() {
            self.outbox.withdraw(&p.request.idempotency_key);
        }
        self.base_revision = newer.revision;
        self.synced = newer.record;
        self.synced_at = None;
        self.queue(new_key, true, now_iso, now_ms);
    }

    /// The assessor takes the newer version from the service: the draft becomes it, and this
    /// device's draft as it was is returned, to be kept as a backup.
    pub fn take_newer(&mut self) -> Option<Draft> {
        let newer = self.newer.clone()?;
        let mine = Draft { newer: None, ..self.clone() };
        *self = Draft {
            record: newer.record.clone(),
            synced: newer.record,
            base_revision: newer.revision,
            typed: Default::default(),
            synced_at: None,
            outbox: Default::default(),
            newer: None,
            ..mine.clone()
        };
        Some(mine)
    }

    /// After a reload: an attempt that was in flight when the page closed is due again (its
    /// outcome is unknown; the same key cannot be stored twice).
    pub fn recover(&mut self, now_ms: f64) {
        self.outbox.recover(now_ms);
    }

    /// The connection is back: a waiting upload is due now.
    pub fn wake(&mut self, now_ms: f64) {
        self.outbox.wake(now_ms);
    }

    /// When the waiting upload is due, if one waits.
    pub fn next_due_ms(&self) -> Option<f64> {
        self.outbox.next_due_ms()
    }

    /// What the service said of the refused upload, if it was refused field by field.
    pub fn refused(&self) -> &[FieldError] {
        match self.pending().map(|p| &p.state) {
            Some(State::Refused { errors, .. }) => errors,
            _ => &[],
        }
    }

    /// Where the draft stands with the service.
    pub fn status(&self) -> Status {
        if let Some(newer) = &self.newer {
            return Status::Newer { revision: newer.revision };
        }
        match self.pending().map(|p| &p.state) {
            Some(State::Sending) => Status::Sending,
            Some(State::Waiting { next_attempt_ms, last_problem }) => {
                Status::Waiting { next_attempt_ms: *next_attempt_ms, problem: *last_problem }
            }
            Some(State::Refused { status, code, errors }) => {
                Status::Refused { status: *status, code: code.clone(), errors: errors.clone() }
            }
            None if self.has_unsent_work() => Status::OnDevice { to_fix: self.to_fix() },
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
        assert_eq!((draft.pending(), draft.status()), (None, Status::Synced { at: None }));
        draft.type_number(
            &crate::fields::NumberField::Vnd("q.led".into()),
            "7,5,0",
            sxsh_core::i18n::Lang::Vi,
        );
        draft.queue(&mut key, true, "t", 0.0);
        assert_eq!((draft.pending(), draft.status()), (None, Status::OnDevice { to_fix: true }));
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
        assert_eq!(draft.pending().map(|p| p.attempts), Some(3));
        draft.finish("key-1", &saved(5), 1.0, 9_000.0);
        assert_eq!(draft.pending(), None);
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
        assert_eq!(draft.pending().map(|p| &p.state), Some(&State::Sending), "left in flight");
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
        assert!(
            matches!(draft.status(), Status::Refused { status: 422, code, .. } if code == "invalid_fields"),
            "the service's code is kept"
        );
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

    #[test]
    fn an_upload_attempted_without_an_answer_is_never_replaced_and_edits_go_on_top_of_it() {
        let mut draft = edited();
        let mut key = keys();
        draft.queue(&mut key, false, "t", 0.0);
        draft.start_due(0.0);
        draft.finish("key-1", &Reply::NetworkError, 0.0, 0.0);
        draft.type_text(&TextField::Areas, "Lò hơi");
        draft.queue(&mut key, true, "t", 1.0);
        let resent = draft.start_due(1.0).expect("due again");
        assert_eq!(resent.idempotency_key, "key-1", "it may have been stored: sent as it was");
        assert_eq!(resent.record.visit.areas, "");
        draft.finish("key-1", &saved(1), 0.0, 2.0);
        draft.queue(&mut key, false, "t", 2.0);
        let next = draft.start_due(2.0).expect("the edit");
        assert_eq!((next.idempotency_key.as_str(), next.base_revision), ("key-2", 1));
        assert_eq!(next.record.visit.areas, "Lò hơi");
    }

    fn stale(team: &str) -> Reply {
        let mut record = Draft::opened(opened()).record;
        record.visit.team = team.into();
        let body = serde_json::json!({
            "error": "stale_base", "code": "stale_base", "revision": 3, "record": record
        });
        Reply::Http { status: 409, retry_after: None, body: body.to_string() }
    }

    #[test]
    fn a_newer_revision_from_another_device_stops_the_retries_until_the_assessor_chooses() {
        let mut draft = edited();
        let mut key = keys();
        draft.queue(&mut key, false, "t", 0.0);
        draft.start_due(0.0);
        draft.finish("key-1", &stale("Đoàn của máy khác"), 0.5, 0.0);
        assert_eq!(draft.status(), Status::Newer { revision: 3 });
        draft.type_text(&TextField::Areas, "Lò hơi");
        draft.queue(&mut key, true, "t", 1.0);
        assert_eq!(draft.start_due(1e12), None, "never retried by itself, nor by Save");
        let reloaded = Draft::from_json(&draft.to_json(), crate::draft::tests::RECEIPT);
        assert_eq!(reloaded.as_ref().map(|d| d.status()), Ok(Status::Newer { revision: 3 }));

        let mut mine = draft.clone();
        mine.keep_mine(&mut key, "t", 2.0);
        let upload = mine.start_due(2.0).expect("uploaded again");
        assert_eq!((upload.idempotency_key.as_str(), upload.base_revision), ("key-2", 3));
        assert_eq!(upload.record.visit.team, "Trung tâm Khuyến công", "this device's version");
        assert_eq!(upload.record.visit.areas, "Lò hơi");

        let backup = draft.take_newer().expect("this device's draft, to keep");
        assert_eq!(backup.record.visit.team, "Trung tâm Khuyến công");
        assert_eq!(
            (draft.base_revision, draft.record.visit.team.as_str()),
            (3, "Đoàn của máy khác")
        );
        assert_eq!((draft.pending(), draft.newer.as_ref()), (None, None));
        assert!(!draft.has_unsent_work());
    }
}

//! The progress update: what an enterprise that has had a request sends the Department about its
//! action plan (each action's status and the savings it achieved, self-reported). The one body
//! the widget sends and the intake service accepts, linked to the earlier request by its tax
//! code and receipt; sent with the same consent, check page and outbox rules as the request.
//! Pure.

use crate::plan::Action;
use crate::request::Consent;
use serde::{Deserialize, Serialize};

/// What the body is.
pub const KIND: &str = "sxsh-progress-update";
/// The body's format version.
pub const VERSION: u32 = 1;
/// The largest body the service accepts (128 KB).
pub const MAX_BYTES: usize = 128 * 1024;

/// The body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    pub kind: String,
    pub version: u32,
    /// Made once per update by the widget; a retry carries the same key.
    pub idempotency_key: String,
    /// The receipt of the enterprise's earlier request (such as `SXSH-2026-0001`).
    pub receipt: String,
    /// The enterprise's tax code as given in that request (`request::is_tax_code`).
    pub tax_code: String,
    /// The company's name, as in the draft.
    pub company: String,
    /// The checklist version the plan's measure ids refer to.
    pub checklist_version: String,
    /// The plan's actions, with their statuses and what they achieved.
    pub actions: Vec<Action>,
    /// Anything the enterprise adds (`free_text::PASSAGE`).
    #[serde(default)]
    pub notes: String,
    pub consent: Consent,
}

/// The service's answer to an update it has stored (the same answer for the same key again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The update's own reference, such as `SXSH-2026-0001-P1`.
    pub reference: String,
}

//! The assessor's app: the rapid-assessment record edited on site, on a tablet or a phone, over
//! a poor connection, without losing anything typed.
//!
//! Reading order: `page` (what the service's page tells the app), `words` (the interface texts),
//! `fields` (the record's fields by stable path), `draft` (the local draft and every edit),
//! `sync` (the upload waiting in the core's outbox); then the browser's side, each side effect in
//! one home: `storage` (local storage), `api` (the network), and `ui` (the Leptos components).
//! Everything but the browser's side compiles natively and is tested there.

pub mod draft;
pub mod fields;
pub mod page;
pub mod sync;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;

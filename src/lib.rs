//! SXSH self-assessment widget: a cleaner-production checklist, its scoring, and the Leptos shell.
//!
//! Reading order: `checklist` (the questionnaire as data), `assessment` (the answers), `i18n` (interface language and
//! texts), then `ui` (the Leptos components, WebAssembly only). The core modules never import
//! `leptos`, `web_sys`, `gloo_*` or `wasm_bindgen`; `tests/architecture.rs` enforces it.

pub mod assessment;
pub mod benchmarks;
pub mod checklist;
pub mod config;
pub mod export;
pub mod flow;
pub mod i18n;
pub mod learn;
pub mod numbers;
pub mod outbox;
pub mod report;
pub mod request;
pub mod savings;
pub mod scoring;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod download;
#[cfg(target_arch = "wasm32")]
pub mod pdf_worker;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::App;

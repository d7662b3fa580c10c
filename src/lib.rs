//! SXSH self-assessment widget: the Leptos shell around `sxsh_core`.
//!
//! Reading order: `config` (the host page's settings), then `ui` (the Leptos components), and the
//! side effects, each in one small home: `storage` (local storage), `api` (the network),
//! `download` (files in and out) and `pdf_worker` (the page's end of the PDF worker). Everything
//! the user sees as a result is computed by `sxsh_core`; only `config` compiles natively.

pub mod config;

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

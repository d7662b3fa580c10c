//! Leptos components. They render state and turn user actions into edits; they compute no
//! scores (that is `scoring`'s job). Shared state is reached through the `*Ctx` newtypes.

mod app;
mod language_switch;
mod section_view;
mod welcome;

pub use app::App;
pub use app::LangCtx;

//! `<App>`: owns the interface language and the current step, and chooses what to show.

use super::{language_switch::LanguageSwitch, section_view::SectionView, welcome::Welcome};
use crate::assessment::Draft;
use crate::checklist;
use crate::i18n::{Lang, Text};
use crate::storage;
use leptos::prelude::*;

/// The interface language, shared with every component.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

impl LangCtx {
    /// The language context provided by `<App>`.
    pub fn expect() -> LangCtx {
        expect_context::<LangCtx>()
    }

    /// The text in the current language, tracked.
    pub fn text(self, text: Text) -> &'static str {
        self.0.get().text(text)
    }
}

/// The draft (profile and answers), shared with every component that shows or edits it.
#[derive(Clone, Copy)]
pub struct DraftCtx(pub RwSignal<Draft>);

impl DraftCtx {
    /// The draft context provided by `<App>`.
    pub fn expect() -> DraftCtx {
        expect_context::<DraftCtx>()
    }
}

/// Where the user is in the questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Welcome,
    /// One step per checklist area, by index into `checklist.areas`.
    Area(usize),
}

/// The widget's root component.
#[component]
pub fn App(
    /// The language to start in when the user has not chosen one on this browser.
    #[prop(optional)]
    initial_lang: Lang,
) -> impl IntoView {
    let lang = RwSignal::new(storage::load_lang().unwrap_or(initial_lang));
    provide_context(LangCtx(lang));
    provide_context(DraftCtx(RwSignal::new(Draft::new(checklist::builtin()))));
    let step = RwSignal::new(Step::Welcome);
    let area_count = checklist::builtin().areas.len();
    view! {
        <div class="cp-app" lang=move || lang.get().tag()>
            <header class="cp-app__header">
                <p class="cp-app__department">{move || LangCtx(lang).text(Text::AppDepartment)}</p>
                <LanguageSwitch />
            </header>
            <main class="cp-app__main">
                {move || match step.get() {
                    Step::Welcome => {
                        view! { <Welcome on_start=move || step.set(Step::Area(0)) /> }.into_any()
                    }
                    Step::Area(index) => {
                        view! {
                            <SectionView
                                index=index
                                on_back=move || {
                                    step.set(if index == 0 { Step::Welcome } else { Step::Area(index - 1) })
                                }
                                on_next=move || step.set(Step::Area((index + 1).min(area_count - 1)))
                            />
                        }
                            .into_any()
                    }
                }}
            </main>
        </div>
    }
}

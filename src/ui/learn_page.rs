//! `<LearnPage>`: what cleaner production is, the eight techniques with real examples, the rapid
//! assessment, the legal context and the support on offer, from `content/learn.toml`.

use super::ctx::{LangCtx, NavCtx};
use super::notes::NotesStatus;
use super::offer::DepartmentOffer;
use super::{focus_by_id, focus_when_mounted};
use leptos::html;
use leptos::prelude::*;
use sxsh_core::checklist::{self, Checklist};
use sxsh_core::i18n::{Lang, Text};
use sxsh_core::report::support_lines;

/// The titles of cited sources, joined.
fn source_titles(list: &Checklist, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| list.sources.iter().find(|s| &s.id == id))
        .map(|s| s.title.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The DOM id of a technique's section, for links from recommended actions.
pub fn technique_anchor(technique: &str) -> String {
    format!("cp-technique-{technique}")
}

/// The learn page.
#[component]
pub fn LearnPage() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let list = checklist::active();
    let heading = NodeRef::<html::H2>::new();
    if nav.learn_target.get_untracked().is_none() {
        focus_when_mounted(heading);
    }
    // From a recommended action: focus that technique's heading instead.
    Effect::new(move |_| {
        if let Some(target) = nav.learn_target.get_untracked() {
            focus_by_id(&target);
        }
    });
    let content = move || {
        let lang = ctx.0.get();
        let vi = lang == Lang::Vi;
        let sections = list
            .learn
            .iter()
            .map(|s| {
                let (title, body) = if vi { (&s.title_vi, &s.body_vi) } else { (&s.title_en, &s.body_en) };
                view! {
                    <section class="cp-learn__section" data-learn=s.id.clone()>
                        <h3>{title.clone()}</h3>
                        {body.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                        <p class="cp-action__sources">{format!("{} {}", lang.text(Text::LearnSources), source_titles(list, &s.sources))}</p>
                    </section>
                }
            })
            .collect_view();
        let techniques = list
            .techniques
            .iter()
            .filter_map(|t| {
                let learn = list.techniques_learn.iter().find(|l| l.technique == t.id)?;
                let (summary, example) = if vi { (&learn.summary_vi, &learn.example_vi) } else { (&learn.summary_en, &learn.example_en) };
                Some(view! {
                    <li class="cp-learn__technique">
                        <h4 id=technique_anchor(&t.id) tabindex="-1">{lang.pick(t).to_owned()}</h4>
                        <p>{summary.clone()}</p>
                        <p><strong>{lang.text(Text::LearnExample)}</strong> " " {example.clone()}</p>
                        <p class="cp-action__sources">{format!("{} {}", lang.text(Text::LearnSources), source_titles(list, &learn.sources))}</p>
                    </li>
                })
            })
            .collect_view();
        if !super::notes::ready(lang) {
            // Everything here is notes: wait for them, or say they could not be loaded.
            return view! { <NotesStatus /> }.into_any();
        }
        view! {
            {sections}
            <h3>{lang.text(Text::LearnTechniques)}</h3>
            <ol class="cp-learn__techniques">{techniques}</ol>
            <SupportList />
        }
        .into_any()
    };
    view! {
        <section class="cp-section cp-learn" aria-labelledby="cp-learn-title">
            <h2 id="cp-learn-title" class="cp-section__title" tabindex="-1" node_ref=heading>{move || ctx.text(Text::LearnHeading)}</h2>
            {content}
            <div class="cp-nav">
                <button type="button" class="cp-button cp-button--primary" data-testid="learn-back" on:click=move |_| nav.back_from_learn()>
                    {move || ctx.text(Text::LearnBack)}
                </button>
            </div>
        </section>
    }
}

/// The support an enterprise can seek, each with what it offers and how to apply.
#[component]
pub fn SupportList() -> impl IntoView {
    let ctx = LangCtx::expect();
    let list = checklist::active();
    view! {
        {move || {
            let lang = ctx.0.get();
            let items = support_lines(list, lang);
            (!items.is_empty()).then(|| view! {
                <h3>{lang.text(Text::LearnSupportHeading)}</h3>
                <DepartmentOffer />
                <ul class="cp-support" data-testid="support">
                    {items
                        .into_iter()
                        .map(|(title, offers, apply)| view! {
                            <li>
                                <strong>{title}</strong>
                                <p>{offers}</p>
                                <p>{format!("{} {apply}", lang.text(Text::LearnApply))}</p>
                            </li>
                        })
                        .collect_view()}
                </ul>
            })
        }}
    }
}

//! The opportunities: one card per opportunity (its title, end use, the saving estimated on
//! site, the investment and the payback the core computes, its priority and whether the
//! enterprise agreed), and the two ways to add one: a checklist measure, prefilled from the
//! self-assessment, or a new finding. Adding focuses the new card's title; removing asks first
//! and then focuses the list's heading.

use super::fields::{NumberInput, TextInput};
use super::{Ctx, focus_by_id};
use crate::draft::Choice;
use crate::fields::{NumberField, TextField, dom_id, opportunity};
use crate::words::Word;
use leptos::prelude::*;
use sxsh_core::i18n::fill;
use sxsh_core::numbers;
use sxsh_core::rapid_assessment::{Agreement, Priority, payback_years};

/// The list of opportunities with the controls that add one.
#[component]
pub fn Opportunities() -> impl IntoView {
    let ctx = Ctx::expect();
    let ids = Memo::new(move |_| {
        ctx.draft.with(|d| d.record.opportunities.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="ra-section" aria-labelledby="ra-opportunities">
            <h2 id="ra-opportunities" tabindex="-1">{ctx.t(Word::Opportunities)}</h2>
            <p class="ra-section__intro">{ctx.t(Word::OpportunitiesIntro)}</p>
            <Show when=move || ids.with(Vec::is_empty)>
                <p>{ctx.t(Word::NoOpportunities)}</p>
            </Show>
            <ol class="ra-cards">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <Card id=id ids=ids />
                </For>
            </ol>
            <Add />
        </section>
    }
}

/// One opportunity.
#[component]
fn Card(id: String, ids: Memo<Vec<String>>) -> impl IntoView {
    let ctx = Ctx::expect();
    let number = {
        let id = id.clone();
        move || ids.with(|ids| ids.iter().position(|i| *i == id).map_or(0, |n| n + 1))
    };
    let heading_id = format!("{}-heading", dom_id(&format!("opportunities.{id}")));
    let (measure, end_use, priority, agreement) = ctx.draft.with_untracked(|d| {
        let o = opportunity(&d.record, &id);
        (
            o.and_then(|o| o.measure.clone()),
            o.map(|o| o.end_use.clone()).unwrap_or_default(),
            o.map(|o| o.priority).unwrap_or_default(),
            o.map(|o| o.agreement).unwrap_or_default(),
        )
    });
    let origin = match measure {
        Some(_) => ctx.t(Word::FromChecklist),
        None => ctx.t(Word::NewFinding),
    };
    let payback = {
        let id = id.clone();
        move || {
            let years = ctx.draft.with(|d| opportunity(&d.record, &id).and_then(payback_years));
            match years {
                Some(years) => {
                    fill(ctx.t(Word::PaybackYears), &[("n", &numbers::format(years, ctx.lang, 1))])
                }
                None => ctx.t(Word::PaybackNone).to_owned(),
            }
        }
    };
    let saving_unit = {
        let id = id.clone();
        Signal::derive(move || ctx.draft.with(|d| TextField::SavingUnit(id.clone()).get(&d.record)))
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let title = ctx.draft.with_untracked(|d| TextField::Title(id.clone()).get(&d.record));
            if super::confirm(&fill(ctx.t(Word::RemoveConfirm), &[("title", &title)])) {
                ctx.edit(|d| d.remove(&id));
                focus_by_id("ra-opportunities");
            }
        }
    };
    let end_use_id = dom_id(&format!("opportunities.{id}.end_use"));
    let priority_id = dom_id(&format!("opportunities.{id}.priority"));
    let end_uses = ctx.draft.with_untracked(|d| d.choices.end_uses.clone());
    let end_use_options = end_uses.iter().map(|e| {
        let selected = e.id == end_use;
        view! { <option value=e.id.clone() selected=selected>{ctx.lang.pick(e).to_owned()}</option> }
    }).collect_view();
    let on_end_use = {
        let id = id.clone();
        move |ev| {
            let value = event_target_value(&ev);
            ctx.edit(|d| d.choose(&id, Choice::EndUse(value)));
        }
    };
    let on_priority = {
        let id = id.clone();
        move |ev| {
            let value = match event_target_value(&ev).as_str() {
                "high" => Priority::High,
                "low" => Priority::Low,
                _ => Priority::Medium,
            };
            ctx.edit(|d| d.choose(&id, Choice::Priority(value)));
        }
    };
    let priorities = [
        (Priority::High, "high", Word::High),
        (Priority::Medium, "medium", Word::Medium),
        (Priority::Low, "low", Word::Low),
    ]
    .map(|(p, value, word)| {
        view! { <option value=value selected=p == priority>{ctx.t(word)}</option> }
    });
    let agreements = [
        (Agreement::Agreed, "agreed", Word::Agreed),
        (Agreement::Undecided, "undecided", Word::Undecided),
        (Agreement::Declined, "declined", Word::Declined),
    ]
    .map(|(a, value, word)| {
            let id = id.clone();
            // One name for the three, so that choosing one unchecks the others.
            let group = dom_id(&format!("opportunities.{id}.agreement"));
            let input_id = format!("{group}-{value}");
            let choose = move |_| ctx.edit(|d| d.choose(&id, Choice::Agreement(a)));
            view! {
                <div class="cp-choice">
                    <input class="cp-choice__input" type="radio" id=input_id.clone() name=group value=value checked=a == agreement on:change=choose />
                    <label class="cp-choice__label" for=input_id>{ctx.t(word)}</label>
                </div>
            }
        });
    let labelled_by = heading_id.clone();
    view! {
        <li class="ra-card" aria-labelledby=labelled_by>
            <h3 class="ra-card__heading" id=heading_id>
                {move || fill(ctx.t(Word::Opportunity), &[("n", &number().to_string())])}
                <span class="ra-card__origin">{origin}</span>
            </h3>
            <TextInput field=TextField::Title(id.clone()) />
            <div class="cp-field">
                <label class="cp-field__label" for=end_use_id.clone()>{ctx.t(Word::EndUse)}</label>
                <select class="cp-input" id=end_use_id on:change=on_end_use>
                    <option value="" selected=end_use.is_empty()>{ctx.t(Word::ChooseEndUse)}</option>
                    {end_use_options}
                </select>
            </div>
            <div class="ra-grid">
                <NumberInput field=NumberField::Quantity(id.clone()) unit=saving_unit />
                <TextInput field=TextField::SavingUnit(id.clone()) />
                <NumberInput field=NumberField::Vnd(id.clone()) />
                <NumberInput field=NumberField::Tco2(id.clone()) />
                <NumberInput field=NumberField::Investment(id.clone()) />
                <div class="cp-field">
                    <p class="cp-field__label">{ctx.t(Word::Payback)}</p>
                    <p class="ra-computed" aria-live="polite">{payback}</p>
                </div>
            </div>
            <div class="cp-field">
                <label class="cp-field__label" for=priority_id.clone()>{ctx.t(Word::Priority)}</label>
                <select class="cp-input" id=priority_id on:change=on_priority>{priorities}</select>
            </div>
            <fieldset class="ra-choices">
                <legend class="cp-field__label">{ctx.t(Word::Agreement)}</legend>
                {agreements}
            </fieldset>
            <button type="button" class="cp-button ra-button--warning" on:click=remove>{ctx.t(Word::Remove)}</button>
        </li>
    }
}

/// Adding an opportunity: a checklist measure (prefilled) or a new finding.
#[component]
fn Add() -> impl IntoView {
    let ctx = Ctx::expect();
    let chosen = RwSignal::new(String::new());
    let measures = ctx.draft.with_untracked(|d| d.choices.measures.clone());
    let options = measures
        .iter()
        .filter_map(|m| {
            let id = m.opportunity.measure.clone()?;
            Some(view! { <option value=id>{ctx.lang.pick(m).to_owned()}</option> })
        })
        .collect_view();
    let added = move |id: String| {
        let target = dom_id(&TextField::Title(id).path());
        request_animation_frame(move || focus_by_id(&target));
    };
    let add_measure = move |_| {
        let measure = chosen.get_untracked();
        if measure.is_empty() {
            focus_by_id("ra-add-measure");
            return;
        }
        if let Some(id) = ctx.edit(|d| d.add_measure(&measure)) {
            added(id);
        }
    };
    let add_finding = move |_| added(ctx.edit(|d| d.add_finding(ctx.t(Word::NewFindingTitle))));
    view! {
        <div class="ra-add">
            <div class="cp-field">
                <label class="cp-field__label" for="ra-add-measure">{ctx.t(Word::AddMeasure)}</label>
                <div class="ra-add__row">
                    <select class="cp-input" id="ra-add-measure" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">{ctx.t(Word::ChooseMeasure)}</option>
                        {options}
                    </select>
                    <button type="button" class="cp-button" on:click=add_measure>{ctx.t(Word::Add)}</button>
                </div>
            </div>
            <button type="button" class="cp-button" on:click=add_finding>{ctx.t(Word::AddFinding)}</button>
        </div>
    }
}

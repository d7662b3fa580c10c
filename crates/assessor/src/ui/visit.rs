//! The visit (date, team, areas walked) and the verified baseline: one group per stream, the
//! figure verified from bills and meters beside the one the enterprise reported.

use super::Ctx;
use super::fields::{NumberInput, TextInput};
use crate::fields::{NumberField, TextField};
use crate::words::Word;
use leptos::prelude::*;
use sxsh_core::numbers;

/// The site visit.
#[component]
pub fn Visit() -> impl IntoView {
    let ctx = Ctx::expect();
    view! {
        <section class="ra-section" aria-labelledby="ra-visit-heading">
            <h2 id="ra-visit-heading">{ctx.t(Word::Visit)}</h2>
            <TextInput field=TextField::Date />
            <TextInput field=TextField::Team hint=Word::VisitTeamHint />
            <TextInput field=TextField::Areas hint=Word::VisitAreasHint />
        </section>
    }
}

/// The verified baseline, one group per line of the record.
#[component]
pub fn Baseline() -> impl IntoView {
    let ctx = Ctx::expect();
    let lines = ctx
        .draft
        .with_untracked(|d| d.record.baseline.iter().map(|l| l.stream).collect::<Vec<_>>());
    let lines = lines.into_iter().map(|stream| {
        let (name, self_reported, unit) = ctx.draft.with_untracked(|d| {
            let name = d.choices.streams.iter().find(|s| s.id == stream).map(|s| ctx.lang.pick(s).to_owned());
            let line = d.record.baseline.iter().find(|l| l.stream == stream);
            (
                name.unwrap_or_else(|| stream.id().to_owned()),
                line.and_then(|l| l.self_reported),
                line.map(|l| l.unit.clone()).unwrap_or_default(),
            )
        });
        let reported = match self_reported {
            Some(v) => format!("{} {unit}", numbers::format(v, ctx.lang, 2)),
            None => ctx.t(Word::NotReported).to_owned(),
        };
        // The unit is the service's (the enterprise's figures' unit): shown, not edited.
        let unit_shown = Signal::stored(unit.clone());
        view! {
            <fieldset class="cp-question">
                <legend class="cp-question__legend">{name}</legend>
                <p class="ra-reported">{ctx.t(Word::SelfReported)} ": " <strong>{reported}</strong></p>
                <div class="ra-grid">
                    <NumberInput field=NumberField::Verified(stream) unit=unit_shown />
                    <NumberInput field=NumberField::Cost(stream) />
                    <TextInput field=TextField::Evidence(stream) hint=Word::EvidenceHint />
                </div>
            </fieldset>
        }
    }).collect_view();
    view! {
        <section class="ra-section" aria-labelledby="ra-baseline">
            <h2 id="ra-baseline" tabindex="-1">{ctx.t(Word::Baseline)}</h2>
            <p class="ra-section__intro">{ctx.t(Word::BaselineIntro)}</p>
            {lines}
        </section>
    }
}

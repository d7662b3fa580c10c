//! The savings by end use: `<EndUseChart>` draws them as bars (with the same figures as a list,
//! for screen readers and print), and `<EndUseSplit>` lets the factory replace the sector's
//! default split of a stream with its own figures (sub-meter readings as percentages); the results
//! follow as it types. The figures come from `report::end_use_lines` and `savings`.

use super::ctx::{DraftCtx, LangCtx};
use super::fields::NumberField;
use leptos::prelude::*;
use sxsh_core::assessment::{Field, ProfileField};
use sxsh_core::checklist::{self, Stream};
use sxsh_core::export::AssessmentResults;
use sxsh_core::i18n::{Text, fill};
use sxsh_core::numbers::{self, format};
use sxsh_core::report::{end_use_label, end_use_lines, percent_range, share_notes, stream_label};
use sxsh_core::savings::{Range, end_use_shares, has_end_use};

/// Width of a full bar in the chart's coordinates.
const BAR: f64 = 190.0;

/// The savings by end use, as a chart and a list.
#[component]
pub fn EndUseChart(
    /// The computed results.
    results: Memo<AssessmentResults>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let list = checklist::active();
    move || {
        let lang = ctx.0.get();
        let (lines, notes) = results.with(|r| {
            (
                end_use_lines(list, &r.savings.streams, lang),
                share_notes(list, &r.savings.streams, lang),
            )
        });
        if lines.is_empty() {
            return None;
        }
        let largest = lines.iter().map(|l| l.high).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
        let height = 8 + lines.len() * 32;
        let bars = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let y = 8 + i * 32;
                let (low, high) = (BAR * line.low / largest, BAR * line.high / largest);
                let value = percent_range(Range { low: line.low, high: line.high }, lang);
                view! {
                    <text class="cp-chart__label" x="0" y=y + 12>{line.name.clone()}</text>
                    <rect class="cp-chart__track" x="0" y=y + 16 width=BAR height="10" rx="3"></rect>
                    <rect class="cp-chart__bar cp-chart__bar--high" x="0" y=y + 16 width=high height="10" rx="3"></rect>
                    <rect class="cp-chart__bar" x="0" y=y + 16 width=low height="10" rx="3"></rect>
                    <text class="cp-chart__value" x="200" y=y + 26>{value}</text>
                }
            })
            .collect_view();
        let items = lines
            .into_iter()
            .map(|line| {
                let money = (!line.money.is_empty()).then(|| format!("; {}", line.money));
                view! {
                    <li data-end-use=line.end_use><strong>{line.name}</strong>": "{line.detail}{money}</li>
                }
            })
            .collect_view();
        Some(view! {
            <h3 id="cp-end-use-title">{lang.text(Text::ResultsEndUseHeading)}</h3>
            <svg class="cp-chart" viewBox=format!("0 0 320 {height}") role="img" aria-labelledby="cp-end-use-title" focusable="false" data-testid="end-use-chart">
                <title>{lang.text(Text::ResultsEndUseChart)}</title>
                {bars}
            </svg>
            <ul class="cp-end-uses" data-testid="end-use-savings">{items}</ul>
            {notes.into_iter().map(|n| view! { <p class="cp-method" data-testid="share-note">{n}</p> }).collect_view()}
        })
    }
}

/// The factory's own split of the streams that have savings, one field per end use it has; empty
/// fields take the rest in the default proportions.
#[component]
pub fn EndUseSplit(
    /// The computed results.
    results: Memo<AssessmentResults>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let list = checklist::active();
    // Which fields to show changes only with the streams saved and the equipment, not with
    // each keystroke, so typing never rebuilds the fields it types in.
    let fields = Memo::new(move |_| {
        let streams: Vec<Stream> =
            results.with(|r| r.savings.streams.iter().map(|s| s.stream).collect());
        draft.with(|d| {
            streams
                .into_iter()
                .filter_map(|stream| {
                    let ids: Vec<String> = list
                        .end_uses
                        .iter()
                        .filter(|e| e.stream == stream.id() && has_end_use(list, &d.profile, e))
                        .map(|e| e.id.clone())
                        .collect();
                    (ids.len() > 1).then_some((stream, ids))
                })
                .collect::<Vec<_>>()
        })
    });
    // A reset empties the fields: they are built again (a field follows typing, not the draft).
    let resets = RwSignal::new(0_u32);
    let stream_fields = move || {
        resets.track();
        fields
            .get()
            .into_iter()
            .map(|(stream, ids)| {
                // The figures shown are the ones that count (see `savings::end_use_shares`).
                let shown = ids.clone();
                // The split in use, worked out once per change for all of the stream's fields.
                let in_use = Memo::new(move |_| {
                    draft.with(|d| {
                        let (shares, _) = end_use_shares(list, &d.profile, stream);
                        shares.into_iter().map(|(e, share)| (e.id.clone(), share)).collect::<Vec<_>>()
                    })
                });
                let inputs = ids
                    .into_iter()
                    .map(|id| {
                        let field = Field::Profile(ProfileField::EndUse(id.clone()));
                        let profile_field = ProfileField::EndUse(id.clone());
                        let stored = Signal::derive({
                            let field = field.clone();
                            move || draft.with(|d| (d.typed_text(&field).cloned(), d.profile.number(&profile_field)))
                        });
                        let label = Signal::derive({
                            let id = id.clone();
                            move || end_use_label(list, &id, ctx.0.get())
                        });
                        let used = Signal::derive({
                            let id = id.clone();
                            move || {
                                let lang = ctx.0.get();
                                let share = in_use.with(|shares| shares.iter().find(|(e, _)| *e == id).map_or(0.0, |(_, s)| *s));
                                fill(lang.text(Text::ResultsSplitUsed), &[("share", &percent_range(Range { low: share, high: share }, lang))])
                            }
                        });
                        let error = Signal::derive({
                            let field = field.clone();
                            move || {
                                let lang = ctx.0.get();
                                draft.with(|d| {
                                    let text = d.typed_text(&field)?;
                                    let problem = numbers::parse(text, lang).err()?;
                                    Some(super::profile_form::number_message(problem, &end_use_label(list, field_end_use(&field), lang), lang))
                                })
                            }
                        });
                        view! { <NumberField field=field label=label unit="%".to_owned() hint=used error=error stored=stored /> }
                    })
                    .collect_view();
                let over = move || {
                    let lang = ctx.0.get();
                    let sum: f64 = draft.with(|d| {
                        shown.iter().filter_map(|id| d.profile.end_use_split.get(id).copied().flatten()).sum()
                    });
                    (sum > 100.0).then(|| {
                        let name = stream_label(list, stream, lang).to_lowercase();
                        view! { <p class="cp-field__hint" role="status">{fill(lang.text(Text::ResultsSplitOver), &[("stream", &name), ("sum", &format(sum, lang, 1))])}</p> }
                    })
                };
                let reset = move |_| {
                    let key = format!("end_use.{}.", stream.id());
                    let own = format!("{}.", stream.id());
                    draft.update(|d| {
                        d.profile.end_use_split.retain(|k, _| !k.starts_with(&own));
                        d.typed.retain(|k, _| !k.starts_with(&key));
                    });
                    resets.update(|n| *n += 1);
                };
                view! {
                    <fieldset class="cp-split" data-stream=stream.id()>
                        <legend>{move || stream_label(list, stream, ctx.0.get())}</legend>
                        {inputs}
                        {over}
                        <button type="button" class="cp-link-button" on:click=reset>
                            {move || {
                                let lang = ctx.0.get();
                                fill(lang.text(Text::ResultsSplitReset), &[("stream", &stream_label(list, stream, lang).to_lowercase())])
                            }}
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    move || {
        (!fields.with(Vec::is_empty)).then(|| {
            view! {
                <details class="cp-panel cp-split-panel" data-testid="end-use-split">
                    <summary>{move || ctx.text(Text::ResultsSplitHeading)}</summary>
                    <p>{move || ctx.text(Text::ResultsSplitIntro)}</p>
                    {stream_fields}
                </details>
            }
        })
    }
}

/// The end-use id of an end-use field.
fn field_end_use(field: &Field) -> &str {
    match field {
        Field::Profile(ProfileField::EndUse(id)) => id,
        _ => "",
    }
}

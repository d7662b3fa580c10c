//! `<PlanScreen>`: the action plan: each adopted measure with its owner, target date, status,
//! the saving it achieved (self-reported: VND, the quantity in its stream's unit, tCO2) and
//! "remove". Every change is saved at once (`PlanCtx::edit`).

use super::update::UpdateStatus;
use super::{CarriedNotice, PlanCtx, status_text};
use crate::ui::ctx::{LangCtx, NavCtx};
use crate::ui::fields::{FieldErrorMessage, TextField, dom_id};
use crate::ui::focus_when_mounted;
use leptos::html;
use leptos::prelude::*;
use sxsh_core::checklist;
use sxsh_core::dates;
use sxsh_core::flow::Step;
use sxsh_core::free_text;
use sxsh_core::i18n::{LateText, Text, fill};
use sxsh_core::numbers;
use sxsh_core::plan::{ActionStatus, Figure, PlanEdit};

/// The action plan.
#[component]
pub fn PlanScreen() -> impl IntoView {
    let ctx = LangCtx::expect();
    let nav = NavCtx::expect();
    let plan = PlanCtx::expect();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    // The list is built again when an action comes or goes, not on every keystroke: each field
    // shows its value once and reports changes. The whole screen is built again on a change of
    // language, so its texts are fixed.
    let measures = Memo::new(move |_| {
        plan.kept.with(|k| k.plan.actions.iter().map(|a| a.measure.clone()).collect::<Vec<_>>())
    });
    move || {
        let lang = ctx.0.get();
        let t = move |text| lang.late(text);
        view! {
            <section class="cp-section cp-plan" aria-labelledby="cp-plan-title">
                <h2 id="cp-plan-title" class="cp-section__title" tabindex="-1" node_ref=heading>{t(LateText::PlanHeading)}</h2>
                <p>{t(LateText::PlanLead)}</p>
                <CarriedNotice />
                {move || {
                    let measures = measures.get();
                    if measures.is_empty() {
                        return view! { <p data-testid="plan-empty">{t(LateText::PlanEmpty)}</p> }.into_any();
                    }
                    view! {
                        <ol class="cp-actions" data-testid="plan-actions">
                            {measures.into_iter().map(|m| view! { <PlanAction measure=m /> }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }}
                <UpdateStatus />
                <div class="cp-nav">
                    <button type="button" class="cp-button" on:click=move |_| nav.go(Step::Results)>{t(LateText::PlanBack)}</button>
                    <button type="button" class="cp-button" data-testid="progress-open" on:click=move |_| nav.go(Step::Progress)>{t(LateText::PlanProgressOpen)}</button>
                    <button type="button" class="cp-button cp-button--primary" data-testid="update-open" on:click=move |_| nav.go(Step::ProgressUpdate)>{t(LateText::PlanUpdateOpen)}</button>
                </div>
            </section>
        }
    }
}

/// One adopted measure and its fields.
#[component]
fn PlanAction(
    /// The measure's question id.
    measure: String,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let plan = PlanCtx::expect();
    let list = checklist::active();
    let Some(action) = plan.kept.with_untracked(|k| k.plan.action(&measure).cloned()) else {
        return ().into_any();
    };
    let lang = ctx.0.get_untracked();
    let title = list.question(&measure).map(|q| lang.pick(q).to_owned()).unwrap_or(measure.clone());
    let field = |part: &str| format!("plan.{measure}.{part}");
    let due_id = dom_id(&field("due"));
    let status_id = dom_id(&field("status"));
    let set_owner = {
        let measure = measure.clone();
        Callback::new(move |owner: String| {
            plan.apply(PlanEdit::SetOwner { measure: measure.clone(), owner })
        })
    };
    let set_due = {
        let measure = measure.clone();
        move |ev| {
            plan.apply(PlanEdit::SetDue { measure: measure.clone(), due: event_target_value(&ev) })
        }
    };
    let set_status = {
        let measure = measure.clone();
        move |ev| {
            let id = event_target_value(&ev);
            if let Some(status) = ActionStatus::ALL.into_iter().find(|s| s.id() == id) {
                plan.apply(PlanEdit::SetStatus {
                    measure: measure.clone(),
                    status,
                    today: super::today(),
                });
            }
        }
    };
    let status_on = {
        let measure = measure.clone();
        move || {
            let on = plan.kept.with(|k| k.plan.action(&measure).map(|a| a.status_on.clone()))?;
            (!on.is_empty()).then(|| {
                fill(ctx.0.get().late(LateText::PlanStatusOn), &[("date", &dates::day(&on))])
            })
        }
    };
    let remove = {
        let measure = measure.clone();
        move |_| {
            if crate::ui::confirm(lang.late(LateText::PlanRemoveConfirm)) {
                plan.apply(PlanEdit::Remove { measure: measure.clone() });
            }
        }
    };
    let t = |text| lang.late(text);
    let remove_label = fill(t(LateText::PlanRemoveLabel), &[("title", &title)]);
    let options = ActionStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.id() selected=action.status == s>{t(status_text(s))}</option> })
        .collect_view();
    let unit = action.achieved.unit.clone();
    let achieved = |figure: Figure, label: LateText, unit: String| {
        view! { <AchievedField measure=measure.clone() figure=figure label=t(label) unit=unit /> }
    };
    let per_year = |unit: &str| fill(t(LateText::PlanPerYear), &[("unit", unit)]);
    // Built again on a change of language (`PlanScreen`'s list), so its texts are fixed.
    view! {
        <li class="cp-plan__action cp-panel" data-measure=measure.clone()>
            <h3 class="cp-action__title">{title}</h3>
            <p class="cp-field__hint">{fill(t(LateText::PlanAdoptedOn), &[("date", &dates::day(&action.adopted_on))])}</p>
            <TextField
                field=field("owner")
                label=Signal::stored(t(LateText::PlanOwner).to_owned())
                hint=Signal::stored(t(LateText::PlanOwnerHint).to_owned())
                error=Signal::stored(None::<String>)
                autocomplete="off"
                max_chars=free_text::NAME.max_chars
                value=action.owner.clone()
                set=set_owner
            />
            <div class="cp-field">
                <label class="cp-field__label" for=due_id.clone()>{t(LateText::PlanDue)}</label>
                <input class="cp-input cp-input--number" type="date" id=due_id prop:value=action.due.clone() on:change=set_due />
            </div>
            <div class="cp-field">
                <label class="cp-field__label" for=status_id.clone()>{t(LateText::PlanStatus)}</label>
                <select class="cp-input" id=status_id on:change=set_status>{options}</select>
                <p class="cp-field__hint">{status_on}</p>
            </div>
            <fieldset class="cp-question">
                <legend class="cp-question__legend">{t(LateText::PlanAchievedHeading)}</legend>
                <p class="cp-field__hint">{t(LateText::PlanAchievedHint)}</p>
                {achieved(Figure::Vnd, LateText::PlanAchievedVnd, lang.text(Text::ProfileUnitVnd).to_owned())}
                {(!unit.is_empty()).then(|| achieved(Figure::Quantity, LateText::PlanAchievedQuantity, per_year(&unit)))}
                {achieved(Figure::Tco2, LateText::PlanAchievedTco2, t(LateText::PlanTco2Unit).to_owned())}
            </fieldset>
            <div class="cp-nav">
                <button type="button" class="cp-button" data-testid="plan-remove" aria-label=remove_label on:click=remove>
                    {t(LateText::PlanRemove)}
                </button>
            </div>
        </li>
    }
    .into_any()
}

/// A figure the enterprise reports (empty when unknown), as `PlanEdit::SetAchieved` keeps it:
/// what is typed stays as typed; text that is not a number leaves the figure unknown and says
/// why beside the field.
#[component]
fn AchievedField(
    measure: String,
    figure: Figure,
    label: &'static str,
    unit: String,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let plan = PlanCtx::expect();
    let lang = ctx.0.get_untracked();
    let id = dom_id(&format!("plan.{measure}.{}", figure.id()));
    let shown = plan.kept.with_untracked(|k| {
        let typed = k.plan.typed_text(&measure, figure).map(str::to_owned);
        let number = k.plan.action(&measure).and_then(|a| figure.of(&a.achieved));
        typed.or_else(|| number.map(|v| numbers::format(v, lang, 4)))
    });
    let message = fill(lang.late(LateText::PlanNotNumber), &[("label", label)]);
    let error = {
        let measure = measure.clone();
        Signal::derive(move || {
            plan.kept
                .with(|k| k.plan.typed_text(&measure, figure).is_some())
                .then(|| message.clone())
        })
    };
    let on_input = move |ev| {
        plan.apply(PlanEdit::SetAchieved {
            measure: measure.clone(),
            figure,
            text: event_target_value(&ev),
            lang: ctx.0.get_untracked(),
        })
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="cp-field" class=("cp-field--error", move || error.get().is_some())>
            <label class="cp-field__label" for=id.clone()>{label}</label>
            <FieldErrorMessage id=id.clone() message=error />
            <div class="cp-field__with-unit">
                <input
                    class="cp-input cp-input--number"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    maxlength=free_text::TYPED_NUMBER.max_chars
                    id=id
                    prop:value=shown.unwrap_or_default()
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=move || error.get().is_some().then(|| error_id.clone())
                    on:input=on_input
                />
                <span class="cp-field__unit">{unit}</span>
            </div>
        </div>
    }
}

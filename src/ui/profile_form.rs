//! `<ProfileForm>`: the company profile: who the enterprise is, its sector and equipment, and its
//! annual use and cost of electricity, fuels, water, materials, chemicals and waste.

use super::ctx::{DraftCtx, LangCtx, NavCtx};
use super::error_summary::FormErrors;
use super::fields::{NumberField, TextField, dom_id};
use super::focus_when_mounted;
use leptos::html;
use leptos::prelude::*;
use sxsh_core::assessment::{
    Edit, ElectricityPart, Field, FieldIssue, FieldProblem, ProfileField, ProfileText, UsePart,
};
use sxsh_core::checklist::{self, Equipment, Stream};
use sxsh_core::flow::{self, Step};
use sxsh_core::i18n::Bilingual;
use sxsh_core::i18n::{Lang, Text, fill};
use sxsh_core::numbers::{self, NumberError};

/// The label of a profile field, used beside the field and in error messages.
pub fn field_label(field: &ProfileField, lang: Lang) -> String {
    let text = |t| lang.text(t).to_owned();
    let stream_text = |stream, part| match (stream, part) {
        (Stream::Water, UsePart::Quantity) => Some(Text::ProfileWaterQuantity),
        (Stream::Water, UsePart::CostVnd) => Some(Text::ProfileWaterCost),
        (Stream::Materials, UsePart::Quantity) => Some(Text::ProfileMaterialsQuantity),
        (Stream::Materials, UsePart::CostVnd) => Some(Text::ProfileMaterialsCost),
        (Stream::Chemicals, UsePart::Quantity) => Some(Text::ProfileChemicalsQuantity),
        (Stream::Chemicals, UsePart::CostVnd) => Some(Text::ProfileChemicalsCost),
        (Stream::Waste, UsePart::Quantity) => Some(Text::ProfileWasteQuantity),
        (Stream::Waste, UsePart::CostVnd) => Some(Text::ProfileWasteCost),
        _ => None,
    };
    match field {
        ProfileField::Text(field) => text(field.label()),
        ProfileField::Sector => text(Text::ProfileSector),
        ProfileField::Employees => text(Text::ProfileEmployees),
        ProfileField::Output => text(Text::ProfileOutput),
        ProfileField::Electricity(ElectricityPart::Kwh) => text(Text::ProfileElectricityKwh),
        ProfileField::Electricity(ElectricityPart::CostVnd) => text(Text::ProfileElectricityCost),
        ProfileField::Electricity(ElectricityPart::PeakPct) => text(Text::ProfilePeakPct),
        ProfileField::Electricity(ElectricityPart::OffPeakPct) => text(Text::ProfileOffPeakPct),
        ProfileField::Fuel(id, part @ (UsePart::Quantity | UsePart::CostVnd)) => {
            let list = checklist::profile_choices();
            let name = list.fuel(id).map(|f| lang.pick(f).to_owned()).unwrap_or_default();
            let template = if *part == UsePart::Quantity {
                Text::ProfileFuelQuantity
            } else {
                Text::ProfileFuelCost
            };
            fill(lang.text(template), &[("fuel", &name)])
        }
        ProfileField::Stream(stream, part) if stream_text(*stream, *part).is_some() => {
            stream_text(*stream, *part).map(text).unwrap_or_default()
        }
        ProfileField::EndUse(id) => {
            checklist::current().end_use(id).map_or_else(|| id.clone(), |e| lang.pick(e).to_owned())
        }
        other => other.to_string(),
    }
}

/// The message for a number the user typed that we do not accept.
pub fn number_message(error: NumberError, label: &str, lang: Lang) -> String {
    let template = match error {
        NumberError::NotANumber => Text::ErrorsNotANumber,
        NumberError::Ambiguous => Text::ErrorsAmbiguous,
        NumberError::Negative => Text::ErrorsNegative,
        NumberError::TooLarge => Text::ErrorsTooLarge,
    };
    let label = label.to_lowercase();
    let message = fill(lang.text(template), &[("field", &label)]);
    let mut chars = message.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// The message for one profile issue.
fn issue_message(issue: &FieldIssue, lang: Lang) -> String {
    match issue.problem {
        FieldProblem::Required
            if issue.field == Field::Profile(ProfileField::Text(ProfileText::Company)) =>
        {
            lang.text(Text::ErrorsCompanyRequired).to_owned()
        }
        FieldProblem::Required => lang.text(Text::ErrorsSectorRequired).to_owned(),
        FieldProblem::SharesOver100 => lang.text(Text::ErrorsSharesOver100).to_owned(),
        FieldProblem::Number(error) => {
            number_message(error, &issue_label(&issue.field, lang), lang)
        }
        FieldProblem::OutOfRange => issue_label(&issue.field, lang),
        FieldProblem::Text(problem) => problem.message(&issue_label(&issue.field, lang), lang),
    }
}

/// The label of the field an issue is about (the profile only has profile fields).
fn issue_label(field: &Field, lang: Lang) -> String {
    match field {
        Field::Profile(field) => field_label(field, lang),
        Field::Answer(_) => field.id(),
    }
}

/// A profile text field's current value.
fn profile_text(field: ProfileText) -> String {
    let DraftCtx(draft) = DraftCtx::expect();
    draft.with_untracked(|d| d.profile.clone().text_mut(field).clone())
}

/// Writes a profile text field into the draft.
fn set_profile_text(field: ProfileText) -> Callback<String> {
    let DraftCtx(draft) = DraftCtx::expect();
    Callback::new(move |text| draft.update(|d| d.apply(Edit::SetText(field, text))))
}

/// The id of a profile text field, for its element.
fn text_id(field: ProfileText) -> String {
    ProfileField::Text(field).to_string()
}

/// The company profile form.
#[component]
pub fn ProfileForm() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let nav = NavCtx::expect();
    let list = checklist::profile_choices();
    let heading = NodeRef::<html::H2>::new();
    focus_when_mounted(heading);
    let errors = FormErrors::new(issue_message);
    let error_for = move |field: ProfileField| errors.message_for(Field::Profile(field));
    let text_error = move |field: ProfileText| error_for(ProfileField::Text(field));
    let label = move |t: Text| Signal::derive(move || ctx.text(t).to_owned());
    let required = move |t: Text| {
        Signal::derive(move || format!("{} {}", ctx.text(t), ctx.text(Text::ProfileRequired)))
    };
    let number = move |field: ProfileField, label_text: Signal<String>, unit: Signal<String>| {
        let f = Field::Profile(field.clone());
        let stored = Signal::derive({
            let f = f.clone();
            move || draft.with(|d| (d.typed_text(&f).cloned(), d.profile.number(&field)))
        });
        view! { <NumberField field=f.clone() label=label_text unit=unit error=errors.message_for(f) stored=stored /> }
    };
    let unit = move |t: Text| Signal::derive(move || ctx.text(t).to_owned());
    let fuel_rows = list
        .fuels
        .iter()
        .map(|fuel| {
            let q = ProfileField::Fuel(fuel.id.clone(), UsePart::Quantity);
            let c = ProfileField::Fuel(fuel.id.clone(), UsePart::CostVnd);
            let unit_text = fuel.unit.clone();
            let q_label = Signal::derive({
                let q = q.clone();
                move || field_label(&q, ctx.0.get())
            });
            let c_label = Signal::derive({
                let c = c.clone();
                move || field_label(&c, ctx.0.get())
            });
            let per_year = Signal::derive(move || {
                format!("{unit_text}{}", ctx.text(Text::ProfileUnitPerYear))
            });
            view! {
                <div class="cp-fuel">
                    {number(q, q_label, per_year)}
                    {number(c, c_label, unit(Text::ProfileUnitVnd))}
                    <p class="cp-field__hint">
                        {move || {
                            let lang = ctx.0.get();
                            match (fuel.price_vnd_per_unit, fuel.price_year) {
                                (Some(price), Some(year)) => fill(
                                    lang.text(Text::ProfileDefaultPrice),
                                    &[
                                        ("price", &numbers::format_vnd(price, lang)),
                                        ("unit", &fuel.unit),
                                        ("year", &year.to_string()),
                                    ],
                                ),
                                // No current sourced price: the note asks for the factory's own.
                                _ => match lang {
                                    Lang::Vi => fuel.price_note_vi.clone(),
                                    Lang::En => fuel.price_note_en.clone(),
                                }
                                .unwrap_or_default(),
                            }
                        }}
                    </p>
                </div>
            }
        })
        .collect_view();
    let proceed = move |_| {
        if errors.check(draft.with_untracked(|d| d.profile_issues(ctx.0.get_untracked()))) {
            draft.with_untracked(|d| nav.forward(d, Step::Profile));
        }
    };
    let back = move |_| draft.with_untracked(|d| nav.go(flow::previous(list, d, Step::Profile)));
    let price_years = price_years(list);
    view! {
        <section class="cp-section" aria-labelledby="cp-profile-title">
            {errors.summary()}
            <h2 id="cp-profile-title" class="cp-section__title" tabindex="-1" node_ref=heading>{label(Text::ProfileHeading)}</h2>
            <p>{label(Text::ProfileIntro)}</p>
            <TextField field=text_id(ProfileText::Company) max_chars=ProfileText::Company.rule().max_chars value=profile_text(ProfileText::Company) set=set_profile_text(ProfileText::Company) label=required(Text::ProfileCompany) error=text_error(ProfileText::Company) autocomplete="organization" />
            <SectorChoice error=error_for(ProfileField::Sector) />
            <TextField field=text_id(ProfileText::Ward) max_chars=ProfileText::Ward.rule().max_chars value=profile_text(ProfileText::Ward) set=set_profile_text(ProfileText::Ward) label=label(Text::ProfileWard) error=text_error(ProfileText::Ward) />
            {number(ProfileField::Employees, label(Text::ProfileEmployees), unit(Text::ProfileUnitPeople))}
            <TextField field=text_id(ProfileText::Products) max_chars=ProfileText::Products.rule().max_chars value=profile_text(ProfileText::Products) set=set_profile_text(ProfileText::Products) label=label(Text::ProfileProducts) error=text_error(ProfileText::Products) />
            {number(ProfileField::Output, label(Text::ProfileOutput), Signal::derive(move || draft.with(|d| d.profile.output_unit.clone())))}
            <TextField field=text_id(ProfileText::OutputUnit) max_chars=ProfileText::OutputUnit.rule().max_chars value=profile_text(ProfileText::OutputUnit) set=set_profile_text(ProfileText::OutputUnit) label=label(Text::ProfileOutputUnit) hint=label(Text::ProfileOutputUnitHint) error=text_error(ProfileText::OutputUnit) />
            <StageChoice />
            <EquipmentChoice />
            <h3>{label(Text::ProfileEnergyHeading)}</h3>
            {number(ProfileField::Electricity(ElectricityPart::Kwh), label(Text::ProfileElectricityKwh), unit(Text::ProfileUnitKwh))}
            {number(ProfileField::Electricity(ElectricityPart::CostVnd), label(Text::ProfileElectricityCost), unit(Text::ProfileUnitVnd))}
            <p class="cp-field__hint">{label(Text::ProfileElectricityCostHint)}</p>
            <VoltageChoice />
            {number(ProfileField::Electricity(ElectricityPart::PeakPct), label(Text::ProfilePeakPct), unit(Text::ProfileUnitPct))}
            {number(ProfileField::Electricity(ElectricityPart::OffPeakPct), label(Text::ProfileOffPeakPct), unit(Text::ProfileUnitPct))}
            <h3>{label(Text::ProfileFuelsHeading)}</h3>
            <p class="cp-field__hint">
                {move || fill(ctx.text(Text::ProfileFuelsHint), &[("year", &price_years)])}
            </p>
            {fuel_rows}
            <h3>{label(Text::ProfileWaterHeading)}</h3>
            {number(ProfileField::Stream(Stream::Water, UsePart::Quantity), label(Text::ProfileWaterQuantity), unit(Text::ProfileUnitM3))}
            {number(ProfileField::Stream(Stream::Water, UsePart::CostVnd), label(Text::ProfileWaterCost), unit(Text::ProfileUnitVnd))}
            <p class="cp-field__hint">{move || ctx.0.get().pick(&WaterNote).to_owned()}</p>
            <h3>{label(Text::ProfileMaterialsHeading)}</h3>
            <TextField field=text_id(ProfileText::MaterialsName) max_chars=ProfileText::MaterialsName.rule().max_chars value=profile_text(ProfileText::MaterialsName) set=set_profile_text(ProfileText::MaterialsName) label=label(Text::ProfileMaterialsName) error=text_error(ProfileText::MaterialsName) />
            {number(ProfileField::Stream(Stream::Materials, UsePart::Quantity), label(Text::ProfileMaterialsQuantity), unit(Text::ProfileUnitT))}
            {number(ProfileField::Stream(Stream::Materials, UsePart::CostVnd), label(Text::ProfileMaterialsCost), unit(Text::ProfileUnitVnd))}
            {number(ProfileField::Stream(Stream::Chemicals, UsePart::Quantity), label(Text::ProfileChemicalsQuantity), unit(Text::ProfileUnitT))}
            {number(ProfileField::Stream(Stream::Chemicals, UsePart::CostVnd), label(Text::ProfileChemicalsCost), unit(Text::ProfileUnitVnd))}
            {number(ProfileField::Stream(Stream::Waste, UsePart::Quantity), label(Text::ProfileWasteQuantity), unit(Text::ProfileUnitT))}
            {number(ProfileField::Stream(Stream::Waste, UsePart::CostVnd), label(Text::ProfileWasteCost), unit(Text::ProfileUnitVnd))}
            <div class="cp-nav">
                <button type="button" class="cp-button" on:click=back>{label(Text::StepsPrevious)}</button>
                <button type="button" class="cp-button cp-button--primary" data-testid="continue" on:click=proceed>
                    {move || if nav.changing.get().is_some() { ctx.text(Text::NavReviewBack) } else { ctx.text(Text::StepsNext) }}
                </button>
            </div>
        </section>
    }
}

/// The years of the fuels' reference prices, as "2021–2025" (or one year), from the content.
fn price_years(list: &checklist::Checklist) -> String {
    let years = list.fuels.iter().filter_map(|f| f.price_year);
    match (years.clone().min(), years.max()) {
        (Some(low), Some(high)) if low < high => format!("{low}–{high}"),
        (Some(year), _) => year.to_string(),
        _ => String::new(),
    }
}

/// The water-price note from the checklist data (no Huế tariff was found).
struct WaterNote;

impl Bilingual for WaterNote {
    fn vi(&self) -> &str {
        &checklist::profile_choices().water.comparator_note_vi
    }
    fn en(&self) -> &str {
        &checklist::profile_choices().water.comparator_note_en
    }
}

/// The sector, as a required radio group.
#[component]
fn SectorChoice(
    /// The error message, when no sector is chosen.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let id = dom_id(&ProfileField::Sector.to_string());
    let options = checklist::profile_choices()
        .sectors
        .iter()
        .enumerate()
        .map(|(i, sector)| {
            // The first radio carries the field id, so the error summary can focus the group.
            let input_id = if i == 0 { id.clone() } else { format!("{id}-{}", sector.id) };
            let checked = move || draft.with(|d| d.profile.sector.as_deref() == Some(sector.id.as_str()));
            view! {
                <div class="cp-choice">
                    <input
                        type="radio"
                        class="cp-choice__input"
                        name="cp-sector"
                        id=input_id.clone()
                        value=sector.id.clone()
                        prop:checked=checked
                        on:change=move |_| draft.update(|d| d.apply(Edit::SetSector(Some(sector.id.clone()))))
                    />
                    <label class="cp-choice__label" for=input_id>{move || ctx.0.get().pick(sector).to_owned()}</label>
                </div>
            }
        })
        .collect_view();
    let error_id = format!("{id}-error");
    view! {
        <fieldset
            class="cp-question cp-field"
            class=("cp-field--error", move || error.get().is_some())
            aria-describedby=move || error.get().map(|_| error_id.clone())
        >
            <legend class="cp-question__legend">
                {move || format!("{} {}", ctx.text(Text::ProfileSector), ctx.text(Text::ProfileRequired))}
            </legend>
            <super::fields::FieldErrorMessage id=id message=error />
            <div class="cp-question__choices cp-question__choices--wide">{options}</div>
        </fieldset>
    }
}

/// The stages the factory runs, as checkboxes: the chosen sector's (none for a sector without
/// stages, and nothing before a sector is chosen).
#[component]
fn StageChoice() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let sector = Memo::new(move |_| draft.with(|d| d.profile.sector.clone()));
    move || {
        let sector = sector.get()?;
        let stages: Vec<&'static Equipment> =
            checklist::profile_choices().stages_of(&sector).collect();
        (!stages.is_empty()).then(|| {
            view! {
                <fieldset class="cp-question" aria-describedby="cp-stages-hint">
                    <legend class="cp-question__legend">{move || ctx.text(Text::ProfileStages)}</legend>
                    <p class="cp-field__hint" id="cp-stages-hint">{move || ctx.text(Text::ProfileStagesHint)}</p>
                    <div class="cp-question__choices cp-question__choices--wide">{equipment_boxes(stages)}</div>
                </fieldset>
            }
        })
    }
}

/// The equipment present at the factory, as checkboxes (not the sectors' stages).
#[component]
fn EquipmentChoice() -> impl IntoView {
    let ctx = LangCtx::expect();
    let equipment =
        checklist::profile_choices().equipment.iter().filter(|e| e.sectors.is_empty()).collect();
    view! {
        <fieldset class="cp-question" aria-describedby="cp-equipment-hint">
            <legend class="cp-question__legend">{move || ctx.text(Text::ProfileEquipment)}</legend>
            <p class="cp-field__hint" id="cp-equipment-hint">{move || ctx.text(Text::ProfileEquipmentHint)}</p>
            <div class="cp-question__choices cp-question__choices--wide">{equipment_boxes(equipment)}</div>
        </fieldset>
    }
}

/// One checkbox per piece of equipment or stage, ticked when the profile has it.
fn equipment_boxes(items: Vec<&'static Equipment>) -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    items
        .into_iter()
        .map(|equipment| {
            let input_id = dom_id(&format!("equipment.{}", equipment.id));
            let checked = move || draft.with(|d| d.profile.equipment.contains(&equipment.id));
            view! {
                <div class="cp-choice">
                    <input
                        type="checkbox"
                        class="cp-choice__input"
                        id=input_id.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let present = event_target_checked(&ev);
                            draft.update(|d| d.apply(Edit::SetEquipment(equipment.id.clone(), present)))
                        }
                    />
                    <label class="cp-choice__label" for=input_id>{move || ctx.0.get().pick(equipment).to_owned()}</label>
                </div>
            }
        })
        .collect_view()
}

/// The EVN voltage level, which prices the electricity when no bill total is given.
#[component]
fn VoltageChoice() -> impl IntoView {
    let ctx = LangCtx::expect();
    let DraftCtx(draft) = DraftCtx::expect();
    let list = checklist::profile_choices();
    let id = dom_id("electricity.voltage_level");
    let selected =
        move || draft.with(|d| d.profile.electricity.voltage_level.clone().unwrap_or_default());
    view! {
        <div class="cp-field">
            <label class="cp-field__label" for=id.clone()>{move || ctx.text(Text::ProfileVoltage)}</label>
            <p class="cp-field__hint" id=format!("{id}-hint")>
                {move || {
                    let lang = ctx.0.get();
                    let note = match lang {
                        Lang::Vi => &list.electricity.tariff_note_vi,
                        Lang::En => &list.electricity.tariff_note_en,
                    };
                    fill(lang.text(Text::ProfileTariffSource), &[("note", note)])
                }}
            </p>
            <select
                class="cp-input cp-select"
                id=id.clone()
                aria-describedby=format!("{id}-hint")
                prop:value=selected
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    draft.update(|d| d.apply(Edit::SetVoltageLevel((!value.is_empty()).then_some(value))))
                }
            >
                <option value="">{move || ctx.text(Text::ProfileVoltageNone)}</option>
                {list
                    .electricity
                    .voltage_levels
                    .iter()
                    .map(|level| view! { <option value=level.id.clone()>{move || ctx.0.get().pick(level).to_owned()}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

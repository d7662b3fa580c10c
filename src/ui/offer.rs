//! The Department's own offer, as the host page states it (`config::offer`): its rapid
//! assessment (free, how many days), its courses, its contact person. Each is shown only where
//! the host gives it: without the attributes the widget says nothing of them. In the closing
//! screens' code (the learn page, the results, the request form, the PDF's support section).

use super::ctx::LangCtx;
use crate::config::{self, Offer};
use leptos::prelude::*;
use std::cell::Cell;
use sxsh_core::i18n::{Lang, LateText, Text, fill};

thread_local! {
    /// Whether the host's unusable offer attributes were told in the console already.
    static WARNED: Cell<bool> = const { Cell::new(false) };
}

/// The offer the host page states on the element the widget is in (read here, in the closing
/// screens' code, not with the rest of `Config`); its unusable attributes are told once, in the
/// console. Nothing without that element (a test's mount).
pub fn offer() -> Offer {
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(config::HOST_ID));
    let (offer, warnings) = config::offer(|name| host.as_ref()?.get_attribute(name));
    if !WARNED.with(|w| w.replace(true)) {
        warnings.iter().for_each(|w| super::warn(w));
    }
    offer
}

/// "Ask the Department for a rapid CP assessment at your factory (free of charge, over 2–3
/// days)." with only what the host states in the brackets.
pub fn rapid_line(offer: &Offer, lang: Lang) -> String {
    let mut details = Vec::new();
    if offer.free {
        details.push(lang.late(LateText::OfferFree).to_owned());
    }
    if let Some(days) = offer.days_text() {
        details.push(fill(lang.late(LateText::OfferDays), &[("days", &days)]));
    }
    let base = lang.text(Text::ResultsNextRequest);
    if details.is_empty() {
        format!("{base}.")
    } else {
        format!("{base} ({}).", details.join(", "))
    }
}

/// The courses as the host describes them in `lang` (else in the other language), with their
/// address.
pub fn courses_line(offer: &Offer, lang: Lang) -> Option<String> {
    if !offer.courses() {
        return None;
    }
    let (mine, other) = match lang {
        Lang::Vi => (&offer.courses_vi, &offer.courses_en),
        Lang::En => (&offer.courses_en, &offer.courses_vi),
    };
    let text = mine.as_ref().or(other.as_ref());
    let parts: Vec<&str> =
        [text, offer.courses_url.as_ref()].into_iter().flatten().map(String::as_str).collect();
    Some(format!("{} {}", lang.late(LateText::OfferCourses), parts.join(" ")))
}

/// The contact person, if the host names one.
pub fn contact_line(offer: &Offer, lang: Lang) -> Option<String> {
    offer.contact().map(|c| format!("{} {c}", lang.late(LateText::OfferContact)))
}

/// The offer as the PDF's first support entry (title, what it offers, how to apply), if the
/// host states any of it.
pub fn support_entry(offer: &Offer, lang: Lang) -> Option<(String, String, String)> {
    if !offer.rapid() && !offer.courses() && offer.contact().is_none() {
        return None;
    }
    let offers = [offer.rapid().then(|| rapid_line(offer, lang)), courses_line(offer, lang)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let apply =
        contact_line(offer, lang).unwrap_or_else(|| lang.text(Text::RequestOpen).to_owned());
    Some((lang.text(Text::RequestHeading).to_owned(), offers, apply))
}

/// The offer's lines that the host states: the rapid assessment's terms, the courses, the
/// contact person. Nothing at all without them.
#[component]
pub fn DepartmentOffer() -> impl IntoView {
    let ctx = LangCtx::expect();
    let offer = offer();
    move || {
        let lang = ctx.0.get();
        let rapid = offer.rapid().then(|| rapid_line(&offer, lang));
        let courses = courses_line(&offer, lang);
        let contact = contact_line(&offer, lang);
        (rapid.is_some() || courses.is_some() || contact.is_some()).then(|| {
            view! {
                <ul class="cp-offer" data-testid="offer">
                    {rapid.map(|t| view! { <li data-testid="offer-rapid">{t}</li> })}
                    {courses.map(|t| view! { <li data-testid="offer-courses">{t}</li> })}
                    {contact.map(|t| view! { <li data-testid="offer-contact">{t}</li> })}
                </ul>
            }
        })
    }
}

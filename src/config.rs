//! The host page's configuration of the widget, read from the container's `data-*` attributes.
//!
//! Every attribute is optional. A missing attribute takes its default silently; a present but
//! unusable one takes its default and yields a warning that names the attribute, so the
//! webmaster sees in the console what to fix while the widget still starts. Pure.

use sxsh_core::i18n::Lang;

/// The widget's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub lang: Lang,
    /// Where requests for a rapid assessment are sent (same-origin path or https URL).
    pub endpoint: Option<String>,
    /// The department's name as shown to users; `None` uses the built-in Huế department text.
    pub department: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// An accent colour `#rrggbb` dark enough for white text (contrast ≥ 4.5:1).
    pub accent: Option<String>,
    /// A checklist JSON that replaces the built-in one if it passes validation.
    pub checklist_url: Option<String>,
    /// The URL of the folder the widget's files are in (fonts are fetched from `fonts/` there).
    pub assets: String,
}

/// The id of the host element the widget mounts into (the only element it touches).
pub const HOST_ID: &str = "sxsh-widget";

/// What only the Department can say, each from the host page or not at all: its rapid
/// assessment (free or not, how many days), its courses, its contact person. Not in `Config`:
/// only the closing screens show them, so they are read there (`offer`) and the page module
/// carries neither the names nor their checks.
pub const OFFER_ATTRIBUTES: [&str; 8] = [
    "data-rapid-assessment-free",
    "data-rapid-assessment-days",
    "data-courses-vi",
    "data-courses-en",
    "data-courses-url",
    "data-contact-name",
    "data-contact-phone",
    "data-contact-email",
];

/// The longest text a host may give for courses, and for a contact person's name.
pub const COURSES_MAX: usize = 300;
pub const NAME_MAX: usize = 100;

/// The Department's offer, as far as the host page states it; `None` or `false` means the widget
/// says nothing of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Offer {
    /// `data-rapid-assessment-free="true"`.
    pub free: bool,
    /// `data-rapid-assessment-days`: one number of days or a range, 1–60.
    pub days: Option<(u8, u8)>,
    /// `data-courses-vi` / `data-courses-en`: what courses the Department runs (text only).
    pub courses_vi: Option<String>,
    pub courses_en: Option<String>,
    /// `data-courses-url`: where they are listed.
    pub courses_url: Option<String>,
    /// `data-contact-name`, `data-contact-phone`, `data-contact-email`: whom to call.
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
}

impl Offer {
    /// Whether the host says anything of the rapid assessment.
    pub fn rapid(&self) -> bool {
        self.free || self.days.is_some()
    }

    /// Whether the Department runs courses, as the host says.
    pub fn courses(&self) -> bool {
        self.courses_vi.is_some() || self.courses_en.is_some() || self.courses_url.is_some()
    }

    /// The days as people write them: "3" or "2–3".
    pub fn days_text(&self) -> Option<String> {
        self.days.map(|(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") })
    }

    /// The contact person's name, phone and e-mail, those that are given, joined.
    pub fn contact(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.contact_name, &self.contact_phone, &self.contact_email]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// A host's text: one line, bounded, no markup, control or bidi character.
fn plain_text(value: &str, max: usize) -> Result<String, &'static str> {
    if value.chars().count() > max {
        return Err("is too long");
    }
    let bad = |c: char| {
        c.is_control()
            || matches!(c, '<' | '>' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if value.chars().any(bad) {
        return Err("must be plain text (no markup, control or direction characters)");
    }
    Ok(value.to_owned())
}

fn plausible_email(value: &str) -> bool {
    value.len() <= 254
        && value.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        && !value.contains([' ', '<', '>', '"', '?', '&'])
}

fn plausible_phone(value: &str) -> bool {
    value.len() <= 40
        && value.chars().filter(char::is_ascii_digit).count() >= 6
        && value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// Reads the Department's offer (`OFFER_ATTRIBUTES`); `attribute` gives an attribute's value by
/// name. One warning per unusable attribute, which is then ignored.
pub fn offer(attribute: impl Fn(&str) -> Option<String>) -> (Offer, Vec<String>) {
    let mut offer = Offer::default();
    let mut warnings = Vec::new();
    for name in OFFER_ATTRIBUTES {
        let Some(value) = attribute(name) else { continue };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let mut warn = |why: &str| warnings.push(format!("SXSH widget: {name} {why}; ignored"));
        match name {
            "data-rapid-assessment-free" => match value {
                "true" => offer.free = true,
                "false" => {}
                _ => warn("must be \"true\" or \"false\""),
            },
            "data-rapid-assessment-days" => {
                let number = |t: &str| t.trim().parse::<u8>().ok().filter(|d| (1..=60).contains(d));
                let days = match value.split_once(['-', '–']) {
                    Some((a, b)) => number(a).zip(number(b)).filter(|(a, b)| a < b),
                    None => number(value).map(|d| (d, d)),
                };
                match days {
                    Some(days) => offer.days = Some(days),
                    None => warn("must be a number of days or a range such as 2-3 (1 to 60)"),
                }
            }
            "data-courses-url" => {
                if is_url(value) && plain_text(value, 500).is_ok() && !value.contains('"') {
                    offer.courses_url = Some(value.to_owned());
                } else {
                    warn("must be a URL (https://…, http://… or a path starting with /)");
                }
            }
            "data-contact-phone" => {
                if plausible_phone(value) {
                    offer.contact_phone = Some(value.to_owned());
                } else {
                    warn("is not a phone number");
                }
            }
            "data-contact-email" => {
                if plausible_email(value) {
                    offer.contact_email = Some(value.to_owned());
                } else {
                    warn("is not an e-mail address");
                }
            }
            _ => {
                let (slot, max) = match name {
                    "data-courses-vi" => (&mut offer.courses_vi, COURSES_MAX),
                    "data-courses-en" => (&mut offer.courses_en, COURSES_MAX),
                    _ => (&mut offer.contact_name, NAME_MAX),
                };
                match plain_text(value, max) {
                    Ok(text) => *slot = Some(text),
                    Err(why) => warn(why),
                }
            }
        }
    }
    (offer, warnings)
}

impl Default for Config {
    fn default() -> Config {
        Config {
            lang: Lang::Vi,
            endpoint: None,
            department: None,
            email: None,
            phone: None,
            accent: None,
            checklist_url: None,
            assets: String::new(),
        }
    }
}

fn is_url(value: &str) -> bool {
    value.starts_with("https://")
        || value.starts_with("http://")
        || value.starts_with('/')
        || value.starts_with("./")
}

fn channel(hex: &str) -> Option<f64> {
    u8::from_str_radix(hex, 16).ok().map(|v| {
        let c = f64::from(v) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    })
}

/// The WCAG contrast ratio of a `#rrggbb` colour against white, if it is one.
pub fn contrast_with_white(colour: &str) -> Option<f64> {
    let hex = colour
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))?;
    let (r, g, b) = (channel(&hex[0..2])?, channel(&hex[2..4])?, channel(&hex[4..6])?);
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    Some(1.05 / (luminance + 0.05))
}

/// A darker shade of a `#rrggbb` colour (each channel × 0.72), for hover states and text on
/// light backgrounds; the default accent #0b6e4f gives the default dark accent #084f39.
pub fn darken(colour: &str) -> Option<String> {
    let hex = colour.strip_prefix('#').filter(|h| h.len() == 6)?;
    let mut out = String::from("#");
    for i in [0, 2, 4] {
        let v = u8::from_str_radix(&hex[i..i + 2], 16).ok()?;
        out += &format!("{:02x}", (f64::from(v) * 0.72).round() as u8);
    }
    Some(out)
}

/// Reads the configuration; `attribute` gives an attribute's value by name. Returns the
/// configuration and one warning per unusable attribute.
pub fn read(attribute: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let mut warn = |name: &str, why: &str| {
        warnings.push(format!("SXSH widget: {name} {why}; using the default"))
    };
    let get = |name: &str| attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

    if let Some(tag) = get("data-lang") {
        match Lang::from_tag(&tag) {
            Some(lang) => config.lang = lang,
            None => warn("data-lang", "must be \"vi\" or \"en\""),
        }
    }
    for (name, slot) in
        [("data-endpoint", &mut config.endpoint), ("data-checklist-url", &mut config.checklist_url)]
    {
        if let Some(value) = get(name) {
            if is_url(&value) {
                *slot = Some(value);
            } else {
                warn(name, "must be a URL (https://…, http://… or a path starting with /)");
            }
        }
    }
    if let Some(value) = get("data-department") {
        config.department = Some(value.chars().take(200).collect());
    }
    if let Some(value) = get("data-email") {
        if plausible_email(&value) {
            config.email = Some(value)
        } else {
            warn("data-email", "is not an e-mail address")
        }
    }
    if let Some(value) = get("data-phone") {
        if plausible_phone(&value) {
            config.phone = Some(value)
        } else {
            warn("data-phone", "is not a phone number")
        }
    }
    if let Some(value) = get("data-accent") {
        match contrast_with_white(&value) {
            Some(ratio) if ratio >= 4.5 => config.accent = Some(value.to_ascii_lowercase()),
            Some(_) => warn("data-accent", "is too light for white text (contrast below 4.5:1)"),
            None => warn("data-accent", "must be a colour like #0b6e4f"),
        }
    }
    if let Some(value) = get("data-assets") {
        if is_url(&value) {
            config.assets = if value.ends_with('/') { value } else { format!("{value}/") };
        } else {
            warn("data-assets", "must be a URL of the folder holding the widget's files");
        }
    }
    (config, warnings)
}

/// The intake service's address for progress updates, beside the requests' (`data-endpoint`):
/// a last path segment `requests` becomes `progress` (`/api/requests` → `/api/progress`, as the
/// service serves them); any other address gets `/progress` appended.
pub fn progress_endpoint(requests: &str) -> String {
    let trimmed = requests.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((base, "requests")) => format!("{base}/progress"),
        _ => format!("{trimmed}/progress"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read_map(pairs: &[(&str, &str)]) -> (Config, Vec<String>) {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        read(|name| map.get(name).cloned())
    }

    #[test]
    fn no_attributes_give_the_defaults_without_warnings() {
        assert_eq!(read_map(&[]), (Config::default(), Vec::new()));
    }

    #[test]
    fn good_attributes_are_taken() {
        let (config, warnings) = read_map(&[
            ("data-lang", "en"),
            ("data-endpoint", "/api/requests"),
            ("data-department", "Sở Công Thương Huế"),
            ("data-email", "sxsh@example.gov.vn"),
            ("data-phone", "+84 234 3822 000"),
            ("data-accent", "#1F4E79"),
            ("data-assets", "https://cdn.example.gov.vn/sxsh"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.lang, Lang::En);
        assert_eq!(config.accent.as_deref(), Some("#1f4e79"));
        assert_eq!(config.assets, "https://cdn.example.gov.vn/sxsh/");
    }

    #[test]
    fn bad_attributes_fall_back_and_each_warning_names_its_attribute() {
        let (config, warnings) = read_map(&[
            ("data-lang", "fr"),
            ("data-endpoint", "javascript:alert(1)"),
            ("data-email", "not an email"),
            ("data-phone", "call us"),
            ("data-accent", "#ffff00"),
            ("data-checklist-url", "ftp://x"),
        ]);
        assert_eq!(config, Config::default());
        for name in [
            "data-lang",
            "data-endpoint",
            "data-email",
            "data-phone",
            "data-accent",
            "data-checklist-url",
        ] {
            assert!(
                warnings.iter().any(|w| w.contains(name)),
                "no warning names {name}: {warnings:?}"
            );
        }
        assert_eq!(read_map(&[("data-accent", "green")]).1.len(), 1);
    }

    fn offer_of(pairs: &[(&str, &str)]) -> (Offer, Vec<String>) {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        offer(|name| map.get(name).map(|v| (*v).to_owned()))
    }

    #[test]
    fn without_offer_attributes_the_widget_offers_nothing() {
        let (offer, warnings) = offer_of(&[("data-department", "Sở Công Thương")]);
        assert_eq!(offer, Offer::default());
        assert!(warnings.is_empty());
        assert!(!offer.rapid() && !offer.courses() && offer.contact().is_none());
    }

    #[test]
    fn good_offer_attributes_are_taken() {
        let (offer, warnings) = offer_of(&[
            ("data-rapid-assessment-free", "true"),
            ("data-rapid-assessment-days", " 2-3 "),
            ("data-courses-vi", "Lớp tập huấn SXSH hằng quý"),
            ("data-courses-en", "Quarterly CP training"),
            ("data-courses-url", "https://sct.example.gov.vn/tap-huan"),
            ("data-contact-name", "Nguyễn Văn A"),
            ("data-contact-phone", "0234 3822 000"),
            ("data-contact-email", "sxsh@example.gov.vn"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(offer.free && offer.rapid() && offer.courses());
        assert_eq!(offer.days_text().as_deref(), Some("2–3"));
        assert_eq!(
            offer.contact().as_deref(),
            Some("Nguyễn Văn A · 0234 3822 000 · sxsh@example.gov.vn")
        );
        assert_eq!(
            offer_of(&[("data-rapid-assessment-days", "3")]).0.days_text().as_deref(),
            Some("3")
        );
        assert_eq!(offer_of(&[("data-rapid-assessment-days", "2–3")]).0.days, Some((2, 3)));
        assert!(!offer_of(&[("data-rapid-assessment-free", "false")]).0.rapid());
    }

    #[test]
    fn bad_offer_attributes_are_ignored_and_each_warning_names_its_attribute() {
        let long = "x".repeat(COURSES_MAX + 1);
        let bad = [
            ("data-rapid-assessment-free", "yes"),
            ("data-rapid-assessment-days", "0"),
            ("data-courses-vi", "<b>Khóa học</b>"),
            ("data-courses-en", long.as_str()),
            ("data-courses-url", "javascript:alert(1)"),
            ("data-contact-name", "A\u{202e}B"),
            ("data-contact-phone", "call us"),
            ("data-contact-email", "nobody"),
        ];
        let (offer, warnings) = offer_of(&bad);
        assert_eq!(offer, Offer::default());
        for (name, _) in bad {
            assert!(
                warnings.iter().any(|w| w.contains(name)),
                "no warning names {name}: {warnings:?}"
            );
        }
        for days in ["3-2", "61", "2-3-4", "two", "1-100"] {
            assert_eq!(offer_of(&[("data-rapid-assessment-days", days)]).0.days, None, "{days}");
        }
        let name = "y".repeat(NAME_MAX + 1);
        assert_eq!(offer_of(&[("data-contact-name", &name)]).0.contact_name, None);
        // The longest allowed text is taken whole.
        let most = "z".repeat(COURSES_MAX);
        assert_eq!(offer_of(&[("data-courses-vi", &most)]).0.courses_vi, Some(most));
    }

    #[test]
    fn the_default_accent_darkens_to_the_default_dark_accent() {
        assert_eq!(darken("#0b6e4f").as_deref(), Some("#084f39"));
        assert_eq!(darken("#ffffff").as_deref(), Some("#b8b8b8"));
        assert_eq!(darken("green"), None);
    }

    #[test]
    fn contrast_follows_wcag() {
        let white = contrast_with_white("#ffffff").expect("a colour");
        assert!((white - 1.0).abs() < 1e-9);
        let black = contrast_with_white("#000000").expect("a colour");
        assert!((black - 21.0).abs() < 1e-9);
        assert!(contrast_with_white("#0b6e4f").expect("a colour") >= 4.5);
    }

    #[test]
    fn progress_updates_go_beside_the_requests() {
        assert_eq!(progress_endpoint("/api/requests"), "/api/progress");
        assert_eq!(progress_endpoint("/api/requests/"), "/api/progress");
        assert_eq!(
            progress_endpoint("https://sct.example.gov.vn/sxsh/api/requests"),
            "https://sct.example.gov.vn/sxsh/api/progress"
        );
        assert_eq!(progress_endpoint("/intake"), "/intake/progress");
    }
}

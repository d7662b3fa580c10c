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
        let plausible = value.len() <= 254
            && value
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !value.contains([' ', '<', '>', '"', '?', '&']);
        if plausible {
            config.email = Some(value)
        } else {
            warn("data-email", "is not an e-mail address")
        }
    }
    if let Some(value) = get("data-phone") {
        let plausible = value.chars().filter(char::is_ascii_digit).count() >= 6
            && value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if plausible {
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
}

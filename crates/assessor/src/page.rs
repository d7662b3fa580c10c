//! What the service's page tells the app, read from the host element's `data-*` attributes
//! (`server/templates/rapid_record.html`): the receipt of the request, the session's CSRF token
//! the app sends with every save, the logged-in assessor's username (the drafts on this device
//! are kept per assessor: on a shared tablet nobody inherits another's unsent draft), and the
//! interface language (the same `lang` cookie as every
//! staff page; the page's switch reloads it). Pure.

use sxsh_core::i18n::Lang;

/// The DOM id of the element the app mounts into.
pub const HOST_ID: &str = "sxsh-assessor";

/// The app's settings from its page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub receipt: String,
    pub csrf: String,
    pub username: String,
    pub lang: Lang,
}

impl Page {
    /// Where the record is read and saved.
    pub fn api_url(&self) -> String {
        format!("/staff/api/assessments/{}", self.receipt)
    }

    /// Where the record's history is shown.
    pub fn history_url(&self) -> String {
        format!("/staff/assessments/{}/history", self.receipt)
    }

    /// Where the record's report is downloaded.
    pub fn report_url(&self) -> String {
        format!("/staff/assessments/{}/report.pdf", self.receipt)
    }
}

/// A receipt as the service writes them: letters, digits and `-` (such as `SXSH-2026-0001`), so
/// it is safe in a path and a storage key.
fn is_receipt(text: &str) -> bool {
    (1..=40).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Reads the page's settings; `attribute` gives an attribute's value by name. The receipt, the
/// token and the username are required (the page always writes them); a missing or unknown language is
/// Vietnamese.
pub fn read(attribute: impl Fn(&str) -> Option<String>) -> Result<Page, String> {
    let receipt = attribute("data-receipt").unwrap_or_default();
    if !is_receipt(&receipt) {
        return Err(format!("data-receipt {receipt:?} is not a receipt"));
    }
    let csrf = attribute("data-csrf").unwrap_or_default();
    if csrf.is_empty() {
        return Err("data-csrf is missing".into());
    }
    let username = attribute("data-username").unwrap_or_default();
    if username.is_empty() {
        return Err("data-username is missing".into());
    }
    let lang = attribute("data-lang").and_then(|l| Lang::from_tag(&l)).unwrap_or_default();
    Ok(Page { receipt, csrf, username, lang })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Page, String> {
        read(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()))
    }

    #[test]
    fn the_page_names_the_record_its_token_and_language() {
        let page = with(&[
            ("data-receipt", "SXSH-2026-0001"),
            ("data-csrf", "t0k"),
            ("data-username", "chuyengia"),
            ("data-lang", "en"),
        ]);
        assert_eq!(
            page,
            Ok(Page {
                receipt: "SXSH-2026-0001".into(),
                csrf: "t0k".into(),
                username: "chuyengia".into(),
                lang: Lang::En
            })
        );
        let page = page.expect("read");
        assert_eq!(page.api_url(), "/staff/api/assessments/SXSH-2026-0001");
        assert_eq!(page.report_url(), "/staff/assessments/SXSH-2026-0001/report.pdf");
        let vi =
            with(&[("data-receipt", "SXSH-2026-0001"), ("data-csrf", "t"), ("data-username", "a")]);
        assert_eq!(vi.map(|p| p.lang), Ok(Lang::Vi), "Vietnamese first");
    }

    #[test]
    fn a_receipt_that_is_not_one_or_a_missing_token_is_refused() {
        for receipt in ["", "../x", "SXSH 1", "a/b", &"S".repeat(41)] {
            let page =
                with(&[("data-receipt", receipt), ("data-csrf", "t"), ("data-username", "a")]);
            assert!(page.is_err(), "{receipt}");
        }
        assert!(with(&[("data-receipt", "SXSH-2026-0001"), ("data-username", "a")]).is_err());
        assert!(
            with(&[("data-receipt", "SXSH-2026-0001"), ("data-csrf", "t")]).is_err(),
            "whose drafts: required"
        );
    }
}

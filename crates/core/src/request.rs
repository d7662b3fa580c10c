//! The request for a rapid cleaner-production assessment: the one body the widget sends and the
//! intake service accepts (both use this type; there is no second copy of it).
//!
//! `validate` names every unusable field in Vietnamese and English. The service recomputes the
//! score and savings from the assessment with the same core code and never trusts results sent
//! by a client. Pure.

use crate::export::AssessmentFile;
use serde::{Deserialize, Serialize};

/// What the body is.
pub const KIND: &str = "sxsh-assessment-request";
/// The body's format version.
pub const VERSION: u32 = 1;
/// The largest body the service accepts (512 KB).
pub const MAX_BYTES: usize = 512 * 1024;
/// The longest free-text field, in characters.
pub const MAX_TEXT: usize = 2_000;
/// Every version of the privacy notice the request form has shown (`locales/*.toml`,
/// `request-notice-*`), oldest first. A consent record must name one of them: a request queued
/// under an older notice stays valid. Add a version (never remove one) whenever the notice's
/// text changes.
pub const NOTICE_VERSIONS: &[&str] = &["2026-11"];
/// The version of the privacy notice the request form shows now: the last one issued. Each
/// consent record names the notice it was given under.
pub const NOTICE_VERSION: &str = NOTICE_VERSIONS[NOTICE_VERSIONS.len() - 1];

/// Who to contact about the request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub position: String,
    pub phone: String,
    pub email: String,
    /// When the enterprise would like the visit (free text, such as "tháng 3/2027").
    pub preferred_period: String,
    pub notes: String,
}

/// Whether the enterprise can show the assessor a year of utility bills (electricity, water, fuel)
/// before the visit, as assessors ask (domain.md §1.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bills {
    #[default]
    Unstated,
    Yes,
    Partly,
    No,
}

/// What the assessor asks for before the visit (domain.md §1.5), beyond the profile's products,
/// output, equipment and consumption, which travel in the assessment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Production {
    pub bills: Bills,
    /// The main energy-using equipment: kind, capacity, age (free text).
    pub equipment: String,
    /// Shifts and working days, such as "2 ca/ngày, 300 ngày/năm".
    pub schedule: String,
}

/// The consent record: what was agreed to, under which notice, and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consent {
    /// Consent to send the request and its data to the Department for the rapid assessment.
    pub request: bool,
    /// Separate, optional: interest in the next cleaner-production training course.
    pub training: bool,
    /// Separate, optional: the Department's cleaner-production news.
    pub news: bool,
    /// The version of the privacy notice shown.
    pub notice_version: String,
    /// When consent was given (ISO 8601, browser clock).
    pub given_at: String,
}

/// The request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRequest {
    pub kind: String,
    pub version: u32,
    /// Created once per request by the widget; a retry carries the same key.
    pub idempotency_key: String,
    pub contact: Contact,
    #[serde(default)]
    pub production: Production,
    pub consent: Consent,
    pub assessment: AssessmentFile,
}

impl AssessmentRequest {
    /// The request for a draft, with the consent given now under the current notice. The
    /// assessment travels without results: the service computes them itself.
    pub fn new(
        draft: &crate::assessment::Draft,
        idempotency_key: &str,
        contact: Contact,
        production: Production,
        consent: Consent,
        now: &str,
    ) -> AssessmentRequest {
        AssessmentRequest {
            kind: KIND.into(),
            version: VERSION,
            idempotency_key: idempotency_key.into(),
            contact,
            production,
            consent: Consent {
                notice_version: NOTICE_VERSION.into(),
                given_at: now.into(),
                ..consent
            },
            assessment: crate::export::file(draft, now, None),
        }
    }
}

/// One unusable field, named for the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's path, such as `contact.email`.
    pub field: String,
    pub vi: String,
    pub en: String,
}

impl crate::i18n::Bilingual for FieldError {
    fn vi(&self) -> &str {
        &self.vi
    }
    fn en(&self) -> &str {
        &self.en
    }
}

fn is_email(value: &str) -> bool {
    let Some((user, host)) = value.split_once('@') else { return false };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && value.len() <= 254
        && !value.chars().any(|c| c.is_whitespace() || "<>\"(),;:[]\\".contains(c))
}

fn is_phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits) && value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// Checks every field; an empty list means the request can be accepted.
pub fn validate(request: &AssessmentRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut add = |field: &str, vi: &str, en: &str| {
        errors.push(FieldError { field: field.into(), vi: vi.into(), en: en.into() });
    };
    if request.kind != KIND {
        add(
            "kind",
            "Nội dung gửi không phải yêu cầu đánh giá SXSH",
            "The body is not an SXSH assessment request",
        );
    }
    if request.version != VERSION {
        add(
            "version",
            "Phiên bản yêu cầu không được hỗ trợ; hãy tải lại trang",
            "This request version is not supported; reload the page",
        );
    }
    let key = &request.idempotency_key;
    if !(16..=64).contains(&key.len())
        || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        add("idempotency_key", "Mã yêu cầu không hợp lệ", "The request key is not valid");
    }
    let c = &request.contact;
    if c.name.trim().is_empty() {
        add("contact.name", "Nhập họ tên người liên hệ", "Enter the contact person's name");
    }
    if !is_phone(c.phone.trim()) {
        add(
            "contact.phone",
            "Nhập số điện thoại, ví dụ 0234 3822 000",
            "Enter a phone number, like 0234 3822 000",
        );
    }
    if !is_email(c.email.trim()) {
        add(
            "contact.email",
            "Nhập địa chỉ thư điện tử, ví dụ ten@congty.vn",
            "Enter an e-mail address, like name@company.vn",
        );
    }
    for (field, text) in [
        ("contact.name", &c.name),
        ("contact.position", &c.position),
        ("contact.preferred_period", &c.preferred_period),
        ("contact.notes", &c.notes),
        ("production.equipment", &request.production.equipment),
        ("production.schedule", &request.production.schedule),
    ] {
        if text.chars().count() > MAX_TEXT {
            add(
                field,
                "Nội dung quá dài (tối đa 2.000 ký tự)",
                "Too long (2,000 characters at most)",
            );
        }
    }
    if !request.consent.request {
        add(
            "consent.request",
            "Đánh dấu đồng ý để Sở nhận và xử lý yêu cầu",
            "Tick the consent box so the Department can receive and handle the request",
        );
    }
    if request.consent.notice_version.trim().is_empty() {
        add(
            "consent.notice_version",
            "Thiếu phiên bản thông báo bảo vệ dữ liệu",
            "The privacy notice version is missing",
        );
    } else if !NOTICE_VERSIONS.contains(&request.consent.notice_version.as_str()) {
        add(
            "consent.notice_version",
            "Phiên bản thông báo bảo vệ dữ liệu không phải phiên bản công cụ đã ban hành; hãy tải lại trang và đồng ý lại",
            "The privacy notice version is not one the tool has issued; reload the page and give consent again",
        );
    }
    if crate::dates::utc_timestamp(&request.consent.given_at).is_none() {
        add(
            "consent.given_at",
            "Thời điểm đồng ý không hợp lệ (cần dạng 2026-11-28T08:00:00Z); hãy tải lại trang và đồng ý lại",
            "The time consent was given is not valid (it must read like 2026-11-28T08:00:00Z); reload the page and give consent again",
        );
    }
    let draft = serde_json::to_value(&request.assessment.draft).unwrap_or_default();
    if !crate::export::numbers_in_range(&draft) {
        add(
            "assessment.draft",
            "Có số liệu âm hoặc quá lớn trong bản đánh giá",
            "The assessment has a negative or too large number",
        );
    }
    if request.assessment.draft.profile.company.trim().is_empty() {
        add("assessment.draft.profile.company", "Nhập tên doanh nghiệp", "Enter the company name");
    }
    errors
}

/// A `mailto:` link (RFC 6068) to `to` with this subject and body, every byte outside the
/// unreserved set percent-encoded (so text with `&`, `?`, `#` or line breaks stays intact).
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    fn encode(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                b'\n' => "%0D%0A".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    let to: String = to.chars().filter(|c| !c.is_whitespace() && !"?&#".contains(*c)).collect();
    format!("mailto:{to}?subject={}&body={}", encode(subject), encode(body))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::assessment::{Draft, Edit, ProfileText};

    pub(crate) fn sample() -> AssessmentRequest {
        let mut draft = Draft::new(crate::checklist::active());
        draft.apply(Edit::SetText(ProfileText::Company, "Công ty Dệt Phú Bài".into()));
        AssessmentRequest::new(
            &draft,
            "7f3c2a10-9d4e-4b6a-8c21-0e5f6a7b8c9d",
            Contact {
                name: "Nguyễn Văn An".into(),
                position: "Trưởng phòng kỹ thuật".into(),
                phone: "0234 3822 000".into(),
                email: "an.nguyen@detphubai.vn".into(),
                preferred_period: "Tháng 3/2027".into(),
                notes: String::new(),
            },
            Production::default(),
            Consent { request: true, ..Consent::default() },
            "2026-11-28T08:00:00Z",
        )
    }

    #[test]
    fn a_complete_request_is_valid() {
        assert_eq!(validate(&sample()), Vec::new());
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut r = sample();
        r.idempotency_key = "short".into();
        r.contact.name = " ".into();
        r.contact.phone = "call me".into();
        r.contact.email = "an@".into();
        r.contact.notes = "x".repeat(MAX_TEXT + 1);
        r.consent.request = false;
        r.assessment.draft.profile.water.cost_vnd = Some(1e300);
        let fields: Vec<String> = validate(&r).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "idempotency_key",
                "contact.name",
                "contact.phone",
                "contact.email",
                "contact.notes",
                "consent.request",
                "assessment.draft"
            ]
        );
    }

    /// The fields `validate` names for `request`.
    fn fields(request: &AssessmentRequest) -> Vec<String> {
        validate(request).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn the_consent_names_a_notice_the_tool_issued_and_a_utc_time() {
        assert_eq!(NOTICE_VERSION, "2026-11");
        assert_eq!(NOTICE_VERSIONS.last(), Some(&NOTICE_VERSION));
        for version in NOTICE_VERSIONS {
            let mut r = sample();
            r.consent.notice_version = (*version).into();
            assert_eq!(validate(&r), Vec::new(), "{version}");
        }
        let mut r = sample();
        r.consent.notice_version = "x".into();
        r.consent.given_at = "not a date".into();
        assert_eq!(fields(&r), ["consent.notice_version", "consent.given_at"]);
        let errors = validate(&r);
        assert!(errors[0].vi.contains("không phải phiên bản công cụ đã ban hành"), "{errors:?}");
        assert!(errors[1].en.contains("2026-11-28T08:00:00Z"), "{errors:?}");
        r.consent.notice_version = " ".into();
        assert_eq!(validate(&r)[0].en, "The privacy notice version is missing");
        for given_at in ["", "2026-11-28", "2026-11-28T08:00:00+07:00", "2026-02-30T08:00:00Z"] {
            let mut r = sample();
            r.consent.given_at = given_at.into();
            assert_eq!(fields(&r), ["consent.given_at"], "{given_at:?}");
        }
        let mut r = sample();
        r.consent.given_at = "2026-11-28T08:00:00.000Z".into();
        assert_eq!(validate(&r), Vec::new(), "the browser's clock writes milliseconds");
    }

    #[test]
    fn mail_links_keep_every_character() {
        let link = mailto("sxsh@example.gov.vn", "Đề nghị & hỏi?", "a=1\nb#2");
        assert_eq!(
            link,
            "mailto:sxsh@example.gov.vn?subject=%C4%90%E1%BB%81%20ngh%E1%BB%8B%20%26%20h%E1%BB%8Fi%3F&body=a%3D1%0D%0Ab%232"
        );
        assert!(
            mailto("a@b.vn?cc=x@y.z", "s", "b").starts_with("mailto:a@b.vncc=x@y.z?"),
            "no injected header"
        );
    }
}

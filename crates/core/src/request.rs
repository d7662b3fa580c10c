//! The request for a rapid cleaner-production assessment: the one body the widget sends and the
//! intake service accepts (both use this type; there is no second copy of it).
//!
//! `validate` names every unusable field in Vietnamese and English: every free-text field, the
//! draft's included, is held to its `free_text` rule (length and characters), the consent record
//! to a notice the tool has issued and a UTC time stamp, the draft's ids to plain ids. The
//! service recomputes the score and savings from the assessment with the same core code and never
//! trusts results sent by a client. Pure.

use crate::export::AssessmentFile;
pub(crate) use crate::field_error::is_id;
pub use crate::field_error::{FieldError, MAX_ID};
use crate::free_text::{self, Rule};
use crate::i18n::{Lang, Text, fill};
use serde::{Deserialize, Serialize};

/// What the body is.
pub const KIND: &str = "sxsh-assessment-request";
/// The body's format version.
pub const VERSION: u32 = 1;
/// The largest body the service accepts (256 KB). A request with every question answered and
/// every text field full is under 100 KB.
pub const MAX_BYTES: usize = 256 * 1024;
/// Every version of the privacy notice the request form has shown (`locales/*.toml`,
/// `request-notice-*`), oldest first. A consent record must name one of them: a request queued
/// under an older notice stays valid. Add a version (never remove one) whenever the notice's
/// text changes.
pub const NOTICE_VERSIONS: &[&str] = &["2026-11", "2026-12"];
/// The version of the privacy notice the request form shows now: the last one issued. Each
/// consent record names the notice it was given under.
pub const NOTICE_VERSION: &str = NOTICE_VERSIONS[NOTICE_VERSIONS.len() - 1];
/// The most entries a draft's collection may hold (answers, typed numbers, equipment, fuels,
/// the own end-use split): several times what the checklist asks, so no made-up ids fill a
/// request up to `MAX_BYTES`.
pub const MAX_ENTRIES: usize = 1_000;

/// Who to contact about the request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    /// The enterprise's tax code (mã số thuế): how the Department tells one enterprise's
    /// requests apart; empty when not given, else as `is_tax_code` takes it (spaces around are
    /// ignored: the code is `tax_code.trim()`).
    pub tax_code: String,
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

/// The tax code left after anonymising a request or its progress updates: an enterprise's code
/// stays (it names the enterprise, not a person); a person's identification number
/// (`is_personal_tax_code`) is emptied.
pub fn anonymous_tax_code(code: &str) -> String {
    if is_personal_tax_code(code) { String::new() } else { code.to_owned() }
}

/// Whether `text`, spaces around it ignored, is a tax code (mã số thuế) in a form the law gives:
///
/// - 10 digits, for an enterprise, cooperative or other organisation that declares its own
///   taxes, and (until 30/06/2025) for households, household businesses and individuals;
/// - 10 digits, a dash and 3 digits (`3300100001-001`), for a dependent unit (a branch, a
///   representative office) of one of those, the first 10 being its parent's;
/// - 12 digits: from 01/07/2025 the personal identification number (số định danh cá nhân, 12
///   digits, issued by the Ministry of Public Security) of an individual, and of the
///   representative of a household or household business, is used as its tax code.
///
/// Sources: Circular 105/2020/TT-BTC, Art. 5 (structure N1N2 N3…N9 N10 - N11N12N13: N3–N9 run
/// from 0000001 to 9999999 and N11–N13 from 001 to 999, so all zeros there is refused; 10 digits
/// for independent units, 13 with the dash for dependent units); Circular 86/2024/TT-BTC (in force
/// 06/02/2025, replacing Circular 105/2020; Art. 5(1)(b) and 5(5): the 12-digit personal
/// identification number instead of the tax code from 01/07/2025). N10 is a check digit, but its
/// rule is not in the texts retrieved, so it is not checked (content/README.md, legal list).
pub fn is_tax_code(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let text = text.trim();
    let issued = |code: &str| digits(code, 10) && &code[2..9] != "0000000";
    match text.split_once('-') {
        None => issued(text) || digits(text, 12),
        Some((parent, unit)) => issued(parent) && digits(unit, 3) && unit != "000",
    }
}

/// Whether a tax code is a person's identification number (the 12-digit form, see
/// `is_tax_code`): personal data, which anonymising removes, unlike an enterprise's code.
pub fn is_personal_tax_code(text: &str) -> bool {
    let text = text.trim();
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A free-text field of the request form: its path (as `FieldError::field` names it and the
/// form's element ids are made from), its label and its rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FormText {
    pub field: &'static str,
    pub label: Text,
    pub rule: Rule,
}

/// Every free-text field of the request form, in the form's order (the draft's profile fields
/// are `ProfileText`'s).
pub const FORM_TEXT: [FormText; 9] = [
    FormText { field: "contact.name", label: Text::RequestName, rule: free_text::NAME },
    FormText { field: "contact.position", label: Text::RequestPosition, rule: free_text::NAME },
    FormText { field: "contact.phone", label: Text::RequestPhone, rule: free_text::PHONE },
    FormText { field: "contact.email", label: Text::RequestEmail, rule: free_text::EMAIL },
    FormText { field: "contact.tax_code", label: Text::RequestTaxCode, rule: free_text::TAX_CODE },
    FormText {
        field: "contact.preferred_period",
        label: Text::RequestPeriod,
        rule: free_text::SHORT,
    },
    FormText {
        field: "production.equipment",
        label: Text::RequestEquipment,
        rule: free_text::PASSAGE,
    },
    FormText {
        field: "production.schedule",
        label: Text::RequestSchedule,
        rule: free_text::PASSAGE,
    },
    FormText { field: "contact.notes", label: Text::RequestNotes, rule: free_text::PASSAGE },
];

/// The rule of the request form's text field `field` (`contact.name`, ...); a passage's for a
/// path the form does not have.
pub fn form_rule(field: &str) -> Rule {
    FORM_TEXT.iter().find(|t| t.field == field).map_or(free_text::PASSAGE, |t| t.rule)
}

/// The text of the request form's field `field`; the notes for any other path.
fn form_text<'r>(request: &'r AssessmentRequest, field: &str) -> &'r str {
    let (c, p) = (&request.contact, &request.production);
    match field {
        "contact.name" => &c.name,
        "contact.position" => &c.position,
        "contact.phone" => &c.phone,
        "contact.email" => &c.email,
        "contact.tax_code" => &c.tax_code,
        "contact.preferred_period" => &c.preferred_period,
        "production.equipment" => &p.equipment,
        "production.schedule" => &p.schedule,
        _ => &c.notes,
    }
}

/// The error of a text field whose text breaks its rule, in both languages.
fn text_error(field: &str, label: Text, problem: free_text::Problem) -> FieldError {
    FieldError {
        field: field.into(),
        vi: problem.message(Lang::Vi.text(label), Lang::Vi),
        en: problem.message(Lang::En.text(label), Lang::En),
    }
}

/// Whether every id in the assessment is a plain id (a checklist version may be empty: a draft
/// begun before the checklist had loaded has none yet).
fn ids_are_plain(assessment: &AssessmentFile) -> bool {
    let draft = &assessment.draft;
    let profile = &draft.profile;
    let versions = [&assessment.checklist_version, &draft.checklist_version];
    versions.into_iter().all(|v| v.is_empty() || is_id(v))
        && profile.sector.iter().chain(&profile.electricity.voltage_level).all(|id| is_id(id))
        && profile.fuels.iter().all(|f| is_id(&f.fuel))
        && profile.equipment.iter().all(|id| is_id(id))
        && profile.end_use_split.keys().all(|id| is_id(id))
        && draft.answers.0.keys().all(|id| is_id(id))
        && draft.typed.keys().all(|id| is_id(id))
}

/// Whether each of the draft's collections holds at most `MAX_ENTRIES`.
fn entries_within_bounds(assessment: &AssessmentFile) -> bool {
    let draft = &assessment.draft;
    let profile = &draft.profile;
    [
        draft.answers.0.len(),
        draft.typed.len(),
        profile.equipment.len(),
        profile.fuels.len(),
        profile.end_use_split.len(),
    ]
    .into_iter()
    .all(|n| n <= MAX_ENTRIES)
}

/// Checks every field; an empty list means the request can be accepted. A text field has one
/// error at most: a text breaking its `free_text` rule is named for that, and only a text within
/// it for its form (a name given, a phone number, an e-mail address).
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
    if !is_idempotency_key(&request.idempotency_key) {
        add("idempotency_key", "Mã yêu cầu không hợp lệ", "The request key is not valid");
    }
    for FormText { field, label, rule } in FORM_TEXT {
        let text = form_text(request, field);
        if let Some(problem) = free_text::check(rule, text) {
            errors.push(text_error(field, label, problem));
            continue;
        }
        let text = text.trim();
        let mut add = |vi: &str, en: &str| {
            errors.push(FieldError { field: field.into(), vi: vi.into(), en: en.into() });
        };
        match field {
            "contact.name" if text.is_empty() => {
                add("Nhập họ tên người liên hệ", "Enter the contact person's name");
            }
            "contact.phone" if !is_phone(text) => add(
                "Nhập số điện thoại, ví dụ 0234 3822 000",
                "Enter a phone number, like 0234 3822 000",
            ),
            "contact.email" if !is_email(text) => add(
                "Nhập địa chỉ thư điện tử, ví dụ ten@congty.vn",
                "Enter an e-mail address, like name@company.vn",
            ),
            "contact.tax_code" if !text.is_empty() && !is_tax_code(text) => add(
                "Mã số thuế gồm 10 chữ số (ví dụ 3300100001), hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với đơn vị phụ thuộc (3300100001-001), hoặc số định danh cá nhân 12 chữ số với hộ, cá nhân kinh doanh; có thể để trống",
                "A tax code is 10 digits (like 3300100001), or 10 digits, a dash and 3 digits for a dependent unit (3300100001-001), or the 12-digit personal identification number for a household or individual business; it may be left empty",
            ),
            _ => {}
        }
    }
    errors.extend(consent_errors(&request.consent));
    errors.extend(assessment_errors(&request.assessment));
    errors
}

/// Whether `key` is an idempotency key as the widget makes one: 16 to 64 ASCII letters, digits
/// and dashes (a UUID). The request's and the progress update's rule.
pub fn is_idempotency_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// What is wrong with the consent record: consent to the request not given, a notice the tool
/// never issued, a time that is not a UTC time stamp. The request's and the progress update's
/// rule (`progress::validate`): both are sent under the same notice.
pub fn consent_errors(consent: &Consent) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut add = |field: &str, vi: &str, en: &str| {
        errors.push(FieldError { field: field.into(), vi: vi.into(), en: en.into() });
    };
    if !consent.request {
        add(
            "consent.request",
            "Đánh dấu đồng ý để Sở nhận và xử lý yêu cầu",
            "Tick the consent box so the Department can receive and handle the request",
        );
    }
    if consent.notice_version.trim().is_empty() {
        add(
            "consent.notice_version",
            "Thiếu phiên bản thông báo bảo vệ dữ liệu",
            "The privacy notice version is missing",
        );
    } else if !NOTICE_VERSIONS.contains(&consent.notice_version.as_str()) {
        add(
            "consent.notice_version",
            "Phiên bản thông báo bảo vệ dữ liệu không phải phiên bản công cụ đã ban hành; hãy tải lại trang và đồng ý lại",
            "The privacy notice version is not one the tool has issued; reload the page and give consent again",
        );
    }
    if crate::dates::utc_timestamp(&consent.given_at).is_none() {
        add(
            "consent.given_at",
            "Thời điểm đồng ý không hợp lệ (cần dạng 2026-11-28T08:00:00Z); hãy tải lại trang và đồng ý lại",
            "The time consent was given is not valid (it must read like 2026-11-28T08:00:00Z); reload the page and give consent again",
        );
    }
    errors
}

/// What is wrong with the assessment sent: its time stamp, numbers no one could type, ids that
/// are not plain ids, the company name (missing, or breaking its rule), the profile's other text,
/// the text typed into number fields, and a plan or history sent with it (`plan::validate`,
/// `plan::validate_history`, under `assessment.`).
fn assessment_errors(assessment: &AssessmentFile) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut add = |field: &str, vi: &str, en: &str| {
        errors.push(FieldError { field: field.into(), vi: vi.into(), en: en.into() });
    };
    if crate::dates::utc_timestamp(&assessment.saved_at).is_none() {
        add(
            "assessment.saved_at",
            "Thời điểm lưu bản đánh giá không hợp lệ; hãy tải lại trang",
            "The time the assessment was saved is not valid; reload the page",
        );
    }
    let draft = serde_json::to_value(&assessment.draft).unwrap_or_default();
    if !crate::export::numbers_in_range(&draft) {
        add(
            "assessment.draft",
            "Có số liệu âm hoặc quá lớn trong bản đánh giá",
            "The assessment has a negative or too large number",
        );
    }
    if !entries_within_bounds(assessment) {
        add(
            "assessment.draft",
            "Bản đánh giá có quá nhiều mục (câu trả lời, thiết bị, nhiên liệu); hãy tải lại trang",
            "The assessment holds too many entries (answers, equipment, fuels); reload the page",
        );
    }
    if !ids_are_plain(assessment) {
        add(
            "assessment.draft",
            "Bản đánh giá có mã (câu hỏi, ngành, thiết bị, nhiên liệu) không hợp lệ; hãy tải lại trang",
            "The assessment holds an id (of a question, sector, equipment or fuel) that is not valid; reload the page",
        );
    }
    let profile = &assessment.draft.profile;
    for text in crate::assessment::ProfileText::ALL {
        let field =
            format!("assessment.draft.profile.{}", crate::assessment::ProfileField::Text(text));
        let value = profile.text(text);
        if let Some(problem) = free_text::check(text.rule(), value) {
            errors.push(text_error(&field, text.label(), problem));
        } else if text == crate::assessment::ProfileText::Company && value.trim().is_empty() {
            errors.push(FieldError {
                field,
                vi: "Nhập tên doanh nghiệp".into(),
                en: "Enter the company name".into(),
            });
        }
    }
    for (id, typed) in &assessment.draft.typed {
        if let Some(problem) = free_text::check(free_text::TYPED_NUMBER, typed) {
            let label = |lang: Lang| fill(lang.text(Text::ErrorsTypedNumber), &[("id", id)]);
            errors.push(FieldError {
                field: format!("assessment.draft.typed.{id}"),
                vi: problem.message(&label(Lang::Vi), Lang::Vi),
                en: problem.message(&label(Lang::En), Lang::En),
            });
        }
    }
    // A plan or history sent with the assessment (file version 2) is held to the file's rules.
    let placed =
        |prefix: &str, e: FieldError| FieldError { field: format!("{prefix}{}", e.field), ..e };
    let plan = crate::plan::validate(None, &assessment.plan);
    errors.extend(plan.into_iter().map(|e| placed("assessment.plan.", e)));
    let history = crate::plan::validate_history(&assessment.history);
    errors.extend(history.into_iter().map(|e| placed("assessment.", e)));
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
                tax_code: "3300100001".into(),
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
    fn anonymising_keeps_an_enterprises_tax_code_and_empties_a_persons() {
        assert_eq!(anonymous_tax_code("3300100001"), "3300100001");
        assert_eq!(anonymous_tax_code("3300100001-001"), "3300100001-001");
        assert_eq!(anonymous_tax_code("046201000123"), "");
        assert_eq!(anonymous_tax_code(""), "");
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
        r.contact.notes = "x".repeat(free_text::PASSAGE.max_chars + 1);
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

    /// The request with `text` in the free-text field `field` (a form path, or a profile one
    /// as `assessment.draft.profile.<id>`).
    fn with_text(field: &str, text: &str) -> AssessmentRequest {
        let mut r = sample();
        let profile = crate::assessment::ProfileField::parse;
        match field.strip_prefix("assessment.draft.profile.").and_then(profile) {
            Some(crate::assessment::ProfileField::Text(t)) => {
                *r.assessment.draft.profile.text_mut(t) = text.into();
            }
            _ => {
                let (c, p) = (&mut r.contact, &mut r.production);
                let slot = match field {
                    "contact.name" => &mut c.name,
                    "contact.position" => &mut c.position,
                    "contact.phone" => &mut c.phone,
                    "contact.email" => &mut c.email,
                    "contact.tax_code" => &mut c.tax_code,
                    "contact.preferred_period" => &mut c.preferred_period,
                    "production.equipment" => &mut p.equipment,
                    "production.schedule" => &mut p.schedule,
                    "contact.notes" => &mut c.notes,
                    other => panic!("no field {other}"),
                };
                *slot = text.into();
            }
        }
        r
    }

    /// Every free-text field of a request with its rule and a text of exactly its longest
    /// length that is otherwise valid.
    fn every_text_field() -> Vec<(String, Rule, String)> {
        let longest = |rule: Rule, field: &str| -> String {
            let n = rule.max_chars;
            match field {
                "contact.phone" => format!("{}{}", "0".repeat(10), " ".repeat(n - 10)),
                "contact.email" => format!("{}@detphubai.vn", "a".repeat(n - 13)),
                "contact.tax_code" => format!("3300100001-001{}", " ".repeat(n - 14)),
                _ => format!("Ê{}", "a".repeat(n - 1)),
            }
        };
        let mut fields: Vec<(String, Rule, String)> = FORM_TEXT
            .iter()
            .map(|t| (t.field.to_owned(), t.rule, longest(t.rule, t.field)))
            .collect();
        for t in crate::assessment::ProfileText::ALL {
            let field =
                format!("assessment.draft.profile.{}", crate::assessment::ProfileField::Text(t));
            fields.push((field.clone(), t.rule(), longest(t.rule(), &field)));
        }
        fields
    }

    #[test]
    fn every_free_text_field_takes_its_longest_text_and_names_the_limit_beyond_it() {
        let fields = every_text_field();
        assert_eq!(fields.len(), 14, "9 fields of the form and 5 of the profile");
        for (field, rule, longest) in fields {
            assert_eq!(
                validate(&with_text(&field, &longest)),
                Vec::new(),
                "{field} at its longest"
            );
            let errors = validate(&with_text(&field, &format!("{longest}a")));
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            let error = &errors[0];
            assert_eq!(error.field, field);
            let limit = |lang| crate::numbers::format(rule.max_chars as f64, lang, 0);
            let count = |lang| crate::numbers::format(rule.max_chars as f64 + 1.0, lang, 0);
            let (vi, en) = (limit(Lang::Vi), limit(Lang::En));
            assert!(
                error.vi.contains(&format!(
                    "quá dài: tối đa {vi} ký tự (hiện có {} ký tự)",
                    count(Lang::Vi)
                )),
                "{error:?}"
            );
            assert!(
                error.en.contains(&format!(
                    "too long: {en} characters at most ({} now)",
                    count(Lang::En)
                )),
                "{error:?}"
            );
        }
        // The limits as chosen (free_text's table), and Vietnamese number format in messages.
        let notes = validate(&with_text("contact.notes", &"x".repeat(2_001)));
        assert_eq!(
            notes[0].vi,
            "Ghi chú cho chuyên gia quá dài: tối đa 2.000 ký tự (hiện có 2.001 ký tự)"
        );
        assert_eq!(
            notes[0].en,
            "Notes for the assessor is too long: 2,000 characters at most (2,001 now)"
        );
        let company = validate(&with_text("assessment.draft.profile.company", &"x".repeat(201)));
        assert_eq!(company[0].vi, "Tên doanh nghiệp quá dài: tối đa 200 ký tự (hiện có 201 ký tự)");
        assert_eq!(form_rule("contact.email"), free_text::EMAIL);
        assert_eq!(form_rule("contact.phone"), free_text::PHONE);
        assert_eq!(form_rule("contact.name"), free_text::NAME);
        assert_eq!(form_rule("contact.somewhere"), free_text::PASSAGE);
    }

    #[test]
    fn hostile_characters_are_refused_in_every_field_and_line_breaks_in_one_line_fields() {
        for (field, rule, longest) in every_text_field() {
            let several = rule.lines == free_text::Lines::Several;
            // The characters go in the middle of an otherwise valid text of a few characters.
            let valid: String = longest.chars().take(12).collect();
            let (head, tail) = valid.split_at(valid.len() - 2);
            for (c, several_takes) in [
                ('\u{202E}', false),
                ('\u{2066}', false),
                ('\u{200F}', false),
                ('\u{061C}', false),
                ('\0', false),
                ('\u{1B}', false),
                ('\u{9B}', false),
                ('\u{2028}', false),
                ('\u{2029}', false),
                ('\n', true),
                ('\t', true),
            ] {
                let text = format!("{head}{c}{tail}");
                let errors = validate(&with_text(&field, &text));
                if several && several_takes {
                    assert_eq!(errors, Vec::new(), "{field} takes {c:?}");
                    continue;
                }
                assert_eq!(errors.len(), 1, "{field} with {c:?}: {errors:?}");
                assert_eq!(errors[0].field, field);
                let code = format!("(U+{:04X})", u32::from(c));
                assert!(errors[0].vi.contains(&code) && errors[0].en.contains(&code), "{errors:?}");
            }
            let crlf = validate(&with_text(&field, &format!("{head}\r\n{tail}")));
            assert_eq!(crlf.is_empty(), several, "{field} with CR LF: {crlf:?}");
        }
        let name = validate(&with_text("contact.name", "Nguyễn \u{202E}nA"));
        assert_eq!(
            name[0].vi,
            "Họ và tên chứa ký tự đảo chiều văn bản không được phép (U+202E); hãy xóa ký tự này"
        );
        assert_eq!(
            name[0].en,
            "Full name contains a text-direction control that is not allowed (U+202E); remove it"
        );
        // An e-mail address with a bidi control is named for it, not only as "not an address".
        let email = validate(&with_text("contact.email", "an\u{202E}@detphubai.vn"));
        assert!(email[0].vi.contains("đảo chiều"), "{email:?}");
    }

    #[test]
    fn each_collection_of_the_draft_holds_at_most_its_bound() {
        let id = |n: usize| format!("q{n}");
        let fill = |n: usize, what: usize| {
            let mut r = sample();
            let draft = &mut r.assessment.draft;
            for i in 0..n {
                match what {
                    0 => {
                        draft.answers.0.insert(
                            id(i),
                            crate::assessment::Answer::Level(crate::assessment::Level::Done),
                        );
                    }
                    1 => {
                        draft.typed.insert(id(i), "1".into());
                    }
                    2 => {
                        draft.profile.equipment.insert(id(i));
                    }
                    3 => draft
                        .profile
                        .fuels
                        .push(crate::assessment::FuelUse { fuel: id(i), ..Default::default() }),
                    _ => {
                        draft.profile.end_use_split.insert(id(i), None);
                    }
                }
            }
            r
        };
        for what in 0..5 {
            // The sample has some entries already: fill to the bound exactly, then one more.
            let base = fill(0, what);
            let d = &base.assessment.draft;
            let had = [
                d.answers.0.len(),
                d.typed.len(),
                d.profile.equipment.len(),
                d.profile.fuels.len(),
                d.profile.end_use_split.len(),
            ][what];
            let at_bound = fill(MAX_ENTRIES - had, what);
            assert!(entries_within_bounds(&at_bound.assessment), "collection {what} at the bound");
            let over = fill(MAX_ENTRIES - had + 1, what);
            assert!(!entries_within_bounds(&over.assessment), "collection {what} over the bound");
            assert_eq!(fields(&over), ["assessment.draft"], "collection {what}");
        }
    }

    #[test]
    fn text_typed_into_a_number_field_and_the_draft_ids_are_held_too() {
        let mut r = sample();
        r.assessment.draft.typed.insert("electricity.kwh".into(), "1".repeat(41));
        r.assessment.draft.typed.insert("water.quantity".into(), "12,5,0".into());
        assert_eq!(fields(&r), ["assessment.draft.typed.electricity.kwh"]);
        let error = &validate(&r)[0];
        assert_eq!(
            error.vi,
            "Số đã nhập vào ô electricity.kwh quá dài: tối đa 40 ký tự (hiện có 41 ký tự)"
        );
        let mut r = sample();
        r.assessment.draft.typed.insert("electricity.kwh".into(), "1\u{202E}0".into());
        assert_eq!(fields(&r), ["assessment.draft.typed.electricity.kwh"]);
        for hostile in ["", "a b", "x\u{202E}", "<script>", &"a".repeat(MAX_ID + 1)] {
            let mut answers = sample();
            answers.assessment.draft.answers.0.insert(
                hostile.into(),
                crate::assessment::Answer::Level(crate::assessment::Level::Done),
            );
            let mut sector = sample();
            sector.assessment.draft.profile.sector = Some(hostile.into());
            let mut voltage = sample();
            voltage.assessment.draft.profile.electricity.voltage_level = Some(hostile.into());
            let mut fuel = sample();
            fuel.assessment
                .draft
                .profile
                .fuels
                .push(crate::assessment::FuelUse { fuel: hostile.into(), ..Default::default() });
            let mut equipment = sample();
            equipment.assessment.draft.profile.equipment.insert(hostile.into());
            let mut end_use = sample();
            end_use.assessment.draft.profile.end_use_split.insert(hostile.into(), None);
            let mut typed = sample();
            typed.assessment.draft.typed.insert(hostile.into(), "1".into());
            let mut version = sample();
            version.assessment.draft.checklist_version = hostile.into();
            let mut file_version = sample();
            file_version.assessment.checklist_version = hostile.into();
            let cases = [answers, sector, voltage, fuel, equipment, end_use, typed];
            for (n, r) in cases.iter().enumerate() {
                assert_eq!(fields(r), ["assessment.draft"], "case {n}: {hostile:?}");
            }
            let expected: &[&str] = if hostile.is_empty() { &[] } else { &["assessment.draft"] };
            assert_eq!(fields(&version), expected, "{hostile:?}");
            assert_eq!(fields(&file_version), expected, "{hostile:?}");
        }
        // The ids of the content are plain ids, the longest one allowed too.
        let list = crate::checklist::active();
        let mut r = sample();
        for q in &list.questions {
            let answer = crate::assessment::Answer::Level(crate::assessment::Level::Partly);
            r.assessment.draft.answers.0.insert(q.id.clone(), answer);
        }
        r.assessment.draft.typed.insert("answer:textile.water_use.liquor_ratio".into(), "x".into());
        r.assessment.draft.typed.insert("fuel.coal_3_4.quantity".into(), "x".into());
        r.assessment.draft.profile.end_use_split.insert("electricity.lighting".into(), Some(1.0));
        r.assessment.draft.profile.equipment.insert("a".repeat(MAX_ID));
        r.assessment.draft.profile.sector = Some("textile".into());
        assert_eq!(validate(&r), Vec::new());
    }

    #[test]
    fn the_consent_names_a_notice_the_tool_issued_and_a_utc_time() {
        assert_eq!(NOTICE_VERSION, "2026-12");
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
        r.assessment.saved_at = "2026-11-28T08:00:00.000Z".into();
        assert_eq!(validate(&r), Vec::new(), "the browser's clock writes milliseconds");
        r.assessment.saved_at = "yesterday".into();
        assert_eq!(fields(&r), ["assessment.saved_at"]);
    }

    #[test]
    fn an_imported_file_with_a_100_000_character_company_is_kept_and_the_request_names_the_field() {
        // A file made elsewhere, or before the limits: the import keeps it whole (the autosave is
        // read the same way, and refusing it would lose the user's answers), the profile form
        // asks for a shorter name, and a request made from it says which field is too long.
        let mut draft = crate::assessment::Draft::new(crate::checklist::active());
        draft.apply(Edit::SetText(ProfileText::Company, "C".repeat(100_000)));
        draft.apply(Edit::SetSector(Some("textile".into())));
        let json = crate::export::to_json(&draft, "2026-11-28T08:00:00Z", None);
        let file = crate::export::import(&json).expect("the file is read whole");
        assert_eq!(file.draft, draft);
        let issues = file.draft.profile_issues(Lang::Vi);
        let company = crate::assessment::Field::Profile(crate::assessment::ProfileField::Text(
            ProfileText::Company,
        ));
        let too_long = free_text::Problem::TooLong { max_chars: 200, chars: 100_000 };
        assert_eq!(
            issues,
            [crate::assessment::FieldIssue {
                field: company,
                problem: crate::assessment::FieldProblem::Text(too_long)
            }]
        );
        let r = AssessmentRequest::new(
            &file.draft,
            "7f3c2a10-9d4e-4b6a-8c21-0e5f6a7b8c9d",
            sample().contact,
            Production::default(),
            Consent { request: true, ..Consent::default() },
            "2026-11-28T08:00:00.000Z",
        );
        let errors = validate(&r);
        assert_eq!(fields(&r), ["assessment.draft.profile.company"]);
        assert_eq!(
            errors[0].vi,
            "Tên doanh nghiệp quá dài: tối đa 200 ký tự (hiện có 100.000 ký tự)"
        );
        assert_eq!(errors[0].en, "Company name is too long: 200 characters at most (100,000 now)");
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

    #[test]
    fn a_tax_code_has_10_digits_13_with_a_dash_for_a_dependent_unit_or_12_for_a_person() {
        for good in [
            "3300100001",
            "0100233488-001",
            " 3300100001-999 ",
            "  0100233488",
            "001087123456",
            "0000000011",
            "9999999999",
        ] {
            assert!(is_tax_code(good), "{good:?}");
            let mut r = sample();
            r.contact.tax_code = good.into();
            assert_eq!(validate(&r), Vec::new(), "{good:?}");
        }
        for bad in [
            "330010000",
            "33001000011",
            "3300100001-",
            "3300100001-01",
            "3300100001-0001",
            "3300100001-000",
            "3300000000",
            "3300000000-001",
            "3300100001 001",
            "3300100001–001",
            "33 0010 0001",
            "3300100001-001-002",
            "00108712345",
            "0010871234567",
            "001087123456-001",
            "MST3300100001",
            "３３００１０００01",
        ] {
            assert!(!is_tax_code(bad), "{bad:?}");
            let mut r = sample();
            r.contact.tax_code = bad.into();
            let errors = validate(&r);
            assert_eq!(fields(&r), ["contact.tax_code"], "{bad:?}");
            assert!(errors[0].vi.starts_with("Mã số thuế gồm 10 chữ số"), "{errors:?}");
            assert!(errors[0].en.starts_with("A tax code is 10 digits"), "{errors:?}");
        }
        // Not given: nothing to check.
        for empty in ["", "   "] {
            let mut r = sample();
            r.contact.tax_code = empty.into();
            assert_eq!(validate(&r), Vec::new(), "{empty:?}");
        }
        // Too long for the field, or a hostile character: named for that, once.
        let mut r = sample();
        r.contact.tax_code = "3300100001\u{202E}".into();
        assert_eq!(fields(&r), ["contact.tax_code"]);
        assert!(validate(&r)[0].vi.contains("U+202E"));
        assert_eq!(form_rule("contact.tax_code"), free_text::TAX_CODE);
    }

    #[test]
    fn only_the_twelve_digit_form_is_a_persons_number() {
        assert!(is_personal_tax_code(" 001085012345 "));
        for enterprise in
            ["3300100018", "0100109106-001", "00108501234", "0010850123456", "00108501234a"]
        {
            assert!(!is_personal_tax_code(enterprise), "{enterprise}");
        }
    }

    #[test]
    fn a_plan_sent_with_the_assessment_is_held_to_the_files_rules() {
        use crate::plan::{Milestone, PlanEdit};
        let mut r = sample();
        r.assessment.plan.apply(PlanEdit::Adopt {
            measure: "energy.lighting.led".into(),
            unit: "kWh".into(),
            today: "2026-11-28".into(),
        });
        r.assessment
            .history
            .push(Milestone { assessed_on: "2025-11-28".into(), ..Milestone::default() });
        assert_eq!(validate(&r), Vec::new());
        r.assessment.plan.actions[0].owner = "a\u{202E}b".into();
        r.assessment.history[0].assessed_on = "28/11/2025".into();
        let fields: Vec<String> = validate(&r).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["assessment.plan.actions[0].owner", "assessment.history[0].assessed_on"]
        );
    }
}

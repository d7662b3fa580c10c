//! The progress update: what an enterprise that has had a request sends the Department about its
//! action plan (each action's status and the savings it achieved, self-reported). The one body
//! the widget sends and the intake service accepts, linked to the earlier request by its tax
//! code and receipt; sent with the same consent, check page and outbox rules as the request.
//! `validate` names every unusable field in both languages, as the request's does. Pure.

use crate::free_text;
use crate::i18n::Lang;
use crate::plan::{self, Action};
use crate::request::{self, Consent, FieldError};
use serde::{Deserialize, Serialize};

/// What the body is.
pub const KIND: &str = "sxsh-progress-update";
/// The body's format version.
pub const VERSION: u32 = 1;
/// The largest body the service accepts (128 KB).
pub const MAX_BYTES: usize = 128 * 1024;

/// The body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    pub kind: String,
    pub version: u32,
    /// Made once per update by the widget; a retry carries the same key.
    pub idempotency_key: String,
    /// The receipt of the enterprise's earlier request (such as `SXSH-2026-0001`).
    pub receipt: String,
    /// The enterprise's tax code as given in that request (`request::is_tax_code`).
    pub tax_code: String,
    /// The company's name, as in the draft.
    pub company: String,
    /// The checklist version the plan's measure ids refer to.
    pub checklist_version: String,
    /// The plan's actions, with their statuses and what they achieved.
    pub actions: Vec<Action>,
    /// Anything the enterprise adds (`free_text::PASSAGE`).
    #[serde(default)]
    pub notes: String,
    pub consent: Consent,
}

/// The service's answer to an update it has stored (the same answer for the same key again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The update's own reference, such as `SXSH-2026-0001-P1`.
    pub reference: String,
}

/// The most characters of a receipt (`SXSH-2026-0001`: the prefix, the year and up to nine
/// digits of a year's number).
const RECEIPT_DIGITS: std::ops::RangeInclusive<usize> = 4..=9;

/// Whether `text` reads like a receipt the service gives a request: `SXSH-`, the year's four
/// digits, `-`, and the request's number in the year (four digits at least, as
/// `SXSH-2026-0001`).
pub fn is_receipt(text: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let Some(rest) = text.strip_prefix("SXSH-") else { return false };
    let Some((year, seq)) = rest.split_once('-') else { return false };
    year.len() == 4 && digits(year) && RECEIPT_DIGITS.contains(&seq.len()) && digits(seq)
}

/// The error of a text field breaking its rule, with the field's label in both languages.
fn text_error(field: &str, label: (&str, &str), problem: free_text::Problem) -> FieldError {
    FieldError {
        field: field.into(),
        vi: problem.message(label.0, Lang::Vi),
        en: problem.message(label.1, Lang::En),
    }
}

/// Checks every field of an update; an empty list means it can be sent and accepted. The kind
/// and version, the key, the receipt's and the tax code's forms, the company's name (given, on
/// one line, `free_text::NAME`), the notes (`free_text::PASSAGE`), the consent (the request's
/// rules, `request::consent_errors`) and each action (`plan::validate_actions`, the plan's own
/// check).
pub fn validate(update: &ProgressUpdate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut add = |field: &str, vi: &str, en: &str| {
        errors.push(FieldError { field: field.into(), vi: vi.into(), en: en.into() });
    };
    if update.kind != KIND {
        add(
            "kind",
            "Nội dung gửi không phải báo cáo tiến độ SXSH",
            "The body is not an SXSH progress update",
        );
    }
    if update.version != VERSION {
        add(
            "version",
            "Phiên bản báo cáo tiến độ không được hỗ trợ; hãy tải lại trang",
            "This progress update version is not supported; reload the page",
        );
    }
    if !request::is_idempotency_key(&update.idempotency_key) {
        add("idempotency_key", "Mã báo cáo không hợp lệ", "The update key is not valid");
    }
    if !is_receipt(update.receipt.trim()) {
        add(
            "receipt",
            "Nhập mã tiếp nhận của yêu cầu trước, ví dụ SXSH-2026-0001",
            "Enter the receipt of the earlier request, like SXSH-2026-0001",
        );
    }
    if let Some(problem) = free_text::check(free_text::TAX_CODE, &update.tax_code) {
        errors.push(text_error("tax_code", ("Mã số thuế", "Tax code"), problem));
    } else if !request::is_tax_code(&update.tax_code) {
        errors.push(FieldError {
            field: "tax_code".into(),
            vi: "Nhập mã số thuế đã ghi trong yêu cầu: 10 chữ số (ví dụ 3300100001), 10 chữ số, dấu gạch ngang và 3 chữ số (3300100001-001), hoặc số định danh cá nhân 12 chữ số".into(),
            en: "Enter the tax code given in the request: 10 digits (like 3300100001), 10 digits, a dash and 3 digits (3300100001-001), or the 12-digit personal identification number".into(),
        });
    }
    if let Some(problem) = free_text::check(free_text::NAME, &update.company) {
        errors.push(text_error("company", ("Tên doanh nghiệp", "Company name"), problem));
    } else if update.company.trim().is_empty() {
        errors.push(FieldError {
            field: "company".into(),
            vi: "Nhập tên doanh nghiệp".into(),
            en: "Enter the company name".into(),
        });
    }
    if !request::is_id(&update.checklist_version) {
        errors.push(FieldError {
            field: "checklist_version".into(),
            vi: "Phiên bản bộ câu hỏi không hợp lệ; hãy tải lại trang".into(),
            en: "The checklist version is not valid; reload the page".into(),
        });
    }
    if let Some(problem) = free_text::check(free_text::PASSAGE, &update.notes) {
        errors.push(text_error("notes", ("Ghi chú", "Notes"), problem));
    }
    errors.extend(request::consent_errors(&update.consent));
    errors.extend(plan::validate_actions(None, &update.actions));
    errors
}

/// The slack, in days, an action's status day may be ahead of the service's day in Vietnam
/// (`days_to_come`): an enterprise's clock a little ahead, or a report sent just before midnight.
pub const DAYS_AHEAD: i64 = 1;

/// The actions whose status day has not come yet: later than `today` (the service's day in
/// Vietnam, `YYYY-MM-DD`) by more than `DAYS_AHEAD`, each named `actions[i].status_on` in both
/// languages. A status is the day it began to hold; one in the future would, recorded, outrank
/// the Department's verification (`follow_up::self_report_recorded`). Days that do not read are
/// left to `validate`; a `today` that does not read refuses nothing.
pub fn days_to_come(update: &ProgressUpdate, today: &str) -> Vec<FieldError> {
    // Days since 1970-01-01, so that days compare across months and years.
    let number =
        |day: &str| crate::dates::utc_timestamp(&format!("{day}T00:00:00Z")).map(|s| s / 86_400);
    let Some(today) = number(today) else { return Vec::new() };
    let latest = today + DAYS_AHEAD;
    let mut errors = Vec::new();
    for (i, action) in update.actions.iter().enumerate() {
        if number(&action.status_on).is_some_and(|on| on > latest) {
            errors.push(FieldError {
                field: format!("actions[{i}].status_on"),
                vi: "Ngày của trạng thái chưa đến; ghi ngày trạng thái bắt đầu, không muộn hơn hôm nay".into(),
                en: "The status's day has not come yet; give the day the status began, no later than today".into(),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Achieved, ActionStatus};

    fn action(measure: &str) -> Action {
        Action {
            measure: measure.into(),
            adopted_on: "2026-06-01".into(),
            owner: "Trưởng phòng kỹ thuật".into(),
            due: "2026-12-31".into(),
            status: ActionStatus::Done,
            status_on: "2026-11-20".into(),
            achieved: Achieved {
                vnd: Some(120_000_000.0),
                quantity: Some(45_000.0),
                unit: "kWh".into(),
                tco2: Some(30.2),
            },
        }
    }

    fn update() -> ProgressUpdate {
        ProgressUpdate {
            kind: KIND.into(),
            version: VERSION,
            idempotency_key: "0b1a2f3e-4d5c-4b6a-8978-1a2b3c4d5e6f".into(),
            receipt: "SXSH-2026-0001".into(),
            tax_code: "3300100001".into(),
            company: "Công ty Dệt Phú Bài".into(),
            checklist_version: "2026.1".into(),
            actions: vec![action("energy.lighting.led"), action("energy.motors.vsd")],
            notes: "Đã thay đèn LED\nở xưởng dệt.".into(),
            consent: Consent {
                request: true,
                notice_version: request::NOTICE_VERSION.into(),
                given_at: "2026-11-28T08:00:00Z".into(),
                ..Consent::default()
            },
        }
    }

    /// The fields named by the errors of `update` changed by `change`.
    fn fields(change: impl FnOnce(&mut ProgressUpdate)) -> Vec<String> {
        let mut u = update();
        change(&mut u);
        let errors = validate(&u);
        for e in &errors {
            assert!(!e.vi.is_empty() && !e.en.is_empty() && e.vi != e.en, "{e:?}");
        }
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_status_day_to_come_is_refused_beyond_a_days_slack() {
        let on = |days: &[&str], today: &str| {
            let mut u = update();
            u.actions =
                days.iter().map(|d| Action { status_on: (*d).into(), ..action("x") }).collect();
            let errors = days_to_come(&u, today);
            for e in &errors {
                assert!(!e.vi.is_empty() && !e.en.is_empty() && e.vi != e.en, "{e:?}");
            }
            errors.into_iter().map(|e| e.field).collect::<Vec<_>>()
        };
        let none = Vec::<String>::new();
        // Today 02/12/2026: up to 03/12 (one day of slack) is taken, 04/12 is not.
        assert_eq!(on(&["2026-11-20", "2026-12-02", "2026-12-03"], "2026-12-02"), none);
        assert_eq!(on(&["2026-11-20", "2026-12-04"], "2026-12-02"), ["actions[1].status_on"]);
        // Across the year's and a month's end.
        assert_eq!(on(&["2027-01-01"], "2026-12-31"), none);
        assert_eq!(on(&["2027-01-02"], "2026-12-31"), ["actions[0].status_on"]);
        assert_eq!(on(&["2026-03-01"], "2026-02-28"), none);
        assert_eq!(on(&["2026-03-02"], "2026-02-28"), ["actions[0].status_on"]);
        // Unreadable days are `validate`'s; an unreadable today refuses nothing.
        assert_eq!(on(&["2099-02-30", ""], "2026-12-02"), none);
        assert_eq!(on(&["2099-01-01"], "soon"), none);
    }

    #[test]
    fn a_complete_update_is_accepted() {
        assert_eq!(validate(&update()), vec![]);
        // An empty target day, owner, unit and notes, no figures, no actions: all allowed.
        assert_eq!(
            fields(|u| {
                u.notes.clear();
                u.actions[0].due.clear();
                u.actions[0].owner.clear();
                u.actions[0].achieved = Achieved::default();
            }),
            Vec::<String>::new()
        );
        assert_eq!(fields(|u| u.actions.clear()), Vec::<String>::new());
        assert_eq!(fields(|u| u.tax_code = "3300100001-001".into()), Vec::<String>::new());
        assert_eq!(fields(|u| u.receipt = "SXSH-2027-123456789".into()), Vec::<String>::new());
    }

    #[test]
    fn the_kind_version_and_key_are_checked() {
        assert_eq!(fields(|u| u.kind = "sxsh-assessment-request".into()), ["kind"]);
        assert_eq!(fields(|u| u.version = 2), ["version"]);
        assert_eq!(fields(|u| u.version = 0), ["version"]);
        assert_eq!(fields(|u| u.idempotency_key = "short".into()), ["idempotency_key"]);
        assert_eq!(fields(|u| u.idempotency_key = "k".repeat(65)), ["idempotency_key"]);
        assert_eq!(fields(|u| u.idempotency_key = "k".repeat(16)), Vec::<String>::new());
        assert_eq!(fields(|u| u.idempotency_key = "k".repeat(64)), Vec::<String>::new());
        assert_eq!(
            fields(|u| u.idempotency_key = format!("{}_", "k".repeat(20))),
            ["idempotency_key"]
        );
    }

    #[test]
    fn the_receipt_must_read_like_one() {
        for bad in [
            "",
            "SXSH-2026-001",
            "SXSH-2026-1234567890",
            "SXSH-26-0001",
            "SXSH-20261-0001",
            "sxsh-2026-0001",
            "SXSH-2026_0001",
            "SXSH-2026",
            "SXSH-2026-00a1",
            "SXSH-2O26-0001",
            "XSXSH-2026-0001",
        ] {
            assert!(!is_receipt(bad), "{bad}");
            assert_eq!(fields(|u| u.receipt = bad.into()), ["receipt"], "{bad}");
        }
        assert!(is_receipt("SXSH-2026-0001"));
        assert!(is_receipt("SXSH-2026-10000"));
        assert_eq!(fields(|u| u.receipt = " SXSH-2026-0001 ".into()), Vec::<String>::new());
    }

    #[test]
    fn the_tax_code_is_required_in_a_form_the_law_gives() {
        assert_eq!(fields(|u| u.tax_code.clear()), ["tax_code"]);
        assert_eq!(fields(|u| u.tax_code = "330010000".into()), ["tax_code"]);
        assert_eq!(fields(|u| u.tax_code = "3300100001\n".into()), ["tax_code"]);
        let mut u = update();
        u.tax_code = "1".repeat(21);
        let errors = validate(&u);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].en.contains("20"), "named for its length: {}", errors[0].en);
    }

    #[test]
    fn the_company_is_required_on_one_line() {
        assert_eq!(fields(|u| u.company = "  ".into()), ["company"]);
        assert_eq!(fields(|u| u.company = "Dệt\nmay".into()), ["company"]);
        assert_eq!(fields(|u| u.company = "x".repeat(201)), ["company"]);
        assert_eq!(fields(|u| u.company = "x".repeat(200)), Vec::<String>::new());
        let mut u = update();
        u.company.clear();
        assert_eq!(validate(&u)[0].vi, "Nhập tên doanh nghiệp");
    }

    #[test]
    fn the_checklist_version_and_notes_are_checked() {
        assert_eq!(fields(|u| u.checklist_version.clear()), ["checklist_version"]);
        assert_eq!(fields(|u| u.checklist_version = "2026 1".into()), ["checklist_version"]);
        assert_eq!(fields(|u| u.notes = "x".repeat(2_001)), ["notes"]);
        assert_eq!(fields(|u| u.notes = "a\u{202E}b".into()), ["notes"]);
    }

    #[test]
    fn consent_follows_the_requests_rules() {
        assert_eq!(fields(|u| u.consent.request = false), ["consent.request"]);
        assert_eq!(
            fields(|u| u.consent.notice_version = "2020-01".into()),
            ["consent.notice_version"]
        );
        assert_eq!(fields(|u| u.consent.given_at = "yesterday".into()), ["consent.given_at"]);
    }

    #[test]
    fn each_action_is_checked_and_named_by_its_place() {
        assert_eq!(fields(|u| u.actions[1].measure = "a b".into()), ["actions[1].measure"]);
        assert_eq!(fields(|u| u.actions[1].measure.clear()), ["actions[1].measure"]);
        assert_eq!(
            fields(|u| u.actions[1].measure = u.actions[0].measure.clone()),
            ["actions[1].measure"]
        );
        assert_eq!(fields(|u| u.actions[0].owner = "x".repeat(201)), ["actions[0].owner"]);
        assert_eq!(
            fields(|u| u.actions[0].adopted_on = "01/06/2026".into()),
            ["actions[0].adopted_on"]
        );
        assert_eq!(fields(|u| u.actions[0].adopted_on.clear()), ["actions[0].adopted_on"]);
        assert_eq!(fields(|u| u.actions[0].due = "2026-02-30".into()), ["actions[0].due"]);
        assert_eq!(fields(|u| u.actions[1].status_on.clear()), ["actions[1].status_on"]);
        assert_eq!(
            fields(|u| u.actions[0].achieved.unit = "k\nWh".into()),
            ["actions[0].achieved.unit"]
        );
        assert_eq!(fields(|u| u.actions[0].achieved.vnd = Some(-1.0)), ["actions[0].achieved.vnd"]);
        assert_eq!(
            fields(|u| u.actions[0].achieved.quantity = Some(f64::NAN)),
            ["actions[0].achieved.quantity"]
        );
        assert_eq!(
            fields(|u| u.actions[0].achieved.tco2 = Some(f64::INFINITY)),
            ["actions[0].achieved.tco2"]
        );
        assert_eq!(
            fields(|u| u.actions[0].achieved.vnd = Some(1.000_001e15)),
            ["actions[0].achieved.vnd"]
        );
        assert_eq!(fields(|u| u.actions[0].achieved.vnd = Some(1e15)), Vec::<String>::new());
        assert_eq!(fields(|u| u.actions[0].achieved.vnd = Some(0.0)), Vec::<String>::new());
        let mut u = update();
        u.actions[1].adopted_on = "x".into();
        let error = &validate(&u)[0];
        assert_eq!(error.field, "actions[1].adopted_on");
        assert_eq!(
            error.en,
            "The day the action was adopted is not valid (it must read like 2026-11-28)"
        );
        assert!(error.vi.starts_with("Ngày đưa vào kế hoạch"), "{}", error.vi);
    }

    #[test]
    fn a_plan_holds_at_most_its_largest_number_of_actions() {
        let many = |n: usize| (0..n).map(|i| action(&format!("m{i}"))).collect::<Vec<_>>();
        assert_eq!(fields(|u| u.actions = many(plan::MAX_ACTIONS)), Vec::<String>::new());
        assert_eq!(fields(|u| u.actions = many(plan::MAX_ACTIONS + 1)), ["actions"]);
        let mut u = update();
        u.actions = many(plan::MAX_ACTIONS + 1);
        assert_eq!(validate(&u)[0].vi, "Kế hoạch có quá nhiều biện pháp (tối đa 300)");
    }

    #[test]
    fn every_measure_adopted_with_every_text_at_its_longest_fits_the_body_bound() {
        let list = crate::checklist::active();
        let measures: Vec<&str> =
            list.questions.iter().filter(|q| q.measure.is_some()).map(|q| q.id.as_str()).collect();
        assert!(measures.len() > 20, "{}", measures.len());
        let mut u = update();
        u.company = "ệ".repeat(200);
        u.notes = "ệ".repeat(2_000);
        u.actions = measures
            .iter()
            .map(|m| {
                let mut a = action(m);
                a.owner = "ệ".repeat(200);
                a.achieved.unit = "ệ".repeat(40);
                a
            })
            .collect();
        assert_eq!(validate(&u), vec![]);
        let bytes = serde_json::to_string(&u).expect("JSON").len();
        assert!(bytes <= MAX_BYTES, "{bytes} bytes");
        // 128 KB: the bound holds the whole checklist's plan with room to spare.
        assert_eq!(MAX_BYTES, 131_072);
    }

    #[test]
    fn the_update_reads_back() {
        let u = update();
        let json = serde_json::to_string(&u).expect("JSON");
        assert_eq!(serde_json::from_str::<ProgressUpdate>(&json).ok(), Some(u));
    }
}

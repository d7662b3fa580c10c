//! The staff pages' words, one language at a time: a `Words` table per `sxsh_core::i18n::Lang`
//! (Vietnamese first, English by the switch), so a page shows every label in the reader's
//! language and never two side by side. A word missing in one language does not compile: both
//! tables fill the same struct.
//!
//! The reader's language is the `lang` cookie (`vi` or `en`, Vietnamese when absent); any staff
//! page's address with `?lang=en` or `?lang=vi` sets it and comes back without the parameter
//! (`switch_language`, a layer on the staff routes). Pages reach their table through
//! `Frame::w` (see `staff`), or `words(lang)`.

use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use sxsh_core::i18n::Lang;

/// The language cookie's name. Not `HttpOnly`: the assessor's app reads it too.
pub const LANG_COOKIE: &str = "lang";
/// How long the choice is kept, in seconds (a year).
const LANG_SECONDS: i64 = 365 * 24 * 3600;

/// The reader's language from the request's cookies: Vietnamese unless the `lang` cookie says
/// `en`.
pub fn chosen(headers: &axum::http::HeaderMap) -> Lang {
    CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| Lang::from_tag(c.value()))
        .unwrap_or_default()
}

/// The address of the page `here` (a path with its query) in `lang`: the same address with
/// `lang=` set, for the switch.
pub fn switch_href(here: &str, lang: Lang) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    let kept: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect();
    let mut href = format!("{path}?");
    for pair in kept {
        href.push_str(pair);
        href.push('&');
    }
    href.push_str("lang=");
    href.push_str(lang.tag());
    href
}

/// A layer on the staff routes: a `GET` with `lang=vi` or `lang=en` in its query sets the
/// language cookie and is sent back (303) to the same address without the parameter. Any other
/// request passes through.
pub async fn switch_language(request: Request, next: Next) -> Response {
    let asked = (request.method() == Method::GET)
        .then(|| request.uri().query())
        .flatten()
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("lang=")).map(str::to_owned));
    let Some(asked) = asked else { return next.run(request).await };
    let path = request.uri().path();
    let rest: Vec<&str> = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .collect();
    let back = if rest.is_empty() { path.to_owned() } else { format!("{path}?{}", rest.join("&")) };
    let mut response = Redirect::to(&back).into_response();
    if let Some(lang) = Lang::from_tag(&asked) {
        let cookie =
            format!("{LANG_COOKIE}={}; Path=/; Max-Age={LANG_SECONDS}; SameSite=Lax", lang.tag());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// The staff pages' words in one language; `{name}` marks a value filled in.
pub struct Words {
    /// The product's short name, after each page's title.
    pub product: &'static str,
    /// The skip link to the main content.
    pub skip: &'static str,
    /// The switch's label: the other language's name, in that language.
    pub other_language: &'static str,
    /// The navigation's accessible name.
    pub navigation: &'static str,
    pub nav_requests: &'static str,
    pub nav_my_requests: &'static str,
    pub nav_assessments: &'static str,
    pub nav_export: &'static str,
    pub nav_log: &'static str,
    pub nav_accounts: &'static str,
    /// Issue 24: the follow-ups due (the rest of the follow-up's words: `followup::words`).
    pub nav_follow_up: &'static str,
    pub log_out: &'static str,
    /// "Signed in as" before the username.
    pub signed_in_as: &'static str,
    /// The roles, in the order of `Role::ALL`.
    pub roles: [&'static str; 3],
    /// The statuses, in the order of `Status::ALL`.
    pub statuses: [&'static str; 5],
    /// The refusal of a page outside the reader's role.
    pub denied_title: &'static str,
    pub denied_text: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back: &'static str,
    pub back_home: &'static str,
    pub login_title: &'static str,
    pub login_heading: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub log_in: &'static str,
    pub login_wrong: &'static str,
    /// `{wait}`: seconds.
    pub login_too_many: &'static str,
    /// `{at}`: dd/mm/yyyy HH:MM in Vietnam's time.
    pub login_locked: &'static str,
    pub list_title: &'static str,
    pub list_heading: &'static str,
    pub list_heading_assessor: &'static str,
    pub filters: &'static str,
    pub all: &'static str,
    pub not_assigned: &'static str,
    pub key_only: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub from_day: &'static str,
    pub to_day: &'static str,
    pub sort: &'static str,
    pub sort_triage: &'static str,
    pub sort_date: &'static str,
    pub apply_filters: &'static str,
    pub clear_filters: &'static str,
    pub export_filtered: &'static str,
    /// `{first}`, `{last}`, `{total}`, `{page}`, `{pages}`.
    pub summary_rows: &'static str,
    /// `{page}`, `{total}`.
    pub summary_none: &'static str,
    pub col_rank: &'static str,
    pub col_receipt: &'static str,
    pub col_received: &'static str,
    pub col_company: &'static str,
    pub col_sector: &'static str,
    pub col_status: &'static str,
    pub col_assessor: &'static str,
    pub col_priority: &'static str,
    /// `{n}`.
    pub points: &'static str,
    pub possible_duplicates: &'static str,
    pub pages_label: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    /// `{vnd}`, `{toe}`, `{co2}`.
    pub reason_potential: &'static str,
    /// `{n}`.
    pub vnd_billion: &'static str,
    /// `{n}`.
    pub vnd_million: &'static str,
    /// `{n}`.
    pub vnd_units: &'static str,
    /// `{from}`, `{points}`: the TOE band a request's potential reaches.
    pub reason_toe_band: &'static str,
    /// `{from}`, `{points}`: the tCO2 band a request's potential reaches.
    pub reason_tco2_band: &'static str,
    /// `{threshold}`: TOE.
    pub reason_key_user: &'static str,
    /// `{source}`: the list's short source.
    pub reason_pollution: &'static str,
    pub no_reasons: &'static str,
    pub tax_code: &'static str,
    pub not_given: &'static str,
    pub anonymised_at: &'static str,
    pub priority_heading: &'static str,
    pub downloads: &'static str,
    pub report_pdf: &'static str,
    pub report_json: &'static str,
    pub open_rapid: &'static str,
    pub assign_heading: &'static str,
    pub assign_button: &'static str,
    pub assign_hint: &'static str,
    pub no_assessors: &'static str,
    pub choose: &'static str,
    pub status_heading: &'static str,
    pub new_status: &'static str,
    pub save: &'static str,
    pub contact_heading: &'static str,
    pub contact_name: &'static str,
    pub position: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub preferred_period: &'static str,
    pub bills: &'static str,
    pub equipment: &'static str,
    pub schedule: &'static str,
    pub enterprise_notes: &'static str,
    pub bills_unstated: &'static str,
    pub bills_yes: &'static str,
    pub bills_partly: &'static str,
    pub bills_no: &'static str,
    pub consent_heading: &'static str,
    pub consent_request: &'static str,
    pub consent_training: &'static str,
    pub consent_news: &'static str,
    pub consent_notice: &'static str,
    pub consent_at: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub results_heading: &'static str,
    pub score: &'static str,
    pub savings_caption: &'static str,
    pub col_stream: &'static str,
    pub col_share: &'static str,
    pub col_money: &'static str,
    pub col_co2: &'static str,
    pub notes_heading: &'static str,
    pub no_notes: &'static str,
    pub new_note: &'static str,
    pub add_note: &'static str,
    /// `{from}`, `{to}`: statuses in words.
    pub note_status: &'static str,
    /// `{name}`.
    pub note_assigned: &'static str,
    /// `{fields}`.
    pub note_corrected: &'static str,
    pub note_anonymised: &'static str,
    pub training_withdrawn: &'static str,
    pub news_withdrawn: &'static str,
    pub rights_heading: &'static str,
    pub correct_summary: &'static str,
    pub withdraw_training: &'static str,
    pub withdraw_news: &'static str,
    pub save_correction: &'static str,
    pub anonymise_summary: &'static str,
    pub anonymise_text: &'static str,
    pub confirm_receipt: &'static str,
    pub anonymise_button: &'static str,
    pub delete_summary: &'static str,
    pub delete_text: &'static str,
    pub delete_button: &'static str,
    pub answers_heading: &'static str,
    pub col_section: &'static str,
    pub col_question: &'static str,
    pub col_answer: &'static str,
    pub problems_heading: &'static str,
    pub not_corrected: &'static str,
    pub not_done: &'static str,
    pub receipt_mismatch: &'static str,
    pub unknown_status: &'static str,
    pub unknown_assessor: &'static str,
    pub audit_heading: &'static str,
    pub audit_intro: &'static str,
    pub col_at: &'static str,
    pub col_actor: &'static str,
    pub col_action: &'static str,
    pub col_object: &'static str,
    /// `{name}`.
    pub account_object: &'static str,
    pub accounts_heading: &'static str,
    pub col_username: &'static str,
    pub col_role: &'static str,
    pub col_state: &'static str,
    pub col_sessions: &'static str,
    pub col_manage: &'static str,
    pub state_active: &'static str,
    /// `{at}`.
    pub state_locked: &'static str,
    pub state_disabled: &'static str,
    /// `{name}`.
    pub manage: &'static str,
    pub create_heading: &'static str,
    pub role: &'static str,
    pub password_hint: &'static str,
    pub username_hint: &'static str,
    pub create_button: &'static str,
    /// `{name}`.
    pub account_heading: &'static str,
    pub change_role: &'static str,
    pub change_role_hint: &'static str,
    pub access_heading: &'static str,
    pub disable: &'static str,
    pub disable_hint: &'static str,
    pub enable: &'static str,
    pub revoke: &'static str,
    pub reset_heading: &'static str,
    pub new_password: &'static str,
    pub reset_hint: &'static str,
    pub reset_button: &'static str,
    pub own_account: &'static str,
    pub done_created: &'static str,
    pub done_role: &'static str,
    pub done_disabled: &'static str,
    pub done_enabled: &'static str,
    pub done_reset: &'static str,
    pub done_revoked: &'static str,
    pub not_created: &'static str,
    pub not_changed: &'static str,
}

/// Vietnamese.
pub static VI: Words = Words {
    product: "SXSH – Sở Công Thương",
    skip: "Chuyển đến nội dung chính",
    other_language: "English",
    navigation: "Điều hướng chính",
    nav_requests: "Danh sách yêu cầu",
    nav_my_requests: "Yêu cầu được giao",
    nav_assessments: "Đánh giá nhanh",
    nav_export: "Xuất tệp CSV",
    nav_log: "Nhật ký xử lý",
    nav_accounts: "Tài khoản",
    nav_follow_up: "Theo dõi sau đánh giá",
    log_out: "Đăng xuất",
    signed_in_as: "Đang đăng nhập:",
    roles: ["Cán bộ tiếp nhận", "Chuyên gia đánh giá", "Quản trị viên"],
    statuses: ["Mới tiếp nhận", "Đã liên hệ", "Đã lên lịch", "Đã đánh giá", "Đã kết thúc"],
    denied_title: "Không có quyền truy cập",
    denied_text: "Trang này không thuộc phần việc của vai trò bạn đang được giao. Nếu bạn cần truy cập, hãy liên hệ quản trị viên.",
    not_found_title: "Không tìm thấy",
    not_found_text: "Không có yêu cầu này, hoặc yêu cầu không được giao cho bạn.",
    back: "Quay lại",
    back_home: "Về trang chính",
    login_title: "Đăng nhập",
    login_heading: "Đăng nhập dành cho cán bộ Sở",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    log_in: "Đăng nhập",
    login_wrong: "Sai tên đăng nhập hoặc mật khẩu.",
    login_too_many: "Có quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau {wait} giây.",
    login_locked: "Tài khoản tạm bị khóa do đăng nhập sai nhiều lần, đến {at} (giờ Việt Nam).",
    list_title: "Yêu cầu",
    list_heading: "Yêu cầu đánh giá nhanh SXSH",
    list_heading_assessor: "Yêu cầu được giao cho bạn",
    filters: "Lọc danh sách",
    all: "Tất cả",
    not_assigned: "Chưa giao",
    key_only: "Chỉ cơ sở sử dụng năng lượng trọng điểm",
    search: "Tìm kiếm",
    search_hint: "Tên doanh nghiệp, số biên nhận hoặc mã số thuế",
    from_day: "Từ ngày",
    to_day: "Đến ngày",
    sort: "Sắp xếp theo",
    sort_triage: "Mức ưu tiên (cao trước)",
    sort_date: "Ngày nhận (mới nhất trước)",
    apply_filters: "Lọc",
    clear_filters: "Xóa bộ lọc",
    export_filtered: "Xuất danh sách đã lọc (CSV)",
    summary_rows: "Yêu cầu {first}–{last} trên tổng số {total} (trang {page}/{pages}).",
    summary_none: "Không có yêu cầu nào trên trang {page}; tổng số {total}.",
    col_rank: "Thứ tự",
    col_receipt: "Số biên nhận",
    col_received: "Ngày nhận",
    col_company: "Doanh nghiệp",
    col_sector: "Ngành",
    col_status: "Trạng thái",
    col_assessor: "Chuyên gia đánh giá",
    col_priority: "Mức ưu tiên và lý do",
    points: "{n} điểm",
    possible_duplicates: "Có thể trùng doanh nghiệp với:",
    pages_label: "Chuyển trang",
    previous_page: "Trang trước",
    next_page: "Trang sau",
    reason_potential: "Tiềm năng tiết kiệm ~{vnd}/năm (~{toe} TOE, ~{co2} tấn CO2)",
    vnd_billion: "{n} tỷ đồng",
    vnd_million: "{n} triệu đồng",
    vnd_units: "{n} đồng",
    reason_toe_band: "Tiết kiệm năng lượng từ {from} TOE/năm trở lên (+{points} điểm)",
    reason_tco2_band: "Giảm phát thải từ {from} tấn CO2/năm trở lên (+{points} điểm)",
    reason_key_user: "Cơ sở sử dụng năng lượng trọng điểm (≥ {threshold} TOE/năm)",
    reason_pollution: "Ngành thuộc danh mục có nguy cơ gây ô nhiễm môi trường ({source})",
    no_reasons: "Chưa có yếu tố ưu tiên",
    tax_code: "Mã số thuế",
    not_given: "Chưa cung cấp",
    anonymised_at: "Đã ẩn danh lúc",
    priority_heading: "Mức ưu tiên",
    downloads: "Tải về",
    report_pdf: "Báo cáo tự đánh giá (PDF)",
    report_json: "Dữ liệu tự đánh giá (JSON)",
    open_rapid: "Mở phiếu đánh giá nhanh",
    assign_heading: "Giao chuyên gia đánh giá",
    assign_button: "Giao việc",
    assign_hint: "Lần giao đầu tiên chuyển yêu cầu mới hoặc đã liên hệ sang trạng thái “Đã lên lịch”.",
    no_assessors: "Chưa có tài khoản chuyên gia đánh giá nào đang hoạt động; quản trị viên tạo tài khoản ở trang Tài khoản.",
    choose: "— Chọn —",
    status_heading: "Đổi trạng thái",
    new_status: "Trạng thái mới",
    save: "Lưu",
    contact_heading: "Thông tin liên hệ",
    contact_name: "Người liên hệ",
    position: "Chức vụ",
    phone: "Điện thoại",
    email: "Thư điện tử",
    preferred_period: "Thời gian mong muốn",
    bills: "Hóa đơn 12 tháng",
    equipment: "Thiết bị chính",
    schedule: "Chế độ làm việc",
    enterprise_notes: "Ghi chú của doanh nghiệp",
    bills_unstated: "Chưa trả lời",
    bills_yes: "Có, đủ 12 tháng",
    bills_partly: "Có một phần",
    bills_no: "Không",
    consent_heading: "Sự đồng ý",
    consent_request: "Đồng ý để Sở liên hệ về yêu cầu",
    consent_training: "Nhận thông tin đào tạo",
    consent_news: "Nhận bản tin",
    consent_notice: "Phiên bản thông báo bảo mật",
    consent_at: "Thời điểm đồng ý",
    yes: "Có",
    no: "Không",
    results_heading: "Kết quả tự đánh giá (tính lại tại máy chủ)",
    score: "Điểm",
    savings_caption: "Tiềm năng tiết kiệm theo dòng tài nguyên",
    col_stream: "Dòng tài nguyên",
    col_share: "Tỷ lệ tiết kiệm",
    col_money: "Tiền",
    col_co2: "CO2",
    notes_heading: "Ghi chú xử lý",
    no_notes: "Chưa có ghi chú.",
    new_note: "Ghi chú mới",
    add_note: "Thêm ghi chú",
    note_status: "Trạng thái: {from} → {to}",
    note_assigned: "Giao cho chuyên gia đánh giá {name}",
    note_corrected: "Đã sửa: {fields}",
    note_anonymised: "Đã ẩn danh thông tin liên hệ",
    training_withdrawn: "rút đồng ý nhận thông tin đào tạo",
    news_withdrawn: "rút đồng ý nhận bản tin",
    rights_heading: "Quyền của chủ thể dữ liệu",
    correct_summary: "Sửa thông tin liên hệ, rút đồng ý",
    withdraw_training: "Rút đồng ý nhận thông tin đào tạo",
    withdraw_news: "Rút đồng ý nhận bản tin",
    save_correction: "Lưu sửa đổi",
    anonymise_summary: "Ẩn danh",
    anonymise_text: "Xóa họ tên, chức vụ, điện thoại, thư điện tử, thời gian mong muốn và ghi chú của người liên hệ; giữ tên doanh nghiệp, mã số thuế, câu trả lời và kết quả cho thống kê.",
    confirm_receipt: "Nhập số biên nhận để xác nhận",
    anonymise_button: "Ẩn danh",
    delete_summary: "Xóa yêu cầu",
    delete_text: "Xóa hẳn yêu cầu và các ghi chú; nhật ký xử lý chỉ giữ số biên nhận.",
    delete_button: "Xóa vĩnh viễn",
    answers_heading: "Câu trả lời",
    col_section: "Phần",
    col_question: "Câu hỏi",
    col_answer: "Trả lời",
    problems_heading: "Cần sửa các mục sau",
    not_corrected: "Chưa sửa được",
    not_done: "Chưa thực hiện",
    receipt_mismatch: "Số biên nhận nhập vào không khớp.",
    unknown_status: "Trạng thái không hợp lệ.",
    unknown_assessor: "Tài khoản được chọn không phải chuyên gia đánh giá đang hoạt động.",
    audit_heading: "Nhật ký xử lý dữ liệu",
    audit_intro: "Ai đã làm gì, với yêu cầu hay tài khoản nào, lúc nào (Nghị định 13/2023/NĐ-CP). Nhật ký không chứa dữ liệu cá nhân của người liên hệ.",
    col_at: "Thời điểm",
    col_actor: "Người thực hiện",
    col_action: "Việc",
    col_object: "Đối tượng",
    account_object: "tài khoản {name}",
    accounts_heading: "Tài khoản cán bộ",
    col_username: "Tên đăng nhập",
    col_role: "Vai trò",
    col_state: "Tình trạng",
    col_sessions: "Phiên đang mở",
    col_manage: "Quản lý",
    state_active: "Đang hoạt động",
    state_locked: "Tạm khóa đến {at}",
    state_disabled: "Đã vô hiệu hóa",
    manage: "Quản lý {name}",
    create_heading: "Tạo tài khoản",
    role: "Vai trò",
    password_hint: "Ít nhất 12 ký tự, trong đó ít nhất 6 ký tự khác nhau; không chứa tên đăng nhập; không phải mật khẩu phổ biến.",
    username_hint: "1–64 chữ cái, chữ số hoặc . _ - @",
    create_button: "Tạo tài khoản",
    account_heading: "Tài khoản {name}",
    change_role: "Đổi vai trò",
    change_role_hint: "Vai trò mới có hiệu lực ngay từ trang tiếp theo người dùng mở.",
    access_heading: "Quyền truy cập",
    disable: "Vô hiệu hóa tài khoản",
    disable_hint: "Vô hiệu hóa sẽ kết thúc mọi phiên đăng nhập và quên mọi trình duyệt đã dùng của tài khoản.",
    enable: "Kích hoạt lại tài khoản",
    revoke: "Kết thúc mọi phiên đăng nhập",
    reset_heading: "Đặt lại mật khẩu",
    new_password: "Mật khẩu mới",
    reset_hint: "Đặt lại mật khẩu sẽ mở khóa tài khoản và kết thúc mọi phiên đăng nhập của tài khoản.",
    reset_button: "Đặt lại mật khẩu",
    own_account: "Bạn không thể vô hiệu hóa hay đổi vai trò của chính tài khoản mình.",
    done_created: "Đã tạo tài khoản.",
    done_role: "Đã đổi vai trò.",
    done_disabled: "Đã vô hiệu hóa tài khoản.",
    done_enabled: "Đã kích hoạt lại tài khoản.",
    done_reset: "Đã đặt lại mật khẩu.",
    done_revoked: "Đã kết thúc các phiên đăng nhập.",
    not_created: "Chưa tạo được tài khoản",
    not_changed: "Chưa thay đổi được",
};

/// English.
pub static EN: Words = Words {
    product: "SXSH – Department of Industry and Trade",
    skip: "Skip to main content",
    other_language: "Tiếng Việt",
    navigation: "Main navigation",
    nav_requests: "Requests",
    nav_my_requests: "Assigned requests",
    nav_assessments: "Rapid assessments",
    nav_export: "Export CSV",
    nav_log: "Processing log",
    nav_accounts: "Accounts",
    nav_follow_up: "Follow-up",
    log_out: "Log out",
    signed_in_as: "Signed in as",
    roles: ["Officer", "Assessor", "Administrator"],
    statuses: ["New", "Contacted", "Scheduled", "Assessed", "Closed"],
    denied_title: "Not allowed",
    denied_text: "This page is not part of your role's work. If you need it, ask an administrator.",
    not_found_title: "Not found",
    not_found_text: "There is no such request, or it is not assigned to you.",
    back: "Back",
    back_home: "Go to the start page",
    login_title: "Log in",
    login_heading: "Department staff login",
    username: "Username",
    password: "Password",
    log_in: "Log in",
    login_wrong: "Wrong username or password.",
    login_too_many: "Too many login attempts from this address. Please try again in {wait} seconds.",
    login_locked: "The account is locked after repeated failed logins, until {at} (Vietnam time).",
    list_title: "Requests",
    list_heading: "Requests for a rapid cleaner-production assessment",
    list_heading_assessor: "Requests assigned to you",
    filters: "Filter the list",
    all: "All",
    not_assigned: "Not assigned",
    key_only: "Key energy users only",
    search: "Search",
    search_hint: "Company name, receipt or tax code",
    from_day: "From",
    to_day: "To",
    sort: "Sort by",
    sort_triage: "Priority (highest first)",
    sort_date: "Date received (newest first)",
    apply_filters: "Apply",
    clear_filters: "Clear the filters",
    export_filtered: "Export the filtered list (CSV)",
    summary_rows: "Requests {first}–{last} of {total} (page {page} of {pages}).",
    summary_none: "No requests on page {page}; {total} in all.",
    col_rank: "Rank",
    col_receipt: "Receipt",
    col_received: "Received",
    col_company: "Company",
    col_sector: "Sector",
    col_status: "Status",
    col_assessor: "Assessor",
    col_priority: "Priority and why",
    points: "{n} points",
    possible_duplicates: "Possibly the same enterprise as:",
    pages_label: "Pages",
    previous_page: "Previous page",
    next_page: "Next page",
    reason_potential: "Saving potential ~{vnd} a year (~{toe} TOE, ~{co2} t CO2)",
    vnd_billion: "{n} billion VND",
    vnd_million: "{n} million VND",
    vnd_units: "{n} VND",
    reason_toe_band: "Energy saving of {from} TOE a year or more (+{points} points)",
    reason_tco2_band: "Emissions cut by {from} t CO2 a year or more (+{points} points)",
    reason_key_user: "Key energy user (≥ {threshold} TOE a year)",
    reason_pollution: "Sector on the list of those at risk of causing environmental pollution ({source})",
    no_reasons: "No priority factor",
    tax_code: "Tax code",
    not_given: "Not given",
    anonymised_at: "Anonymised at",
    priority_heading: "Priority",
    downloads: "Downloads",
    report_pdf: "Self-assessment report (PDF)",
    report_json: "Self-assessment data (JSON)",
    open_rapid: "Open the rapid assessment record",
    assign_heading: "Assign an assessor",
    assign_button: "Assign",
    assign_hint: "The first assignment moves a new or contacted request to “Scheduled”.",
    no_assessors: "There is no active assessor account yet; an administrator creates one on the Accounts page.",
    choose: "— Choose —",
    status_heading: "Change the status",
    new_status: "New status",
    save: "Save",
    contact_heading: "Contact",
    contact_name: "Contact person",
    position: "Position",
    phone: "Phone",
    email: "E-mail",
    preferred_period: "Preferred period",
    bills: "12 months of bills",
    equipment: "Main equipment",
    schedule: "Working schedule",
    enterprise_notes: "The enterprise's notes",
    bills_unstated: "Not answered",
    bills_yes: "Yes, 12 months",
    bills_partly: "Some",
    bills_no: "No",
    consent_heading: "Consent",
    consent_request: "To be contacted about the request",
    consent_training: "Training information",
    consent_news: "News",
    consent_notice: "Privacy notice version",
    consent_at: "Given at",
    yes: "Yes",
    no: "No",
    results_heading: "Self-assessment results (recomputed by the service)",
    score: "Score",
    savings_caption: "Saving potential by stream",
    col_stream: "Stream",
    col_share: "Saving share",
    col_money: "Money",
    col_co2: "CO2",
    notes_heading: "Case notes",
    no_notes: "No notes yet.",
    new_note: "New note",
    add_note: "Add the note",
    note_status: "Status: {from} → {to}",
    note_assigned: "Assigned to the assessor {name}",
    note_corrected: "Corrected: {fields}",
    note_anonymised: "Contact anonymised",
    training_withdrawn: "training consent withdrawn",
    news_withdrawn: "news consent withdrawn",
    rights_heading: "The data subject's rights",
    correct_summary: "Correct the contact, withdraw consent",
    withdraw_training: "Withdraw the consent to training information",
    withdraw_news: "Withdraw the consent to news",
    save_correction: "Save the correction",
    anonymise_summary: "Anonymise",
    anonymise_text: "Removes the contact's name, position, phone, e-mail, preferred period and notes; keeps the company, its tax code, the answers and the results for statistics.",
    confirm_receipt: "Type the receipt to confirm",
    anonymise_button: "Anonymise",
    delete_summary: "Delete the request",
    delete_text: "Deletes the request and its notes for good; the processing log keeps only the receipt.",
    delete_button: "Delete for good",
    answers_heading: "Answers",
    col_section: "Section",
    col_question: "Question",
    col_answer: "Answer",
    problems_heading: "Please fix the following",
    not_corrected: "Not corrected",
    not_done: "Not done",
    receipt_mismatch: "The receipt typed does not match.",
    unknown_status: "Unknown status.",
    unknown_assessor: "The account chosen is not an active assessor.",
    audit_heading: "Processing log",
    audit_intro: "Who did what to which request or account, and when (Decree 13/2023/NĐ-CP). The log holds no personal data of the contacts.",
    col_at: "When",
    col_actor: "Who",
    col_action: "What",
    col_object: "Which",
    account_object: "account {name}",
    accounts_heading: "Staff accounts",
    col_username: "Username",
    col_role: "Role",
    col_state: "State",
    col_sessions: "Open sessions",
    col_manage: "Manage",
    state_active: "Active",
    state_locked: "Locked until {at}",
    state_disabled: "Disabled",
    manage: "Manage {name}",
    create_heading: "Create an account",
    role: "Role",
    password_hint: "At least 12 characters, at least 6 of them different; not containing the username; not a well-known password.",
    username_hint: "1–64 letters, digits or . _ - @",
    create_button: "Create the account",
    account_heading: "Account {name}",
    change_role: "Change the role",
    change_role_hint: "The new role holds from the next page the user opens.",
    access_heading: "Access",
    disable: "Disable the account",
    disable_hint: "Disabling ends every session of the account and forgets the browsers it used.",
    enable: "Enable the account again",
    revoke: "End every session",
    reset_heading: "Reset the password",
    new_password: "New password",
    reset_hint: "Resetting the password unlocks the account and ends its sessions.",
    reset_button: "Reset the password",
    own_account: "You cannot disable your own account or change its role.",
    done_created: "The account is created.",
    done_role: "The role is changed.",
    done_disabled: "The account is disabled.",
    done_enabled: "The account is enabled again.",
    done_reset: "The password is reset.",
    done_revoked: "The sessions are ended.",
    not_created: "The account was not created",
    not_changed: "Not changed",
};

/// The processing log's actions (`audit::Action::as_str`) in words: code, Vietnamese, English.
const ACTIONS: [(&str, &str, &str); 28] = [
    ("login_succeeded", "Đăng nhập", "Logged in"),
    ("login_failed", "Đăng nhập không thành công", "Failed login"),
    ("login_locked", "Đăng nhập khi tài khoản đang tạm khóa", "Login while locked"),
    ("logout", "Đăng xuất", "Logged out"),
    ("request_viewed", "Xem yêu cầu", "Viewed a request"),
    ("report_pdf", "Tải báo cáo PDF", "Downloaded the PDF report"),
    ("report_json", "Tải dữ liệu JSON", "Downloaded the JSON data"),
    ("export_csv", "Xuất tệp CSV", "Exported the CSV"),
    ("status_changed", "Đổi trạng thái", "Changed the status"),
    ("note_added", "Thêm ghi chú", "Added a note"),
    ("corrected", "Sửa thông tin liên hệ", "Corrected the contact"),
    ("anonymised", "Ẩn danh", "Anonymised"),
    ("deleted", "Xóa yêu cầu", "Deleted the request"),
    ("purged", "Xóa khi hết thời hạn lưu trữ", "Deleted at the end of retention"),
    ("audit_viewed", "Xem nhật ký xử lý", "Viewed the processing log"),
    ("account_created", "Tạo tài khoản", "Created the account"),
    ("role_changed", "Đổi vai trò", "Changed the role"),
    ("assessor_assigned", "Giao chuyên gia đánh giá", "Assigned an assessor"),
    ("password_reset", "Đặt lại mật khẩu", "Reset the password"),
    ("account_disabled", "Vô hiệu hóa tài khoản", "Disabled the account"),
    ("account_enabled", "Kích hoạt lại tài khoản", "Enabled the account"),
    ("sessions_revoked", "Kết thúc các phiên đăng nhập", "Ended the sessions"),
    ("backup_written", "Sao lưu cơ sở dữ liệu", "Wrote a backup"),
    ("restored", "Khôi phục cơ sở dữ liệu", "Restored the database"),
    // Issue 24, the follow-up.
    ("progress_received", "Nhận báo cáo tiến độ của doanh nghiệp", "Received a progress update"),
    ("follow_up_recorded", "Ghi nhận kết quả theo dõi", "Recorded a follow-up"),
    (
        "annual_report",
        "Tải báo cáo năm của chương trình",
        "Downloaded the programme's annual report",
    ),
    ("open_data", "Xuất dữ liệu mở (ẩn danh)", "Exported the open data (anonymised)"),
];

/// An action of the processing log in words; one this table does not know, as stored.
pub fn action_word(action: &str, lang: Lang) -> &str {
    ACTIONS.iter().find(|(code, _, _)| *code == action).map_or(action, |(_, vi, en)| match lang {
        Lang::Vi => vi,
        Lang::En => en,
    })
}

/// The table of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_keeps_the_query_and_replaces_the_language() {
        assert_eq!(switch_href("/staff", Lang::En), "/staff?lang=en");
        assert_eq!(
            switch_href("/staff?status=new&lang=vi&page=2", Lang::En),
            "/staff?status=new&page=2&lang=en"
        );
        assert_eq!(
            switch_href("/staff/requests/SXSH-2026-0001", Lang::Vi),
            "/staff/requests/SXSH-2026-0001?lang=vi"
        );
    }

    #[test]
    fn every_action_of_the_log_has_words() {
        for action in crate::audit::Action::ALL {
            assert_ne!(action_word(action.as_str(), Lang::Vi), action.as_str(), "{action:?}");
            assert_ne!(action_word(action.as_str(), Lang::En), action.as_str(), "{action:?}");
        }
        assert_eq!(action_word("status_changed", Lang::En), "Changed the status");
        assert_eq!(action_word("something_new", Lang::Vi), "something_new");
    }

    #[test]
    fn each_language_names_the_other_in_its_own_words() {
        assert_eq!(words(Lang::Vi).other_language, "English");
        assert_eq!(words(Lang::En).other_language, "Tiếng Việt");
        assert_eq!(words(Lang::Vi).statuses[0], "Mới tiếp nhận");
        assert_eq!(words(Lang::En).statuses[4], "Closed");
    }
}

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

/// The words of the pages' frame, navigation, login and refusals, and the list, in one
/// language.
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
}

/// Vietnamese.
pub static VI: Words = Words {
    product: "SXSH – Sở Công Thương",
    skip: "Bỏ qua, đến nội dung chính",
    other_language: "English",
    navigation: "Điều hướng chính",
    nav_requests: "Danh sách yêu cầu",
    nav_my_requests: "Yêu cầu được giao",
    nav_assessments: "Đánh giá nhanh",
    nav_export: "Xuất tệp CSV",
    nav_log: "Nhật ký xử lý",
    nav_accounts: "Tài khoản",
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
};

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
    fn each_language_names_the_other_in_its_own_words() {
        assert_eq!(words(Lang::Vi).other_language, "English");
        assert_eq!(words(Lang::En).other_language, "Tiếng Việt");
        assert_eq!(words(Lang::Vi).statuses[0], "Mới tiếp nhận");
        assert_eq!(words(Lang::En).statuses[4], "Closed");
    }
}

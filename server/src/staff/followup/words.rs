//! The follow-up's words, one table per language (the staff pages' mechanism, `staff::words`):
//! both tables fill the same struct, so a word missing in one language does not compile.

use sxsh_core::follow_up::{Evidence, FollowUpStatus};
use sxsh_core::i18n::Lang;
use sxsh_core::plan::ActionStatus;

/// Every word of the follow-up's section and pages in one language.
pub(crate) struct FollowUpWords {
    pub(crate) section: &'static str,
    pub(crate) updates: &'static str,
    pub(crate) no_updates: &'static str,
    /// `{reference}`, `{at}`.
    pub(crate) update_heading: &'static str,
    pub(crate) action: &'static str,
    pub(crate) action_status: &'static str,
    pub(crate) status_on: &'static str,
    pub(crate) self_reported_saving: &'static str,
    pub(crate) enterprise_notes: &'static str,
    pub(crate) no_actions: &'static str,
    pub(crate) table_caption: &'static str,
    pub(crate) no_record: &'static str,
    pub(crate) no_agreed: &'static str,
    pub(crate) opportunity: &'static str,
    pub(crate) status: &'static str,
    pub(crate) date: &'static str,
    pub(crate) quantity: &'static str,
    pub(crate) vnd: &'static str,
    pub(crate) tco2: &'static str,
    pub(crate) evidence: &'static str,
    pub(crate) none_yet: &'static str,
    pub(crate) history: &'static str,
    /// `{at}`, `{author}`.
    pub(crate) recorded_by: &'static str,
    pub(crate) form_summary: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) method: &'static str,
    pub(crate) method_hint: &'static str,
    pub(crate) numbers_hint: &'static str,
    pub(crate) save: &'static str,
    pub(crate) not_recorded: &'static str,
    pub(crate) unknown_choice: &'static str,
    /// `{field}`.
    pub(crate) not_a_number: &'static str,
    pub(crate) not_agreed: &'static str,
    pub(crate) enterprise: &'static str,
    pub(crate) due_title: &'static str,
    pub(crate) due_intro: &'static str,
    pub(crate) due_none: &'static str,
    pub(crate) due_caption: &'static str,
    pub(crate) request: &'static str,
    pub(crate) company: &'static str,
    pub(crate) sector: &'static str,
    pub(crate) visit: &'static str,
    pub(crate) due_on: &'static str,
    pub(crate) months: &'static str,
    /// `{n}`.
    pub(crate) after_months: &'static str,
    /// In `FollowUpStatus::ALL`'s order.
    pub(crate) statuses: [&'static str; 4],
    /// In `Evidence::ALL`'s order.
    pub(crate) evidences: [&'static str; 2],
    /// In `ActionStatus::ALL`'s order.
    pub(crate) action_statuses: [&'static str; 4],
}

impl FollowUpWords {
    pub(crate) fn status(&self, status: FollowUpStatus) -> &'static str {
        self.statuses[FollowUpStatus::ALL.iter().position(|s| *s == status).unwrap_or(3)]
    }

    pub(crate) fn evidence(&self, evidence: Evidence) -> &'static str {
        self.evidences[Evidence::ALL.iter().position(|e| *e == evidence).unwrap_or(0)]
    }

    pub(crate) fn action_status(&self, status: ActionStatus) -> &'static str {
        self.action_statuses[ActionStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }
}

pub(crate) static VI: FollowUpWords = FollowUpWords {
    section: "Theo dõi sau đánh giá",
    updates: "Báo cáo tiến độ của doanh nghiệp",
    no_updates: "Doanh nghiệp chưa gửi báo cáo tiến độ nào.",
    update_heading: "Báo cáo {reference}, nhận lúc {at}",
    action: "Hành động",
    action_status: "Trạng thái (doanh nghiệp báo)",
    status_on: "Ngày",
    self_reported_saving: "Tiết kiệm doanh nghiệp tự báo",
    enterprise_notes: "Ghi chú của doanh nghiệp",
    no_actions: "Báo cáo không có hành động nào.",
    table_caption: "Các cơ hội doanh nghiệp đã đồng ý thực hiện",
    no_record: "Chưa có biên bản đánh giá nhanh: chưa có cơ hội nào để theo dõi.",
    no_agreed: "Biên bản đánh giá nhanh chưa có cơ hội nào được doanh nghiệp đồng ý.",
    opportunity: "Cơ hội",
    status: "Tình trạng",
    date: "Ngày",
    quantity: "Tiết kiệm (lượng)",
    vnd: "Tiết kiệm (đồng/năm)",
    tco2: "Giảm phát thải (tấn CO2/năm)",
    evidence: "Nguồn số liệu",
    none_yet: "Chưa theo dõi",
    history: "Lịch sử",
    recorded_by: "{at}, {author}",
    form_summary: "Ghi nhận tình trạng mới",
    unit: "Đơn vị",
    method: "Cách xác minh",
    method_hint: "Bắt buộc khi số liệu đã được Sở xác minh (ví dụ: hóa đơn điện 6 tháng, chỉ số công tơ).",
    numbers_hint: "Số viết kiểu Việt Nam, ví dụ 1.250.000 hoặc 12,5; để trống nếu chưa biết.",
    save: "Lưu",
    not_recorded: "Chưa ghi nhận được",
    unknown_choice: "Lựa chọn không hợp lệ; hãy tải lại trang.",
    not_a_number: "{field}: không đọc được số (viết kiểu Việt Nam, ví dụ 1.250.000 hoặc 12,5).",
    not_agreed: "Cơ hội này không phải cơ hội đã được đồng ý trong biên bản mới nhất.",
    enterprise: "Doanh nghiệp",
    due_title: "Đến hạn theo dõi",
    due_intro: "Việc theo dõi đến hạn 6 và 12 tháng sau ngày khảo sát, cho đến khi có kết quả theo dõi được ghi nhận từ ngày đó trở đi.",
    due_none: "Không có việc theo dõi nào đến hạn.",
    due_caption: "Việc theo dõi đến hạn, sớm nhất trước",
    request: "Yêu cầu",
    company: "Doanh nghiệp",
    sector: "Ngành",
    visit: "Ngày khảo sát",
    due_on: "Đến hạn",
    months: "Mốc",
    after_months: "{n} tháng",
    statuses: ["Đã thực hiện", "Đang thực hiện", "Không thực hiện", "Chưa rõ"],
    evidences: ["Doanh nghiệp tự báo", "Đã xác minh"],
    action_statuses: ["Dự kiến", "Đang thực hiện", "Đã hoàn thành", "Đã bỏ"],
};

pub(crate) static EN: FollowUpWords = FollowUpWords {
    section: "Follow-up",
    updates: "The enterprise's progress updates",
    no_updates: "The enterprise has sent no progress update.",
    update_heading: "Update {reference}, received {at}",
    action: "Action",
    action_status: "Status (as reported)",
    status_on: "Day",
    self_reported_saving: "Saving, self-reported",
    enterprise_notes: "The enterprise's notes",
    no_actions: "The update has no action.",
    table_caption: "The opportunities the enterprise agreed to carry out",
    no_record: "No rapid-assessment record yet: no opportunity to follow up.",
    no_agreed: "The rapid-assessment record has no opportunity the enterprise agreed to.",
    opportunity: "Opportunity",
    status: "Status",
    date: "Day",
    quantity: "Saving (quantity)",
    vnd: "Saving (VND/year)",
    tco2: "Emissions avoided (t CO2/year)",
    evidence: "Evidence",
    none_yet: "Not followed up",
    history: "History",
    recorded_by: "{at}, {author}",
    form_summary: "Record a new status",
    unit: "Unit",
    method: "Verification method",
    method_hint: "Required when the Department verified the figures (such as 6 months of electricity bills, meter readings).",
    numbers_hint: "Numbers as typed in English, such as 1,250,000 or 12.5; leave empty when not known.",
    save: "Save",
    not_recorded: "Not recorded",
    unknown_choice: "A choice is not valid; reload the page.",
    not_a_number: "{field}: not a number (such as 1,250,000 or 12.5).",
    not_agreed: "This opportunity is not an agreed one of the latest record.",
    enterprise: "The enterprise",
    due_title: "Follow-ups due",
    due_intro: "Follow-ups fall due 6 and 12 months after the visit, until a follow-up is recorded on or after that day.",
    due_none: "No follow-up is due.",
    due_caption: "Follow-ups due, earliest first",
    request: "Request",
    company: "Company",
    sector: "Sector",
    visit: "Visit",
    due_on: "Due",
    months: "Milestone",
    after_months: "{n} months",
    statuses: ["Implemented", "In progress", "Not implemented", "Unknown"],
    evidences: ["Self-reported", "Verified"],
    action_statuses: ["Planned", "In progress", "Done", "Dropped"],
};

/// The table of `lang`.
pub(crate) fn follow_up_words(lang: Lang) -> &'static FollowUpWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

//! The words of the rapid-assessment pages and of the history's changes, one table per language
//! (the staff pages' mechanism, `staff::words`): both tables fill the same struct, so a word
//! missing in one language does not compile.

use sxsh_core::i18n::Lang;
use sxsh_core::rapid_assessment::{Agreement, Priority};

/// Every word of the rapid-assessment pages in one language.
pub(super) struct RapidWords {
    pub(super) list_title: &'static str,
    pub(super) list_intro: &'static str,
    pub(super) list_empty: &'static str,
    pub(super) receipt: &'static str,
    pub(super) company: &'static str,
    pub(super) received: &'static str,
    pub(super) status: &'static str,
    pub(super) record: &'static str,
    pub(super) not_saved: &'static str,
    /// `{n}`: the revision; `{at}`: when it was saved.
    pub(super) revision_at: &'static str,
    pub(super) record_title: &'static str,
    pub(super) needs_script: &'static str,
    pub(super) history_title: &'static str,
    pub(super) history_intro: &'static str,
    pub(super) history_none: &'static str,
    pub(super) revision: &'static str,
    pub(super) saved_by: &'static str,
    pub(super) saved_at: &'static str,
    pub(super) changes: &'static str,
    pub(super) open_record: &'static str,
    pub(super) report: &'static str,
    pub(super) first: &'static str,
    pub(super) no_change: &'static str,
    /// `{title}`.
    pub(super) added: &'static str,
    pub(super) removed: &'static str,
    /// `{stream}`.
    pub(super) removed_line: &'static str,
    /// `{title}`, `{fields}`.
    pub(super) changed_opportunity: &'static str,
    pub(super) marked_complete: &'static str,
    pub(super) marked_open: &'static str,
    pub(super) visit_date: &'static str,
    pub(super) team: &'static str,
    pub(super) areas: &'static str,
    pub(super) verified: &'static str,
    pub(super) unit: &'static str,
    pub(super) cost: &'static str,
    pub(super) evidence: &'static str,
    pub(super) title: &'static str,
    pub(super) measure: &'static str,
    pub(super) end_use: &'static str,
    pub(super) quantity: &'static str,
    pub(super) saving_unit: &'static str,
    pub(super) vnd: &'static str,
    pub(super) tco2: &'static str,
    pub(super) investment: &'static str,
    pub(super) priority: &'static str,
    pub(super) agreement: &'static str,
    pub(super) next_steps: &'static str,
    /// High, medium, low.
    pub(super) priorities: [&'static str; 3],
    /// Agreed, declined, undecided.
    pub(super) agreements: [&'static str; 3],
}

static VI: RapidWords = RapidWords {
    list_title: "Hồ sơ đánh giá nhanh",
    list_intro: "Các yêu cầu được giao cho bạn đánh giá, mới nhất trước.",
    list_empty: "Chưa có yêu cầu nào được giao cho bạn.",
    receipt: "Số biên nhận",
    company: "Doanh nghiệp",
    received: "Ngày nhận",
    status: "Trạng thái",
    record: "Hồ sơ",
    not_saved: "Chưa lưu",
    revision_at: "Bản {n}, lưu lúc {at}",
    record_title: "Hồ sơ đánh giá nhanh SXSH",
    needs_script: "Ứng dụng ghi hồ sơ cần JavaScript; hãy bật JavaScript trong trình duyệt.",
    history_title: "Lịch sử hồ sơ đánh giá nhanh",
    history_intro: "Mỗi lần lưu là một bản: ai lưu, lúc nào và đã thay đổi gì. Chỉ người đánh giá được giao mới sửa được hồ sơ.",
    history_none: "Hồ sơ chưa được lưu lần nào.",
    revision: "Bản",
    saved_by: "Người lưu",
    saved_at: "Lúc",
    changes: "Thay đổi",
    open_record: "Mở hồ sơ để ghi",
    report: "Tải báo cáo (PDF)",
    first: "Lưu lần đầu, từ số liệu doanh nghiệp tự đánh giá",
    no_change: "Không có thay đổi",
    added: "Thêm cơ hội “{title}”",
    removed: "Bỏ cơ hội “{title}”",
    removed_line: "Bỏ dòng số liệu nền “{stream}”",
    changed_opportunity: "Cơ hội “{title}”: {fields}",
    marked_complete: "Đánh dấu đã hoàn thành đánh giá",
    marked_open: "Bỏ đánh dấu hoàn thành",
    visit_date: "ngày khảo sát",
    team: "đoàn khảo sát",
    areas: "khu vực đã khảo sát",
    verified: "số liệu đã kiểm tra",
    unit: "đơn vị",
    cost: "chi phí cả năm",
    evidence: "căn cứ",
    title: "tên",
    measure: "biện pháp trong bảng kiểm",
    end_use: "mục đích sử dụng",
    quantity: "lượng tiết kiệm",
    saving_unit: "đơn vị tiết kiệm",
    vnd: "tiền tiết kiệm mỗi năm",
    tco2: "giảm phát thải (tấn CO2)",
    investment: "vốn đầu tư",
    priority: "mức ưu tiên",
    agreement: "doanh nghiệp",
    next_steps: "các bước tiếp theo",
    priorities: ["cao", "trung bình", "thấp"],
    agreements: ["đồng ý thực hiện", "không đồng ý", "chưa quyết định"],
};

static EN: RapidWords = RapidWords {
    list_title: "Rapid assessments",
    list_intro: "The requests assigned to you to assess, newest first.",
    list_empty: "No request is assigned to you yet.",
    receipt: "Receipt",
    company: "Company",
    received: "Received",
    status: "Status",
    record: "Record",
    not_saved: "Not saved yet",
    revision_at: "Revision {n}, saved {at}",
    record_title: "Rapid cleaner-production assessment record",
    needs_script: "The record's app needs JavaScript; turn JavaScript on in the browser.",
    history_title: "History of the rapid-assessment record",
    history_intro: "Each save is a revision: who saved it, when, and what changed. Only the assessor assigned to the request can edit the record.",
    history_none: "The record has not been saved yet.",
    revision: "Revision",
    saved_by: "Saved by",
    saved_at: "When",
    changes: "What changed",
    open_record: "Open the record to edit",
    report: "Download the report (PDF)",
    first: "First saved, from the enterprise's self-assessment",
    no_change: "No change",
    added: "Added the opportunity “{title}”",
    removed: "Removed the opportunity “{title}”",
    removed_line: "Removed the baseline line “{stream}”",
    changed_opportunity: "Opportunity “{title}”: {fields}",
    marked_complete: "Marked the assessment complete",
    marked_open: "Marked not complete",
    visit_date: "visit date",
    team: "assessment team",
    areas: "areas walked",
    verified: "verified figure",
    unit: "unit",
    cost: "annual cost",
    evidence: "evidence",
    title: "title",
    measure: "checklist measure",
    end_use: "end use",
    quantity: "quantity saved",
    saving_unit: "unit of the saving",
    vnd: "saving a year",
    tco2: "emissions avoided (t CO2)",
    investment: "investment",
    priority: "priority",
    agreement: "the enterprise",
    next_steps: "next steps",
    priorities: ["high", "medium", "low"],
    agreements: ["agreed", "declined", "undecided"],
};

/// The words in `lang`.
pub(super) fn rapid_words(lang: Lang) -> &'static RapidWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl RapidWords {
    /// A priority in words.
    pub(super) fn priority_word(&self, p: Priority) -> &'static str {
        self.priorities[p as usize]
    }

    /// An agreement in words.
    pub(super) fn agreement_word(&self, a: Agreement) -> &'static str {
        self.agreements[a as usize]
    }
}

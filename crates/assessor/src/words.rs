//! The app's interface texts, Vietnamese first, each in both languages in one place (`Word`);
//! the checklist's own wording (streams, end uses, measures) comes from the service with the
//! record. Pure.

use sxsh_core::i18n::Lang;

/// One interface text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Heading,
    Opening,
    CannotOpen,
    DraftUnreadable,
    DraftFromNewerApp,
    StorageUnavailable,
    StorageFull,
    // The status line.
    SavedOnDevice,
    SavedOnDeviceWaiting,
    Sending,
    SyncedAt,
    Offline,
    NextTry,
    ServerProblem,
    NumbersToFix,
    Refused,
    Forbidden,
    SessionEnded,
    StaleToken,
    NewerVersion,
    KeepMine,
    TakeNewer,
    NothingToSend,
    Save,
    History,
    Report,
    // The error summary.
    ProblemHeading,
    ErrorPrefix,
    // The visit.
    Visit,
    VisitDate,
    VisitTeam,
    VisitTeamHint,
    VisitAreas,
    VisitAreasHint,
    // The baseline.
    Baseline,
    BaselineIntro,
    SelfReported,
    NotReported,
    Verified,
    CostVnd,
    Evidence,
    EvidenceHint,
    // The opportunities.
    Opportunities,
    OpportunitiesIntro,
    NoOpportunities,
    Opportunity,
    FromChecklist,
    NewFinding,
    Title,
    EndUse,
    ChooseEndUse,
    EndUseMissing,
    TitleMissing,
    SavingQuantity,
    SavingUnit,
    SavingVnd,
    SavingTco2,
    Investment,
    Payback,
    PaybackYears,
    PaybackNone,
    Priority,
    High,
    Medium,
    Low,
    Agreement,
    Agreed,
    Declined,
    Undecided,
    Remove,
    RemoveConfirm,
    AddMeasure,
    ChooseMeasure,
    Add,
    AddFinding,
    NewFindingTitle,
    // The close.
    Totals,
    TotalsAll,
    TotalsAgreed,
    NextSteps,
    NextStepsHint,
    Complete,
    CompleteHint,
    PerYear,
}

impl Word {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = self.both();
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    fn both(self) -> (&'static str, &'static str) {
        use Word::*;
        match self {
            Heading => ("Hồ sơ đánh giá nhanh SXSH", "Rapid cleaner-production assessment record"),
            Opening => ("Đang mở hồ sơ…", "Opening the record…"),
            CannotOpen => (
                "Không mở được hồ sơ: không kết nối được máy chủ và máy này chưa có bản nháp của hồ sơ. Hãy tải lại trang khi có mạng.",
                "The record could not be opened: the service cannot be reached and this device has no draft of it. Reload the page when you are online.",
            ),
            DraftUnreadable => (
                "Bản nháp lưu trên máy này không đọc được. Nó được cất riêng (không bị ghi đè) và hồ sơ được mở lại từ máy chủ.",
                "The draft kept on this device could not be read. It was put aside (not overwritten) and the record was opened again from the service.",
            ),
            DraftFromNewerApp => (
                "Bản nháp trên máy này do phiên bản mới hơn của ứng dụng ghi. Nó được cất riêng và hồ sơ được mở lại từ máy chủ; hãy tải lại trang.",
                "The draft on this device was written by a newer version of the app. It was put aside and the record was opened again from the service; reload the page.",
            ),
            StorageUnavailable => (
                "Trình duyệt không cho lưu trên máy: những gì bạn nhập chỉ được giữ khi trang còn mở.",
                "This browser does not allow storage: what you type is kept only while the page stays open.",
            ),
            StorageFull => (
                "Bộ nhớ trình duyệt đã đầy: bản nháp mới nhất chưa lưu được trên máy. Hãy bấm Lưu khi có mạng.",
                "The browser's storage is full: the latest draft could not be kept on this device. Press Save when online.",
            ),
            SavedOnDevice => ("Đã lưu trên máy", "Saved on this device"),
            SavedOnDeviceWaiting => {
                ("Đã lưu trên máy, chờ gửi", "Saved on this device, waiting to send")
            }
            Sending => ("Đang gửi…", "Sending…"),
            SyncedAt => ("Đã đồng bộ lúc {time}", "Synced at {time}"),
            Offline => (
                "Chưa có kết nối: sẽ tự gửi khi có mạng.",
                "No connection: it will be sent when the network is back.",
            ),
            NextTry => ("Thử lại lúc {time}.", "Trying again at {time}."),
            ServerProblem => ("Máy chủ chưa nhận được.", "The service did not take it yet."),
            NumbersToFix => (
                "Có ô chưa đúng: sửa để gửi (bản nháp vẫn được lưu trên máy).",
                "Some fields need fixing before sending (the draft is still kept on this device).",
            ),
            Refused => (
                "Máy chủ không nhận bản lưu: sửa các lỗi bên dưới.",
                "The service refused the save: fix the problems below.",
            ),
            Forbidden => (
                "Bạn không được sửa hồ sơ này: chỉ người đánh giá được giao mới sửa được.",
                "You cannot edit this record: only the assessor assigned to it can.",
            ),
            SessionEnded => (
                "Phiên đăng nhập đã hết. Hãy đăng nhập lại rồi mở lại trang này; bản nháp vẫn giữ trên máy.",
                "Your session has ended. Log in again and reopen this page; the draft is kept on this device.",
            ),
            StaleToken => (
                "Trang này cũ hơn phiên đăng nhập hiện tại: hãy tải lại trang; bản nháp vẫn giữ trên máy.",
                "This page is older than your current session: reload it; the draft is kept on this device.",
            ),
            NewerVersion => (
                "Máy chủ đã có phiên bản mới hơn (lần lưu {revision}) từ một máy khác. Chọn giữ bản trên máy này (gửi đè lên, phiên bản kia vẫn còn trong lịch sử) hoặc lấy bản mới hơn (bản trên máy này được cất riêng, không mất).",
                "The service has a newer version (save {revision}) from another device. Keep this device's version (sent on top; the other stays in the history) or take the newer one (this device's version is put aside, not lost).",
            ),
            KeepMine => ("Giữ bản trên máy này", "Keep this device's version"),
            TakeNewer => ("Lấy bản mới hơn từ máy chủ", "Take the newer version"),
            NothingToSend => ("Máy chủ đã có hồ sơ này.", "The service has this record."),
            Save => ("Lưu", "Save"),
            History => ("Lịch sử sửa đổi", "History of changes"),
            Report => ("Báo cáo (PDF)", "Report (PDF)"),
            ProblemHeading => ("Có vấn đề cần sửa", "There is a problem"),
            ErrorPrefix => ("Lỗi:", "Error:"),
            Visit => ("Chuyến khảo sát", "Site visit"),
            VisitDate => ("Ngày khảo sát", "Date of the visit"),
            VisitTeam => ("Đoàn khảo sát", "Assessment team"),
            VisitTeamHint => ("Họ tên và đơn vị của người tham gia", "Names and organisations"),
            VisitAreas => ("Khu vực đã khảo sát", "Areas walked"),
            VisitAreasHint => (
                "Ví dụ: xưởng nhuộm, lò hơi, trạm khí nén",
                "For example: dye house, boiler house, compressed-air station",
            ),
            Baseline => ("Số liệu nền đã kiểm tra", "Verified baseline"),
            BaselineIntro => (
                "Số liệu cả năm từ hóa đơn và đồng hồ đo, bên cạnh số liệu doanh nghiệp tự khai.",
                "A year's figures from bills and meters, beside what the enterprise reported itself.",
            ),
            SelfReported => ("Tự khai", "Self-reported"),
            NotReported => ("chưa khai", "not reported"),
            Verified => ("Đã kiểm tra (cả năm)", "Verified (a year)"),
            CostVnd => ("Chi phí cả năm (đồng)", "Annual cost (VND)"),
            Evidence => ("Căn cứ", "Evidence"),
            EvidenceHint => ("Hóa đơn, đồng hồ đã đọc", "The bills, the meters read"),
            Opportunities => ("Cơ hội sản xuất sạch hơn", "Cleaner-production opportunities"),
            OpportunitiesIntro => (
                "Giải pháp từ bảng kiểm (điền sẵn theo phần tự đánh giá) hoặc phát hiện mới tại hiện trường.",
                "Measures from the checklist (prefilled from the self-assessment) or new findings on site.",
            ),
            NoOpportunities => ("Chưa có cơ hội nào.", "No opportunity yet."),
            Opportunity => ("Cơ hội {n}", "Opportunity {n}"),
            FromChecklist => ("Từ bảng kiểm", "From the checklist"),
            NewFinding => ("Phát hiện mới", "New finding"),
            Title => ("Tên giải pháp", "Title"),
            EndUse => ("Mục đích sử dụng", "End use"),
            ChooseEndUse => ("Chọn mục đích sử dụng", "Choose the end use"),
            EndUseMissing => (
                "Chọn mục đích sử dụng của cơ hội này trong danh sách",
                "Choose this opportunity's end use from the list",
            ),
            TitleMissing => ("Nhập tên giải pháp", "Enter the title"),
            SavingQuantity => ("Lượng tiết kiệm mỗi năm", "Saving a year (quantity)"),
            SavingUnit => ("Đơn vị của lượng tiết kiệm", "Unit of the saving"),
            SavingVnd => ("Tiền tiết kiệm mỗi năm (đồng)", "Saving a year (VND)"),
            SavingTco2 => ("Giảm phát thải mỗi năm (tấn CO2)", "Emissions avoided a year (t CO2)"),
            Investment => ("Vốn đầu tư (đồng)", "Investment (VND)"),
            Payback => ("Thời gian hoàn vốn", "Payback"),
            PaybackYears => ("{n} năm", "{n} years"),
            PaybackNone => (
                "chưa tính được (cần vốn đầu tư và tiền tiết kiệm)",
                "not yet known (needs the investment and the saving)",
            ),
            Priority => ("Mức ưu tiên", "Priority"),
            High => ("Cao", "High"),
            Medium => ("Trung bình", "Medium"),
            Low => ("Thấp", "Low"),
            Agreement => ("Doanh nghiệp", "The enterprise"),
            Agreed => ("Đồng ý thực hiện", "Agreed"),
            Declined => ("Không đồng ý", "Declined"),
            Undecided => ("Chưa quyết định", "Undecided"),
            Remove => ("Xóa cơ hội này", "Remove this opportunity"),
            RemoveConfirm => ("Xóa cơ hội “{title}”?", "Remove the opportunity “{title}”?"),
            AddMeasure => ("Thêm giải pháp từ bảng kiểm", "Add a measure from the checklist"),
            ChooseMeasure => ("Chọn giải pháp", "Choose a measure"),
            Add => ("Thêm", "Add"),
            AddFinding => ("Thêm phát hiện mới", "Add a new finding"),
            NewFindingTitle => ("Phát hiện mới", "New finding"),
            Totals => {
                ("Tổng tiết kiệm ước tính tại hiện trường", "Savings estimated on site, in total")
            }
            TotalsAll => ("Tất cả cơ hội", "All opportunities"),
            TotalsAgreed => ("Cơ hội doanh nghiệp đồng ý", "Opportunities agreed"),
            NextSteps => ("Các bước tiếp theo đã thống nhất", "Agreed next steps"),
            NextStepsHint => ("Mỗi bước một dòng", "One step a line"),
            Complete => ("Đã hoàn thành đánh giá", "Assessment complete"),
            CompleteHint => (
                "Khi lưu, yêu cầu chuyển sang trạng thái “Đã đánh giá”.",
                "When saved, the request becomes “Assessed”.",
            ),
            PerYear => ("mỗi năm", "a year"),
        }
    }
}

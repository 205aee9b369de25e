"""The console's own texts, Vietnamese first; every one also in English."""

from __future__ import annotations

from typing import ClassVar


class Vi:
    LANG = "vi"
    APP_NAME = "Dân vận khéo · Trang quản lý"
    SKIP_TO_CONTENT = "Chuyển đến nội dung"
    HOME = "Trang chính"
    SIGN_OUT = "Đăng xuất"
    SWITCH_LANGUAGE = "English"
    SWITCH_LANGUAGE_CODE = "en"
    SIGNED_IN_AS = "{name} · {unit}"
    # signing in
    SIGN_IN_TITLE = "Đăng nhập trang quản lý"
    SIGN_IN_HOW = (
        "Mở trang này từ nút «🖥 Trang quản lý» trong bot Telegram, hoặc gõ /web trong bot "
        "(Telegram, Zalo) để nhận liên kết đăng nhập dùng một lần."
    )
    SIGN_IN_CHECKING = "Đang đăng nhập qua Telegram…"
    SIGN_IN_FAILED = (
        "Không đăng nhập được qua Telegram. Vui lòng đóng trang và mở lại từ bot, hoặc gõ /web "
        "để nhận liên kết đăng nhập."
    )
    SIGN_IN_REFUSED = "Không thể đăng nhập: dữ liệu đăng nhập không hợp lệ hoặc đã quá hạn."
    SIGN_IN_NOT_LINKED = (
        "Tài khoản chat này chưa liên kết với nhân sự nào (hoặc đã rút lại đồng ý, hoặc đã "
        "ngừng hoạt động). Vui lòng mở bot, gõ /start và liên kết bằng mã mời."
    )
    LINK_TITLE = "Đăng nhập bằng liên kết"
    LINK_CONFIRM = "Bấm nút dưới đây để đăng nhập trang quản lý."
    LINK_BUTTON = "Đăng nhập"
    LINK_UNUSABLE = (
        "Liên kết đăng nhập này đã được dùng hoặc đã hết hạn (mỗi liên kết dùng một lần, "
        "trong 10 phút). Gõ /web trong bot để nhận liên kết mới."
    )
    SIGNED_OUT = "Anh/chị đã đăng xuất."
    SESSION_ENDED = "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."
    # refusals
    FORBIDDEN_TITLE = "Không có quyền truy cập"
    FORBIDDEN = "Anh/chị không có quyền xem trang này hoặc thực hiện thao tác này."
    CSRF_FAILED = (
        "Biểu mẫu đã cũ hoặc không hợp lệ (thiếu mã bảo vệ). Vui lòng tải lại trang rồi thử lại."
    )
    NOT_FOUND_TITLE = "Không tìm thấy"
    BACK_HOME = "Về trang chính"
    # home
    HOME_TITLE = "Xin chào, {name}"
    HOME_INTRO = "Các việc anh/chị có thể làm trên trang quản lý:"
    HOME_NOTHING = (
        "Hiện chưa có trang nào dành cho vai trò của anh/chị. Các việc khác vẫn làm trong bot."
    )
    NAV: ClassVar[dict[str, tuple[str, str]]] = {
        "review_queue": ("🔎 Kiểm tra minh chứng", "Chấp nhận hoặc từ chối minh chứng được gửi"),
        "review_scoring": ("📝 Chấm điểm", "Chấm các mô hình được phân công, từng tiêu chí"),
        "committee_approvals": ("✅ Duyệt đăng ký", "Duyệt hoặc trả lại đăng ký kèm lý do"),
        "committee_assign": ("👥 Phân công thẩm định", "Chọn thành viên thẩm định từ đơn vị khác"),
        "committee_council": (
            "🗳 Bình xét",
            "Mở phiên bỏ phiếu, theo dõi số người đã bỏ phiếu, kết thúc",
        ),
        "mine": ("🙋 Của tôi", "Mô hình và tiến độ của tôi, kết quả công khai, bảng xếp hạng"),
        "manager_dashboard": ("📊 Tiến độ đơn vị", "Ai đã đăng ký, ai còn chậm; biểu đồ, Excel"),
        "committee_results": (
            "📢 Kết quả",
            "Công khai, trả lời góp ý, quyết định công nhận, thu hồi, xuất Excel",
        ),
        "admin": ("🛠 Quản trị", "Nhập nhân sự, đơn vị, phong trào; gửi thông báo; nhật ký"),
        "sheets": ("🖨 Phiếu mời", "Phiếu mời in được theo đơn vị: mã QR liên kết một chạm"),
        "exemplars": ("🏅 Điển hình", "Trang công khai các mô hình được công nhận"),
    }
    # the evidence queue
    QUEUE_TITLE = "Kiểm tra minh chứng"
    FILTERS = "Lọc"
    FILTER_APPLY = "Lọc"
    FILTER_CLEAR = "Bỏ lọc"
    FILTER_UNIT = "Đơn vị"
    FILTER_MODEL = "Mô hình"
    FILTER_CRITERION = "Tiêu chí"
    FILTER_STATUS = "Trạng thái"
    FILTER_SINCE = "Từ ngày"
    FILTER_UNTIL = "Đến ngày"
    ANY = "Tất cả"
    VIEW_TABLE = "Bảng"
    VIEW_GALLERY = "Thư viện ảnh"
    COL_SENT = "Ngày gửi"
    COL_UNIT = "Đơn vị"
    COL_SUBJECT = "Đối tượng"
    COL_MODEL = "Mô hình"
    COL_CRITERION = "Tiêu chí"
    COL_EVIDENCE = "Minh chứng"
    COL_SENDER = "Người gửi"
    COL_STATUS = "Trạng thái"
    COL_ACTIONS = "Thao tác"
    SELECT_ROW = "Chọn minh chứng {id}"
    SELECT_ALL = "Chọn tất cả trên trang"
    EVIDENCE_STATUS: ClassVar[dict[str, str]] = {
        "pending": "Chờ kiểm tra",
        "accepted": "Đã chấp nhận",
        "rejected": "Bị từ chối",
    }
    KIND: ClassVar[dict[str, str]] = {"photo": "Ảnh", "document": "Tệp", "note": "Ghi chú"}
    QUEUE_COUNT = "{total} minh chứng · trang {page}/{pages}"
    QUEUE_EMPTY = "Không có minh chứng nào khớp bộ lọc."
    PREVIOUS = "‹ Trước"
    NEXT = "Sau ›"
    OPEN = "Xem"
    ACCEPT = "✅ Chấp nhận"
    REJECT = "❌ Từ chối"
    REJECT_REASON = "Lý do từ chối (người gửi sẽ nhận được)"
    REJECT_REASON_PLACEHOLDER = "Ví dụ: Ảnh mờ, không thấy nội dung hoạt động"
    BULK_ACCEPT = "✅ Chấp nhận các minh chứng đã chọn"
    BULK_NONE = "Chưa chọn minh chứng nào."
    DONE: ClassVar[dict[str, str]] = {
        "accepted": "Đã chấp nhận minh chứng.",
        "rejected": "Đã từ chối minh chứng; người gửi đã được báo lý do.",
        "bulk": "Đã chấp nhận {count} minh chứng.",
        "draft": "Đã lưu điểm nháp.",
        "corrected": "Đã đính chính điểm (phiên bản mới kèm lý do).",
        "submitted": "Đã nộp phiếu chấm.",
    }
    BULK_SKIPPED = "{count} minh chứng không chấp nhận được: {reasons}"
    # one piece of evidence
    EVIDENCE_TITLE = "Minh chứng {code} · {subject}"
    EVIDENCE_META = "{model} · {unit} · gửi bởi {sender} lúc {sent}"
    EVIDENCE_HINT = "Gợi ý minh chứng của tiêu chí"
    EVIDENCE_CAPTION = "Chú thích"
    EVIDENCE_NOTE = "Nội dung ghi chú"
    EVIDENCE_REASON = "Lý do từ chối"
    EVIDENCE_NO_PREVIEW = "Không xem trước được tệp này trên trình duyệt."
    DOWNLOAD = "⬇️ Tải xuống {name} ({size})"
    OPEN_FULL = "Mở ảnh đầy đủ"
    CLOSE = "Đóng"
    BACK_TO_QUEUE = "‹ Về danh sách minh chứng"
    # scoring
    SCORING_TITLE = "Chấm điểm"
    SCORING_EMPTY = "Anh/chị chưa được phân công chấm mô hình nào đang thẩm định."
    SHEET_STATE: ClassVar[dict[str, str]] = {
        "draft": "Đang chấm (nháp)",
        "submitted": "Đã nộp",
        "reopened": "Được mở lại, cần xác nhận",
    }
    SHEET_TITLE = "{model} · {subject}"
    SHEET_BLIND = (
        "Chấm độc lập: anh/chị không thấy điểm tự chấm hay điểm của thành viên khác cho đến "
        "khi nộp phiếu."
    )
    SHEET_LOCKED = "Mô hình không còn trong giai đoạn thẩm định; phiếu chỉ để xem."
    CRITERION_MAX = "Tối đa {max} điểm · bước {step}"
    CRITERION_METHOD = "Cách chấm"
    CRITERION_GUIDE = "Hướng dẫn chấm"
    CRITERION_EVIDENCE = "Minh chứng ({accepted} đã chấp nhận, {pending} chờ kiểm tra)"
    CRITERION_NO_EVIDENCE = "Chưa có minh chứng."
    CRITERION_NEEDS_ACCEPTED = "Chưa có minh chứng được chấp nhận: tiêu chí này chỉ được 0 điểm."
    GENERAL_CRITERIA = "Tiêu chí chung (đạt / không đạt)"
    SPECIFIC_CRITERIA = "Tiêu chí cụ thể"
    SCORE = "Điểm"
    SCORE_NOW = "Điểm hiện tại: {score}"
    NOT_SCORED = "chưa chấm"
    GATE_PASS = "Đạt"
    GATE_FAIL = "Không đạt"
    GATE_REASON = "Lý do (bắt buộc khi «Không đạt»)"
    SAVE_DRAFT = "💾 Lưu nháp"
    CORRECTION_REASON = "Lý do đính chính (bắt buộc)"
    SAVE_CORRECTION = "✏️ Đính chính"
    TOTAL = "Tổng điểm của anh/chị: {total}"
    SUBMIT = "📨 Nộp phiếu chấm"
    CONFIRM = "📨 Xác nhận phiếu chấm"
    SUBMIT_NOTE = "Sau khi nộp, điểm không sửa được nữa, chỉ đính chính kèm lý do."
    PEER_VIEW = "Sau khi nộp: điểm tự chấm {self_total}; điểm của các thành viên khác: {others}."
    NONE_YET = "chưa có"
    NO_SCORE = "—"
    BAD_NUMBER = "Vui lòng nhập điểm là một số (ví dụ 7 hoặc 7,5)."
    BAD_INPUT = "Dữ liệu gửi lên không hợp lệ."
    DATE_FORMAT = "%d/%m/%Y %H:%M"
    # committees
    COMMITTEE_TITLE = "Đảng ủy"
    COMMITTEE_TABS: ClassVar[dict[str, str]] = {
        "approvals": "Duyệt",
        "assign": "Phân công",
        "council": "Bình xét",
        "results": "Kết quả",
    }
    COMMITTEE_DONE: ClassVar[dict[str, str]] = {
        "approved": "Đã duyệt đăng ký; người đăng ký đã được báo.",
        "returned": "Đã trả lại đăng ký; người đăng ký đã nhận lý do.",
        "assigned": "Đã phân công; thành viên thẩm định đã được báo.",
        "opened": "Đã mở phiên bỏ phiếu; các thành viên hội đồng đã được báo.",
        "closed": "Đã kết thúc phiên bỏ phiếu và kiểm phiếu.",
        "published": "Đã công khai {count} kết quả; mọi người trong phạm vi đã được báo.",
        "answered": "Đã lưu câu trả lời; người góp ý đã được báo.",
        "reopened": "Đã chấp nhận kiến nghị: mô hình được thẩm định lại.",
        "finalized": "Đã ghi quyết định cho {count} mô hình; người đăng ký đã được báo.",
        "revoked": "Đã thu hồi công nhận.",
        "showcase_on": "Đã chọn minh chứng tiêu biểu; minh chứng hiện trên trang điển hình.",
        "showcase_off": "Đã bỏ chọn; minh chứng không còn hiện trên trang điển hình.",
    }
    APPROVALS_TITLE = "Duyệt đăng ký"
    APPROVALS_EMPTY = "Không có đăng ký nào chờ anh/chị duyệt."
    APPROVALS_COUNT = "{count} đăng ký chờ duyệt"
    REGISTERED_BY = "Đăng ký bởi {name} ngày {date}"
    MINUTES_ON_FILE = "Đã có {count} biên bản họp tập thể"
    MINUTES_MISSING = "Chưa có biên bản họp tập thể: chưa duyệt được."
    APPROVE = "✅ Duyệt"
    RETURN = "↩️ Trả lại"
    RETURN_REASON = "Lý do trả lại (người đăng ký sẽ nhận được)"
    RETURN_REASON_PLACEHOLDER = "Ví dụ: Bổ sung tiêu chí M1.03 và biên bản họp"
    ASSIGN_TITLE = "Phân công thẩm định"
    ASSIGN_RULE = (
        "Chỉ chọn được thành viên thẩm định ngoài đơn vị của mô hình (không tự thẩm định)."
    )
    ASSIGN_EMPTY = "Không có mô hình nào đang chờ phân công thẩm định."
    NEED = "Đã phân công {assigned}/{needed}"
    NEED_EXTRA = "Cần thêm người chấm thứ {needed} (điểm chênh lệch lớn)"
    REVIEWER = "Thành viên thẩm định"
    PICK_REVIEWER = "Chọn một thành viên thẩm định"
    APPOINT = "👥 Phân công"
    NO_CANDIDATES = "Không còn thành viên thẩm định nào phù hợp (ngoài đơn vị của mô hình)."
    COUNCIL_TITLE = "Bình xét của hội đồng"
    COUNCIL_SECRECY = (
        "Bỏ phiếu kín trong bot: trang này chỉ hiện số người đã bỏ phiếu; tổng số phiếu chỉ "
        "có sau khi kết thúc phiên."
    )
    COUNCIL_READY = "Chờ đưa ra hội đồng"
    COUNCIL_READY_EMPTY = "Không có mô hình nào chờ đưa ra hội đồng."
    OPEN_ROUND = "🗳 Mở phiên bỏ phiếu"
    NOT_READY_FOR_COUNCIL = "Mô hình này hiện không chờ đưa ra hội đồng."
    COUNCIL_OPEN = "Phiên đang mở"
    COUNCIL_OPEN_EMPTY = "Không có phiên bỏ phiếu nào đang mở."
    ROUND_OF = "Phiên {round} · mở lúc {opened}"
    TURNOUT = "{count}/{members} thành viên đã bỏ phiếu"
    ROUND_CLOSED = "Phiên đã kết thúc."
    CLOSE_ROUND = "⏹ Kết thúc và kiểm phiếu"
    COUNCIL_COUNTED = "Kết quả kiểm phiếu gần đây"
    COL_ROUND = "Phiên"
    COL_TALLY = "Kiểm phiếu"
    COL_OUTCOME = "Kết quả"
    TALLY = "{participants}/{members} bỏ phiếu · đồng ý {yes} · không đồng ý {no}"
    RESULTS_TITLE = "Kết quả"
    PUBLISH = "📢 Công khai các kết quả đã có"
    PUBLISH_NOTE = (
        "Công khai mọi kết quả đã quyết định trong phạm vi của anh/chị và mở thời gian lấy "
        "ý kiến; mọi người trong phạm vi nhận thông báo trong bot."
    )
    EXPORT_WORKBOOK = "⬇️ Tải bảng kết quả (Excel)"
    WINDOW_UNTIL = "Thời gian lấy ý kiến đến hết ngày {date}."
    PUBLISHED_RESULTS = "Kết quả đã công khai"
    NO_PUBLISHED = "Chưa có kết quả nào được công khai."
    COL_SCORE = "Điểm"
    COL_BAND = "Xếp loại"
    COL_COUNCIL = "Hội đồng"
    DECISION = "QĐ {number} ngày {date}"
    COMMENTS_TITLE = "Góp ý và kiến nghị"
    COMMENTS_NONE_WAITING = "Không có góp ý hay kiến nghị nào chờ trả lời."
    COMMENTS_ANSWERED = "Đã trả lời"
    ANSWER = "Câu trả lời (người góp ý sẽ nhận được)"
    VERDICT = "Kết luận kiến nghị"
    UPHOLD = "Chấp nhận (thẩm định lại)"
    DISMISS = "Không chấp nhận"
    UPHELD = "đã chấp nhận"
    DISMISSED = "không chấp nhận"
    SEND_ANSWER = "💬 Gửi trả lời"
    DECISION_TITLE = "Quyết định công nhận"
    DECISION_NOTE = (
        "Sau khi hết thời gian lấy ý kiến và mọi góp ý đã được trả lời: ghi số và ngày "
        "quyết định; mô hình được hội đồng thông qua được công nhận."
    )
    DECISION_NUMBER = "Số quyết định"
    DECISION_DATE = "Ngày quyết định"
    FINALIZE = "🏅 Ghi quyết định"
    REVOKE_TITLE = "Mô hình đã công nhận: minh chứng tiêu biểu, thu hồi"
    REVOKE_NONE = "Không có mô hình nào đã được công nhận trong phạm vi của anh/chị."
    REVOKE = "⛔ Thu hồi"
    REVOKE_REASON = "Lý do thu hồi (bắt buộc)"
    # managers
    DASHBOARD_TITLE = "Tiến độ · {unit}"
    FIG_REGISTERED = "người đã đăng ký ({share}%)"
    FIG_SELF_SCORED = "mô hình đã tự chấm"
    FIG_EVIDENCE_WEEK = "minh chứng trong 7 ngày qua"
    FIG_WAITING = "đăng ký chờ duyệt · minh chứng chờ kiểm tra"
    DIGEST_DOWNLOAD = "⬇️ Tải báo cáo (Excel)"
    CHART_TITLE = "Tỷ lệ người đã đăng ký theo đơn vị"
    CHART_NOTE = "Xanh: từ 80%; vàng: từ 40%; đỏ: dưới 40%."
    BY_MODEL = "Đăng ký theo mô hình và trạng thái"
    NO_ENTRIES = "Chưa có đăng ký nào."
    TOTAL_COL = "Tổng"
    BY_UNIT = "Tiến độ theo đơn vị"
    COL_REGISTERED = "Đã đăng ký"
    COL_SELF_SCORED = "Đã tự chấm"
    COL_EVIDENCE_WEEK = "Minh chứng 7 ngày"
    COL_WAITING = "Chờ duyệt · chờ kiểm tra"
    COL_PERSON = "Họ và tên"
    BEHIND_TITLE = "Người còn chậm ({count})"
    BEHIND_NONE = "Không ai còn chậm. 👏"
    PAGE_OF = "Trang {page}/{pages}"
    REMIND_BUTTONS: ClassVar[dict[str, str]] = {
        "unregistered": "🔔 Nhắc người chưa đăng ký",
        "no_evidence": "🔔 Nhắc người chưa gửi minh chứng",
    }
    REMIND_MESSAGES: ClassVar[dict[str, str]] = {
        "unregistered": (
            "Anh/chị chưa đăng ký mô hình «Dân vận khéo» nào. Bấm nút dưới đây để đăng ký."
        ),
        "no_evidence": (
            "Mô hình anh/chị đăng ký chưa có minh chứng mới. Bấm nút dưới đây để gửi minh chứng."
        ),
    }
    REMIND_NOTE = (
        "Lời nhắc gửi một lần qua bot theo quy tắc nhắc việc: không gửi trong giờ nghỉ, không "
        "nhắc trùng."
    )
    REMIND_NOT_ALLOWED = (
        "Lời nhắc do Công đoàn hoặc Đảng ủy đặt (lệnh /nhacviec trong bot); anh/chị có thể "
        "gửi danh sách này cho họ."
    )
    REMIND_DONE: ClassVar[dict[str, str]] = {
        "unregistered": "Đã đặt lời nhắc cho người chưa đăng ký; bot sẽ gửi trong ít phút.",
        "no_evidence": "Đã đặt lời nhắc cho người chưa gửi minh chứng; bot sẽ gửi trong ít phút.",
    }
    # everyone
    MINE_TITLE = "Của tôi"
    MY_ENTRIES = "Mô hình của tôi"
    MY_ENTRIES_NONE = "Anh/chị chưa có đăng ký nào. Đăng ký trong bot bằng /dangky."
    COL_SELF_SCORE = "Tự chấm"
    SELF_TOTAL = "Tự chấm: {total}/{max} điểm"
    MISSING_EVIDENCE = "Còn thiếu minh chứng: {codes} (gửi trong bot bằng /minhchung)."
    LEADERBOARD = "Bảng xếp hạng"
    LEADERBOARD_NONE = "Chưa có kết quả cuối cùng để xếp hạng."
    LEADERBOARD_UNITS = "Theo đơn vị"
    LEADERBOARD_MODELS = "Theo mô hình"
    COL_NAME = "Tên"
    COL_RECOGNIZED = "Được công nhận"
    COL_MEAN = "Điểm trung bình"
    SIZE_KB = "{size} KB"
    SIZE_MB = "{size} MB"
    # invite sheets (admins)
    SHEETS_TITLE = "Phiếu mời liên kết"
    SHEETS_INTRO = (
        "Chọn đơn vị để tải phiếu mời (PDF, in khổ A4): mỗi người chưa liên kết có mã QR để "
        "liên kết Telegram trong một chạm và mã mời để gõ vào bot trên Zalo."
    )
    SHEETS_WARNING = (
        "Mỗi lần tải phiếu là cấp mã mời mới: mã cũ của những người trong phiếu hết hiệu lực."
    )
    SHEETS_COL_WAITING = "Chưa liên kết"
    SHEETS_DOWNLOAD = "Tải phiếu PDF"
    SHEETS_NONE = "Không có đơn vị nào trong phạm vi của anh/chị."
    SHEETS_NO_BOT = (
        "Chưa biết tên bot Telegram nên chưa tạo được liên kết: đặt TELEGRAM_BOT_USERNAME "
        "(hoặc TELEGRAM_BOT_TOKEN để hỏi Telegram). Chưa có mã mời nào được cấp."
    )
    SHEET_PDF_TITLE = "Phiếu mời liên kết tài khoản · {unit}"
    SHEET_PDF_HOW = (
        "Telegram: quét mã QR bằng camera điện thoại, bấm «Bắt đầu» (Start) và đồng ý với "
        "thông báo: tài khoản được liên kết ngay. Zalo: nhắn cho bot Dân vận khéo, đồng ý "
        "với thông báo rồi gõ mã mời bên cạnh. Mỗi mã dùng một lần, có hiệu lực đến hết ngày "
        "{expires}."
    )
    SHEET_PDF_COLUMNS = ("STT", "Họ và tên", "Mã QR (Telegram)", "Mã mời (Zalo)")
    SHEET_PDF_EMPTY = "Mọi người của đơn vị đã liên kết tài khoản: không cần phiếu mời."
    SHEET_PDF_ISSUED = "Cấp ngày {date} · {count} người"
    # recognition certificates (committees)
    CERTIFICATE = "Tải giấy chứng nhận (PDF)"
    CERT_TITLE = "Giấy chứng nhận · {subject}"
    CERT_HEADING = "GIẤY CHỨNG NHẬN"
    CERT_MOVEMENT = "Điển hình «Dân vận khéo»"
    CERT_CERTIFIES = "{issuer} chứng nhận"
    CERT_UNIT = "Đơn vị: {unit}"
    CERT_MODEL = "Mô hình {code}: {title}"
    CERT_SCORE = "Điểm thẩm định: {score}/100 · Xếp loại: {band}"
    CERT_CAMPAIGN = "Đã được công nhận là điển hình trong {campaign}"
    CERT_DECISION = "Theo Quyết định số {number} ngày {date}"
    CERT_PLACE_DATE = "Ngày {day} tháng {month} năm {year}"
    CERT_SIGNER = "TM. {issuer}"
    CERT_SIGN_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"
    CERT_NOT_RECOGNIZED = (
        "Chỉ cấp giấy chứng nhận cho mô hình đã được công nhận; đăng ký này đang ở trạng thái "
        "«{status}»."
    )

    # admins
    ADMIN_TITLE = "Quản trị"
    IMPORT_TITLE = "Nhập dữ liệu từ tệp"
    IMPORT_NOTE = (
        "Tải tệp lên để xem trước: mọi dòng lỗi (kèm số dòng và lý do) và số bản ghi sẽ thêm, "
        "cập nhật, giữ nguyên. Chưa ghi gì cho đến khi anh/chị bấm «Áp dụng»."
    )
    IMPORT_KINDS: ClassVar[dict[str, tuple[str, str]]] = {
        "roster": ("👥 Danh sách nhân sự", "Tệp Excel (.xlsx) hoặc CSV, như lệnh import-roster"),
        "units": ("🏢 Danh sách đơn vị", "Tệp Excel (.xlsx) hoặc CSV, như lệnh import-units"),
        "campaign": ("🏆 Phong trào", "Tệp YAML (.yaml) của phong trào, như lệnh load-campaign"),
    }
    IMPORT_PREVIEW = "Xem trước"
    IMPORT_ALLOWED = (
        "Tệp nhận: {suffixes}; tối đa {limit_mb} MB. Với Excel: đọc trang tính đầu tiên, "
        "dòng 1 là tiêu đề cột."
    )
    IMPORT_FILE = "Tệp"
    PREVIEW_TITLE = "Xem trước: {kind}"
    PREVIEW_FILE = "Tệp «{name}»"
    PREVIEW_BAD = "{count} dòng lỗi. Chưa ghi gì. Sửa tệp rồi tải lên lại."
    PREVIEW_GOOD = (
        "Tệp hợp lệ. Nếu áp dụng: {created} mới, {updated} thay đổi, {unchanged} giữ nguyên."
    )
    PREVIEW_APPLY = "✅ Áp dụng"
    PREVIEW_AGAIN = "Tải tệp khác"
    COL_LINE = "Dòng"
    COL_REASON = "Lý do"
    APPLIED = "Đã nhập «{name}»: {created} mới, {updated} thay đổi, {unchanged} giữ nguyên."
    UPLOAD_MISSING = "Chưa chọn tệp. Vui lòng chọn tệp rồi bấm «Xem trước»."
    UPLOAD_EMPTY = "Tệp «{name}» trống."
    UPLOAD_TOO_LARGE = "Tệp quá lớn: tối đa {limit_mb} MB."
    UPLOAD_WRONG_TYPE = "Tệp «{name}» không đúng loại: chỉ nhận {suffixes}."
    UPLOAD_GONE = "Tệp tải lên đã hết hạn (30 phút) hoặc đã được áp dụng. Vui lòng tải tệp lên lại."
    BROADCAST_TITLE = "Gửi thông báo"
    BROADCAST_NOTE = (
        "Gửi qua bot (Telegram, Zalo) theo hàng đợi như lệnh /thongbao: giãn nhịp gửi, không "
        "gửi trong giờ nghỉ trừ khi chọn «Khẩn»."
    )
    BROADCAST_TEXT = "Nội dung (tối đa 3.000 ký tự)"
    BROADCAST_AUDIENCE = "Gửi tới"
    BROADCAST_UNIT = "Đơn vị"
    BROADCAST_ROLE = "Vai trò"
    BROADCAST_MODEL = "Mô hình"
    BROADCAST_URGENT = "Khẩn: gửi cả trong giờ nghỉ"
    BROADCAST_PREVIEW = "Xem trước người nhận"
    BROADCAST_SEND = "📢 Gửi thông báo"
    BROADCAST_BAD_TEXT = "Nội dung trống hoặc quá dài: cần từ 1 đến 3.000 ký tự."
    BROADCAST_BAD_AUDIENCE = "Vui lòng chọn đối tượng nhận hợp lệ (đơn vị, vai trò hoặc mô hình)."
    AUDIENCE_TITLE = "Người nhận"
    AUDIENCE_PEOPLE = "{count} người"
    AUDIENCE_CHANNEL = "qua {channel}: {count}"
    AUDIENCE_UNREACHABLE = (
        "Không gửi được (chưa liên kết bot, đã chặn bot hoặc quá hạn Zalo): {count}"
    )
    RECENT_BROADCASTS = "Thông báo gần đây"
    BROADCAST_NUMBER = "Thông báo #{id}"
    BROADCAST_STATUS: ClassVar[dict[str, str]] = {
        "queued": "Đang chờ gửi",
        "sending": "Đang gửi",
        "done": "Đã gửi xong",
        "cancelled": "Đã dừng",
    }
    PROGRESS_FIGURES = "Đã xử lý {done}/{total}"
    PROGRESS_LABELS: ClassVar[dict[str, str]] = {
        "pending": "Đang chờ",
        "sent": "Đã gửi",
        "failed": "Lỗi",
        "blocked": "Bị chặn",
        "unreachable": "Không liên lạc được",
        "cancelled": "Đã hủy",
    }
    PROGRESS_WAITING = "Bot sẽ đưa thông báo vào hàng đợi trong lần chạy tới (khoảng 1 phút)."
    BROADCAST_STOP = "⏹ Dừng gửi"
    AUDIT_TITLE = "Nhật ký kiểm toán"
    AUDIT_NOTE = "Xem lịch sử của một đối tượng: chọn loại và nhập mã số (id)."
    AUDIT_TYPE = "Loại đối tượng"
    AUDIT_ID = "Mã số"
    AUDIT_SHOW = "Xem nhật ký"
    AUDIT_TYPES: ClassVar[dict[str, str]] = {
        "person": "Nhân sự",
        "registration": "Đăng ký mô hình",
        "evidence": "Minh chứng",
        "announcement": "Thông báo",
        "campaign": "Phong trào",
        "council_vote": "Phiên bình xét",
        "review_assignment": "Phân công thẩm định",
        "chat_account": "Tài khoản chat",
        "reminder_rule": "Quy tắc nhắc việc",
        "entry_comment": "Góp ý",
        "file": "Tệp đã nhập",
    }
    AUDIT_NONE = "Chưa có dòng nhật ký nào cho đối tượng này."
    AUDIT_OF = "Nhật ký · {type} #{id}"
    COL_TIME = "Thời gian"
    COL_ACTOR = "Người thực hiện"
    COL_ACTION = "Thao tác"
    COL_DETAILS = "Chi tiết"
    AUDIT_SYSTEM = "Hệ thống"
    AUDIT_VERIFY = "Kiểm tra tính toàn vẹn của nhật ký"
    AUDIT_CHAIN_OK = "✅ Nhật ký toàn vẹn: {rows} dòng, chuỗi băm khớp."
    AUDIT_CHAIN_BROKEN = (
        "⚠️ Nhật ký bị sửa đổi từ dòng #{id} ({reason}); {rows} dòng trước đó hợp lệ."
    )
    AUDIT_BAD_QUERY = "Loại đối tượng hoặc mã số không hợp lệ."
    # the public exemplars page
    EXEMPLARS_TITLE = "Điển hình «Dân vận khéo»"
    EXEMPLARS_INTRO = (
        "Các mô hình đã được công nhận là điển hình «Dân vận khéo» trong {campaign}, "
        "để học tập và nhân rộng."
    )
    EXEMPLARS_NONE = "Chưa có mô hình nào được công nhận là điển hình."
    EXEMPLAR_UNIT = "Đơn vị: {unit}"
    EXEMPLAR_BAND = "Xếp loại: {band}"
    EXEMPLAR_DECISION = "Công nhận theo quyết định số {number} ngày {date}"
    EXEMPLAR_NO_SHOWCASE = "Minh chứng tiêu biểu sẽ được cập nhật."
    EXEMPLAR_PHOTO = "Ảnh minh chứng: {criterion}"
    EXEMPLARS_FOOTER = (
        "Trang công khai của phong trào «Dân vận khéo» · Tổng công ty Bưu điện Việt Nam"
    )
    # the committee's showcase marks
    SHOWCASE_TITLE = "Minh chứng tiêu biểu (trang điển hình công khai)"
    SHOWCASE_NOTE = (
        "Chọn ảnh và ghi chú đã được chấp nhận để hiện trên trang điển hình công khai "
        "(không cần đăng nhập). Chỉ hiện khi người gửi đã đồng ý cho bot xử lý dữ liệu cá nhân."
    )
    SHOWCASE_NONE = "Mô hình này chưa có ảnh hay ghi chú nào đã được chấp nhận."
    SHOWCASE_ON = "⭐ Chọn làm tiêu biểu"
    SHOWCASE_OFF = "Bỏ chọn"
    SHOWCASE_MARKED = "⭐ Tiêu biểu"
    SHOWCASE_PUBLIC_LINK = "Xem trang điển hình công khai"
    SHOWCASE_NOT_ALLOWED = (
        "Chỉ chọn được ảnh hoặc ghi chú đã được chấp nhận của mô hình đã được công nhận."
    )


class En(Vi):
    LANG = "en"
    APP_NAME = "Dân vận khéo · Console"
    SKIP_TO_CONTENT = "Skip to content"
    HOME = "Home"
    SIGN_OUT = "Sign out"
    SWITCH_LANGUAGE = "Tiếng Việt"
    SWITCH_LANGUAGE_CODE = "vi"
    SIGNED_IN_AS = "{name} · {unit}"
    SIGN_IN_TITLE = "Sign in to the console"
    SIGN_IN_HOW = (
        "Open this page from the «🖥 Console» button in the Telegram bot, or type /web in the "
        "bot (Telegram, Zalo) to get a one-time sign-in link."
    )
    SIGN_IN_CHECKING = "Signing in through Telegram…"
    SIGN_IN_FAILED = (
        "Could not sign in through Telegram. Close this page and open it again from the bot, "
        "or type /web to get a sign-in link."
    )
    SIGN_IN_REFUSED = "Cannot sign in: the sign-in data is invalid or too old."
    SIGN_IN_NOT_LINKED = (
        "This chat account is not linked to anyone on the staff list (or consent was "
        "withdrawn, or the person is no longer active). Open the bot, type /start and link "
        "with your invite code."
    )
    LINK_TITLE = "Sign in with a link"
    LINK_CONFIRM = "Press the button below to sign in to the console."
    LINK_BUTTON = "Sign in"
    LINK_UNUSABLE = (
        "This sign-in link was already used or has expired (each link works once, for 10 "
        "minutes). Type /web in the bot to get a new one."
    )
    SIGNED_OUT = "You are signed out."
    SESSION_ENDED = "Your session has expired. Please sign in again."
    FORBIDDEN_TITLE = "Access denied"
    FORBIDDEN = "You may not see this page or do this."
    CSRF_FAILED = (
        "The form is stale or invalid (no protection code). Reload the page and try again."
    )
    NOT_FOUND_TITLE = "Not found"
    BACK_HOME = "Back to the home page"
    HOME_TITLE = "Hello, {name}"
    HOME_INTRO = "What you can do in the console:"
    HOME_NOTHING = "No console pages for your roles yet. Everything else works in the bot."
    NAV: ClassVar[dict[str, tuple[str, str]]] = {
        "review_queue": ("🔎 Check evidence", "Accept or reject the evidence sent"),
        "review_scoring": (
            "📝 Scoring",
            "Score the entries assigned to you, criterion by criterion",
        ),
        "committee_approvals": ("✅ Approvals", "Approve entries or return them with a reason"),
        "committee_assign": ("👥 Appoint reviewers", "Pick reviewers from other units"),
        "committee_council": ("🗳 Council", "Open a vote, follow the turnout, close it"),
        "manager_dashboard": (
            "📊 Unit progress",
            "Who has registered, who is behind; chart, Excel",
        ),
        "committee_results": (
            "📢 Results",
            "Publish, answer comments, record the decision, revoke, export to Excel",
        ),
        "admin": ("🛠 Administration", "Load staff, units, the campaign; broadcast; audit log"),
        "sheets": ("🖨 Invite sheets", "Printable invites per unit: QR codes to link in one tap"),
        "mine": ("🙋 Mine", "My entries and progress, published results, leaderboard"),
        "exemplars": ("🏅 Exemplars", "The public page of recognised models"),
    }
    QUEUE_TITLE = "Check evidence"
    FILTERS = "Filters"
    FILTER_APPLY = "Filter"
    FILTER_CLEAR = "Clear"
    FILTER_UNIT = "Unit"
    FILTER_MODEL = "Model"
    FILTER_CRITERION = "Criterion"
    FILTER_STATUS = "Status"
    FILTER_SINCE = "From"
    FILTER_UNTIL = "To"
    ANY = "Any"
    VIEW_TABLE = "Table"
    VIEW_GALLERY = "Gallery"
    COL_SENT = "Sent"
    COL_UNIT = "Unit"
    COL_SUBJECT = "Subject"
    COL_MODEL = "Model"
    COL_CRITERION = "Criterion"
    COL_EVIDENCE = "Evidence"
    COL_SENDER = "Sender"
    COL_STATUS = "Status"
    COL_ACTIONS = "Actions"
    SELECT_ROW = "Select evidence {id}"
    SELECT_ALL = "Select all on this page"
    EVIDENCE_STATUS: ClassVar[dict[str, str]] = {
        "pending": "Waiting",
        "accepted": "Accepted",
        "rejected": "Rejected",
    }
    KIND: ClassVar[dict[str, str]] = {"photo": "Photo", "document": "File", "note": "Note"}
    QUEUE_COUNT = "{total} pieces of evidence · page {page}/{pages}"
    QUEUE_EMPTY = "No evidence matches the filters."
    PREVIOUS = "‹ Previous"
    NEXT = "Next ›"
    OPEN = "Open"
    ACCEPT = "✅ Accept"
    REJECT = "❌ Reject"
    REJECT_REASON = "Reason for rejecting (the sender will read it)"
    REJECT_REASON_PLACEHOLDER = "E.g. the photo is blurred, the activity cannot be seen"
    BULK_ACCEPT = "✅ Accept the selected evidence"
    BULK_NONE = "Nothing selected."
    DONE: ClassVar[dict[str, str]] = {
        "accepted": "Evidence accepted.",
        "rejected": "Evidence rejected; the sender was told why.",
        "bulk": "Accepted {count} pieces of evidence.",
        "draft": "Draft score saved.",
        "corrected": "Score corrected (a new version with its reason).",
        "submitted": "Scoring sheet submitted.",
    }
    BULK_SKIPPED = "{count} could not be accepted: {reasons}"
    EVIDENCE_TITLE = "Evidence {code} · {subject}"
    EVIDENCE_META = "{model} · {unit} · sent by {sender} at {sent}"
    EVIDENCE_HINT = "What evidence the criterion asks for"
    EVIDENCE_CAPTION = "Caption"
    EVIDENCE_NOTE = "Note"
    EVIDENCE_REASON = "Reason for rejecting"
    EVIDENCE_NO_PREVIEW = "This file cannot be previewed in the browser."
    DOWNLOAD = "⬇️ Download {name} ({size})"
    OPEN_FULL = "Open the full photo"
    CLOSE = "Close"
    BACK_TO_QUEUE = "‹ Back to the evidence list"
    SCORING_TITLE = "Scoring"
    SCORING_EMPTY = "You have no assigned entries under review."
    SHEET_STATE: ClassVar[dict[str, str]] = {
        "draft": "Scoring (draft)",
        "submitted": "Submitted",
        "reopened": "Reopened, to confirm",
    }
    SHEET_TITLE = "{model} · {subject}"
    SHEET_BLIND = (
        "Independent scoring: you see neither the self score nor other reviewers' scores until "
        "you submit."
    )
    SHEET_LOCKED = "The entry is no longer under review; the sheet is read-only."
    CRITERION_MAX = "Up to {max} points · step {step}"
    CRITERION_METHOD = "Method"
    CRITERION_GUIDE = "Scoring guide"
    CRITERION_EVIDENCE = "Evidence ({accepted} accepted, {pending} waiting)"
    CRITERION_NO_EVIDENCE = "No evidence yet."
    CRITERION_NEEDS_ACCEPTED = "No accepted evidence yet: this criterion can only score 0."
    GENERAL_CRITERIA = "General criteria (pass / fail)"
    SPECIFIC_CRITERIA = "Specific criteria"
    SCORE = "Score"
    SCORE_NOW = "Current score: {score}"
    NOT_SCORED = "not scored"
    GATE_PASS = "Pass"
    GATE_FAIL = "Fail"
    GATE_REASON = "Reason (required for «Fail»)"
    SAVE_DRAFT = "💾 Save draft"
    CORRECTION_REASON = "Reason for the correction (required)"
    SAVE_CORRECTION = "✏️ Correct"
    TOTAL = "Your total: {total}"
    SUBMIT = "📨 Submit the sheet"
    CONFIRM = "📨 Confirm the sheet"
    SUBMIT_NOTE = "Once submitted, scores cannot be edited, only corrected with a reason."
    PEER_VIEW = "After submitting: self score {self_total}; the other reviewers' totals: {others}."
    NONE_YET = "none yet"
    BAD_NUMBER = "Please enter the score as a number (e.g. 7 or 7.5)."
    BAD_INPUT = "The data sent is not valid."
    DATE_FORMAT = "%d/%m/%Y %H:%M"
    SIZE_KB = "{size} KB"
    SIZE_MB = "{size} MB"
    NO_SCORE = "—"
    COMMITTEE_TITLE = "Party committee"
    COMMITTEE_TABS: ClassVar[dict[str, str]] = {
        "approvals": "Approvals",
        "assign": "Reviewers",
        "council": "Council",
        "results": "Results",
    }
    COMMITTEE_DONE: ClassVar[dict[str, str]] = {
        "approved": "Entry approved; the registrant was told.",
        "returned": "Entry returned; the registrant received the reason.",
        "assigned": "Reviewer appointed and told.",
        "opened": "Vote opened; the council members were told.",
        "closed": "Vote closed and counted.",
        "published": "Published {count} results; everyone in scope was told.",
        "answered": "Answer saved; the author was told.",
        "reopened": "Objection upheld: the entry goes back to review.",
        "finalized": "Decision recorded for {count} entries; the registrants were told.",
        "revoked": "Recognition revoked.",
        "showcase_on": "Evidence showcased; it shows on the exemplars page.",
        "showcase_off": "Showcase removed; it no longer shows on the exemplars page.",
    }
    APPROVALS_TITLE = "Approvals"
    APPROVALS_EMPTY = "No entries are waiting for your approval."
    APPROVALS_COUNT = "{count} entries waiting"
    REGISTERED_BY = "Registered by {name} on {date}"
    MINUTES_ON_FILE = "{count} collective meeting minutes on file"
    MINUTES_MISSING = "No collective meeting minutes yet: cannot be approved."
    APPROVE = "✅ Approve"
    RETURN = "↩️ Return"
    RETURN_REASON = "Reason for returning (the registrant will read it)"
    RETURN_REASON_PLACEHOLDER = "E.g. add criterion M1.03 and the meeting minutes"
    ASSIGN_TITLE = "Appoint reviewers"
    ASSIGN_RULE = "Only reviewers from outside the entry's unit can be chosen (no self-review)."
    ASSIGN_EMPTY = "No entries are waiting for reviewers."
    NEED = "Appointed {assigned}/{needed}"
    NEED_EXTRA = "Needs a reviewer number {needed} (large score gap)"
    REVIEWER = "Reviewer"
    PICK_REVIEWER = "Choose a reviewer"
    APPOINT = "👥 Appoint"
    NO_CANDIDATES = "No suitable reviewer left (outside the entry's unit)."
    COUNCIL_TITLE = "Council votes"
    COUNCIL_SECRECY = (
        "Secret ballot in the bot: this page shows only how many have voted; totals exist "
        "only once the vote is closed."
    )
    COUNCIL_READY = "Waiting for the council"
    COUNCIL_READY_EMPTY = "No entries are waiting for the council."
    OPEN_ROUND = "🗳 Open the vote"
    NOT_READY_FOR_COUNCIL = "This entry is not waiting for the council."
    COUNCIL_OPEN = "Open votes"
    COUNCIL_OPEN_EMPTY = "No vote is open."
    ROUND_OF = "Round {round} · opened {opened}"
    TURNOUT = "{count}/{members} members have voted"
    ROUND_CLOSED = "The vote is closed."
    CLOSE_ROUND = "⏹ Close and count"
    COUNCIL_COUNTED = "Latest counts"
    COL_ROUND = "Round"
    COL_TALLY = "Count"
    COL_OUTCOME = "Outcome"
    TALLY = "{participants}/{members} voted · for {yes} · against {no}"
    RESULTS_TITLE = "Results"
    PUBLISH = "📢 Publish the decided results"
    PUBLISH_NOTE = (
        "Publishes every decided result in your scope and opens the comment window; everyone "
        "in scope is told in the bot."
    )
    EXPORT_WORKBOOK = "⬇️ Download the results workbook (Excel)"
    WINDOW_UNTIL = "Comments are open until the end of {date}."
    PUBLISHED_RESULTS = "Published results"
    NO_PUBLISHED = "No results published yet."
    COL_SCORE = "Score"
    COL_BAND = "Band"
    COL_COUNCIL = "Council"
    DECISION = "Decision {number} of {date}"
    COMMENTS_TITLE = "Comments and objections"
    COMMENTS_NONE_WAITING = "No comments or objections waiting for an answer."
    COMMENTS_ANSWERED = "Answered"
    ANSWER = "Answer (the author will read it)"
    VERDICT = "Verdict on the objection"
    UPHOLD = "Uphold (review again)"
    DISMISS = "Dismiss"
    UPHELD = "upheld"
    DISMISSED = "dismissed"
    SEND_ANSWER = "💬 Send the answer"
    DECISION_TITLE = "Recognition decision"
    DECISION_NOTE = (
        "Once the comment window has closed and every comment is answered: record the "
        "decision's number and date; entries the council passed are recognised."
    )
    DECISION_NUMBER = "Decision number"
    DECISION_DATE = "Decision date"
    FINALIZE = "🏅 Record the decision"
    REVOKE_TITLE = "Recognised entries: showcase evidence, revocation"
    REVOKE_NONE = "No recognised entries in your scope."
    REVOKE = "⛔ Revoke"
    REVOKE_REASON = "Reason for revoking (required)"

    DASHBOARD_TITLE = "Progress · {unit}"
    FIG_REGISTERED = "people registered ({share}%)"
    FIG_SELF_SCORED = "entries self-scored"
    FIG_EVIDENCE_WEEK = "pieces of evidence in the last 7 days"
    FIG_WAITING = "entries to approve · evidence to check"
    DIGEST_DOWNLOAD = "⬇️ Download the report (Excel)"
    CHART_TITLE = "Share of people registered by unit"
    CHART_NOTE = "Green: 80% or more; amber: 40% or more; red: under 40%."
    BY_MODEL = "Registrations by model and status"
    NO_ENTRIES = "No registrations yet."
    TOTAL_COL = "Total"
    BY_UNIT = "Progress by unit"
    COL_REGISTERED = "Registered"
    COL_SELF_SCORED = "Self-scored"
    COL_EVIDENCE_WEEK = "Evidence, 7 days"
    COL_WAITING = "To approve · to check"
    COL_PERSON = "Name"
    BEHIND_TITLE = "People behind ({count})"
    BEHIND_NONE = "Nobody is behind. 👏"
    PAGE_OF = "Page {page}/{pages}"
    REMIND_BUTTONS: ClassVar[dict[str, str]] = {
        "unregistered": "🔔 Remind those not registered",
        "no_evidence": "🔔 Remind those without evidence",
    }
    REMIND_NOTE = (
        "Sent once through the bot under the reminder rules: never in quiet hours, never twice."
    )
    REMIND_NOT_ALLOWED = (
        "Reminders are set by the union or party committee (/nhacviec in the bot); you can "
        "pass this list on to them."
    )
    REMIND_DONE: ClassVar[dict[str, str]] = {
        "unregistered": "Reminder set for those not registered; the bot sends it in a minute.",
        "no_evidence": "Reminder set for those without evidence; the bot sends it in a minute.",
    }

    MINE_TITLE = "Mine"
    MY_ENTRIES = "My entries"
    MY_ENTRIES_NONE = "You have no entries yet. Register in the bot with /dangky."
    COL_SELF_SCORE = "Self score"
    SELF_TOTAL = "Self score: {total}/{max} points"
    MISSING_EVIDENCE = "Evidence still missing: {codes} (send it in the bot with /minhchung)."
    LEADERBOARD = "Leaderboard"
    LEADERBOARD_NONE = "No final results to rank yet."
    LEADERBOARD_UNITS = "By unit"
    LEADERBOARD_MODELS = "By model"
    COL_NAME = "Name"
    COL_RECOGNIZED = "Recognised"
    COL_MEAN = "Mean score"
    # invite sheets (admins)
    SHEETS_TITLE = "Invite sheets"
    SHEETS_INTRO = (
        "Pick a unit to download its invite sheet (PDF, A4): everyone not linked yet gets a QR "
        "code to link Telegram in one tap and the invite code to type to the bot on Zalo."
    )
    SHEETS_WARNING = (
        "Each download issues new invite codes: the older codes of the people on it stop working."
    )
    SHEETS_COL_WAITING = "Not linked"
    SHEETS_DOWNLOAD = "Download the PDF"
    SHEETS_NONE = "There is no unit in your scope."
    SHEETS_NO_BOT = (
        "The Telegram bot's username is not known, so no link can be made: set "
        "TELEGRAM_BOT_USERNAME (or TELEGRAM_BOT_TOKEN to ask Telegram). No code was issued."
    )
    SHEET_PDF_TITLE = "Account linking invites · {unit}"
    SHEET_PDF_HOW = (
        "Telegram: scan the QR code with the phone's camera, press Start and accept the notice: "
        "the account is linked at once. Zalo: write to the Dân vận khéo bot, accept the notice "
        "and type the invite code beside. Each code works once, until the end of {expires}."
    )
    SHEET_PDF_COLUMNS = ("No.", "Name", "QR code (Telegram)", "Invite code (Zalo)")
    SHEET_PDF_EMPTY = "Everyone in the unit has linked an account: no invites needed."
    SHEET_PDF_ISSUED = "Issued on {date} · {count} people"
    # recognition certificates (committees)
    CERTIFICATE = "Download the certificate (PDF)"
    CERT_TITLE = "Certificate · {subject}"
    CERT_HEADING = "CERTIFICATE OF RECOGNITION"
    CERT_MOVEMENT = "«Skilful mass mobilisation» exemplar"
    CERT_CERTIFIES = "{issuer} certifies that"
    CERT_UNIT = "Unit: {unit}"
    CERT_MODEL = "Model {code}: {title}"
    CERT_SCORE = "Review score: {score}/100 · Band: {band}"
    CERT_CAMPAIGN = "has been recognised as an exemplar in {campaign}"
    CERT_DECISION = "By decision No. {number} of {date}"
    CERT_PLACE_DATE = "{day}/{month}/{year}"
    CERT_SIGNER = "For {issuer}"
    CERT_SIGN_HINT = "(Signature, full name and seal)"
    CERT_NOT_RECOGNIZED = "Certificates are only for recognised entries; this one is «{status}»."

    # admins
    ADMIN_TITLE = "Administration"
    IMPORT_TITLE = "Load data from a file"
    IMPORT_NOTE = (
        "Upload a file to preview it: every bad row (with its line and reason) and how many "
        "records would be added, changed, kept. Nothing is written until you press «Apply»."
    )
    IMPORT_KINDS: ClassVar[dict[str, tuple[str, str]]] = {
        "roster": ("👥 Staff roster", "Excel (.xlsx) or CSV file, as the import-roster command"),
        "units": ("🏢 Units", "Excel (.xlsx) or CSV file, as the import-units command"),
        "campaign": ("🏆 Campaign", "The campaign's YAML file, as the load-campaign command"),
    }
    IMPORT_PREVIEW = "Preview"
    IMPORT_ALLOWED = (
        "Accepted: {suffixes}; at most {limit_mb} MB. Excel: the first sheet is read, "
        "row 1 holds the column headers."
    )
    IMPORT_FILE = "File"
    PREVIEW_TITLE = "Preview: {kind}"
    PREVIEW_FILE = "File «{name}»"
    PREVIEW_BAD = "{count} bad row(s). Nothing was written. Fix the file and upload it again."
    PREVIEW_GOOD = (
        "The file is valid. Applying it: {created} new, {updated} changed, {unchanged} unchanged."
    )
    PREVIEW_APPLY = "✅ Apply"
    PREVIEW_AGAIN = "Upload another file"
    COL_LINE = "Line"
    COL_REASON = "Reason"
    APPLIED = "Loaded «{name}»: {created} new, {updated} changed, {unchanged} unchanged."
    UPLOAD_MISSING = "No file chosen. Choose a file, then press «Preview»."
    UPLOAD_EMPTY = "The file «{name}» is empty."
    UPLOAD_TOO_LARGE = "The file is too large: at most {limit_mb} MB."
    UPLOAD_WRONG_TYPE = "The file «{name}» is of the wrong type: only {suffixes}."
    UPLOAD_GONE = (
        "The upload has expired (30 minutes) or was already applied. Please upload the file again."
    )
    BROADCAST_TITLE = "Broadcast"
    BROADCAST_NOTE = (
        "Sent by the bot (Telegram, Zalo) through the queue, as /thongbao: paced, and not in "
        "quiet hours unless «Urgent» is ticked."
    )
    BROADCAST_TEXT = "Message (at most 3,000 characters)"
    BROADCAST_AUDIENCE = "Send to"
    BROADCAST_UNIT = "Unit"
    BROADCAST_ROLE = "Role"
    BROADCAST_MODEL = "Model"
    BROADCAST_URGENT = "Urgent: send in quiet hours too"
    BROADCAST_PREVIEW = "Preview the recipients"
    BROADCAST_SEND = "📢 Send the announcement"
    BROADCAST_BAD_TEXT = "The message is empty or too long: 1 to 3,000 characters."
    BROADCAST_BAD_AUDIENCE = "Please choose a valid audience (unit, role or model)."
    AUDIENCE_TITLE = "Recipients"
    AUDIENCE_PEOPLE = "{count} people"
    AUDIENCE_CHANNEL = "by {channel}: {count}"
    AUDIENCE_UNREACHABLE = (
        "Cannot be reached (not linked, bot blocked or out of Zalo's window): {count}"
    )
    RECENT_BROADCASTS = "Recent announcements"
    BROADCAST_NUMBER = "Announcement #{id}"
    BROADCAST_STATUS: ClassVar[dict[str, str]] = {
        "queued": "Waiting to be sent",
        "sending": "Sending",
        "done": "Sent",
        "cancelled": "Stopped",
    }
    PROGRESS_FIGURES = "Processed {done}/{total}"
    PROGRESS_LABELS: ClassVar[dict[str, str]] = {
        "pending": "Waiting",
        "sent": "Sent",
        "failed": "Failed",
        "blocked": "Blocked",
        "unreachable": "Unreachable",
        "cancelled": "Cancelled",
    }
    PROGRESS_WAITING = "The bot queues the announcement on its next pass (about a minute)."
    BROADCAST_STOP = "⏹ Stop sending"
    AUDIT_TITLE = "Audit log"
    AUDIT_NOTE = "The history of one object: choose its type and enter its number (id)."
    AUDIT_TYPE = "Object type"
    AUDIT_ID = "Number"
    AUDIT_SHOW = "Show the log"
    AUDIT_TYPES: ClassVar[dict[str, str]] = {
        "person": "Person",
        "registration": "Entry",
        "evidence": "Evidence",
        "announcement": "Announcement",
        "campaign": "Campaign",
        "council_vote": "Council round",
        "review_assignment": "Reviewer appointment",
        "chat_account": "Chat account",
        "reminder_rule": "Reminder rule",
        "entry_comment": "Comment",
        "file": "Loaded file",
    }
    AUDIT_NONE = "No audit entries for this object yet."
    AUDIT_OF = "Audit log · {type} #{id}"
    COL_TIME = "Time"
    COL_ACTOR = "By"
    COL_ACTION = "Action"
    COL_DETAILS = "Details"
    AUDIT_SYSTEM = "System"
    AUDIT_VERIFY = "Verify the log's integrity"
    AUDIT_CHAIN_OK = "✅ The log is intact: {rows} rows, the hash chain holds."
    AUDIT_CHAIN_BROKEN = (
        "⚠️ The log was altered from row #{id} ({reason}); {rows} rows before it hold."
    )
    AUDIT_BAD_QUERY = "Invalid object type or number."
    EXEMPLARS_TITLE = "“Dân vận khéo” exemplars"
    EXEMPLARS_INTRO = (
        "Models recognised as “Dân vận khéo” exemplars in {campaign}, to learn from and replicate."
    )
    EXEMPLARS_NONE = "No model has been recognised as an exemplar yet."
    EXEMPLAR_UNIT = "Unit: {unit}"
    EXEMPLAR_BAND = "Band: {band}"
    EXEMPLAR_DECISION = "Recognised by decision no. {number} of {date}"
    EXEMPLAR_NO_SHOWCASE = "Showcase evidence is coming soon."
    EXEMPLAR_PHOTO = "Evidence photo: {criterion}"
    EXEMPLARS_FOOTER = "Public page of the “Dân vận khéo” movement · Vietnam Post Corporation"
    SHOWCASE_TITLE = "Showcase evidence (public exemplars page)"
    SHOWCASE_NOTE = (
        "Pick accepted photos and notes to show on the public exemplars page (no sign-in). "
        "They show only when the sender has consented to the bot's personal-data notice."
    )
    SHOWCASE_NONE = "This entry has no accepted photo or note."
    SHOWCASE_ON = "⭐ Showcase"
    SHOWCASE_OFF = "Remove"
    SHOWCASE_MARKED = "⭐ Showcase"
    SHOWCASE_PUBLIC_LINK = "Open the public exemplars page"
    SHOWCASE_NOT_ALLOWED = "Only accepted photos or notes of a recognised entry can be showcased."


Texts = type[Vi]
LANGUAGES: dict[str, Texts] = {"vi": Vi, "en": En}


def for_language(language: str | None, default: str = "vi") -> Texts:
    return LANGUAGES.get(language or default, LANGUAGES.get(default, Vi))

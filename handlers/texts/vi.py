"""Every Vietnamese text the bot shows. English (en.py) overrides each one."""

# ruff: noqa: E501

from typing import ClassVar


class Vi:
    LANGUAGE = "vi"
    DECIMAL_COMMA = True

    # -- general ---------------------------------------------------------------------------
    UNEXPECTED_ERROR = "Xin lỗi, hệ thống đang gặp sự cố. Anh/chị vui lòng thử lại sau ít phút."
    MENU_EXPIRED = "Menu này đã hết hạn. Anh/chị vui lòng chọn lại ở tin nhắn mới nhất."
    MENU_EXPIRED_SHORT = "Menu này đã hết hạn."
    UNKNOWN_INPUT = "Chưa hiểu ý anh/chị. Vui lòng chọn một mục bên dưới, hoặc gõ /huy để dừng."
    UNKNOWN_INPUT_IDLE = "Chưa hiểu ý anh/chị. Vui lòng chọn một mục bên dưới, hoặc gõ /trogiup."
    UNKNOWN_COMMAND = "Không có lệnh /{command}. Gõ /trogiup để xem các lệnh."
    PICK_NUMBER = "Vui lòng trả lời {choices}."
    OR = "hoặc"
    CANCELLED = "Đã hủy. Anh/chị có thể bắt đầu lại bất cứ lúc nào."
    MAIN_MENU = "Anh/chị muốn làm gì?"
    FILE_NOT_EXPECTED = "Chưa cần tệp ở bước này. Để gửi minh chứng, gõ /minhchung."
    NOT_ALLOWED = "Anh/chị không có quyền thực hiện việc này."
    NOT_FOUND = "Không tìm thấy mục này. Có thể dữ liệu đã thay đổi, vui lòng chọn lại."
    BTN_REGISTER = "📝 Đăng ký mô hình"
    BTN_EVIDENCE = "📎 Gửi minh chứng"
    BTN_SELFSCORE = "✍️ Tự chấm điểm"
    BTN_PROGRESS = "📊 Tiến độ"
    BTN_HELP = "❓ Trợ giúp"
    BTN_MYDATA = "🔒 Dữ liệu của tôi"
    BTN_CANCEL = "Hủy"
    BTN_DONE = "Xong"
    BTN_BACK = "Quay lại"

    STATUS: ClassVar[dict[str, str]] = {
        "draft": "Chưa gửi",
        "submitted": "Chờ duyệt",
        "returned": "Bị trả lại",
        "approved": "Đã duyệt",
        "implementing": "Đang thực hiện",
        "self_scored": "Đã tự chấm điểm",
        "under_review": "Đang thẩm định",
        "reviewed": "Đã thẩm định",
        "in_council": "Đang bình xét",
        "published": "Đã công khai",
        "recognized": "Được công nhận",
        "not_recognized": "Không được công nhận",
        "withdrawn": "Đã rút",
        "disqualified": "Bị loại",
        "revoked": "Bị hủy công nhận",
    }
    SUBJECT_INDIVIDUAL = "Cá nhân {name}"
    SUBJECT_COLLECTIVE = "Tập thể {name}"

    # -- onboarding ------------------------------------------------------------------------
    PRIVACY_NOTICE = (
        "🔒 Thông báo xử lý dữ liệu cá nhân\n"
        "Trợ lý «Dân vận khéo» của Bưu điện Việt Nam xử lý: mã nhân viên, họ tên, đơn vị, "
        "chức vụ, vai trò, số điện thoại (chỉ để liên kết tài khoản) và mã tài khoản chat của "
        "anh/chị, cùng các đăng ký, minh chứng và điểm anh/chị gửi.\n"
        "Mục đích: tổ chức phong trào thi đua «Dân vận khéo» (đăng ký, minh chứng, chấm "
        "điểm, nhắc việc). Dữ liệu được xử lý theo Luật Bảo vệ dữ liệu cá nhân số "
        "91/2025/QH15; thông tin đảng viên là dữ liệu nhạy cảm, chỉ cấp ủy có thẩm quyền được "
        "xem. Tin nhắn qua Telegram được truyền ra ngoài lãnh thổ Việt Nam.\n"
        "Anh/chị có thể xem dữ liệu bot đang giữ và rút lại sự đồng ý bất cứ lúc nào bằng "
        "lệnh /dulieu.\n"
        "Anh/chị có đồng ý để bot xử lý dữ liệu như trên không?"
    )
    BTN_AGREE = "Tôi đồng ý"
    BTN_DISAGREE = "Không đồng ý"
    CONSENT_NEEDED = "Vui lòng chọn «Tôi đồng ý» hoặc «Không đồng ý» trước khi tiếp tục."
    CONSENT_DECLINED = (
        "Anh/chị chưa đồng ý nên bot chưa lưu thông tin gì thêm và chưa thể hỗ trợ. "
        "Khi sẵn sàng, gõ /start."
    )
    ASK_INVITE = (
        "Vui lòng nhập mã mời (8 ký tự, ví dụ K7QM-4XPD) do đơn vị cung cấp để liên kết tài khoản."
    )
    ASK_INVITE_OR_PHONE = (
        "Vui lòng bấm «Chia sẻ số điện thoại» để liên kết nhanh, hoặc nhập mã mời (8 ký tự, "
        "ví dụ K7QM-4XPD) do đơn vị cung cấp."
    )
    BTN_SHARE_PHONE = "📱 Chia sẻ số điện thoại"
    INVITE_WRONG = "Mã mời không đúng. Anh/chị còn {left} lần thử."
    INVITE_EXPIRED = "Mã mời đã hết hạn. Anh/chị vui lòng xin mã mới ở đơn vị. Còn {left} lần thử."
    LOCKED_OUT = (
        "Anh/chị đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau {time} "
        "(khoảng {minutes} phút nữa)."
    )
    PERSON_INACTIVE = (
        "Mã mời này thuộc về một người không còn trong danh sách. Vui lòng liên hệ đơn vị."
    )
    PHONE_NOT_OWN = "Vui lòng chia sẻ số điện thoại của chính anh/chị, không phải của người khác."
    PHONE_NO_MATCH = (
        "Không tìm thấy số điện thoại này trong danh sách nhân sự. Vui lòng nhập mã mời."
    )
    LINKED = "✅ Đã liên kết tài khoản. Xin chào {name} ({unit})!"
    GREETING = "Xin chào {name}!"
    NOT_LINKED = "Tài khoản chưa được liên kết. Gõ /start để bắt đầu."

    # -- registration ----------------------------------------------------------------------
    NO_CAMPAIGN = "Hiện chưa có phong trào nào đang mở."
    PICK_CAMPAIGN = "Chọn phong trào:"
    REG_CLOSED = "Đã hết hạn đăng ký ({date})."
    REG_NOT_YET = "Chưa đến thời gian đăng ký (bắt đầu từ {date})."
    PICK_MODEL = "Chọn mô hình muốn đăng ký ({campaign}):"
    MODEL_LINE = "{code} – {title}"
    PICK_SCOPE = "Anh/chị đăng ký mô hình {model} cho cá nhân hay cho tập thể đơn vị?"
    BTN_INDIVIDUAL = "👤 Cá nhân tôi"
    BTN_COLLECTIVE = "👥 Tập thể: {unit}"
    GENERAL_CRITERIA = (
        "Tiêu chí chung (bắt buộc đạt, không tính điểm). Không đạt một tiêu chí thì mô hình "
        "bị loại:\n{lines}\nAnh/chị xác nhận đã đọc và cam kết thực hiện?"
    )
    BTN_ACK = "Tôi đã đọc và cam kết"
    PICK_CRITERIA = (
        "Chọn các tiêu chí cụ thể sẽ thực hiện (bấm để chọn/bỏ chọn):\n{lines}\n\n{total}"
    )
    PICK_CRITERIA_ALL = "Phong trào yêu cầu thực hiện tất cả tiêu chí cụ thể:\n{lines}\n\n{total}"
    CRITERION_LINE = "{mark} {code} ({points} điểm): {title}"
    CRITERIA_TOTAL = "Đã chọn {count} tiêu chí · tổng điểm tối đa {points}/{scale}."
    BTN_ALL = "Chọn tất cả"
    BTN_NEXT = "Tiếp tục ➡️"
    NEED_ONE_CRITERION = "Vui lòng chọn ít nhất một tiêu chí."
    ALL_REQUIRED = "Phong trào này yêu cầu chọn tất cả tiêu chí."
    CONFIRM_REG = (
        "Kiểm tra lại đăng ký:\n"
        "• Phong trào: {campaign}\n• Mô hình: {model}\n• Đối tượng: {subject}\n"
        "• Tiêu chí: {codes}\n• Tổng điểm tối đa: {points}/{scale}\n"
        "Gửi đăng ký?"
    )
    BTN_SUBMIT = "📨 Gửi đăng ký"
    BTN_EDIT_CRITERIA = "Sửa tiêu chí"
    REG_SUBMITTED = (
        "✅ Đã gửi đăng ký mô hình {model} cho {subject}. Trạng thái: Chờ duyệt.\n"
        "Bước tiếp theo: gửi minh chứng bằng /minhchung."
    )
    ALREADY_SAME_MODEL = (
        "{subject} đã đăng ký mô hình {model} (trạng thái: {status}). Mỗi mô hình chỉ đăng ký "
        "một lần; xem chi tiết bằng /tiendo."
    )
    CAP_REACHED = (
        "{subject} đã đăng ký {count} mô hình ({models}), đã đủ số tối đa {cap} mô hình. "
        "Xem chi tiết bằng /tiendo."
    )
    NOT_UNIT_REGISTRANT = (
        "Chỉ lãnh đạo đơn vị, Ban Chấp hành Công đoàn hoặc cấp ủy của đơn vị mới được đăng "
        "ký cho tập thể."
    )
    SUBJECT_TYPE_NOT_ALLOWED = "Mô hình này không nhận đăng ký cho đối tượng đã chọn."

    # -- evidence --------------------------------------------------------------------------
    NO_ENTRIES = "Anh/chị chưa có đăng ký nào đang thực hiện. Gõ /dangky để đăng ký."
    PICK_ENTRY = "Chọn đăng ký:"
    ENTRY_LABEL = "{model} · {subject}"
    EVIDENCE_CLOSED = "Đã hết hạn nộp minh chứng ({date})."
    EVIDENCE_NOT_YET = "Chưa đến thời gian nộp minh chứng (bắt đầu từ {date})."
    PICK_CRITERION_EVIDENCE = "Chọn tiêu chí cần gửi minh chứng ({model} · {subject}):"
    CRITERION_EVIDENCE_LABEL = "{code} · {count} minh chứng"
    ASK_FILES = (
        "Gửi minh chứng cho {code} – {title}\n"
        "Minh chứng cần có: {hint}\n"
        "Anh/chị gửi ảnh, tệp (PDF, Word, Excel) hoặc gõ một ghi chú (số liệu, đường dẫn); "
        "có thể kèm chú thích. Gửi xong bấm «Xong»."
    )
    ASK_FILES_PHOTOS_ONLY = (
        "Gửi minh chứng cho {code} – {title}\n"
        "Minh chứng cần có: {hint}\n"
        "Kênh này chỉ nhận ảnh, không nhận tệp tài liệu: với văn bản, anh/chị vui lòng chụp "
        "ảnh từng trang, hoặc gửi tệp qua Telegram hay Zalo OA. Có thể gõ một ghi chú (số "
        "liệu, đường dẫn). Gửi xong bấm «Xong»."
    )
    KIND_PHOTO = "ảnh"
    KIND_DOCUMENT = "tệp"
    EVIDENCE_SAVED_FILE = "✅ Đã lưu {kind} «{name}» ({size}) cho {code}. Gửi tiếp hoặc bấm «Xong»."
    EVIDENCE_SAVED_ALBUM = "✅ Đã lưu {count} ảnh trong album cho {code}. Gửi tiếp hoặc bấm «Xong»."
    EVIDENCE_SAVED_NOTE = "✅ Đã lưu ghi chú cho {code}. Gửi tiếp hoặc bấm «Xong»."
    EVIDENCE_DONE = "Đã nhận {count} minh chứng cho {code} trong lần này."
    EVIDENCE_NONE_SENT = "Chưa có minh chứng nào được gửi cho {code} trong lần này."
    BTN_OTHER_CRITERION = "Tiêu chí khác"
    FILE_TOO_LARGE = "Tệp quá lớn ({size_mb} MB). Anh/chị vui lòng gửi tệp dưới {limit_mb} MB."
    FILE_TYPE_NOT_ALLOWED = (
        "Không nhận loại tệp này ({name}). Chỉ nhận ảnh (JPG, PNG), PDF, Word và Excel."
    )
    FILE_CONTENT_MISMATCH = (
        "Nội dung tệp «{name}» không đúng với định dạng của nó. Vui lòng gửi lại tệp gốc."
    )
    DOWNLOAD_FAILED = "Không tải được tệp. Anh/chị vui lòng gửi lại."
    DOCUMENTS_NOT_SUPPORTED = (
        "Kênh này không nhận tệp tài liệu. Anh/chị vui lòng chụp ảnh từng trang, hoặc gửi tệp "
        "qua Telegram hay Zalo OA."
    )
    EMPTY_NOTE = "Ghi chú trống. Vui lòng gõ nội dung, hoặc gửi ảnh/tệp."
    CRITERION_NOT_CHOSEN = "Tiêu chí này không nằm trong đăng ký."
    ENTRY_LOCKED = "Đăng ký đang ở trạng thái «{status}», không thể thay đổi."
    NOT_YOUR_ENTRY = "Đăng ký này không thuộc về anh/chị."

    # -- self-scoring ----------------------------------------------------------------------
    NO_SELF_ENTRIES = "Anh/chị không có đăng ký nào cần tự chấm điểm."
    SELF_NOT_YET = "Chưa đến thời gian tự chấm điểm ({opens} – {closes})."
    SELF_CLOSED = "Đã hết hạn tự chấm điểm ({closes})."
    ASK_SCORE = (
        "Tự chấm {index}/{count} · {code}: {title}\n"
        "Tối đa {max} điểm. Hướng dẫn: {guide}\n"
        "Minh chứng đã gửi: {evidence}. Điểm hiện tại: {current}.\n"
        "Nhập điểm từ 0 đến {max} (bước {step}):"
    )
    SCORE_NOT_NUMBER = "Vui lòng nhập một số, ví dụ 8 hoặc 8,5 (từ 0 đến {max})."
    SCORE_OUT_OF_RANGE = "Điểm phải từ 0 đến {max}."
    SCORE_STEP = "Điểm phải là bội số của {step} (ví dụ 7 hoặc 7,5)."
    SCORE_SAVED = "Đã lưu {code}: {score} điểm."
    SELF_SUMMARY = "Điểm tự chấm · {model} · {subject}\n{lines}\nTổng: {total}/{scale} điểm."
    SCORE_LINE = "• {code}: {score}/{max}"
    NOT_SCORED = "chưa chấm"
    BTN_EDIT_SCORE = "Sửa điểm một tiêu chí"
    PICK_CRITERION_SCORE = "Chọn tiêu chí muốn sửa điểm:"
    SELF_DONE = "✅ Đã lưu điểm tự chấm. Tổng: {total}/{scale} điểm."

    # -- progress --------------------------------------------------------------------------
    PROGRESS_NONE = "Anh/chị chưa có đăng ký nào. Gõ /dangky để đăng ký mô hình."
    PROGRESS_ENTRY = "📌 {model} · {subject}\nTrạng thái: {status}"
    PROGRESS_LINE = "• {code} ({max} đ): {evidence} minh chứng · tự chấm {score}"
    PROGRESS_TOTAL = (
        "Tổng tự chấm: {total}/{scale} điểm (tối đa của các tiêu chí đã chọn: {chosen})."
    )
    PROGRESS_MISSING_EVIDENCE = "Còn thiếu minh chứng: {codes}."
    PROGRESS_MISSING_SCORES = "Chưa tự chấm: {codes}."
    PROGRESS_COMPLETE = "Đã đủ minh chứng và điểm tự chấm cho mọi tiêu chí."

    # -- help, language, personal data -----------------------------------------------------
    HELP_HEADER = "Các việc anh/chị có thể làm:"
    HELP_LINES: ClassVar[dict[str, str]] = {
        "dangky": "/dangky – đăng ký mô hình cho cá nhân hoặc tập thể",
        "minhchung": "/minhchung – gửi ảnh, tệp, ghi chú làm minh chứng",
        "chamdiem": "/chamdiem – tự chấm điểm từng tiêu chí",
        "tiendo": "/tiendo – xem tiến độ và điểm tự chấm",
        "dulieu": "/dulieu – xem dữ liệu bot đang giữ, rút lại đồng ý",
        "ngonngu": "/ngonngu – đổi ngôn ngữ (Tiếng Việt / English)",
        "menu": "/menu – về menu chính",
        "huy": "/huy – dừng việc đang làm",
        "nhacviec": "/nhacviec – đặt, xem, tạm dừng nhắc việc cho đơn vị",
        "baocao": "/baocao – xem báo cáo tiến độ đơn vị, đổi lịch nhận báo cáo",
        "thongbao": "/thongbao – gửi thông báo tới nhân sự",
    }
    COMMAND_HINTS: ClassVar[dict[str, str]] = {
        "dangky": "Đăng ký mô hình",
        "minhchung": "Gửi minh chứng",
        "chamdiem": "Tự chấm điểm",
        "tiendo": "Xem tiến độ",
        "dulieu": "Dữ liệu của tôi",
        "ngonngu": "Đổi ngôn ngữ",
        "trogiup": "Trợ giúp",
        "menu": "Menu chính",
        "huy": "Dừng việc đang làm",
    }
    HELP_UNLINKED = "Gõ /start để liên kết tài khoản bằng mã mời do đơn vị cung cấp."
    PICK_LANGUAGE = "Chọn ngôn ngữ / Choose a language:"
    LANGUAGE_SET = "Đã chuyển sang Tiếng Việt."
    MYDATA = (
        "Dữ liệu bot đang giữ về anh/chị:\n"
        "• Mã nhân viên: {code}\n• Họ tên: {name}\n• Đơn vị: {unit}\n• Chức vụ: {position}\n"
        "• Số điện thoại: {phone}\n• Vai trò: {roles}\n"
        "• Tài khoản chat đã liên kết: {accounts}\n"
        "• Đồng ý xử lý dữ liệu từ: {consent}\n"
        "• Đăng ký: {registrations} · minh chứng đã gửi: {evidence}\n"
        "Cần sửa thông tin nhân sự, vui lòng liên hệ bộ phận tổ chức của đơn vị."
    )
    NONE = "không có"
    BTN_WITHDRAW = "Rút lại đồng ý và hủy liên kết"
    CONFIRM_WITHDRAW = (
        "Rút lại đồng ý sẽ hủy liên kết tài khoản chat này; bot sẽ không nhắc việc qua tài "
        "khoản này nữa. Đăng ký và minh chứng đã gửi vẫn được đơn vị lưu theo quy định thi "
        "đua. Anh/chị chắc chắn?"
    )
    BTN_CONFIRM_WITHDRAW = "Đúng, rút lại đồng ý"
    WITHDRAWN = "Đã rút lại đồng ý và hủy liên kết tài khoản. Gõ /start nếu muốn dùng lại."
    ROLE_NAMES: ClassVar[dict[str, str]] = {
        "staff": "Nhân viên",
        "manager": "Lãnh đạo đơn vị",
        "union_committee": "Ban Chấp hành Công đoàn",
        "party_committee": "Cấp ủy",
        "reviewer": "Tổ thẩm định",
        "council_member": "Hội đồng bình xét",
        "admin": "Quản trị",
    }

    # -- command line ----------------------------------------------------------------------
    IMPORT_OK = "Đã nhập {path}: {created} mới, {updated} cập nhật, {unchanged} không đổi."
    IMPORT_FAILED = "Không nhập {path}: {count} lỗi, chưa ghi gì vào cơ sở dữ liệu."
    IMPORT_LINE = "Dòng {line}: {message}"
    IMPORT_ERRORS: ClassVar[dict[str, str]] = {
        "missing_columns": "thiếu cột {columns}",
        "missing_value": "thiếu giá trị cột {column}",
        "missing_key": "thiếu mục «{key}» {where}",
        "bad_code": "mã «{code}» không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch ngang)",
        "unknown_kind": "loại đơn vị «{kind}» không hợp lệ (chọn một trong: {kinds})",
        "duplicate_unit": "mã đơn vị {code} bị trùng (đã có ở dòng {first})",
        "duplicate_person": "mã nhân viên {code} bị trùng (đã có ở dòng {first})",
        "duplicate_code": "mã {code} bị trùng (đã có ở dòng {first})",
        "unknown_parent": "đơn vị {code}: không tìm thấy đơn vị cấp trên «{parent}»",
        "cycle": "đơn vị {code} nằm trong một vòng lặp cấp trên – cấp dưới",
        "unknown_unit": "không có đơn vị «{code}» (hãy nhập danh sách đơn vị trước)",
        "unknown_role": "vai trò «{role}» không hợp lệ (chọn trong: {roles})",
        "bad_phone": "số điện thoại «{phone}» không hợp lệ",
        "bad_bool": "cột {column}: «{value}» không phải true/false",
        "bad_date": "ngày «{value}» ({key}{column}) không hợp lệ, cần dạng YYYY-MM-DD",
        "bad_yaml": "tệp YAML không đọc được: {detail}",
        "bad_points": "tiêu chí {code}: điểm tối đa «{value}» phải là số nguyên dương",
        "points_sum": "mô hình {model}: tổng điểm tiêu chí cụ thể là {total}, phải đúng {expected}",
        "dates_order": "ngày {first} phải trước hoặc bằng ngày {second}",
        "bands_gap": "xếp loại {code}: các mức phải liền nhau từ 0 đến 100 (cần bắt đầu/kết thúc ở {expected})",
        "unknown_evidence_type": "tiêu chí {code}: loại minh chứng «{kind}» không có trong danh mục",
        "model_in_use": "không thể bỏ mô hình {codes}: đã có đăng ký",
        "criterion_in_use": "không thể bỏ tiêu chí {codes}: đã có đăng ký chọn",
    }
    CLI_NO_PERSON = "Không có nhân viên mã {code}."
    CLI_INVITE = "Mã mời của {name} ({code}): {invite} (hết hạn {expires})"
    CLI_INVITES_WRITTEN = "Đã ghi {count} mã mời vào {path}."
    CLI_DEMO_LOADED = "Đã nạp dữ liệu mẫu: {units} đơn vị, {people} nhân sự, phong trào {campaign}."
    CLI_DEMO_EXISTS = "Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu."
    CLI_AUDIT_OK = "Nhật ký kiểm toán toàn vẹn: {rows} dòng."
    CLI_AUDIT_BROKEN = "Nhật ký kiểm toán bị sửa đổi từ dòng #{id} ({reason}); đã kiểm {rows} dòng hợp lệ trước đó."
    CLI_CHAT_INTRO = (
        "Đang trò chuyện với tư cách {name} ({code}) trên dữ liệu mẫu. Đổi người: "
        "python -m bot chat --as MÃ_NV (ví dụ HNI0005); kết nối Telegram: đặt "
        "TELEGRAM_BOT_TOKEN trong tệp .env rồi chạy lại. Gõ /huy để dừng, Ctrl-D để thoát."
    )
    CLI_DB_UPGRADED = "Cơ sở dữ liệu đã ở phiên bản mới nhất."

    # -- reminders, digests, broadcasts ----------------------------------------------------
    WEEKDAYS: ClassVar[tuple[str, ...]] = (
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    )
    CAMPAIGN_DATES: ClassVar[dict[str, str]] = {
        "registration_opens": "Ngày mở đăng ký",
        "registration_closes": "Hạn đăng ký",
        "evidence_deadline": "Hạn nộp minh chứng",
        "self_scoring_opens": "Ngày mở tự chấm điểm",
        "self_scoring_closes": "Hạn tự chấm điểm",
    }
    AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "Mọi người trong đơn vị",
        "unregistered": "Người chưa đăng ký mô hình",
        "no_evidence": "Người chưa gửi minh chứng gần đây",
        "no_selfscore": "Người chưa tự chấm điểm",
        "returned": "Người có đăng ký bị trả lại, chưa gửi lại",
    }
    REMINDER_ISSUER: ClassVar[dict[str, str]] = {
        "union_committee": "Ban Chấp hành Công đoàn {unit}",
        "party_committee": "Cấp ủy {unit}",
        "admin": "Bộ phận Thi đua - Khen thưởng {unit}",
    }
    REMINDER_TEXT = "📣 {issuer} nhắc:\n{message}"
    REMINDERS_NOT_ALLOWED = (
        "Chỉ Ban Chấp hành Công đoàn, cấp ủy và quản trị mới đặt được nhắc việc."
    )
    REMINDERS_HOME = "Nhắc việc: anh/chị đang có {count} nhắc việc. Anh/chị muốn làm gì?"
    BTN_NEW_REMINDER = "➕ Tạo nhắc việc mới"
    BTN_MY_REMINDERS = "📋 Nhắc việc của tôi"
    PICK_UNIT = "Chọn đơn vị (nhắc cả các đơn vị trực thuộc), hoặc gõ mã đơn vị:"
    UNIT_NOT_IN_SCOPE = "Không tìm thấy đơn vị này trong phạm vi của anh/chị. Vui lòng chọn lại."
    PICK_AUDIENCE = "Nhắc ai trong {unit}?"
    ASK_EVIDENCE_DAYS = (
        "Nhắc người không gửi minh chứng trong bao nhiêu ngày gần đây? Chọn hoặc gõ một số (1–365):"
    )
    BAD_DAYS = "Vui lòng gõ một số ngày từ 1 đến 365."
    DAYS_LABEL = "{days} ngày"
    PICK_REMINDER_MODEL = "Chỉ nhắc về một mô hình, hay mọi mô hình?"
    BTN_ALL_MODELS = "Mọi mô hình"
    PICK_SCHEDULE = "Khi nào gửi nhắc việc?"
    BTN_ONCE = "🗓 Một lần"
    BTN_WEEKLY = "🔁 Hằng tuần"
    BTN_RELATIVE = "⏳ Theo mốc của phong trào"
    ASK_ONCE_AT = "Gõ ngày giờ gửi theo dạng ngày/tháng/năm giờ:phút, ví dụ {example}:"
    BAD_DATETIME = "Chưa đúng dạng ngày giờ. Vui lòng gõ như {example}."
    PAST_DATETIME = "Thời điểm này đã qua. Vui lòng chọn một thời điểm sau {now}."
    PICK_WEEKDAYS = "Chọn các ngày trong tuần (bấm để chọn/bỏ chọn), rồi bấm «Tiếp tục»:"
    NEED_ONE_DAY = "Vui lòng chọn ít nhất một ngày."
    ASK_TIME = "Gửi lúc mấy giờ? Gõ giờ:phút theo giờ Việt Nam, ví dụ 07:30:"
    BAD_TIME = "Chưa đúng giờ. Vui lòng gõ giờ:phút, ví dụ 07:30 hoặc 16:00."
    PICK_ANCHOR = "Nhắc theo mốc nào của phong trào {campaign}?"
    ANCHOR_LABEL = "{name} ({date})"
    ASK_OFFSET = "Nhắc trước mốc đó bao nhiêu ngày? Gõ một số, ví dụ 3; 0 là đúng ngày; số âm là sau mốc (ví dụ -1)."
    BAD_OFFSET = "Vui lòng gõ một số ngày từ -60 đến 60, ví dụ 3."
    ASK_MESSAGE = "Gõ nội dung nhắc việc (tối đa 1.000 ký tự):"
    BAD_MESSAGE = "Nội dung trống hoặc quá dài. Vui lòng gõ từ 1 đến 1.000 ký tự."
    PICK_BUTTON = "Tin nhắc kèm nút mở việc nào?"
    REMINDER_PREVIEW = "Xem trước tin nhắc (người nhận sẽ thấy như dưới đây):"
    REMINDER_SUMMARY = (
        "• Đơn vị: {unit}\n• Đối tượng: {audience}\n• Lịch gửi: {schedule}\n"
        "• Lần gửi tới: {next}\n• Hiện có {count} người thuộc đối tượng, {reachable} người "
        "nhận được qua bot.\nLưu nhắc việc này?"
    )
    NO_NEXT = "không còn lần nào"
    BTN_SAVE_REMINDER = "✅ Lưu nhắc việc"
    REMINDER_SAVED = "✅ Đã lưu nhắc việc. Lần gửi tới: {next}."
    SCHEDULE_ONCE = "một lần lúc {time}"
    SCHEDULE_WEEKLY = "hằng tuần vào {days} lúc {time}"
    SCHEDULE_RELATIVE_BEFORE = "{days} ngày trước {anchor} ({date}) lúc {time}"
    SCHEDULE_RELATIVE_AFTER = "{days} ngày sau {anchor} ({date}) lúc {time}"
    SCHEDULE_RELATIVE_ON = "đúng ngày {anchor} ({date}) lúc {time}"
    AUDIENCE_DAYS = "{audience} (trong {days} ngày)"
    AUDIENCE_MODEL = "{audience} · mô hình {model}"
    RULE_STATUS: ClassVar[dict[str, str]] = {
        "active": "đang bật",
        "paused": "tạm dừng",
        "done": "đã gửi xong",
    }
    NO_REMINDERS = "Anh/chị chưa đặt nhắc việc nào."
    PICK_REMINDER = "Nhắc việc của anh/chị (chọn để tạm dừng, bật lại hoặc xóa):"
    REMINDER_LINE = "#{id} · {unit} · {schedule} ({status})"
    REMINDER_DETAIL = (
        "Nhắc việc #{id} ({status})\n• Đơn vị: {unit}\n• Đối tượng: {audience}\n"
        "• Lịch gửi: {schedule}\n• Nội dung: {message}"
    )
    BTN_PAUSE = "⏸ Tạm dừng"
    BTN_RESUME = "▶️ Bật lại"
    BTN_DELETE = "🗑 Xóa"
    CONFIRM_DELETE_REMINDER = "Xóa nhắc việc #{id}? Việc này không hoàn tác được."
    BTN_CONFIRM_DELETE = "Đúng, xóa"
    REMINDER_PAUSED = "⏸ Đã tạm dừng nhắc việc #{id}."
    REMINDER_RESUMED = "▶️ Đã bật lại nhắc việc #{id}. Lần gửi tới: {next}."
    REMINDER_DELETED = "🗑 Đã xóa nhắc việc #{id}."

    BROADCAST_NOT_ALLOWED = "Chỉ quản trị mới gửi được thông báo."
    ASK_BROADCAST = (
        "Gõ nội dung thông báo. Muốn kèm ảnh hoặc tệp, anh/chị gửi ảnh/tệp với nội dung "
        "làm chú thích."
    )
    BROADCAST_FILE_SAVED = "Đã nhận tệp «{name}». Vui lòng gõ nội dung thông báo đi kèm."
    BAD_BROADCAST = "Nội dung trống hoặc quá dài. Vui lòng gõ từ 1 đến 3.000 ký tự."
    PICK_BROADCAST_AUDIENCE = "Gửi thông báo tới ai?"
    BROADCAST_AUDIENCES: ClassVar[dict[str, str]] = {
        "all": "Mọi người ({unit})",
        "unit": "Một đơn vị và các đơn vị trực thuộc",
        "role": "Những người có một vai trò",
        "model": "Những người đăng ký một mô hình",
    }
    PICK_ROLE = "Gửi tới những người có vai trò nào?"
    PICK_BROADCAST_MODEL = "Gửi tới những người đăng ký mô hình nào?"
    ASK_URGENT = "Thông báo này có khẩn không? Tin khẩn được gửi cả trong giờ nghỉ ({quiet}); tin thường chờ tới sáng."
    BTN_URGENT = "🚨 Khẩn: gửi ngay"
    BTN_NORMAL = "Bình thường"
    BROADCAST_HEADER = "📢 Thông báo"
    BROADCAST_PREVIEW = "Xem trước thông báo (người nhận sẽ thấy như dưới đây):"
    BROADCAST_SUMMARY = (
        "• Đối tượng: {audience}\n• {urgent}\n• Số người nhận: {count} người, {reachable} người "
        "nhận được qua bot.\nGửi thông báo?"
    )
    URGENT_YES = "Khẩn: gửi ngay cả trong giờ nghỉ"
    URGENT_NO = "Thường: không gửi trong giờ nghỉ"
    BTN_SEND_BROADCAST = "📢 Gửi thông báo"
    BROADCAST_QUEUED = (
        "✅ Đã xếp hàng thông báo #{id}. Tiến độ gửi sẽ được cập nhật trong một tin nhắn."
    )
    BROADCAST_PROGRESS = (
        "📢 Thông báo #{id}: đã gửi {done}/{total} (bị chặn {blocked}, lỗi {failed})…"
    )
    BTN_STOP_BROADCAST = "⏹ Dừng gửi"
    BROADCAST_FINISHED = "📢 Thông báo #{id}: đã xử lý xong {done}/{total}."
    BROADCAST_REPORT = (
        "Báo cáo thông báo #{id}:\n• Đã gửi: {sent}\n• Bị chặn (người nhận đã chặn bot): {blocked}\n"
        "• Không gửi được: {failed}\n• Ngoài thời hạn được nhắn: {unreachable}\n• Đã hủy: {cancelled}"
    )
    BTN_RETRY_FAILED = "🔁 Gửi lại {count} tin lỗi"
    BROADCAST_CANCELLED = "⏹ Đã dừng thông báo #{id}. Các tin chưa gửi đã được hủy."
    BROADCAST_RETRYING = "🔁 Đang gửi lại {count} tin lỗi của thông báo #{id}."
    BROADCAST_NOTHING_TO_RETRY = "Thông báo #{id} không còn tin lỗi nào để gửi lại."

    DIGEST_NOT_ALLOWED = "Chỉ lãnh đạo đơn vị mới xem được báo cáo đơn vị."
    NO_ACTIVE_CAMPAIGN = "Hiện chưa có phong trào nào đang mở."
    DIGEST_HEADER = "📊 Báo cáo phong trào · {unit}\nKỳ: {start} – {end}"
    DIGEST_STAFF = "• Nhân sự: {staff} · đã đăng ký: {registered} ({share})"
    DIGEST_MODELS = "• Đăng ký theo mô hình:"
    DIGEST_MODEL_LINE = "  – {model}: {count} ({statuses})"
    DIGEST_NO_ENTRIES = "  – chưa có đăng ký"
    DIGEST_EVIDENCE = "• Minh chứng gửi trong kỳ: {count}"
    DIGEST_SELFSCORE = "• Đã tự chấm điểm: {done}/{working} đăng ký"
    DIGEST_WAITING = (
        "• Chờ anh/chị xử lý: {approvals} đăng ký chờ duyệt, {evidence} minh chứng chờ xem xét"
    )
    DIGEST_LAGGING = "• Đơn vị chậm nhất:"
    DIGEST_UNIT_LINE = "  – {unit}: {share} ({registered}/{staff})"
    DIGEST_PEOPLE = "• {count} người chưa đăng ký hoặc chưa có minh chứng, ví dụ:"
    DIGEST_PERSON_LINE = "  – {name} ({unit}): {state}"
    DIGEST_NOT_REGISTERED = "chưa đăng ký"
    DIGEST_NO_EVIDENCE = "chưa có minh chứng"
    DIGEST_SEE_FILE = "Danh sách đầy đủ trong tệp Excel đính kèm."
    CHART_TITLE = "Tiến độ đăng ký theo đơn vị · {unit}"
    CHART_XLABEL = "Tỷ lệ nhân sự đã đăng ký mô hình (%)"
    CHART_CAPTION = "Biểu đồ tiến độ đăng ký theo đơn vị trực thuộc."
    XLSX_CAPTION = "Danh sách đầy đủ đơn vị và người còn chậm."
    XLSX_UNITS_SHEET = "Đơn vị"
    XLSX_UNITS_HEADER: ClassVar[tuple[str, ...]] = (
        "Đơn vị",
        "Nhân sự",
        "Đã đăng ký",
        "Tỷ lệ (%)",
        "Minh chứng trong kỳ",
    )
    XLSX_PEOPLE_SHEET = "Người còn chậm"
    XLSX_PEOPLE_HEADER: ClassVar[tuple[str, ...]] = (
        "Họ tên",
        "Đơn vị",
        "Tình trạng",
        "Số minh chứng",
    )
    PICK_DIGEST_UNIT = "Xem báo cáo của đơn vị nào?"
    DIGEST_SCHEDULE = "Báo cáo tự động: {schedule}."
    DIGEST_OFF = "đang tắt"
    BTN_DIGEST_SCHEDULE = "⏰ Đổi lịch nhận báo cáo"
    BTN_DIGEST_OFF = "🔕 Tắt báo cáo tự động"
    DIGEST_SCHEDULE_SAVED = "✅ Đã lưu lịch nhận báo cáo: {schedule}."
    DIGEST_TURNED_OFF = "🔕 Đã tắt báo cáo tự động. Gõ /baocao để xem báo cáo bất cứ lúc nào."

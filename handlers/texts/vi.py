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

    # -- zalo ------------------------------------------------------------------------------
    ZALO_ANSWER_WITH = "Trả lời {choices} để chọn."
    ZALO_OA_INFO_TITLE = "Chia sẻ số điện thoại để liên kết tài khoản"
    ZALO_OA_INFO_SUBTITLE = (
        "Bấm vào đây, kiểm tra họ tên và số điện thoại rồi bấm Gửi. Số điện thoại chỉ dùng "
        "để tìm anh/chị trong danh sách nhân sự."
    )
    ZALO_LOGIN_NEEDS = (
        "Cần đặt ZALO_OA_APP_ID, ZALO_OA_SECRET_KEY và ZALO_OA_REDIRECT_URI trong tệp .env trước."
    )
    ZALO_LOGIN_OPEN = (
        "1. Mở địa chỉ sau bằng tài khoản quản trị OA và bấm «Cho phép»:\n{url}\n"
        "2. Dán vào đây địa chỉ trang được chuyển tới (có «code=...»), rồi bấm Enter:"
    )
    ZALO_LOGIN_DONE = "Đã lưu mã truy cập Zalo OA vào cơ sở dữ liệu. Chạy lại bot để dùng kênh OA."
    ZALO_LOGIN_FAILED = "Zalo không cấp mã truy cập (mã hết hạn sau 10 phút?). Vui lòng làm lại."

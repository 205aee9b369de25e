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
    CANNOT_READ = "Bot chưa đọc được loại tin này. Anh/chị vui lòng gõ chữ hoặc chọn một mục."
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
        "91/2025/QH15; bot không lưu thông tin đảng viên. Tin nhắn qua Telegram được truyền ra ngoài lãnh thổ Việt Nam.\n"
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
    PHONE_CONFIRM = (
        "Để bảo đảm an toàn, vui lòng nhập mã mời do đơn vị cung cấp. Nếu anh/chị đã liên kết "
        "bot ở kênh khác (Telegram, Zalo), bot vừa gửi mã xác nhận 6 chữ số tới đó: nhập mã "
        "ấy tại đây (có hiệu lực 10 phút)."
    )
    PHONE_CONFIRM_HINT = "Vui lòng nhập mã mời hoặc mã xác nhận 6 chữ số."
    LINK_OTP = (
        "🔐 Có người đang liên kết một tài khoản {channel} với hồ sơ của anh/chị bằng số điện "
        "thoại. Nếu đó là anh/chị, nhập mã xác nhận {code} ở đó (hiệu lực 10 phút). Nếu không "
        "phải anh/chị, đừng đưa mã này cho ai và hãy báo quản trị viên."
    )
    LINK_NOTICE = (
        "🔔 Một tài khoản {channel} vừa được liên kết với hồ sơ của anh/chị lúc {time}. Nếu "
        "không phải anh/chị, hãy báo ngay quản trị viên; gõ /dulieu để xem các tài khoản đã "
        "liên kết."
    )
    CHANNEL_NAMES: ClassVar[dict[str, str]] = {
        "telegram": "Telegram",
        "zalo_bot": "Zalo",
        "zalo_oa": "Zalo OA",
        "console": "dòng lệnh",
        "memory": "thử nghiệm",
    }
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
        "duyet": "/duyet – duyệt hoặc trả lại đăng ký mô hình",
        "thamdinh": "/thamdinh – kiểm tra minh chứng, chấm điểm mô hình được phân công",
        "phancong": "/phancong – phân công thành viên thẩm định (người đơn vị khác)",
        "binhxet": "/binhxet – bình xét, bỏ phiếu kín của Hội đồng",
        "ketqua": "/ketqua – xem kết quả công khai",
        "gopy": "/gopy – góp ý, kiến nghị về kết quả trong thời gian lấy ý kiến",
        "bangxephang": "/bangxephang – bảng xếp hạng theo đơn vị và mô hình",
        "dienhinh": "/dienhinh – các điển hình được công nhận để học tập, nhân rộng",
        "xuatketqua": "/xuatketqua – xuất kết quả ra tệp Excel",
        "giaidoan": "/giaidoan – chuyển giai đoạn phong trào dùng thử",
        "web": "/web – mở trang quản lý trên trình duyệt (liên kết đăng nhập dùng một lần)",
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
        "• Số điện thoại: {phone}\n• Vai trò: {roles}\n• Đoàn viên công đoàn: {union}\n"
        "• Tài khoản chat đã liên kết: {accounts}\n"
        "• Đồng ý xử lý dữ liệu từ: {consent}\n"
        "• Đăng ký: {registrations} · minh chứng đã gửi: {evidence}\n"
        "• Tin nhắn bot đã gửi cho anh/chị: {messages} · mục nhật ký liên quan: {audit}\n"
        "Cần sửa thông tin nhân sự, vui lòng liên hệ bộ phận tổ chức của đơn vị."
    )
    YES = "có"
    NO = "không"
    BTN_MYDATA_FILE = "📄 Tải toàn bộ dữ liệu (tệp)"
    MYDATA_FILE_CAPTION = (
        "Toàn bộ dữ liệu bot đang giữ về anh/chị (tệp JSON): hồ sơ, tài khoản chat, lần đồng "
        "ý, đăng ký, danh sách minh chứng, tin nhắn đã gửi và nhật ký liên quan."
    )
    NONE = "không có"
    BTN_WITHDRAW = "Rút lại đồng ý và hủy liên kết"
    CONFIRM_WITHDRAW = (
        "Rút lại đồng ý sẽ hủy liên kết MỌI tài khoản chat của anh/chị (Telegram, Zalo...); "
        "bot sẽ không nhắn gì cho anh/chị nữa và hủy các tin chưa gửi. Đăng ký và minh chứng đã gửi vẫn được đơn vị lưu theo quy định thi "
        "đua. Anh/chị chắc chắn?"
    )
    BTN_CONFIRM_WITHDRAW = "Đúng, rút lại đồng ý"
    WITHDRAWN = (
        "Đã rút lại đồng ý và hủy liên kết mọi tài khoản chat của anh/chị. Gõ /start nếu "
        "muốn dùng lại."
    )
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
        "bad_phone": (
            "số điện thoại «{phone}» không phải số di động Việt Nam "
            "(10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)"
        ),
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
        "unreadable_file": (
            "tệp «{name}» không đọc được: không phải tệp Excel (.xlsx) hay CSV (UTF-8) hợp lệ, "
            "hoặc tệp bị hỏng"
        ),
        "unit_out_of_scope": "đơn vị «{code}» nằm ngoài phạm vi quản trị của anh/chị",
        "person_out_of_scope": (
            "nhân viên {code} hiện thuộc đơn vị ngoài phạm vi quản trị của anh/chị"
        ),
    }
    CLI_NO_PERSON = "Không có nhân viên mã {code}."
    CLI_INVITE = "Mã mời của {name} ({code}): {invite} (hết hạn {expires})"
    CLI_INVITES_WRITTEN = "Đã ghi {count} mã mời vào {path}."
    CLI_INVITES_NOT_WRITTEN = (
        "Không ghi được tệp {path} ({error}). Chưa tạo mã mới nào; các mã mời cũ vẫn dùng được."
    )
    CLI_DEMO_LOADED = "Đã nạp dữ liệu mẫu: {units} đơn vị, {people} nhân sự, phong trào {campaign}."
    CLI_DEMO_EXISTS = "Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu."
    CLI_AUDIT_OK = "Nhật ký kiểm toán toàn vẹn: {rows} dòng."
    CLI_BACKUP_DONE = "Đã sao lưu vào {path}: {rows} dòng dữ liệu, {files} tệp minh chứng ({new} tệp mới); đã xoá {removed} bản cũ."
    CLI_BACKUP_FAILED = "Sao lưu không thành công: {reason}"
    CLI_RESTORE_DONE = (
        "Đã khôi phục {rows} dòng dữ liệu và {files} tệp minh chứng (lược đồ {head})."
    )
    CLI_RESTORE_FAILED = "Khôi phục không thành công: {reason}"
    CLI_AUDIT_BROKEN = "Nhật ký kiểm toán bị sửa đổi từ dòng #{id} ({reason}); đã kiểm {rows} dòng hợp lệ trước đó."
    CLI_CHAT_INTRO = (
        "Đang trò chuyện với tư cách {name} ({code}) trên dữ liệu mẫu. Đổi người: "
        "python -m bot chat --as MÃ_NV (ví dụ HNI0005); kết nối Telegram: đặt "
        "TELEGRAM_BOT_TOKEN trong tệp .env rồi chạy lại. Gõ /huy để dừng, Ctrl-D để thoát."
    )
    CLI_DB_UPGRADED = "Cơ sở dữ liệu đã ở phiên bản mới nhất."

    # -- review, vote, publication ---------------------------------------------------------
    CLI_NO_CAMPAIGN = "Không có phong trào mã {code}."
    CLI_EXPORTED = "Đã xuất kết quả {campaign} ra {path}."
    BTN_RESULTS = "🏆 Kết quả"
    BTN_APPROVE_LIST = "✅ Duyệt đăng ký"
    BTN_ASSIGN = "👥 Phân công thẩm định"
    BTN_REVIEW = "🔎 Thẩm định"
    BTN_VOTE = "🗳 Bình xét"
    BTN_COMMENT = "💬 Góp ý"
    BTN_BACK_TO_LIST = "↩️ Danh sách"
    REASON_NEEDED = "Vui lòng gõ nội dung (lý do, trả lời) bằng chữ."
    NONE_YET = "chưa có"
    NOT_REVIEWER = "Anh/chị chưa được giao vai trò thành viên tổ thẩm định."
    NOT_COUNCIL = "Anh/chị không phải thành viên Hội đồng bình xét."
    # approval
    NO_APPROVALS = "Không có đăng ký nào đang chờ anh/chị duyệt."
    NO_MORE_APPROVALS = "Đã xử lý hết các đăng ký chờ duyệt."
    APPROVAL_PICK = "Có {count} đăng ký chờ anh/chị duyệt. Chọn một đăng ký:"
    APPROVAL_ENTRY = (
        "📋 {model}\nĐối tượng: {subject}\nNgười đăng ký: {registrant} · gửi ngày {date}\n"
        "Tiêu chí đã chọn:\n{criteria}"
    )
    MINUTES_COUNT = "Biên bản họp tập thể: {count} tệp/ảnh (gửi kèm ở trên)."
    MINUTES_NONE = (
        "⚠️ Chưa có biên bản họp thể hiện tập thể đã thống nhất đăng ký; chưa thể duyệt, "
        "anh/chị có thể trả lại để bổ sung."
    )
    MINUTES_CAPTION = "Biên bản họp tập thể"
    BTN_APPROVE = "✅ Duyệt"
    BTN_RETURN = "↩️ Trả lại"
    RETURN_ASK_REASON = "Vui lòng gõ lý do trả lại (người đăng ký sẽ nhận được ngay):"
    APPROVED_OK = "✅ Đã duyệt đăng ký của {subject}."
    RETURNED_OK = "↩️ Đã trả lại đăng ký của {subject}, kèm lý do."
    NOTICE_APPROVED = (
        "✅ Đăng ký mô hình {model} của {subject} đã được duyệt. Tiếp theo: gửi minh chứng "
        "cho từng tiêu chí."
    )
    NOTICE_RETURNED = (
        "↩️ Đăng ký mô hình {model} của {subject} bị trả lại.\nLý do: {reason}\n"
        "Anh/chị sửa và gửi lại bằng /dangky."
    )
    NOTICE_TO_APPROVE = "📋 Đăng ký mô hình {model} của {subject} đang chờ anh/chị duyệt."
    BTN_FIX_ENTRY = "✏️ Sửa và gửi lại"
    REG_NEEDS_MINUTES = (
        "Đăng ký cho tập thể cần có biên bản họp thể hiện tập thể đã thống nhất: gửi bằng "
        "/minhchung, chọn «Biên bản họp tập thể»."
    )
    # resubmission
    RESUBMIT_PICK = "Đăng ký bị trả lại:\n{lines}\nAnh/chị muốn làm gì?"
    RETURNED_LINE = "• {model} · {subject}\n  Lý do: {reason}"
    BTN_FIX = "✏️ Sửa: {entry}"
    BTN_NEW_ENTRY = "📝 Đăng ký mô hình mới"
    RESUBMIT_CRITERIA = "Sửa các tiêu chí (bấm để chọn/bỏ chọn), rồi bấm «Tiếp tục»:\n{lines}"
    RESUBMIT_CONFIRM = "Gửi lại đăng ký {model} · {subject} với các tiêu chí: {codes}?"
    BTN_RESUBMIT = "📨 Gửi lại"
    RESUBMITTED = "✅ Đã gửi lại đăng ký mô hình {model} của {subject}. Trạng thái: Chờ duyệt."
    # evidence for collectives
    BTN_MINUTES = "📄 Biên bản họp tập thể"
    MINUTES_CODE = "biên bản họp"
    ASK_MINUTES = (
        "Gửi biên bản họp (tệp hoặc ảnh từng trang) thể hiện tập thể đã bàn và thống nhất "
        "đăng ký mô hình. Gửi xong bấm «Xong»."
    )
    # review menu and evidence check
    NOTHING_TO_REVIEW = "Hiện không có minh chứng cần kiểm tra hay mô hình cần chấm điểm."
    REVIEW_MENU = "Việc thẩm định của anh/chị:"
    BTN_CHECK_EVIDENCE = "🔎 Kiểm tra minh chứng ({count})"
    BTN_SCORE_ENTRIES = "📝 Chấm điểm ({count})"
    EVIDENCE_CHECK = (
        "🔎 Minh chứng chờ kiểm tra (còn {left})\nTiêu chí {code}: {title}\n"
        "Mô hình: {model} · {subject}\nNgười gửi: {sender} · {date}\nMinh chứng cần có: {hint}"
    )
    EVIDENCE_DECIDE = "Minh chứng này có đạt yêu cầu của tiêu chí không?"
    EVIDENCE_FILE_LINE = "[{kind}] {name} ({size}) · chú thích: {caption}"
    EVIDENCE_NOTE_LINE = "[ghi chú] {note}"
    BTN_ACCEPT = "✅ Chấp nhận"
    BTN_REJECT = "❌ Từ chối"
    BTN_SKIP = "⏭ Để sau"
    BTN_STOP = "Dừng"
    EVIDENCE_ACCEPTED = "✅ Đã chấp nhận minh chứng."
    EVIDENCE_REJECT_REASON = "Vui lòng gõ lý do từ chối (người gửi sẽ nhận được ngay):"
    EVIDENCE_REJECTED = "❌ Đã từ chối minh chứng; người gửi đã được báo."
    EVIDENCE_QUEUE_EMPTY = "Đã kiểm tra hết minh chứng đang chờ."
    NOTICE_EVIDENCE_REJECTED = (
        "❌ Minh chứng cho tiêu chí {code} (mô hình {model} · {subject}) không được chấp nhận.\n"
        "Lý do: {reason}\nAnh/chị có thể gửi minh chứng tốt hơn bằng /minhchung."
    )
    # scoring
    NO_ASSIGNMENTS = "Anh/chị chưa được phân công chấm mô hình nào."
    SCORING_PICK = "Chọn mô hình cần chấm:"
    SHEET_DRAFT = "chưa nộp"
    SHEET_SUBMITTED = "đã nộp"
    SHEET_REOPENED = "cần xem lại"
    METHODS: ClassVar[dict[str, str]] = {
        "judgement": "đánh giá theo mức độ",
        "ratio": "theo tỷ lệ",
        "count": "theo số lượng",
    }
    REVIEW_SCORE_ASK = (
        "Chấm {index}/{count} · {model} · {subject}\n{code}: {title}\n"
        "Tối đa {max} điểm · cách chấm: {method}\nHướng dẫn: {guide}\n"
        "Minh chứng cần có: {hint}\n"
        "Minh chứng đã chấp nhận: {accepted} · đang chờ kiểm tra: {pending}\n"
        "Điểm anh/chị đang cho: {current}\nNhập điểm từ 0 đến {max} (bước {step}):"
    )
    NO_ACCEPTED_EVIDENCE_HINT = (
        "⚠️ Tiêu chí chưa có minh chứng được chấp nhận nên chỉ được 0 điểm (kiểm tra minh "
        "chứng đang chờ bằng /thamdinh)."
    )
    BTN_SHOW_EVIDENCE = "📎 Xem minh chứng"
    NO_EVIDENCE_FOR_CRITERION = "Tiêu chí này chưa có minh chứng."
    EVIDENCE_STATUS_LINE = "Minh chứng ({status})"
    EVIDENCE_STATUS: ClassVar[dict[str, str]] = {
        "pending": "chờ kiểm tra",
        "accepted": "đã chấp nhận",
        "rejected": "bị từ chối",
    }
    REVIEW_SCORE_SAVED = "Đã ghi {score} điểm."
    GATE_ASK = "Tiêu chí chung (bắt buộc đạt) {code}:\n{title}\nMô hình có đạt tiêu chí này không?"
    BTN_GATE_PASS = "✅ Đạt"
    BTN_GATE_FAIL = "❌ Không đạt"
    GATE_FAIL_REASON = (
        "Không đạt tiêu chí chung thì mô hình bị loại. Vui lòng gõ lý do (căn cứ) không đạt:"
    )
    GATE_LINE = "• {code}: {verdict}"
    GATE_PASSED = "đạt"
    GATE_FAILED = "không đạt"
    REVIEW_SUMMARY = (
        "Phiếu chấm · {model} · {subject}\n{lines}\nTổng (tự tính): {total} điểm.\n{state}"
    )
    SHEET_DRAFT_NOTE = (
        "Phiếu chưa nộp. Sau khi nộp, điểm không sửa được nữa (chỉ đính chính kèm lý do)."
    )
    SHEET_SUBMITTED_NOTE = "Phiếu đã nộp. Đính chính sẽ tạo phiên bản mới kèm lý do."
    SHEET_REOPENED_NOTE = (
        "Mô hình được thẩm định lại sau kiến nghị được chấp nhận: đính chính điểm nếu cần "
        "(kèm lý do), rồi xác nhận nộp lại."
    )
    BTN_SUBMIT_SCORES = "📨 Nộp phiếu chấm"
    BTN_CONFIRM_SCORES = "📨 Xác nhận nộp lại"
    BTN_CORRECT = "✏️ Đính chính một tiêu chí"
    CORRECTION_REASON = "Vui lòng gõ lý do đính chính (lưu cùng phiên bản điểm mới):"
    SCORE_CORRECTED = "✏️ Đã ghi phiên bản điểm mới kèm lý do; điểm cũ vẫn được lưu."
    SCORES_SUBMITTED = "📨 Đã nộp phiếu chấm. Điểm đã nộp không thay đổi được nữa."
    PEER_VIEW = "Điểm tự chấm của đơn vị: {self_total} · tổng điểm các thành viên khác: {others}."
    GAP_CALLS_EXTRA = (
        "Chênh lệch giữa các thành viên là {gap} điểm, vượt mức cho phép: cấp ủy sẽ phân "
        "công thêm một thành viên thẩm định."
    )
    REVIEW_COMPLETE = "Đã đủ phiếu chấm: điểm thẩm định cuối cùng là {final} (điểm trung bình)."
    NOTICE_ASSIGNED = "👥 Anh/chị được phân công thẩm định mô hình {model} · {subject}."
    NOTICE_EXTRA_REVIEWER = (
        "⚠️ Điểm của các thành viên thẩm định mô hình {model} · {subject} chênh lệch quá mức "
        "cho phép: cần phân công thêm một thành viên."
    )
    # assignment
    NO_ASSIGNMENTS_NEEDED = "Không có mô hình nào trong phạm vi của anh/chị đang chờ phân công."
    ASSIGN_PICK_ENTRY = "Mô hình chờ phân công thành viên thẩm định:"
    NEED_LABEL = "{entry} ({assigned}/{needed})"
    NEED_EXTRA_LABEL = "{entry} (cần thêm 1 · {assigned} đã chấm)"
    ASSIGN_PICK_REVIEWER = (
        "Phân công thẩm định {model} · {subject} ({assigned}/{needed}).\n"
        "Chọn thành viên (chỉ gồm người đơn vị khác), hoặc gõ mã nhân viên:"
    )
    NO_CANDIDATES = "Không còn thành viên tổ thẩm định nào phù hợp trong phạm vi này."
    NO_SUCH_PERSON = "Không tìm thấy nhân viên có mã này."
    ASSIGNED_OK = "✅ Đã phân công {name} thẩm định {subject}."
    # council
    COUNCIL_MENU = "Bình xét (bỏ phiếu kín) của Hội đồng:"
    BTN_OPEN_ROUNDS = "🗳 Mở bỏ phiếu ({count} mô hình)"
    BTN_CLOSE_ROUNDS = "🔒 Kết thúc bỏ phiếu ({count})"
    NOTHING_TO_OPEN = "Chưa có mô hình nào chờ Hội đồng bình xét."
    NOTHING_TO_CLOSE = "Không có phiên bỏ phiếu nào đang mở."
    ROUNDS_OPENED = "🗳 Đã mở bỏ phiếu kín cho {count} mô hình; các thành viên Hội đồng đã được báo."
    ROUNDS_CLOSED = "🔒 Đã kết thúc bỏ phiếu. Kết quả kiểm phiếu:\n{lines}"
    TALLY_LINE = (
        "• {entry}: {participants}/{members} thành viên bỏ phiếu · đồng ý {yes} · "
        "không đồng ý {no} → {result}"
    )
    COUNCIL_RESULTS: ClassVar[dict[str, str]] = {
        "passed": "thông qua",
        "not_passed": "không thông qua",
        "no_quorum": "không đủ túc số, cần bỏ phiếu lại",
    }
    NOTICE_VOTE_OPEN = (
        "🗳 Hội đồng bình xét mở bỏ phiếu kín cho {count} mô hình. Anh/chị bỏ phiếu bằng /binhxet."
    )
    NO_OPEN_ROUNDS = "Hiện không có phiên bỏ phiếu nào anh/chị tham gia."
    VOTE_ELSEWHERE = (
        "🔒 Không bỏ phiếu được trên kênh này: quản trị viên của kênh đọc được hội thoại, nên "
        "lá phiếu và mã phiếu sẽ không còn bí mật. Vui lòng bỏ phiếu trên Telegram (hoặc Zalo "
        "bot, cửa sổ console): gõ /binhxet ở đó. Nếu chưa liên kết kênh đó, xin mã mời từ quản "
        "trị viên."
    )
    ROUNDS_PICK = "Chọn mô hình để bỏ phiếu (✓ là đã bỏ phiếu):"
    BALLOT_ASK = (
        "🗳 Phiếu kín · {model} · {subject}\nĐiểm thẩm định: {score} · xếp loại {band}\n"
        "Hội đồng có {members} thành viên được bỏ phiếu. Anh/chị có đồng ý công nhận không?\n"
        "Không ai, kể cả quản trị, biết anh/chị chọn gì."
    )
    BTN_YES = "Đồng ý"
    BTN_NO = "Không đồng ý"
    VOTE_RECORDED = (
        "✅ Đã ghi nhận phiếu kín của anh/chị.\nMã phiếu: {receipt}\n"
        "Chỉ anh/chị có mã này, bot không lưu. Muốn đổi phiếu trước khi kết thúc bỏ phiếu, "
        "gõ /binhxet, chọn mô hình và nhập mã."
    )
    CHANGE_ASK = (
        "Anh/chị đã bỏ phiếu cho mô hình này. Để đổi phiếu (Đồng ý ↔ Không đồng ý), nhập mã "
        "phiếu nhận được khi bỏ phiếu:"
    )
    WRONG_RECEIPT = "Mã phiếu không đúng. Vui lòng kiểm tra lại (8 ký tự, ví dụ K7QM-4XPD)."
    VOTE_CHANGED = "✅ Đã đổi phiếu của anh/chị."
    # publication and decision
    NO_RESULTS_YET = "Chưa có kết quả nào được công khai."
    RESULTS_HEADER = "🏆 Kết quả công khai · {campaign}"
    RESULT_LINE = (
        "• {model} · {subject} ({unit}): {score} điểm · {band} · Hội đồng: {council} · {status}"
    )
    MORE_RESULTS = "… và {count} kết quả khác."
    COMMENT_UNTIL = "Góp ý, kiến nghị bằng /gopy đến hết ngày {date}."
    DECISION_LINE = "Quyết định công nhận số {number} ngày {date}."
    BTN_PUBLISH = "📢 Công khai kết quả"
    BTN_FINALIZE = "🏁 Ghi quyết định công nhận"
    BTN_REVOKE = "⛔ Hủy công nhận"
    BTN_EXPORT = "📊 Xuất Excel"
    NOTHING_TO_PUBLISH = (
        "Chưa có kết quả mới để công khai ({waiting} mô hình còn chờ Hội đồng bình xét)."
    )
    PUBLISHED_OK = (
        "📢 Đã công khai {count} kết quả; lấy ý kiến đến hết ngày {date}. "
        "Còn {waiting} mô hình chờ bình xét."
    )
    NOTICE_PUBLISHED = (
        "📢 Công khai kết quả {campaign}. Góp ý, kiến nghị bằng /gopy đến hết ngày {date}:"
    )
    ASK_DECISION_NUMBER = "Nhập số quyết định công nhận (ví dụ 125/QĐ-ĐU):"
    DECISION_NUMBER_NEEDED = "Vui lòng nhập số quyết định."
    ASK_DECISION_DATE = "Nhập ngày ký quyết định (dd/mm/yyyy):"
    BAD_DATE = "Ngày không hợp lệ. Vui lòng nhập theo dạng dd/mm/yyyy, ví dụ 08/01/2025."
    FINALIZED_OK = "🏁 Đã ghi quyết định cho {count} kết quả; {recognized} mô hình được công nhận."
    NOTICE_RECOGNIZED = (
        "🏅 Mô hình {model} của {subject} được công nhận điển hình theo Quyết định số {number} "
        "ngày {date}."
    )
    NOTICE_NOT_RECOGNIZED = (
        "Mô hình {model} của {subject} không được công nhận điển hình (Quyết định số {number} "
        "ngày {date})."
    )
    NOTICE_DISQUALIFIED_FINAL = (
        "Mô hình {model} của {subject} bị loại do không đạt tiêu chí chung (Quyết định số "
        "{number} ngày {date})."
    )
    NOTHING_TO_REVOKE = "Không có mô hình nào đang được công nhận trong phạm vi của anh/chị."
    REVOKE_PICK = "Chọn mô hình cần hủy công nhận:"
    REVOKE_REASON = "Vui lòng gõ lý do hủy công nhận (căn cứ gian lận đã được xác minh):"
    REVOKED_OK = "⛔ Đã hủy công nhận mô hình của {subject}."
    NOTICE_REVOKED = "⛔ Công nhận mô hình {model} của {subject} đã bị hủy.\nLý do: {reason}"
    # comments
    NOTHING_TO_COMMENT = "Hiện không có kết quả nào đang trong thời gian lấy ý kiến."
    COMMENTS_MENU = "Góp ý về kết quả công khai:"
    BTN_ANSWER_COMMENTS = "📨 Trả lời góp ý ({count})"
    BTN_WRITE_COMMENT = "💬 Gửi góp ý"
    COMMENT_PICK_ENTRY = "Chọn kết quả muốn góp ý:"
    COMMENT_PICK_KIND = "Anh/chị muốn gửi góp ý hay kiến nghị xem xét lại kết quả?"
    BTN_KIND_COMMENT = "💬 Góp ý"
    BTN_KIND_OBJECTION = "⚖️ Kiến nghị xem xét lại"
    KIND_NAMES: ClassVar[dict[str, str]] = {"comment": "góp ý", "objection": "kiến nghị"}
    COMMENT_ASK_TEXT = (
        "Gõ nội dung góp ý. Tên anh/chị chỉ được lưu để trả lời, không công khai kèm góp ý."
    )
    COMMENT_EMPTY = "Góp ý trống. Vui lòng gõ nội dung."
    COMMENT_SAVED = "✅ Đã ghi nhận góp ý. Cấp ủy sẽ trả lời anh/chị qua bot."
    NOTICE_NEW_COMMENT = "💬 Có góp ý mới về kết quả {model} · {subject}. Trả lời bằng /gopy."
    COMMENT_PICK_TO_ANSWER = "Góp ý chờ trả lời:"
    COMMENT_TO_ANSWER = (
        "Ý kiến #{id} ({kind}) về {model} · {subject}:\n«{text}»\nGõ nội dung trả lời:"
    )
    OBJECTION_VERDICT = (
        "Kiến nghị này có được chấp nhận không? Chấp nhận thì mô hình được thẩm định lại."
    )
    BTN_UPHOLD = "✅ Chấp nhận, thẩm định lại"
    BTN_DISMISS = "❌ Không chấp nhận"
    ANSWER_SAVED = "✅ Đã lưu trả lời; người góp ý đã được báo."
    ANSWER_SAVED_REOPENED = (
        "✅ Đã lưu trả lời; mô hình được thẩm định lại và các thành viên thẩm định đã được báo."
    )
    NOTICE_ANSWERED = "📨 Trả lời góp ý về {model} · {subject}:\n{answer}"
    NOTICE_UPHELD = "Kiến nghị được chấp nhận: mô hình được thẩm định lại."
    NOTICE_REOPENED = (
        "🔁 Mô hình {model} · {subject} được thẩm định lại sau kiến nghị được chấp nhận: xem "
        "lại phiếu chấm bằng /thamdinh."
    )
    # leaderboard and exemplars
    NO_FINAL_RESULTS = "Chưa có kết quả chính thức để xếp hạng."
    LEADERBOARD_HEADER = "🏆 Bảng xếp hạng · {campaign}"
    BY_UNIT = "Theo đơn vị:"
    BY_MODEL = "Theo mô hình:"
    STANDING_LINE = "{rank}. {name}: {recognized}/{entries} được công nhận · điểm TB {mean}"
    NO_EXEMPLARS = "Chưa có điển hình nào được công nhận."
    EXEMPLARS_PICK = "Các mô hình điển hình được công nhận, để học tập và nhân rộng:"
    EXEMPLAR_HEADER = (
        "🏅 {model}\n{subject} ({unit})\nĐiểm thẩm định {score} · {band}\n"
        "Quyết định số {number} ngày {date}\nCác tiêu chí nổi bật:"
    )
    EXEMPLAR_CRITERION = "• {code} ({score}/{max}): {title}"
    BEST_EVIDENCE = "Minh chứng tiêu biểu"
    # export and phases
    EXPORT_NO_FILES = (
        "Kênh này không gửi được tệp. Quản trị viên có thể xuất bằng lệnh: "
        "python -m bot export results --campaign {code} --out ket-qua.xlsx"
    )
    EXPORT_CAPTION = "📊 Kết quả {campaign} (Excel)"
    EXPORT_READY = "Đã gửi tệp Excel kết quả."
    PHASE_DEMO_ONLY = (
        "Chỉ phong trào dùng thử mới chuyển giai đoạn bằng tay; phong trào thật theo lịch."
    )
    PHASE_SHOW = "Các giai đoạn của {campaign}:\n{lines}"
    PHASE_NAMES: ClassVar[dict[str, str]] = {
        "launched": "Phát động",
        "registration_open": "Đăng ký",
        "implementation": "Thực hiện, gửi minh chứng",
        "scoring": "Thẩm định, chấm điểm",
        "deliberation": "Bình xét",
        "publication": "Công khai, lấy ý kiến",
        "closed": "Kết thúc, ra quyết định",
    }
    PHASE_HINTS: ClassVar[dict[str, str]] = {
        "registration_open": "Tiếp theo: đăng ký (/dangky) và duyệt (/duyet).",
        "implementation": "Tiếp theo: gửi minh chứng (/minhchung), kiểm tra (/thamdinh).",
        "scoring": "Tiếp theo: tự chấm (/chamdiem), phân công (/phancong), chấm điểm (/thamdinh).",
        "deliberation": "Tiếp theo: Hội đồng bỏ phiếu kín (/binhxet).",
        "publication": "Tiếp theo: công khai kết quả (/ketqua), góp ý (/gopy).",
        "closed": (
            "Bản dùng thử: chuyển sang giai đoạn này sẽ kết thúc ngay thời gian lấy ý kiến để "
            "ghi quyết định (/ketqua)."
        ),
    }
    PHASE_LAST = "Đây là giai đoạn cuối."
    BTN_NEXT_PHASE = "➡️ Chuyển sang: {phase}"
    PHASE_MOVED = "Đã chuyển phong trào dùng thử sang giai đoạn «{phase}»."
    WINDOW_NAMES: ClassVar[dict[str, str]] = {
        "approval": "duyệt đăng ký",
        "evidence_review": "kiểm tra minh chứng",
        "scoring": "thẩm định, chấm điểm",
        "council": "bình xét",
        "publication": "công khai kết quả và ra quyết định",
    }
    WINDOW_NOT_YET = "Chưa đến thời gian {name} (từ {opens} đến {closes})."
    WINDOW_CLOSED = "Đã hết thời gian {name} (đến {closes})."
    REVIEW_ERRORS: ClassVar[dict[str, str]] = {
        "showcase_not_allowed": "Chỉ chọn được ảnh hoặc ghi chú đã được chấp nhận của mô hình đã được công nhận.",
        "bad_import_file": "Tệp không đúng loại cho mục nhập này (nhân sự, đơn vị: .xlsx hoặc .csv; phong trào: .yaml).",
        "bad_import_kind": "Không có mục nhập dữ liệu này: chỉ nhập được nhân sự, đơn vị hoặc phong trào.",
        "bad_audience": "Nhóm người nhận không hợp lệ. Anh/chị hãy chọn một nhóm trong danh sách.",
        "bad_broadcast": "Thông báo cần có nội dung và một nhóm người nhận trong danh sách.",
        "bad_choice": "Lựa chọn không hợp lệ. Anh/chị hãy chọn Đồng ý hoặc Không đồng ý.",
        "bad_schedule": (
            "Lịch gửi không hợp lệ. Anh/chị kiểm tra lại giờ (dạng 07:30), các ngày trong tuần "
            "hoặc ngày gửi."
        ),
        "empty_message": "Nội dung nhắc việc đang trống hoặc nút kèm theo không hợp lệ.",
        "link_unusable": (
            "Đường dẫn đăng nhập này đã được dùng hoặc đã hết hạn. Anh/chị hãy xin đường dẫn mới."
        ),
        "no_campaign": "Chưa có đợt thi đua nào đang diễn ra cho việc này.",
        "not_approver": "Anh/chị không phải người duyệt đăng ký này.",
        "minutes_required": (
            "Tập thể cần có biên bản họp thể hiện tập thể đã thống nhất (tệp hoặc ảnh) trước "
            "khi được duyệt. Anh/chị có thể trả lại để bổ sung."
        ),
        "minutes_collective_only": "Biên bản họp chỉ dành cho đăng ký của tập thể.",
        "reason_required": "Vui lòng gõ lý do.",
        "not_reviewer": "Người này không thuộc tổ thẩm định của phạm vi mô hình.",
        "admin_excluded": "Quản trị viên không được chấm điểm hay bỏ phiếu.",
        "conflict_same_unit": (
            "Không thể phân công: {name} cùng đơn vị với mô hình (xung đột lợi ích). Vui lòng "
            "chọn người ở đơn vị khác."
        ),
        "conflict_own_entry": "Không thể phân công: {name} là người đăng ký hoặc chính đối tượng của mô hình.",
        "already_assigned": "{name} đã được phân công mô hình này.",
        "no_reviewer_needed": "Mô hình này đã đủ thành viên thẩm định.",
        "not_in_scope": "Mô hình này không thuộc phạm vi của anh/chị.",
        "not_assigned": "Anh/chị không được phân công chấm mô hình này.",
        "already_submitted": "Phiếu đã nộp; chỉ có thể đính chính kèm lý do.",
        "not_submitted": "Phiếu chưa nộp.",
        "no_accepted_evidence": "Tiêu chí {criterion} chưa có minh chứng được chấp nhận nên chỉ được 0 điểm.",
        "gate_value": "Vui lòng chọn «Đạt» hoặc «Không đạt».",
        "sheet_incomplete": "Còn tiêu chí chưa chấm: {codes}.",
        "submit_first": "Chỉ xem được điểm của người khác sau khi nộp phiếu.",
        "evidence_already_checked": "Minh chứng này đã được kiểm tra.",
        "not_council_member": "Anh/chị không được bỏ phiếu cho mô hình này (không thuộc Hội đồng hoặc cùng đơn vị).",
        "vote_closed": "Phiên bỏ phiếu đã kết thúc.",
        "already_voted": "Anh/chị đã bỏ phiếu cho mô hình này.",
        "not_voted": "Anh/chị chưa bỏ phiếu cho mô hình này.",
        "wrong_receipt": "Mã phiếu không đúng.",
        "no_council": "Chưa có Hội đồng bình xét cho đơn vị của mô hình này.",
        "not_committee": "Việc này dành cho cấp ủy.",
        "comment_window_open": "Thời gian lấy ý kiến đến hết ngày {closes}; chưa thể ra quyết định.",
        "comments_unanswered": "Còn {count} góp ý chưa được trả lời; cần trả lời trước khi ra quyết định.",
        "nothing_to_finalize": "Không có kết quả công khai nào chờ ra quyết định.",
        "decision_number_required": "Vui lòng nhập số quyết định.",
        "comment_closed": "Kết quả này không (còn) trong thời gian lấy ý kiến.",
        "empty_comment": "Góp ý trống. Vui lòng gõ nội dung.",
        "already_answered": "Góp ý này đã được trả lời.",
        "upheld_required": "Vui lòng chọn chấp nhận hay không chấp nhận kiến nghị.",
        "not_demo": "Chỉ phong trào dùng thử mới chuyển giai đoạn bằng tay.",
        "last_phase": "Phong trào đã ở giai đoạn cuối.",
        "ballot_count_mismatch": (
            "Không thể kiểm phiếu: mô hình số {entry}, phiên {round} có {ballots} phiếu nhưng "
            "{participants} thành viên đã bỏ phiếu. Chưa phiên nào được kết thúc, chưa kết quả "
            "nào được ghi; vui lòng báo quản trị viên kiểm tra."
        ),
        "not_ready_for_council": "Mô hình này chưa sẵn sàng để đưa ra Hội đồng bình xét.",
        "round_already_open": "Mô hình này đang có một phiên bỏ phiếu chưa kết thúc.",
    }
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
    # -- committee console -----------------------------------------------------------------
    BTN_CONSOLE = "🖥 Trang quản lý"
    WEB_LINK = (
        "🔗 Liên kết đăng nhập trang quản lý (dùng một lần, hết hạn sau {minutes} phút):\n{url}\n"
        "Không chuyển liên kết này cho người khác."
    )
    WEB_NOT_CONFIGURED = "Trang quản lý chưa được bật trên máy chủ này (chưa đặt WEB_BASE_URL)."

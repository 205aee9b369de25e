"""The command line as a newcomer uses it: the README's run command with piped input,
the importers, invites, and the audit check, each in a real subprocess."""

from __future__ import annotations

from tests.support.cli_support import ROOT, run_bot
from tests.support.samples import JPEG, PDF

bot = run_bot  # the name test_telegram_webhook_processes imports


def test_run_without_token_drives_the_whole_journey(cli_env, tmp_path):
    photo, pdf = tmp_path / "hop.jpg", tmp_path / "baocao.pdf"
    photo.write_bytes(JPEG)
    pdf.write_bytes(PDF)
    script = (
        "\n".join(
            [
                "1",  # agree to the notice
                "1",  # register
                "1",  # M1
                "1",  # acknowledge the general criteria
                "1",  # M1.01
                "3",  # M1.03
                "11",  # continue
                "1",  # submit
                "/minhchung",
                "1",  # M1.01
                f"/file {photo} Ảnh buổi họp giao chỉ tiêu",
                f"/file {pdf}",
                "Kế hoạch đã được chi bộ thông qua",
                "1",  # done
                "/chamdiem",
                "8",
                "abc",
                "15,5",
                "2",  # done
                "/tiendo",
            ]
        )
        + "\n"
    )
    result = run_bot(cli_env, stdin=script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Đã nạp dữ liệu mẫu: 30 đơn vị, 63 nhân sự" in out
    assert "Đang trò chuyện với tư cách Bùi Thị Thảo (HNI0008)" in out
    assert "python -m bot chat --as" in out and "TELEGRAM_BOT_TOKEN" in out
    assert "[1] Tôi đồng ý" in out
    assert "✅ Đã gửi đăng ký mô hình M1 cho Cá nhân Bùi Thị Thảo" in out
    assert "✅ Đã lưu ảnh «hop.jpg»" in out and "✅ Đã lưu tệp «baocao.pdf»" in out
    assert "Đã nhận 3 minh chứng cho M1.01 trong lần này." in out
    assert "Vui lòng nhập một số" in out
    assert "• M1.01 (10 đ): 3 minh chứng · tự chấm 8" in out
    assert "Tổng tự chấm: 23,5/100 điểm" in out
    assert "Traceback" not in result.stderr


def test_run_again_keeps_the_data_and_does_not_reload_the_demo(cli_env):
    assert run_bot(cli_env, stdin="1\n1\n1\n1\n1\n11\n1\n").returncode == 0
    result = run_bot(cli_env, stdin="/tiendo\n")
    assert result.returncode == 0
    assert "Đã nạp dữ liệu mẫu" not in result.stdout
    assert "📌 M1" in result.stdout


def test_invite_then_chat_as_an_unknown_account(cli_env):
    assert run_bot(cli_env, "demo").returncode == 0
    result = run_bot(cli_env, "invite", "HNI0009")
    assert result.returncode == 0
    code = result.stdout.split(": ", 1)[1].split()[0]
    assert len(code) == 9 and code[4] == "-"
    chat = run_bot(cli_env, "chat", "--chat-id", "42", stdin=f"1\nSAI-MA00\n{code}\n/tiendo\n")
    assert chat.returncode == 0
    assert "Mã mời không đúng. Anh/chị còn 4 lần thử." in chat.stdout
    assert "✅ Đã liên kết tài khoản. Xin chào Đỗ Văn Hưng (Bưu cục Dịch Vọng)!" in chat.stdout
    unknown = run_bot(cli_env, "invite", "NOBODY")
    assert unknown.returncode == 1 and "Không có nhân viên mã NOBODY" in unknown.stderr


def test_invite_all_writes_codes_for_everyone_not_linked(cli_env, tmp_path):
    run_bot(cli_env, "demo")
    run_bot(cli_env, "chat", "--as", "HNI0001", stdin="1\n")
    out = tmp_path / "invites.csv"
    result = run_bot(cli_env, "invite", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "employee_code,full_name,unit_code,unit_name,invite_code,expires"
    assert len(lines) == 1 + 62 and not any(line.startswith("HNI0001,") for line in lines)


def test_importers_report_bad_rows_in_vietnamese_or_english(cli_env, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(
        "unit_code,name,kind,parent_code\nA,Đơn vị A,province_post,ZZ\n", encoding="utf-8"
    )
    result = run_bot(cli_env, "import-units", str(units))
    assert result.returncode == 1
    assert "chưa ghi gì vào cơ sở dữ liệu" in result.stderr
    assert "Dòng 2: đơn vị A: không tìm thấy đơn vị cấp trên «ZZ»" in result.stderr
    english = run_bot({**cli_env, "BOT_LANGUAGE": "en"}, "import-units", str(units))
    assert "Line 2: unit A: parent unit «ZZ» not found" in english.stderr
    good = ROOT / "bot" / "demo_data"
    assert run_bot(cli_env, "import-units", str(good / "units-sample.csv")).returncode == 0
    result = run_bot(cli_env, "import-roster", str(good / "roster-sample.csv"))
    assert result.returncode == 0 and "63 mới" in result.stdout
    result = run_bot(cli_env, "load-campaign", str(good / "campaign-dvk-2024.yaml"))
    assert result.returncode == 0
    assert run_bot(cli_env, "import-roster", str(tmp_path / "none.csv")).returncode == 2


def test_audit_verify_and_db_upgrade(cli_env):
    run_bot(cli_env, "demo")
    result = run_bot(cli_env, "audit", "verify")
    assert result.returncode == 0 and "Nhật ký kiểm toán toàn vẹn" in result.stdout
    assert run_bot(cli_env, "db", "upgrade").returncode == 0


def test_placeholder_token_is_refused_with_a_clear_message(cli_env):
    result = run_bot({**cli_env, "TELEGRAM_BOT_TOKEN": "changeme"}, "demo")
    assert result.returncode == 2 and "placeholder" in result.stderr

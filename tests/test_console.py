"""The console channel: numbered buttons, typed numbers, /file, end of input."""

from __future__ import annotations

import io

from bot.channels.console import ConsoleChannel
from handlers.io import Button, FileKind, OutgoingFile, Reply, rows
from storage.models import ChatAccount
from storage.services import accounts
from tests.support.helpers import console_for
from tests.support.samples import JPEG


async def test_buttons_print_numbered_and_a_number_presses_one(demo, router, sessionmaker, clock):
    out = await console_for(router, sessionmaker, clock, "HNI0008", "1\n4\n")
    assert "[1] Tôi đồng ý\n[2] Không đồng ý" in out
    assert "[4] 📊 Tiến độ" in out
    assert "Anh/chị chưa có đăng ký nào" in out


async def test_a_number_out_of_range_lists_the_choices(demo, router, sessionmaker, clock):
    out = await console_for(router, sessionmaker, clock, "HNI0008", "1\n１\n ９ \n")
    assert "Vui lòng trả lời 1, 2, 3 hoặc 4." in out  # the model menu has four entries


async def test_file_command_sends_a_photo(demo, router, sessionmaker, clock, tmp_path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(JPEG)
    script = "1\n1\n1\n1\n1\n11\n1\n/minhchung\n1\n" + f"/file {photo} chú thích\n"
    out = await console_for(router, sessionmaker, clock, "HNI0008", script)
    assert "✅ Đã lưu ảnh «anh.jpg»" in out


async def test_missing_file_gets_a_message(demo, router, sessionmaker, clock, tmp_path):
    script = "1\n1\n1\n1\n1\n11\n1\n/minhchung\n1\n" + f"/file {tmp_path}/none.pdf\n"
    out = await console_for(router, sessionmaker, clock, "HNI0008", script)
    assert "Không tải được tệp" in out


async def test_console_render_of_rows_and_long_text(router) -> None:
    out = io.StringIO()
    channel = ConsoleChannel(router, user_id="x", stdin=io.StringIO(""), stdout=out)
    buttons = rows([Button("A", "a"), Button("B", "b"), Button("C", "c")], per_row=2)
    await channel.send("x", [Reply("line\n" * 3000, buttons=buttons)])
    text = out.getvalue()
    assert text.endswith("[1] A\n[2] B\n[3] C\n\n")


async def test_unknown_console_account_must_link(demo, router, sessionmaker):
    out = io.StringIO()
    channel = ConsoleChannel(router, user_id="chat:7", stdin=io.StringIO("1\n"), stdout=out)
    await channel.run()
    assert "mã mời" in out.getvalue()
    async with sessionmaker() as session:
        account = await accounts.find_account(session, "console", "chat:7")
    assert isinstance(account, ChatAccount) and account.person_id is None


async def test_a_file_size_is_written_in_the_language_of_the_person(demo, router, sessionmaker):
    async with sessionmaker() as session, session.begin():
        account = await accounts.get_or_create_account(
            session, channel="console", external_user_id="chat:8", chat_id="chat:8"
        )
        account.language = "en"
    out = io.StringIO()
    channel = ConsoleChannel(router, user_id="chat:8", stdin=io.StringIO(""), stdout=out)
    file = OutgoingFile("bang.xlsx", b"x" * (3 * 1024 * 1024 // 2), FileKind.DOCUMENT, "x")
    await channel.send("chat:8", [Reply("Bảng điểm", file=file)])
    assert "[tệp] bang.xlsx (1.5 MB)" in out.getvalue()  # Vietnamese writes "1,5 MB"

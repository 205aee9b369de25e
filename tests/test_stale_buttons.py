"""A button of an older message never acts on the step open now: every menu carries a
nonce, and a press from an earlier menu gets the "menu expired" reply with nothing
changed, even where its payload ("ok", "yes", "up") is the same as today's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from handlers.io import Reply
from handlers.kit.stamps import bare
from handlers.texts import Vi
from tests.fakes.memory import CALLBACK_DATA_LIMIT, MemoryChat
from tests.support.db_snapshot import assert_unchanged, snapshot
from tests.support.helpers import linked
from tests.support.review_setup import approve, assign, entry, evidence_all, notes, reviewed

Scenario = Callable[..., Awaitable[tuple[MemoryChat, str]]]


async def approval(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """«Duyệt» shown for Thảo's entry; the approver goes back and opens Hưng's."""
    await entry(sessionmaker, clock, "HNI0008", "M1")
    await entry(sessionmaker, clock, "HNI0009", "M2")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0005")
    await chat.send("/duyet")
    await chat.press("M1 ·")
    old = chat.button(Vi.BTN_APPROVE).payload
    await chat.press(Vi.BTN_BACK_TO_LIST)
    await chat.press("M2 ·")
    assert chat.button(Vi.BTN_APPROVE)
    return chat, old


async def evidence_accept(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """«Đạt» shown for one piece of evidence; the checker skips to the next."""
    e = await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01", "M1.02"])
    await approve(sessionmaker, clock, e, "HNI0005")
    await notes(sessionmaker, clock, e, "HNI0008")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0003")
    await chat.send("/thamdinh")
    old = chat.button(Vi.BTN_ACCEPT).payload
    await chat.press(Vi.BTN_SKIP)
    assert chat.button(Vi.BTN_ACCEPT)
    return chat, old


async def other_flow(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """An «ok» of the registration's notice, pressed while evidence waits for «Đạt»."""
    e = await entry(sessionmaker, clock, "HNI0008", "M1", ["M1.01"])
    await approve(sessionmaker, clock, e, "HNI0005")
    await notes(sessionmaker, clock, e, "HNI0008")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0003")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    await chat.press("Cá nhân tôi")
    old = chat.button(Vi.BTN_ACK).payload
    assert bare(old) == "ok"  # the same payload as «Đạt» below
    await chat.send("/thamdinh")
    assert chat.button(Vi.BTN_ACCEPT)
    return chat, old


async def ballot(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """«Đồng ý» shown in the round of one entry; the member opens another round."""
    await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    await reviewed(sessionmaker, clock, "HNI0012", "M3", (0.95, 0.95), approver="HNI0010")
    minh = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await minh.send("/binhxet")
    await minh.press("Mở bỏ phiếu (2")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0001")
    await chat.send("/binhxet")
    await chat.press("M1 ·")
    old = chat.button("Đồng ý").payload
    await chat.send("/binhxet")
    await chat.press("M3 ·")
    assert chat.button("Đồng ý")
    return chat, old


async def council_open(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    await reviewed(sessionmaker, clock, "HNI0008", "M1", (0.95, 0.97))
    chat = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await chat.send("/binhxet")
    old = chat.button("Mở bỏ phiếu (1").payload
    await chat.send("/huy")
    return chat, old


async def two_evidenced_entries(sessionmaker, clock) -> list[int]:
    """M1 of HNI0008 and M2 of HNI0009, approved, all their evidence accepted."""
    entries = []
    for code, model in (("HNI0008", "M1"), ("HNI0009", "M2")):
        e = await entry(sessionmaker, clock, code, model)
        await approve(sessionmaker, clock, e, "HNI0005")
        await evidence_all(sessionmaker, clock, e, code, "HNI0003")
        entries.append(e)
    return entries


async def assign_reviewer(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """A reviewer's button for one entry; the committee opens another entry."""
    await two_evidenced_entries(sessionmaker, clock)
    chat = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await chat.send("/phancong")
    await chat.press("M1 ·")
    old = chat.button("Lê Thị Hạnh").payload
    await chat.press(Vi.BTN_BACK_TO_LIST)
    await chat.press("M2 ·")
    assert chat.button("Lê Thị Hạnh")
    return chat, old


async def scoring_evidence(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """«Xem minh chứng» while scoring one entry; the reviewer turns to another entry."""
    for e in await two_evidenced_entries(sessionmaker, clock):
        await assign(sessionmaker, clock, e, "HNI0002", "HNI0003", "HNI0015")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0015")
    await chat.send("/thamdinh")
    await chat.press("M1 ·")
    old = chat.button(Vi.BTN_SHOW_EVIDENCE).payload
    await chat.send("/thamdinh")
    await chat.press("M2 ·")
    assert chat.button(Vi.BTN_SHOW_EVIDENCE)
    return chat, old


async def publish(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    await reviewed(sessionmaker, clock, "HNI0009", "M2", (0.75, 0.77))
    chat = await linked(chat_for, sessionmaker, clock, "HNI0002")
    await chat.send("/ketqua")
    old = chat.button(Vi.BTN_PUBLISH).payload
    await chat.send("/huy")
    return chat, old


async def uphold(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """«Chấp nhận» for one objection; the committee goes on to answer another one."""
    from tests.test_refusals import _object, _publish

    b = await reviewed(sessionmaker, clock, "HNI0009", "M2", (0.75, 0.77))
    await _publish(sessionmaker, clock)
    first = await _object(sessionmaker, clock, b, "HNI0009", "Chưa tính biên bản")
    second = await _object(sessionmaker, clock, b, "HNI0008", "Thiếu minh chứng")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0002")
    for comment_id in (first, second):
        await chat.send("/gopy")
        await chat.press("Trả lời góp ý")
        await chat.press(f"#{comment_id} ")
        await chat.send("Hội đồng xem xét lại")
        if comment_id == first:
            old = chat.button(Vi.BTN_UPHOLD).payload
    return chat, old


async def two_reminders_button(
    chat_for, sessionmaker, clock, label: str, *, first: str | None = None
) -> tuple[MemoryChat, str]:
    """Two weekly reminders; each opened in turn (pressing `first`, if any, before `label`
    is shown): the payload of `label` for reminder #1, now stale."""
    from tests.test_reminders import create_weekly

    chat = await linked(chat_for, sessionmaker, clock, "HNI0003")
    for _ in range(2):
        await create_weekly(chat)
        await chat.press("Lưu nhắc việc")
    olds = []
    for number in (1, 2):
        await chat.through_menu("/nhacviec", "Nhắc việc của tôi", f"#{number}")
        if first is not None:
            await chat.press(first)
        olds.append(chat.button(label).payload)
    return chat, olds[0]


async def reminder_delete(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    """«Đúng, xóa» for reminder #1; then the delete question of reminder #2."""
    return await two_reminders_button(chat_for, sessionmaker, clock, "Đúng, xóa", first="Xóa")


async def reminder_pause(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    return await two_reminders_button(chat_for, sessionmaker, clock, "Tạm dừng")


async def broadcast_send(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    chat = await linked(chat_for, sessionmaker, clock, "HNI0004")
    await chat.send("/thongbao")
    await chat.send("Mời toàn thể anh chị dự hội nghị phát động.")
    await chat.press("Mọi người")
    await chat.press("Bình thường")
    old = chat.button("Gửi thông báo").payload
    await chat.send("/huy")
    return chat, old


async def registration_submit(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    await chat.press(Vi.BTN_ACK)
    await chat.press("M1.01")
    await chat.press(Vi.BTN_NEXT)
    old = chat.button(Vi.BTN_SUBMIT).payload
    await chat.send("/huy")
    return chat, old


async def privacy_withdraw(chat_for, sessionmaker, clock) -> tuple[MemoryChat, str]:
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dulieu")
    await chat.press(Vi.BTN_WITHDRAW)
    old = chat.button(Vi.BTN_CONFIRM_WITHDRAW).payload
    await chat.send("/huy")
    return chat, old


SCENARIOS: dict[str, Scenario] = {
    "approval": approval,
    "evidence_accept": evidence_accept,
    "other_flow": other_flow,
    "ballot": ballot,
    "council_open": council_open,
    "assign_reviewer": assign_reviewer,
    "scoring_evidence": scoring_evidence,
    "publish": publish,
    "uphold": uphold,
    "reminder_delete": reminder_delete,
    "reminder_pause": reminder_pause,
    "broadcast_send": broadcast_send,
    "registration_submit": registration_submit,
    "privacy_withdraw": privacy_withdraw,
}


@pytest.mark.parametrize("name", SCENARIOS)
async def test_a_button_of_an_older_menu_changes_nothing(name, demo, chat_for, sessionmaker, clock):
    chat, old = await SCENARIOS[name](chat_for, sessionmaker, clock)
    current = chat.last
    before = await snapshot(sessionmaker)
    replies = await chat.choose(old)
    assert replies[0].text == Vi.MENU_EXPIRED and replies[0].notice == Vi.MENU_EXPIRED_SHORT
    assert_unchanged(before, await snapshot(sessionmaker))
    if len(replies) > 1:  # the step open now, asked again (or the main menu when idle)
        assert replies[-1].text == current.text
    assert [b.label for b in replies[-1].flat_buttons] == [b.label for b in current.flat_buttons]


def _payloads(replies: list[Reply]) -> list[str]:
    return [b.payload for r in replies for b in r.flat_buttons]


async def test_each_menu_has_its_own_nonce_and_commands_stay_plain(
    demo, chat_for, sessionmaker, clock
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    first = _payloads(await chat.send("/dangky"))
    second = _payloads(await chat.send("/dangky"))
    assert [bare(p) for p in first] == [bare(p) for p in second]
    acting = [p for p in first if not p.startswith("/")]
    assert acting and not set(acting) & set(second)
    assert all(len(p.encode()) <= CALLBACK_DATA_LIMIT for p in first + second)
    assert [p for p in first if p.startswith("/")] == ["/huy"] * first.count("/huy")


async def test_a_command_button_of_an_old_menu_still_starts_its_command(
    demo, chat_for, sessionmaker, clock
):
    """Main-menu buttons carry a command, not an object: pressing one from an old message
    is the same as typing it, as before."""
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    old = chat.button(Vi.BTN_PROGRESS).payload
    assert old == "/tiendo"
    await chat.send("/dangky")
    replies = await chat.choose(old)
    assert replies[0].text != Vi.MENU_EXPIRED


async def test_a_typed_number_on_the_console_presses_the_current_menu(
    demo, chat_for, sessionmaker, clock
):
    """Without buttons a number answers the menu shown last, so it always carries the
    current nonce."""
    from handlers.io import Capabilities

    chat = await linked(chat_for, sessionmaker, clock, "HNI0008", caps=Capabilities())
    await chat.send("/dangky")
    replies = await chat.send("1")
    assert Vi.MENU_EXPIRED not in [r.text for r in replies]
    assert replies[-1].flat_buttons[0].label == Vi.BTN_ACK


async def test_a_button_pressed_twice_at_once_acts_once(demo, chat_for, sessionmaker, clock):
    """Two presses of one «Duyệt» in flight together (a double tap, or a redelivery with
    a new id): the first approves, the second finds the menu gone. On PostgreSQL the two
    updates really run at once; the loser's state save fails and it is run again."""
    import asyncio

    from storage.models import AuditLog, EntryStatus
    from tests.support.review_setup import status

    first = await entry(sessionmaker, clock, "HNI0008", "M1")
    second = await entry(sessionmaker, clock, "HNI0009", "M2")
    chat = await linked(chat_for, sessionmaker, clock, "HNI0005")
    await chat.send("/duyet")
    await chat.press("M1 ·")
    ok = chat.button(Vi.BTN_APPROVE).payload
    results = await asyncio.gather(chat.choose(ok), chat.choose(ok))
    texts = sorted(replies[0].text for replies in results)
    assert Vi.MENU_EXPIRED in texts and texts.count(Vi.MENU_EXPIRED) == 1
    assert await status(sessionmaker, first) == EntryStatus.APPROVED
    assert await status(sessionmaker, second) == EntryStatus.SUBMITTED
    after = await snapshot(sessionmaker)
    approvals = [r for r in after[AuditLog.__tablename__] if "registration.approve" in r]
    assert len(approvals) == 1

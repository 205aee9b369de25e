"""`/dangky`: the registration journey and every refusal on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.demo import CAMPAIGN
from handlers.router import Router
from handlers.texts import Vi
from storage.errors import PermissionDenied
from storage.importers.campaign import load_campaign
from storage.models import Campaign, CampaignModel, EntryStatus, Registration
from storage.services import registrations
from tests.fakes.memory import MemoryChat
from tests.support.helpers import linked, person


async def register(
    chat: MemoryChat,
    model: str,
    *,
    scope: str | None = None,
    criteria: tuple[str, ...] = ("M1.01", "M1.03"),
) -> str:
    await chat.send("/dangky")
    await chat.press(f"{model} ·")
    if scope:
        await chat.press(scope)
    await chat.press(Vi.BTN_ACK)
    for code in criteria:
        await chat.press(code)
    await chat.press(Vi.BTN_NEXT)
    replies = await chat.press(Vi.BTN_SUBMIT)
    return replies[-1].text


async def test_individual_registration_end_to_end(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/dangky")
    assert "M1 – Dân vận khéo trong SXKD" in replies[-1].text
    assert len(replies[-1].flat_buttons) == 4
    replies = await chat.press("M1 ·")
    assert "G1:" in replies[-1].text and "G6:" in replies[-1].text  # staff: no scope question
    replies = await chat.press(Vi.BTN_ACK)
    assert "Đã chọn 0 tiêu chí · tổng điểm tối đa 0/100." in replies[-1].text
    replies = await chat.press("M1.01")
    assert "☑ M1.01 (10 điểm)" in replies[-1].text
    assert "tổng điểm tối đa 10/100" in replies[-1].text
    replies = await chat.press("M1.03")
    assert "Đã chọn 2 tiêu chí · tổng điểm tối đa 30/100." in replies[-1].text
    replies = await chat.press("M1.01")  # unselect
    assert "Đã chọn 1 tiêu chí · tổng điểm tối đa 20/100." in replies[-1].text
    await chat.press("M1.01")
    replies = await chat.press(Vi.BTN_NEXT)
    assert "• Tiêu chí: M1.01, M1.03" in replies[-1].text
    assert "Cá nhân Bùi Thị Thảo" in replies[-1].text
    replies = await chat.press(Vi.BTN_SUBMIT)
    assert replies[-1].text.startswith("✅ Đã gửi đăng ký mô hình M1 cho Cá nhân Bùi Thị Thảo")
    async with sessionmaker() as session:
        reg = (await session.exec(select(Registration))).one()
    assert reg.status == EntryStatus.SUBMITTED and reg.subject_type == "individual"
    assert reg.general_ack_at == clock()


async def test_individual_entries_read_the_individual_wording(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    replies = await chat.press(Vi.BTN_ACK)
    assert "Cá nhân có kế hoạch hành động cụ thể" in replies[-1].text


async def test_same_model_twice_is_told_what_it_has(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    await chat.send("/dangky")
    replies = await chat.press("M1 ·")
    assert replies[-1].text.startswith(
        "Cá nhân Bùi Thị Thảo đã đăng ký mô hình M1 (trạng thái: Chờ duyệt)."
    )


async def test_the_cap_of_two_entries_is_enforced(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    text = await register(chat, "M2", criteria=("M2.01",))
    assert text.startswith("✅")
    await chat.send("/dangky")
    replies = await chat.press("M3 ·")
    assert "đã đăng ký 2 mô hình (M1, M2), đã đủ số tối đa 2 mô hình" in replies[-1].text


async def test_manager_registers_the_unit(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0007")
    await chat.send("/dangky")
    replies = await chat.press("M1 ·")
    labels = [b.label for b in replies[-1].flat_buttons]
    assert labels == [Vi.BTN_INDIVIDUAL, "👥 Tập thể: Bưu cục Nghĩa Tân"]
    text = await register(chat, "M1", scope="Tập thể")
    assert "Tập thể Bưu cục Nghĩa Tân" in text
    async with sessionmaker() as session:
        reg = (await session.exec(select(Registration))).one()
    assert reg.subject_type == "collective" and reg.person_id is None


async def test_staff_cannot_register_a_unit_whatever_the_menu(demo, sessionmaker, clock):
    staff = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session:
        with pytest.raises(PermissionDenied):
            await registrations.collective_subject(session, staff, staff.unit_id)


async def test_staff_pressing_a_forged_unit_button_is_refused(demo, chat_for, sessionmaker, clock):
    manager = await linked(chat_for, sessionmaker, clock, "HNI0007")
    await manager.send("/dangky")
    await manager.press("M1 ·")
    forged = manager.button("Tập thể").payload
    staff = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await staff.send("/dangky")
    await staff.press("M1 ·")
    replies = await staff.choose(forged)  # not on the staff member's menu: refused
    assert replies[0].text == Vi.MENU_EXPIRED


async def test_registration_closed_says_the_date(demo, chat_for, sessionmaker, clock):
    async with sessionmaker() as session, session.begin():
        await load_campaign(session, CAMPAIGN)  # real 2024 dates
        demo_campaign = (
            await session.exec(select(Campaign).where(Campaign.code == "DVK-2024-DEMO"))
        ).one()
        demo_campaign.status = "closed"
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/dangky")
    assert Vi.REG_CLOSED.format(date="30/04/2024") in replies[-1].text


async def test_two_open_campaigns_are_offered(demo, chat_for, sessionmaker, clock):
    async with sessionmaker() as session, session.begin():
        await load_campaign(session, CAMPAIGN)
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/dangky")
    assert replies[-1].text == Vi.PICK_CAMPAIGN
    replies = await chat.press("năm 2024 (dùng thử)")
    assert replies[-1].text.startswith("Chọn mô hình")


async def test_campaign_requiring_all_criteria(demo, chat_for, sessionmaker, clock):
    async with sessionmaker() as session, session.begin():
        campaign = (await session.exec(select(Campaign))).one()
        campaign.require_all_criteria = True
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M2 ·")
    replies = await chat.press(Vi.BTN_ACK)
    assert "yêu cầu thực hiện tất cả" in replies[-1].text
    assert "tổng điểm tối đa 100/100" in replies[-1].text
    await chat.press(Vi.BTN_NEXT)
    replies = await chat.press(Vi.BTN_SUBMIT)
    assert replies[-1].text.startswith("✅")


async def test_next_without_criteria_asks_for_one(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    await chat.press(Vi.BTN_ACK)
    replies = await chat.press(Vi.BTN_NEXT)
    assert replies[0].text == Vi.NEED_ONE_CRITERION
    assert replies[-1].flat_buttons[-1].label == Vi.BTN_NEXT


async def test_huy_cancels_and_nothing_is_stored(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    replies = await chat.send("/huy")
    assert replies[-1].text == Vi.CANCELLED
    async with sessionmaker() as session:
        assert (await session.exec(select(Registration))).all() == []


async def test_menu_and_unknown_text_mid_flow(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    replies = await chat.send("tôi muốn hỏi")
    assert replies[0].text == Vi.UNKNOWN_INPUT
    assert "G1:" in replies[-1].text and replies[-1].flat_buttons[0].label == Vi.BTN_ACK
    replies = await chat.send("/menu")
    assert replies[-1].text == Vi.MAIN_MENU


async def test_stale_button_after_huy_is_expired(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    old = chat.button("M2 ·").payload
    await chat.send("/huy")
    replies = await chat.choose(old)
    assert replies[0].text == Vi.MENU_EXPIRED
    assert replies[-1].text == Vi.MENU_EXPIRED  # and the main menu again
    assert replies[-1].flat_buttons[0].label == Vi.BTN_REGISTER


async def test_restart_mid_flow_resumes_at_the_same_step(demo, chat_for, sessionmaker, clock, deps):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await chat.send("/dangky")
    await chat.press("M1 ·")
    await chat.press(Vi.BTN_ACK)
    await chat.press("M1.03")
    restarted = MemoryChat(Router(sessionmaker, deps, clock=clock), chat.user_id)
    restarted.replies = list(chat.replies)
    replies = await restarted.press("M1.05")
    assert "Đã chọn 2 tiêu chí · tổng điểm tối đa 30/100." in replies[-1].text
    await restarted.press(Vi.BTN_NEXT)
    replies = await restarted.press(Vi.BTN_SUBMIT)
    assert replies[-1].text.startswith("✅")


async def test_redelivered_update_is_ignored(demo, chat_for, sessionmaker, clock, router):
    from handlers.io import Inbound
    from tests.fakes.memory import BUTTONS

    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    msg = Inbound.from_text("memory", chat.user_id, chat.user_id, "/dangky", update_id="dup-1")
    assert await router.handle(msg, BUTTONS)
    assert await router.handle(msg, BUTTONS) == []


async def test_models_are_listed_in_campaign_order(demo, sessionmaker):
    async with sessionmaker() as session:
        codes = (
            await session.exec(select(CampaignModel.code).order_by(CampaignModel.position))
        ).all()
    assert codes == ["M1", "M2", "M3", "M4"]


def test_demo_campaign_file_is_shipped() -> None:
    assert Path(CAMPAIGN).is_file()

"""`/chamdiem` and `/tiendo`: self scores within range, totals, what is still missing."""

from __future__ import annotations

from sqlmodel import select

from bot.demo import CAMPAIGN
from handlers.texts import Vi
from storage.importers.campaign import load_campaign
from storage.models import Campaign, Registration, RegistrationCriterion
from tests.support.helpers import linked
from tests.support.samples import JPEG
from tests.test_registration import register


async def test_self_scoring_each_criterion_and_total(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    replies = await chat.send("/chamdiem")
    assert replies[-1].text.startswith("Tự chấm 1/2 · M1.01:")
    assert "Nhập điểm từ 0 đến 10 (bước 0,5)" in replies[-1].text
    replies = await chat.send("8,5")
    assert replies[0].text == "Đã lưu M1.01: 8,5 điểm."
    assert replies[-1].text.startswith("Tự chấm 2/2 · M1.03:")
    replies = await chat.send("17")
    assert "• M1.01: 8,5/10\n• M1.03: 17/20\nTổng: 25,5/100 điểm." in replies[-1].text
    replies = await chat.press(Vi.BTN_DONE)
    assert replies[-1].text == "✅ Đã lưu điểm tự chấm. Tổng: 25,5/100 điểm."
    async with sessionmaker() as session:
        scores = (await session.exec(select(RegistrationCriterion.self_score))).all()
        reg = (await session.exec(select(Registration))).one()
    assert sorted(scores) == [8.5, 17.0]
    assert reg.self_scored_at == clock()


async def test_out_of_range_non_numeric_and_off_step_scores_are_refused(
    demo, chat_for, sessionmaker, clock
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    await chat.send("/chamdiem")
    replies = await chat.send("11")
    assert replies[0].text == "Điểm phải từ 0 đến 10."
    assert replies[-1].text.startswith("Tự chấm 1/2 · M1.01:")
    replies = await chat.send("-1")
    assert replies[0].text == "Điểm phải từ 0 đến 10."
    replies = await chat.send("tám")
    assert replies[0].text == Vi.SCORE_NOT_NUMBER.format(max=10)
    replies = await chat.send("7.3")
    assert replies[0].text == Vi.SCORE_STEP.format(step="0,5")
    async with sessionmaker() as session:
        scores = (await session.exec(select(RegistrationCriterion.self_score))).all()
    assert scores == [None, None]


async def test_editing_one_score_from_the_summary(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    await chat.send("/chamdiem")
    await chat.send("8")
    await chat.send("16")
    await chat.press(Vi.BTN_EDIT_SCORE)
    replies = await chat.press("M1.03 · 16/20")
    assert "Điểm hiện tại: 16." in replies[-1].text
    replies = await chat.send("18")
    assert "Tổng: 26/100 điểm." in replies[-1].text


async def test_self_scoring_window_is_enforced(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    async with sessionmaker() as session, session.begin():
        campaign = (await session.exec(select(Campaign))).one()
        campaign.self_scoring_opens = clock().date().replace(year=2027)
        campaign.self_scoring_closes = campaign.self_scoring_opens.replace(day=28)
    replies = await chat.send("/chamdiem")
    assert replies[-1].text.startswith("Chưa đến thời gian tự chấm điểm (")


async def test_progress_shows_evidence_scores_and_what_is_missing(
    demo, chat_for, sessionmaker, clock
):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    await chat.through_menu("/minhchung", "M1.03")
    await chat.send_file(JPEG, "a.jpg")
    await chat.send_file(JPEG + b"x", "b.jpg")
    await chat.press(Vi.BTN_DONE)
    await chat.send("/chamdiem")
    await chat.send("9")
    await chat.send("/huy")
    replies = await chat.send("/tiendo")
    text = replies[0].text
    assert text.startswith("📌 M1 – Dân vận khéo trong SXKD · Cá nhân Bùi Thị Thảo")
    assert "Trạng thái: Chờ duyệt" in text
    assert "• M1.01 (10 đ): 0 minh chứng · tự chấm 9" in text
    assert "• M1.03 (20 đ): 2 minh chứng · tự chấm —" in text
    assert "Tổng tự chấm: 9/100 điểm (tối đa của các tiêu chí đã chọn: 30)." in text
    assert "Còn thiếu minh chứng: M1.01." in text
    assert "Chưa tự chấm: M1.03." in text


async def test_progress_without_entries_points_to_registration(demo, chat_for, sessionmaker, clock):
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/tiendo")
    assert replies[0].text == Vi.PROGRESS_NONE


async def test_real_campaign_dates_close_self_scoring(chat_for, sessionmaker, clock):
    from bot.demo import ROSTER, UNITS
    from storage.importers.roster import import_roster
    from storage.importers.units import import_units

    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
        await import_roster(session, ROSTER)
        await load_campaign(session, CAMPAIGN)
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    replies = await chat.send("/dangky")
    assert replies[-1].text.startswith("Đã hết hạn đăng ký (30/04/2024).")

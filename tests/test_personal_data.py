"""Personal data (Law 91/2025): withdrawing consent acts on the person, `/dulieu` shows
and hands over everything held, party membership is not stored, and a daily job deletes
what no purpose still needs."""

from __future__ import annotations

import json

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import inspect
from sqlmodel import select

from handlers.io import Capabilities
from handlers.texts import Vi
from storage.importers.roster import import_roster
from storage.importers.units import import_units
from storage.models import (
    ChatAccount,
    Consent,
    ConversationState,
    Invite,
    InviteFailure,
    Outbox,
    Person,
    ProcessedUpdate,
)
from storage.services import outbox, retention
from tests.support.helpers import invite_for, linked, person
from tests.support.scheduling import make_bot
from tests.test_importers import UNITS, write
from tests.test_registration import register


async def _two_accounts(chat_for, sessionmaker, clock, code="HNI0008"):
    """The person linked on two chats (say Telegram and Zalo)."""
    first = await linked(chat_for, sessionmaker, clock, code)
    second = chat_for(f"second-{code}")
    invite = await invite_for(sessionmaker, clock, code)
    await second.send("/start")
    await second.press("Tôi đồng ý")
    assert "Đã liên kết" in (await second.send(invite))[-1].text
    return first, second


async def test_withdrawing_on_one_chat_unlinks_every_account_of_the_person(
    demo, chat_for, sessionmaker, clock
):
    first, second = await _two_accounts(chat_for, sessionmaker, clock)
    await second.send("/dangky")  # the second chat is in the middle of a flow
    thao = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session, session.begin():
        await outbox.enqueue(
            session,
            person_ids=[thao.id],
            payload={"text": "⏰ Nhắc việc", "buttons": []},
            now=clock(),
            all_channels=True,
        )
    await first.send("/dulieu")
    await first.press(Vi.BTN_WITHDRAW)
    assert (await first.press(Vi.BTN_CONFIRM_WITHDRAW))[-1].text == Vi.WITHDRAWN
    async with sessionmaker() as session:
        accounts = (await session.exec(select(ChatAccount))).all()
        consents = (await session.exec(select(Consent))).all()
        states = (await session.exec(select(ConversationState))).all()
        pending = (await session.exec(select(Outbox).where(Outbox.status == "pending"))).all()
    assert len(accounts) == 2
    assert all(a.person_id is None and a.consent_at is None for a in accounts)
    assert len(consents) == 2 and all(c.withdrawn_at == clock() for c in consents)
    assert all(s.flow is None for s in states)  # the second chat's flow is gone
    assert pending == []  # nothing more goes out to them
    assert (await second.send("/tiendo"))[-1].text == Vi.PRIVACY_NOTICE


async def test_mydata_counts_everything_and_hands_it_over_as_a_file(
    demo, chat_for, sessionmaker, clock
):
    first, _second = await _two_accounts(chat_for, sessionmaker, clock)
    await register(first, "M1")
    await first.through_menu("/minhchung", "M1.03")
    await first.send("Doanh thu đạt 112% kế hoạch")
    await first.press(Vi.BTN_DONE)
    replies = await first.send("/dulieu")
    text = replies[-1].text
    assert "Đăng ký: 1 · minh chứng đã gửi: 1" in text
    assert "Tin nhắn bot đã gửi cho anh/chị: 1" in text  # the link notice to the first chat
    assert "Tài khoản chat đã liên kết: memory, memory" in text
    replies = await first.press(Vi.BTN_MYDATA_FILE)
    sent = replies[0]
    assert sent.text == Vi.MYDATA_FILE_CAPTION and sent.file is not None
    assert sent.file.name == "du-lieu-HNI0008.json" and sent.file.mime == "application/json"
    held = json.loads(sent.file.data)
    assert held["person"]["employee_code"] == "HNI0008"
    assert "is_party_member" not in held["person"] and "party" not in json.dumps(held["person"])
    assert len(held["chat_accounts"]) == 2 and len(held["consents"]) == 2
    assert [e["model"] for e in held["entries"]] == ["M1"]
    assert held["evidence"][0]["note"] == "Doanh thu đạt 112% kế hoạch"
    assert held["messages_sent"][0]["text"].startswith("🔔 Một tài khoản")
    actions = {row["action"] for row in held["audit"]}
    assert {"consent.accept", "account.link", "invite.issue"} <= actions
    assert replies[-1].flat_buttons  # the summary is asked again, with its buttons


async def test_mydata_without_files_offers_no_file(demo, chat_for, sessionmaker, clock):
    caps = Capabilities(buttons=True, files_out=False, contact_sharing=True)
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008", caps=caps)
    replies = await chat.send("/dulieu")
    assert Vi.BTN_MYDATA_FILE not in [b.label for b in replies[-1].flat_buttons]


async def test_party_membership_is_read_from_the_file_but_not_stored(sessionmaker, tmp_path):
    path = write(
        tmp_path,
        "r.csv",
        "employee_code,full_name,unit_code,role,phone,is_party_member,is_union_member\n"
        "E1,Nguyễn Văn A,HNI,staff,0900000101,true,true\n"
        "E2,Nguyễn Văn B,HNI,staff,0900000102,không rõ,false\n",
    )
    async with sessionmaker() as session, session.begin():
        await import_units(session, UNITS)
        result = await import_roster(session, path)
    assert result.created == 2
    async with sessionmaker() as session:
        columns = await session.run_sync(
            lambda s: [c["name"] for c in inspect(s.connection()).get_columns("person")]
        )
        people = (await session.exec(select(Person).order_by(Person.employee_code))).all()
    assert "is_party_member" not in columns
    assert [p.is_union_member for p in people] == [True, False]


async def test_retention_deletes_what_no_purpose_needs_and_keeps_the_rest(
    demo, chat_for, sessionmaker, clock, files_dir
):
    first, _ = await _two_accounts(chat_for, sessionmaker, clock, "HNI0008")
    leaver = await linked(chat_for, sessionmaker, clock, "HNI0009")
    await leaver.send("/dulieu")  # a conversation state ...
    await leaver.press(Vi.BTN_WITHDRAW)
    await leaver.press(Vi.BTN_CONFIRM_WITHDRAW)
    await leaver.send("/start")  # ... and after withdrawing, one waiting at the notice
    await invite_for(sessionmaker, clock, "HNI0010", ttl_days=1)  # expires unused
    thao = await person(sessionmaker, "HNI0008")
    now = clock()
    async with sessionmaker() as session, session.begin():
        session.add(ProcessedUpdate(channel="memory", update_id="old", processed_at=now))
        account = (await session.exec(select(ChatAccount))).first()
        session.add(InviteFailure(chat_account_id=account.id, at=now))
        await outbox.enqueue(
            session, person_ids=[thao.id], payload={"text": "cũ"}, now=now, occurrence="old"
        )
    async with sessionmaker() as session, session.begin():
        for row in (await session.exec(select(Outbox))).all():
            row.status = "sent" if row.occurrence == "old" else row.status
    clock.advance(days=100)
    async with sessionmaker() as session, session.begin():
        session.add(ProcessedUpdate(channel="memory", update_id="new", processed_at=clock()))
        await outbox.enqueue(
            session, person_ids=[thao.id], payload={"text": "mới"}, now=clock(), occurrence="new"
        )
        await outbox.enqueue(
            session, person_ids=[thao.id], payload={"text": "chờ"}, now=now, occurrence="waiting"
        )
    bot = make_bot(sessionmaker, clock, files_dir)
    removed = await bot.runner.retain()
    assert removed["processed_update"] >= 1 and removed["invite"] >= 1
    assert removed["invite_failure"] == 1 and removed["conversation_state"] == 1
    async with sessionmaker() as session:
        updates = (await session.exec(select(ProcessedUpdate.update_id))).all()
        messages = sorted((await session.exec(select(Outbox.occurrence))).all())
        invites = (await session.exec(select(Invite))).all()
        states = (await session.exec(select(ConversationState))).all()
        leaver_account = (
            await session.exec(
                select(ChatAccount).where(ChatAccount.external_user_id == leaver.user_id)
            )
        ).one()
        kept = (await session.exec(select(Consent))).all()
    assert "old" not in updates and "new" in updates
    # a finished message 100 days old goes; a new one and one still pending stay
    assert "old" not in messages and {"new", "waiting"} <= set(messages)
    assert invites == []  # every code here is used, revoked or expired for 30 days
    assert leaver_account.id not in {s.chat_account_id for s in states}
    assert first.user_id in {a.external_user_id for a in await _accounts_with_state(sessionmaker)}
    assert len(kept) == 3  # consents (and their withdrawal) are the proof: kept


async def test_the_leader_runs_retention_daily_at_the_configured_time(
    sessionmaker, clock, files_dir
):
    policy = retention.RetentionPolicy(outbox_days=5)
    bot = make_bot(sessionmaker, clock, files_dir, retention=policy, retention_time="02:15")
    await bot.runner.start(clock())
    try:
        job = bot.runner.scheduler.get_job("retention")
        assert job is not None and isinstance(job.trigger, CronTrigger)
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("2", "15")
        assert fields["day_of_week"] == "mon,tue,wed,thu,fri,sat,sun"
        local = job.next_run_time
        assert (local.hour, local.minute) == (2, 15)
        assert str(local.tzinfo) == "Asia/Ho_Chi_Minh"
    finally:
        bot.runner.shutdown()
    assert bot.runner.config.retention.outbox_days == 5


async def _accounts_with_state(sessionmaker):
    async with sessionmaker() as session:
        return (
            await session.exec(
                select(ChatAccount).join(
                    ConversationState, ConversationState.chat_account_id == ChatAccount.id
                )
            )
        ).all()

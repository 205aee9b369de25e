"""Nobody sees or changes another person's entry or evidence through the services,
whatever a menu would offer."""

from __future__ import annotations

import pytest
from sqlmodel import select

from storage.errors import PermissionDenied
from storage.files import FileStore
from storage.models import EvidenceKind, Registration
from storage.services import evidence, registrations, selfscore
from storage.services.evidence import FileLimits
from storage.services.registrations import Purpose
from tests.support.helpers import linked, person
from tests.support.samples import JPEG
from tests.test_registration import register


@pytest.fixture
async def thao_entry(demo, chat_for, sessionmaker, clock) -> Registration:
    chat = await linked(chat_for, sessionmaker, clock, "HNI0008")
    await register(chat, "M1")
    async with sessionmaker() as session:
        return (await session.exec(select(Registration))).one()


async def test_another_person_cannot_see_or_use_the_entry(
    thao_entry, sessionmaker, clock, tmp_path
):
    hung = await person(sessionmaker, "HNI0009")
    criterion_id = 1
    async with sessionmaker() as session:
        visible = await registrations.visible_registrations(session, hung)
        assert visible == []
        for purpose in Purpose:
            with pytest.raises(PermissionDenied):
                await registrations.get_registration(session, hung, thao_entry.id, purpose)
        with pytest.raises(PermissionDenied):
            await evidence.add_file(
                session,
                FileStore(tmp_path / "store"),
                FileLimits(10**7, frozenset({"image/jpeg"})),
                actor=hung,
                registration_id=thao_entry.id,
                criterion_id=criterion_id,
                kind=EvidenceKind.PHOTO,
                data=JPEG,
                mime="image/jpeg",
                name="a.jpg",
                channel="memory",
                channel_file_id=None,
                caption=None,
                now=clock(),
            )
        with pytest.raises(PermissionDenied):
            await evidence.add_note(
                session,
                actor=hung,
                registration_id=thao_entry.id,
                criterion_id=criterion_id,
                text="x",
                channel="memory",
                now=clock(),
            )
        with pytest.raises(PermissionDenied):
            await selfscore.set_self_score(
                session,
                actor=hung,
                registration_id=thao_entry.id,
                criterion_id=criterion_id,
                value=5,
                now=clock(),
            )
    assert not (tmp_path / "store").exists()


async def test_even_the_unit_manager_cannot_self_score_a_staff_entry(
    thao_entry, sessionmaker, clock
):
    manager = await person(sessionmaker, "HNI0007")
    async with sessionmaker() as session:
        with pytest.raises(PermissionDenied):
            await selfscore.set_self_score(
                session,
                actor=manager,
                registration_id=thao_entry.id,
                criterion_id=1,
                value=5,
                now=clock(),
            )


async def test_a_forged_registration_id_in_the_conversation_is_refused(
    thao_entry, chat_for, sessionmaker, clock
):
    other = await linked(chat_for, sessionmaker, clock, "HNI0009")
    await register(other, "M2", criteria=("M2.01",))
    replies = await other.send("/minhchung")
    assert replies[-1].text.startswith("Chọn tiêu chí")  # only their own entry, chosen at once
    replies = await other.choose(f"r:{thao_entry.id}")
    assert "hết hạn" in replies[0].text  # not on their menu: refused as an expired button


async def test_collective_entry_self_scored_only_by_unit_registrants(
    demo, chat_for, sessionmaker, clock
):
    manager = await linked(chat_for, sessionmaker, clock, "HNI0007")
    await register(manager, "M2", scope="Tập thể", criteria=("M2.02",))
    async with sessionmaker() as session:
        entry = (await session.exec(select(Registration))).one()
    staff = await person(sessionmaker, "HNI0008")
    async with sessionmaker() as session:
        assert entry.id in {r.id for r in await registrations.visible_registrations(session, staff)}
        with pytest.raises(PermissionDenied):
            await selfscore.set_self_score(
                session,
                actor=staff,
                registration_id=entry.id,
                criterion_id=entry.id,
                value=1,
                now=clock(),
            )

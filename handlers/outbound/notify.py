"""Messages for other people (a registrant, a sender, reviewers, the council): queued in
the outbox, each in the recipient's language. Their buttons carry commands ("/dangky"),
since a message sent to someone else is never their current menu."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.core import Convo
from handlers.io import Button, Reply, rows
from handlers.kit import errors
from handlers.outbound.payloads import to_payload
from handlers.texts import Texts, for_language
from storage.models import CampaignModel, Registration
from storage.services import approvals, outbox
from storage.services.progress import subject_name


async def notify(
    convo: Convo,
    person_ids: Iterable[int | None],
    build: Callable[[Texts], Reply],
    *,
    source: str = "review",
) -> int:
    """Queue `build(texts)` for each person but the actor; returns how many were queued."""
    return await notify_people(
        convo.session,
        person_ids,
        build,
        actor_id=convo.person.id if convo.person else None,
        now=convo.now,
        default_language=convo.deps.default_language,
        source=source,
    )


async def notify_people(
    session: AsyncSession,
    person_ids: Iterable[int | None],
    build: Callable[[Texts], Reply],
    *,
    actor_id: int | None,
    now: datetime,
    default_language: str,
    source: str = "review",
) -> int:
    """`notify` for callers without a conversation (the web console)."""
    wanted = {p for p in person_ids if p is not None and p != actor_id}
    if not wanted:
        return 0
    accounts = await outbox.accounts_for(session, wanted)
    by_language: dict[str, list[int]] = defaultdict(list)
    for person_id, account in accounts.items():
        by_language[account.language or default_language].append(person_id)
    occurrence = uuid.uuid4().hex
    queued = 0
    for language, people in sorted(by_language.items()):
        reply = build(for_language(language, default_language))
        queued += await outbox.enqueue(
            session,
            person_ids=people,
            payload=to_payload(reply),
            now=now,
            source=source,
            occurrence=f"{occurrence}:{language}",
        )
    return queued


def message(text: str, *commands: tuple[str, str]) -> Reply:
    """A notification with command buttons: (label, "/command") pairs."""
    return Reply(text, buttons=rows([Button(label, command) for label, command in commands], 2))


@dataclass(frozen=True)
class About:
    """What a notification says an entry is: its model code and its subject."""

    model: str
    subject_type: str
    name: str

    def subject(self, t: Texts) -> str:
        return errors.subject_label(t, self.subject_type, self.name)


async def about(convo: Convo, entry: Registration) -> About:
    return await about_entry(convo.session, entry)


async def about_entry(session: AsyncSession, entry: Registration) -> About:
    model = await session.get(CampaignModel, entry.model_id)
    name = await subject_name(session, entry)
    return About(model.code if model else "?", entry.subject_type, name)


async def tell_approvers(convo: Convo, entry: Registration) -> None:
    """An entry sent (or sent again) waits for approval: its approvers are told."""
    it = await about(convo, entry)
    await notify(
        convo,
        await approvals.approvers_of(convo.session, entry),
        lambda tt: message(
            tt.NOTICE_TO_APPROVE.format(model=it.model, subject=it.subject(tt)),
            (tt.BTN_APPROVE_LIST, "/duyet"),
        ),
    )

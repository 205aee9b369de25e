"""Messages to a person's other chat accounts when one more is linked: a notice after the
link, and the one-time code that confirms a phone number the channel could not verify.
They go through the outbox, each in the receiving account's language."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from handlers.core import Convo
from handlers.io import Reply
from handlers.kit.errors import clock
from handlers.outbound.payloads import to_payload
from handlers.texts import Texts, for_language
from storage.models import ChatAccount, Outbox
from storage.services.outbox import linked_accounts


def channel_name(t: Texts, channel: str) -> str:
    return t.CHANNEL_NAMES.get(channel, channel)


async def to_other_accounts(
    convo: Convo, person_id: int, build: Callable[[Texts], str], *, source: str
) -> int:
    """Queue `build(texts)` for every linked account of the person except this one."""
    others: list[ChatAccount] = [
        account
        for account in (await linked_accounts(convo.session, [person_id])).get(person_id, [])
        if account.id != convo.account.id
    ]
    occurrence = uuid.uuid4().hex
    for account in others:
        t = for_language(account.language, convo.deps.default_language)
        convo.session.add(
            Outbox(
                source=source,
                occurrence=occurrence,
                chat_account_id=account.id or 0,
                person_id=person_id,
                payload=to_payload(Reply(build(t))),
                urgent=True,
                not_before=convo.now,
                created_at=convo.now,
            )
        )
    return len(others)


async def tell_new_link(convo: Convo, person_id: int) -> int:
    """ "A <channel> account was just linked to you": a link the person did not make is
    noticed on the accounts they already use."""
    when = convo.now

    def build(t: Texts) -> str:
        return t.LINK_NOTICE.format(
            channel=channel_name(t, convo.channel),
            time=clock(when, convo.deps.timezone),
        )

    return await to_other_accounts(convo, person_id, build, source="link.notice")

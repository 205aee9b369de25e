"""`/web` (`/console`): a one-time link that signs the person in to the console, on any
channel (Zalo and the terminal have no Mini App)."""

from __future__ import annotations

from handlers.core import Convo, Turn
from storage.services import web_sessions

LINK_MINUTES = int(web_sessions.LINK_TTL.total_seconds() // 60)


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.strip().rstrip('/')}/console/login/{token}"


async def web_link(convo: Convo) -> Turn:
    """The link for the person linked to this chat account (valid 10 minutes, once)."""
    base = convo.deps.web_base_url
    if not base:
        return await convo.done(convo.t.WEB_NOT_CONFIGURED)
    token = await web_sessions.issue_link(convo.session, convo.account, now=convo.now)
    url = link_url(base, token)
    return await convo.done(convo.t.WEB_LINK.format(url=url, minutes=LINK_MINUTES))

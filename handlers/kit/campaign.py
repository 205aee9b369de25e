"""The campaign the council's and committee's flows work on: the latest one."""

from __future__ import annotations

from handlers.core import Convo
from storage.models import Campaign
from storage.services import publication


async def latest_campaign(convo: Convo) -> Campaign:
    """The latest campaign, for the steps after a start that ended the flow without one."""
    campaign = await publication.latest_campaign(convo.session)
    assert campaign is not None
    return campaign

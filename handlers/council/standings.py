"""`/bangxephang` and `/dienhinh`: the leaderboard of final results by unit and by model,
and the exemplary models with their summary and best evidence, for everyone to copy."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, Flow, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.campaign import latest_campaign
from handlers.review.showfiles import evidence_reply
from storage.services import publication, standings

TOP = 15


class Step(StrEnum):
    LIST = "list"


async def leaderboard_start(msg: Inbound, convo: Convo) -> Turn:
    """Both rankings in one message; empty until results are final."""
    t = convo.t
    campaign = await publication.latest_campaign(convo.session)
    if campaign is None:
        return await convo.done(t.NO_CAMPAIGN)
    by_unit, by_model = await standings.leaderboard(convo.session, campaign)
    if not by_unit:
        return await convo.done(t.NO_FINAL_RESULTS)

    def line(rank: int, s: standings.Standing) -> str:
        return t.STANDING_LINE.format(
            rank=rank, name=s.name, recognized=s.recognized, entries=s.entries,
            mean=fmt.points(s.mean_score, t),
        )  # fmt: skip

    lines = [t.LEADERBOARD_HEADER.format(campaign=campaign.name), t.BY_UNIT]
    lines += [line(i, s) for i, s in enumerate(by_unit[:TOP], 1)]
    lines += [t.BY_MODEL] + [line(i, s) for i, s in enumerate(by_model, 1)]
    return await convo.done("\n".join(lines))


LEADERBOARD = Flow(name="leaderboard", start=leaderboard_start)


async def exemplars_start(msg: Inbound, convo: Convo) -> Turn:
    campaign = await publication.latest_campaign(convo.session)
    if campaign is None or not await standings.exemplars(convo.session, campaign):
        return await convo.done(convo.t.NO_EXEMPLARS)
    return await convo.goto(Step.LIST)


EXEMPLARS = Flow(name="exemplars", start=exemplars_start)


async def ask_list(convo: Convo) -> Reply:
    t = convo.t
    campaign = await latest_campaign(convo)
    buttons = []
    for r in await standings.exemplars(convo.session, campaign):
        subject = errors.subject_label(t, r.subject_type, r.subject_name)
        label = f"{r.model_code} · {subject} · {fmt.points(r.final_score, t)}"
        buttons.append(Button(fmt.shorten(label, 56), f"x:{r.registration_id}"))
    return convo.ask(t.EXEMPLARS_PICK, [*buttons, Button(t.BTN_DONE, "/menu")])


@EXEMPLARS.step(Step.LIST, ask_list)
async def on_list(msg: Inbound, convo: Convo) -> Turn:
    t = convo.t
    choice = msg.choice or ""
    campaign = await publication.latest_campaign(convo.session)
    found = None
    if campaign and (result_id := choice_id(choice, "x:")) is not None:
        found = await standings.showcase(convo.session, campaign, result_id)
    if found is None:
        return await convo.stay(t.UNKNOWN_INPUT)
    r = found.result
    lines = [
        t.EXEMPLAR_HEADER.format(
            model=f"{r.model_code} – {r.model_title}",
            subject=errors.subject_label(t, r.subject_type, r.subject_name),
            unit=r.unit_name,
            score=fmt.points(r.final_score, t),
            band=r.band,
            number=r.decision_number or "—",
            date=fmt.day(r.decision_date) if r.decision_date else "—",
        )
    ]
    lines += [
        t.EXEMPLAR_CRITERION.format(
            code=c.code, title=c.title, score=fmt.points(s, t), max=c.max_points
        )
        for c, s in found.criteria
    ]
    replies = [Reply("\n".join(lines))]
    replies += [evidence_reply(convo, e, t.BEST_EVIDENCE) for e in found.evidence]
    turn = await convo.stay()
    return turn.after(*replies)

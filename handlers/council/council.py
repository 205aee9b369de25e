"""`/binhxet`: the party committee opens and closes the council's rounds; members vote by
secret ballot (see `storage.services.council`). Nothing here keeps a choice: the ballot
buttons are the same for everyone, the conversation data holds only the round, and the
receipt appears once in the reply and nowhere else. No vote is taken on a channel whose
conversations someone else reads (`Capabilities.operator_reads_log`, the Zalo OA)."""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum

from handlers.core import Convo, Flow, FlowData, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import errors
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.entries import entry_label
from handlers.kit.reasons import ask_with_back
from handlers.outbound.notify import message, notify
from storage.errors import DomainError
from storage.models import Campaign, CouncilVote, EntryResult, Registration, Role
from storage.services import council, council_count, council_seats, scope
from storage.services.campaign_rules import rules_of


class Step(StrEnum):
    MENU = "menu"
    ROUNDS = "rounds"
    BALLOT = "ballot"
    CHANGE = "change"


class Data(FlowData):
    vote_id: int | None = None


async def start(msg: Inbound, convo: Convo) -> Turn:
    if await scope.holds(convo.session, convo.me, Role.PARTY_COMMITTEE):
        return await convo.goto(Step.MENU)
    if not await scope.holds(convo.session, convo.me, Role.COUNCIL_MEMBER):
        return await convo.done(convo.t.NOT_COUNCIL)
    if not await council.rounds_for_member(convo.session, convo.me):
        return await convo.done(convo.t.NO_OPEN_ROUNDS)
    if convo.caps.operator_reads_log:
        return await convo.done(convo.t.VOTE_ELSEWHERE)
    return await convo.goto(Step.ROUNDS)


FLOW = Flow(name="council", data_model=Data, start=start)


async def ask_menu(convo: Convo) -> Reply:
    t, session, me = convo.t, convo.session, convo.me
    ready = await council_seats.ready_for_council(session, me)
    open_rounds = await council_seats.open_rounds_in_scope(session, me)
    buttons = [
        Button(t.BTN_OPEN_ROUNDS.format(count=len(ready)), "open"),
        Button(t.BTN_CLOSE_ROUNDS.format(count=len(open_rounds)), "close"),
    ]
    if await council.rounds_for_member(session, me):
        buttons.append(Button(t.BTN_VOTE, "vote"))
    return convo.ask(t.COUNCIL_MENU, [*buttons, Button(t.BTN_CANCEL, "/huy")])


@FLOW.step(Step.MENU, ask_menu)
async def on_menu(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "open":
        return await _open(convo)
    if msg.choice == "close":
        return await _close(convo)
    if msg.choice == "vote" and await council.rounds_for_member(convo.session, convo.me):
        if convo.caps.operator_reads_log:
            return await convo.done(convo.t.VOTE_ELSEWHERE)
        return await convo.goto(Step.ROUNDS)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def _open(convo: Convo) -> Turn:
    """Open a round for every entry waiting for the council; tell each council."""
    t = convo.t
    ready = await council_seats.ready_for_council(convo.session, convo.me)
    if not ready:
        return await convo.stay(t.NOTHING_TO_OPEN)
    by_council: dict[int, int] = defaultdict(int)
    try:
        async with convo.savepoint():
            for entry in ready:
                vote = await council.open_round(
                    convo.session, actor=convo.me, entry=entry, now=convo.now
                )
                by_council[vote.council_unit_id] += 1
    except DomainError as exc:
        return await convo.done(errors.describe(exc, t))
    for unit_id, count in by_council.items():
        await notify(
            convo,
            await council_seats.members_of(convo.session, unit_id),
            lambda tt, n=count: message(
                tt.NOTICE_VOTE_OPEN.format(count=n), (tt.BTN_VOTE, "/binhxet")
            ),
        )
    return await convo.done(t.ROUNDS_OPENED.format(count=len(ready)))


async def _close(convo: Convo) -> Turn:
    """Close every open round in scope and show the totals (never a ballot)."""
    t = convo.t
    rounds = await act(convo, council_count.close_all)
    if isinstance(rounds, Refused):
        return await convo.done(rounds.reason)
    if not rounds:
        return await convo.stay(t.NOTHING_TO_CLOSE)
    lines = [await tally_line(convo, vote, entry) for vote, entry in rounds]
    return await convo.done(t.ROUNDS_CLOSED.format(lines="\n".join(lines)))


async def tally_line(convo: Convo, vote: CouncilVote, entry: Registration) -> str:
    t = convo.t
    model, subject = await entry_label(convo, entry)
    return t.TALLY_LINE.format(
        entry=f"{model.split(' · ')[0]} · {subject}",
        members=vote.members,
        participants=vote.participants,
        yes=vote.votes_for,
        no=vote.votes_against,
        result=t.COUNCIL_RESULTS.get(vote.result or "", ""),
    )


async def ask_rounds(convo: Convo) -> Reply:
    t = convo.t
    buttons = []
    for vote, entry, voted in await council.rounds_for_member(convo.session, convo.me):
        model, subject = await entry_label(convo, entry)
        mark = " ✓" if voted else ""
        label = fmt.shorten(f"{model.split(' · ')[0]} · {subject}") + mark
        buttons.append(Button(label, f"v:{vote.id}"))
    return convo.ask(t.ROUNDS_PICK, [*buttons, Button(t.BTN_CANCEL, "/huy")])


@FLOW.step(Step.ROUNDS, ask_rounds)
async def on_rounds(msg: Inbound, convo: Convo) -> Turn:
    rounds = {
        v.id: voted for v, _, voted in await council.rounds_for_member(convo.session, convo.me)
    }
    vote_id = choice_id(msg.choice, "v:")
    if vote_id not in rounds:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).vote_id = vote_id
    return await convo.goto(Step.CHANGE if rounds[vote_id] else Step.BALLOT)


async def ask_ballot(convo: Convo) -> Reply:
    """The entry as the council sees it, and the same two buttons for everyone."""
    t = convo.t
    vote = await convo.row(CouncilVote, Data.of(convo).vote_id)
    entry = await convo.session.get(Registration, vote.registration_id)
    result = await convo.session.get(EntryResult, vote.registration_id)
    assert entry is not None and result is not None
    model, subject = await entry_label(convo, entry)
    campaign = await convo.session.get(Campaign, entry.campaign_id)
    band = rules_of(campaign).band(result.band) if campaign else None
    text = t.BALLOT_ASK.format(
        model=model,
        subject=subject,
        score=fmt.points(result.final_score, t),
        band=band.label if band else "",
        members=vote.members,
    )
    buttons = [Button(t.BTN_YES, "yes"), Button(t.BTN_NO, "no"), Button(t.BTN_BACK, "back")]
    return convo.ask(text, buttons, per_row=2)


async def _after_vote(convo: Convo, text: str) -> Turn:
    waiting = [
        v for v, _, voted in await council.rounds_for_member(convo.session, convo.me) if not voted
    ]
    if waiting:
        return await convo.goto(Step.ROUNDS, before=[text])
    return await convo.done(text)


@FLOW.step(Step.BALLOT, ask_ballot)
async def on_ballot(msg: Inbound, convo: Convo) -> Turn:
    if convo.caps.operator_reads_log:  # never a choice or a receipt where others read
        return await convo.done(convo.t.VOTE_ELSEWHERE)
    if msg.choice == "back":
        return await convo.goto(Step.ROUNDS)
    if msg.choice not in (council.YES, council.NO):
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    receipt = await act(convo, council.cast, vote_id=Data.of(convo).vote_id or 0, choice=msg.choice)
    if isinstance(receipt, Refused):
        return await convo.done(receipt.reason)
    return await _after_vote(convo, convo.t.VOTE_RECORDED.format(receipt=receipt))


async def ask_change(convo: Convo) -> Reply:
    return ask_with_back(convo, convo.t.CHANGE_ASK)


@FLOW.step(Step.CHANGE, ask_change)
async def on_change(msg: Inbound, convo: Convo) -> Turn:
    if convo.caps.operator_reads_log:
        return await convo.done(convo.t.VOTE_ELSEWHERE)
    if msg.choice == "back":
        return await convo.goto(Step.ROUNDS)
    if not msg.text:
        return await convo.stay(convo.t.CHANGE_ASK)
    changed = await act(
        convo, council.change, vote_id=Data.of(convo).vote_id or 0, receipt=msg.text
    )
    if isinstance(changed, Refused):
        if changed.code == "wrong_receipt":
            return await convo.stay(convo.t.WRONG_RECEIPT)
        return await convo.done(changed.reason)
    return await _after_vote(convo, convo.t.VOTE_CHANGED)

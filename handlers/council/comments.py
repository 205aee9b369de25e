"""`/gopy`: anyone the results reached comments or objects during the window; the party
committee answers each one, and upholding an objection reopens the entry's review."""

from __future__ import annotations

from enum import StrEnum

from handlers.core import Convo, EntryData, Flow, Turn, choice_id
from handlers.io import Button, Inbound, Reply
from handlers.kit import format as fmt
from handlers.kit.acting import Refused, act
from handlers.kit.entries import entry_buttons, entry_label, take_entry
from handlers.kit.reasons import typed_reason
from handlers.outbound.notify import About, about, message, notify
from handlers.texts import Texts
from storage.models import CommentKind, EntryComment, Registration, Role
from storage.services import comments, scope


class Step(StrEnum):
    MENU = "menu"
    ENTRY = "entry"
    KIND = "kind"
    TEXT = "text"
    PICK = "pick"
    ANSWER = "answer"
    VERDICT = "verdict"


class Data(EntryData):
    kind: str = CommentKind.COMMENT
    comment_id: int | None = None
    answer: str | None = None


async def start(msg: Inbound, convo: Convo) -> Turn:
    if await comments.unanswered_for(convo.session, convo.me):
        return await convo.goto(Step.MENU)
    return await _to_comment(convo)


async def _to_comment(convo: Convo) -> Turn:
    if not await comments.commentable_for(convo.session, convo.me, convo.now):
        return await convo.done(convo.t.NOTHING_TO_COMMENT)
    return await convo.goto(Step.ENTRY)


FLOW = Flow(name="comments", data_model=Data, start=start)


async def ask_menu(convo: Convo) -> Reply:
    t = convo.t
    waiting = await comments.unanswered_for(convo.session, convo.me)
    buttons = [Button(t.BTN_ANSWER_COMMENTS.format(count=len(waiting)), "answer")]
    buttons.append(Button(t.BTN_WRITE_COMMENT, "write"))
    return convo.ask(t.COMMENTS_MENU, buttons)


@FLOW.step(Step.MENU, ask_menu)
async def on_menu(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice == "answer":
        return await convo.goto(Step.PICK)
    if msg.choice == "write":
        return await _to_comment(convo)
    return await convo.stay(convo.t.UNKNOWN_INPUT)


async def ask_entry(convo: Convo) -> Reply:
    entries = await comments.commentable_for(convo.session, convo.me, convo.now)
    return convo.ask(convo.t.COMMENT_PICK_ENTRY, await entry_buttons(convo, entries))


@FLOW.step(Step.ENTRY, ask_entry)
async def on_entry(msg: Inbound, convo: Convo) -> Turn:
    open_entries = await comments.commentable_for(convo.session, convo.me, convo.now)
    return await take_entry(msg, convo, Step.KIND, open_entries)


async def ask_kind(convo: Convo) -> Reply:
    t = convo.t
    buttons = [Button(t.BTN_KIND_COMMENT, "comment"), Button(t.BTN_KIND_OBJECTION, "objection")]
    return convo.ask(t.COMMENT_PICK_KIND, buttons)


@FLOW.step(Step.KIND, ask_kind)
async def on_kind(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice not in (CommentKind.COMMENT, CommentKind.OBJECTION):
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).kind = msg.choice
    return await convo.goto(Step.TEXT)


async def ask_text(convo: Convo) -> Reply:
    return convo.ask(convo.t.COMMENT_ASK_TEXT, [Button(convo.t.BTN_CANCEL, "/huy")])


@FLOW.step(Step.TEXT, ask_text)
async def on_text(msg: Inbound, convo: Convo) -> Turn:
    t, data = convo.t, Data.of(convo)
    if not (msg.text or "").strip():
        return await convo.stay(t.COMMENT_EMPTY)
    comment = await act(
        convo,
        comments.add_comment,
        registration_id=data.registration_id or 0,
        kind=CommentKind(data.kind),
        text=msg.text or "",
    )
    if isinstance(comment, Refused):
        return await convo.done(comment.reason)
    entry = await convo.row(Registration, comment.registration_id)
    it = await about(convo, entry)
    await notify(
        convo,
        await scope.people_over(convo.session, Role.PARTY_COMMITTEE, entry.unit_id),
        lambda tt: message(
            tt.NOTICE_NEW_COMMENT.format(model=it.model, subject=it.subject(tt)),
            (tt.BTN_COMMENT, "/gopy"),
        ),
    )
    return await convo.done(t.COMMENT_SAVED)


async def ask_pick(convo: Convo) -> Reply:
    t = convo.t
    buttons = []
    for comment, entry in await comments.unanswered_for(convo.session, convo.me):
        model, subject = await entry_label(convo, entry)
        kind = t.KIND_NAMES[comment.kind]
        label = f"#{comment.id} · {kind} · {model.split(' · ')[0]} · {subject}"
        buttons.append(Button(fmt.shorten(label, 56), f"c:{comment.id}"))
    return convo.ask(t.COMMENT_PICK_TO_ANSWER, [*buttons, Button(t.BTN_CANCEL, "/huy")])


@FLOW.step(Step.PICK, ask_pick)
async def on_pick(msg: Inbound, convo: Convo) -> Turn:
    waiting = {c.id for c, _ in await comments.unanswered_for(convo.session, convo.me)}
    comment_id = choice_id(msg.choice, "c:")
    if comment_id not in waiting:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).comment_id = comment_id
    return await convo.goto(Step.ANSWER)


async def _comment(convo: Convo) -> EntryComment:
    return await convo.row(EntryComment, Data.of(convo).comment_id)


async def ask_answer(convo: Convo) -> Reply:
    """The comment as written, without its author (comments are shown anonymised)."""
    t = convo.t
    comment = await _comment(convo)
    entry = await convo.row(Registration, comment.registration_id)
    model, subject = await entry_label(convo, entry)
    text = t.COMMENT_TO_ANSWER.format(
        id=comment.id,
        kind=t.KIND_NAMES[comment.kind],
        model=model,
        subject=subject,
        text=comment.text,
    )
    return convo.ask(text, [Button(t.BTN_BACK, "back")])


@FLOW.step(Step.ANSWER, ask_answer)
async def on_answer(msg: Inbound, convo: Convo) -> Turn:
    answer = await typed_reason(msg, convo, Step.PICK)
    if isinstance(answer, Turn):
        return answer
    Data.of(convo).answer = answer
    if (await _comment(convo)).kind == CommentKind.OBJECTION:
        return await convo.goto(Step.VERDICT)
    return await _record(convo, None)


async def ask_verdict(convo: Convo) -> Reply:
    t = convo.t
    buttons = [Button(t.BTN_UPHOLD, "up"), Button(t.BTN_DISMISS, "down")]
    return convo.ask(t.OBJECTION_VERDICT, buttons)


@FLOW.step(Step.VERDICT, ask_verdict)
async def on_verdict(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice not in ("up", "down"):
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    return await _record(convo, msg.choice == "up")


async def _record(convo: Convo, upheld: bool | None) -> Turn:
    t = convo.t
    comment = await act(
        convo,
        comments.answer,
        comment_id=Data.of(convo).comment_id or 0,
        text=Data.of(convo).answer or "",
        upheld=upheld,
    )
    if isinstance(comment, Refused):
        return await convo.done(comment.reason)
    entry = await convo.row(Registration, comment.registration_id)
    it = await about(convo, entry)
    answer = comment.answer or ""
    await notify(convo, [comment.author_id], lambda tt: answered_notice(tt, it, answer, upheld))
    if upheld:
        reviewers = await comments.reviewers_of(convo.session, entry.id or 0)
        await notify(convo, reviewers, lambda tt: reopened_notice(tt, it))
    return await convo.done(t.ANSWER_SAVED_REOPENED if upheld else t.ANSWER_SAVED)


def answered_notice(t: Texts, it: About, answer: str, upheld: bool | None) -> Reply:
    """The committee's answer, for the comment's author (in the chat and the console)."""
    return message(
        t.NOTICE_ANSWERED.format(model=it.model, subject=it.subject(t), answer=answer)
        + ("\n" + t.NOTICE_UPHELD if upheld else ""),
        (t.BTN_RESULTS, "/ketqua"),
    )


def reopened_notice(t: Texts, it: About) -> Reply:
    """For the reviewers of an entry that an upheld objection reopened."""
    return message(
        t.NOTICE_REOPENED.format(model=it.model, subject=it.subject(t)),
        (t.BTN_REVIEW, "/thamdinh"),
    )

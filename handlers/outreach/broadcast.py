"""`/thongbao`: an admin writes an announcement (optionally with a photo or document),
picks the audience, sees a preview and the count, and confirms; the scheduler sends it
and keeps a progress message up to date. `/thongbao dung N` stops broadcast N and
`/thongbao thulai N` retries its failed messages (the buttons of those messages)."""

from __future__ import annotations

from collections.abc import Container
from enum import StrEnum

from handlers.core import Convo, Flow, FlowData, Turn
from handlers.io import Button, FileKind, Inbound, OutgoingFile, Reply
from handlers.kit import errors, shared_steps
from handlers.kit.acting import Refused, act
from handlers.kit.numbers import parse_int
from handlers.kit.presses import pressed
from handlers.outbound import announcements
from storage.errors import DomainError
from storage.models import CampaignModel, OrgUnit
from storage.services import audiences, broadcasts, campaigns
from storage.services.evidence import check_file

ROLES = broadcasts.ROLES


class Step(StrEnum):
    TEXT = "text"
    AUDIENCE = "audience"
    UNIT = "unit"
    ROLE = "role"
    MODEL = "model"
    URGENT = "urgent"
    CONFIRM = "confirm"


class Data(FlowData):
    text: str = ""
    file_path: str | None = None
    file_name: str | None = None
    file_kind: str | None = None
    file_mime: str | None = None
    audience: str = "all"
    audience_value: str | None = None
    unit_id: int | None = None
    urgent: bool = False


async def start(msg: Inbound, convo: Convo) -> Turn:
    """Admins only; "dung N" and "thulai N" act on broadcast N at once."""
    scopes = await broadcasts.admin_scopes(convo.session, convo.me)
    if not scopes:
        return await convo.done(convo.t.BROADCAST_NOT_ALLOWED)
    ann_id = parse_int(msg.args[1], 1, 2**31 - 1) if len(msg.args) == 2 else None
    if ann_id is not None and msg.args[0] in ("dung", "thulai"):
        return await _act(convo, msg.args[0], ann_id)
    Data.of(convo).unit_id = scopes[0].id
    return await convo.goto(Step.TEXT)


async def _act(convo: Convo, action: str, ann_id: int) -> Turn:
    t = convo.t
    try:
        async with convo.savepoint():
            if action == "dung":
                await broadcasts.cancel(
                    convo.session, actor=convo.me, announcement_id=ann_id, now=convo.now
                )
                return await convo.done(t.BROADCAST_CANCELLED.format(id=ann_id))
            count = await broadcasts.retry_failed(
                convo.session, actor=convo.me, announcement_id=ann_id, now=convo.now
            )
    except DomainError as exc:
        return await convo.done(errors.describe(exc, t))
    if not count:
        return await convo.done(t.BROADCAST_NOTHING_TO_RETRY.format(id=ann_id))
    return await convo.done(t.BROADCAST_RETRYING.format(id=ann_id, count=count))


async def _use_unit(convo: Convo, unit: OrgUnit) -> Turn:
    Data.of(convo).unit_id = unit.id
    return await convo.goto(Step.URGENT)


FLOW = Flow(
    name="broadcast",
    data_model=Data,
    start=start,
    # the shared step; the others are added where their answers are handled
    steps={Step.UNIT: shared_steps.unit_step(broadcasts.admin_scopes, _use_unit)},
)


async def ask_text(convo: Convo) -> Reply:
    return convo.ask(convo.t.ASK_BROADCAST)


@FLOW.step(Step.TEXT, ask_text, accepts_files=True)
async def on_text(msg: Inbound, convo: Convo) -> Turn:
    data, t = Data.of(convo), convo.t
    if msg.file is not None:
        try:
            mime = check_file(
                convo.deps.limits, size=msg.file.size, mime=msg.file.mime, name=msg.file.name
            )
            stored = convo.deps.files.put(await msg.file.download())
        except DomainError as exc:
            return await convo.stay(errors.describe(exc, t))
        data.file_path, data.file_name = stored.relative_path, msg.file.name or "tep"
        data.file_kind, data.file_mime = msg.file.kind.value, mime
        if not (msg.caption or "").strip():
            return await convo.stay(t.BROADCAST_FILE_SAVED.format(name=data.file_name))
    text = (msg.caption if msg.file is not None else msg.text) or ""
    if not text.strip() or len(text) > 3000:
        return await convo.stay(t.BAD_BROADCAST)
    data.text = text.strip()
    return await convo.goto(Step.AUDIENCE)


async def _scope(convo: Convo) -> OrgUnit:
    return await convo.row(OrgUnit, Data.of(convo).unit_id)


async def ask_audience(convo: Convo) -> Reply:
    t = convo.t
    names = dict(t.BROADCAST_AUDIENCES)
    names["all"] = names["all"].format(unit=(await _scope(convo)).name)
    return convo.ask(t.PICK_BROADCAST_AUDIENCE, [Button(v, f"a:{k}") for k, v in names.items()])


@FLOW.step(Step.AUDIENCE, ask_audience)
async def on_audience(msg: Inbound, convo: Convo) -> Turn:
    kind = pressed(msg.choice, "a:", broadcasts.AUDIENCES)
    if kind is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).audience = kind
    following = {"all": Step.URGENT, "unit": Step.UNIT, "role": Step.ROLE, "model": Step.MODEL}
    return await convo.goto(following[kind])


async def _narrowed(msg: Inbound, convo: Convo, prefix: str, allowed: Container[str]) -> Turn:
    """The role or model pressed narrows the audience; then comes the urgency."""
    value = pressed(msg.choice, prefix, allowed)
    if value is None:
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).audience_value = value
    return await convo.goto(Step.URGENT)


async def ask_role(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(t.PICK_ROLE, [Button(t.ROLE_NAMES[r], f"r:{r}") for r in ROLES])


@FLOW.step(Step.ROLE, ask_role)
async def on_role(msg: Inbound, convo: Convo) -> Turn:
    return await _narrowed(msg, convo, "r:", {str(r) for r in ROLES})


async def _models(convo: Convo) -> list[CampaignModel]:
    """The models of the active campaign, if there is one."""
    active = await campaigns.active_campaigns(convo.session)
    return await campaigns.models_of(convo.session, active[0].id or 0) if active else []


async def ask_model(convo: Convo) -> Reply:
    models = await _models(convo)
    buttons = [Button(f"{m.code} · {m.short_title}"[:48], f"m:{m.code}") for m in models]
    return convo.ask(convo.t.PICK_BROADCAST_MODEL, buttons)


@FLOW.step(Step.MODEL, ask_model)
async def on_model(msg: Inbound, convo: Convo) -> Turn:
    return await _narrowed(msg, convo, "m:", {m.code for m in await _models(convo)})


async def ask_urgent(convo: Convo) -> Reply:
    t = convo.t
    return convo.ask(
        t.ASK_URGENT.format(quiet=convo.deps.quiet_hours),
        [Button(t.BTN_NORMAL, "normal"), Button(t.BTN_URGENT, "urgent")],
    )


@FLOW.step(Step.URGENT, ask_urgent)
async def on_urgent(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice not in ("normal", "urgent"):
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    Data.of(convo).urgent = msg.choice == "urgent"
    return await convo.goto(Step.CONFIRM)


def _request(data: Data) -> broadcasts.BroadcastCreate:
    return broadcasts.BroadcastCreate(**data.model_dump())  # type: ignore[arg-type]


async def ask_confirm(convo: Convo) -> list[Reply]:
    """The announcement as recipients will see it, then who and how many."""
    t, data = convo.t, Data.of(convo)
    people = await broadcasts.person_ids(convo.session, _request(data))
    reachable = await audiences.count_reachable(convo.session, people)
    audience = t.BROADCAST_AUDIENCES[data.audience].format(unit=(await _scope(convo)).name)
    if data.audience == "unit":
        audience = (await _scope(convo)).name
    elif data.audience_value:
        value = t.ROLE_NAMES.get(data.audience_value, data.audience_value)
        audience = f"{audience}: {value}"
    summary = t.BROADCAST_SUMMARY.format(
        audience=audience,
        urgent=t.URGENT_YES if data.urgent else t.URGENT_NO,
        count=len(people),
        reachable=reachable,
    )
    file = None
    if data.file_path:
        kind = FileKind(data.file_kind or "document")
        content = convo.deps.files.read(data.file_path)
        file = OutgoingFile(data.file_name or "tep", content, kind, data.file_mime or "")
    return [
        Reply(t.BROADCAST_PREVIEW),
        Reply(announcements.broadcast_text(t, data.text), file=file),
        convo.ask(summary, [Button(t.BTN_SEND_BROADCAST, "send"), Button(t.BTN_CANCEL, "/huy")]),
    ]


@FLOW.step(Step.CONFIRM, ask_confirm)
async def on_confirm(msg: Inbound, convo: Convo) -> Turn:
    if msg.choice != "send":
        return await convo.stay(convo.t.UNKNOWN_INPUT)
    ann = await act(
        convo, broadcasts.create, account_id=convo.account.id or 0, data=_request(Data.of(convo))
    )
    if isinstance(ann, Refused):
        return await convo.done(ann.reason)
    return await convo.done(convo.t.BROADCAST_QUEUED.format(id=ann.id))

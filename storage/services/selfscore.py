"""Self-scoring: the registrant's own score for each chosen criterion."""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

from storage import audit
from storage.errors import InvalidInput, NotFound
from storage.models import Criterion, Person, RegistrationCriterion
from storage.services.registrations import Purpose, chosen_criteria, working_entry


def check_score(value: float, *, max_points: int, step: float) -> None:
    """From 0 to the maximum and exactly on the campaign's step (7.0000000001 is not 7);
    -0.0, NaN and infinities are refused."""
    if not math.isfinite(value) or math.copysign(1.0, value) < 0 or not value <= max_points:
        raise InvalidInput("score_out_of_range", max=max_points, step=step)
    if step > 0 and Decimal(repr(value)) % Decimal(repr(step)) != 0:
        raise InvalidInput("score_step", max=max_points, step=step)


async def set_self_score(
    session,
    *,
    actor: Person,
    registration_id: int,
    criterion_id: int,
    value: float,
    now: datetime,
) -> RegistrationCriterion:
    """Record a self score; the entry counts as self-scored once every criterion has one."""
    registration, campaign = await working_entry(
        session, actor, registration_id, Purpose.SELF_SCORE, "self_scoring", now
    )
    chosen = await chosen_criteria(session, registration_id)
    row = next((rc for rc in chosen if rc.criterion_id == criterion_id), None)
    criterion = await session.get(Criterion, criterion_id)
    if row is None or criterion is None:
        raise NotFound("criterion_not_chosen")
    check_score(value, max_points=criterion.max_points, step=campaign.score_step)
    previous = row.self_score
    row.self_score = value
    row.self_scored_at = now
    if all(rc.self_score is not None for rc in chosen):
        registration.self_scored_at = registration.self_scored_at or now
    registration.updated_at = now
    await audit.log(
        session,
        "self_score.set",
        registration,
        actor,
        details={"criterion": criterion.code, "score": value, "previous": previous},
    )
    return row

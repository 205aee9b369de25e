"""The numbers of review, vote and publication, read from the campaign file (`config`),
and the timeline windows of those steps. Nothing here is a constant of the movement:
the defaults only stand in for keys a campaign file leaves out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from storage.errors import WindowClosed
from storage.models import Campaign, Role
from storage.services.clock import local_date
from storage.services.workdays import parse_holidays

# Who approves registrations when the campaign names nobody (domain brief, sections 3 and 6).
DEFAULT_APPROVERS = {
    "individual": (Role.MANAGER,),
    "collective": (Role.UNION_COMMITTEE, Role.PARTY_COMMITTEE),
}
# Each window of this issue as (opens, closes) keys of the timeline; the first key found
# in each tuple is used. A window whose dates the file does not give is always open.
WINDOWS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "approval": (
        ("registration.opens",),
        ("registration_approval_deadline", "registration.closes"),
    ),
    "evidence_review": (("registration.opens",), ("review.closes",)),
    "scoring": (("review.opens",), ("review.closes",)),
    "council": (("council_vote",), ("announcement", "council_vote")),
    "publication": (("announcement",), ("final_decision",)),
}


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    min: float
    max: float
    to_council: bool


@dataclass(frozen=True)
class Rules:
    """What one campaign says about review, vote and publication."""

    min_reviewers: int
    discrepancy_points: float
    self_gap_flag: float
    bands: tuple[Band, ...]
    quorum_fraction: float
    approval_fraction: float
    window_days: int
    holidays: frozenset[date]
    approvers: dict[str, tuple[Role, ...]]

    def band_for(self, score: float) -> Band | None:
        """The band whose [min, max) holds the score; the top band includes its max."""
        top = max(self.bands, key=lambda b: b.max, default=None)
        for band in self.bands:
            if band.min <= score < band.max or (band is top and score == band.max):
                return band
        return None

    def band(self, code: str | None) -> Band | None:
        return next((b for b in self.bands if b.code == code), None)


def _section(config: dict[str, Any], *path: str) -> dict[str, Any]:
    node: Any = config
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def rules_of(campaign: Campaign) -> Rules:
    """The campaign's rules from its parsed YAML."""
    config = campaign.config or {}
    review = _section(config, "scoring", "review_rules")
    voting = _section(config, "voting")
    publication = _section(config, "publication")
    bands = tuple(
        Band(
            str(b.get("code")),
            str(b.get("label", b.get("code"))),
            float(b.get("min", 0)),
            float(b.get("max", 0)),
            bool(b.get("eligible_for_recognition", False)),
        )
        for b in config.get("classification") or []
        if isinstance(b, dict)
    )
    approval = _section(config, "approval")
    approvers = {
        kind: tuple(Role(r) for r in approval.get(kind) or default)
        for kind, default in DEFAULT_APPROVERS.items()
    }
    return Rules(
        min_reviewers=int(review.get("min_reviewers", 2)),
        discrepancy_points=float(review.get("discrepancy_points", 15)),
        self_gap_flag=float(review.get("self_vs_review_gap_flag", 20)),
        bands=bands,
        quorum_fraction=float(voting.get("quorum_fraction", 2 / 3)),
        approval_fraction=float(voting.get("approval_fraction_of_all_members", 0.5)),
        window_days=int(publication.get("comment_window_working_days", 5)),
        holidays=parse_holidays(publication.get("holidays") or []),
        approvers=approvers,
    )


def _timeline_date(campaign: Campaign, key: str) -> date | None:
    timeline = (campaign.config or {}).get("timeline") or {}
    outer, _, inner = key.partition(".")
    value = timeline.get(outer)
    if inner:
        value = value.get(inner) if isinstance(value, dict) else None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) else None


def window_dates(campaign: Campaign, window: str) -> tuple[date | None, date | None]:
    """The first and last day of a window (None where the campaign gives no date)."""
    opens_keys, closes_keys = WINDOWS[window]
    opens = next((d for k in opens_keys if (d := _timeline_date(campaign, k))), None)
    closes = next((d for k in closes_keys if (d := _timeline_date(campaign, k))), None)
    return opens, closes


def require_window(campaign: Campaign, now: datetime, window: str) -> None:
    """Refuse an action outside its window; every window of the demo campaign is open."""
    if campaign.is_demo:
        return
    opens, closes = window_dates(campaign, window)
    today = local_date(now, campaign.timezone)
    if opens is not None and today < opens:
        raise WindowClosed("not_yet_open", window=window, opens=opens, closes=closes or opens)
    if closes is not None and today > closes:
        raise WindowClosed("closed", window=window, opens=opens or closes, closes=closes)

"""Parsing and checking a campaign YAML file, with the line number of every problem."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from storage.importers.common import ImportFailed, RowError

LINE = "__line__"
# Dates that must not run backwards, in this order, when the file gives them.
DATE_ORDER = (
    "launch",
    "registration.opens",
    "registration.closes",
    "evidence_deadline",
    "self_scoring.closes",
    "review.opens",
    "review.closes",
    "council_vote",
    "announcement",
    "comment_window.opens",
    "comment_window.closes",
    "final_decision",
)
WINDOWS = (
    ("registration", "opens", "closes"),
    ("implementation", "starts", "ends"),
    ("mid_year_check", "opens", "closes"),
    ("self_scoring", "opens", "closes"),
    ("review", "opens", "closes"),
    ("comment_window", "opens", "closes"),
)


class LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping."""


def _mapping_with_line(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    title: str
    max_points: int = 0
    individual_reading: str = ""
    evidence_hint: str = ""
    evidence_types: str = ""
    method: str = ""
    guide: str = ""
    mandatory: bool = True
    applies_to: str = "collective,individual"


@dataclass(frozen=True)
class ModelSpec:
    code: str
    short_title: str
    title: str
    subject_types: str
    criteria: tuple[CriterionSpec, ...]


@dataclass(frozen=True)
class CampaignSpec:
    code: str
    name: str
    year: int
    status: str
    timezone: str
    dates: dict[str, date]
    max_entries_per_subject: int
    require_all_criteria: bool
    scale_max: int
    score_step: float
    general: tuple[CriterionSpec, ...]
    models: tuple[ModelSpec, ...]
    config: dict[str, Any] = field(default_factory=dict)
    is_demo: bool = False

    def with_open_windows(self, today: date) -> CampaignSpec:
        """A demo copy whose every window is open on `today` (the sample's dates are 2024)."""
        start, end = today - timedelta(days=30), today + timedelta(days=60)
        dates = {
            key: (start if key.endswith((".opens", ".starts")) or key == "launch" else end)
            for key in self.dates
        }
        config = dict(self.config)
        config["timeline"] = _nest(dates) | {"timezone": self.timezone}
        return replace(
            self,
            code=f"{self.code}-DEMO",
            name=f"{self.name} (dùng thử)",
            dates=dates,
            config=config,
            is_demo=True,
        )


def _nest(dates: dict[str, date]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for key, value in dates.items():
        if "." in key:
            outer, inner = key.split(".", 1)
            nested.setdefault(outer, {})[inner] = value.isoformat()
        else:
            nested[key] = value.isoformat()
    return nested


class _Checker:
    """Collects errors while reading the parsed document."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []

    def error(self, node: Any, error_code: str, /, **params: Any) -> None:
        line = node.get(LINE, 1) if isinstance(node, dict) else 1
        self.errors.append(RowError(line, error_code, params))

    def text(self, node: dict[str, Any], key: str, where: str) -> str:
        value = node.get(key)
        if value is None or not str(value).strip():
            self.error(node, "missing_key", key=key, where=where)
            return ""
        return " ".join(str(value).split())

    def unique_code(self, node: dict[str, Any], seen: dict[str, int], where: str) -> str:
        """The node's `code`, refused when an earlier node of `seen` has it already."""
        code = self.text(node, "code", where)
        if code in seen:
            self.error(node, "duplicate_code", code=code, first=seen[code])
        seen.setdefault(code, node[LINE])
        return code

    def mapping(self, node: Any, key: str) -> dict[str, Any]:
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, dict):
            self.error(node, "missing_key", key=key, where="")
            return {LINE: node.get(LINE, 1) if isinstance(node, dict) else 1}
        return value


def parse_campaign_file(path: Path) -> CampaignSpec:
    """Read and check a campaign file; raise ImportFailed listing every problem."""
    try:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        document = yaml.load(text, Loader=LineLoader)
    except UnicodeDecodeError as exc:
        raise ImportFailed([RowError(1, "unreadable_file", {"name": path.name})]) from exc
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 1
        raise ImportFailed(
            [RowError(line, "bad_yaml", {"detail": str(exc).splitlines()[0]})]
        ) from exc
    if not isinstance(document, dict):
        raise ImportFailed([RowError(1, "bad_yaml", {"detail": "not a mapping"})])
    check = _Checker()
    spec = _read(document, check)
    if check.errors:
        raise ImportFailed(check.errors)
    return spec


def _read(doc: dict[str, Any], check: _Checker) -> CampaignSpec:
    head = check.mapping(doc, "campaign")
    scoring = check.mapping(doc, "scoring")
    scale_max = scoring.get("scale_max", 100)
    step = float(scoring.get("step", 0.5))
    policy = doc.get("policy") if isinstance(doc.get("policy"), dict) else {}
    timeline = check.mapping(doc, "timeline")
    dates = _read_dates(timeline, check)
    _check_bands(doc.get("classification"), scale_max, check, doc)
    evidence_types = {e.get("code") for e in doc.get("evidence_types") or [] if isinstance(e, dict)}
    seen_codes: dict[str, int] = {}
    general = tuple(
        _read_criterion(c, check, seen_codes, evidence_types, general=True)
        for c in _list(doc, "general_criteria", check)
    )
    models = _read_models(doc, check, seen_codes, evidence_types, scale_max)
    year = head.get("year")
    if not isinstance(year, int):
        check.error(head, "missing_key", key="year", where="campaign")
    return CampaignSpec(
        code=check.text(head, "code", "campaign"),
        name=check.text(head, "name", "campaign"),
        year=year if isinstance(year, int) else 0,
        status=str(head.get("status", "launched")),
        timezone=str(timeline.get("timezone", "Asia/Ho_Chi_Minh")),
        dates=dates,
        max_entries_per_subject=int(policy.get("max_entries_per_subject", 2)),
        require_all_criteria=bool(policy.get("require_all_criteria", False)),
        scale_max=scale_max,
        score_step=step,
        general=general,
        models=models,
        config=strip_lines(doc),
    )


def _list(node: dict[str, Any], key: str, check: _Checker) -> list[dict[str, Any]]:
    value = node.get(key)
    if not isinstance(value, list) or not value:
        check.error(node, "missing_key", key=key, where="")
        return []
    return [item for item in value if isinstance(item, dict)]


def _read_models(
    doc: dict[str, Any],
    check: _Checker,
    seen: dict[str, int],
    evidence_types: set[Any],
    scale_max: int,
) -> tuple[ModelSpec, ...]:
    models = []
    model_codes: dict[str, int] = {}
    for node in _list(doc, "models", check):
        code = check.unique_code(node, model_codes, "models")
        criteria = tuple(
            _read_criterion(c, check, seen, evidence_types, general=False)
            for c in _list(node, "specific_criteria", check)
        )
        total = sum(c.max_points for c in criteria)
        if criteria and total != scale_max:
            check.error(node, "points_sum", model=code, total=total, expected=scale_max)
        models.append(
            ModelSpec(
                code=code,
                short_title=check.text(node, "short_title", code),
                title=check.text(node, "title", code),
                subject_types=",".join(node.get("subject_types") or ["collective", "individual"]),
                criteria=criteria,
            )
        )
    return tuple(models)


def _read_criterion(
    node: dict[str, Any],
    check: _Checker,
    seen: dict[str, int],
    evidence_types: set[Any],
    *,
    general: bool,
) -> CriterionSpec:
    code = check.unique_code(node, seen, "criteria")
    points = 0
    if not general:
        points = node.get("max_points")
        if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
            check.error(node, "bad_points", code=code, value=points)
            points = 0
    for kind in node.get("evidence_types") or []:
        if evidence_types and kind not in evidence_types:
            check.error(node, "unknown_evidence_type", code=code, kind=kind)
    return CriterionSpec(
        code=code,
        title=check.text(node, "title", code),
        max_points=points,
        individual_reading=" ".join(str(node.get("individual_reading", "")).split()),
        evidence_hint=" ".join(str(node.get("evidence", "")).split()),
        evidence_types=",".join(node.get("evidence_types") or []),
        method=str(node.get("method", "")),
        guide=" ".join(str(node.get("guide", "")).split()),
        mandatory=bool(node.get("mandatory", True)),
        applies_to=",".join(node.get("applies_to") or ["collective", "individual"]),
    )


def _read_dates(timeline: dict[str, Any], check: _Checker) -> dict[str, date]:
    dates: dict[str, date] = {}
    for key, value in timeline.items():
        if key in (LINE, "timezone"):
            continue
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for inner, raw in items:
            if inner == LINE:
                continue
            name = f"{key}.{inner}" if inner else key
            if isinstance(raw, date):
                dates[name] = raw
            else:
                check.error(
                    value if isinstance(value, dict) else timeline, "bad_date", key=name, value=raw
                )
    for required in (
        "registration.opens",
        "registration.closes",
        "evidence_deadline",
        "self_scoring.opens",
        "self_scoring.closes",
    ):
        if required not in dates:
            check.error(timeline, "missing_key", key=required, where="timeline")
    for outer, start, end in WINDOWS:
        a, b = dates.get(f"{outer}.{start}"), dates.get(f"{outer}.{end}")
        if a and b and a > b:
            check.error(
                timeline.get(outer, timeline),
                "dates_order",
                first=f"{outer}.{start}",
                second=f"{outer}.{end}",
            )
    present = [key for key in DATE_ORDER if key in dates]
    for first, second in pairwise(present):
        if dates[first] > dates[second]:
            check.error(timeline, "dates_order", first=first, second=second)
    return dates


def _check_bands(bands: Any, scale_max: int, check: _Checker, doc: dict[str, Any]) -> None:
    if not isinstance(bands, list) or not bands:
        check.error(doc, "missing_key", key="classification", where="")
        return
    ordered = sorted((b for b in bands if isinstance(b, dict)), key=lambda b: b.get("min", 0))
    expected = 0
    for band in ordered:
        if band.get("min") != expected:
            check.error(band, "bands_gap", code=band.get("code"), expected=expected)
        expected = band.get("max", expected)
    if expected != scale_max:
        check.error(ordered[-1], "bands_gap", code=ordered[-1].get("code"), expected=scale_max)

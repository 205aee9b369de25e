"""The rules the Bot API documentation states in prose, read from the spec's descriptions.

Length limits ("1-64 bytes", "1-4096 characters after entities parsing"), fixed values
("Scope type, must be chat"), choices ("must be one of"), conditional requirements
("Required if inline_message_id is not specified"), "Can contain only lowercase English
letters, digits and underscores", and "Exactly one of the fields other than text ... must
be used" on inline buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tests.fakes.botapi_markup import MarkupError, visible_text

_LIMIT = re.compile(r"\b(\d+)-(\d+) (characters|bytes)\b", re.I)
_AFTER_ENTITIES = re.compile(r"after entit(?:y|ies) parsing")
_CONST = re.compile(r",\s(?:must be|always)\s[\"“]?([\w-]+)[\"”]?\.?$")
_CHOICE = re.compile(r"must be one of (.+?)(?:\.\s|\.$|$)", re.I)
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")
_UNLESS = re.compile(
    r"required if (\w+(?: and \w+)*) (?:is not|are not|isn't|aren't) specified", re.I
)
_ONE_OF = re.compile(
    r"(exactly|at most) one of the "
    r"(?:(optional) fields|fields other than (.+?)|fields (\w+) or (\w+)) (?:must|can|should) be",
    re.I,
)
_CHARSETS = {
    "can contain only lowercase english letters, digits and underscores": r"[a-z0-9_]*",
}


@dataclass(frozen=True)
class Field:
    """One parameter or field, and the rules its description states."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str

    @cached_property
    def limit(self) -> tuple[int, int, str] | None:
        match = _LIMIT.search(self.description)
        return (int(match[1]), int(match[2]), match[3].lower()) if match else None

    @cached_property
    def const(self) -> str | None:
        match = _CONST.search(self.description.strip())
        return match[1] if match and self.types == ("String",) else None

    @cached_property
    def choices(self) -> list[str]:
        match = _CHOICE.search(self.description)
        return _QUOTED.findall(match[1]) if match and self.types == ("String",) else []

    @cached_property
    def required_unless(self) -> list[str]:
        match = _UNLESS.search(self.description)
        return [n for n in match[1].split() if n != "and"] if match else []


@dataclass(frozen=True)
class Shape:
    """A method's parameters or a type's fields."""

    name: str
    fields: dict[str, Field]
    subtypes: tuple[str, ...] = ()
    description: str = ""

    @cached_property
    def one_of(self) -> tuple[bool, set[str]] | None:
        """(exactly?, the fields counted) when the description limits them to one."""
        match = _ONE_OF.search(self.description)
        if match is None:
            return None
        if match[2]:
            counted = {n for n, f in self.fields.items() if not f.required}
        elif match[3]:
            exempt = set(re.findall(r"\w+", match[3])) - {"and"}
            counted = set(self.fields) - exempt
        else:
            counted = {match[4], match[5]}
        return match[1].lower() == "exactly", counted


def empty(value: Any) -> bool:
    return value is None or value == ""


def missing_fields(shape: Shape, params: dict[str, Any]) -> list[str]:
    """Required fields absent or empty, including those required unless others are given."""
    missing = []
    for name, spec_field in shape.fields.items():
        unless = spec_field.required_unless
        needed = spec_field.required or (unless and any(empty(params.get(n)) for n in unless))
        if needed and empty(params.get(name)):
            missing.append(name)
    return missing


def one_of_errors(shape: Shape, params: dict[str, Any], path: str) -> list[str]:
    rule = shape.one_of
    if rule is None:
        return []
    exactly, counted = rule
    used = sorted(n for n in counted if params.get(n) is not None)
    if len(used) > 1 or (exactly and not used):
        wanted = "exactly" if exactly else "at most"
        return [f"{path or shape.name}: {wanted} one of {sorted(counted)} must be used, got {used}"]
    return []


def text_errors(spec_field: Field, value: str, path: str, siblings: dict[str, Any]) -> list[str]:
    """Length limits, measured on the visible text where the spec says "after entities"."""
    limit = spec_field.limit
    errors: list[str] = []
    if limit is not None:
        low, high, unit = limit
        shown = value
        if _AFTER_ENTITIES.search(spec_field.description):
            mode = siblings.get(f"{spec_field.name}_parse_mode", siblings.get("parse_mode"))
            try:
                shown = visible_text(value, mode if isinstance(mode, str) else None)
            except MarkupError as error:
                return [f"{path}: {error}"]
        size = len(shown.encode()) if unit == "bytes" else len(shown)
        if not low <= size <= high:
            errors.append(f"{path}: {size} {unit}, allowed {low}-{high} {unit}")
    for phrase, pattern in _CHARSETS.items():
        if phrase in spec_field.description.lower() and not re.fullmatch(pattern, value):
            errors.append(f"{path}: {value!r} may only contain {pattern}")
    return errors

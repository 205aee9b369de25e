"""The official Bot API as data: checks a call's parameters the way the real server would.

`check_call` coerces form and query strings or JSON values to the declared types, walks
nested objects field by field, and applies the rules the documentation states in prose:
length limits ("1-64 bytes", "1-4096 characters after entities parsing"), fixed values
("must be photo"), choices ("must be one of"), conditional requirements ("Required if
inline_message_id is not specified") and "exactly one of the fields" on buttons.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from tests.fakes.botapi_markup import MarkupError, visible_text

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "telegram-bot-api.json"

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
_STRING_ALLOWED = "String can be used instead of this object"
_TRUE, _FALSE = {"true", "1", "yes", "y"}, {"false", "0", "no", "n"}
_SCALARS = {"Integer", "Float", "Boolean", "String", "InputFile"}


@dataclass
class CallCheck:
    """What the real API would say about one call; `unknown` are only warnings."""

    method: str
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.errors

    def problems(self) -> list[str]:
        """Missing parameters and errors, one readable line each."""
        return [f"{name}: required parameter missing" for name in self.missing] + self.errors


@dataclass(frozen=True)
class Field:
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


@dataclass
class _Result:
    """The outcome of checking one value against one declared type."""

    errors: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    shape_ok: bool = True
    const_ok: bool = True
    misfit: int = 0  # fields missing or unknown at the object's own level

    def rank(self) -> tuple[bool, bool, int, int, int]:
        fit = (not self.shape_ok, not self.const_ok, self.misfit)
        return (*fit, len(self.errors), len(self.unknown))


class BotApiSpec:
    """Methods (looked up case-insensitively) and types of one Bot API version."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version: str = data.get("version", "")
        self.methods = {name.lower(): _shape(m) for name, m in data["methods"].items()}
        self.types = {name: _shape(t) for name, t in data["types"].items()}

    @classmethod
    def load(cls, path: Path | str | None = None) -> BotApiSpec:
        return cls(json.loads(Path(path or SPEC_PATH).read_text(encoding="utf-8")))

    def method(self, name: str) -> Shape | None:
        return self.methods.get(name.lower())

    def check_call(self, method: str, params: dict[str, Any]) -> CallCheck:
        """Check one call; form and query values are strings, nested objects JSON strings."""
        check = CallCheck(method)
        shape = self.method(method)
        if shape is None:
            check.errors.append(f"{method}: no such method in {self.version}")
            return check
        check.method = shape.name
        check.missing = _missing(shape, params)
        check.unknown = [name for name in params if name not in shape.fields]
        for name, spec_field in shape.fields.items():
            if name in params and not _empty(params[name]):
                result = self._check_field(spec_field, params[name], name, params, text=True)
                check.errors += result.errors
                check.unknown += result.unknown
        check.errors += _one_of_errors(shape, params, "")
        return check

    def check_value(self, type_name: str, value: Any, path: str = "") -> _Result:
        """Check a JSON value (e.g. a Message the fake returns) against a type."""
        return self._check(value, type_name, path or type_name, text=False)

    def _check_field(
        self, spec_field: Field, value: Any, path: str, siblings: dict[str, Any], *, text: bool
    ) -> _Result:
        result = self._check_any(value, spec_field.types, path, text=text)
        if result.errors or not isinstance(value, str):
            return result
        if spec_field.const is not None and value != spec_field.const:
            result.errors.append(f"{path}: must be {spec_field.const!r}, got {value!r}")
            result.const_ok = False
        if spec_field.choices and value not in spec_field.choices:
            result.errors.append(f"{path}: must be one of {spec_field.choices}, got {value!r}")
        result.errors += _text_errors(spec_field, value, path, siblings)
        return result

    def _check_any(self, value: Any, types: tuple[str, ...], path: str, *, text: bool) -> _Result:
        """Try each declared type; keep the best fit (a clean one when there is one)."""
        results = [self._check(value, t, path, text=text) for t in types]
        best = min(results, key=_Result.rank)
        if not best.shape_ok and len(types) > 1:
            error = f"{path}: expected {' or '.join(types)}, got {_describe(value)}"
            return _Result([error], [], shape_ok=False)
        return best

    def _check(self, value: Any, type_name: str, path: str, *, text: bool) -> _Result:
        if type_name.startswith("Array of "):
            return self._check_array(value, type_name[len("Array of ") :], path, text=text)
        if type_name in _SCALARS:
            error = _scalar_error(value, type_name, text=text)
            return _Result([f"{path}: {error}"], [], shape_ok=False) if error else _Result()
        shape = self.types.get(type_name)
        if shape is None:
            return _Result([f"{path}: unknown type {type_name} in the spec"])
        if shape.subtypes:
            result = self._check_any(value, shape.subtypes, path, text=text)
            if result.shape_ok and not result.const_ok:
                kinds = ", ".join(shape.subtypes)
                result.errors = [f"{path}: is none of {shape.name}'s kinds ({kinds})"]
            return result
        if isinstance(value, str) and _STRING_ALLOWED in shape.description:
            return _Result()  # KeyboardButton: "String can be used instead of this object"
        return self._check_object(value, shape, path, text=text)

    def _check_array(self, value: Any, item_type: str, path: str, *, text: bool) -> _Result:
        value = _from_json(value) if text else value
        if not isinstance(value, list):
            error = f"{path}: expected Array of {item_type}, got {_describe(value)}"
            return _Result([error], [], shape_ok=False)
        result = _Result()
        for i, item in enumerate(value):
            inner = self._check(item, item_type, f"{path}[{i}]", text=False)
            result.errors += inner.errors
            result.unknown += inner.unknown
        return result

    def _check_object(self, value: Any, shape: Shape, path: str, *, text: bool) -> _Result:
        value = _from_json(value) if text else value
        if not isinstance(value, dict):
            error = f"{path}: expected {shape.name}, got {_describe(value)}"
            return _Result([error], [], shape_ok=False)
        missing = _missing(shape, value)
        unknown = [f"{path}.{n}" for n in value if n not in shape.fields]
        result = _Result(unknown=unknown, misfit=len(missing) + len(unknown))
        result.errors += [f"{path}.{n}: required field missing" for n in missing]
        for name, spec_field in shape.fields.items():
            if name in value and value[name] is not None:
                where = f"{path}.{name}"
                inner = self._check_field(spec_field, value[name], where, value, text=False)
                result.errors += inner.errors
                result.unknown += inner.unknown
                result.const_ok = result.const_ok and inner.const_ok
        result.errors += _one_of_errors(shape, value, path)
        return result


def _shape(data: dict[str, Any]) -> Shape:
    fields = {
        f["name"]: Field(f["name"], tuple(f["types"]), f["required"], f["description"])
        for f in data.get("fields", [])
    }
    description = " ".join(data.get("description", []))
    return Shape(data["name"], fields, tuple(data.get("subtypes", [])), description)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _missing(shape: Shape, params: dict[str, Any]) -> list[str]:
    """Required fields absent or empty, including those required unless others are given."""
    missing = []
    for name, spec_field in shape.fields.items():
        unless = spec_field.required_unless
        needed = spec_field.required or (unless and any(_empty(params.get(n)) for n in unless))
        if needed and _empty(params.get(name)):
            missing.append(name)
    return missing


def _one_of_errors(shape: Shape, params: dict[str, Any], path: str) -> list[str]:
    rule = shape.one_of
    if rule is None:
        return []
    exactly, counted = rule
    used = sorted(n for n in counted if params.get(n) is not None)
    if len(used) > 1 or (exactly and not used):
        wanted = "exactly" if exactly else "at most"
        return [f"{path or shape.name}: {wanted} one of {sorted(counted)} must be used, got {used}"]
    return []


def _text_errors(spec_field: Field, value: str, path: str, siblings: dict[str, Any]) -> list[str]:
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


def _scalar_error(value: Any, type_name: str, *, text: bool) -> str | None:
    """None when `value` is acceptable as the scalar `type_name`, else why not."""
    if type_name == "InputFile":
        ok = isinstance(value, str | bytes) or hasattr(value, "filename")
    elif type_name == "String":
        # The real server turns a JSON number into a string where a String is expected.
        ok = isinstance(value, str) or _is_number(value)
    elif type_name == "Boolean":
        ok = isinstance(value, bool) or (text and isinstance(value, str) and _is_bool(value))
    elif type_name == "Integer":
        ok = (_is_number(value) and isinstance(value, int)) or (
            isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()) is not None
        )
    else:
        ok = _is_float(value)
    return None if ok else f"expected {type_name}, got {_describe(value)}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_bool(value: str) -> bool:
    return value.strip().lower() in _TRUE | _FALSE


def _is_float(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _from_json(value: Any) -> Any:
    """Form and query bodies carry objects and arrays as JSON strings."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_bool(value: Any) -> bool:
    """A Boolean parameter as the server reads it ("true", "1", True...)."""
    return value if isinstance(value, bool) else str(value).strip().lower() in _TRUE

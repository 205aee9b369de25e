"""The official Bot API as data: checks a call's parameters the way the real server would.

`check_call` coerces form and query strings or JSON values to the declared types (one of
several where the spec allows several, an abstract type's subtypes tried in turn), walks
nested objects field by field, and applies the prose rules of `botapi_rules`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fakes.botapi_rules import (
    Field,
    Shape,
    empty,
    missing_fields,
    one_of_errors,
    text_errors,
)

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "telegram-bot-api.json"

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


@dataclass
class ValueCheck:
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
        check.missing = missing_fields(shape, params)
        check.unknown = [name for name in params if name not in shape.fields]
        for name, spec_field in shape.fields.items():
            if name in params and not empty(params[name]):
                result = self._check_field(spec_field, params[name], name, params, text=True)
                check.errors += result.errors
                check.unknown += result.unknown
        check.errors += one_of_errors(shape, params, "")
        return check

    def check_value(self, type_name: str, value: Any, path: str = "") -> ValueCheck:
        """Check a JSON value (e.g. a Message the fake returns) against a type."""
        return self._check(value, type_name, path or type_name, text=False)

    def _check_field(
        self, spec_field: Field, value: Any, path: str, siblings: dict[str, Any], *, text: bool
    ) -> ValueCheck:
        result = self._check_any(value, spec_field.types, path, text=text)
        if result.errors or not isinstance(value, str):
            return result
        if spec_field.const is not None and value != spec_field.const:
            result.errors.append(f"{path}: must be {spec_field.const!r}, got {value!r}")
            result.const_ok = False
        if spec_field.choices and value not in spec_field.choices:
            result.errors.append(f"{path}: must be one of {spec_field.choices}, got {value!r}")
        result.errors += text_errors(spec_field, value, path, siblings)
        return result

    def _check_any(
        self, value: Any, types: tuple[str, ...], path: str, *, text: bool
    ) -> ValueCheck:
        """Try each declared type; keep the best fit (a clean one when there is one)."""
        results = [self._check(value, t, path, text=text) for t in types]
        best = min(results, key=ValueCheck.rank)
        if not best.shape_ok and len(types) > 1:
            error = f"{path}: expected {' or '.join(types)}, got {_describe(value)}"
            return ValueCheck([error], [], shape_ok=False)
        return best

    def _check(self, value: Any, type_name: str, path: str, *, text: bool) -> ValueCheck:
        if type_name.startswith("Array of "):
            return self._check_array(value, type_name[len("Array of ") :], path, text=text)
        if type_name in _SCALARS:
            error = _scalar_error(value, type_name, text=text)
            return ValueCheck([f"{path}: {error}"], [], shape_ok=False) if error else ValueCheck()
        shape = self.types.get(type_name)
        if shape is None:
            return ValueCheck([f"{path}: unknown type {type_name} in the spec"])
        if shape.subtypes:
            result = self._check_any(value, shape.subtypes, path, text=text)
            if result.shape_ok and not result.const_ok:
                kinds = ", ".join(shape.subtypes)
                result.errors = [f"{path}: is none of {shape.name}'s kinds ({kinds})"]
            return result
        if isinstance(value, str) and _STRING_ALLOWED in shape.description:
            return ValueCheck()  # KeyboardButton: "String can be used instead of this object"
        return self._check_object(value, shape, path, text=text)

    def _check_array(self, value: Any, item_type: str, path: str, *, text: bool) -> ValueCheck:
        value = _from_json(value) if text else value
        if not isinstance(value, list):
            error = f"{path}: expected Array of {item_type}, got {_describe(value)}"
            return ValueCheck([error], [], shape_ok=False)
        result = ValueCheck()
        for i, item in enumerate(value):
            inner = self._check(item, item_type, f"{path}[{i}]", text=False)
            result.errors += inner.errors
            result.unknown += inner.unknown
        return result

    def _check_object(self, value: Any, shape: Shape, path: str, *, text: bool) -> ValueCheck:
        value = _from_json(value) if text else value
        if not isinstance(value, dict):
            error = f"{path}: expected {shape.name}, got {_describe(value)}"
            return ValueCheck([error], [], shape_ok=False)
        missing = missing_fields(shape, value)
        unknown = [f"{path}.{n}" for n in value if n not in shape.fields]
        result = ValueCheck(unknown=unknown, misfit=len(missing) + len(unknown))
        result.errors += [f"{path}.{n}: required field missing" for n in missing]
        for name, spec_field in shape.fields.items():
            if name in value and value[name] is not None:
                where = f"{path}.{name}"
                inner = self._check_field(spec_field, value[name], where, value, text=False)
                result.errors += inner.errors
                result.unknown += inner.unknown
                result.const_ok = result.const_ok and inner.const_ok
        result.errors += one_of_errors(shape, value, path)
        return result


def _shape(data: dict[str, Any]) -> Shape:
    fields = {
        f["name"]: Field(f["name"], tuple(f["types"]), f["required"], f["description"])
        for f in data.get("fields", [])
    }
    description = " ".join(data.get("description", []))
    return Shape(data["name"], fields, tuple(data.get("subtypes", [])), description)


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

"""Checked conversion between the project dataclasses and plain JSON-like data.

One mechanism serves the file loader and the editing operations: every value is checked
against its field's type and metadata (``min``, ``max``, ``choices``, ``max_length``), and a
problem is reported with the dotted path of the field (``kpi_periods[2].customers_lost``) so a
user can find it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_number


class SchemaError(ValueError):
    """A value that does not fit the project model; ``path`` names the field."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or 'document'}: {problem}")
        self.path = path
        self.problem = problem


#: No figure of a project has more digits (the largest allowed is 10**12, in money).
MAX_DIGITS = 15


class OversizedNumber:
    """What a file reader puts in place of a whole number of more than :data:`MAX_DIGITS`
    digits, instead of converting it (slow, or refused by Python past 4,300 digits), so that the
    check of the field it stands in names that field."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"OversizedNumber({self.digits})"


def too_many_digits(number: OversizedNumber) -> str:
    """The problem with such a number, for the user."""
    return _("a number has {digits} digits, more than any figure can have ({limit})").format(
        digits=number.digits, limit=MAX_DIGITS
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def field_types(cls: type) -> dict[str, Any]:
    """The resolved type of each field of a dataclass."""
    return _hints(cls)


def _join(path: str, name: str) -> str:
    name = _shown(name)
    return f"{path}.{name}" if path else name


def _shown(value: object, most: int = 60) -> str:
    """``value`` as quoted in a message: a text of megabytes is cut, so the message stays one
    readable line."""
    text = str(value)
    return text if len(text) <= most else text[: most - 1] + "…"


def to_plain(value: Any) -> Any:
    """A dataclass tree as dicts, lists, strings and numbers, ready for ``json.dumps``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    return value


def from_plain(tp: Any, data: Any, path: str = "", meta: typing.Mapping[str, Any] = {}) -> Any:
    """Build a value of type ``tp`` from plain data; raises :class:`SchemaError` when it does
    not fit."""
    if isinstance(data, OversizedNumber):
        raise SchemaError(path, too_many_digits(data))
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if data is None:
            return None
        return from_plain(options[0], data, path, meta)
    if dataclasses.is_dataclass(tp):
        return _dataclass_from_plain(tp, data, path)
    if origin is list:
        if not isinstance(data, list):
            raise SchemaError(path, _("expected a list"))
        (item_type,) = typing.get_args(tp)
        return [from_plain(item_type, item, f"{path}[{i}]", meta) for i, item in enumerate(data)]
    if origin is dict:
        if not isinstance(data, dict):
            raise SchemaError(path, _("expected a table of named values"))
        _key_type, value_type = typing.get_args(tp)
        for key in data:
            _short_enough(str(key), _join(path, str(key)), meta)
        return {
            str(k): from_plain(value_type, v, _join(path, str(k)), meta) for k, v in data.items()
        }
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in tp)
            raise SchemaError(
                path,
                _("“{value}” is not one of: {allowed}").format(value=_shown(data), allowed=allowed),
            ) from None
    if data is None:
        raise SchemaError(path, _("this field needs a value"))
    return _scalar(tp, data, path, meta)


def _dataclass_from_plain(cls: Any, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise SchemaError(path, _("expected a table of named values"))
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise SchemaError(_join(path, unknown[0]), _("unknown field"))
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for name, f in fields.items():
        if name in data:
            values[name] = from_plain(hints[name], data[name], _join(path, name), f.metadata)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise SchemaError(_join(path, name), _("this field is missing"))
    return cls(**values)


def _scalar(tp: Any, data: Any, path: str, meta: typing.Mapping[str, Any]) -> Any:
    if tp is bool:
        if not isinstance(data, bool):
            raise SchemaError(path, _("expected true or false"))
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise SchemaError(
                path, _("expected a whole number, found “{value}”").format(value=_shown(data))
            )
        return _bounded(data, path, meta)
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise SchemaError(
                path, _("expected a number, found “{value}”").format(value=_shown(data))
            )
        if data != data or data in (float("inf"), float("-inf")):
            raise SchemaError(path, _("expected a finite number"))
        return _bounded(float(data), path, meta)
    if tp is str:
        if not isinstance(data, str):
            raise SchemaError(path, _("expected text"))
        _short_enough(data, path, meta)
        choices = meta.get("choices")
        if choices and data not in choices:
            allowed = ", ".join(choices)
            raise SchemaError(
                path,
                _("“{value}” is not one of: {allowed}").format(value=_shown(data), allowed=allowed),
            )
        return data
    if tp is dt.datetime:
        try:
            return dt.datetime.fromisoformat(data)
        except (TypeError, ValueError):
            raise SchemaError(path, _("expected a date and time")) from None
    if tp is dt.date:
        try:
            return dt.date.fromisoformat(data)
        except (TypeError, ValueError):
            raise SchemaError(path, _("expected a date written YYYY-MM-DD")) from None
    raise TypeError(f"unsupported type in project model: {tp!r}")


def _readable(value: float) -> str:
    decimals = 0 if value == int(value) else 2
    return format_number(value, current_language(), decimals)


def _short_enough(text: str, path: str, meta: typing.Mapping[str, Any]) -> None:
    limit = meta.get("max_length")
    if limit is not None and len(text) > limit:
        raise SchemaError(
            path,
            _("must be at most {limit} characters, found {length}").format(
                limit=_readable(limit), length=_readable(len(text))
            ),
        )


def _bounded(value: float, path: str, meta: typing.Mapping[str, Any]) -> Any:
    low, high = meta.get("min"), meta.get("max")
    if low is not None and value < low:
        raise SchemaError(
            path,
            _("must be {low} or more, found {value}").format(
                low=_readable(low), value=_readable(value)
            ),
        )
    if high is not None and value > high:
        raise SchemaError(
            path,
            _("must be {high} or less, found {value}").format(
                high=_readable(high), value=_readable(value)
            ),
        )
    return value


def text_limit(cls: type, name: str) -> int | None:
    """The most characters field ``name`` of dataclass ``cls`` holds (None: no limit), for a
    counter beside an input."""
    limit = {f.name: f for f in dataclasses.fields(cls)}[name].metadata.get("max_length")
    return int(limit) if limit is not None else None


def check_field(cls: type, name: str, value: Any, path: str = "") -> Any:
    """Check (and normalise) a new value for one field of a dataclass before it is set."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if name not in fields:
        raise SchemaError(_join(path, name), _("unknown field"))
    return from_plain(_hints(cls)[name], to_plain(value), _join(path, name), fields[name].metadata)

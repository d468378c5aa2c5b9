"""A table as plain data: named columns of a kind (text, count, number, money, percent, date),
rows of values. Titles are untranslated source strings; the writer translates them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # a whole number
    NUMBER = "number"  # ``decimals`` places
    MONEY = "money"  # in the project's currency, two decimals
    PERCENT = "percent"  # in percent points (11.4 means 11.4 %)
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """``title`` is marked with ``N_`` (or is already in the reader's language when
    ``translated``)."""

    title: str
    kind: Kind = Kind.TEXT
    decimals: int = 1
    width: int = 0  # characters; 0: from the title and the values
    translated: bool = False


@dataclass(frozen=True)
class Cell:
    """A value whose kind differs from its column's (a KPI table mixes percents and money)."""

    value: object
    kind: Kind
    decimals: int = 1


Value = str | int | float | dt.date | Cell | None


@dataclass(frozen=True)
class Sheet:
    """``name`` (marked with ``N_``) names the workbook's sheet."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Value, ...]] = field(default_factory=list)

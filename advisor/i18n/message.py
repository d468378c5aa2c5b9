"""Messages and quantities that domain code returns untranslated and unformatted.

Domain functions never know the reader's language: they return a :class:`Message` whose
template is an English source string marked with ``N_`` and whose parameters may be
:class:`Quantity` values. The UI, the PDF and the command line render it in their language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from advisor.i18n import N_, translator
from advisor.i18n.formatting import format_money, format_number, format_percent


class Unit(StrEnum):
    PERCENT = "percent"
    MONEY = "money"
    COUNT = "count"
    NUMBER = "number"
    RATIO = "ratio"
    MONTHS = "months"
    QUARTERS = "quarters"
    YEARS = "years"
    PERIODS = "periods"


#: A duration's words, singular and plural, by unit.
DURATION_WORDS: dict[Unit, tuple[str, str]] = {
    Unit.MONTHS: (N_("{n} month"), N_("{n} months")),
    Unit.QUARTERS: (N_("{n} quarter"), N_("{n} quarters")),
    Unit.YEARS: (N_("{n} year"), N_("{n} years")),
    Unit.PERIODS: (N_("{n} period"), N_("{n} periods")),
}
#: The duration unit of a period of so many months.
PERIOD_UNITS: dict[int, Unit] = {1: Unit.MONTHS, 3: Unit.QUARTERS, 12: Unit.YEARS}


class Quantity(NamedTuple):
    """A number with its unit, formatted by the reader's locale when shown.

    Named tuples rather than frozen dataclasses: the KPI engine builds thousands of these on
    every keystroke, and a tuple is several times cheaper to create."""

    value: float
    unit: Unit
    decimals: int = 1

    def format(self, language: str, currency: str = "EUR") -> str:
        if self.unit == Unit.PERCENT:
            return format_percent(self.value, language, self.decimals)
        if self.unit == Unit.MONEY:
            return format_money(self.value, currency, language, self.decimals)
        if self.unit == Unit.COUNT:
            return format_number(self.value, language, 0)
        if self.unit == Unit.RATIO:
            return format_number(self.value, language, self.decimals) + " : 1"
        if self.unit in DURATION_WORDS:
            singular, plural = DURATION_WORDS[self.unit]
            # French keeps the singular below 2 ("1,5 an"); English only for exactly one.
            one = abs(self.value) < 2 if language == "fr" else self.value == 1
            text = format_number(self.value, language, self.decimals)
            return translator(language).gettext(singular if one else plural).format(n=text)
        return format_number(self.value, language, self.decimals)


def percent(value: float, decimals: int = 1) -> Quantity:
    return Quantity(value, Unit.PERCENT, decimals)


def money(value: float, decimals: int = 2) -> Quantity:
    return Quantity(value, Unit.MONEY, decimals)


def count(value: float) -> Quantity:
    return Quantity(value, Unit.COUNT, 0)


def number(value: float, decimals: int = 2) -> Quantity:
    return Quantity(value, Unit.NUMBER, decimals)


class Message(NamedTuple):
    """An untranslated sentence: ``template`` (marked with ``N_``) plus named parameters."""

    template: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, template: str, **params: object) -> Message:
        return cls(template, tuple(params.items()))

    def render(self, language: str, currency: str = "EUR") -> str:
        """The sentence in ``language``, numbers formatted by its locale."""
        values = {key: _render(value, language, currency) for key, value in self.params}
        return translator(language).gettext(self.template).format(**values)


class Counted(NamedTuple):
    """An untranslated sentence whose wording follows a number: singular and plural templates
    (marked by calling :func:`counted`), the number ``n`` and named parameters."""

    singular: str
    plural: str
    n: float
    params: tuple[tuple[str, object], ...] = ()

    def render(self, language: str, currency: str = "EUR") -> str:
        """The sentence in ``language``, in the form ``n`` takes there."""
        values = {key: _render(value, language, currency) for key, value in self.params}
        template = translator(language).ngettext(self.singular, self.plural, self.n)
        return template.format(**values)


def counted(singular: str, plural: str, n: float, **params: object) -> Counted:
    """A :class:`Counted` sentence; extraction reads its two templates as a plural entry."""
    return Counted(singular, plural, n, tuple(params.items()))


def points(value: float, sign: str = "") -> Counted:
    """A number of percentage points, whole or to one decimal, with ``sign`` before it:
    "+0.9 points", "3 points", French "0,9 point" (singular below 2)."""
    decimals = 0 if value % 1 == 0 else 1
    return counted(
        "{sign}{points} point",
        "{sign}{points} points",
        round(value, decimals),
        sign=sign,
        points=Quantity(value, Unit.NUMBER, decimals),
    )


def _render(value: object, language: str, currency: str) -> object:
    if isinstance(value, Quantity):
        return value.format(language, currency)
    if isinstance(value, (Message, Counted)):
        return value.render(language, currency)
    return value

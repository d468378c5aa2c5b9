"""Messages and quantities that domain code returns untranslated and unformatted.

Domain functions never know the reader's language: they return a :class:`Message` whose
template is an English source string marked with ``N_`` and whose parameters may be
:class:`Quantity` values. The UI, the PDF and the command line render it in their language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from advisor.i18n import translator
from advisor.i18n.formatting import format_money, format_number, format_percent


class Unit(StrEnum):
    PERCENT = "percent"
    MONEY = "money"
    COUNT = "count"
    NUMBER = "number"
    RATIO = "ratio"


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


def _render(value: object, language: str, currency: str) -> object:
    if isinstance(value, Quantity):
        return value.format(language, currency)
    if isinstance(value, Message):
        return value.render(language, currency)
    return value

"""Numbers, percentages, money and dates as English and French readers expect them, and numbers
typed either way read back correctly."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.i18n.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    parse_number,
)

NNBSP = "\u202f"  # narrow no-break space: French thousands and before % and €
NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (1234567.891, "en", 2, "1,234,567.89"),
        (1234567.891, "fr", 2, f"1{NNBSP}234{NNBSP}567,89"),
        (999, "en", 0, "999"),
        (999, "fr", 0, "999"),
        (1000, "fr", 0, f"1{NNBSP}000"),
        (1234.6, "en", 0, "1,235"),
        (0.129, "fr", 2, "0,13"),
        (-1234.5, "en", 1, f"{MINUS}1,234.5"),
        (-1234.5, "fr", 1, f"{MINUS}1{NNBSP}234,5"),
    ],
)
def test_format_number(value: float, language: str, decimals: int, expected: str) -> None:
    assert format_number(value, language, decimals) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (12.5, "en", "12.5%"),
        (12.5, "fr", f"12,5{NNBSP}%"),
        (-3.26, "en", f"{MINUS}3.3%"),
        (-3.26, "fr", f"{MINUS}3,3{NNBSP}%"),
        (1250.0, "fr", f"1{NNBSP}250,0{NNBSP}%"),
    ],
)
def test_format_percent(value: float, language: str, expected: str) -> None:
    assert format_percent(value, language) == expected


@pytest.mark.parametrize(
    ("value", "currency", "language", "expected"),
    [
        (1234.56, "EUR", "en", "€1,234.56"),
        (1234.56, "EUR", "fr", f"1{NNBSP}234,56{NNBSP}€"),
        (-1234.56, "EUR", "en", f"{MINUS}€1,234.56"),
        (-1234.56, "EUR", "fr", f"{MINUS}1{NNBSP}234,56{NNBSP}€"),
        (99.5, "USD", "en", "$99.50"),
        (99.5, "GBP", "fr", f"99,50{NNBSP}£"),
        (1234.56, "CHF", "en", "CHF 1,234.56"),
        (1234.56, "CHF", "fr", f"1{NNBSP}234,56{NNBSP}CHF"),
        (10, "CAD", "en", "CA$10.00"),
    ],
)
def test_format_money(value: float, currency: str, language: str, expected: str) -> None:
    assert format_money(value, currency, language) == expected


def test_format_money_without_cents() -> None:
    assert format_money(412_500.5, "EUR", "fr", decimals=0) == f"412{NNBSP}500{NNBSP}€"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (dt.date(2026, 11, 22), "en", "22 November 2026"),
        (dt.date(2026, 11, 22), "fr", "22 novembre 2026"),
        (dt.date(2026, 2, 1), "en", "1 February 2026"),
        (dt.date(2026, 2, 1), "fr", "1er février 2026"),
        (dt.date(2025, 8, 15), "fr", "15 août 2025"),
    ],
)
def test_format_date(value: dt.date, language: str, expected: str) -> None:
    assert format_date(value, language) == expected


def test_format_datetime_uses_24_hour_clock_in_both_languages() -> None:
    moment = dt.datetime(2025, 7, 3, 21, 5)

    assert format_datetime(moment, "en") == "3 July 2025 at 21:05"
    assert format_datetime(moment, "fr") == "3 juillet 2025 à 21:05"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_value_that_rounds_to_zero_shows_no_minus_sign(language: str) -> None:
    """Bug: a tiny negative change is shown as "−0.00" / "−0,0 %" / "−€0.00"."""
    assert MINUS not in format_number(-0.004, language, 2)
    assert MINUS not in format_percent(-0.04, language, 1)
    assert MINUS not in format_money(-0.004, "EUR", language)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1 234,56", "fr", 1234.56),
        (f"1{NBSP}234,56", "fr", 1234.56),
        (f"1{NNBSP}234,56", "fr", 1234.56),
        ("1234.56", "fr", 1234.56),
        ("1234.56", "en", 1234.56),
        ("€1,234.56", "en", 1234.56),
        ("1,234", "en", 1234.0),
        ("1,234,567", "en", 1234567.0),
        ("1,5", "fr", 1.5),
        ("1.234,56", "fr", 1234.56),
        ("1 234,56 €", "fr", 1234.56),
        (f"1{NNBSP}234,56{NNBSP}€", "fr", 1234.56),
        ("CHF 1'234.50", "en", 1234.5),
        ("  42  ", "en", 42.0),
        ("-12,5", "fr", -12.5),
        (f"{MINUS}12,5", "fr", -12.5),
    ],
)
def test_parse_number_reads_what_people_type(text: str, language: str, expected: float) -> None:
    assert parse_number(text, language) == pytest.approx(expected)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("text", ["abc", "", "   ", "12abc", "1.2.3", "€", "--5"])
def test_parse_number_refuses_what_is_not_a_number(text: str, language: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text, language)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("value", [0.0, 7.0, 1234.56, -98765.43, 1_000_000.0])
def test_formatted_number_reads_back_as_the_same_value(value: float, language: str) -> None:
    assert parse_number(format_number(value, language, 2), language) == pytest.approx(value)
    assert parse_number(format_money(value, "EUR", language), language) == pytest.approx(value)

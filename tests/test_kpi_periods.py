"""KPI periods: the next one to add, their length, which one an imported period is, and
their dates as people type them."""

from __future__ import annotations

import datetime as dt

from advisor.domain.periods import find_period, next_period, period_length, usual_length
from advisor.domain.project import KpiPeriod

D = dt.date


def test_the_next_period_follows_the_last_with_its_length_and_customers() -> None:
    last = KpiPeriod("2026 Q1", D(2026, 1, 1), D(2026, 3, 31), customers_end=120)
    following = next_period([last], D(2026, 5, 1))
    assert (following.label, following.start, following.end) == (
        "2026 Q2",
        D(2026, 4, 1),
        D(2026, 6, 30),
    )
    assert following.customers_start == 120


def test_lengths_come_from_the_dates() -> None:
    month = KpiPeriod("m", D(2025, 2, 1), D(2025, 2, 28))
    quarter = KpiPeriod("q", D(2025, 1, 1), D(2025, 3, 31))
    year = KpiPeriod("y", D(2025, 1, 1), D(2025, 12, 31))
    odd = KpiPeriod("two months", D(2025, 1, 1), D(2025, 2, 28))
    assert [period_length(p) for p in (month, quarter, year, odd)] == [
        "month",
        "quarter",
        "year",
        None,
    ]
    assert period_length(KpiPeriod("no dates")) is None
    assert usual_length([month, quarter, quarter, KpiPeriod("x")]) == "quarter"
    assert usual_length([month, quarter]) == "quarter"  # a tie: the latest period's
    assert usual_length([KpiPeriod("x")]) is None


def test_an_imported_period_is_found_by_its_dates_then_by_its_label() -> None:
    periods = [
        KpiPeriod("2025 T1", D(2025, 1, 1), D(2025, 3, 31)),
        KpiPeriod("2025-04"),
        KpiPeriod("2025-05", D(2025, 5, 1), D(2025, 5, 31)),
    ]
    assert find_period(periods, "2025-Q1", D(2025, 1, 1), D(2025, 3, 31)) == 0
    assert find_period(periods, "2025-04", D(2025, 4, 1), D(2025, 4, 30)) == 1  # no dates typed
    assert find_period(periods, "2025-05", D(2025, 5, 1), D(2025, 6, 30)) is None  # other dates
    assert find_period(periods, "2025-06", D(2025, 6, 1), D(2025, 6, 30)) is None


def test_a_period_s_dates_are_read_as_people_type_them() -> None:
    from advisor.i18n.formatting import parse_date

    for typed in ("2027-01-31", "31/01/2027", "31.01.2027", "31 janv. 2027", "31 janvier 2027"):
        assert parse_date(typed, "fr") == D(2027, 1, 31), typed
    assert parse_date("1er\u00a0févr.\u00a02027", "fr") == D(2027, 2, 1)  # as the plan prints
    for typed in ("31 Jan 2027", "January 31, 2027", "Jan 31st 2027", "01/31/2027"):
        assert parse_date(typed, "en", day_first=False) == D(2027, 1, 31), typed
    assert parse_date("03/04/2026", "en", day_first=True) == D(2026, 4, 3)


def test_a_date_on_its_way_is_no_mistake_yet_but_a_wrong_letter_is() -> None:
    from advisor.i18n.formatting import still_typing_date

    for prefix in ("3", "31/", "31/0", "31/03/20", "2026-0", "31 ja", "1er mars 2", "March 3"):
        assert still_typing_date(prefix), prefix
    for wrong in ("31x", "31/03/2026/1", "x1", "31-03-20266"):
        assert not still_typing_date(wrong), wrong

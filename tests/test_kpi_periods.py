"""KPI periods: the next one to add, their length, and which one an imported period is."""

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

"""Periods as an owner makes them: named in the interface's language when created, added
going back in time from the last one that is over, and recognised by their dates whatever
language named them. Every expectation worked out on a calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.domain.periods import (
    find_period,
    last_periods,
    next_period,
    period_before,
    period_label,
    period_months,
)
from advisor.domain.project import KpiPeriod

D = dt.date
TODAY = D(2026, 12, 5)


@pytest.mark.parametrize(
    ("start", "months", "english", "french"),
    [
        (D(2026, 4, 1), 1, "2026-04", "2026-04"),
        (D(2026, 4, 1), 3, "2026 Q2", "2026 T2"),
        (D(2026, 10, 1), 3, "2026 Q4", "2026 T4"),
        (D(2026, 1, 1), 12, "2026", "2026"),
        (D(2026, 2, 1), 3, "2026-02 +3", "2026-02 +3"),  # a quarter off the calendar's
    ],
)
def test_a_period_is_named_in_the_interface_s_language(
    start: dt.date, months: int, english: str, french: str
) -> None:
    assert period_label(start, months, "en") == english
    assert period_label(start, months, "fr") == french


def test_the_next_period_is_named_like_the_french_demo() -> None:
    first = KpiPeriod("2026 T1", D(2026, 1, 1), D(2026, 3, 31), customers_end=1785)
    following = next_period([first], D(2026, 8, 1), "fr")
    assert (following.label, following.start, following.end) == (
        "2026 T2",
        D(2026, 4, 1),
        D(2026, 6, 30),
    )
    assert following.customers_start == 1785  # carried from the end before


@pytest.mark.parametrize(
    ("today", "label", "start", "end"),
    [
        (D(2026, 5, 10), "2026 Q1", D(2026, 1, 1), D(2026, 3, 31)),  # Q2 is not over
        (D(2026, 4, 1), "2026 Q1", D(2026, 1, 1), D(2026, 3, 31)),  # Q1 ended yesterday
        (D(2026, 3, 31), "2025 Q4", D(2025, 10, 1), D(2025, 12, 31)),  # Q1's last day
        (D(2026, 1, 15), "2025 Q4", D(2025, 10, 1), D(2025, 12, 31)),
    ],
)
def test_a_first_period_is_the_last_quarter_that_is_over(
    today: dt.date, label: str, start: dt.date, end: dt.date
) -> None:
    first = next_period([], today, "en")
    assert (first.label, first.start, first.end) == (label, start, end)


def test_the_period_before_the_first_has_its_length() -> None:
    quarter = KpiPeriod("2026 T1", D(2026, 1, 1), D(2026, 3, 31), customers_start=1720)
    before = period_before([quarter], D(2026, 8, 1), "fr")
    assert (before.label, before.start, before.end) == ("2025 T4", D(2025, 10, 1), D(2025, 12, 31))
    assert before.customers_start is None  # nothing known before it
    month = KpiPeriod("2026-01", D(2026, 1, 1), D(2026, 1, 31))
    before = period_before([month], D(2026, 8, 1), "en")
    assert (before.label, before.start, before.end) == ("2025-12", D(2025, 12, 1), D(2025, 12, 31))
    year = KpiPeriod("2026", D(2026, 1, 1), D(2026, 12, 31))
    assert period_before([year], D(2027, 8, 1)).label == "2025"


def test_the_last_four_quarters_end_with_the_last_one_that_is_over() -> None:
    quarters = last_periods(3, 4, D(2026, 5, 10), "fr")
    assert [p.label for p in quarters] == ["2025 T2", "2025 T3", "2025 T4", "2026 T1"]
    assert (quarters[0].start, quarters[-1].end) == (D(2025, 4, 1), D(2026, 3, 31))
    # each starts the day after the one before ends: no gap, no overlap
    assert all(
        later.start == earlier.end + dt.timedelta(days=1)  # type: ignore[operator]
        for earlier, later in zip(quarters, quarters[1:], strict=False)
    )


def test_the_last_twelve_months_stop_before_the_month_under_way() -> None:
    months = last_periods(1, 12, D(2026, 5, 10), "en")
    assert [p.label for p in months][:2] == ["2025-05", "2025-06"]
    assert months[-1].label == "2026-04"
    assert (months[-1].start, months[-1].end) == (D(2026, 4, 1), D(2026, 4, 30))
    assert months[9].end == D(2026, 2, 28)  # February's own length
    years = last_periods(12, 3, D(2026, 5, 10), "en")
    assert [p.label for p in years] == ["2023", "2024", "2025"]


def test_a_period_is_found_by_its_dates_before_its_name() -> None:
    periods = [
        KpiPeriod("2026 T1", D(2026, 1, 1), D(2026, 3, 31)),  # named in French
        KpiPeriod("2026 Q2", D(2026, 1, 1), D(2026, 1, 31)),  # a misleading name
    ]
    assert find_period(periods, "2026 Q1", D(2026, 1, 1), D(2026, 3, 31)) == 0
    assert find_period(periods, "2026 Q2", D(2026, 4, 1), D(2026, 6, 30)) is None
    undated = [KpiPeriod("2026 T2")]
    assert find_period(undated, "2026 T2", D(2026, 4, 1), D(2026, 6, 30)) == 0


def test_periods_around_one_typed_from_the_15th_keep_its_days_and_length() -> None:
    """Typed 15 January to 14 April 2025 (a quarter from the 15th): the quarter before runs
    15 October 2024 to 14 January 2025 and the one after 15 April to 14 July, with no day in
    two periods or in none, each named by its dates."""
    typed = KpiPeriod("Q1 fiscal", dt.date(2025, 1, 15), dt.date(2025, 4, 14), customers_end=90)
    before = period_before([typed], TODAY)
    after = next_period([typed], TODAY)
    assert (before.label, before.start, before.end) == (
        "2024-10-15 – 2025-01-14",
        dt.date(2024, 10, 15),
        dt.date(2025, 1, 14),
    )
    assert (after.label, after.start, after.end, after.customers_start) == (
        "2025-04-15 – 2025-07-14",
        dt.date(2025, 4, 15),
        dt.date(2025, 7, 14),
        90,
    )
    assert period_months(KpiPeriod(after.label)) == 3


def test_a_period_ending_on_a_months_last_day_is_followed_by_one_ending_on_one() -> None:
    """1 January to 20 March is about a quarter (79 days): the next one runs 21 March to 20
    June. From 30 November 2024 to 28 February 2025 (the month's last day), the next ends on
    31 May, not the 28th."""
    after = next_period([KpiPeriod("odd", dt.date(2025, 1, 1), dt.date(2025, 3, 20))], TODAY)
    assert (after.start, after.end) == (dt.date(2025, 3, 21), dt.date(2025, 6, 20))
    winter = KpiPeriod("winter", dt.date(2024, 11, 30), dt.date(2025, 2, 28))
    assert next_period([winter], TODAY).end == dt.date(2025, 5, 31)


@pytest.mark.parametrize(
    ("label", "months"),
    [("2026-03 +2", 2), ("2026-03-21 – 2026-06-20", 3), ("2026-02-30 – 2026-05-29", None)],
    ids=["months-counted", "dated", "impossible-date"],
)
def test_a_period_without_dates_tells_its_length_from_its_name(
    label: str, months: int | None
) -> None:
    assert period_months(KpiPeriod(label)) == months

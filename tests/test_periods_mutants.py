"""Period figures at their edges: years and quarters with their calendar dates, a shop with
guests only, a customer kept from one period to the next after the first one, a refund dated
before the first order, figures shown to the cent and a quarter's name in a language without
a letter of its own. Written against the changes mutation testing made to
``advisor/analytics/periods.py`` that no other test noticed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd

from advisor.analytics.periods import (
    PeriodFigures,
    PeriodUnit,
    compute_periods,
    display_label,
    period_bounds,
    period_label,
    period_numbers,
)

GUEST = -1


def _frame(rows: list[tuple[int, str, object]]) -> pd.DataFrame:
    """Orders (or refunds) as the import gives them: customer code (−1 for a guest), date,
    amount."""
    return pd.DataFrame(
        {
            "code": np.array([r[0] for r in rows], dtype=np.int64),
            "date": pd.to_datetime([r[1] for r in rows]).to_numpy(dtype="datetime64[ns]"),
            "amount": [r[2] for r in rows],
        }
    )


NO_REFUNDS = _frame([])


def _customers(periods: list[PeriodFigures]) -> list[tuple[object, ...]]:
    return [
        (p.label, p.customers_start, p.customers_end, p.new, p.retained, p.reactivated, p.lost)
        for p in periods
    ]


def _dates(periods: list[PeriodFigures]) -> list[tuple[str, dt.date, dt.date]]:
    return [(p.label, p.start, p.end) for p in periods]


# --- periods and their dates ------------------------------------------------------------------


def test_yearly_figures_name_each_year_and_run_from_1_january_to_31_december() -> None:
    # ann (0) orders on 10 March 2024 and 20 November 2025: new in 2024, kept in 2025.
    orders = _frame([(0, "2024-03-10", 10.0), (0, "2025-11-20", 20.0)])
    periods = compute_periods(orders, NO_REFUNDS, PeriodUnit.YEAR)
    assert _dates(periods) == [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ]
    assert _customers(periods) == [("2024", 0, 1, 1, 0, 0, 0), ("2025", 1, 1, 0, 1, 0, 0)]
    assert [(p.orders, p.revenue) for p in periods] == [(1, 10.0), (1, 20.0)]


def test_a_year_of_orders_makes_four_quarters_with_their_calendar_dates() -> None:
    # ann (0) on 15 January and 1 October, bob (1) on 5 May, cat (2) on 24 December 2026.
    orders = _frame(
        [
            (0, "2026-01-15", 1.0),
            (1, "2026-05-05", 1.0),
            (0, "2026-10-01", 1.0),
            (2, "2026-12-24", 1.0),
        ]
    )
    periods = compute_periods(orders, NO_REFUNDS, PeriodUnit.QUARTER)
    assert _dates(periods) == [
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2026-Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]
    # Q1: ann is new. Q2: bob is new, ann is lost. Q3: nobody orders, bob is lost.
    # Q4: cat is new, ann comes back after two quarters away (reactivated).
    assert _customers(periods) == [
        ("2026-Q1", 0, 1, 1, 0, 0, 0),
        ("2026-Q2", 1, 1, 1, 0, 0, 1),
        ("2026-Q3", 1, 0, 0, 0, 0, 1),
        ("2026-Q4", 0, 2, 1, 0, 1, 0),
    ]
    assert [p.orders for p in periods] == [1, 1, 0, 2]


def test_december_ends_on_the_31st_of_the_same_year() -> None:
    # 2025-12 is month number 2025 × 12 + 11; February 2024 (a leap year) has 29 days.
    assert period_bounds(2025 * 12 + 11, PeriodUnit.MONTH) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 31),
    )
    assert period_bounds(2024 * 12 + 1, PeriodUnit.MONTH) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    # a year by itself, without orders around it
    assert period_bounds(2027, PeriodUnit.YEAR) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))


def test_each_dated_row_gets_its_year_quarter_or_month_and_keeps_its_row() -> None:
    # 15 April 2025 is in 2025, its 2nd quarter and 4th month; 1 October 2025 in its 4th
    # quarter; 30 June 2026 in 2026, its 2nd quarter and 6th month.
    dates = pd.Series(pd.to_datetime(["2025-04-15", "2025-10-01", "2026-06-30"]), index=[7, 3, 9])
    expected = {
        PeriodUnit.YEAR: ["2025", "2025", "2026"],
        PeriodUnit.QUARTER: ["2025-Q2", "2025-Q4", "2026-Q2"],
        PeriodUnit.MONTH: ["2025-04", "2025-10", "2026-06"],
    }
    for unit, labels in expected.items():
        numbers = period_numbers(dates, unit)
        assert numbers.index.tolist() == [7, 3, 9]
        assert [period_label(int(n), unit) for n in numbers] == labels, unit
    # consecutive periods differ by one: 2025-Q4 is followed by 2026-Q1, two before 2026-Q2
    quarters = period_numbers(dates, PeriodUnit.QUARTER).tolist()
    assert quarters[2] - quarters[1] == 2
    years = period_numbers(dates, PeriodUnit.YEAR).tolist()
    assert years == [2025, 2025, 2026]


def test_a_quarter_reads_q_in_a_language_without_a_letter_of_its_own() -> None:
    # only English (Q) and French (T) have a letter; German falls back on Q
    assert display_label("2025-Q3", "de") == "2025 Q3"
    assert display_label("2026-Q1", "es") == "2026 Q1"


# --- customer figures -------------------------------------------------------------------------


def test_a_shop_with_guests_only_has_orders_and_revenue_but_no_customer_figures() -> None:
    orders = _frame(
        [(GUEST, "2025-01-03", 12.0), (GUEST, "2025-01-20", 8.0), (GUEST, "2025-02-11", 5.5)]
    )
    periods = compute_periods(orders, NO_REFUNDS, PeriodUnit.MONTH)
    # January: two guest orders, 12 + 8 = 20; February: one of 5.5; no customer at all
    assert _customers(periods) == [("2025-01", 0, 0, 0, 0, 0, 0), ("2025-02", 0, 0, 0, 0, 0, 0)]
    assert [(p.orders, p.revenue, p.customer_orders, p.customer_revenue) for p in periods] == [
        (2, 20.0, 0, 0.0),
        (1, 5.5, 0, 0.0),
    ]
    assert [p.repeat_buyers for p in periods] == [0, 0]
    assert [p.retention_rate for p in periods] == [None, None]


def test_a_customer_kept_from_the_second_month_to_the_third_counts_as_retained() -> None:
    # Code 0 (ann) has no order here (only a refund elsewhere), so the first customer in the
    # file is bob (1). bob orders in January and February, cat (2) in February and March.
    orders = _frame(
        [
            (1, "2025-01-10", 10.0),
            (1, "2025-02-10", 10.0),
            (2, "2025-02-12", 10.0),
            (2, "2025-03-05", 10.0),
        ]
    )
    periods = compute_periods(orders, NO_REFUNDS, PeriodUnit.MONTH)
    # January: bob is new. February: bob kept, cat new. March: cat kept, bob lost.
    assert _customers(periods) == [
        ("2025-01", 0, 1, 1, 0, 0, 0),
        ("2025-02", 1, 2, 1, 1, 0, 0),
        ("2025-03", 2, 1, 0, 1, 0, 1),
    ]
    # March: retention (1 − 0) / 2 = 50 %, churn 1 / 2 = 50 %
    assert (periods[2].retention_rate, periods[2].churn_rate) == (50.0, 50.0)


# --- money ------------------------------------------------------------------------------------


def test_a_refund_dated_before_the_first_order_is_left_out_of_the_revenue() -> None:
    # orders only in March 2025; a refund of 30 in January (an order older than the file)
    # and one of 10 in March: March's revenue is 100 − 10 = 90.
    orders = _frame([(0, "2025-03-04", 60.0), (GUEST, "2025-03-20", 40.0)])
    refunds = _frame([(0, "2025-01-15", 30.0), (0, "2025-03-21", 10.0)])
    (march,) = compute_periods(orders, refunds, PeriodUnit.MONTH)
    assert (march.label, march.orders, march.revenue) == ("2025-03", 2, 90.0)
    assert march.customer_revenue == 60.0  # refunds are taken off the revenue only


def test_revenue_and_customer_revenue_are_shown_to_the_cent() -> None:
    # amounts with a tenth of a cent (as in a three-decimal currency): the customer's
    # 10.5 + 0.004 = 10.504 shows as 10.50; with the guest's 2.25, 12.754 shows as 12.75.
    orders = _frame(
        [(0, "2025-05-02", 10.5), (0, "2025-05-09", 0.004), (GUEST, "2025-05-30", 2.25)]
    )
    (may,) = compute_periods(orders, NO_REFUNDS, PeriodUnit.MONTH)
    assert (may.revenue, may.customer_revenue) == (12.75, 10.5)
    assert may.repeat_buyers == 1  # the customer ordered twice


def test_amounts_given_as_decimal_numbers_are_summed_as_money() -> None:
    # a reader giving exact decimals (Decimal objects) instead of floats: 19.90 + 5.10 = 25.00
    orders = _frame([(0, "2025-06-01", Decimal("19.90")), (GUEST, "2025-06-02", Decimal("5.10"))])
    (june,) = compute_periods(orders, NO_REFUNDS, PeriodUnit.MONTH)
    assert (june.revenue, june.customer_revenue) == (25.0, 19.9)

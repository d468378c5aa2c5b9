"""The what-if view word for word and at its edges: the exact sentences a shop owner reads (the
reasons a figure cannot be worked out and the assumptions behind the money), a one-day period,
a churn under 1 % and a shop that lost no customer. Written against the changes mutation
testing made to ``advisor/domain/what_if.py`` that no other test noticed."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.domain.project import KpiPeriod
from advisor.domain.what_if import period_months
from tests.test_what_if import quarter, reason, worth


def assumptions(period: KpiPeriod, points: float) -> list[str]:
    return [message.render("en") for message in worth(period, points).assumptions]


# --- the reasons, word for word -------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "points", "expected"),
    [
        ({"customers_lost": None}, 2, "Cannot work out today's churn: Needs “Customers lost”."),
        ({}, -1, "The retention gain must be 0 points or more."),
        (
            {},
            10.5,
            # churn 100 / 1,000 = 10 %, shown with one decimal
            "The gain cannot be more than today's churn of 10.0%: churn cannot go below 0 %.",
        ),
        (
            {"end": None},
            2,
            "Needs the period's start and end dates (the end on or after the start), "
            "to turn periods into months.",
        ),
        (
            {"revenue": None},
            2,
            "Cannot work out what a customer brings per period: Needs “Revenue”.",
        ),
    ],
    ids=["no churn", "negative gain", "gain above churn", "no end date", "no revenue"],
)
def test_a_figure_that_cannot_be_worked_out_gives_its_whole_sentence(
    changes: dict[str, object], points: float, expected: str
) -> None:
    assert reason(quarter(**changes), points) == expected


# --- the assumptions, word for word ---------------------------------------------------------


def test_the_assumptions_name_the_gain_the_buyer_the_churn_the_period_margin_and_cac() -> None:
    assert assumptions(quarter(), 2) == [
        # 2 points of 1,000 customers = 20 more customers kept each period, one decimal each
        "Your customer base stays about its current size, so 2.0 points less churn keeps "
        "20.0 more customers each period.",
        # 30,000 revenue ÷ 600 buyers = €50.00 a quarter
        "Customers who stay keep buying like today's average buyer: €50.00 per period, "
        "as revenue, not profit, and not discounted.",
        # churn 10 % − 2 points = 8 %
        "The customers kept leave later at the new churn of 8.0% per period.",
        # 90 days ÷ 30.4375 = 2.957 months, one decimal: 3.0
        "One period lasts 3.0 months, from the period's dates; a part-period at the end "
        "counts in proportion.",
        "Lifetime value is gross profit: the 50.0% gross margin is applied.",
        # 5,000 acquisition spend ÷ 100 new customers = €50.00
        "Replacing each customer kept would cost today's acquisition cost of €50.00.",
    ]


def test_the_assumptions_say_what_to_enter_without_a_margin_or_acquisition_figures() -> None:
    said = assumptions(quarter(gross_margin_pct=None, acquisition_spend=None), 2)

    assert said[4:] == [
        "Lifetime value is revenue: enter the gross margin % to see profit.",
        "Enter the acquisition spend and new customers to see what replacing the customers "
        "kept would cost.",
    ]


def test_a_gain_of_one_and_a_half_points_over_a_year_shows_its_own_figures() -> None:
    year = quarter(end=dt.date(2026, 12, 31))
    said = assumptions(year, 1.5)

    # 1.5 points of 1,000 customers = 15 more customers each period
    assert said[0] == (
        "Your customer base stays about its current size, so 1.5 points less churn keeps "
        "15.0 more customers each period."
    )
    # churn 10 % − 1.5 points = 8.5 %
    assert said[2] == "The customers kept leave later at the new churn of 8.5% per period."
    # 365 days ÷ 30.4375 = 11.99 months, one decimal: 12.0
    assert said[3] == (
        "One period lasts 12.0 months, from the period's dates; a part-period at the end "
        "counts in proportion."
    )


# --- edges ----------------------------------------------------------------------------------


def test_a_one_day_period_lasts_a_thirtieth_of_a_month() -> None:
    day = quarter(end=dt.date(2026, 1, 1))

    # start = end: 1 day ÷ 30.4375 = 0.032854 months
    assert period_months(day) == pytest.approx(0.032854, abs=1e-6)
    assert worth(day, 2).period_months == pytest.approx(0.032854, abs=1e-6)


def test_a_churn_under_one_percent_still_has_a_lifespan() -> None:
    result = worth(quarter(customers_lost=5, customers_end=1095), 0.25)

    # churn 5 / 1,000 = 0.5 %: 100 ÷ 0.5 = 200 quarters; after the gain 0.25 %: 400 quarters
    assert result.lifespan_before == pytest.approx(200.0)
    assert result.lifespan_after == pytest.approx(400.0)
    # a buyer's 50 a quarter × 50 % margin = 25; × 200 = 5,000; × 400 = 10,000
    assert result.clv_before == pytest.approx(5_000.0)
    assert result.clv_after == pytest.approx(10_000.0)


def test_a_shop_that_lost_no_customer_has_unbounded_lifespans_and_no_gain_to_make() -> None:
    result = worth(quarter(customers_lost=0, customers_end=1100), 0)

    # churn 0 %: customers never leave, so no lifespan and no lifetime value, before or after
    assert (result.churn_before, result.churn_after) == (0.0, 0.0)
    assert (result.lifespan_before, result.lifespan_after) == (None, None)
    assert (result.clv_before, result.clv_after) == (None, None)
    assert result.revenue_kept_12_months == 0

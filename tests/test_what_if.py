"""The what-if view's money on hand-computed figures: a retention gain turned into churn,
lifespan, lifetime value, revenue kept and acquisition spend saved, and the reasons a shop owner
reads when a figure it needs is missing."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.domain.kpis import compute_kpis
from advisor.domain.project import KpiPeriod
from advisor.domain.what_if import WhatIf, period_months, what_if
from advisor.i18n.message import Message

# One period lasts 90 days (2026-01-01..2026-03-31, both included) = 90 / 30.4375 months,
# so 12 months = 12 × 30.4375 / 90 = 365.25 / 90 = 4.058333 periods
# and 36 months = 1095.75 / 90 = 12.175 periods.
QUARTER_MONTHS = 90 / 30.4375


def quarter(**changes: object) -> KpiPeriod:
    """A quarter of a small shop.

    Churn 100 / 1,000 = 10 %; a buyer brings 30,000 / 600 = 50 per quarter
    (AOV 30,000 / 900 = 33.33 × frequency 900 / 600 = 1.5); CAC 5,000 / 100 = 50.
    """
    figures: dict[str, object] = {
        "label": "Q1 2026",
        "start": dt.date(2026, 1, 1),
        "end": dt.date(2026, 3, 31),
        "customers_start": 1000,
        "customers_end": 1000,
        "customers_new": 100,
        "customers_lost": 100,
        "orders": 900,
        "revenue": 30_000.0,
        "unique_buyers": 600,
        "gross_margin_pct": 50.0,
        "acquisition_spend": 5_000.0,
    }
    figures.update(changes)
    return KpiPeriod(**figures)  # type: ignore[arg-type]


def worth(period: KpiPeriod, points: float) -> WhatIf:
    result = what_if(period, points)
    assert isinstance(result, WhatIf), result.render("en")
    return result


def reason(period: KpiPeriod, points: float, language: str = "en") -> str:
    result = what_if(period, points)
    assert isinstance(result, Message), result
    return result.render(language)


# --- period length --------------------------------------------------------------------------


def test_period_length_counts_both_days_in_average_months() -> None:
    assert period_months(quarter()) == pytest.approx(2.9569, abs=1e-4)  # 90 / 30.4375
    year = quarter(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert period_months(year) == pytest.approx(11.9918, abs=1e-4)  # 365 / 30.4375


@pytest.mark.parametrize(
    "changes",
    [{"start": None}, {"end": None}, {"end": dt.date(2025, 12, 1)}],
    ids=["no start", "no end", "ends before it starts"],
)
def test_period_length_is_unknown_without_sound_dates(changes: dict[str, object]) -> None:
    assert period_months(quarter(**changes)) is None


# --- a 2-point gain -------------------------------------------------------------------------


def test_two_points_less_churn_lengthens_the_lifespan() -> None:
    result = worth(quarter(), 2)

    assert (result.churn_before, result.churn_after) == (10.0, 8.0)
    # 1 ÷ 10 % = 10 quarters; 1 ÷ 8 % = 12.5 quarters
    assert result.lifespan_before == pytest.approx(10.0)
    assert result.lifespan_after == pytest.approx(12.5)
    assert result.period_months == pytest.approx(QUARTER_MONTHS)


def test_lifetime_value_uses_the_margin_and_matches_the_kpi_step() -> None:
    result = worth(quarter(), 2)

    # 50 per quarter × 50 % margin = 25; × 10 quarters = 250; × 12.5 quarters = 312.50
    assert result.margin_based
    assert result.clv_before == pytest.approx(250.0)
    assert result.clv_after == pytest.approx(312.5)
    assert result.clv_before == pytest.approx(compute_kpis(quarter())["clv_margin"].value)


def test_lifetime_value_is_revenue_when_the_margin_is_unknown() -> None:
    result = worth(quarter(gross_margin_pct=None), 2)

    # 50 per quarter × 10 = 500; × 12.5 = 625
    assert not result.margin_based
    assert (result.clv_before, result.clv_after) == pytest.approx((500.0, 625.0))
    said = " ".join(m.render("en") for m in result.assumptions)
    assert "Lifetime value is revenue" in said


def test_gain_keeps_customers_and_revenue_over_one_year() -> None:
    result = worth(quarter(), 2)

    # 1,000 customers × 2 / 100 = 20 more customers kept each quarter
    assert result.extra_customers_per_period == pytest.approx(20.0)
    # Extra customers present each quarter, those kept earlier surviving at 92 %:
    #   Q1 20; Q2 20 × 0.92 + 20 = 38.4; Q3 55.328; Q4 70.90176; Q5 85.2296192
    # 12 months = 4.058333 quarters: 20 + 38.4 + 55.328 + 70.90176 = 184.62976
    #   + 0.058333 × 85.2296192 = 4.971728 → 189.601488 customer-quarters × 50 = 9,480.07
    assert result.revenue_kept_12_months == pytest.approx(9_480.07, abs=0.01)


def test_gain_keeps_revenue_over_three_years() -> None:
    result = worth(quarter(), 2)

    # Quarter n holds 20 × (1 − 0.92ⁿ) / 0.08 = 250 × (1 − 0.92ⁿ) extra customers.
    # Quarters 1..12: 250 × (12 − 0.92 × (1 − 0.92¹²) / 0.08) = 250 × (12 − 7.271837)
    #   = 1,182.040865; part-quarter 13: 0.175 × 250 × (1 − 0.92¹³ = 0.661747) = 28.951428
    # 1,210.992292 customer-quarters × 50 = 60,549.61
    assert result.revenue_kept_36_months == pytest.approx(60_549.61, abs=0.01)


def test_replacing_the_customers_kept_would_cost_acquisition_spend() -> None:
    result = worth(quarter(), 2)

    # 20 a quarter × 4.058333 quarters = 81.17 customers × CAC 50 = 4,058.33
    assert result.customers_kept_12_months == pytest.approx(81.1667, abs=1e-4)
    assert result.replacement_spend_12_months == pytest.approx(4_058.33, abs=0.01)


def test_replacement_spend_is_unknown_without_acquisition_figures() -> None:
    result = worth(quarter(acquisition_spend=None), 2)

    assert result.replacement_spend_12_months is None
    assert result.revenue_kept_12_months == pytest.approx(9_480.07, abs=0.01)
    said = " ".join(m.render("en") for m in result.assumptions)
    assert "Enter the acquisition spend" in said


def test_revenue_per_customer_needs_revenue_and_buyers_and_names_the_missing_one() -> None:
    # No revenue ÷ buyers when buyers are 0 (nor order value × frequency, built on them).
    assert "Buyers" in reason(quarter(unique_buyers=0), 2)
    assert "Buyers" in reason(quarter(unique_buyers=None), 2)
    # Revenue unknown: the reason names it.
    assert "Revenue" in reason(quarter(revenue=None), 2)


# --- edges ----------------------------------------------------------------------------------


def test_no_gain_is_worth_nothing() -> None:
    result = worth(quarter(), 0)

    assert result.churn_after == result.churn_before == 10.0
    assert result.clv_after == result.clv_before
    assert result.extra_customers_per_period == 0
    assert result.revenue_kept_12_months == 0
    assert result.revenue_kept_36_months == 0
    assert result.replacement_spend_12_months == 0


def test_gain_equal_to_churn_means_unbounded_lifespan_but_finite_money() -> None:
    result = worth(quarter(), 10)

    assert result.churn_after == 0
    assert result.lifespan_after is None
    assert result.clv_after is None
    # 100 more kept each quarter and none leave: 100, 200, 300, 400, then 0.058333 × 500
    # = 1,029.1667 customer-quarters × 50 = 51,458.33
    assert result.revenue_kept_12_months == pytest.approx(51_458.33, abs=0.01)
    # 100 × (1 + … + 12) = 7,800 + 0.175 × 1,300 = 8,027.5 × 50 = 401,375
    assert result.revenue_kept_36_months == pytest.approx(401_375.0, abs=0.01)


@pytest.mark.parametrize(
    ("changes", "points", "expected"),
    [
        ({"start": None}, 2, "start and end dates"),
        ({"end": None}, 2, "start and end dates"),
        ({"customers_lost": None}, 2, "Customers lost"),
        ({"customers_start": None}, 2, "Customers at start"),
        (
            {"customers_start": 0, "customers_lost": 0, "customers_end": 100},
            2,
            "Customers at start is 0",
        ),
        ({"customers_lost": 1200}, 2, "Check these figures: More customers lost (1,200)"),
        ({}, -1, "0 points or more"),
        ({}, 10.5, "more than today's churn of 10.0%"),
    ],
    ids=[
        "no start date",
        "no end date",
        "no customers lost",
        "no customers at start",
        "no customers at start (0)",
        "more lost than at start",
        "negative gain",
        "gain above churn",
    ],
)
def test_what_cannot_be_worked_out_says_what_is_needed(
    changes: dict[str, object], points: float, expected: str
) -> None:
    period = quarter(**changes)

    assert expected in reason(period, points)
    assert "{" not in reason(period, points, "fr")


def test_assumptions_are_spelled_out_in_both_languages() -> None:
    result = worth(quarter(), 2)

    english = [m.render("en") for m in result.assumptions]
    assert any("20.0 more customers each period" in text for text in english)
    assert any("8.0% per period" in text for text in english)
    for message in result.assumptions:
        assert "{" not in message.render("fr")

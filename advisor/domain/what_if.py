"""What a retention gain is worth (the leaky bucket, ``docs/retention-model.md``): if churn fell
by a few points, how long would customers stay, what would they be worth, and how much revenue
and acquisition spend would the customers it keeps represent over one and three years.

Churn, revenue per customer and acquisition cost come from the KPI step (:func:`compute_kpis`),
so the what-if starts from the same numbers the user has just read.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.kpis import KpiResult, compute_kpis
from advisor.domain.project import KpiPeriod
from advisor.domain.targets import RATE_STEP, rate_step
from advisor.i18n import N_
from advisor.i18n.message import Message, money, number, percent

__all__ = ["DAYS_PER_MONTH", "WhatIf", "period_months", "what_if"]

DAYS_PER_MONTH = 365.25 / 12  # 30.4375: an average month, leap years included


def period_months(period: KpiPeriod) -> float | None:
    """The period's length in months, both end days included; None when a date is missing or
    the period ends before it starts, since the money horizons need it."""
    if period.start is None or period.end is None or period.end < period.start:
        return None
    return ((period.end - period.start).days + 1) / DAYS_PER_MONTH


@dataclass(frozen=True)
class WhatIf:
    """A retention gain of ``points`` percentage points, before and after, in money.

    Rates are percent per period and lifespans are in periods, as on the KPI step; a lifespan
    (and lifetime value) is None when churn is 0, because customers would never leave.
    """

    points: float
    churn_before: float
    churn_after: float
    lifespan_before: float | None
    lifespan_after: float | None
    clv_before: float | None
    clv_after: float | None
    margin_based: bool
    extra_customers_per_period: float
    customers_kept_12_months: float
    revenue_kept_12_months: float
    revenue_kept_36_months: float
    replacement_spend_12_months: float | None
    period_months: float
    assumptions: tuple[Message, ...]


def _lifespan(churn: float) -> float | None:
    return 100 / churn if churn > 0 else None


def _customer_periods(extra: float, survival: float, periods: float) -> float:
    """Periods of buying by the customers the gain keeps, over ``periods`` periods: each period
    ``extra`` more stay, and those kept earlier survive at ``survival``; the part-period at
    the end counts in proportion."""
    total = stock = 0.0
    done = 0
    while done < periods:
        stock = stock * survival + extra
        total += stock * min(1.0, periods - done)
        done += 1
    return total


def _per_customer(period: KpiPeriod, kpis: dict[str, KpiResult]) -> float | Message:
    """Revenue one buyer brings per period: revenue ÷ buyers (order value × purchase
    frequency, which needs the same figures); else why not, as those KPIs say it."""
    if period.revenue is not None and period.unique_buyers:
        return period.revenue / period.unique_buyers
    aov, frequency = kpis["aov"], kpis["purchase_frequency"]
    reason = aov.reason if aov.value is None else frequency.reason
    assert reason is not None  # a KPI without a value always says why
    return Message.of(
        N_("Cannot work out what a customer brings per period: {reason}"), reason=reason
    )


def what_if(period: KpiPeriod, points: float) -> WhatIf | Message:
    """What lowering churn by ``points`` points (raising retention as much) is worth, or the
    reason it cannot be worked out from ``period``'s figures."""
    kpis = compute_kpis(period)
    churn = kpis["churn_rate"]
    if churn.value is None:
        assert churn.reason is not None  # a KPI without a value always says why
        return Message.of(N_("Cannot work out today's churn: {reason}"), reason=churn.reason)
    if not points >= 0:
        return Message(N_("The retention gain must be 0 points or more."))
    if points > churn.value:
        return Message.of(
            N_("The gain cannot be more than today's churn of {churn}: churn cannot go below 0 %."),
            churn=percent(churn.value),
        )
    months = period_months(period)
    if months is None:
        return Message(
            N_(
                "Needs the period's start and end dates (the end on or after the start), "
                "to turn periods into months."
            )
        )
    per_customer = _per_customer(period, kpis)
    if isinstance(per_customer, Message):
        return per_customer

    churn_after = max(0.0, churn.value - points)
    survival = 1 - churn_after / 100
    assert period.customers_start is not None  # churn has a value
    extra = period.customers_start * points / 100
    margin = period.gross_margin_pct
    value_per_period = per_customer * (margin / 100 if margin is not None else 1.0)
    before, after = _lifespan(churn.value), _lifespan(churn_after)
    periods_12, periods_36 = 12 / months, 36 / months
    kept_12 = extra * periods_12
    cac = kpis["cac"].value
    return WhatIf(
        points=points,
        churn_before=churn.value,
        churn_after=churn_after,
        lifespan_before=before,
        lifespan_after=after,
        clv_before=None if before is None else value_per_period * before,
        clv_after=None if after is None else value_per_period * after,
        margin_based=margin is not None,
        extra_customers_per_period=extra,
        customers_kept_12_months=kept_12,
        revenue_kept_12_months=per_customer * _customer_periods(extra, survival, periods_12),
        revenue_kept_36_months=per_customer * _customer_periods(extra, survival, periods_36),
        replacement_spend_12_months=None if cac is None else kept_12 * cac,
        period_months=months,
        assumptions=_assumptions(points, extra, per_customer, churn_after, months, margin, cac),
    )


def _assumptions(
    points: float,
    extra: float,
    per_customer: float,
    churn_after: float,
    months: float,
    margin: float | None,
    cac: float | None,
) -> tuple[Message, ...]:
    """The simplifications behind the figures, in words a shop owner can check."""
    return (
        Message.of(
            N_(
                "Your customer base stays about its current size, so {points} points less "
                "churn keeps {extra} more customers each period."
            ),
            points=number(points, 1),
            extra=number(extra, 1),
        ),
        Message.of(
            N_(
                "Customers who stay keep buying like today's average buyer: {amount} per "
                "period, as revenue, not profit, and not discounted."
            ),
            amount=money(per_customer),
        ),
        Message.of(
            N_("The customers kept leave later at the new churn of {churn} per period."),
            churn=percent(churn_after),
        ),
        Message.of(
            N_(
                "One period lasts {months} months, from the period's dates; a part-period at "
                "the end counts in proportion."
            ),
            months=number(months, 1),
        ),
        Message.of(
            N_("Lifetime value is gross profit: the {margin} gross margin is applied."),
            margin=percent(margin),
        )
        if margin is not None
        else Message(N_("Lifetime value is revenue: enter the gross margin % to see profit.")),
        Message.of(
            N_("Replacing each customer kept would cost today's acquisition cost of {cac}."),
            cac=money(cac),
        )
        if cac is not None
        else Message(
            N_(
                "Enter the acquisition spend and new customers to see what replacing the "
                "customers kept would cost."
            )
        ),
    )


def assumed_gain(period: KpiPeriod, points: float | None) -> float:
    """The churn cut a what-if of ``period`` assumes: the user's ``points`` when set, else the
    step the plan's churn targets take from the period's churn (so the money at stake and the
    targets tell one story), else the largest target step when churn is unknown."""
    if points is not None:
        return points
    churn = compute_kpis(period)["churn_rate"].value
    return RATE_STEP if churn is None else rate_step(churn)

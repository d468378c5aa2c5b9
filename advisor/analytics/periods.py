"""Period figures from an orders frame, with the issue's definitions.

S = customers active in the previous period, E = active in this one, N = customers whose first
order is in this one; retained = active in both, reactivated = E − N − retained,
lost = S − retained; retention = (E − N) / S, strict retention = retained / S, churn = lost / S.
Guests (no customer) count in orders and revenue, never in customer figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd


class PeriodUnit(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def period_numbers(dates: pd.Series, unit: PeriodUnit) -> pd.Series:
    """A whole number per date, consecutive periods differing by one."""
    year = dates.dt.year.astype("int64")
    if unit == PeriodUnit.YEAR:
        return year
    month = dates.dt.month.astype("int64") - 1
    if unit == PeriodUnit.QUARTER:
        return year * 4 + month // 3
    return year * 12 + month


def period_bounds(number: int, unit: PeriodUnit) -> tuple[dt.date, dt.date]:
    """First and last day of period ``number``."""
    if unit == PeriodUnit.YEAR:
        return dt.date(number, 1, 1), dt.date(number, 12, 31)
    months = 3 if unit == PeriodUnit.QUARTER else 1
    first_month = (number % 4) * 3 if unit == PeriodUnit.QUARTER else number % 12
    year = number // 4 if unit == PeriodUnit.QUARTER else number // 12
    start = dt.date(year, first_month + 1, 1)
    after = first_month + months
    end = dt.date(year + after // 12, after % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def period_label(number: int, unit: PeriodUnit) -> str:
    """``2025``, ``2025-Q4`` or ``2025-10``."""
    if unit == PeriodUnit.YEAR:
        return str(number)
    if unit == PeriodUnit.QUARTER:
        return f"{number // 4}-Q{number % 4 + 1}"
    return f"{number // 12}-{number % 12 + 1:02d}"


@dataclass(frozen=True)
class PeriodFigures:
    """One period's figures; rates are percentages, ``None`` when S = 0."""

    label: str
    start: dt.date
    end: dt.date
    customers_start: int
    customers_end: int
    new: int
    retained: int
    reactivated: int
    lost: int
    orders: int
    revenue: float
    customer_orders: int
    customer_revenue: float
    repeat_buyers: int

    @property
    def retention_rate(self) -> float | None:
        s = self.customers_start
        return (self.customers_end - self.new) / s * 100 if s else None

    @property
    def retention_rate_strict(self) -> float | None:
        s = self.customers_start
        return self.retained / s * 100 if s else None

    @property
    def churn_rate(self) -> float | None:
        s = self.customers_start
        return self.lost / s * 100 if s else None


def compute_periods(
    orders: pd.DataFrame, refunds: pd.DataFrame, unit: PeriodUnit
) -> list[PeriodFigures]:
    """Figures for every period from the first order's to the last one's (empty ones too)."""
    if orders.empty:
        return []
    number = period_numbers(orders["date"], unit)
    first, last = int(number.min()), int(number.max())
    span = np.arange(first, last + 1)
    known = orders["code"] >= 0
    revenue = orders["amount"].groupby(number).sum()
    if not refunds.empty:
        refund_number = period_numbers(refunds["date"], unit)
        revenue = revenue.sub(refunds["amount"].groupby(refund_number).sum(), fill_value=0.0)
    revenue = revenue.reindex(span, fill_value=0.0)
    order_count = number.value_counts().reindex(span, fill_value=0)
    customer_number = number[known]
    customer_orders = customer_number.value_counts().reindex(span, fill_value=0)
    customer_revenue = orders.loc[known, "amount"].groupby(customer_number).sum()
    customer_revenue = customer_revenue.reindex(span, fill_value=0.0)
    pairs = pd.DataFrame(
        {"c": orders.loc[known, "code"].to_numpy(), "p": customer_number.to_numpy()}
    )
    per_pair = pairs.value_counts()
    active = pairs.drop_duplicates()
    active_count = active["p"].value_counts().reindex(span, fill_value=0)
    first_period = active.groupby("c")["p"].min()
    new = first_period.value_counts().reindex(span, fill_value=0)
    shifted = active.assign(p=active["p"] + 1)
    both = active.merge(shifted, on=["c", "p"])
    retained = both["p"].value_counts().reindex(span, fill_value=0)
    repeat = (
        per_pair[per_pair >= 2].index.get_level_values("p").value_counts()
        .reindex(span, fill_value=0)
    )  # fmt: skip
    result = []
    for index, number_ in enumerate(span.tolist()):
        p: int = number_
        s = int(active_count.iloc[index - 1]) if index else 0
        e, n, r = int(active_count.iloc[index]), int(new.iloc[index]), int(retained.iloc[index])
        start, end = period_bounds(p, unit)
        result.append(
            PeriodFigures(
                label=period_label(p, unit),
                start=start,
                end=end,
                customers_start=s,
                customers_end=e,
                new=n,
                retained=r,
                reactivated=e - n - r,
                lost=s - r,
                orders=int(order_count.iloc[index]),
                revenue=round(float(revenue.iloc[index]), 2),
                customer_orders=int(customer_orders.iloc[index]),
                customer_revenue=round(float(customer_revenue.iloc[index]), 2),
                repeat_buyers=int(repeat.iloc[index]),
            )
        )
    return result

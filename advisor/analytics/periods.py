"""Period figures from an orders frame, with the issue's definitions.

S = customers active in the previous period, E = active in this one, N = customers whose first
order is in this one; retained = active in both, reactivated = E − N − retained,
lost = S − retained; retention = (E − N) / S, strict retention = retained / S, churn = lost / S.
Guests (no customer) count in orders and revenue, never in customer figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from advisor.domain.periods import QUARTER_LETTERS


class PeriodUnit(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def period_numbers(dates: pd.Series, unit: PeriodUnit) -> pd.Series:
    """A whole number per date, consecutive periods differing by one."""
    return pd.Series(period_array(dates.to_numpy(), unit), index=dates.index)


def period_array(dates: NDArray[Any], unit: PeriodUnit) -> NDArray[np.int64]:
    """:func:`period_numbers` for an array of dates (``datetime64``)."""
    months = np.asarray(dates).astype("datetime64[M]").astype(np.int64) + 1970 * 12
    if unit == PeriodUnit.YEAR:
        years: NDArray[np.int64] = months // 12
        return years
    if unit == PeriodUnit.QUARTER:
        quarters: NDArray[np.int64] = months // 12 * 4 + months % 12 // 3
        return quarters
    return months


@dataclass(frozen=True)
class ActivePairs:
    """Each identified customer's active periods: ``code`` and ``period`` sorted by customer
    then period, one entry per customer and period, with its number of ``orders``."""

    code: NDArray[np.int64]
    period: NDArray[np.int64]
    orders: NDArray[np.int64]

    @classmethod
    def of(cls, orders: pd.DataFrame, unit: PeriodUnit) -> ActivePairs:
        """The pairs of the identified customers' orders (``code`` ≥ 0)."""
        code = orders["code"].to_numpy()
        known = code >= 0
        period = period_array(orders["date"].to_numpy()[known], unit)
        if not len(period):
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty)
        low = int(period.min())
        width = int(period.max()) - low + 1
        pair, count = np.unique(code[known] * width + (period - low), return_counts=True)
        return cls(pair // width, pair % width + low, count.astype(np.int64))

    def first_periods(self) -> NDArray[np.int64]:
        """Each pair's customer's first active period."""
        starts = np.flatnonzero(np.diff(self.code, prepend=-1))
        lengths = np.diff(np.append(starts, len(self.code)))
        first: NDArray[np.int64] = np.repeat(self.period[starts], lengths)
        return first


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


_QUARTER_LABEL = re.compile(r"(\d{4})-Q([1-4])")


def display_label(label: str, language: str) -> str:
    """A period's label as the project and the screen write it in ``language``: the
    analysis's ``2025-Q1`` reads ``2025 Q1`` / ``2025 T1`` (months and years are the same)."""
    quarter = _QUARTER_LABEL.fullmatch(label)
    if quarter is None:
        return label
    return f"{quarter.group(1)} {QUARTER_LETTERS.get(language, 'Q')}{quarter.group(2)}"


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
    number = period_array(orders["date"].to_numpy(), unit)
    first, last = int(number.min()), int(number.max())
    span = np.arange(first, last + 1)
    size = len(span)

    def per_period(periods: NDArray[np.int64], weights: NDArray[Any] | None = None) -> Any:
        return np.bincount(periods - first, weights=weights, minlength=size)[:size]

    known = orders["code"].to_numpy() >= 0
    amount = orders["amount"].to_numpy(dtype=np.float64)
    revenue = per_period(number, amount)
    if not refunds.empty:
        refunded = period_array(refunds["date"].to_numpy(), unit)
        inside = (refunded >= first) & (refunded <= last)
        revenue -= per_period(refunded[inside], refunds["amount"].to_numpy()[inside])
    order_count = per_period(number)
    customer_orders = per_period(number[known])
    customer_revenue = per_period(number[known], amount[known])
    pairs = ActivePairs.of(orders, unit)
    active_count = per_period(pairs.period)
    is_first = pairs.period == pairs.first_periods()
    new = per_period(pairs.period[is_first])
    follows = (pairs.code[1:] == pairs.code[:-1]) & (pairs.period[1:] == pairs.period[:-1] + 1)
    retained = per_period(pairs.period[1:][follows])
    repeat = per_period(pairs.period[pairs.orders >= 2])
    result = []
    for index, number_ in enumerate(span.tolist()):
        p: int = number_
        s = int(active_count[index - 1]) if index else 0
        e, n, r = int(active_count[index]), int(new[index]), int(retained[index])
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
                orders=int(order_count[index]),
                revenue=round(float(revenue[index]), 2),
                customer_orders=int(customer_orders[index]),
                customer_revenue=round(float(customer_revenue[index]), 2),
                repeat_buyers=int(repeat[index]),
            )
        )
    return result

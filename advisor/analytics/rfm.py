"""RFM segments: recency, frequency and monetary scores (1–5) and named segments.

Scores come from thresholds on the values themselves, never from ranks, so customers with equal
values always get equal scores: when half the customers have one order, they all score F = 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from advisor.i18n import N_

#: Segment id -> (title, what to do), in the order they are shown.
SEGMENTS: dict[str, tuple[str, str]] = {
    "champions": (
        N_("Champions"),
        N_("Bought recently and often: thank them, ask for reviews and referrals, early access."),
    ),
    "loyal": (
        N_("Loyal"),
        N_("Regular buyers: loyalty rewards, upsell higher-value products, ask their opinion."),
    ),
    "potential": (
        N_("Potential loyalists"),
        N_("Recent with a few orders: membership or loyalty offer, recommend related products."),
    ),
    "new": (
        N_("New"),
        N_("First order lately: a warm onboarding, help them succeed, invite a second order."),
    ),
    "at_risk": (
        N_("At risk"),
        N_("Bought several times but not lately: a personal message, a reason to come back."),
    ),
    "cant_lose": (
        N_("Can't lose them"),
        N_("Once your best customers, gone quiet: call them, find out why, win them back."),
    ),
    "hibernating": (
        N_("Hibernating"),
        N_("One order a while ago: a reminder of what is new, a modest offer."),
    ),
    "lost": (
        N_("Lost"),
        N_("One order long ago: a last win-back attempt, otherwise stop spending on them."),
    ),
}


@dataclass(frozen=True)
class RfmThresholds:
    """Score boundaries. Recency (days since last order): ≤ r[0] scores 5 … > r[3] scores 1.
    Frequency (orders) and monetary: ≥ f[0] scores 2 … ≥ f[3] scores 5."""

    recency_days: tuple[int, int, int, int]
    frequency: tuple[int, int, int, int] = (2, 3, 4, 6)
    monetary: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def customer_table(
    orders: pd.DataFrame, refunds: pd.DataFrame, as_of: pd.Timestamp, keys: NDArray[Any]
) -> pd.DataFrame:
    """Per identified customer, in the order of their keys (``code`` ≥ 0, named by ``keys``):
    first and last order, orders, net revenue, recency in days, and their ``code``."""
    code = orders["code"].to_numpy()
    known = code >= 0
    codes = code[known]
    size = len(keys)
    count = np.bincount(codes, minlength=size)
    chosen = np.flatnonzero(count)  # customers with an order (not only refunds)
    day = orders["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)[known]
    first = np.full(size, np.iinfo(np.int64).max)
    np.minimum.at(first, codes, day)
    last = np.full(size, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, day)
    revenue = np.bincount(codes, weights=orders["amount"].to_numpy()[known], minlength=size)
    if not refunds.empty:
        refunded = refunds["code"].to_numpy()
        inside = refunded >= 0
        revenue -= np.bincount(
            refunded[inside], weights=refunds["amount"].to_numpy()[inside], minlength=size
        )
    span = int(day.max() - day.min()) + 1 if len(day) else 1
    customer_days = pd.unique(codes * span + (day - (day.min() if len(day) else 0)))
    order_days = np.bincount(customer_days // span, minlength=size)
    last_order = last[chosen].astype("datetime64[D]").astype("datetime64[ns]")
    table = pd.DataFrame(
        {
            "first_order": first[chosen].astype("datetime64[D]").astype("datetime64[ns]"),
            "last_order": last_order,
            "orders": count[chosen],
            "revenue": revenue[chosen],
            "order_days": order_days[chosen],
            "recency_days": (as_of - pd.DatetimeIndex(last_order)).days.to_numpy(np.int64),
            "code": chosen,
        },
        index=pd.Index(keys[chosen], name="customer", dtype=object),
    )
    return table


def default_thresholds(table: pd.DataFrame) -> RfmThresholds:
    """Recency and monetary boundaries at the 20/40/60/80 % quantiles; frequency 2/3/4/6."""
    if table.empty:
        return RfmThresholds((30, 90, 180, 365))
    qs = [0.2, 0.4, 0.6, 0.8]
    r = [int(v) for v in table["recency_days"].quantile(qs)]
    m = [round(float(v), 2) for v in table["revenue"].quantile(qs)]
    return RfmThresholds((r[0], r[1], r[2], r[3]), (2, 3, 4, 6), (m[0], m[1], m[2], m[3]))


def score(table: pd.DataFrame, thresholds: RfmThresholds) -> pd.DataFrame:
    """``table`` with ``r``, ``f``, ``m`` scores and a ``segment`` id."""
    recency = table["recency_days"].to_numpy()
    r = 1 + sum((recency <= t).astype(int) for t in thresholds.recency_days)
    freq = table["orders"].to_numpy()
    f = 1 + sum((freq >= t).astype(int) for t in thresholds.frequency)
    money = table["revenue"].to_numpy()
    m = 1 + sum((money >= t).astype(int) for t in thresholds.monetary)
    recent = r >= 3
    segment = np.select(
        [
            recent & (r >= 4) & (f >= 4),
            recent & (f >= 3),
            recent & (r >= 4) & (f == 1),
            recent,
            f >= 4,
            f >= 2,
            r == 2,
        ],
        ["champions", "loyal", "new", "potential", "cant_lose", "at_risk", "hibernating"],
        default="lost",
    )
    return table.assign(r=r, f=f, m=m, segment=segment)


@dataclass(frozen=True)
class SegmentSummary:
    segment: str
    customers: int
    revenue: float
    revenue_share: float | None


def summarise(scored: pd.DataFrame) -> list[SegmentSummary]:
    """Every segment (empty ones too) with its customers and share of revenue."""
    total = float(scored["revenue"].sum()) if len(scored) else 0.0
    counts = scored.groupby("segment").size()
    revenue = scored.groupby("segment")["revenue"].sum()
    return [
        SegmentSummary(
            key,
            int(counts.get(key, 0)),
            round(float(revenue.get(key, 0.0)), 2),
            round(float(revenue.get(key, 0.0)) / total * 100, 2) if total else None,
        )
        for key in SEGMENTS
    ]

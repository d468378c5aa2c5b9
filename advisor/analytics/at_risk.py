"""Customers at risk: the time since their last order exceeds their usual interval between
orders (the shop's median interval for one-time buyers), most valuable first (written out by
:mod:`advisor.sheets`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Columns of the at-risk list, in order.
AT_RISK_COLUMNS = (
    "customer",
    "orders",
    "revenue",
    "first_order",
    "last_order",
    "usual_interval_days",
    "days_since_last_order",
    "segment",
)


def usual_intervals(table: pd.DataFrame) -> tuple[pd.Series, float | None]:
    """Each customer's mean days between order days and the shop's median of those."""
    repeat = table["order_days"] >= 2
    span = (table["last_order"] - table["first_order"]).dt.days
    own = (span / (table["order_days"] - 1)).where(repeat)
    shop = float(own.median()) if repeat.any() else None
    return own, shop


def at_risk(scored: pd.DataFrame) -> pd.DataFrame:
    """The at-risk list (columns :data:`AT_RISK_COLUMNS`), sorted by revenue, highest first."""
    own, shop = usual_intervals(scored)
    interval = own.fillna(shop) if shop is not None else own
    late = (scored["recency_days"] > interval).fillna(False).to_numpy()
    revenue = scored["revenue"].round(2).to_numpy()[late]
    # highest revenue first, then by customer key (the table is in key order: stable sort)
    order = np.argsort(-revenue, kind="stable")
    chosen = scored[late].iloc[order]
    return pd.DataFrame(
        {
            "customer": chosen.index.astype(str),
            "orders": chosen["orders"].to_numpy(),
            "revenue": revenue[order],
            "first_order": chosen["first_order"].dt.date.to_numpy(),
            "last_order": chosen["last_order"].dt.date.to_numpy(),
            "usual_interval_days": interval.to_numpy()[late][order].round(1),
            "days_since_last_order": chosen["recency_days"].to_numpy(),
            "segment": chosen["segment"].to_numpy() if "segment" in chosen else "",
        }
    )

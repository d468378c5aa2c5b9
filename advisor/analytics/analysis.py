"""Everything learnt from an orders import, and its JSON form for ``analyze --json``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from advisor.analytics.at_risk import at_risk
from advisor.analytics.cohorts import CohortTable, compute_cohorts
from advisor.analytics.orders import OrdersImport
from advisor.analytics.periods import PeriodFigures, PeriodUnit, compute_periods
from advisor.analytics.rfm import (
    RfmThresholds,
    SegmentSummary,
    customer_table,
    default_thresholds,
    score,
    summarise,
)
from advisor.domain.project import KpiPeriod
from advisor.progress import Progress


@dataclass(frozen=True)
class Totals:
    """Whole-file figures. Frequency and repeat rate count identified customers only."""

    customers: int
    guest_orders: int
    orders: int
    revenue: float
    average_order_value: float | None
    purchase_frequency: float | None
    repeat_purchase_rate: float | None


@dataclass(frozen=True)
class Analysis:
    imported: OrdersImport
    unit: PeriodUnit
    totals: Totals
    periods: list[PeriodFigures]
    cohorts: CohortTable
    customers: pd.DataFrame
    thresholds: RfmThresholds
    segments: list[SegmentSummary]
    at_risk: pd.DataFrame


def analyse(
    imported: OrdersImport,
    unit: PeriodUnit = PeriodUnit.MONTH,
    thresholds: RfmThresholds | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Period figures, cohorts, RFM segments and the at-risk list of one import."""
    progress = progress or Progress()
    orders, refunds = imported.orders, imported.refunds
    periods = compute_periods(orders, refunds, unit)
    progress.report(0.3)
    cohorts = compute_cohorts(orders, unit, imported.keys)
    progress.report(0.6)
    as_of = orders["date"].max() if len(orders) else pd.Timestamp.now().normalize()
    table = customer_table(orders, refunds, as_of, imported.keys)
    chosen = thresholds or default_thresholds(table)
    scored = score(table, chosen)
    progress.report(0.8)
    risky = at_risk(scored)
    known = orders["code"] >= 0
    revenue = float(orders["amount"].sum()) - float(refunds["amount"].sum())
    count = len(orders)
    customers = len(table)
    totals = Totals(
        customers=customers,
        guest_orders=int((~known).sum()),
        orders=count,
        revenue=round(revenue, 2),
        average_order_value=round(revenue / count, 2) if count else None,
        purchase_frequency=round(int(known.sum()) / customers, 4) if customers else None,
        repeat_purchase_rate=(
            round(int((table["orders"] >= 2).sum()) / customers * 100, 2) if customers else None
        ),
    )
    return Analysis(
        imported, unit, totals, periods, cohorts, scored, chosen, summarise(scored), risky
    )


def kpi_period(figures: PeriodFigures) -> KpiPeriod:
    """The KPI step's figures for one period. Orders and revenue are the identified customers'
    so that orders per customer is not inflated by guests."""
    return KpiPeriod(
        label=figures.label,
        start=figures.start,
        end=figures.end,
        customers_start=figures.customers_start,
        customers_end=figures.customers_end,
        customers_new=figures.new,
        customers_lost=figures.lost,
        customers_reactivated=figures.reactivated,
        customers_active_both=figures.retained,
        orders=figures.customer_orders,
        revenue=max(figures.customer_revenue, 0.0),
        unique_buyers=figures.customers_end,
        repeat_buyers=figures.repeat_buyers,
    )


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The object ``analyze --json`` prints (documented in docs/cli.md)."""
    source = analysis.imported.source
    totals = analysis.totals
    return {
        "source": {
            "file": source.path.name,
            "sheet": source.sheet or None,
            "format": source.format,
            "encoding": source.encoding or None,
            "delimiter": source.delimiter or None,
            "columns": source.columns,
            "dates": source.date_convention,
            "rows_read": source.rows_read,
            "rows_used": source.rows_used,
            "rows_excluded": dict(sorted(source.excluded.items())),
        },
        "customers": totals.customers,
        "guest_orders": totals.guest_orders,
        "orders": totals.orders,
        "revenue": totals.revenue,
        "average_order_value": totals.average_order_value,
        "purchase_frequency": totals.purchase_frequency,
        "repeat_purchase_rate": totals.repeat_purchase_rate,
        "periods": [
            {
                "label": p.label,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "customers_start": p.customers_start,
                "customers_end": p.customers_end,
                "new": p.new,
                "retained": p.retained,
                "reactivated": p.reactivated,
                "lost": p.lost,
                "retention_rate": _rate(p.retention_rate),
                "retention_rate_strict": _rate(p.retention_rate_strict),
                "churn_rate": _rate(p.churn_rate),
                "orders": p.orders,
                "revenue": p.revenue,
            }
            for p in analysis.periods
        ],
        "cohorts": {
            "period": analysis.unit.value,
            "rows": [
                {"cohort": label, "size": size, "retention": retention}
                for label, size, retention in zip(
                    analysis.cohorts.cohorts,
                    analysis.cohorts.sizes,
                    analysis.cohorts.retention,
                    strict=True,
                )
            ],
        },
        "rfm": {s.segment: s.customers for s in analysis.segments},
        "at_risk": len(analysis.at_risk),
    }

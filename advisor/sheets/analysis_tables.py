"""The tables of an orders import: customers at risk, cohorts and RFM segments."""

from __future__ import annotations

import math

from advisor.analytics.analysis import Analysis
from advisor.analytics.periods import display_label
from advisor.analytics.rfm import SEGMENTS
from advisor.i18n import N_, translator
from advisor.sheets.table import Column, Kind, Sheet, Value


def _number(value: object) -> float | None:
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def at_risk_sheet(analysis: Analysis, language: str) -> Sheet:
    """Customers whose time since their last order exceeds their usual interval, most
    valuable first."""
    segment = translator(language).gettext
    rows: list[tuple[Value, ...]] = [
        (
            str(row.customer),
            int(row.orders),
            _number(row.revenue),
            row.first_order,
            row.last_order,
            _number(row.usual_interval_days),
            int(row.days_since_last_order),
            segment(SEGMENTS[row.segment][0]) if row.segment in SEGMENTS else str(row.segment),
        )
        for row in analysis.at_risk.itertuples(index=False)
    ]
    return Sheet(
        N_("Customers at risk"),
        (
            Column(N_("Customer"), width=28),
            Column(N_("Orders"), Kind.COUNT),
            Column(N_("Revenue"), Kind.MONEY),
            Column(N_("First order"), Kind.DATE),
            Column(N_("Last order"), Kind.DATE),
            Column(N_("Usual interval (days)"), Kind.NUMBER, 1),
            Column(N_("Days since last order"), Kind.COUNT),
            Column(N_("Segment")),
        ),
        rows,
    )


#: The header of the column of customers active ``n`` periods after their first, by period.
_OFFSET_HEADERS = {
    "month": N_("Month {n}"),
    "quarter": N_("Quarter {n}"),
    "year": N_("Year {n}"),
}


def cohort_sheet(analysis: Analysis, language: str) -> Sheet:
    """Each cohort's size and the percent of it active 0, 1, 2… periods after its first
    (columns "Month 0", "Month 1"…)."""
    table = analysis.cohorts
    width = max((len(r) for r in table.retention), default=0)
    header = translator(language).gettext(_OFFSET_HEADERS[str(table.unit)])
    offsets = tuple(
        Column(header.format(n=k), Kind.PERCENT, 1, translated=True) for k in range(width)
    )
    rows: list[tuple[Value, ...]] = []
    for label, size, retention in zip(table.cohorts, table.sizes, table.retention, strict=True):
        cells: list[Value] = [display_label(label, language), size, *retention]
        rows.append(tuple(cells + [None] * (width - len(retention))))
    return Sheet(
        N_("Cohorts"),
        (Column(N_("Cohort")), Column(N_("Customers"), Kind.COUNT), *offsets),
        rows,
    )


def rfm_sheet(analysis: Analysis, language: str) -> Sheet:
    """Every RFM segment with its customers, revenue and share of revenue."""
    gettext = translator(language).gettext
    rows: list[tuple[Value, ...]] = [
        (
            gettext(SEGMENTS[s.segment][0]),
            s.customers,
            s.revenue,
            s.revenue_share,
            gettext(SEGMENTS[s.segment][1]),
        )
        for s in analysis.segments
    ]
    return Sheet(
        N_("RFM segments"),
        (
            Column(N_("Segment")),
            Column(N_("Customers"), Kind.COUNT),
            Column(N_("Revenue"), Kind.MONEY),
            Column(N_("Share of revenue"), Kind.PERCENT, 1),
            Column(N_("What to do"), width=60),
        ),
        rows,
    )

"""What an imported orders file adds to the report: the cohort heat map and the RFM segments.

The project keeps only a summary of imported files, so the analysis is handed in by whoever
has it (the command line's ``--orders FILE``, or the app after an import). Only the analysis
type is named here, so building a report without orders never loads pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.i18n import N_, translator
from advisor.i18n.formatting import format_money, format_number, format_percent
from advisor.report.sections import Table

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis

#: The heat map shows the latest cohorts and the first periods after the first order.
MAX_COHORTS = 12
MAX_OFFSETS = 12

UNIT_WORDS = {"month": N_("month"), "quarter": N_("quarter"), "year": N_("year")}


@dataclass(frozen=True)
class CohortGrid:
    """Share of each cohort (customers by period of first order) ordering again k periods
    later; ``None`` where the data end before that period."""

    cohort_header: str
    size_header: str
    offsets: tuple[str, ...]
    cohorts: tuple[str, ...]
    sizes: tuple[str, ...]
    retention: tuple[tuple[float | None, ...], ...]
    note: str


@dataclass(frozen=True)
class OrdersSection:
    source: str
    cohorts: CohortGrid | None
    segments: Table | None


def orders_section(analysis: Analysis, language: str, currency: str) -> OrdersSection:
    t = translator(language).gettext
    totals = analysis.totals
    source = t(
        N_("From {file}: {customers} customers, {orders} orders, {revenue} of revenue.")
    ).format(
        file=analysis.imported.source.path.name,
        customers=format_number(totals.customers, language),
        orders=format_number(totals.orders, language),
        revenue=format_money(totals.revenue, currency, language, 0),
    )
    return OrdersSection(
        source=source,
        cohorts=_cohorts(analysis, language),
        segments=_segments(analysis, language, currency),
    )


def _cohorts(analysis: Analysis, language: str) -> CohortGrid | None:
    from advisor.analytics.periods import display_label  # with the analysis, never otherwise

    table = analysis.cohorts
    if not table.cohorts:
        return None
    t = translator(language).gettext
    first = max(0, len(table.cohorts) - MAX_COHORTS)
    rows = [row[:MAX_OFFSETS] for row in table.retention[first:]]
    width = max(len(row) for row in rows)
    unit = t(UNIT_WORDS[analysis.unit.value])
    return CohortGrid(
        cohort_header=t(N_("First order")),
        size_header=t(N_("Customers")),
        offsets=tuple(f"+{k}" for k in range(width)),
        cohorts=tuple(display_label(label, language) for label in table.cohorts[first:]),
        sizes=tuple(format_number(size, language) for size in table.sizes[first:]),
        retention=tuple(tuple(row) + (None,) * (width - len(row)) for row in rows),
        note=t(
            N_(
                "Each row is the customers whose first order fell in that {unit}; +1, +2… "
                "is the share of them who ordered again 1, 2… {unit}s later. Darker is better."
            )
        ).format(unit=unit),
    )


def _segments(analysis: Analysis, language: str, currency: str) -> Table | None:
    from advisor.analytics.rfm import SEGMENTS

    t = translator(language).gettext
    rows = tuple(
        (
            t(SEGMENTS[s.segment][0]),
            format_number(s.customers, language),
            format_money(s.revenue, currency, language, 0),
            "–" if s.revenue_share is None else format_percent(s.revenue_share, language),
            t(SEGMENTS[s.segment][1]),
        )
        for s in analysis.segments
        if s.customers and s.segment in SEGMENTS
    )
    if not rows:
        return None
    return Table(
        (
            t(N_("Segment")),
            t(N_("Customers")),
            t(N_("Revenue")),
            t(N_("Share")),
            t(N_("What to do")),
        ),
        rows,
    )

"""Charts described once as data; the screen (QtCharts) and the PDF (reportlab) draw them."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiResult
from advisor.domain.reference_lines import lines_in_period
from advisor.domain.references import Status
from advisor.i18n import N_
from advisor.i18n.message import Message, Unit


@dataclass(frozen=True)
class Threshold:
    """A horizontal reference line, such as the band's "good" line."""

    value: float
    label: Message
    status: Status


@dataclass(frozen=True)
class Series:
    name: Message
    points: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartSpec:
    """A line chart over periods: categories on the x axis, one value per category.

    ``y_range`` fixes the value axis (a feeling from −2 to +2); otherwise it fits the data."""

    title: Message
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: Unit
    thresholds: tuple[Threshold, ...] = ()
    y_range: tuple[float, float] | None = None


_LINES = {
    "good": (N_("good"), Status.GOOD),
    "critical": (N_("critical"), Status.CRITICAL),
    "typical": (N_("typical"), Status.TYPICAL),
}


def kpi_trend(
    kpi_id: str,
    labels: list[str],
    results: list[dict[str, KpiResult]],
    months: int | None = None,
    ces_scale: int = 7,
) -> ChartSpec:
    """One KPI across periods, with its reference's lines put in the terms of periods of
    ``months`` (a yearly benchmark drawn on quarters is converted at the same pace). The
    value axis carries the unit the latest period's value is written in: a lifespan's axis
    reads "12 quarters", not a bare "12"."""
    definition = BY_ID[kpi_id]
    points = tuple(period[kpi_id].value for period in results)
    units = [period[kpi_id].unit for period in results]
    unit = next((u for u in reversed(units) if u is not None), definition.unit)
    reference = next((p[kpi_id].reference for p in results if p[kpi_id].reference), None)
    thresholds: tuple[Threshold, ...] = ()
    if reference is not None:
        lines = lines_in_period(reference, kpi_id, months, ces_scale)
        thresholds = tuple(
            Threshold(value, Message(_LINES[name][0]), _LINES[name][1])
            for name, value in lines.items()
            if not (name == "critical" and value == lines.get("good"))
        )
    return ChartSpec(
        Message(definition.title),
        tuple(labels),
        (Series(Message(definition.title), points),),
        unit,
        thresholds,
    )

"""Charts described once as data; the screen (QtCharts) and the PDF (reportlab) draw them."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.bands import Status
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.kpis import KpiResult
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


def kpi_trend(kpi_id: str, labels: list[str], results: list[dict[str, KpiResult]]) -> ChartSpec:
    """One KPI across periods, with its band's good and critical lines when it has a band."""
    definition = BY_ID[kpi_id]
    points = tuple(period[kpi_id].value for period in results)
    band = next((period[kpi_id].band for period in results if period[kpi_id].band), None)
    thresholds: tuple[Threshold, ...] = ()
    if band is not None:
        thresholds = (Threshold(band.good, Message(N_("good")), Status.GOOD),)
        if band.critical != band.good:
            thresholds += (Threshold(band.critical, Message(N_("critical")), Status.CRITICAL),)
    return ChartSpec(
        Message(definition.title),
        tuple(labels),
        (Series(Message(definition.title), points),),
        definition.unit,
        thresholds,
    )

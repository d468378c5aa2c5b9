"""Draws a chart description (``advisor.report.charts``) with QtCharts."""

from __future__ import annotations

import math

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from advisor.domain.references import LINE_COLOURS
from advisor.i18n import current_language
from advisor.i18n.message import Quantity, Unit
from advisor.report.charts import ChartSpec


class ChartView(QChartView):
    """A line chart over periods, with dashed reference lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.spec: ChartSpec | None = None

    def show_spec(self, spec: ChartSpec, currency: str) -> None:
        """Replace the chart with ``spec``, labelled in the current language."""
        self.spec = spec
        language = current_language()
        chart = QChart()
        chart.setTitle(spec.title.render(language, currency))
        chart.legend().setVisible(bool(spec.thresholds))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        count = len(spec.categories)
        x_axis = QValueAxis()
        x_axis.setRange(-0.5, max(0.5, count - 0.5))
        x_labels = QCategoryAxis()
        x_labels.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for position, label in enumerate(spec.categories):
            x_labels.append(label, position)
        x_labels.setRange(-0.5, max(0.5, count - 0.5))
        values = [v for series in spec.series for v in series.points if v is not None]
        values += [threshold.value for threshold in spec.thresholds]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        if spec.y_range is not None:
            low, high = spec.y_range
        margin = (high - low) * 0.15 or abs(high) * 0.15 or 1.0
        bottom = min(low, 0.0) if spec.unit == Unit.MONEY else low - margin  # amounts from 0
        y_axis = value_axis(bottom, high + margin, spec.unit, language, currency)
        chart.addAxis(x_labels, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series_spec in spec.series:
            line = QLineSeries()
            line.setName(series_spec.name.render(language, currency))
            line.setPointsVisible(True)
            for position, value in enumerate(series_spec.points):
                if value is not None:
                    line.append(QPointF(position, value))
            chart.addSeries(line)
            line.attachAxis(x_labels)
            line.attachAxis(y_axis)
        for threshold in spec.thresholds:
            guide = QLineSeries()
            guide.setName(threshold.label.render(language, currency))
            pen = QPen(QColor(LINE_COLOURS.get(threshold.status, "#777777")))
            pen.setStyle(Qt.PenStyle.DashLine)
            guide.setPen(pen)
            guide.append(QPointF(-0.5, threshold.value))
            guide.append(QPointF(count - 0.5, threshold.value))
            chart.addSeries(guide)
            guide.attachAxis(x_labels)
            guide.attachAxis(y_axis)
        self.setChart(chart)


def value_axis(low: float, high: float, unit: Unit, language: str, currency: str) -> QCategoryAxis:
    """A value axis from ``low`` to ``high`` whose labels carry the unit and the language's
    numbers ("11,4 %", "32 €"), at round steps."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(low, high)
    step = _round_step((high - low) / 4)
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    tick = math.ceil(low / step) * step
    while tick <= high + step * 1e-9:
        text = Quantity(round(tick, 10), unit, decimals).format(language, currency)
        axis.append(text, tick)
        tick += step
    return axis


def _round_step(rough: float) -> float:
    """The round step (1, 2 or 5 times a power of ten) nearest above ``rough``."""
    if rough <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)

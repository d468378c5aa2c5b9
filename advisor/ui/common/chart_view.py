"""Draws a chart description (``advisor.report.charts``) with QtCharts."""

from __future__ import annotations

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from advisor.domain.references import LINE_COLOURS
from advisor.i18n import current_language
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
        y_axis = QValueAxis()
        values = [v for series in spec.series for v in series.points if v is not None]
        values += [threshold.value for threshold in spec.thresholds]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        margin = (high - low) * 0.15 or abs(high) * 0.15 or 1.0
        y_axis.setRange(low - margin, high + margin)
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

"""The RFM score boundaries, editable: the defaults suit most shops, an owner who knows their
rhythm (a bakery, a furniture shop) sets their own and the segments are recomputed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from advisor.i18n import _, current_language
from advisor.ui.common.widgets import Tone, set_tone

if TYPE_CHECKING:
    from advisor.analytics.analysis import Analysis
    from advisor.analytics.rfm import RfmThresholds


def rescored(analysis: Analysis, thresholds: RfmThresholds) -> Analysis:
    """``analysis`` with segments and the at-risk list recomputed for other boundaries."""
    import dataclasses

    from advisor.analytics.at_risk import at_risk
    from advisor.analytics.rfm import score, summarise

    scored = score(analysis.customers, thresholds)
    return dataclasses.replace(
        analysis,
        thresholds=thresholds,
        customers=scored,
        segments=summarise(scored),
        at_risk=at_risk(scored),
    )


class ThresholdsEditor(QWidget):
    """Four boundaries each for recency (days), frequency (orders) and revenue."""

    #: The user applied boundaries that make sense (an ``RfmThresholds``).
    thresholds_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = [QLabel() for _row in range(3)]
        self.recency = [self._box(QSpinBox(), 100_000) for _i in range(4)]
        self.frequency = [self._box(QSpinBox(), 100_000) for _i in range(4)]
        self.monetary = [self._box(QDoubleSpinBox(), 1e9) for _i in range(4)]
        self.apply_button = QPushButton()
        self.problem = QLabel()
        set_tone(self.problem, Tone.ERROR)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, boxes in enumerate((self.recency, self.frequency, self.monetary)):
            grid.addWidget(self.labels[row], row, 0)
            for column, box in enumerate(boxes):
                grid.addWidget(box, row, column + 1)
        grid.addWidget(self.apply_button, 0, 5)
        grid.addWidget(self.problem, 3, 0, 1, 6)
        self.problem.hide()
        grid.setColumnStretch(6, 1)
        self.apply_button.clicked.connect(self.apply)
        self.retranslate_ui()

    @staticmethod
    def _box(box: QSpinBox | QDoubleSpinBox, maximum: float) -> QSpinBox | QDoubleSpinBox:
        box.setRange(0, maximum)  # type: ignore[arg-type]
        box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        box.setMinimumWidth(70)
        return box

    def set_thresholds(self, thresholds: RfmThresholds) -> None:
        values = (thresholds.recency_days, thresholds.frequency, thresholds.monetary)
        for boxes, numbers in zip(
            (self.recency, self.frequency, self.monetary), values, strict=True
        ):
            for box, number in zip(boxes, numbers, strict=True):
                box.setValue(number)  # type: ignore[arg-type]
        self._say("")

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def apply(self) -> None:
        """Emit the boundaries if each row goes up (never down) from left to right."""
        from advisor.analytics.rfm import RfmThresholds

        r = tuple(int(box.value()) for box in self.recency)
        f = tuple(int(box.value()) for box in self.frequency)
        m = tuple(round(float(box.value()), 2) for box in self.monetary)
        if any(list(row) != sorted(row) for row in (r, f, m)):
            self._say(_("Each row of boundaries must go up from left to right."))
            return
        self._say("")
        self.thresholds_chosen.emit(RfmThresholds(r, f, m))  # type: ignore[arg-type]

    def retranslate_ui(self) -> None:
        self.labels[0].setText(_("Days since last order, for scores 5, 4, 3, 2 (at most):"))
        self.labels[1].setText(_("Orders, for scores 2, 3, 4, 5 (at least):"))
        self.labels[2].setText(_("Revenue, for scores 2, 3, 4, 5 (at least):"))
        self.apply_button.setText(_("Recompute segments"))
        language = (
            QLocale.Language.French if current_language() == "fr" else QLocale.Language.English
        )
        for box in (*self.recency, *self.frequency, *self.monetary):
            box.setLocale(QLocale(language))  # a decimal comma in French

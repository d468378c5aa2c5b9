"""What-if economics on the KPI step: what a few more points of retention are worth."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.project import KpiPeriod
from advisor.domain.targets import RATE_STEP
from advisor.domain.what_if import WhatIf, what_if
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_money, format_number, format_percent
from advisor.ui.common.widgets import Tone, keep_numbers_whole, set_tone


class WhatIfPanel(QScrollArea):
    """A retention gain in points, and what it means in lifespan, value and money."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel()
        self._period: KpiPeriod | None = None
        self._currency = "EUR"
        self.points = QDoubleSpinBox()
        self.points.setRange(0.0, 50.0)
        self.points.setSingleStep(0.5)
        self.points.setDecimals(1)
        self.points.setValue(RATE_STEP)  # until a project's own assumption is shown
        self.points.setKeyboardTracking(False)  # one change per value, not per digit typed
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.assumptions = QLabel()
        self.assumptions.setWordWrap(True)
        set_tone(self.assumptions, Tone.HINT)
        self.points_label = QLabel()
        self.points_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.points_label, self.points)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        column.addLayout(form)
        column.addWidget(self.result)
        column.addWidget(self.assumptions)
        column.addStretch(1)
        self.setWidget(content)
        self.points.valueChanged.connect(self._on_points)
        self.retranslate_ui()

    #: The user chose another gain (points): the project keeps it, the PDF uses it.
    points_changed = Signal(float)

    def show_points(self, points: float) -> None:
        """Show the project's assumption (without telling it back)."""
        if self.points.value() != points:
            self.points.blockSignals(True)
            self.points.setValue(points)
            self.points.blockSignals(False)
            self._refresh()

    def _on_points(self, points: float) -> None:
        self._refresh()
        self.points_changed.emit(points)

    def show_period(self, period: KpiPeriod | None, currency: str) -> None:
        self._period, self._currency = period, currency
        self._refresh()

    def _refresh(self) -> None:
        language = current_language()
        if self._period is None:
            self.result.setText(_("Choose a period with figures."))
            self.assumptions.clear()
            return
        outcome = what_if(self._period, self.points.value())
        if not isinstance(outcome, WhatIf):
            self.result.setText(outcome.render(language, self._currency))
            self.assumptions.clear()
            return
        self.result.setText(keep_numbers_whole("<br>".join(self._lines(outcome))))
        self.assumptions.setText(
            " ".join(m.render(language, self._currency) for m in outcome.assumptions)
        )

    def _lines(self, w: WhatIf) -> list[str]:
        lang, cur = current_language(), self._currency

        def money(value: float | None) -> str:
            return format_money(value, cur, lang, 0) if value is not None else _("unbounded")

        def periods(value: float | None) -> str:
            return format_number(value, lang, 1) if value is not None else _("unbounded")

        lines = [
            _("Churn: {before} → {after} per period").format(
                before=format_percent(w.churn_before, lang),
                after=format_percent(w.churn_after, lang),
            ),
            _("Customer lifespan: {before} → {after} periods").format(
                before=periods(w.lifespan_before), after=periods(w.lifespan_after)
            ),
            _("Lifetime value: {before} → {after}").format(
                before=money(w.clv_before), after=money(w.clv_after)
            ),
            "<b>"
            + _("Revenue kept: {year} over 12 months, {three} over 36 months").format(
                year=money(w.revenue_kept_12_months), three=money(w.revenue_kept_36_months)
            )
            + "</b>",
        ]
        if w.replacement_spend_12_months is not None:
            lines.append(
                _(
                    "Winning those customers instead would cost about {spend} in "
                    "acquisition over 12 months."
                ).format(spend=money(w.replacement_spend_12_months))
            )
        return lines

    def retranslate_ui(self) -> None:
        self.title.setText("<b>" + _("What if retention rose?") + "</b>")
        self.points_label.setText(_("Retention up, churn down by"))
        self.points.setSuffix(_(" points"))
        french = current_language() == "fr"
        self.points.setLocale(
            QLocale(QLocale.Language.French if french else QLocale.Language.English)
        )
        self._refresh()

"""The KPI step's results: one row per KPI for the chosen period, with its change since the
previous period."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.kpis import KpiResult, movement
from advisor.domain.references import STATUS_COLOURS, STATUS_TITLES, Status
from advisor.domain.themes import THEME_NAMES
from advisor.i18n import N_, _, current_language

COLUMNS = (N_("KPI"), N_("Value"), N_("Status"), N_("Change"))
KPI_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


class KpiTableModel(QAbstractTableModel):
    """Results of every KPI for one period."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._results: dict[str, KpiResult] = {}
        self._previous: dict[str, KpiResult] | None = None
        self._currency = "EUR"
        self._emphasised: frozenset[str] = frozenset()

    def set_emphasis(self, kpi_ids: tuple[str, ...]) -> None:
        """Show these KPIs in bold: the ones the business's retention type watches first."""
        if frozenset(kpi_ids) == self._emphasised:
            return  # the usual case on a keystroke: nothing to repaint
        self._emphasised = frozenset(kpi_ids)
        self.dataChanged.emit(self.index(0, 0), self.index(len(DEFINITIONS) - 1, 0))

    def is_emphasised(self, row: int) -> bool:
        return 0 <= row < len(DEFINITIONS) and DEFINITIONS[row].id in self._emphasised

    def set_results(
        self, results: dict[str, KpiResult], previous: dict[str, KpiResult] | None, currency: str
    ) -> None:
        self._results, self._previous, self._currency = results, previous, currency
        if self._results:
            self.dataChanged.emit(self.index(0, 0), self.index(len(DEFINITIONS) - 1, 3))

    def result(self, row: int) -> KpiResult | None:
        return self._results.get(DEFINITIONS[row].id) if 0 <= row < len(DEFINITIONS) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(DEFINITIONS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        definition = DEFINITIONS[index.row()]
        if role == KPI_ROLE:
            return definition.id
        result = self._results.get(definition.id)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return _(definition.title)
            if result is None:
                return ""
            if column == 1:
                quantity = result.quantity()
                if quantity is None:
                    return _("n/a")
                text = quantity.format(current_language(), self._currency)
                return f"⚠\u00a0{text}" if result.warnings else text
            if column == 2:
                known = result.value is not None and result.status != Status.UNKNOWN
                return _(STATUS_TITLES[result.status]) if known else ""
            previous = self._previous.get(definition.id) if self._previous else None
            return _change_text(movement(result, previous), result, previous)
        if role == Qt.ItemDataRole.ToolTipRole and result is not None:
            if column == 3:
                return self._worsened_tip(result)
            if column == 2 and result.value is not None and result.note is not None:
                return result.note.render(current_language(), self._currency)
            if column == 2 and result.value is not None and result.status == Status.UNKNOWN:
                return _("No reference applies to this KPI for your business.")
            if result.reason is not None:
                return result.reason.render(current_language(), self._currency)
            warnings = [w.render(current_language(), self._currency) for w in result.warnings]
            return "\n".join([_(definition.explanation), *warnings])
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and result is not None:
            colour = STATUS_COLOURS.get(result.status)
            return QColor(colour) if colour and result.value is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and result is not None:
            previous = self._previous.get(definition.id) if self._previous else None
            moved = movement(result, previous)
            return QColor(_MOVE_COLOURS[moved]) if moved else None
        if role == Qt.ItemDataRole.FontRole and column < 2 and definition.id in self._emphasised:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _worsened_tip(self, result: KpiResult) -> str | None:
        """What changed since the previous period, and the plays that address it."""
        previous = self._previous.get(result.definition.id) if self._previous else None
        if previous is None or previous.value is None or not movement(result, previous):
            return None
        language = current_language()
        before = previous.quantity()
        value = before.format(language, self._currency) if before else ""
        if movement(result, previous) > 0:
            return _("Better than the previous period ({value}).").format(value=value)
        tip = _("Worse than the previous period ({value}).").format(value=value)
        if result.definition.themes:
            themes = ", ".join(_(THEME_NAMES[t]) for t in result.definition.themes)
            tip += "\n" + _("Plays that help: {themes}").format(themes=themes)
        return tip

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section]) if section < len(COLUMNS) else None
        return None


#: The colour of a move the right way (+1) and the wrong way (−1), dark enough on white.
_MOVE_COLOURS = {1: "#1e7b34", -1: "#b3261e"}


def _change_text(moved: int, result: KpiResult, previous: KpiResult | None) -> str:
    """The change since the previous period in words, with an arrow for the direction of
    the figure itself: a churn that rises reads "▲ worse", a retention that rises "▲ better"."""
    if not moved or previous is None or result.value is None or previous.value is None:
        return ""
    arrow = "▲" if result.value > previous.value else "▼"
    word = _("better") if moved > 0 else _("worse")
    return f"{arrow}\u00a0{word}"  # the arrow never left alone at a line's end

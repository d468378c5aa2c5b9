"""The sidebar listing the workshop steps with how complete each one is."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from advisor.domain.project import Project
from advisor.domain.wizard import STEP_TITLES, WORKSHOP_STEPS, StepId, StepState, completeness
from advisor.i18n import _

STEP_ROLE = Qt.ItemDataRole.UserRole
_TICK = ((0.31, 0.5), (0.44, 0.66), (0.69, 0.34))
_COLOURS = {StepState.EMPTY: "#9e9e9e", StepState.PARTIAL: "#e0a100", StepState.COMPLETE: "#2e7d32"}


def _state_icon(state: StepState, fraction: float) -> QIcon:
    """A ring filled in proportion to completeness; a tick when complete (not colour alone)."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_COLOURS[state])
    painter.setPen(QPen(colour, 3))
    painter.drawEllipse(4, 4, size - 8, size - 8)
    if state == StepState.COMPLETE:
        painter.drawPolyline([QPointF(size * x, size * y) for x, y in _TICK])
    elif fraction > 0:
        painter.setBrush(colour)
        painter.drawPie(8, 8, size - 16, size - 16, 90 * 16, int(-360 * 16 * fraction))
    painter.end()
    return QIcon(pixmap)


class StepNavigator(QListWidget):
    """Lists the steps; selecting one asks the window to show it."""

    #: The user chose a step.
    step_chosen = Signal(StepId)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(24, 24))
        self.setSpacing(2)
        self.setMinimumWidth(220)
        self.setMaximumWidth(300)
        for step in WORKSHOP_STEPS:
            item = QListWidgetItem()
            item.setData(STEP_ROLE, step.value)
            self.addItem(item)
        self.currentItemChanged.connect(self._on_current_changed)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.step_chosen.emit(StepId(current.data(STEP_ROLE)))

    def select_step(self, step: StepId) -> None:
        """Highlight ``step`` without emitting :attr:`step_chosen`."""
        self.blockSignals(True)
        if step in WORKSHOP_STEPS:
            self.setCurrentRow(WORKSHOP_STEPS.index(step))
        else:
            self.setCurrentRow(-1)
        self.blockSignals(False)

    def refresh(self, project: Project | None, printed: bool = False) -> None:
        """Update titles and completeness (``None``: no project open); ``printed``: a PDF
        was written after the last change (the export step is then done)."""
        for row, step in enumerate(WORKSHOP_STEPS):
            item = self.item(row)
            if project is None:
                item.setText(_(STEP_TITLES[step]))
                item.setIcon(QIcon())
                continue
            state = completeness(project, step, printed)
            detail = {
                StepState.COMPLETE: _("complete"),
                StepState.EMPTY: _("not started"),
                StepState.PARTIAL: _("{done} of {total} done"),
            }[state.state].format(done=state.done, total=state.total)
            item.setText(f"{_(STEP_TITLES[step])}\n{detail}")
            item.setToolTip(detail)
            item.setIcon(_state_icon(state.state, state.fraction))

"""A stage of the journey board as a column: header, customer goal, the lanes' backgrounds,
the "add a touchpoint" slot, friction and opportunity notes. Dragged by its header to move
the stage."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from advisor.domain.journey import KPI_TITLES
from advisor.domain.project import JourneyStage
from advisor.i18n import _
from advisor.ui.journey.geometry import (
    CARD_H,
    COLUMN_W,
    GOAL_H,
    HEADER_H,
    NOTE_GAP,
    NOTE_H,
    PAD,
    Lanes,
    card_pos,
)
from advisor.ui.journey.painting import Fonts, board_colours, draw_text


class ColumnHost(Protocol):
    """What a stage column asks of the board it sits in: to open the side form, to show the
    stage dragged and dropped, and to add a touchpoint; the board turns these into edits."""

    form_requested: Any  # a Signal: .emit()

    def drag_stage(self, column: StageColumn, dx: float) -> None: ...
    def drop_stage(self, column: StageColumn) -> None: ...
    def request_new_touchpoint(self, stage_id: str) -> None: ...


class StageColumn(QGraphicsItem):
    """One stage: its header, goal, the lanes' backgrounds, friction and opportunity notes.
    Drag it by its header to move the stage."""

    def __init__(self, stage: JourneyStage, lanes: Lanes) -> None:
        super().__init__()
        self.stage = stage
        self.lanes = lanes
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)
        self._pressed_x: float | None = None  # where a press on the header was, in the scene
        self.dragging = False

    @property
    def stage_id(self) -> str:
        return self.stage.id

    def set_stage(self, stage: JourneyStage, lanes: Lanes) -> None:
        if lanes != self.lanes:
            self.prepareGeometryChange()
        self.stage, self.lanes = stage, lanes
        self.update()

    def _board(self) -> ColumnHost:
        return self.scene()  # type: ignore[return-value]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(0, 0, COLUMN_W, self.lanes.column_h)

    def add_slot(self) -> QRectF:
        """The dashed "add a touchpoint" slot under the last card."""
        top = card_pos(len(self.stage.touchpoints), self.lanes)
        return QRectF(top.x(), top.y(), COLUMN_W - 2 * PAD, CARD_H)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        fonts, stage, lanes = Fonts.get(), self.stage, self.lanes
        colours = board_colours()
        inner = COLUMN_W - 2 * PAD
        painter.setPen(colours.selected_pen if self.isSelected() else colours.border_pen)
        painter.setBrush(colours.column_fill)
        painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 8, 8)
        if stage.frictions and stage.emotion is not None and stage.emotion < 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                colours.friction_line
            )  # a finding: customers feel bad and meet friction
            painter.drawRoundedRect(QRectF(2, 2, COLUMN_W - 4, 6), 3, 3)
        painter.setPen(colours.text)
        title = ("★ " if stage.moment_of_truth else "") + stage.name
        draw_text(painter, QRectF(PAD, PAD, inner, 40), title, fonts.title)
        meta = " · ".join(
            part for part in (stage.owner, _(KPI_TITLES.get(stage.kpi, stage.kpi))) if part
        )
        painter.setPen(colours.muted)
        if meta:
            draw_text(painter, QRectF(PAD, 50, inner, 16), meta, fonts.small)
        if stage.customer_goal:
            draw_text(
                painter, QRectF(PAD, HEADER_H, inner, GOAL_H - 4), stage.customer_goal, fonts.goal
            )
        slot = self.add_slot()
        painter.setPen(colours.slot_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(slot, 6, 6)
        painter.setPen(colours.muted)
        draw_text(painter, slot, _("+ Add touchpoint"), fonts.goal, centred=True)
        self._notes(
            painter,
            stage.frictions,
            lanes.frictions_top,
            colours.friction_fill,
            colours.friction_line,
            colours.text,
        )
        self._notes(
            painter, stage.opportunities, lanes.opportunities_top, colours.opportunity_fill,
            colours.opportunity_line, colours.text,
        )  # fmt: skip

    def _notes(
        self,
        painter: QPainter,
        notes: list[str],
        top: float,
        fill: QColor,
        line: QColor,
        ink: QColor,
    ) -> None:
        font = Fonts.get().text
        for i, note in enumerate(notes):
            rect = QRectF(PAD, top + i * (NOTE_H + NOTE_GAP), COLUMN_W - 2 * PAD, NOTE_H)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setBrush(line)
            painter.drawRect(QRectF(rect.x(), rect.y(), 4, rect.height()))
            painter.setPen(ink)
            draw_text(painter, rect.adjusted(10, 4, -4, -2), note, font)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseDoubleClickEvent(event)
        self._board().form_requested.emit()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mousePressEvent(event)
        on_header = event.button() == Qt.MouseButton.LeftButton and event.pos().y() < HEADER_H
        self._pressed_x = event.scenePos().x() if on_header else None

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        if self._pressed_x is None:
            return
        dx = event.scenePos().x() - self._pressed_x
        if self.dragging or abs(dx) >= QApplication.startDragDistance():
            self.dragging = True
            self._board().drag_stage(self, dx)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)  # selects the column; a new card then takes over
        self._pressed_x = None
        if self.dragging:
            self.dragging = False
            self._board().drop_stage(self)
        elif event.button() == Qt.MouseButton.LeftButton and self.add_slot().contains(event.pos()):
            self._board().request_new_touchpoint(self.stage.id)

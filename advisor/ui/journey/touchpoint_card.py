"""A touchpoint of the journey board as a card: its channel on top, its description below;
dragged to move it to another place or stage."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from advisor.domain.journey import CHANNEL_LABELS
from advisor.domain.project import Touchpoint
from advisor.i18n import _
from advisor.ui.journey.geometry import CARD_H, COLUMN_W, PAD
from advisor.ui.journey.painting import Fonts, board_colours, draw_text


class CardHost(Protocol):
    """What a touchpoint card asks of the board it sits in: to follow a drag from start to end
    (the board moves the touchpoint as the card goes) and to open the side form."""

    form_requested: Any  # a Signal: .emit()

    def start_drag(self, card: TouchpointCard) -> None: ...
    def drag_to(self, card: TouchpointCard) -> None: ...
    def end_drag(self, card: TouchpointCard) -> None: ...


class TouchpointCard(QGraphicsItem):
    """A touchpoint as a card: channel on top, description below; drag it to move it."""

    def __init__(self, touchpoint: Touchpoint, stage_id: str) -> None:
        super().__init__()
        self.touchpoint = touchpoint
        self.stage_id = stage_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(1)

    @property
    def touchpoint_id(self) -> str:
        return self.touchpoint.id

    def set_touchpoint(self, touchpoint: Touchpoint, stage_id: str) -> None:
        self.touchpoint, self.stage_id = touchpoint, stage_id
        self.update()

    def _board(self) -> CardHost:
        return self.scene()  # type: ignore[return-value]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(0, 0, COLUMN_W - 2 * PAD, CARD_H)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        fonts = Fonts.get()
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        colours = board_colours()
        colour = colours.channels[self.touchpoint.channel]
        painter.setPen(colours.selected_pen if self.isSelected() else colours.border_pen)
        painter.setBrush(colours.card_fill)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(QRectF(rect.x() + 1, rect.y() + 6, 5, rect.height() - 12))
        painter.setPen(colour)
        channel = _(CHANNEL_LABELS[self.touchpoint.channel]).upper()
        draw_text(painter, QRectF(14, 5, rect.width() - 20, 14), channel, fonts.channel)
        painter.setPen(colours.text)
        description = QRectF(14, 21, rect.width() - 20, CARD_H - 24)
        draw_text(painter, description, self.touchpoint.description, fonts.text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.setZValue(10)
            self._board().start_drag(self)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        self._board().drag_to(self)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        self.setZValue(1)
        self._board().end_drag(self)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseDoubleClickEvent(event)
        self._board().form_requested.emit()

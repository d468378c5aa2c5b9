"""The names of the journey board's lanes, in a column at its left, with the emotion scale
and the legend of the two emotion curves."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from advisor.i18n import _
from advisor.ui.journey.geometry import HEADER_H, LABEL_W, PAD, Lanes
from advisor.ui.journey.painting import Fonts, board_colours


class LaneLabels(QGraphicsItem):
    """The lanes' names in a column at the left, and the emotion scale."""

    def __init__(self, lanes: Lanes) -> None:
        super().__init__()
        self.lanes = lanes
        self.setZValue(5)  # above the stages, which scroll under it when it is pinned

    def pin(self, left: float) -> None:
        """Sit at ``left`` (the view's left edge in board pixels): the names stay in sight
        while the stages scroll sideways."""
        if self.x() != left:
            self.setX(left)

    def set_lanes(self, lanes: Lanes) -> None:
        self.prepareGeometryChange()
        self.lanes = lanes
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(-PAD, -PAD, LABEL_W, self.lanes.height + 2 * PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        fonts, lanes, width = Fonts.get(), self.lanes, LABEL_W - 2 * PAD
        colours = board_colours()
        if self.x() > 0:  # pinned over the stages: cover them
            painter.fillRect(
                QRectF(-PAD, -PAD, LABEL_W, lanes.height + 2 * PAD), colours.background
            )
        painter.setFont(fonts.channel)
        painter.setPen(colours.muted)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        rows = (
            (PAD, _("Stage")),
            (HEADER_H, _("Customer goal")),
            (lanes.cards_top, _("Touchpoints")),
            (lanes.frictions_top, _("Friction points")),
            (lanes.opportunities_top, _("Opportunities")),
            (lanes.emotion_top, _("Emotion")),
        )
        for top, text in rows:
            painter.drawText(QRectF(0, top, width, 40), flags, text.upper())
        painter.setFont(fonts.small)
        for level in range(-2, 3):
            y = lanes.emotion_y(level)
            painter.setPen(colours.emotions[level])
            label = f"{level:+d}" if level else "0"
            painter.drawText(
                QRectF(width - 20, y - 8, 30, 16),
                int(Qt.AlignmentFlag.AlignRight),
                label.replace("-", "−"),
            )
        y = lanes.emotion_top + 28
        for colour, style, text in (
            (colours.as_is, Qt.PenStyle.SolidLine, _("As-is")),
            (colours.to_be, Qt.PenStyle.DashLine, _("To-be")),
        ):
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(0, y + 8), QPointF(22, y + 8))
            painter.setPen(colour)
            painter.drawText(QRectF(28, y, width - 50, 16), int(Qt.AlignmentFlag.AlignLeft), text)
            y += 20

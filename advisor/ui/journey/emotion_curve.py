"""The emotion lane under the journey board's columns: how customers feel at each stage,
as-is and to-be, and a click there sets it."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from advisor.domain.project import JourneyStage
from advisor.ui.journey.geometry import COLUMN_W, EMOTION_H, GAP, LABEL_W, Lanes, column_x
from advisor.ui.journey.painting import board_colours


class CurveHost(Protocol):
    """What the emotion curve asks of the board it sits in: to set a stage's emotion (as an
    undoable edit)."""

    def request_emotion(self, stage_id: str, field: str, level: int) -> None: ...


class EmotionCurve(QGraphicsItem):
    """The emotion lane under the columns: as-is (solid) and to-be (dashed) curves.

    Clicking the lane sets a stage's as-is emotion at the level clicked (with Shift: to-be).
    """

    def __init__(self) -> None:
        super().__init__()
        self.stages: list[JourneyStage] = []
        self.lanes = Lanes.for_counts(0, 0, 0)
        self.setZValue(0.5)

    def set_stages(self, stages: list[JourneyStage], lanes: Lanes) -> None:
        self.prepareGeometryChange()
        self.stages, self.lanes = stages, lanes
        self.update()

    def _board(self) -> CurveHost:
        return self.scene()  # type: ignore[return-value]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        width = max(1, len(self.stages)) * (COLUMN_W + GAP)
        return QRectF(LABEL_W, self.lanes.emotion_top, width, EMOTION_H)

    def point(self, index: int, emotion: int) -> QPointF:
        return QPointF(column_x(index) + COLUMN_W / 2, self.lanes.emotion_y(emotion))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        right = column_x(len(self.stages)) - GAP
        colours = board_colours()
        for level in range(-2, 3):
            y = self.lanes.emotion_y(level)
            painter.setPen(QPen(colours.grid_zero if level == 0 else colours.grid, 1))
            painter.drawLine(QPointF(LABEL_W, y), QPointF(right, y))
        for attribute, colour, style in (
            ("emotion_to_be", colours.to_be, Qt.PenStyle.DashLine),
            ("emotion", colours.as_is, Qt.PenStyle.SolidLine),
        ):
            points = [
                (self.point(i, value), value)
                for i, stage in enumerate(self.stages)
                if (value := getattr(stage, attribute)) is not None
            ]
            if len(points) > 1:
                path = QPainterPath(points[0][0])
                for p, _value in points[1:]:
                    path.lineTo(p)
                painter.setPen(QPen(colour, 3, style))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
            for p, value in points:
                solid = attribute == "emotion"
                painter.setPen(QPen(colour if solid else colours.to_be, 2))
                painter.setBrush(QBrush(colours.emotions[value] if solid else colours.background))
                painter.drawEllipse(p, 7 if solid else 5, 7 if solid else 5)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        index = int((event.pos().x() - LABEL_W) // (COLUMN_W + GAP))
        if event.button() != Qt.MouseButton.LeftButton or not 0 <= index < len(self.stages):
            event.ignore()
            return
        field = (
            "emotion_to_be" if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else "emotion"
        )
        self._board().request_emotion(
            self.stages[index].id, field, self.lanes.emotion_at(event.pos().y())
        )

"""What the journey board is drawn with: the lanes' geometry, stage columns, touchpoint cards,
the lane labels and the emotion curve. Items only draw what they are given; the scene
(``journey_board.py``) decides where they go and turns gestures into edits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from advisor.domain.journey import CHANNEL_LABELS, KPI_TITLES
from advisor.domain.project import Channel, JourneyStage, Touchpoint
from advisor.i18n import _


class BoardHost(Protocol):
    """What the items ask of the scene they sit in (the board): to open the side form, and to
    move stages and cards or set an emotion through the board's undoable edits."""

    form_requested: Any  # a Signal: .emit()

    def drag_stage(self, column: StageColumn, dx: float) -> None: ...
    def drop_stage(self, column: StageColumn) -> None: ...
    def request_new_touchpoint(self, stage_id: str) -> None: ...
    def request_emotion(self, stage_id: str, field: str, level: int) -> None: ...
    def start_drag(self, card: TouchpointCard) -> None: ...
    def drag_to(self, card: TouchpointCard) -> None: ...
    def end_drag(self, card: TouchpointCard) -> None: ...


LABEL_W = 130.0
COLUMN_W = 230.0
GAP = 14.0
PAD = 10.0
HEADER_H = 70.0
GOAL_H = 44.0
CARD_H = 58.0
CARD_GAP = 8.0
NOTE_H = 42.0
NOTE_GAP = 6.0
LANE_GAP = 12.0
EMOTION_STEP = 26.0
EMOTION_H = EMOTION_STEP * 4 + 2 * PAD

TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
SELECTED = QColor("#1a73e8")
FRICTION_FILL, FRICTION_LINE = QColor("#fde4e2"), QColor("#c5221f")
OPPORTUNITY_FILL, OPPORTUNITY_LINE = QColor("#e2f3e5"), QColor("#188038")
AS_IS, TO_BE = QColor("#3c4043"), QColor("#1e8e3e")
CHANNEL_COLOURS: dict[Channel, QColor] = {
    Channel.WEBSITE: QColor("#1a73e8"),
    Channel.SOCIAL: QColor("#a142f4"),
    Channel.EMAIL: QColor("#e37400"),
    Channel.SHOP: QColor("#188038"),
    Channel.PHONE: QColor("#007b83"),
    Channel.CHAT: QColor("#d01884"),
    Channel.DELIVERY: QColor("#8d6e63"),
    Channel.INVOICE: QColor("#5f6368"),
    Channel.OTHER: QColor("#9aa0a6"),
}
SELECTED_PEN = QPen(SELECTED, 3)
BORDER_PEN = QPen(QColor("#dadce0"), 1)
SLOT_PEN = QPen(QColor("#bdc1c6"), 1, Qt.PenStyle.DashLine)
COLUMN_FILL = QColor("#f8f9fa")
EMOTION_COLOURS = {
    -2: QColor("#c5221f"),
    -1: QColor("#ee675c"),
    0: QColor("#9aa0a6"),
    1: QColor("#81c995"),
    2: QColor("#188038"),
}


@dataclass(frozen=True)
class Lanes:
    """Where each lane starts and how tall it is; the same for every column, so notes and
    cards of different stages line up."""

    cards_top: float
    cards_h: float
    frictions_top: float
    frictions_h: float
    opportunities_top: float
    opportunities_h: float
    emotion_top: float

    @classmethod
    def for_counts(cls, cards: int, frictions: int, opportunities: int) -> Lanes:
        cards_top = HEADER_H + GOAL_H + LANE_GAP
        cards_h = (cards + 1) * (CARD_H + CARD_GAP)  # one free slot to drop onto or add
        frictions_top = cards_top + cards_h + LANE_GAP
        frictions_h = max(1, frictions) * (NOTE_H + NOTE_GAP)
        opportunities_top = frictions_top + frictions_h + LANE_GAP
        opportunities_h = max(1, opportunities) * (NOTE_H + NOTE_GAP)
        emotion_top = opportunities_top + opportunities_h + LANE_GAP
        return cls(
            cards_top,
            cards_h,
            frictions_top,
            frictions_h,
            opportunities_top,
            opportunities_h,
            emotion_top,
        )

    @property
    def column_h(self) -> float:
        return self.emotion_top - LANE_GAP / 2

    @property
    def height(self) -> float:
        return self.emotion_top + EMOTION_H

    def emotion_y(self, emotion: float) -> float:
        return self.emotion_top + PAD + (2 - emotion) * EMOTION_STEP

    def emotion_at(self, y: float) -> int:
        """The emotion level nearest to ``y`` in the emotion lane."""
        return max(-2, min(2, 2 - round((y - self.emotion_top - PAD) / EMOTION_STEP)))


def column_x(index: int) -> float:
    return LABEL_W + index * (COLUMN_W + GAP)


def card_pos(index: int, lanes: Lanes) -> QPointF:
    return QPointF(PAD, lanes.cards_top + index * (CARD_H + CARD_GAP))


class Fonts:
    """The board's fonts, sized in scene pixels so the board zooms as a whole."""

    _made: Fonts | None = None

    def __init__(self) -> None:
        self.title = _font(15, bold=True)
        self.text = _font(12)
        self.small = _font(11)
        self.goal = _font(12, italic=True)
        self.channel = _font(10, bold=True)
        self.text_metrics = QFontMetricsF(self.text)
        self.small_metrics = QFontMetricsF(self.small)

    @classmethod
    def get(cls) -> Fonts:
        if cls._made is None:
            cls._made = Fonts()
        return cls._made


def _font(pixels: int, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setItalic(italic)
    return font


# Laid-out texts, kept across repaints and reloads: laying text out is most of a repaint.
_LAID_OUT: dict[tuple[str, float, float, int], QStaticText] = {}
_LAID_OUT_MAX = 5000


def forget_laid_out_texts() -> None:
    """Drop the laid-out texts (the benchmark's cold runs)."""
    _LAID_OUT.clear()


def draw_text(
    painter: QPainter, rect: QRectF, text: str, font: QFont, *, centred: bool = False
) -> None:
    """``text`` word-wrapped in ``rect`` in ``font``, cut with an ellipsis when it has more
    lines than fit."""
    key = (text, 0.0 if centred else rect.width(), rect.height(), id(font))
    laid_out = _LAID_OUT.get(key)
    if laid_out is None:
        if len(_LAID_OUT) >= _LAID_OUT_MAX:
            _LAID_OUT.clear()
        metrics = QFontMetricsF(font)
        lines = max(1, int(rect.height() // metrics.lineSpacing()))
        if metrics.horizontalAdvance(text) > rect.width() * lines * 0.92:
            elide = Qt.TextElideMode.ElideRight
            text = metrics.elidedText(
                text, elide, rect.width() * (lines * 0.88 if lines > 1 else 1)
            )
        laid_out = QStaticText(text)
        laid_out.setTextFormat(Qt.TextFormat.PlainText)
        if not centred:  # one line, measured to be centred
            laid_out.setTextWidth(rect.width())
        laid_out.prepare(QTransform(), font)
        _LAID_OUT[key] = laid_out
    painter.setFont(font)
    if centred:
        size = laid_out.size()
        painter.drawStaticText(
            QPointF(rect.center().x() - size.width() / 2, rect.center().y() - size.height() / 2),
            laid_out,
        )
    else:
        painter.drawStaticText(rect.topLeft(), laid_out)


def _board(item: QGraphicsItem) -> BoardHost:
    return item.scene()  # type: ignore[return-value]


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
        inner = COLUMN_W - 2 * PAD
        painter.setPen(SELECTED_PEN if self.isSelected() else BORDER_PEN)
        painter.setBrush(COLUMN_FILL)
        painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 8, 8)
        if stage.frictions and stage.emotion is not None and stage.emotion < 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(FRICTION_LINE)  # a finding: customers feel bad and meet friction
            painter.drawRoundedRect(QRectF(2, 2, COLUMN_W - 4, 6), 3, 3)
        painter.setPen(TEXT)
        title = ("★ " if stage.moment_of_truth else "") + stage.name
        draw_text(painter, QRectF(PAD, PAD, inner, 40), title, fonts.title)
        meta = " · ".join(
            part for part in (stage.owner, _(KPI_TITLES.get(stage.kpi, stage.kpi))) if part
        )
        painter.setPen(MUTED)
        if meta:
            draw_text(painter, QRectF(PAD, 50, inner, 16), meta, fonts.small)
        if stage.customer_goal:
            draw_text(
                painter, QRectF(PAD, HEADER_H, inner, GOAL_H - 4), stage.customer_goal, fonts.goal
            )
        slot = self.add_slot()
        painter.setPen(SLOT_PEN)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(slot, 6, 6)
        painter.setPen(MUTED)
        draw_text(painter, slot, _("+ Add touchpoint"), fonts.goal, centred=True)
        self._notes(painter, stage.frictions, lanes.frictions_top, FRICTION_FILL, FRICTION_LINE)
        self._notes(
            painter,
            stage.opportunities,
            lanes.opportunities_top,
            OPPORTUNITY_FILL,
            OPPORTUNITY_LINE,
        )

    def _notes(
        self, painter: QPainter, notes: list[str], top: float, fill: QColor, line: QColor
    ) -> None:
        font = Fonts.get().text
        for i, note in enumerate(notes):
            rect = QRectF(PAD, top + i * (NOTE_H + NOTE_GAP), COLUMN_W - 2 * PAD, NOTE_H)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setBrush(line)
            painter.drawRect(QRectF(rect.x(), rect.y(), 4, rect.height()))
            painter.setPen(TEXT)
            draw_text(painter, rect.adjusted(10, 4, -4, -2), note, font)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseDoubleClickEvent(event)
        _board(self).form_requested.emit()

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
            _board(self).drag_stage(self, dx)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)  # selects the column; a new card then takes over
        self._pressed_x = None
        if self.dragging:
            self.dragging = False
            _board(self).drop_stage(self)
        elif event.button() == Qt.MouseButton.LeftButton and self.add_slot().contains(event.pos()):
            _board(self).request_new_touchpoint(self.stage.id)


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

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(0, 0, COLUMN_W - 2 * PAD, CARD_H)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        fonts = Fonts.get()
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        colour = CHANNEL_COLOURS[self.touchpoint.channel]
        painter.setPen(SELECTED_PEN if self.isSelected() else BORDER_PEN)
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(QRectF(rect.x() + 1, rect.y() + 6, 5, rect.height() - 12))
        painter.setPen(colour)
        channel = _(CHANNEL_LABELS[self.touchpoint.channel]).upper()
        draw_text(painter, QRectF(14, 5, rect.width() - 20, 14), channel, fonts.channel)
        painter.setPen(TEXT)
        description = QRectF(14, 21, rect.width() - 20, CARD_H - 24)
        draw_text(painter, description, self.touchpoint.description, fonts.text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.setZValue(10)
            _board(self).start_drag(self)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseMoveEvent(event)
        _board(self).drag_to(self)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        self.setZValue(1)
        _board(self).end_drag(self)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseDoubleClickEvent(event)
        _board(self).form_requested.emit()


class LaneLabels(QGraphicsItem):
    """The lanes' names in a column at the left, and the emotion scale."""

    def __init__(self, lanes: Lanes) -> None:
        super().__init__()
        self.lanes = lanes

    def set_lanes(self, lanes: Lanes) -> None:
        self.prepareGeometryChange()
        self.lanes = lanes
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return QRectF(0, 0, LABEL_W, self.lanes.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        fonts, lanes, width = Fonts.get(), self.lanes, LABEL_W - 2 * PAD
        painter.setFont(fonts.channel)
        painter.setPen(MUTED)
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
            painter.setPen(EMOTION_COLOURS[level])
            label = f"{level:+d}" if level else "0"
            painter.drawText(
                QRectF(width - 20, y - 8, 30, 16),
                int(Qt.AlignmentFlag.AlignRight),
                label.replace("-", "−"),
            )
        y = lanes.emotion_top + 28
        for colour, style, text in (
            (AS_IS, Qt.PenStyle.SolidLine, _("As-is")),
            (TO_BE, Qt.PenStyle.DashLine, _("To-be")),
        ):
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(0, y + 8), QPointF(22, y + 8))
            painter.setPen(colour)
            painter.drawText(QRectF(28, y, width - 50, 16), int(Qt.AlignmentFlag.AlignLeft), text)
            y += 20


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

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        width = max(1, len(self.stages)) * (COLUMN_W + GAP)
        return QRectF(LABEL_W, self.lanes.emotion_top, width, EMOTION_H)

    def point(self, index: int, emotion: int) -> QPointF:
        return QPointF(column_x(index) + COLUMN_W / 2, self.lanes.emotion_y(emotion))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        right = column_x(len(self.stages)) - GAP
        for level in range(-2, 3):
            y = self.lanes.emotion_y(level)
            painter.setPen(QPen(QColor("#9aa0a6" if level == 0 else "#e8eaed"), 1))
            painter.drawLine(QPointF(LABEL_W, y), QPointF(right, y))
        for attribute, colour, style in (
            ("emotion_to_be", TO_BE, Qt.PenStyle.DashLine),
            ("emotion", AS_IS, Qt.PenStyle.SolidLine),
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
                painter.setPen(QPen(colour if solid else TO_BE, 2))
                painter.setBrush(QBrush(EMOTION_COLOURS[value] if solid else Qt.GlobalColor.white))
                painter.drawEllipse(p, 7 if solid else 5, 7 if solid else 5)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt API)
        index = int((event.pos().x() - LABEL_W) // (COLUMN_W + GAP))
        if event.button() != Qt.MouseButton.LeftButton or not 0 <= index < len(self.stages):
            event.ignore()
            return
        field = (
            "emotion_to_be" if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else "emotion"
        )
        _board(self).request_emotion(
            self.stages[index].id, field, self.lanes.emotion_at(event.pos().y())
        )

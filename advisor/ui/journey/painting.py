"""How the journey board is painted: its colours, its fonts (in board pixels, so the board
zooms as a whole) and wrapped text, laid out once and kept across repaints."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QApplication

from advisor.domain.project import Channel


@dataclass(frozen=True)
class BoardColours:
    """The board's colours for a light or a dark window palette (the channel and emotion
    colours keep their hue, brighter on dark)."""

    background: QColor
    text: QColor
    muted: QColor
    selected: QColor
    border: QColor
    slot: QColor
    column_fill: QColor
    card_fill: QColor
    friction_fill: QColor
    friction_line: QColor
    opportunity_fill: QColor
    opportunity_line: QColor
    as_is: QColor
    to_be: QColor
    grid: QColor
    grid_zero: QColor
    channels: dict[Channel, QColor]
    emotions: dict[int, QColor]

    @property
    def selected_pen(self) -> QPen:
        return QPen(self.selected, 3)

    @property
    def border_pen(self) -> QPen:
        return QPen(self.border, 1)

    @property
    def slot_pen(self) -> QPen:
        return QPen(self.slot, 1, Qt.PenStyle.DashLine)


def _colours(names: dict[str, str]) -> dict[str, QColor]:
    return {name: QColor(value) for name, value in names.items()}


LIGHT = BoardColours(
    **_colours(
        {
            "background": "#ffffff",
            "text": "#202124",
            "muted": "#5f6368",
            "selected": "#1a73e8",
            "border": "#dadce0",
            "slot": "#bdc1c6",
            "column_fill": "#f8f9fa",
            "card_fill": "#ffffff",
            "friction_fill": "#fde4e2",
            "friction_line": "#c5221f",
            "opportunity_fill": "#e2f3e5",
            "opportunity_line": "#188038",
            "as_is": "#3c4043",
            "to_be": "#1e8e3e",
            "grid": "#e8eaed",
            "grid_zero": "#9aa0a6",
        }
    ),  # fmt: skip
    channels={
        Channel.WEBSITE: QColor("#1a73e8"),
        Channel.SOCIAL: QColor("#a142f4"),
        Channel.EMAIL: QColor("#e37400"),
        Channel.SHOP: QColor("#188038"),
        Channel.PHONE: QColor("#007b83"),
        Channel.CHAT: QColor("#d01884"),
        Channel.DELIVERY: QColor("#8d6e63"),
        Channel.INVOICE: QColor("#5f6368"),
        Channel.OTHER: QColor("#9aa0a6"),
    },  # fmt: skip
    emotions={
        -2: QColor("#c5221f"),
        -1: QColor("#ee675c"),
        0: QColor("#9aa0a6"),
        1: QColor("#81c995"),
        2: QColor("#188038"),
    },  # fmt: skip
)
DARK = BoardColours(
    **_colours(
        {
            "background": "#121212",
            "text": "#f1f3f4",
            "muted": "#bdc1c6",
            "selected": "#8ab4f8",
            "border": "#5f6368",
            "slot": "#80868b",
            "column_fill": "#202124",
            "card_fill": "#2d2e31",
            "friction_fill": "#5c1c1a",
            "friction_line": "#f28b82",
            "opportunity_fill": "#173d24",
            "opportunity_line": "#81c995",
            "as_is": "#e8eaed",
            "to_be": "#81c995",
            "grid": "#3c4043",
            "grid_zero": "#9aa0a6",
        }
    ),  # fmt: skip
    channels={
        Channel.WEBSITE: QColor("#8ab4f8"),
        Channel.SOCIAL: QColor("#d7aefb"),
        Channel.EMAIL: QColor("#fcad70"),
        Channel.SHOP: QColor("#81c995"),
        Channel.PHONE: QColor("#78d9ec"),
        Channel.CHAT: QColor("#ff8bcb"),
        Channel.DELIVERY: QColor("#bcaaa4"),
        Channel.INVOICE: QColor("#bdc1c6"),
        Channel.OTHER: QColor("#9aa0a6"),
    },  # fmt: skip
    emotions={
        -2: QColor("#f28b82"),
        -1: QColor("#f6aea9"),
        0: QColor("#9aa0a6"),
        1: QColor("#a8dab5"),
        2: QColor("#81c995"),
    },  # fmt: skip
)


def board_colours() -> BoardColours:
    """The colours for the application's palette: dark ones on a dark (or dark high-contrast)
    window, so the board never stays a light rectangle in a dark desktop."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


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

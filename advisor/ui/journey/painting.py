"""How the journey board is painted: its colours, its fonts (in board pixels, so the board
zooms as a whole) and wrapped text, laid out once and kept across repaints."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform

from advisor.domain.project import Channel

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

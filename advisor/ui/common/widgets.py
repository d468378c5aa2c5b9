"""Small reusable widgets: headings, and number fields that explain what is wrong inline."""

from __future__ import annotations

import re
from enum import Enum

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_number, parse_number


class Tone(Enum):
    """How a label's text stands out: its colour, and whether it is bold or slanted."""

    NORMAL = ("", False, False)
    HINT = ("placeholder", False, False)
    ERROR = ("#b3261e", False, False)
    SUGGESTED = ("#6a4c93", False, True)
    WARNING = ("#8a4b00", True, False)
    STRONG = ("", True, False)


def set_tone(label: QWidget, tone: Tone) -> None:
    """Give ``label`` the colour and weight of ``tone`` through its palette and font flags.

    Never through a style sheet: a widget with a style sheet keeps the font size it had when
    the sheet was applied, so its text would stay small in workshop mode. The font set here
    names only its weight and slant; its size still follows the window."""
    colour, bold, italic = tone.value
    palette = QPalette(label.palette())
    app_palette = QApplication.palette()
    role = QPalette.ColorRole
    if colour == "placeholder":
        palette.setColor(role.WindowText, app_palette.color(role.PlaceholderText))
    elif colour:
        palette.setColor(role.WindowText, QColor(colour))
    else:
        palette.setColor(role.WindowText, app_palette.color(role.WindowText))
    label.setPalette(palette)
    font = QFont()  # only the weight and slant are set: the size keeps following the parent
    font.setBold(bold)
    font.setItalic(italic)
    label.setFont(font)


# A number whose parts are joined by narrow no-break spaces (French "1 234,56 €", "11,4 %").
_JOINED_NUMBER = re.compile(r"(?<![\w])(\d[\d.,]*(?:\u202f[\d.,%€$£]+)+)")


def keep_numbers_whole(rich_text: str) -> str:
    """Rich text in which no number is split across lines: Qt's line breaking does not honour
    the narrow no-break space French uses between thousands and before % and €."""
    return _JOINED_NUMBER.sub(r"<nobr>\1</nobr>", rich_text)


def heading(text: str = "", level: int = 1) -> QLabel:
    """A heading that scales with the window's font (and so with workshop mode)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setProperty("heading_level", level)
    set_heading(label, text)
    return label


def set_heading(label: QLabel, text: str) -> None:
    level = label.property("heading_level") or 1
    label.setText(f"<h{level + 1}>{text}</h{level + 1}>")


def scrolling_page(page: QWidget, *parts: QWidget | QLayout, width: int = 760) -> None:
    """Lay ``parts`` out top to bottom in a column of readable width that scrolls."""
    body = QWidget()
    body.setMaximumWidth(width)
    column = QVBoxLayout(body)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)


def help_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_tone(label, Tone.HINT)
    return label


class MessageLabel(QLabel):
    """A word-wrapped message that takes no room while it says nothing (the room goes to
    the tables around it on a small screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class NumberField(QWidget):
    """A line edit for an optional number, read in the user's language, with an inline error.

    Emits :attr:`value_edited` only with valid values (``None`` when cleared), so an impossible
    figure never reaches the project.
    """

    #: The user typed a valid number (or cleared the field: ``None``).
    value_edited = Signal(object)

    def __init__(self, *, whole: bool, minimum: float = 0.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = whole
        self._minimum = minimum
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.error = QLabel()
        set_tone(self.error, Tone.ERROR)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.textEdited.connect(self._on_text_edited)

    def set_value(self, value: float | None) -> None:
        """Show ``value`` unless the user is typing that very value."""
        if self.edit.hasFocus() and self._parse(self.edit.text()) == value:
            return
        decimals = 0 if self._whole or value is None or value == int(value) else 2
        self.edit.setText(
            "" if value is None else format_number(value, current_language(), decimals)
        )
        self._show_error("")

    def _parse(self, text: str) -> float | None:
        try:
            return None if not text.strip() else parse_number(text, current_language())
        except ValueError:
            return -1.0

    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            self._show_error("")
            self.value_edited.emit(None)
            return
        try:
            value = parse_number(text, current_language())
        except ValueError:
            example = format_number(
                1800 if self._whole else 1234.5, current_language(), 0 if self._whole else 2
            )
            self._show_error(_("Type a number, for example {example}").format(example=example))
            return
        if self._whole and value != int(value):
            self._show_error(_("Type a whole number"))
            return
        if value < self._minimum:
            self._show_error(_("This cannot be negative"))
            return
        self._show_error("")
        self.value_edited.emit(int(value) if self._whole else value)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    @property
    def error_text(self) -> str:
        """The inline message shown under the field ("" when the value is fine)."""
        return self.error.text()


class AdaptiveSplitter(QSplitter):
    """Panes side by side when the width holds them, else one above the other: a page then
    fits a 1024-pixel screen, and a projector's large type, without a horizontal scroll."""

    def __init__(
        self, *panes: QWidget, sizes: tuple[int, ...] = (), stacked: tuple[int, ...] = ()
    ) -> None:
        """``sizes``: the panes' shares side by side; ``stacked``: one above the other
        (equal shares when not given)."""
        super().__init__(Qt.Orientation.Horizontal)
        for pane in panes:
            self.addWidget(pane)
        self.setChildrenCollapsible(False)
        self._sizes = sizes
        self._stacked = stacked or (1000,) * len(panes)
        if sizes:
            self.setSizes(list(sizes))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """As narrow as the widest pane: below the panes' total the splitter stacks them."""
        hints = [self.widget(i).minimumSizeHint() for i in range(self.count())]
        width = max((h.width() for h in hints), default=0)
        height = max((h.height() for h in hints), default=0)
        return QSize(width, height)

    def side_by_side_width(self) -> int:
        """The width the panes want side by side (their preferred widths: at their bare
        minimums, buttons and names would be cut)."""
        return sum(
            max(self.widget(i).sizeHint().width(), self.widget(i).minimumSizeHint().width())
            for i in range(self.count())
        ) + self.handleWidth() * max(self.count() - 1, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        self._orient(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self._orient(self.width())
        super().showEvent(event)

    def _orient(self, width: int) -> None:
        wide = width >= self.side_by_side_width()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.orientation():
            self.setOrientation(orientation)
            if wide and self._sizes:
                self.setSizes(list(self._sizes))
            elif not wide:
                self.setSizes(list(self._stacked))

"""The KPI step's two tables as widgets: the figures typed live, and the results whose names
and words are never cut."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from advisor.ui.kpis.period_table import PeriodTableModel

#: The least height of a row of figures, at the normal type.
ROW_HEIGHT = 24
Index = QModelIndex | QPersistentModelIndex
#: Where a line may break: ordinary spaces, never the no-break ones inside "1 234 €" or "88,6 %".
_BREAKS = re.compile(r"[ \t\n]+")


class LiveEditDelegate(QStyledItemDelegate):
    """Commits each keystroke, so the KPIs follow the figures as they are typed; Escape puts
    back what the cell held before (and so takes a mistake's message away)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open: tuple[QLineEdit, QPersistentModelIndex, str] | None = None
        self.closeEditor.connect(self._closed)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,  # noqa: N802
        index: Index,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.textEdited.connect(lambda _text: self._commit_typing(editor))
        before = str(index.data(Qt.ItemDataRole.EditRole) or "")
        self._open = (editor, QPersistentModelIndex(index), before)
        return editor

    def _closed(self, editor: QWidget, hint: QStyledItemDelegate.EndEditHint) -> None:
        opened, self._open = self._open, None
        if opened is None or opened[0] is not editor:
            return
        _editor, index, before = opened
        model = index.model()
        if hint == QStyledItemDelegate.EndEditHint.RevertModelCache and isinstance(
            model, PeriodTableModel
        ):
            model.set_text(index, before)  # typed keys were committed live: undo them

    def _commit_typing(self, editor: QLineEdit) -> None:
        editor.setProperty("typing", True)  # a figure on its way is no mistake yet
        self.commitData.emit(editor)
        editor.setProperty("typing", False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(model, PeriodTableModel) and isinstance(editor, QLineEdit):
            model.set_text(index, editor.text(), typing=bool(editor.property("typing")))
        else:
            super().setModelData(editor, model, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QLineEdit) and not editor.isModified():
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))


#: The narrowest a period's column gets, whatever its figures.
MIN_PERIOD_WIDTH = 76


def _row_height(font: QFont) -> int:
    """A row as tall as one line of ``font`` needs (the projector's type too)."""
    return max(ROW_HEIGHT, QFontMetrics(font).height() + 8)


def _cell_margin(view: QTableView) -> int:
    """The room a cell keeps around its text, on both sides together."""
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)


class FigureTableView(QTableView):
    """Figures (rows) by period (columns), typed live. Rows follow the type's size, and the
    rows of survey answers grow to show their whole distribution ("0–6: 17 · 7–8: 42 ·
    9–10: 41" over several lines in a narrow column) instead of cutting it. No period column
    is narrower than its widest figure or date: when they do not all fit, the table scrolls
    sideways rather than show "€137,6…".

    Only the periods whose cells changed are measured again (a keystroke changes one): with
    five years of months on screen, measuring every cell would cost more than the KPIs."""

    def __init__(self, wrapped_rows: Iterable[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wrapped_rows = tuple(wrapped_rows)
        self._needs: dict[int, tuple[int, ...]] = {}  # by period: each wrapped row's height
        self._widest: dict[int, int] = {}  # by period: its widest one-line cell, margins in
        self.setWordWrap(True)
        self.setItemDelegate(LiveEditDelegate(self))
        self.verticalHeader().setDefaultSectionSize(_row_height(self.font()))
        self.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: self._measure(column, column)
        )

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._measure_all)
            model.dataChanged.connect(
                lambda first, last, _roles=(): self._measure(first.column(), last.column())
            )
            self._measure_all()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.verticalHeader().setDefaultSectionSize(_row_height(self.font()))
            self._measure_all()

    def _measure_all(self) -> None:
        self._needs.clear()
        self._widest.clear()
        model = self.model()
        self._measure(0, model.columnCount() - 1 if model is not None else -1)

    def _measure(self, first: int, last: int) -> None:
        """Measure the wrapped rows' cells in columns ``first`` to ``last``, then make each
        wrapped row as tall as its tallest cell."""
        model = self.model()
        if model is None:
            return
        metrics = QFontMetrics(self.font())
        margin = _cell_margin(self)
        flags = int(Qt.TextFlag.TextWordWrap)
        line = self.verticalHeader().defaultSectionSize()
        header = self.horizontalHeader()
        for column in range(max(first, 0), min(last, model.columnCount() - 1) + 1):
            room = max(1, self.columnWidth(column) - margin)
            needs = []
            for row in self._wrapped_rows:
                text = str(model.index(row, column).data() or "")
                tall = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, text).height()
                needs.append(tall + 8 if text else 0)
            self._needs[column] = tuple(needs)
            texts = (
                str(model.index(row, column).data() or "")
                for row in range(model.rowCount())
                if row not in self._wrapped_rows
            )
            self._widest[column] = max(
                (metrics.horizontalAdvance(text) + margin + 2 for text in texts),
                default=header.sectionSizeFromContents(column).width(),
            )
        least = max([MIN_PERIOD_WIDTH, *self._widest.values()])
        if header.minimumSectionSize() != least:
            header.setMinimumSectionSize(least)
        for position, row in enumerate(self._wrapped_rows):
            tallest = max((needs[position] for needs in self._needs.values()), default=0)
            height = max(line, tallest)
            if row < model.rowCount() and self.rowHeight(row) != height:
                self.setRowHeight(row, height)


class KpiResultsView(QTableView):
    """Every KPI of a period: the name column wraps a name over lines and is never narrower
    than the longest word of a name, so no name is cut ("Taux de réactivat…") and two names
    never read the same. The other columns keep their text on one line when the width allows,
    else they wrap between words too; only when even the words do not fit does the table
    scroll sideways."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        #: (text, bold) -> (width on one line, width of its widest word), margins included
        self._measured: dict[tuple[str, bool], tuple[int, int]] = {}
        self._least = 0  # the columns' least widths together: every word whole
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)  # once after a burst of changes (a keystroke's)
        self._fit_timer.timeout.connect(self.fit_columns)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        if model is not None:
            for signal in (model.dataChanged, model.modelReset, model.headerDataChanged):
                signal.connect(self._fit_timer.start)
            self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.fit_columns()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """Wide enough for every word of every column (panes stack before cutting one)."""
        hint = super().minimumSizeHint()
        chrome = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), self._least + chrome), hint.height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measured.clear()
            self._fit_timer.start()

    def fit_columns(self) -> None:
        """Share the width: the name column first gets its longest word, the others their
        one-line width, then the name column takes what is left; when that overflows, the
        other columns give way down to their own longest word."""
        model = self.model()
        if model is None or model.columnCount() == 0:
            return
        columns = range(model.columnCount())
        whole, least = zip(*(self._column_width(model, column) for column in columns), strict=True)
        widths = [least[0], *whole[1:]]
        room = self.viewport().width()
        for column in reversed(columns[1:]):  # the change column wraps first, the value last
            excess = sum(widths) - room
            if excess <= 0:
                break
            widths[column] = max(least[column], widths[column] - excess)
        widths[0] = max(least[0], room - sum(widths[1:]))
        if sum(least) != self._least:  # a side-by-side layout must leave the words room
            self._least = sum(least)
            self.updateGeometry()
        header = self.horizontalHeader()
        for column, width in zip(columns, widths, strict=True):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _column_width(self, model: QAbstractItemModel, column: int) -> tuple[int, int]:
        """The width of the column's widest text on one line, and of its widest word."""
        header = self.horizontalHeader().sectionSizeFromContents(column).width()
        whole = least = header
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not text:
                continue
            font = index.data(Qt.ItemDataRole.FontRole) if column < 2 else None
            bold = isinstance(font, QFont) and font.bold()
            sizes = self._measured.get((text, bold))
            if sizes is None:
                sizes = self._measure(str(text), bold)
                self._measured[(text, bold)] = sizes
            whole, least = max(whole, sizes[0]), max(least, sizes[1])
        return whole, least

    def _measure(self, text: str, bold: bool) -> tuple[int, int]:
        font = QFont(self.font())
        font.setBold(bold)  # as the model's bold font is drawn: over the view's
        metrics = QFontMetrics(font)
        margin = _cell_margin(self) + 6
        words = max(metrics.horizontalAdvance(word) for word in _BREAKS.split(text))
        lines = max(metrics.horizontalAdvance(line) for line in text.splitlines())
        return lines + margin, words + margin

"""The header and first rows of an export, as read with the encoding and separator detected
(or from the sheet of a workbook that holds the table), shown before anything is counted so
the user can check them and pick columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.analytics.errors import ImportProblem  # no pandas
from advisor.analytics.sniffing import sniff  # a text file's first bytes only: no pandas
from advisor.i18n import _

PREVIEW_ROWS = 8
MAX_HEIGHT = 190
MAX_COLUMN_WIDTH = 240  # a long survey question stays readable


class FilePreview(QGroupBox):
    """A read-only table of the file's first rows; hidden when the file cannot be read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()  # its 1, 2, 3 would not be the file's line numbers
        QVBoxLayout(self).addWidget(self.table)
        #: A workbook's sheets and the one shown (empty for a text export).
        self.sheets: tuple[str, ...] = ()
        self.sheet = ""
        self.hide()
        self.retranslate_ui()

    def show_file(self, path: Path, sheet: str | None = None) -> list[str]:
        """Show ``path``'s first rows (for a workbook, of the sheet named ``sheet`` or of the
        one that holds the table); returns its header (empty when it cannot be read, in which
        case the reading that follows explains why)."""
        self.sheets, self.sheet = (), ""
        try:
            sniffed = sniff(path, PREVIEW_ROWS, sheet)
        except ImportProblem:
            self.hide()
            return []
        if sniffed.sheet is not None:
            self.sheets, self.sheet = sniffed.sheet.sheets, sniffed.sheet.sheet
        rows = sniffed.sample_rows[:PREVIEW_ROWS]
        table = self.table
        table.clear()
        table.setColumnCount(len(sniffed.header))
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels(sniffed.header)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[: len(sniffed.header)]):
                table.setItem(r, c, QTableWidgetItem(cell))
        table.resizeColumnsToContents()
        for column in range(table.columnCount()):
            table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))
        rows_height = sum(table.rowHeight(r) for r in range(len(rows)))
        frame = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        scrollbar = table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(min(frame + rows_height + scrollbar, MAX_HEIGHT))
        self.show()
        return sniffed.header

    def retranslate_ui(self) -> None:
        self.setTitle(_("First rows of the file"))

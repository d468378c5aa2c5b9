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
from advisor.analytics.sniffing import SAMPLE_BYTES, Sniffed, sniff  # no pandas
from advisor.analytics.workbooks import is_workbook
from advisor.i18n import _

PREVIEW_ROWS = 8
MAX_HEIGHT = 190
MAX_COLUMN_WIDTH = 240  # a long survey question stays readable
#: A workbook larger than this (about 100,000 rows) takes over half a second to parse: its
#: rows are shown once the reading in the background has parsed it, not before.
LARGE_WORKBOOK_BYTES = 4 * 1024 * 1024


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
        self.hide()
        try:
            if _large_workbook(path):
                return []  # shown by show_table when the reading has parsed it
            sniffed = sniff(path, PREVIEW_ROWS, sheet)
        except (ImportProblem, OSError):
            return []
        return self.show_table(sniffed)

    def show_table(self, sniffed: Sniffed) -> list[str]:
        """Show a header and first rows already read; returns the header."""
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


def _large_workbook(path: Path) -> bool:
    """Whether ``path`` is a workbook too large to parse on the window's thread."""
    if path.stat().st_size <= LARGE_WORKBOOK_BYTES:
        return False
    with path.open("rb") as stream:  # sniff refuses pipes and devices before anything is read
        return is_workbook(stream.read(min(SAMPLE_BYTES, 8)))

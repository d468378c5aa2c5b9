"""The files imported into the project before, newest first, to read one again with the
period, columns and date order then chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from advisor.domain.project import ImportedFile
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_date


class EarlierImportsCombo(QComboBox):
    """ "Read a file imported before…" and the files; hidden when there are none."""

    #: A file imported before was chosen (its ``ImportedFile``).
    file_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files: list[ImportedFile] = []
        self.activated.connect(self._on_activated)

    def show_files(self, imported: list[ImportedFile]) -> None:
        """List the files of ``imported`` (oldest first) that say where they were read."""
        self._files = [f for f in reversed(imported) if f.source_path]
        self.blockSignals(True)
        self.clear()
        self.addItem(_("Read a file imported before…"))
        for record in self._files:
            when = (
                format_date(record.imported_at.date(), current_language())
                if record.imported_at
                else ""
            )
            self.addItem(f"{record.file_name} ({when})" if when else record.file_name)
            self.setItemData(self.count() - 1, record.source_path, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(0)
        self.blockSignals(False)
        self.setVisible(bool(self._files))

    def _on_activated(self, index: int) -> None:
        if 0 < index <= len(self._files):
            self.file_chosen.emit(self._files[index - 1])
        self.setCurrentIndex(0)

"""Writing a table for a spreadsheet from any step: the user picks a file, an Excel workbook
(the default) or CSV in their language's convention; a failure is said in one sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from advisor.i18n import _, current_language

if TYPE_CHECKING:
    from advisor.sheets.table import Sheet

#: Asks where to write a table: (dialog title, suggested file name) -> the path, or None.
AskPath = Callable[[str, str], "Path | None"]


def ask_table_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """A save dialog offering an Excel workbook or CSV; the name gets the chosen kind's
    suffix when the user typed none."""
    workbook = _("Excel workbook (*.xlsx)")
    text = _("CSV, separated as your spreadsheet expects (*.csv)")
    name, chosen = QFileDialog.getSaveFileName(
        parent, title, suggested + ".xlsx", f"{workbook};;{text}", workbook
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + (".csv" if chosen == text else ".xlsx"))
    return path


def write_table(sheet: Sheet, path: Path, currency: str, language: str | None = None) -> str | None:
    """Write ``sheet`` to ``path`` (in ``language``, by default the window's); the reason it
    could not be written, for the user, or ``None``."""
    from advisor.sheets.writing import write_sheet

    try:
        write_sheet(sheet, path, language or current_language(), currency)
    except OSError as error:
        return _("Could not write {file}: {problem}").format(
            file=path.name, problem=error.strerror or str(error)
        )
    return None

"""Unexpected errors: a dialog with details to copy, after the user's work is written aside."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from advisor import __version__
from advisor.i18n import _


def error_report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """The text a user can copy into a bug report."""
    details = "".join(traceback.format_exception(kind, error, tb))
    return f"Retention Advisor {__version__}, Python {sys.version.split()[0]}\n\n{details}"


def show_error_dialog(parent: QWidget | None, report: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Unexpected error"))
    box.setText(_("Something went wrong inside Retention Advisor."))
    box.setInformativeText(
        _(
            "Your unsaved work has been kept: a recovery copy was written, and the project is "
            "still open. Save it, then please send the details below to support."
        )
    )
    box.setDetailedText(report)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
    box.exec()


def install_exception_hook(
    keep_work: Callable[[], None], parent: Callable[[], QWidget | None]
) -> None:
    """Route uncaught exceptions (including those raised in Qt slots) to the error dialog.

    ``keep_work`` writes the recovery copy first, so nothing is lost even if the dialog fails.
    """

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        report = error_report(kind, error, tb)
        sys.stderr.write(report)
        try:
            keep_work()
        finally:
            show_error_dialog(parent(), report)

    sys.excepthook = hook

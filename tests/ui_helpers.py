"""Helpers for the pytest-qt tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from advisor.domain.wizard import StepId
from advisor.ui.shell.dialogs import SaveChoice
from advisor.ui.shell.fonts import install_fonts
from advisor.ui.shell.main_window import MainWindow
from advisor.ui.shell.settings import AppSettings


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key. ``qtbot.keyClicks`` aborts on non-ASCII text in Qt 6.12."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def make_window(qtbot: pytest.FixtureRequest, config: Path) -> MainWindow:
    install_fonts(QApplication.instance())  # type: ignore[arg-type]
    window = MainWindow(AppSettings(config))
    # Unanswered dialogs would block the test run: tests that care answer them explicitly.
    window.ask_save_changes = lambda: SaveChoice.DISCARD  # type: ignore[method-assign]
    window.show_error = _unexpected_dialog  # type: ignore[method-assign]
    window.ask_damaged = (  # type: ignore[method-assign]
        lambda path, *_rest: _unexpected_dialog("damaged file", str(path))
    )
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    return window


def window_on(
    qtbot: pytest.FixtureRequest, config: Path, step: StepId = StepId.PROFILE, *, demo: bool
) -> MainWindow:
    """A window showing ``step`` of the demo project (``demo=False``: of a new, empty one)."""
    window = make_window(qtbot, config)
    if demo:
        window.open_demo()
    else:
        window.new_project()
    window.show_step(step)
    return window


def _unexpected_dialog(title: str, message: str) -> None:
    raise AssertionError(f"unexpected error dialog: {title}: {message}")

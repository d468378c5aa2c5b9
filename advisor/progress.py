"""Progress reporting and cancellation for slow work (imports, exports), free of Qt.

Work functions take a :class:`Progress`, call :meth:`Progress.report` now and then, and stop
with :class:`Cancelled` when the user cancels. The UI runs them in the background
(``advisor.ui.shell.tasks``); the command line runs them directly with a silent ``Progress()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the work."""


class Progress:
    """Passed to a work function: where it reports progress and learns of cancellation."""

    def __init__(self, on_report: Callable[[float, str], None] | None = None) -> None:
        self._on_report = on_report
        self._cancel = threading.Event()

    def report(self, fraction: float, message: str = "") -> None:
        """Say how far the work is (0.0 to 1.0); raises :class:`Cancelled` if cancelled."""
        self.check()
        if self._on_report is not None:
            self._on_report(min(max(fraction, 0.0), 1.0), message)

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

"""The one way slow work leaves the GUI thread: a ``QThreadPool`` task whose progress, result
and error come back as callbacks on the GUI thread. Work functions never touch widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from advisor.progress import Cancelled, Progress


class _Signals(QObject):
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self._work = work
        self._signals = signals
        self._progress = progress

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self._signals.cancelled.emit()
        except Exception as error:  # handed to the caller's on_error on the GUI thread
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)


class BackgroundTask(QObject):
    """A running piece of work; keep a reference to cancel it."""

    #: Progress from the work function: fraction done (0..1) and a message.
    progressed = Signal(float, str)
    #: The work is over, whatever the outcome.
    finished = Signal()

    def __init__(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._progress = Progress(self._signals.progressed.emit)
        self._signals.progressed.connect(self.progressed)
        self._signals.succeeded.connect(on_done)
        self._signals.failed.connect(on_error)
        for signal in (self._signals.succeeded, self._signals.failed, self._signals.cancelled):
            signal.connect(self.finished)
        self._runnable = _Runnable(work, self._signals, self._progress)
        self._runnable.setAutoDelete(False)

    def start(self, pool: QThreadPool | None = None) -> BackgroundTask:
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._progress.cancel()

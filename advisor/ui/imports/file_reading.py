"""Reading an export in the background, one reading at a time: starting another cancels the
one in progress, whose outcome is then ignored. pandas and the analytics load in the worker
thread, on the first reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from advisor.progress import Progress
from advisor.ui.shell.tasks import BackgroundTask

if TYPE_CHECKING:
    from advisor.analytics.files import FileAnalysis


def _read(
    path: Path, period: str, mapping: dict[str, str], dates: str, sheet: str, progress: Progress
) -> Any:
    """The work function, run in the worker thread (imports the data stack there)."""
    from advisor.analytics.conventions import DateOrder
    from advisor.analytics.files import analyse_file

    order = DateOrder(dates) if dates else None
    return analyse_file(path, period, mapping, order, progress, sheet or None)


class FileReading:
    """The reading in progress, if any; what becomes of it reaches the callbacks on the GUI
    thread: ``on_progress`` (percent), ``on_done`` (the ``FileAnalysis``) or ``on_error`` (the
    exception), then ``on_finished`` whatever the outcome, cancelled included."""

    def __init__(
        self,
        parent: QObject,
        on_progress: Callable[[int], None],
        on_done: Callable[[FileAnalysis], None],
        on_error: Callable[[Exception], None],
        on_finished: Callable[[], None],
    ) -> None:
        self._parent = parent
        self._on_progress = on_progress
        self._on_done = on_done
        self._on_error = on_error
        self._on_finished = on_finished
        self.task: BackgroundTask | None = None

    @property
    def running(self) -> bool:
        return self.task is not None

    def start(
        self, path: Path, period: str, mapping: dict[str, str], dates: str, sheet: str = ""
    ) -> None:
        """Read ``path`` into periods of ``period`` with the columns of ``mapping`` (empty:
        as recognised), the date order ``dates`` (empty: detected) and, for a workbook, the
        sheet named ``sheet`` (empty: the one that holds the table)."""
        self.cancel()
        task = BackgroundTask(
            lambda progress: _read(path, period, mapping, dates, sheet, progress),
            lambda result: self._relay(task, self._on_done, result),
            lambda error: self._relay(task, self._on_error, error),
            self._parent,
        )
        task.progressed.connect(lambda fraction, _m: self._on_progress(round(fraction * 100)))
        task.finished.connect(lambda: self._finished(task))
        self.task = task
        task.start()

    def cancel(self) -> None:
        """Ask the reading in progress to stop (``on_finished`` follows)."""
        if self.task is not None:
            self.task.cancel()

    def _relay(self, task: BackgroundTask, callback: Callable[[Any], None], outcome: Any) -> None:
        if task is self.task:  # not a reading replaced by a newer one
            callback(outcome)

    def _finished(self, task: BackgroundTask) -> None:
        if task is self.task:
            self.task = None
            self._on_finished()

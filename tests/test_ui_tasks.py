"""Background work: results, errors, progress and cancellation arrive on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from advisor.progress import Progress
from advisor.ui.shell.tasks import BackgroundTask


def test_result_and_progress_arrive_on_the_gui_thread(qtbot) -> None:
    gui_thread = QThread.currentThread()
    seen: list[object] = []

    def work(progress: Progress) -> int:
        assert threading.current_thread() is not threading.main_thread()
        progress.report(0.5, "half")
        return 42

    task = BackgroundTask(
        work,
        lambda r: seen.append((r, QThread.currentThread() is gui_thread)),
        lambda e: seen.append(e),
    )
    task.progressed.connect(lambda f, m: seen.append((f, m)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert seen == [(0.5, "half"), (42, True)]


def test_errors_are_handed_back_not_raised(qtbot) -> None:
    errors: list[Exception] = []

    def work(progress: Progress) -> None:
        raise ValueError("column 'Date' not found")

    task = BackgroundTask(work, lambda r: None, errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert str(errors[0]) == "column 'Date' not found"


def test_cancel_stops_the_work_at_its_next_report(qtbot) -> None:
    started, release = threading.Event(), threading.Event()
    done: list[object] = []

    def work(progress: Progress) -> str:
        started.set()
        release.wait(5)
        progress.report(0.9)
        return "should not arrive"

    task = BackgroundTask(work, done.append, done.append)
    task.start()
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert done == []

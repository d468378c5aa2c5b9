"""One keystroke on the KPI step with 60 periods (five years of months) on screen: the edit goes
through the undo stack, every KPI of every period is recomputed, the tables and the chosen
KPI's explanation are refreshed and the window repaints.

The baseline, in the same process and window, is the same edit made while the Business profile
step is shown (the undo stack, the sidebar and a repaint, without the KPI step's work), so the
difference is what the KPI step costs per keystroke. Best and median of 30 keystrokes.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path

PERIODS = 60
KEYSTROKES = 30


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from advisor.domain.edits import SetPeriodFigure
    from advisor.domain.wizard import StepId
    from advisor.ui.shell.main_window import MainWindow
    from advisor.ui.shell.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    window = MainWindow(AppSettings(Path(tempfile.mkdtemp(prefix="kpi-step-bench-"))))
    window.resize(1280, 800)
    window.open_demo()
    demo = window.session.project
    demo.kpi_periods = [
        dataclasses.replace(demo.kpi_periods[i % 4], label=f"P{i}") for i in range(PERIODS)
    ]
    window.session.project_replaced.emit()
    window.show()

    def keystrokes(step: StepId) -> tuple[float, float]:
        window.show_step(step)
        app.processEvents()
        times = []
        for i in range(KEYSTROKES):
            started = time.perf_counter()
            window.session.apply(SetPeriodFigure(PERIODS - 1, "orders", 4000 + i))
            app.processEvents()
            times.append(time.perf_counter() - started)
        return min(times) * 1000, statistics.median(times) * 1000

    kpi = keystrokes(StepId.KPIS)
    baseline = keystrokes(StepId.PROFILE)
    print(f"One keystroke with {PERIODS} periods, {KEYSTROKES} runs (best / median):")
    print(f"  on the KPI step     {kpi[0]:7.1f} / {kpi[1]:7.1f} ms")
    print(f"  baseline (profile)  {baseline[0]:7.1f} / {baseline[1]:7.1f} ms")
    window.session.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()

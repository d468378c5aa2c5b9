"""Start-up time: process start to main window shown with the demo project, against a bare
PySide6 window measured in the same run. Target: ratio <= 1.3.

Each sample is a fresh process; the child prints the wall-clock time at which its window was
shown (first turn of the event loop after ``show()``), the parent subtracts the time it
launched it. Runs alternate between the two programs so machine load affects both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 780)
window.show()
QTimer.singleShot(0, lambda: (print(f"shown {time.time():.6f}"), app.quit()))
app.exec()
"""
# The least any window of the app's shape costs: the same kinds of widgets on screen (menus,
# a step list, a form with combo boxes and a completer, so PySide6 builds the Qt namespace's
# enums), no project, no translations, no domain code. Shows how much of the ratio is the
# toolkit's and how much is ours.
FLOOR_WINDOW = """
import time
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QCompleter, QFormLayout, QHBoxLayout,
    QLineEdit, QListWidget, QMainWindow, QPlainTextEdit, QSpinBox, QWidget)
app = QApplication([])
window = QMainWindow()
for title in ("File", "Edit", "View", "Help"):
    menu = window.menuBar().addMenu(title)
    for index in range(6):
        action = QAction(f"{title} {index}", window)
        action.setShortcut(QKeySequence.StandardKey.Save)
        menu.addAction(action)
steps = QListWidget()
steps.addItems(["Start", "Profile", "Journey", "Type", "Churn", "KPIs", "Plan", "Export"])
form = QFormLayout()
for index in range(6):
    form.addRow(f"Field {index}", QLineEdit())
combo = QComboBox()
combo.addItems(["one", "two", "three"])
form.addRow("Choice", combo)
line = QLineEdit()
completer = QCompleter(["Retail shop", "Online shop"])
completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
line.setCompleter(completer)
form.addRow("Sector", line)
form.addRow("Count", QSpinBox())
form.addRow("Notes", QPlainTextEdit())
page = QWidget()
page.setLayout(form)
body = QWidget()
row = QHBoxLayout(body)
row.addWidget(steps)
row.addWidget(page, 1)
window.setCentralWidget(body)
window.resize(1200, 780)
window.show()
QTimer.singleShot(0, lambda: (print(f"shown {time.time():.6f}"), app.quit()))
app.exec()
"""


def _sample(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    shown = [line for line in result.stdout.splitlines() if line.startswith("shown ")]
    return float(shown[-1].split()[1]) - started


def measure(runs: int) -> tuple[list[float], list[float], list[float]]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        RETENTION_ADVISOR_CONFIG_DIR=tempfile.mkdtemp(prefix="ra-bench-"),
    )
    # An installed application has its bytecode compiled; measure that, not recompilation.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    floor_cmd = [sys.executable, "-c", FLOOR_WINDOW]
    app_cmd = [sys.executable, str(ROOT / "main.py"), "--demo", "--quit-after-show"]
    _sample(bare_cmd, env), _sample(floor_cmd, env), _sample(app_cmd, env)  # warm the cache
    bare, floor, app = [], [], []
    for _ in range(runs):
        bare.append(_sample(bare_cmd, env))
        floor.append(_sample(floor_cmd, env))
        app.append(_sample(app_cmd, env))
    return bare, floor, app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    bare, floor, app = measure(args.runs)
    base = statistics.median(bare)
    print(f"start-up, median of {args.runs} runs (offscreen):")
    print(f"  bare PySide6 window          {base * 1000:7.0f} ms")
    print(
        f"  same widgets, no model       {statistics.median(floor) * 1000:7.0f} ms"
        f"  ratio {statistics.median(floor) / base:5.2f}"
    )
    print(
        f"  Retention Advisor + demo     {statistics.median(app) * 1000:7.0f} ms"
        f"  ratio {statistics.median(app) / base:5.2f}  (target <= 1.30)"
    )


if __name__ == "__main__":
    main()

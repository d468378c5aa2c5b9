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


def _sample(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT,
                            check=True)
    shown = [line for line in result.stdout.splitlines() if line.startswith("shown ")]
    return float(shown[-1].split()[1]) - started


def measure(runs: int) -> tuple[list[float], list[float]]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               RETENTION_ADVISOR_CONFIG_DIR=tempfile.mkdtemp(prefix="ra-bench-"))
    # An installed application has its bytecode compiled; measure that, not recompilation.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    app_cmd = [sys.executable, str(ROOT / "main.py"), "--demo", "--quit-after-show"]
    _sample(bare_cmd, env), _sample(app_cmd, env)  # warm the file cache
    bare, app = [], []
    for _ in range(runs):
        bare.append(_sample(bare_cmd, env))
        app.append(_sample(app_cmd, env))
    return bare, app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    bare, app = measure(args.runs)
    ratio = statistics.median(app) / statistics.median(bare)
    print(f"start-up, median of {args.runs} runs (offscreen):")
    print(f"  bare PySide6 window      {statistics.median(bare) * 1000:7.0f} ms")
    print(f"  Retention Advisor + demo {statistics.median(app) * 1000:7.0f} ms")
    print(f"  ratio                    {ratio:7.2f}  (target <= 1.30)")


if __name__ == "__main__":
    main()

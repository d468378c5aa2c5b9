"""The window's import of a big orders file: File › Import Orders… reads the file in the
background and shows its summary, period, cohort and RFM tables, the result held by the
dialog, against the same reading without a window (``analyse_file`` in a bare process).

Each runs in its own process (the file written by another), alternating; the figures are the
whole process's wall time and peak memory (max RSS) with the result held. The shop-shaped file
of :mod:`benchmarks.imports` (one customer per four orders). Target (issue 19): the window's
import of 3,000,000 rows under 1.2 GB.

    python -m benchmarks.import_window                 # 3,000,000 rows, 3 runs
    python -m benchmarks.import_window --rows 1000000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_WINDOW = """
import json, os, resource, sys, tempfile, time
started = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from advisor.ui.imports.dialog import ImportDialog
from advisor.ui.shell.project_session import ProjectSession

app = QApplication([])
session = ProjectSession(Path(tempfile.mkdtemp(prefix="import-window-bench-")))
dialog = ImportDialog(session)
dialog.resize(1024, 700)
dialog.show()
dialog.open_file(Path(sys.argv[1]))
while dialog.reading.running:
    app.processEvents()
    time.sleep(0.01)
app.processEvents()
analysis = dialog.file_analysis
assert analysis is not None and analysis.orders is not None, dialog.message.text()
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "customers": analysis.orders.totals.customers}))
"""

_HEADLESS = """
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
from advisor.analytics.files import analyse_file
analysis = analyse_file(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "customers": analysis.orders.totals.customers}))
"""


def _run(script: str, path: Path) -> dict[str, float]:
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True, text=True, check=True, cwd=root,
    ).stdout  # fmt: skip
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        subprocess.run(
            [sys.executable, "-m", "benchmarks.imports", "--write", str(path),
             "--rows", str(args.rows)],
            cwd=Path(__file__).resolve().parent.parent, check=True,
        )  # fmt: skip
        window, headless = [], []
        for _ in range(args.runs):
            headless.append(_run(_HEADLESS, path))
            window.append(_run(_WINDOW, path))
    assert window[0]["customers"] == headless[0]["customers"]

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    print(f"Import of {args.rows:,} orders, median of {args.runs} alternating runs:")
    print("| | time | peak memory |")
    print("|---|---|---|")
    for name, runs in (("window (dialog, result shown)", window), ("no window", headless)):
        print(f"| {name} | {median(runs, 'seconds'):.2f} s | {median(runs, 'rss_mb'):,.0f} MB |")


if __name__ == "__main__":
    main()

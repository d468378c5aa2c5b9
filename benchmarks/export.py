"""Exporting the demo project's action plan to PDF: target under 1 s wall.

Three figures: the whole ``export`` command in a fresh process (what a user waits for on the
command line: Python start, imports of reportlab and jinja2, fonts, layout, atomic write), the
first export in a process (what the app's first export costs), and later exports in the same
process (fonts and templates already loaded). The baseline, measured in the same run, is
``validate`` on the same project in a fresh process: start-up and loading the project without
any report work, so the difference is what the PDF costs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    from advisor.paths import demo_project

    demo = str(demo_project("en"))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "plan.pdf"
        export = [sys.executable, "main.py", "export", demo, "-o", str(target)]
        validate = [sys.executable, "main.py", "validate", demo]
        commands, baselines = [], []
        for _ in range(RUNS):
            commands.append(_wall(export))
            baselines.append(_wall(validate))

        from advisor.report.export import export_pdf
        from advisor.report.model import ReportOptions
        from advisor.storage.project_file import load_project

        project = load_project(demo)
        in_process = []
        for _ in range(RUNS):
            started = time.perf_counter()
            export_pdf(project, ReportOptions("en"), target)
            in_process.append(time.perf_counter() - started)
        pages = target.read_bytes().count(b"/Type /Page\n")

    def ms(values: list[float]) -> str:
        return f"{min(values) * 1000:7.0f} / {statistics.median(values) * 1000:7.0f} ms"

    print(f"PDF export of the demo project ({pages} pages), {RUNS} runs (best / median):")
    print(f"  export command, fresh process   {ms(commands)}  (target < 1000 ms)")
    print(f"  baseline: validate command      {ms(baselines)}")
    print(f"  first export in a process       {in_process[0] * 1000:7.0f} ms")
    print(f"  later exports in a process      {ms(in_process[1:])}")


if __name__ == "__main__":
    main()

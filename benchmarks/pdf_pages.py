"""The PDF plan against the least a PDF of the same size costs: the ``export`` command, in a
fresh process, against a minimal reportlab document with the same pages, the same characters
on each page and the same embedded font (DejaVu Sans, regular and bold), also in a fresh
process (Python start, reportlab imported, fonts registered, layout, file written).

Two plans: the demo (15–16 pages) and a big one — the demo with five years of monthly figures
and one action for each of 40 playbooks, all printed in the appendix (about 60 pages). The
minimal document is made from the text of each page of our PDF (``pypdf``): each line of it a
one-line paragraph, a page break between pages, so it has as many pages and characters; no
tables, charts, contents or templates. Runs alternate; the ratio is the median of each run's
pair. Target (issue 19): ≤ 1.5 on both.

    python -m benchmarks.pdf_pages            # both plans, 7 runs
    python -m benchmarks.pdf_pages --runs 3
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The minimal document: argv[1] the pages' lines (JSON), argv[2] the fonts, argv[3] the output.
_MINIMAL = """
import json, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from xml.sax.saxutils import escape
fonts = sys.argv[2]
pdfmetrics.registerFont(TTFont("DejaVuSans", fonts + "/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", fonts + "/DejaVuSans-Bold.ttf"))
style = ParagraphStyle("line", fontName="DejaVuSans", fontSize=6, leading=7)
heading = ParagraphStyle("heading", fontName="DejaVuSans-Bold", fontSize=6, leading=7)
pages = json.loads(open(sys.argv[1], encoding="utf-8").read())
story = []
for number, lines in enumerate(pages):
    if number:
        story.append(PageBreak())
    for index, line in enumerate(lines):
        story.append(Paragraph(escape(line), heading if index == 0 else style))
SimpleDocTemplate(sys.argv[3], pagesize=A4, topMargin=20, bottomMargin=20).build(story)
"""


def big_plan():  # type: ignore[no-untyped-def]
    """The demo with 60 months of figures and an action for each of 40 playbooks."""
    from advisor.domain.project import PlannedAction
    from advisor.paths import demo_project
    from advisor.storage.playbooks import load_library
    from advisor.storage.project_file import load_project

    project = load_project(demo_project("en"))
    periods = []
    for index in range(60):
        year, month = 2022 + index // 12, index % 12 + 1
        start = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(1)
        base = project.kpi_periods[index % len(project.kpi_periods)]
        periods.append(
            dataclasses.replace(
                base, label=f"{year}-{month:02d}", start=start, end=end,
                orders=base.orders // 3 + 9 * index, revenue=base.revenue / 3 + 300.0 * index,
            )
        )  # fmt: skip
    project.kpi_periods = periods
    playbooks = sorted(load_library().playbooks, key=lambda p: p.id)[:40]
    first = dt.date(2027, 1, 15)
    project.plan.actions = [
        PlannedAction(
            id=f"a-{playbook.id}", title=playbook.title.get("en"),
            playbook_id=playbook.id, owner="Camille Roux",
            due=first + dt.timedelta(days=7 * index), kpi_target="Churn below 9 % a quarter",
        )
        for index, playbook in enumerate(playbooks)
    ]  # fmt: skip
    return project


#: Lines the minimal document's page holds; a page of ours with more (a table's cells come out
#: as short lines) has its lines joined in twos or threes, so that the characters stay the same.
LINES_PER_PAGE = 100


def page_lines(pdf: Path) -> list[list[str]]:
    """The text lines of each page of ``pdf``, at most :data:`LINES_PER_PAGE` a page."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        group = -(-len(lines) // LINES_PER_PAGE)
        pages.append([" ".join(lines[i : i + group]) for i in range(0, len(lines), group or 1)])
    return pages


#: The children's environment: an installed application has its bytecode compiled; measure
#: that, not the compilation of every module at each run.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=_ENV)
    return time.perf_counter() - started


def measure(project_path: Path, folder: Path, runs: int) -> dict[str, float]:
    """Median seconds of our export and of the minimal document, their median ratio and
    spread, and both documents' page counts."""
    from pypdf import PdfReader

    from advisor.paths import FONTS

    ours, minimal = folder / "plan.pdf", folder / "minimal.pdf"
    export = [sys.executable, "main.py", "export", str(project_path), "-o", str(ours)]
    subprocess.run(export, cwd=ROOT, check=True, capture_output=True, env=_ENV)  # and warm up
    lines = folder / "lines.json"
    lines.write_text(json.dumps(page_lines(ours)), "utf-8")
    script = folder / "minimal.py"
    script.write_text(_MINIMAL, "utf-8")
    baseline = [sys.executable, str(script), str(lines), str(FONTS), str(minimal)]
    _wall(baseline)  # its bytecode cached too
    times: list[tuple[float, float]] = []
    for _ in range(runs):
        times.append((_wall(export), _wall(baseline)))
    ratios = [a / b for a, b in times]
    return {
        "pages": len(PdfReader(ours).pages),
        "minimal_pages": len(PdfReader(minimal).pages),
        "characters": sum(len(x) for page in json.loads(lines.read_text("utf-8")) for x in page),
        "export": statistics.median(a for a, _ in times),
        "minimal": statistics.median(b for _, b in times),
        "ratio": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from advisor.paths import demo_project
    from advisor.storage.project_file import save_project

    print(f"PDF plan against a minimal reportlab document, median of {args.runs} runs:")
    print("| plan | pages (minimal) | characters | export | minimal | ratio (min–max) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big = folder / "big.retention"
        save_project(big_plan(), big)
        for title, path in (("demo", demo_project("en")), ("big", big)):
            m = measure(path, folder, args.runs)
            print(
                f"| {title} | {m['pages']} ({m['minimal_pages']}) | {m['characters']:,} "
                f"| {m['export'] * 1000:.0f} ms | {m['minimal'] * 1000:.0f} ms "
                f"| **{m['ratio']:.2f}** ({m['low']:.2f}–{m['high']:.2f}) |"
            )


if __name__ == "__main__":
    main()

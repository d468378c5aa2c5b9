"""The printed plan's typesetting, read back from the PDF as a client reads it: no line starts
with ``; : ! ? »`` or ends with ``«``, no number is split over two lines, and no page of the
body holds less than a third of its height unless it ends a chapter (or the document). Checked
on the demo and on every sample business, in both languages and both paper sizes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from advisor.domain.references import STATUS_TITLES
from advisor.i18n import translator
from advisor.paths import EXAMPLES, demo_project
from advisor.report.export import export_pdf
from advisor.report.model import SECTION_TITLES, ReportOptions
from advisor.report.typesetting import typeset
from advisor.storage.project_file import load_project


def _statuses(language: str) -> tuple[str, ...]:
    """A KPI's status is printed as a symbol and words ("! watch", "? check the figures"): a
    status, not punctuation left at the start of a line."""
    gettext = translator(language).gettext
    return tuple(gettext(title) for title in STATUS_TITLES.values())


PROJECTS = [demo_project("en").name, demo_project("fr").name] + sorted(
    path.name for path in EXAMPLES.glob("*.retention")
)


def _project_path(name: str) -> Path:
    demo = demo_project("en").parent / name
    return demo if demo.is_file() else EXAMPLES / name


def _lines_and_fill(pdf: Path) -> list[tuple[list[str], float]]:
    """Each page's text lines and how much of its height the text covers (running header and
    footer left out)."""
    return [_page_lines_and_fill(page) for page in PdfReader(pdf).pages]


def _page_lines_and_fill(page: Any) -> tuple[list[str], float]:
    height = float(page.mediabox.height)
    lows: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and 40 < y < height - 40:
            lows.append(y)

    text = page.extract_text(visitor_text=visit) or ""
    fill = (height - min(lows)) / height if lows else 0.0
    return [line.strip() for line in text.splitlines() if line.strip()], fill


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", PROJECTS)
def test_the_printed_plan_is_typeset_as_a_consultant_would(
    name: str, paper: str, tmp_path: Path
) -> None:
    project = load_project(_project_path(name))
    language = project.profile.report_language.value
    pdf = export_pdf(project, ReportOptions(language, paper=paper), tmp_path / "plan.pdf")
    chapters = {translator(language).gettext(title) for title in SECTION_TITLES.values()}
    pages = _lines_and_fill(pdf)
    problems = []
    for number, (lines, fill) in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            statuses = _statuses(language)
            if any(status.startswith(line) or line.startswith(status) for status in statuses):
                continue  # a status, whole or wrapped in its cell ("! worse than" / "typical")
            if re.match(r"[;:!?»]", line):
                problems.append(f"p. {number}: a line starts with punctuation: {line[:50]}")
            if line.endswith("«"):
                problems.append(f"p. {number}: a line ends with «: {line[-50:]}")
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if re.search(r"\d$", line) and re.match(r"\d{3}\b", following):
                problems.append(f"p. {number}: a number split: {line[-20:]} / {following[:20]}")
        ends_chapter = number == len(pages) or any(
            line in chapters for line in pages[number][0][:4]
        ) if number < len(pages) else True  # fmt: skip
        if number > 2 and fill < 1 / 3 and not ends_chapter:
            problems.append(f"p. {number}: only {fill:.0%} of the page is used")
    assert problems == []


def test_typesetting_rules() -> None:
    nb = "\u00a0"
    assert typeset("÷ 7\u202f860,00 € × 100", "fr") == f"÷{nb}7{nb}860,00{nb}€ ×{nb}100"
    assert typeset("pour « Service » : oui ; non ! vraiment ?", "fr") == (
        f"pour «{nb}Service{nb}»{nb}: oui{nb}; non{nb}! vraiment{nb}?"
    )
    assert typeset("11,4% et 39,9 %", "fr") == f"11,4{nb}% et 39,9{nb}%"
    assert typeset("11.4 % and 39.9%", "en") == "11.4% and 39.9%"  # one style a language
    assert typeset("LTV:CAC 3 : 1, at 10:30", "en") == f"LTV:CAC 3{nb}:{nb}1, at 10:30"
    assert typeset("<b>Why :</b> 12 days", "fr") == f"<b>Why{nb}:</b> 12{nb}days"
    assert typeset('<font color="#a00">x</font>', "fr") == '<font color="#a00">x</font>'
    # a threshold's number never starts a line alone: "good ≥ 0 · critical &lt; 0"
    assert typeset("good ≥ 0 · critical &lt; −5", "en") == f"good ≥{nb}0 · critical &lt;{nb}−5"


def test_chart_labels_wrap_and_amount_axes_start_at_zero() -> None:
    """A stage's long name is hyphenated over lines, never cut with "…"; an amount's axis
    starts at zero (an average order from €29 to €34 must not look like a leap)."""
    from advisor.report.pdf import register_fonts
    from advisor.report.pdf_charts import _fit

    register_fonts()
    lines = _fit("Renouvellement", 50, 7)
    assert len(lines) == 2 and lines[0].endswith("-") and "…" not in "".join(lines)
    assert "".join(line.rstrip("-") for line in lines) == "Renouvellement"

    from reportlab.graphics.shapes import String

    from advisor.i18n.message import Message, Unit
    from advisor.report.charts import ChartSpec, Series
    from advisor.report.pdf_charts import line_chart

    spec = ChartSpec(
        Message("Average order value"),
        ("Q1", "Q2"),
        (Series(Message("AOV"), (29.0, 34.0)),),
        Unit.MONEY,
    )
    drawing = line_chart(spec, "en", "EUR", 200, 150, None)  # type: ignore[arg-type]
    texts = [item.text for item in drawing.contents if isinstance(item, String)]
    assert "€0" in texts


def test_what_is_not_filled_is_left_out_and_said_once(tmp_path: Path) -> None:
    project = load_project(demo_project("en"))
    for stage in project.journey.stages:
        stage.opportunities = []
        stage.emotion = stage.emotion_to_be = None
    project.journey.stages[1].frictions = []
    pdf = export_pdf(project, ReportOptions("en"), tmp_path / "plan.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "– → –" not in text
    assert "Not filled in yet, so left out: Feeling, Opportunities" in text
    note = text.index("Not filled in yet")
    table = text[text.rindex("Stage", 0, note) : note]
    assert "Frictions" in table and "Touchpoints" in table  # columns stages fill stay
    assert "Opportunities" not in table

"""The PDF never fails on what the user typed: every free-text field filled far past what the
report prints (words, a 1,000-letter word, markup characters) exports in both languages on both
papers, reads back with its text, and a 10 MB field costs no more than a short one.

The layout's last resort (a LayoutError made a one-line export error) is tested on its own, with
a flowable no text can produce; the stress projects export without it."""

from __future__ import annotations

import dataclasses
import re
import string
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable

from advisor.cli import main
from advisor.domain.project import Channel, Project, Touchpoint
from advisor.errors import InputError
from advisor.report import pdf_sections
from advisor.report.bounds import MAX_CELL, MAX_FIELD, bounded, cut_note, split_note
from advisor.report.export import export_pdf
from advisor.report.model import ReportOptions, build_report
from advisor.report.pdf import render_pdf
from advisor.storage.project_file import save_project
from tests.factories import full_project

#: 300 short words, each numbered, so a piece of it is found in one place only.
WORDS = " ".join(f"s{i}" for i in range(300))
#: 1,000 letters without a space, in a pattern no other text has.
WORD = "".join(string.ascii_lowercase[(i * 7) % 26] for i in range(1000))
#: Past every bound, with characters that mean something in paragraph markup.
LONG = " ".join(f"<b>&<> long{i}" for i in range(420))
assert len(LONG) > MAX_FIELD and len(WORDS) < MAX_CELL


def _fill(record: object, name: str, text: str) -> None:
    """``record.name`` filled to its maximum (its ``max_length``, each item's for a list of
    texts) with ``text`` repeated; a field without a maximum gets ``text`` as it is."""
    field = next(f for f in dataclasses.fields(record) if f.name == name)  # type: ignore[arg-type]
    limit = field.metadata.get("max_length")

    def at_most(value: str) -> str:
        return value if limit is None else (value * (limit // len(value) + 1))[:limit]

    current = getattr(record, name)
    if isinstance(current, list):
        setattr(record, name, [at_most(text), at_most(WORDS), at_most(WORD)])
    else:
        setattr(record, name, at_most(text))


def _stress_project() -> Project:
    """The tests' full workshop with every free text the report prints (and the notes it does
    not) at its longest: a long text, a 300-word text or a 1,000-letter word, repeated."""
    project = full_project()
    texts = iter([LONG, WORDS, WORD] * 100)
    for name in ("name", "sector", "facilitator_name", "facilitator_firm", "notes"):
        _fill(project.profile, name, next(texts))
    _fill(project, "notes", LONG)
    for stage in project.journey.stages:
        stage.touchpoints = [Touchpoint(f"{stage.id}-{n}", Channel.EMAIL) for n in range(3)]
        for touchpoint in stage.touchpoints:
            _fill(touchpoint, "description", next(texts))
        for name in ("name", "customer_goal", "owner", "frictions", "opportunities"):
            _fill(stage, name, next(texts))
    for check in project.churn.causes.values():
        _fill(check, "evidence", next(texts))
    for action in project.plan.actions:
        for name in ("title", "owner", "notes", "kpi_target"):
            _fill(action, name, next(texts))
    for period in project.kpi_periods:
        _fill(period, "label", next(texts))
    # The texts searched for below, each in a field of its own printed in a paragraph (the
    # summary's first sentence, its top actions and key findings): in a table, pypdf reads a
    # row's lines across its cells.
    _fill(project.profile, "name", "name " + LONG)
    _fill(project.plan.actions[1], "title", "title " + WORDS)
    lowest = min(project.journey.stages, key=lambda stage: stage.emotion or 0)
    lowest.frictions[0] = WORD
    return project


def _flat(text: str) -> str:
    """Text without its whitespace: lines wrap differently in the PDF than in the field."""
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    return _flat("".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_every_field_at_its_longest_exports_and_reads_back(
    tmp_path: Path, language: str, paper: str, size: tuple[int, int]
) -> None:
    project_file = tmp_path / "stress.retention"
    save_project(_stress_project(), project_file)
    target = tmp_path / "plan.pdf"
    args = ["export", str(project_file), "-o", str(target), "--lang", language, "--paper", paper]
    assert main(args) == 0  # a LayoutError made an export error would be exit 2
    page = PdfReader(target).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    text = _pdf_text(target)
    for typed in ("name " + LONG, "title " + WORDS, WORD):
        assert _flat(typed[:200]) in text
    assert _flat("<b>&<> long1 <b>&<> long2") in text  # markup printed as typed
    assert _flat(cut_note(7, language).partition("7")[0]) in text  # "… (text cut: "


def test_a_cell_is_cut_to_fit_where_reportlab_cannot_split_a_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_sections, "SPLIT_IN_ROW", False)  # as with reportlab before 4.1
    monkeypatch.setattr(pdf_sections, "SPLITS", {"splitByRow": 1})
    project = full_project()
    project.plan.actions[0].owner = WORDS  # within its bound, but 1.5 pages of a narrow column
    target = export_pdf(project, ReportOptions("en", "letter"), tmp_path / "plan.pdf")
    notes = re.findall(r"\(textcut:([\d,]+)charactersmore;seetheprojectfile\)", _pdf_text(target))
    assert len(notes) == 1 and 0 < int(notes[0].replace(",", "")) < len(WORDS)
    monkeypatch.setattr(pdf_sections, "SPLIT_IN_ROW", True)  # without the cut: no PDF at all
    with pytest.raises(InputError, match="Action plan"):
        export_pdf(project, ReportOptions("en", "letter"), tmp_path / "plan.pdf")


def test_a_10_mb_field_exports_as_fast_as_a_short_one(tmp_path: Path) -> None:
    project = full_project()
    huge = "pasted by mistake " * 600_000  # 10.8 MB
    project.journey.stages[0].customer_goal = huge
    project.plan.actions[0].notes = huge
    project.profile.name = huge
    started = time.perf_counter()
    target = export_pdf(project, ReportOptions("fr", "a4"), tmp_path / "plan.pdf")
    elapsed = time.perf_counter() - started
    assert elapsed < 10.0, f"{elapsed:.1f} s"  # about 0.3 s; the bound is for slow machines
    text = _pdf_text(target)
    assert _flat(huge[:200]) in text
    assert _flat(cut_note(len(huge) - MAX_CELL, "fr"))[:12] in text


def test_the_report_takes_a_bounded_printable_copy_of_the_project() -> None:
    project = full_project()
    project.profile.name = "x" * (MAX_FIELD + 1234)
    project.plan.actions[0].title = "Keep\x00 warm\r\nfast\ud800"
    stage = project.journey.stages[0]
    stage.frictions = [WORDS] * 40  # one cell's bullets share one cell's bound
    stage.customer_goal = "line\n" * 500
    copy = bounded(project, "en")
    assert copy.profile.name == "x" * MAX_FIELD + cut_note(1234, "en")
    assert copy.plan.actions[0].title == "Keep  warm\nfast\ufffd"
    frictions = copy.journey.stages[0].frictions
    assert len(frictions) == 2 and frictions[0] == WORDS
    shown, hidden = split_note(frictions[1], "en")
    assert len(WORDS) + len(shown) <= MAX_CELL and hidden == 39 * len(WORDS) - len(shown)
    assert copy.journey.stages[0].customer_goal.count("\n") == 60
    assert project.profile.name == "x" * (MAX_FIELD + 1234)  # the project itself is untouched
    assert copy.plan.actions[1] is project.plan.actions[1]  # what needs no cut is shared
    render_pdf(build_report(project, ReportOptions("fr")))  # and prints


class _Unsplittable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Taller than any page and impossible to split: what no text can become any more."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 5000.0

    def draw(self) -> None:
        pass


def test_a_layout_failure_is_one_line_naming_the_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = pdf_sections.plan
    monkeypatch.setattr(pdf_sections, "plan", lambda *args: [*original(*args), _Unsplittable()])
    project_file = tmp_path / "plan.retention"
    save_project(full_project(), project_file)
    target = tmp_path / "plan.pdf"
    assert main(["export", str(project_file), "-o", str(target), "--lang", "en"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "The PDF could not be made" in error and "“Action plan”" in error
    assert not target.exists()
    with pytest.raises(InputError, match="Action plan"):  # the export page shows the same
        export_pdf(full_project(), ReportOptions("fr"), target)

"""`export` on the command line: a PDF in the project's or the chosen language and paper, and
one clear line (exit 2) for a bad project or a place the PDF cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor.cli import main
from advisor.paths import demo_project
from tests.unprivileged import locked, run_unprivileged


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_exports_in_the_projects_report_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.pdf"
    assert main(["export", str(demo_project("fr")), "-o", str(target)]) == 0
    assert "Plan d’action fidélisation" in _text(target)
    assert str(target) in capsys.readouterr().out


def test_lang_and_paper_options(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    args = ["export", str(demo_project("fr")), "-o", str(target), "--lang", "en"]
    assert main([*args, "--paper", "letter"]) == 0
    reader = PdfReader(target)
    assert "Executive summary" in _text(target)
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (
        612,
        792,
    )


def test_a_bad_project_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.retention"
    bad.write_text("{not json", encoding="utf-8")
    target = tmp_path / "plan.pdf"
    assert main(["export", str(bad), "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "broken.retention" in error
    assert not target.exists()


def test_a_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "plan.pdf"
    assert main(["export", str(demo_project("en")), "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "folder does not exist" in error


def test_an_unwritable_folder_keeps_the_old_pdf_and_leaves_no_partial_file(
    tmp_path: Path,
) -> None:
    """Run without the right to write there (root included: it gives up its overrides)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "plan.pdf"
    target.write_bytes(b"%PDF old")
    locked(folder)
    try:
        result = run_unprivileged(
            "import sys; from advisor.cli import main;"
            "sys.exit(main(['export', sys.argv[1], '-o', sys.argv[2]]))",
            str(demo_project("en")),
            str(target),
        )
    finally:
        folder.chmod(0o700)

    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "permission" in result.stderr
    assert target.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.pdf"]


def test_a_folder_as_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(demo_project("en")), "-o", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err


def test_a_failure_while_writing_leaves_no_half_written_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF previous plan")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    assert main(["export", str(demo_project("en")), "-o", str(target)]) == 2
    assert "No space left" in capsys.readouterr().err
    assert target.read_bytes() == b"%PDF previous plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_orders_add_the_cohort_heat_map_and_rfm_segments(tmp_path: Path) -> None:
    from tests.import_fixtures import write_fixture

    orders = write_fixture(tmp_path, "shopify.csv")
    target = tmp_path / "plan.pdf"
    args = ["export", str(demo_project("en")), "-o", str(target), "--orders", str(orders)]
    assert main(args) == 0
    text = _text(target)
    assert "Cohort retention" in text and "Customer segments (RFM)" in text
    assert "From shopify.csv: 2 customers" in text
    assert main(["export", str(demo_project("en")), "-o", str(target)]) == 0
    assert "Cohort retention" not in _text(target)


def test_survey_answers_are_not_orders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.import_fixtures import FIXTURES, write_fixture

    survey = next(name for name in FIXTURES if "typeform" in name.lower())
    path = write_fixture(tmp_path, survey)
    target = tmp_path / "plan.pdf"
    assert main(["export", str(demo_project("en")), "-o", str(target), "--orders", str(path)]) == 2
    assert "--orders needs an orders export" in capsys.readouterr().err
    assert not target.exists()


def test_own_playbooks_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_report_model import write_playbook

    project = tmp_path / "plan.retention"
    from advisor.storage.project_file import load_project, serialise

    demo = load_project(demo_project("en"))
    demo.plan.actions[0].playbook_id = "test-first-cup"
    project.write_bytes(serialise(demo))
    target = tmp_path / "plan.pdf"
    folder = write_playbook(tmp_path / "own")
    assert main(["export", str(project), "-o", str(target), "--playbooks", str(folder)]) == 0
    assert "First cup guide" in _text(target)
    missing = tmp_path / "nowhere"
    assert main(["export", str(project), "-o", str(target), "--playbooks", str(missing)]) == 2
    assert "--playbooks needs the folder" in capsys.readouterr().err

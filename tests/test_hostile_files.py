"""What a file holds can neither crash, hang nor lose work: each case of the hardening issue
as a small file."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.domain.project import PlannedAction
from advisor.paths import demo_project
from advisor.storage.playbooks import load_folder
from advisor.storage.project_file import ProjectFileError, load_project, save_project
from advisor.storage.recovery import write_recovery

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")


def _demo_document() -> dict:  # type: ignore[type-arg]
    return json.loads(demo_project("en").read_text(encoding="utf-8"))


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_lone_surrogate_loads_as_a_replacement_character_and_saves(tmp_path: Path) -> None:
    document = _demo_document()
    document["project"]["profile"]["notes"] = "broken \ud800 paste"
    document["project"]["journey"]["stages"][0]["id"] = "s-\udfff"
    path = tmp_path / "broken.retention"
    path.write_text(json.dumps(document), encoding="utf-8")  # ASCII escapes: "\ud800"

    project = load_project(path)
    assert project.profile.notes == "broken \ufffd paste"
    assert project.journey.stages[0].id == "s-\ufffd"
    save_project(project, path)
    assert load_project(path).profile.notes == "broken \ufffd paste"


def test_saving_and_the_recovery_copy_never_fail_on_a_lone_surrogate(tmp_path: Path) -> None:
    project = load_project(demo_project("en"))
    project.profile.name = "Caf\udce9"  # as a broken clipboard can hand it over
    save_project(project, tmp_path / "p.retention")
    assert load_project(tmp_path / "p.retention").profile.name == "Caf\ufffd"
    copy = write_recovery(project, tmp_path / "recovery", "session", None)
    assert "\ufffd" in copy.read_text(encoding="utf-8")


@pytest.mark.parametrize("field", ["customers_start", "format_version"])
def test_a_number_with_thousands_of_digits_is_refused_in_one_line(
    tmp_path: Path, field: str
) -> None:
    document = _demo_document()
    if field == "format_version":
        document["format_version"] = 0
    else:
        document["project"]["kpi_periods"][0][field] = 0
    text = json.dumps(document).replace(f'"{field}": 0', f'"{field}": {"9" * 5000}', 1)
    path = tmp_path / "digits.retention"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError, match="5000 digits"):
        load_project(path)
    assert main(["validate", str(path)]) == 2


def test_a_document_nested_thousands_deep_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.retention"
    path.write_text('{"format": "retention-advisor-project", "x": ' + "[" * 3000 + "]" * 3000)
    with pytest.raises(ProjectFileError, match="nested too deeply"):
        load_project(path)


@posix_only
def test_a_pipe_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "waiting.retention"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo)]) == 2
    assert main(["validate", "/dev/zero"]) == 2
    assert main(["analyze", str(fifo)]) == 2
    playbooks = tmp_path / "playbooks"
    playbooks.mkdir()
    os.mkfifo(playbooks / "waiting.toml")
    (playbooks / "zero.toml").symlink_to("/dev/zero")
    library = load_folder(playbooks, user=True)
    assert len(library.problems) == 2
    assert all("not an ordinary file" in str(problem) for problem in library.problems)


def test_a_playbook_id_from_a_file_is_never_used_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import advisor.storage.playbooks as storage

    evil = tmp_path / "evil.toml"
    evil.write_text('id = "evil"\n', encoding="utf-8")
    opened: list[Path] = []
    real = storage.read_playbook

    def spy(path: Path, user: bool = False, **options: bool):  # type: ignore[no-untyped-def]
        opened.append(Path(path))
        return real(path, user)

    monkeypatch.setattr(storage, "read_playbook", spy)
    project = load_project(demo_project("en"))
    for playbook_id in (str(evil.with_suffix("")), "../../../../tmp/evil", "..\\evil"):
        project.plan.actions.append(PlannedAction(f"x-{len(opened)}", "x", playbook_id))
    path = save_project_to(tmp_path, project)
    assert main(["export", str(path), "-o", str(tmp_path / "plan.pdf")]) == 0
    assert all(p.resolve().parent.name == "playbooks" for p in opened), opened
    assert evil.resolve() not in {p.resolve() for p in opened}


def save_project_to(folder: Path, project: object) -> Path:
    path = folder / "project.retention"
    save_project(project, path)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(("language", "paper"), [("en", "a4"), ("fr", "letter")])
def test_the_pdf_never_fails_on_long_text(tmp_path: Path, language: str, paper: str) -> None:
    # Each field as long as the file format allows (docs/file-format.md, "Limits").
    words = " ".join(["retention"] * 199)  # 1,989 characters of ordinary words
    long_word = "x" * 1000  # a pasted string with no space to break at
    project = load_project(demo_project(language))
    project.profile.name = "<b>&amp; " + long_word[:480]
    project.profile.notes = (words + " ") * 2
    stage = project.journey.stages[0]
    stage.name, stage.customer_goal = long_word[:490], words
    stage.frictions = [words, long_word]
    for action in project.plan.actions:
        action.title, action.notes, action.kpi_target = words[:495], long_word, long_word[:490]
    for check in project.churn.causes.values():
        check.evidence = words[:990] + " " + long_word[:990]
    path = save_project_to(tmp_path, project)
    pdf = tmp_path / "long.pdf"
    code = main(["export", str(path), "-o", str(pdf), "--lang", language, "--paper", paper])
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "<b>&amp;" in text  # markup printed as typed
    assert "retention retention retention" in text


@posix_only
def test_saving_through_a_link_updates_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "plan.retention"
    real.parent.mkdir()
    project = load_project(demo_project("en"))
    save_project(project, real)
    link = tmp_path / "plan.retention"
    link.symlink_to(real)
    project.profile.name = "Changed through the link"
    save_project(project, link)
    assert link.is_symlink()
    assert load_project(real).profile.name == "Changed through the link"


@posix_only
def test_a_read_only_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    project = load_project(demo_project("en"))
    save_project(project, path)
    before = path.read_bytes()
    path.chmod(0o444)
    project.profile.name = "Overwritten?"
    with pytest.raises(ProjectFileError, match="read-only"):
        save_project(project, path)
    assert path.read_bytes() == before
    assert main(["validate", str(path)]) == 0


def test_temporary_files_left_by_a_crash_are_removed_at_the_next_save(tmp_path: Path) -> None:
    import time

    from advisor.storage.project_file import STALE_TEMP_SECONDS

    path = tmp_path / "plan.retention"
    stale = tmp_path / ".plan.retention.abc123.tmp"
    recent = tmp_path / ".plan.retention.def456.tmp"
    other = tmp_path / ".other.retention.abc123.tmp"
    for leftover in (stale, recent, other):
        leftover.write_bytes(b"half a project")
    old = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    save_project(load_project(demo_project("en")), path)
    assert not stale.exists()
    assert recent.exists() and other.exists()  # maybe another save; not this file's


def test_spreadsheet_formulas_are_neutralised_even_behind_invisible_characters() -> None:
    from advisor.sheets.writing import neutralise

    for hostile in ("=cmd", "\u200b=cmd", "\ufeff+1", "  @SUM(A1)", "\u200e-2+3", "\t=1"):
        assert neutralise(hostile).startswith("'"), hostile
    assert neutralise("Dupont") == "Dupont"


def test_the_at_risk_list_is_written_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from advisor.sheets.table import Column, Sheet
    from advisor.sheets.writing import write_sheet

    path = tmp_path / "at-risk.csv"
    path.write_text("the list of last month\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_sheet(Sheet("At risk", (Column("Customer"),), [("=evil",)]), path, "en")
    assert path.read_text(encoding="utf-8") == "the list of last month\n"
    assert not list(tmp_path.glob(".at-risk.csv.*.tmp"))


def test_the_terminal_never_receives_control_characters_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _demo_document()
    document["project"]["profile"]["name"] = "Evil\x1b[31m\x00 \u202eshop\x07"
    path = _write(tmp_path / "evil.retention", document)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x00\u202e\x07")
    assert "Evil\ufffd[31m\ufffd \ufffdshop\ufffd" in out


@pytest.mark.parametrize(
    "template",
    [
        "{% for a in kpi %}{% for b in kpi %}{{ a }}{% endfor %}{% endfor %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{% if false %}{{ 'a' * 1000000000 }}{% endif %}",
        "{{ business.name | center(1000000000) }}",
        "{{ '%s' | format(kpi.items) }}",
        "{{ kpi.items }}",
        "{{ kpi }}",
    ],
)
def test_a_playbook_template_cannot_hang_grow_or_print_a_repr(template: str) -> None:
    import time

    from advisor.domain.playbook_text import TemplateRefused, render_text, sample_context

    started = time.monotonic()
    with pytest.raises(TemplateRefused):
        render_text(template, sample_context("en"))
    assert time.monotonic() - started < 1.0


def test_the_bundled_templates_still_render() -> None:
    from advisor.domain.playbook_text import render_text, sample_context

    text = "{% if kpi.churn_rate is not none %}Churn {{ kpi.churn_rate | percent }}{% endif %}"
    assert render_text(text, sample_context("en")) == "Churn 1.0%"
    model = (
        "{% if business.model is defined and business.model == 'services' %}x{% else %}y{% endif %}"
    )
    assert render_text(model, sample_context("en")) == "y"

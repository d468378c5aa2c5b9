"""Behaviour that small, realistic bugs planted in the code once got past the suite (issue 23):
each test here fails when its bug is put back."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.domain.periods import next_period
from advisor.domain.project import KpiPeriod, Project
from advisor.domain.retention_questionnaire import QUESTIONS
from advisor.domain.retention_type import Confidence, diagnose
from advisor.i18n import system_language
from advisor.storage import atomic_write
from advisor.storage.atomic_write import write_atomic

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),  # LC_ALL comes first
        ({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({}, "en"),
    ],
)
def test_the_system_language_follows_the_locale(
    environment: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def test_a_first_period_is_the_last_finished_quarter_and_the_next_follows_the_last() -> None:
    first = next_period([], dt.date(2026, 12, 5))
    assert (first.label, first.start, first.end) == (
        "2026 Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30),
    )  # fmt: skip
    in_january = next_period([], dt.date(2027, 1, 20), "fr")
    assert (in_january.label, in_january.start) == ("2026 T4", dt.date(2026, 10, 1))
    month = KpiPeriod("2026-05", dt.date(2026, 5, 1), dt.date(2026, 5, 31), customers_end=80)
    after = next_period([month], dt.date(2026, 12, 5))
    assert (after.label, after.end, after.customers_start) == ("2026-06", dt.date(2026, 6, 30), 80)


def test_suggested_answers_count_half_towards_the_confidence() -> None:
    # every question answered with its first answer, by the user or only as a suggestion
    answers = {question.id: question.answers[0].id for question in QUESTIONS}
    given = diagnose(answers)
    suggested = diagnose({}, answers)
    assert given.main == suggested.main
    assert given.confidence == Confidence.HIGH
    assert suggested.confidence != Confidence.HIGH  # half the coverage: 0.5 < 0.7
    assert (given.answered, suggested.suggested) == (len(QUESTIONS), len(QUESTIONS))


def test_the_temporary_file_is_written_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.replace only swaps files atomically on one drive: a temporary file elsewhere (the
    system's temp folder) makes saving fail across drives."""
    replaced: list[tuple[Path, Path]] = []
    real = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        replaced.append((Path(source), Path(target)))
        real(source, target)

    monkeypatch.setattr(atomic_write.os, "replace", spy)
    target = tmp_path / "folder" / "plan.retention"
    target.parent.mkdir()
    write_atomic(target, b"{}")
    source, destination = replaced[-1]
    assert destination == target and source.parent == target.parent
    assert source.name.startswith(".plan.retention.") and source.name.endswith(".tmp")


def test_the_recovery_copy_is_gone_once_the_project_is_saved(qtbot, tmp_path: Path) -> None:
    from advisor.domain.edits import SetProfileField
    from advisor.ui.shell.project_session import ProjectSession

    recovery = tmp_path / "recovery"
    session = ProjectSession(recovery)
    session.replace(Project(), None)
    session.apply(SetProfileField("name", "Boulangerie"))
    session.write_recovery()
    assert list(recovery.glob("*.recovery.json"))
    session.save(tmp_path / "plan.retention")
    assert not list(recovery.glob("*.recovery.json"))  # nothing left to offer after a crash


def test_output_piped_into_a_program_that_stops_reading_is_no_error(tmp_path: Path) -> None:
    """`retention-advisor plan … | head -1`: the reader goes away; no traceback, exit 0."""
    from advisor.paths import demo_project

    command = f'"{sys.executable}" main.py plan "{demo_project("en")}" | head -c 20'
    result = subprocess.run(
        ["sh", "-c", command + "; exit ${PIPESTATUS:-0}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert len(result.stdout) == 20

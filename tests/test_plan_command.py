"""``plan PROJECT``: the retention type and the ranked findings, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.domain.project import Project
from advisor.paths import demo_project
from advisor.storage.project_file import save_project


def test_plan_prints_type_scores_and_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(demo_project("en"))]) == 0

    out = capsys.readouterr().out
    assert "Retention type: Intentional retention (high confidence)" in out
    assert "Intentional retention 81%" in out
    assert "Decided by: How does a customer keep buying from you?" in out
    assert out.index("[high]") < out.index("[medium]") < out.index("[low]")
    assert "Satisfaction (CSAT) was 74.6% in 2026 Q4" in out


def test_plan_json_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(demo_project("fr")), "--json", "--lang", "fr"]) == 0

    data = json.loads(capsys.readouterr().out)
    assert data["retention_type"]["main"] == "intentional"
    assert data["retention_type"]["kpis"][0] == "repeat_purchase_rate"
    first = data["findings"][0]
    assert (first["id"], first["severity"], first["stage_id"]) == (
        "cause.experience",
        "high",
        "s-support",
    )
    assert first["title"].startswith("«")


def test_plan_of_an_empty_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.retention"
    save_project(Project(), path)

    assert main(["plan", str(path)]) == 0

    out = capsys.readouterr().out
    assert "not diagnosed yet" in out and "Findings (0)" in out


def test_plan_of_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(tmp_path / "nowhere.retention")]) == 2
    assert "does not exist" in capsys.readouterr().err

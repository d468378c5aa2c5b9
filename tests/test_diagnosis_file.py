"""A project file with diagnosis ids this version does not know still opens; they are kept in
the file, listed, and left out of the scoring and the findings."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.domain.churn_causes import unknown_cause_entries
from advisor.domain.findings import findings
from advisor.domain.retention_questionnaire import unknown_answers
from advisor.domain.retention_type import diagnose_project
from advisor.domain.wizard import StepId, completeness
from advisor.paths import demo_project
from advisor.storage.project_file import load_project, save_project
from tests.factories import references_for


def _with_unknown_ids(tmp_path: Path) -> Path:
    data = json.loads(demo_project("en").read_text(encoding="utf-8"))
    project = data["project"]
    project["retention_type"]["answers"]["payment"] = "barter"
    project["retention_type"]["answers"]["mood"] = "happy"
    project["churn"]["causes"]["weather"] = {"severity": "strongly", "evidence": "rain"}
    project["churn"]["causes"]["quality"]["symptoms"].append("gremlins")
    project["churn"]["mistakes"].append("from_the_future")
    project["churn"]["loyalty_audit"]["free_lunch"] = False
    path = tmp_path / "newer.retention"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_unknown_diagnosis_ids_load_and_are_ignored(tmp_path: Path) -> None:
    project = load_project(_with_unknown_ids(tmp_path))

    assert unknown_answers(project.retention_type.answers) == ["mood=happy", "payment=barter"]
    assert unknown_cause_entries(project) == ["quality.gremlins", "weather"]
    result = diagnose_project(project)
    assert result.answered == 9  # the unknown payment answer is left out...
    assert result.effective["payment"] == "one_off"  # ...and the business model's hint fills it
    ids = [f.id for f in findings(project, references_for(project))]
    assert not any("weather" in i or "from_the_future" in i or "free_lunch" in i for i in ids)
    assert completeness(project, StepId.RETENTION_TYPE).missing == ("Every question answered",)


def test_unknown_ids_survive_a_save(tmp_path: Path) -> None:
    project = load_project(_with_unknown_ids(tmp_path))
    target = tmp_path / "saved.retention"

    save_project(project, target)

    again = load_project(target)
    assert again.retention_type.answers["mood"] == "happy"
    assert "weather" in again.churn.causes

"""``plan PROJECT``: the recommended playbooks with their reasons and the chosen actions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.paths import PLAYBOOKS, demo_project
from advisor.storage.playbooks import bundled_library
from advisor.storage.project_file import load_project


def test_plan_lists_ranked_playbooks_with_reasons_and_the_actions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", str(demo_project("en"))]) == 0
    out = capsys.readouterr().out
    assert "Recommended playbooks (" in out
    first = out.index("  1. ", out.index("Recommended playbooks"))
    assert "Complaint recovery" in out[first : out.index("\n", first)]
    assert "Why: “Poor customer experience” was rated strong" in out
    assert "Why: “Weak activation” was rated strong" in out
    assert "Action plan: 5 actions, started 12 January 2027, review 15 April 2027" in out
    assert "playbook: response-time-targets" in out


def test_plan_json_in_french_has_playbooks_and_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(demo_project("fr")), "--json", "--lang", "fr"]) == 0
    data = json.loads(capsys.readouterr().out)
    scores = [p["score"] for p in data["playbooks"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 10
    assert data["every_plan"][0]["id"] == "kpi-review-ritual"
    assert "kpi-review-ritual" not in {p["id"] for p in data["playbooks"]}
    top = data["playbooks"][0]
    assert top["reason"].startswith("Pourquoi") and top["reasons"]
    assert data["plan"]["start"] == "2027-01-12"
    assert data["plan"]["actions"][0]["playbook_id"] == "response-time-targets"


def test_a_user_folder_of_playbooks_is_used_and_a_bad_one_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (PLAYBOOKS / "shorten-time-to-value.toml").read_text(encoding="utf-8")
    (tmp_path / "mine.toml").write_text(
        text.replace('en = "Shorten the time to value"', 'en = "Our own time-to-value method"'),
        encoding="utf-8",
    )
    assert main(["plan", str(demo_project("en")), "--playbooks", str(tmp_path)]) == 0
    assert "Our own time-to-value method (shorten-time-to-value)" in capsys.readouterr().out
    (tmp_path / "bad.toml").write_text("id = 3", encoding="utf-8")
    assert main(["plan", str(demo_project("en")), "--playbooks", str(tmp_path)]) == 2
    assert "bad.toml" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_demo_plan_comes_from_known_playbooks(language: str) -> None:
    plan = load_project(demo_project(language)).plan
    ids = {a.playbook_id for a in plan.actions}
    assert ids and all(bundled_library().get(i) is not None for i in ids)

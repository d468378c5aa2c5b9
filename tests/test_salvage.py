"""Reading what can be read of a damaged project file: each value that does not fit is left
out and named, everything else is kept; a file that is not a project gives nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from advisor.paths import demo_project
from advisor.storage.project_file import MAX_LEFT_OUT, load_project, salvage_project


def _demo_data() -> dict[str, Any]:
    return json.loads(demo_project("en").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any, name: str = "damaged.retention") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_sound_file_is_salvaged_whole() -> None:
    salvaged = salvage_project(demo_project("en"))

    assert salvaged is not None and salvaged.left_out == ()
    assert salvaged.project == load_project(demo_project("en"))


def test_a_bad_figure_is_left_out_and_the_rest_of_its_period_kept(tmp_path: Path) -> None:
    data = _demo_data()
    data["project"]["kpi_periods"][2]["customers_lost"] = "many"
    expected = load_project(demo_project("en"))

    salvaged = salvage_project(_write(tmp_path, data))

    assert salvaged is not None
    assert salvaged.left_out == ("kpi_periods[2].customers_lost",)
    period = salvaged.project.kpi_periods[2]
    assert period.customers_lost is None
    assert period.customers_start == expected.kpi_periods[2].customers_start
    assert period.label == expected.kpi_periods[2].label
    assert salvaged.project.plan == expected.plan
    assert salvaged.project.profile == expected.profile


def test_a_broken_list_item_is_removed_with_the_others_kept(tmp_path: Path) -> None:
    data = _demo_data()
    titles = [a["title"] for a in data["project"]["plan"]["actions"]]
    data["project"]["plan"]["actions"][1] = 5

    salvaged = salvage_project(_write(tmp_path, data))

    assert salvaged is not None and salvaged.left_out == ("plan.actions[1]",)
    assert [a.title for a in salvaged.project.plan.actions] == titles[:1] + titles[2:]


def test_several_bad_values_are_each_named(tmp_path: Path) -> None:
    data = _demo_data()
    data["project"]["profile"]["name"] = ["not", "a", "name"]
    data["project"]["kpi_periods"][0]["customers_start"] = {"x": 1}
    data["project"]["plan"]["actions"][0]["status"] = "exploded"

    salvaged = salvage_project(_write(tmp_path, data))

    assert salvaged is not None
    assert set(salvaged.left_out) == {
        "profile.name",
        "kpi_periods[0].customers_start",
        "plan.actions[0].status",
    }
    assert salvaged.project.profile.name == ""
    assert salvaged.project.kpi_periods[0].customers_start is None
    assert salvaged.project.kpi_periods[0].customers_end is not None


def test_too_many_bad_values_give_nothing_rather_than_an_empty_shell(tmp_path: Path) -> None:
    data = _demo_data()
    data["project"]["kpi_periods"] = [{"label": n, "start": "bad"} for n in range(MAX_LEFT_OUT + 1)]

    assert salvage_project(_write(tmp_path, data)) is None


def test_exactly_the_limit_of_bad_values_is_still_salvaged(tmp_path: Path) -> None:
    data = _demo_data()
    good = data["project"]["kpi_periods"][0]
    data["project"]["kpi_periods"] = [good] + [
        {**good, "customers_lost": "bad"} for _ in range(MAX_LEFT_OUT)
    ]

    salvaged = salvage_project(_write(tmp_path, data))

    assert salvaged is not None and len(salvaged.left_out) == MAX_LEFT_OUT
    assert len(salvaged.project.kpi_periods) == MAX_LEFT_OUT + 1


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json at all",
        b'{"format": "something else", "format_version": 1, "project": {}}',
        b'{"format_version": "three", "project": {}}',
        b"[1, 2, 3]",
    ],
    ids=["empty", "not-json", "another-format", "version-not-a-number", "a-list"],
)
def test_a_file_that_is_not_a_project_gives_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.retention"
    path.write_bytes(content)

    assert salvage_project(path) is None


def test_a_project_from_a_newer_version_is_not_guessed_at(tmp_path: Path) -> None:
    data = _demo_data()
    data["format_version"] = 999
    data["project"]["kpi_periods"][0]["customers_lost"] = "many"

    assert salvage_project(_write(tmp_path, data)) is None


def test_a_missing_file_gives_nothing(tmp_path: Path) -> None:
    assert salvage_project(tmp_path / "gone.retention") is None

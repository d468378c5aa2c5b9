"""Limits on what a project holds, enforced where text comes in: a file (the loader) and an
edit (the same field check). Each case the hardening issue reproduced is a small file here: it
is refused with one line naming the file and the field, or repaired and said so; never a
traceback, and the terminal never receives control characters from what the file holds."""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

import pytest

from advisor.cli import main
from advisor.domain import project as model
from advisor.domain.edits import SetPeriodFigure, SetProfileField
from advisor.domain.journey_edits import SetStageField
from advisor.domain.project import LONG_TEXT, NOTES_TEXT, SHORT_TEXT, Project
from advisor.domain.schema import SchemaError, check_field, field_types, text_limit
from advisor.storage.project_file import (
    MAX_DEPTH,
    ProjectFileError,
    document_to_plain,
    load_project,
    read_project,
    save_project,
)
from tests.factories import full_project


def _document() -> dict[str, Any]:
    return document_to_plain(full_project())


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")  # ASCII: "\ud800" stays escaped
    return path


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The one line ``validate`` prints on stderr for ``path``, after checking the exit code
    and that the loader raises the same problem."""
    with pytest.raises(ProjectFileError) as raised:
        load_project(path)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and raised.value.problem in err
    return err


# Numbers


def test_a_5000_digit_figure_is_refused_naming_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _document()
    document["project"]["kpi_periods"][1]["customers_start"] = 0
    text = json.dumps(document).replace('"customers_start": 0', f'"customers_start": {"9" * 5000}')
    path = tmp_path / "digits.retention"
    path.write_text(text, encoding="utf-8")

    err = _refused(path, capsys)

    assert "kpi_periods[1].customers_start" in err
    assert "5000 digits" in err and "(15)" in err


def test_a_5000_digit_format_version_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _document()
    document["format_version"] = "VERSION"
    text = json.dumps(document).replace('"VERSION"', "1" * 5000)
    path = tmp_path / "version.retention"
    path.write_text(text, encoding="utf-8")

    err = _refused(path, capsys)

    assert "“format_version”" in err and "5000 digits" in err


def test_a_negative_number_of_16_digits_is_refused_and_15_are_checked_as_usual(
    tmp_path: Path,
) -> None:
    document = _document()
    document["project"]["profile"]["customers"] = -(10**15)  # 16 digits
    with pytest.raises(ProjectFileError, match=r"profile\.customers.*16 digits"):
        load_project(_write(tmp_path / "a.retention", document))
    document["project"]["profile"]["customers"] = 10**15 - 1  # 15 digits: the usual maximum
    with pytest.raises(ProjectFileError, match=r"profile\.customers.*1,000,000,000 or less"):
        load_project(_write(tmp_path / "b.retention", document))


def test_a_huge_number_in_a_list_of_counts_names_its_place(tmp_path: Path) -> None:
    document = _document()
    document["project"]["kpi_periods"][0]["surveys"]["nps_counts"][3] = 10**40
    path = _write(tmp_path / "counts.retention", document)
    with pytest.raises(ProjectFileError, match=r"surveys\.nps_counts\[3\]”: .*41 digits"):
        load_project(path)


@pytest.mark.parametrize("written", ["1e999", "Infinity", "NaN"])
def test_an_amount_that_is_not_finite_is_refused_naming_its_field(
    tmp_path: Path, written: str
) -> None:
    document = _document()
    document["project"]["kpi_periods"][0]["revenue"] = 12345.5
    path = tmp_path / "inf.retention"
    path.write_text(json.dumps(document).replace("12345.5", written), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"“kpi_periods\[0\]\.revenue”: expected a finite"):
        load_project(path)


# Nesting


def test_json_nested_3000_deep_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.retention"
    deep = "[" * 3000 + "]" * 3000
    path.write_text(f'{{"format": "retention-advisor-project", "x": {deep}}}', encoding="utf-8")

    assert "nested too deeply to be a project" in _refused(path, capsys)


def test_nesting_is_refused_just_past_the_limit_not_only_when_python_gives_up(
    tmp_path: Path,
) -> None:
    document = _document()
    document["project"]["notes"] = json.loads("[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2))
    path = _write(tmp_path / "limit.retention", document)  # exactly MAX_DEPTH levels
    with pytest.raises(ProjectFileError, match=r"field “notes”: expected text"):
        load_project(path)
    document["project"]["notes"] = [document["project"]["notes"]]
    with pytest.raises(ProjectFileError, match="nested too deeply"):
        load_project(_write(path, document))


# Text length


def test_a_2000_character_business_name_is_refused_naming_the_field_and_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _document()
    document["project"]["profile"]["name"] = "Éclair " * 285 + "x"  # 1,996 characters
    path = _write(tmp_path / "name.retention", document)

    err = _refused(path, capsys)

    assert "“profile.name”: must be at most 500 characters, found 1,996" in err


@pytest.mark.parametrize(
    ("where", "limit"),
    [
        (("journey", "stages", 1, "frictions", 0), LONG_TEXT),
        (("journey", "stages", 1, "touchpoints", 0, "id"), SHORT_TEXT),
        (("plan", "actions", 0, "notes"), NOTES_TEXT),
        (("churn", "causes", "activation", "evidence"), LONG_TEXT),
        (("notes",), NOTES_TEXT),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else str(value),
)
def test_text_one_character_over_its_limit_is_refused(
    tmp_path: Path, where: tuple[Any, ...], limit: int
) -> None:
    document = _document()
    holder = document["project"]
    for step in where[:-1]:
        holder = holder[step]
    holder[where[-1]] = "a" * limit
    load_project(_write(tmp_path / "at.retention", document))  # at the limit: fine
    holder[where[-1]] = "a" * (limit + 1)
    with pytest.raises(ProjectFileError, match=f"must be at most {limit:,} characters"):
        load_project(_write(tmp_path / "over.retention", document))


def test_a_megabyte_pasted_into_the_notes_is_refused_at_once(tmp_path: Path) -> None:
    document = _document()
    document["project"]["profile"]["notes"] = "la la " * 200_000
    path = _write(tmp_path / "paste.retention", document)
    with pytest.raises(ProjectFileError, match=r"“profile\.notes”.*found 1,200,000"):
        load_project(path)


def test_a_huge_key_is_refused_and_quoted_short(tmp_path: Path) -> None:
    document = _document()
    document["project"]["retention_type"]["answers"]["q" * 100_000] = "monthly"
    path = _write(tmp_path / "key.retention", document)
    with pytest.raises(ProjectFileError) as raised:
        load_project(path)
    assert "must be at most 500 characters, found 100,000" in raised.value.problem
    assert len(str(raised.value)) < len(str(path)) + 200


def test_the_limits_hold_for_edits_too() -> None:
    project = full_project()
    with pytest.raises(SchemaError, match="at most 500 characters, found 501"):
        SetProfileField("name", "b" * 501).apply(project)
    SetProfileField("name", "b" * 500).apply(project)
    assert project.profile.name == "b" * 500
    stage_id = project.journey.stages[0].id
    with pytest.raises(SchemaError, match=r"journey\.stages\[0\]\.frictions\[1\]"):
        SetStageField(stage_id, "frictions", ["short", "f" * (LONG_TEXT + 1)]).apply(project)


def test_a_limit_is_read_from_the_field_metadata_in_french() -> None:
    from advisor.i18n import use_language

    use_language("fr")
    with pytest.raises(SchemaError) as raised:
        check_field(model.BusinessProfile, "notes", "n" * 6_000, "profile")
    assert raised.value.path == "profile.notes"
    assert "5\u202f000" in raised.value.problem or "5\u00a0000" in raised.value.problem
    assert text_limit(model.BusinessProfile, "notes") == NOTES_TEXT
    assert text_limit(model.BusinessProfile, "currency") is None  # a choice, bounded already


def _text_fields() -> list[tuple[str, str, Any]]:
    found = []
    for cls in vars(model).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        for f in dataclasses.fields(cls):
            tp = field_types(cls)[f.name]
            inner = typing.get_args(tp)
            holds_text = tp is str or (inner and inner[0] is str)
            if holds_text:
                found.append((cls.__name__, f.name, f.metadata))
    return found


def test_every_text_of_the_model_has_a_limit() -> None:
    """A text field added without ``max_length`` (or ``choices``) would take megabytes again."""
    fields = _text_fields()
    assert len(fields) > 25
    unbounded = [
        f"{cls}.{name}"
        for cls, name, meta in fields
        if "max_length" not in meta and "choices" not in meta
    ]
    assert unbounded == []


# Broken characters


def test_a_lone_surrogate_in_a_stage_id_and_in_the_notes_loads_as_U_FFFD_and_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _document()
    document["project"]["journey"]["stages"][2]["id"] = "s-\ud800"
    document["project"]["notes"] = "Atelier \udfff du 12 janvier"
    path = _write(tmp_path / "broken.retention", document)
    assert "\\ud800" in path.read_text(encoding="utf-8")

    loaded = read_project(path)
    assert loaded.replaced_characters == 2
    assert loaded.project.journey.stages[2].id == "s-\ufffd"
    assert loaded.project.notes == "Atelier \ufffd du 12 janvier"
    save_project(loaded.project, path)
    again = read_project(path)
    assert again.project == loaded.project and again.replaced_characters == 0

    path = _write(tmp_path / "broken-again.retention", document)
    assert main(["validate", str(path)]) == 0
    assert "2 broken characters were replaced by \ufffd" in capsys.readouterr().out


def test_two_ids_broken_the_same_way_are_reported_as_the_same_id(tmp_path: Path) -> None:
    document = _document()
    document["project"]["journey"]["stages"][0]["id"] = "s-\ud800"
    document["project"]["journey"]["stages"][1]["id"] = "s-\udbff"
    with pytest.raises(ProjectFileError, match=r"stages\[1\]\.id.*used twice"):
        load_project(_write(tmp_path / "twins.retention", document))


# The terminal


def test_validate_never_prints_escapes_nul_or_bidi_overrides_from_a_business_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _document()
    document["project"]["profile"]["name"] = "Shop\x1b[31m red\x00\u202eesrever\u2066\x9b2J"
    path = _write(tmp_path / "evil.retention", document)

    assert main(["validate", str(path)]) == 0

    out = capsys.readouterr().out
    assert "Shop\ufffd[31m red\ufffd\ufffdesrever\ufffd\ufffd2J" in out
    assert not any(c in out for c in "\x1b\x00\u202e\u2066\x9b")


def test_an_error_quoting_the_file_never_prints_escapes_either(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _document()
    document["project"]["profile"]["currency"] = "\x1b]0;pwned\x07\u202eRUE"
    path = _write(tmp_path / "evil.retention", document)

    assert main(["validate", str(path)]) == 2

    err = capsys.readouterr().err
    assert "profile.currency" in err
    assert not any(c in err for c in "\x1b\x07\u202e")


def test_an_empty_project_is_still_valid(tmp_path: Path) -> None:
    path = tmp_path / "empty.retention"
    path.write_text(json.dumps(document_to_plain(Project())), encoding="utf-8")
    assert load_project(path) == Project()


def test_a_survey_count_too_large_to_save_is_refused_as_it_is_typed(tmp_path: Path) -> None:
    """A count of answers is a count of people like any other: at most a billion. Typed with
    16 digits it used to be kept and saved, and the saved file then refused to open."""
    project = full_project()
    with pytest.raises(SchemaError, match=r"nps_counts\[2\].*1,000,000,000 or less"):
        SetPeriodFigure(0, "surveys.nps_counts", [3, 5, 10**15]).apply(project)
    SetPeriodFigure(0, "surveys.nps_counts", [3, 5, 10**9]).apply(project)
    path = tmp_path / "counts.retention"
    save_project(project, path)
    assert load_project(path).kpi_periods[0].surveys.nps_counts == [3, 5, 10**9]


def test_a_survey_count_over_a_billion_in_a_file_names_its_place(tmp_path: Path) -> None:
    document = _document()
    document["project"]["kpi_periods"][0]["surveys"]["csat_counts"][1] = 2 * 10**9
    path = _write(tmp_path / "counts.retention", document)
    with pytest.raises(ProjectFileError, match=r"surveys\.csat_counts\[1\]”: .*or less"):
        load_project(path)

"""Project files word for word and at their edges: the exact sentence a user reads when a file
cannot be opened (empty, a picture, binary, cut short, damaged, too large, a folder, from a newer
version), what a saved file looks like inside, how many broken characters were repaired, and
what salvaging a damaged file keeps. Written against the changes mutation testing made to
``advisor/storage/project_file.py`` that no other test noticed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from advisor import __version__
from advisor.domain.project import BusinessProfile, Project
from advisor.paths import demo_project
from advisor.storage.migrations import CURRENT_VERSION
from advisor.storage.project_file import (
    MAX_FILE_BYTES,
    MAX_LEFT_OUT,
    ProjectFileError,
    read_project,
    salvage_project,
    save_project,
)

MARKER = "retention-advisor-project"


def _refusal(path: Path) -> ProjectFileError:
    """The error opening ``path`` gives; its message always starts with the file's path."""
    with pytest.raises(ProjectFileError) as caught:
        read_project(path)
    error = caught.value
    assert str(error) == f"{path}: {error.problem}"
    return error


def _written(tmp_path: Path, content: bytes | str, name: str = "plan.retention") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _envelope(**changes: Any) -> dict[str, Any]:
    """The smallest project file: an empty project (every field has a default)."""
    document: dict[str, Any] = {"format": MARKER, "format_version": CURRENT_VERSION}
    document["project"] = {}
    document.update(changes)
    return document


def _demo_data() -> dict[str, Any]:
    return json.loads(demo_project("en").read_text(encoding="utf-8"))


# --- what a user reads when a file cannot be opened -------------------------------------------


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    path = _written(tmp_path, b" \n\t\n")

    assert _refusal(path).problem == "the file is empty"


def test_a_renamed_picture_is_named_as_a_picture(tmp_path: Path) -> None:
    path = _written(tmp_path, b"\x89PNG\r\n\x1a\n" + bytes(range(256)))

    assert _refusal(path).problem == "this is a PNG image, not a Retention Advisor project"


def test_a_binary_file_is_called_not_a_text_file(tmp_path: Path) -> None:
    # 0xff can never start a UTF-8 letter, and more bytes follow it: not a cut, binary.
    path = _written(tmp_path, b"\xff\xfe\x00\x81\x92" * 20)

    assert _refusal(path).problem == "this is not a text file, so not a project"


def test_a_file_cut_inside_a_text_is_reported_cut_short_at_the_line_of_the_cut(
    tmp_path: Path,
) -> None:
    # The text "Boul… starts on line 5 and never ends.
    path = _written(
        tmp_path,
        '{\n  "format": "retention-advisor-project",\n  "format_version": 3,\n'
        '  "project": {"profile":\n    {"name": "Boul',
    )

    error = _refusal(path)

    assert error.problem == "the file is cut short (it ends at line 5); it may be truncated"
    # A damaged file gets the backup copy and the salvage offered, not a plain refusal.
    assert error.damaged is True


def test_a_file_with_garbage_inside_names_the_line_and_column(tmp_path: Path) -> None:
    # Line 3 is "  @@@": the garbage starts at its 3rd column, well before the end.
    path = _written(tmp_path, '{\n  "format": "retention-advisor-project",\n  @@@\n}\n')

    error = _refusal(path)

    assert error.problem == "the file is damaged at line 3, column 3"
    assert error.damaged is True


def test_a_file_nested_beyond_what_python_can_read_is_called_nested_too_deeply(
    tmp_path: Path,
) -> None:
    # 100,000 opened lists: far more than the interpreter can parse by recursion.
    path = _written(tmp_path, "[" * 100_000 + "]" * 100_000)

    assert _refusal(path).problem == "the file is nested too deeply to be a project"


def test_a_file_nested_65_levels_deep_is_called_nested_too_deeply(tmp_path: Path) -> None:
    # A project nests 6 levels, a recovery copy 7; 65 is past the limit of 64.
    path = _written(tmp_path, "[" * 65 + "]" * 65)

    assert _refusal(path).problem == "the file is nested too deeply to be a project"


def test_a_file_over_64_megabytes_is_too_large_to_be_a_project(tmp_path: Path) -> None:
    path = tmp_path / "huge.retention"
    with path.open("wb") as file:  # sparse: 64 MiB + 1 byte of zeros, nothing on disk
        file.truncate(64 * 1024 * 1024 + 1)
    assert MAX_FILE_BYTES == 64 * 1024 * 1024

    assert _refusal(path).problem == "the file is too large to be a project"


def test_a_folder_is_called_a_folder_not_a_project_file(tmp_path: Path) -> None:
    folder = tmp_path / "plan.retention"
    folder.mkdir()

    assert _refusal(folder).problem == "this is a folder, not a project file"


def test_another_programs_json_is_not_a_retention_advisor_project_file(tmp_path: Path) -> None:
    path = _written(tmp_path, json.dumps({"format": "spreadsheet", "rows": []}))

    assert _refusal(path).problem == "this is not a Retention Advisor project file"


@pytest.mark.parametrize("version", ["1", 0, None], ids=["text", "zero", "missing"])
def test_a_file_without_a_usable_format_version_says_so(tmp_path: Path, version: Any) -> None:
    document = _envelope(format_version=version)
    if version is None:
        del document["format_version"]
    path = _written(tmp_path, json.dumps(document))

    assert _refusal(path).problem == "the file has no valid format version"


def test_a_file_from_a_newer_version_names_both_formats_and_asks_for_an_update(
    tmp_path: Path,
) -> None:
    newer = CURRENT_VERSION + 1
    path = _written(tmp_path, json.dumps(_envelope(format_version=newer)))

    assert _refusal(path).problem == (
        f"it was saved by a newer Retention Advisor (format {newer}); this version reads "
        f"formats up to {CURRENT_VERSION}. Update the application to open it."
    )


def test_an_envelope_without_a_project_says_the_file_holds_no_project(tmp_path: Path) -> None:
    document = _envelope()
    del document["project"]
    path = _written(tmp_path, json.dumps(document))

    assert _refusal(path).problem == "the file holds no project"


def test_a_bad_value_is_named_with_its_field_in_quotes(tmp_path: Path) -> None:
    path = _written(tmp_path, json.dumps(_envelope(project={"profile": {"customers": "many"}})))

    error = _refusal(path)

    assert error.problem == "field “profile.customers”: expected a whole number, found “many”"
    assert error.damaged is True


# --- what a saved file holds ------------------------------------------------------------------


def test_a_saved_file_is_indented_by_two_spaces_and_names_the_version_that_wrote_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.retention"
    save_project(Project(profile=BusinessProfile(name="Éclair")), path)
    text = path.read_text(encoding="utf-8")

    # One key a line, two spaces a level, the accent written as is, a newline at the end.
    assert text.startswith(
        "{\n"
        f'  "format": "{MARKER}",\n'
        f'  "format_version": {CURRENT_VERSION},\n'
        f'  "app_version": "{__version__}",\n'
        '  "project": {\n'
        '    "profile": {\n'
        '      "name": "Éclair",\n'
    )
    assert text.endswith("\n}\n")
    assert json.loads(text)["app_version"] == __version__


# --- broken characters ------------------------------------------------------------------------


def test_a_broken_character_in_a_name_is_replaced_and_counted_once(tmp_path: Path) -> None:
    # "\ud800" is half a character: it becomes U+FFFD, and one repair is reported.
    raw = json.dumps(_envelope(project={"profile": {"name": "\ud800 Bakery"}}))
    path = _written(tmp_path, raw)

    loaded = read_project(path)

    assert loaded.project.profile.name == "\ufffd Bakery"
    assert loaded.replaced_characters == 1


def test_broken_characters_in_keys_and_values_are_all_counted(tmp_path: Path) -> None:
    # One in a key of the retention-type answers, two in its value, one in the profile name: 4.
    project = {
        "profile": {"name": "\ud800"},
        "retention_type": {"answers": {"q\udc00": "a\ud801b\ud802"}},
    }
    path = _written(tmp_path, json.dumps(_envelope(project=project)))

    loaded = read_project(path)

    assert loaded.replaced_characters == 4
    assert loaded.project.retention_type.answers == {"q\ufffd": "a\ufffdb\ufffd"}


# --- salvaging a damaged file -----------------------------------------------------------------


def _write_json(tmp_path: Path, data: Any) -> Path:
    return _written(tmp_path, json.dumps(data), "damaged.retention")


def test_a_broken_first_action_is_removed_and_the_others_kept(tmp_path: Path) -> None:
    data = _demo_data()
    titles = [action["title"] for action in data["project"]["plan"]["actions"]]
    data["project"]["plan"]["actions"][0] = 5

    salvaged = salvage_project(_write_json(tmp_path, data))

    assert salvaged is not None and salvaged.left_out == ("plan.actions[0]",)
    assert [action.title for action in salvaged.project.plan.actions] == titles[1:]


def test_one_bad_value_over_the_limit_gives_nothing(tmp_path: Path) -> None:
    # 50 bad values are salvaged (test_salvage.py); 51 are one too many.
    data = _demo_data()
    good = data["project"]["kpi_periods"][0]
    data["project"]["kpi_periods"] = [good] + [
        {**good, "customers_lost": "bad"} for _ in range(MAX_LEFT_OUT + 1)
    ]

    assert salvage_project(_write_json(tmp_path, data)) is None


@pytest.mark.parametrize("name", [".", "[]"], ids=["dot", "brackets"])
def test_an_unknown_field_named_only_with_punctuation_gives_nothing_without_failing(
    tmp_path: Path, name: str
) -> None:
    data = _demo_data()
    data["project"][name] = 1

    assert salvage_project(_write_json(tmp_path, data)) is None


def test_an_unknown_field_named_like_a_period_past_the_last_gives_nothing_without_failing(
    tmp_path: Path,
) -> None:
    # The demo has N periods, numbered 0 to N - 1: "kpi_periods[N]" names none of them.
    data = _demo_data()
    periods = len(data["project"]["kpi_periods"])
    data["project"][f"kpi_periods[{periods}]"] = 1

    assert salvage_project(_write_json(tmp_path, data)) is None

"""Project files: what is saved comes back, damaged files are refused with a clear message,
saving never destroys the previous version, and older formats are upgraded."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor.domain.project import BusinessProfile, Project
from advisor.storage import atomic_write, migrations, project_file
from advisor.storage.project_file import (
    ProjectFileError,
    backup_path,
    document_to_plain,
    load_project,
    save_project,
)
from tests.factories import full_project
from tests.unprivileged import locked, run_unprivileged

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _document() -> dict[str, Any]:
    return document_to_plain(full_project())


def _json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def _changed(change: Callable[[dict[str, Any]], None]) -> bytes:
    document = _document()
    change(document)
    return _json(document)


def _load_error(path: Path) -> str:
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert caught.value.path == path
    message = str(caught.value)
    assert str(path) in message
    return message


def _folder_listing(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


# --- round trip -------------------------------------------------------------------------------


def test_saved_full_project_loads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "éclair.retention"
    save_project(full_project(), path)

    assert load_project(path) == full_project()


def test_saved_empty_project_loads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "new.retention"
    save_project(Project(), path)

    assert load_project(path) == Project()


def test_file_with_byte_order_mark_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "edited-in-notepad.retention"
    path.write_bytes(b"\xef\xbb\xbf" + _json(_document()))

    assert load_project(path) == full_project()


# --- damaged files ----------------------------------------------------------------------------


def _cut_in_half() -> bytes:
    raw = _json(_document())
    return raw[: len(raw) // 2]


def _garbage_on_line_10() -> bytes:
    lines = _json(_document()).decode().splitlines()
    lines[9] = "@@@ " + lines[9]
    return "\n".join(lines).encode()


def _set_customers_to_many(document: dict[str, Any]) -> None:
    document["project"]["profile"]["customers"] = "many"


def _set_lost_negative(document: dict[str, Any]) -> None:
    document["project"]["kpi_periods"][1]["customers_lost"] = -1


def _set_emotion_5(document: dict[str, Any]) -> None:
    document["project"]["journey"]["stages"][2]["emotion"] = 5


def _set_unknown_business_model(document: dict[str, Any]) -> None:
    document["project"]["profile"]["business_model"] = "franchise"


def _add_unknown_field(document: dict[str, Any]) -> None:
    document["project"]["profile"]["colour"] = "blue"


def _set_newer_version(document: dict[str, Any]) -> None:
    document["format_version"] = 99


def _set_text_version(document: dict[str, Any]) -> None:
    document["format_version"] = "1"


DAMAGED_FILES: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "empty": (lambda: b"", ("empty",)),
    "whitespace only": (lambda: b"  \n\t\r\n  ", ("empty",)),
    "cut in half": (_cut_in_half, ("line",)),
    "garbage in the middle": (_garbage_on_line_10, ("damaged", "line 10")),
    "customers is text": (
        lambda: _changed(_set_customers_to_many),
        ("profile.customers", "whole number", "many"),
    ),
    "negative customers lost": (
        lambda: _changed(_set_lost_negative),
        ("kpi_periods[1].customers_lost", "0 or more", "−1"),
    ),
    "emotion out of range": (
        lambda: _changed(_set_emotion_5),
        ("journey.stages[2].emotion", "2 or less", "5"),
    ),
    "unknown business model": (
        lambda: _changed(_set_unknown_business_model),
        ("profile.business_model", "franchise", "subscription", "repeat_retail"),
    ),
    "unknown field": (lambda: _changed(_add_unknown_field), ("profile.colour", "unknown field")),
    "newer format": (lambda: _changed(_set_newer_version), ("newer", "99", "update")),
    "format version as text": (lambda: _changed(_set_text_version), ("format version",)),
    "plain json object": (
        lambda: _json({"name": "Boulangerie", "customers": 10}),
        ("not a retention advisor project",),
    ),
    "json list": (lambda: _json([_document()]), ("not a retention advisor project",)),
    "png renamed": (lambda: PNG_SIGNATURE + bytes(range(256)) * 4, ("png image",)),
    "binary": (lambda: b"\xff\xfe\x00\x81\x92\xc3\x28\xa0\xa1" * 50, ("not a text file",)),
}


@pytest.mark.parametrize("case", DAMAGED_FILES, ids=str)
def test_damaged_file_is_refused_with_file_name_and_problem(tmp_path: Path, case: str) -> None:
    make, expected = DAMAGED_FILES[case]
    path = tmp_path / "plan.retention"
    path.write_bytes(make())

    message = _load_error(path).lower()

    for words in expected:
        assert words.lower() in message


def test_directory_is_refused_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plan.retention"
    folder.mkdir()

    assert "folder" in _load_error(folder)


def test_missing_file_is_reported_as_missing(tmp_path: Path) -> None:
    assert "does not exist" in _load_error(tmp_path / "gone.retention")


def test_envelope_without_project_names_what_is_missing(tmp_path: Path) -> None:
    """Bug: the message reads 'field “”: expected a table of named values'."""
    document = _document()
    del document["project"]
    path = tmp_path / "plan.retention"
    path.write_bytes(_json(document))

    message = _load_error(path)

    assert "“”" not in message
    assert "project" in message.removeprefix(str(path))


def test_file_cut_between_values_is_reported_as_truncated(tmp_path: Path) -> None:
    raw = _json(_document())
    cut = raw.index(b'"customers":') + len(b'"customers":')
    path = tmp_path / "plan.retention"
    path.write_bytes(raw[:cut])

    assert "cut short" in _load_error(path)


def test_file_cut_inside_a_text_value_is_reported_as_truncated(tmp_path: Path) -> None:
    """Bug: a file cut inside a text value reads as 'damaged at line N', not cut short."""
    raw = _json(_document())
    cut = raw.index(b"Lyon") + 2
    path = tmp_path / "plan.retention"
    path.write_bytes(raw[:cut])

    assert "cut short" in _load_error(path)


def test_file_cut_inside_an_accented_letter_is_reported_as_truncated(tmp_path: Path) -> None:
    """Bug: a file cut inside a two-byte letter is called 'not a text file'."""
    raw = _json(_document())
    cut = raw.index("É".encode()) + 1
    path = tmp_path / "plan.retention"
    path.write_bytes(raw[:cut])

    assert "cut short" in _load_error(path)


LOADABLE_OR_NOT = {"valid": lambda: _json(_document())} | {
    case: make for case, (make, _words) in DAMAGED_FILES.items()
}


@pytest.mark.parametrize("case", LOADABLE_OR_NOT, ids=str)
def test_loading_never_changes_the_file_or_its_folder(tmp_path: Path, case: str) -> None:
    path = tmp_path / "plan.retention"
    content = LOADABLE_OR_NOT[case]()
    path.write_bytes(content)
    past = 1_600_000_000_000_000_000
    os.utime(path, ns=(past, past))

    with contextlib.suppress(ProjectFileError):
        load_project(path)

    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == past
    assert _folder_listing(tmp_path) == {"plan.retention"}


# --- saving -----------------------------------------------------------------------------------


def _renamed(name: str) -> Project:
    project = full_project()
    project.profile.name = name
    return project


def test_first_save_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    save_project(full_project(), path)

    assert _folder_listing(tmp_path) == {"plan.retention"}


def test_second_save_keeps_the_first_version_as_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    save_project(_renamed("First"), path)
    first_bytes = path.read_bytes()

    save_project(_renamed("Second"), path)

    backup = backup_path(path)
    assert backup == tmp_path / "plan.backup.retention"
    assert backup.read_bytes() == first_bytes
    assert load_project(backup).profile.name == "First"
    assert load_project(path).profile.name == "Second"
    assert _folder_listing(tmp_path) == {"plan.retention", "plan.backup.retention"}


def _fail_replacing(target: Path) -> Callable[[Any, Any], None]:
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == target:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    return replace


def _fail_fsync(fd: int) -> None:
    raise OSError(errno.EIO, "Input/output error")


def test_save_failing_at_replace_keeps_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.retention"
    save_project(_renamed("Old"), path)
    old_bytes = path.read_bytes()
    monkeypatch.setattr(atomic_write.os, "replace", _fail_replacing(path))

    with pytest.raises(ProjectFileError) as caught:
        save_project(_renamed("New"), path)

    assert str(path) in str(caught.value)
    assert "previous version is intact" in str(caught.value)
    assert path.read_bytes() == old_bytes
    assert _folder_listing(tmp_path) <= {"plan.retention", "plan.backup.retention"}


def test_save_failing_at_fsync_keeps_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.retention"
    save_project(_renamed("Old"), path)
    old_bytes = path.read_bytes()
    monkeypatch.setattr(atomic_write.os, "fsync", _fail_fsync)

    with pytest.raises(ProjectFileError) as caught:
        save_project(_renamed("New"), path)

    assert str(path) in str(caught.value)
    assert path.read_bytes() == old_bytes
    assert _folder_listing(tmp_path) == {"plan.retention"}


def test_failed_first_save_leaves_the_folder_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic_write.os, "fsync", _fail_fsync)

    with pytest.raises(ProjectFileError):
        save_project(full_project(), tmp_path / "plan.retention")

    assert _folder_listing(tmp_path) == set()


def test_saving_into_a_missing_folder_says_the_folder_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "plan.retention"

    with pytest.raises(ProjectFileError) as caught:
        save_project(full_project(), path)

    assert str(path) in str(caught.value)
    assert "folder does not exist" in str(caught.value)
    assert not path.parent.exists()


def test_saving_into_a_read_only_folder_asks_for_another_folder(tmp_path: Path) -> None:
    """Run without the right to write there (root included: it gives up its overrides)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    locked(folder)
    try:
        result = run_unprivileged(
            "import sys\n"
            "from advisor.storage.project_file import ProjectFileError, save_project\n"
            "from tests.factories import full_project\n"
            "try:\n"
            "    save_project(full_project(), sys.argv[1])\n"
            "except ProjectFileError as error:\n"
            "    print(error)\n",
            str(folder / "plan.retention"),
        )
    finally:
        folder.chmod(0o700)

    assert result.returncode == 0, result.stderr
    assert "permission" in result.stdout and str(folder / "plan.retention") in result.stdout
    assert _folder_listing(folder) == set()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_project_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    """Bug: files are created by ``mkstemp`` with mode 0600, so colleagues cannot open them."""
    path = tmp_path / "plan.retention"
    save_project(full_project(), path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def test_saving_over_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    """Bug: each save replaces the file with a 0600 temporary file."""
    path = tmp_path / "plan.retention"
    save_project(_renamed("Old"), path)
    path.chmod(0o664)

    save_project(_renamed("New"), path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o664


# --- migrations -------------------------------------------------------------------------------


def _company_to_business_name(document: dict[str, Any]) -> dict[str, Any]:
    profile = document["project"]["profile"]
    profile["business_name"] = profile.pop("company")
    return document


def _business_name_to_name(document: dict[str, Any]) -> dict[str, Any]:
    profile = document["project"]["profile"]
    profile["name"] = profile.pop("business_name")
    return document


@pytest.fixture
def format_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the model changed twice since format 1: a field renamed, then renamed again."""
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)
    monkeypatch.setattr(project_file, "CURRENT_VERSION", 3)
    monkeypatch.setattr(
        migrations, "MIGRATIONS", {1: _company_to_business_name, 2: _business_name_to_name}
    )


def _format_1_file(path: Path) -> bytes:
    document = _document()
    document["format_version"] = 1
    profile = document["project"]["profile"]
    profile["company"] = profile.pop("name")
    content = _json(document)
    path.write_bytes(content)
    return content


@pytest.mark.usefixtures("format_3")
def test_older_format_is_upgraded_when_loaded(tmp_path: Path) -> None:
    path = tmp_path / "old.retention"
    content = _format_1_file(path)

    assert load_project(path) == full_project()
    assert path.read_bytes() == content


@pytest.mark.usefixtures("format_3")
def test_upgraded_project_is_saved_in_the_current_format(tmp_path: Path) -> None:
    path = tmp_path / "old.retention"
    _format_1_file(path)

    save_project(load_project(path), path)

    saved = json.loads(path.read_bytes())
    assert saved["format_version"] == 3
    assert saved["project"]["profile"]["name"] == "Boulangerie Éclair"
    assert json.loads(backup_path(path).read_bytes())["format_version"] == 1


def test_current_format_file_is_not_touched_by_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(document: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError("a current file was migrated")

    monkeypatch.setattr(migrations, "MIGRATIONS", {1: explode, 2: explode})
    path = tmp_path / "plan.retention"
    save_project(Project(profile=BusinessProfile(name="Now")), path)

    assert load_project(path).profile.name == "Now"


def test_a_format_1_file_gets_the_retention_gain_both_screens_used_then(tmp_path: Path) -> None:
    path = tmp_path / "old.retention"
    document = document_to_plain(Project(profile=BusinessProfile(name="Ancien")))
    document["format_version"] = 1
    del document["project"]["plan"]["retention_gain_points"]
    path.write_text(json.dumps(document), "utf-8")
    loaded = load_project(path)
    assert loaded.plan.retention_gain_points == 3.0
    assert json.loads(path.read_text("utf-8"))["format_version"] == 1  # the file is untouched


def test_a_format_2_file_has_no_review_round_yet(tmp_path: Path) -> None:
    path = tmp_path / "v2.retention"
    document = document_to_plain(Project(profile=BusinessProfile(name="Deux")))
    document["format_version"] = 2
    del document["project"]["reviews"]
    path.write_text(json.dumps(document), "utf-8")
    assert load_project(path).reviews == []

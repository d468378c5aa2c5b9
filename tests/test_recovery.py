"""Recovery copies: unsaved work left by a session that ended is offered back, restored intact,
and removed when discarded; damaged copies never stop the offer, are set aside in the
``damaged`` folder and never deleted."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor.domain.project import BusinessProfile, Project
from advisor.storage.project_file import document_to_plain
from advisor.storage.recovery import (
    DAMAGED_FOLDER,
    _process_started,
    discard_recovery,
    find_recoveries,
    load_recovery,
    scan_recoveries,
    write_recovery,
)
from tests.factories import full_project

# Above the largest pid Linux hands out (pid_max is at most 2**22), so never a live process.
DEAD_PID = 2**22 + 12345


def _edit_envelope(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    envelope = json.loads(path.read_text(encoding="utf-8"))
    change(envelope)
    path.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")


def _left_by_ended_session(path: Path, saved_at: str | None = None) -> Path:
    def change(envelope: dict[str, Any]) -> None:
        envelope["pid"] = DEAD_PID
        if saved_at is not None:
            envelope["saved_at"] = saved_at

    _edit_envelope(path, change)
    return path


def _crashed_session(
    folder: Path, project: Project, session_id: str = "s1", original: Path | None = None
) -> Path:
    return _left_by_ended_session(write_recovery(project, folder, session_id, original))


def test_copy_left_by_an_ended_session_is_offered(tmp_path: Path) -> None:
    original = tmp_path / "plans" / "éclair.retention"
    before = dt.datetime.now().replace(microsecond=0)
    path = _crashed_session(tmp_path / "recovery", full_project(), original=original)

    (copy,) = find_recoveries(tmp_path / "recovery")

    assert copy.path == path
    assert copy.original == original
    assert copy.title == "Boulangerie Éclair"
    assert before <= copy.saved_at <= dt.datetime.now()


def test_offered_copy_restores_the_unsaved_project(tmp_path: Path) -> None:
    _crashed_session(tmp_path, full_project())

    (copy,) = find_recoveries(tmp_path)

    assert load_recovery(copy) == full_project()


def test_copy_of_a_never_saved_project_has_no_original(tmp_path: Path) -> None:
    _crashed_session(tmp_path, Project(profile=BusinessProfile(name="Draft")), original=None)

    (copy,) = find_recoveries(tmp_path)

    assert copy.original is None
    assert copy.title == "Draft"


def test_copy_of_a_session_still_running_is_not_offered(tmp_path: Path) -> None:
    path = write_recovery(full_project(), tmp_path, "other-window", None)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = _process_started(other.pid)
        _edit_envelope(path, lambda envelope: envelope.update(pid=other.pid, started=started))

        assert find_recoveries(tmp_path) == []
    finally:
        other.kill()
        other.wait()
    assert path.exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="start times from /proc")
def test_a_copy_whose_pid_now_belongs_to_another_process_is_offered(tmp_path: Path) -> None:
    path = write_recovery(full_project(), tmp_path, "old-window", None)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # the pid is alive, but it is not the process that wrote the copy
        _edit_envelope(path, lambda envelope: envelope.update(pid=other.pid, started="1"))
        assert [copy.path for copy in find_recoveries(tmp_path)] == [path]
    finally:
        other.kill()
        other.wait()


@pytest.mark.parametrize("pid", [0, -1, 2**31, 10**14, "1234", None, True])
def test_a_copy_whose_pid_no_process_can_have_is_offered(tmp_path: Path, pid: object) -> None:
    path = write_recovery(full_project(), tmp_path, "odd-pid", None)
    _edit_envelope(path, lambda envelope: envelope.update(pid=pid))

    assert [copy.path for copy in find_recoveries(tmp_path)] == [path]


def test_a_damaged_copy_never_hides_a_good_one_and_is_set_aside(tmp_path: Path) -> None:
    good = _left_by_ended_session(
        write_recovery(full_project(), tmp_path, "good", None), "2025-07-07T10:00:00"
    )
    contents = {
        "deep.recovery.json": "[" * 100_000 + "]" * 100_000,
        "huge.recovery.json": '{"pid": ' + "9" * 5000 + "}",
        "broken.recovery.json": '{"document": {"name": "\\ud800',
        "long.recovery.json": _envelope_bytes(_set_long_name).decode(),
    }
    for name, content in contents.items():
        (tmp_path / name).write_text(content, encoding="utf-8")

    scan = scan_recoveries(tmp_path)

    assert [copy.path for copy in scan.copies] == [good]
    damaged = tmp_path / DAMAGED_FOLDER
    assert sorted(scan.set_aside) == sorted(damaged / name for name in contents)
    for name, content in contents.items():  # moved, never lost
        assert not (tmp_path / name).exists()
        assert (damaged / name).read_text(encoding="utf-8") == content
    assert [copy.path for copy in find_recoveries(tmp_path)] == [good]  # not again


def test_a_copy_set_aside_never_replaces_one_set_aside_before(tmp_path: Path) -> None:
    (tmp_path / DAMAGED_FOLDER).mkdir()
    (tmp_path / DAMAGED_FOLDER / "s1.recovery.json").write_text("first", encoding="utf-8")
    (tmp_path / "s1.recovery.json").write_text("second", encoding="utf-8")

    (moved,) = scan_recoveries(tmp_path).set_aside

    assert moved.parent == tmp_path / DAMAGED_FOLDER and moved.name != "s1.recovery.json"
    assert moved.read_text(encoding="utf-8") == "second"
    assert (tmp_path / DAMAGED_FOLDER / "s1.recovery.json").read_text(encoding="utf-8") == "first"


def test_a_copy_written_by_a_newer_version_is_left_for_it(tmp_path: Path) -> None:
    newer = tmp_path / "newer.recovery.json"
    newer.write_bytes(_envelope_bytes(_set_newer_format))

    scan = scan_recoveries(tmp_path)

    assert scan.copies == [] and scan.set_aside == []
    assert newer.exists()


def test_a_copy_with_a_broken_character_is_offered_repaired(tmp_path: Path) -> None:
    path = tmp_path / "s.recovery.json"
    path.write_bytes(_envelope_bytes(_set_broken_name))  # json.dumps writes "\\udc80"

    (copy,) = find_recoveries(tmp_path)

    assert copy.title == "Caf\ufffd"
    assert load_recovery(copy).profile.name == "Caf\ufffd"


def test_newest_copy_is_offered_first(tmp_path: Path) -> None:
    for session_id, saved_at in [
        ("monday", "2025-07-07T10:00:00"),
        ("wednesday", "2025-07-09T10:00:00"),
        ("tuesday", "2025-07-08T10:00:00"),
    ]:
        project = Project(profile=BusinessProfile(name=session_id))
        _left_by_ended_session(write_recovery(project, tmp_path, session_id, None), saved_at)

    titles = [copy.title for copy in find_recoveries(tmp_path)]

    assert titles == ["wednesday", "tuesday", "monday"]


def test_refreshing_the_copy_keeps_one_file_with_the_latest_work(tmp_path: Path) -> None:
    write_recovery(Project(profile=BusinessProfile(name="Before")), tmp_path, "s1", None)
    path = _crashed_session(tmp_path, Project(profile=BusinessProfile(name="After")))

    (copy,) = find_recoveries(tmp_path)

    assert [entry.name for entry in tmp_path.iterdir()] == [path.name]
    assert load_recovery(copy).profile.name == "After"


def test_the_first_copy_on_a_new_machine_creates_the_whole_folder(tmp_path: Path) -> None:
    # a first run: neither the settings folder nor its recovery folder exists yet
    folder = tmp_path / "config" / "RetentionAdvisor" / "recovery"
    path = _crashed_session(folder, Project(profile=BusinessProfile(name="First")))

    (copy,) = find_recoveries(folder)
    assert path.parent == folder
    assert load_recovery(copy).profile.name == "First"


def test_discarded_copy_is_deleted_and_no_longer_offered(tmp_path: Path) -> None:
    path = _crashed_session(tmp_path, full_project())

    discard_recovery(path)

    assert not path.exists()
    assert find_recoveries(tmp_path) == []


def test_discarding_a_copy_already_gone_is_harmless(tmp_path: Path) -> None:
    path = _crashed_session(tmp_path, full_project())
    discard_recovery(path)

    discard_recovery(path)

    assert not path.exists()


def test_missing_recovery_folder_offers_nothing(tmp_path: Path) -> None:
    assert find_recoveries(tmp_path / "never created") == []


def _envelope_bytes(change: Callable[[dict[str, Any]], None]) -> bytes:
    envelope: dict[str, Any] = {
        "original_path": None,
        "saved_at": "2025-07-08T10:00:00",
        "pid": DEAD_PID,
        "document": document_to_plain(full_project()),
    }
    change(envelope)
    return json.dumps(envelope).encode()


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda envelope: envelope.pop(key)


def _set_negative_customers(envelope: dict[str, Any]) -> None:
    envelope["document"]["project"]["profile"]["customers"] = -5


def _set_bad_saved_at(envelope: dict[str, Any]) -> None:
    envelope["saved_at"] = "yesterday"


def _set_long_name(envelope: dict[str, Any]) -> None:
    envelope["document"]["project"]["profile"]["name"] = "n" * 2000


def _set_newer_format(envelope: dict[str, Any]) -> None:
    envelope["document"]["format_version"] = 99


def _set_broken_name(envelope: dict[str, Any]) -> None:
    envelope["document"]["project"]["profile"]["name"] = "Caf\udc80"


DAMAGED_COPIES: dict[str, Callable[[], bytes]] = {
    "empty": lambda: b"",
    "garbage": lambda: b"\x00\x01 not json at all",
    "truncated": lambda: _envelope_bytes(lambda envelope: None)[:300],
    "not utf-8": lambda: b"\xff\xfe\x81" * 40,
    "json list": lambda: b"[1, 2, 3]",
    "json null": lambda: b"null",
    "no document": lambda: _envelope_bytes(_drop("document")),
    "no saved_at": lambda: _envelope_bytes(_drop("saved_at")),
    "saved_at not a date": lambda: _envelope_bytes(_set_bad_saved_at),
    "invalid project": lambda: _envelope_bytes(_set_negative_customers),
}


@pytest.mark.parametrize("case", DAMAGED_COPIES, ids=str)
def test_damaged_copy_is_set_aside_and_kept(tmp_path: Path, case: str) -> None:
    good = _crashed_session(tmp_path, full_project(), session_id="good")
    damaged = tmp_path / "damaged.recovery.json"
    content = DAMAGED_COPIES[case]()
    damaged.write_bytes(content)

    scan = scan_recoveries(tmp_path)

    assert [copy.path for copy in scan.copies] == [good]
    assert scan.set_aside == [tmp_path / DAMAGED_FOLDER / damaged.name]
    assert scan.set_aside[0].read_bytes() == content


CRASHING_COPIES: dict[str, Callable[[dict[str, Any]], None]] = {
    # Path(original) runs outside the try block in find_recoveries.
    "original path is a number": lambda envelope: envelope.update(original_path=42),
    "saved_at is a number": lambda envelope: envelope.update(saved_at=20250708),
    "document is a list": lambda envelope: envelope.update(document=[1, 2]),
}


@pytest.mark.parametrize("case", CRASHING_COPIES, ids=str)
def test_copy_damaged_past_the_checks_is_set_aside_and_kept(tmp_path: Path, case: str) -> None:
    """Such copies once made find_recoveries raise, so start-up offered nothing."""
    good = _crashed_session(tmp_path, full_project(), session_id="good")
    damaged = tmp_path / "damaged.recovery.json"
    content = _envelope_bytes(CRASHING_COPIES[case])
    damaged.write_bytes(content)

    scan = scan_recoveries(tmp_path)

    assert [copy.path for copy in scan.copies] == [good]
    assert [path.read_bytes() for path in scan.set_aside] == [content]


def test_copy_saved_with_a_time_zone_is_still_offered(tmp_path: Path) -> None:
    good = _crashed_session(tmp_path, full_project(), session_id="good")
    other = tmp_path / "other.recovery.json"
    other.write_bytes(
        _envelope_bytes(lambda envelope: envelope.update(saved_at="2025-07-08T10:00:00+02:00"))
    )

    copies = find_recoveries(tmp_path)

    assert [copy.path for copy in copies] == [good, other]
    assert copies[1].saved_at.tzinfo is None


def test_the_window_says_where_a_damaged_copy_went_and_still_offers_the_good_one(
    qtbot: Any, tmp_path: Path
) -> None:
    from advisor.ui.shell.dialogs import RecoveryChoice
    from tests.ui_helpers import make_window

    folder = tmp_path / "config" / "recovery"
    _crashed_session(folder, full_project(), session_id="good")
    (folder / "bad.recovery.json").write_text("[" * 100_000, encoding="utf-8")
    window = make_window(qtbot, tmp_path / "config")
    said: list[str] = []
    window.show_error = lambda title, message: said.append(message)  # type: ignore[method-assign]
    window.ask_restore = lambda title, when: RecoveryChoice.RESTORE  # type: ignore[method-assign]

    window.offer_recovery()

    assert said == [
        f"A recovery copy was damaged and could not be read. It was moved to "
        f"{folder / DAMAGED_FOLDER}."
    ]
    assert window.session.project == full_project()
    assert (folder / DAMAGED_FOLDER / "bad.recovery.json").exists()
    window.session.discard_recovery()

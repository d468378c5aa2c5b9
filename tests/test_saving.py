"""Saving respects the file it replaces and never loses anyone's work: links stay links,
read-only files are refused, owner and permissions are kept, leftovers of crashed saves go,
text always encodes, another writer's changes are noticed, and the at-risk CSV is written like
a project, with formulas neutralised."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.domain.project import Project
from advisor.sheets.table import Column, Kind, Sheet
from advisor.sheets.writing import neutralise, write_sheet
from advisor.storage import atomic_write
from advisor.storage.atomic_write import (
    STALE_TEMP_SECONDS,
    FileChangedOnDisk,
    ProjectFileError,
    backup_path,
    file_identity,
    utf8,
    write_atomic,
)
from advisor.storage.project_file import load_project, save_project
from advisor.storage.recovery import write_recovery

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and links")


def _project(name: str) -> Project:
    project = Project()
    project.profile.name = name
    return project


def _listing(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


def _full_disk(*args: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


# --- the file saved over ----------------------------------------------------------------------


@posix_only
def test_saving_through_a_link_keeps_the_link_and_updates_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "plan.retention"
    real.parent.mkdir()
    save_project(_project("First"), real)
    link = tmp_path / "plan.retention"
    link.symlink_to(real)

    save_project(_project("Second"), link)

    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_project(real).profile.name == "Second"
    assert load_project(backup_path(real)).profile.name == "First"  # beside the real file
    assert _listing(tmp_path) == {"shared", "plan.retention"}


@posix_only
def test_a_read_only_file_is_refused_with_a_message_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    save_project(_project("Mine"), path)
    before = path.read_bytes()
    path.chmod(0o444)  # refused even for an administrator, who could write anyway

    with pytest.raises(ProjectFileError) as caught:
        save_project(_project("Overwritten?"), path)

    assert str(path) in str(caught.value)
    assert "read-only; save it under another name" in caught.value.problem
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert _listing(tmp_path) == {"plan.retention"}


def test_a_file_we_may_not_write_is_refused_as_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's file in a folder anyone may write: replacing it would steal it."""
    path = tmp_path / "plan.retention"
    save_project(_project("Theirs"), path)
    before = path.read_bytes()
    monkeypatch.setattr(atomic_write.os, "access", lambda *args, **kwargs: False)

    with pytest.raises(ProjectFileError, match="read-only"):
        save_project(_project("Mine"), path)
    assert path.read_bytes() == before


@posix_only
def test_a_pipe_is_refused_without_waiting_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.retention"
    os.mkfifo(fifo)
    with pytest.raises(ProjectFileError, match="not an ordinary file"):
        save_project(_project("x"), fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert _listing(tmp_path) == {"plan.retention"}


@posix_only
def test_permissions_of_a_private_file_are_kept_and_its_backup_is_private_too(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.retention"
    save_project(_project("First"), path)
    path.chmod(0o600)
    save_project(_project("Second"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_the_administrator_saving_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    save_project(_project("Theirs"), path)
    os.chown(path, 4321, 4322)
    save_project(_project("Fixed by the administrator"), path)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)
    assert load_project(path).profile.name == "Fixed by the administrator"


def test_a_full_disk_while_writing_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.retention"
    save_project(_project("Old"), path)
    before = path.read_bytes()
    monkeypatch.setattr(atomic_write.os, "write", _full_disk)

    with pytest.raises(ProjectFileError, match="No space left on device"):
        save_project(_project("New"), path)

    assert path.read_bytes() == before
    assert _listing(tmp_path) == {"plan.retention"}


# --- leftovers of a crashed save --------------------------------------------------------------


def _leftover(path: Path, age: float) -> Path:
    path.write_bytes(b"half a project" * 1000)
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def test_old_temporary_files_of_ours_are_removed_and_nothing_else(tmp_path: Path) -> None:
    old = STALE_TEMP_SECONDS + 60
    stale = _leftover(tmp_path / ".plan.retention.k2q7xabc.tmp", old)
    legacy = _leftover(tmp_path / ".plan.retention.ab_c1234.tmp", old)  # made by mkstemp
    recent = _leftover(tmp_path / ".plan.retention.z5m3wq2a.tmp", 5)  # another window saving
    unrelated = [
        _leftover(tmp_path / name, old)
        for name in (
            ".plan.retention.notes.txt",
            "plan.retention.k2q7xabc.tmp",  # not hidden: not ours
            ".plan.retention.k2q7.xabc.tmp",
            ".plan.retention.K2Q7XABC.tmp",
            "other.tmp",
        )
    ]
    folder = tmp_path / ".plan.retention.folder01.tmp"
    folder.mkdir()

    save_project(_project("Saved"), tmp_path / "plan.retention")

    assert not stale.exists() and not legacy.exists()
    assert recent.exists() and folder.is_dir()
    assert all(path.exists() for path in unrelated)


# --- text that UTF-8 cannot hold --------------------------------------------------------------


def test_a_lone_surrogate_is_saved_as_a_replacement_character(tmp_path: Path) -> None:
    project = _project("Caf\udce9 \ud83d\ude00")  # a lone surrogate, then a pair in two halves
    path = tmp_path / "plan.retention"
    save_project(project, path)
    assert load_project(path).profile.name == "Caf\ufffd \U0001f600"
    assert utf8("a\ud800b") == "a\ufffdb".encode()


def test_the_recovery_copy_is_written_with_a_lone_surrogate(tmp_path: Path) -> None:
    project = _project("Broken \udfff paste")
    copy = write_recovery(project, tmp_path / "recovery", "session", None)
    envelope = json.loads(copy.read_bytes().decode("utf-8"))
    assert envelope["document"]["project"]["profile"]["name"] == "Broken \ufffd paste"


# --- two windows, one file --------------------------------------------------------------------


def test_a_file_changed_by_another_window_is_not_overwritten_silently(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    save_project(_project("Opened by both"), path)
    seen_by_a = file_identity(path)
    seen_by_b = file_identity(path)
    assert seen_by_a is not None and seen_by_a == seen_by_b

    saved_by_b = save_project(_project("B's change"), path, expected=seen_by_b)
    assert saved_by_b == file_identity(path)
    with pytest.raises(FileChangedOnDisk) as caught:
        save_project(_project("A's change"), path, expected=seen_by_a)

    assert "changed by someone else since you opened it" in str(caught.value)
    assert load_project(path).profile.name == "B's change"  # B's work is still there
    assert caught.value.current == saved_by_b
    # "Keep mine": A overwrites the version it was shown, B's becomes the backup.
    save_project(_project("A's change"), path, expected=caught.value.current)
    assert load_project(path).profile.name == "A's change"
    assert load_project(backup_path(path)).profile.name == "B's change"


def test_a_touched_but_unchanged_file_or_a_deleted_one_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    seen = save_project(_project("First"), path)
    os.utime(path, (time.time() + 60, time.time() + 60))
    seen = save_project(_project("Second"), path, expected=seen)
    path.unlink()
    save_project(_project("Third"), path, expected=seen)
    assert load_project(path).profile.name == "Third"


def test_the_check_uses_the_content_not_only_the_size_and_time(tmp_path: Path) -> None:
    path = tmp_path / "plan.retention"
    seen = save_project(_project("Anne"), path)
    stamp = path.stat().st_mtime_ns
    path.write_bytes(path.read_bytes().replace(b"Anne", b"Joel"))  # same size
    os.utime(path, ns=(stamp, stamp))  # same time, as a copy keeping times would
    with pytest.raises(FileChangedOnDisk):
        save_project(_project("Mine"), path, expected=seen)
    assert load_project(path).profile.name == "Joel"


# --- the at-risk CSV --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://x")',
        "+33 6 12",
        "-2+3",
        "@SUM(A1)",
        "\u200b=cmd",
        "\ufeff+1",
        "\u200e-2+3",
        "\u200f@x",
        "  =1+1",
        "\t=1",
        " \u00a0\u200b\n=1",
        "\u2066=1",  # a bidi isolate
        "\tDupont",
        "\rDupont",
    ],
)
def test_formulas_are_neutralised_even_behind_spaces_and_invisible_marks(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Dupont", "", "a=b", "Jean-Luc", "\u200bDupont", " 3 rue"])
def test_ordinary_text_is_left_as_it_is(cell: str) -> None:
    assert neutralise(cell) == cell


def test_the_at_risk_csv_on_a_full_disk_leaves_the_previous_list_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "at-risk.csv"
    columns = (Column("Customer"), Column("Revenue", Kind.NUMBER, 1))
    write_sheet(Sheet("At risk", columns, [("\u200b=evil", 1.0), ("Anne", 2.0)]), path, "en")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["'\u200b=evil,1.0", "Anne,2.0"]
    before = path.read_bytes()

    for name in ("write", "fsync"):
        with monkeypatch.context() as patched:
            patched.setattr(atomic_write.os, name, _full_disk)
            with pytest.raises(OSError, match="No space left on device"):
                write_sheet(Sheet("At risk", columns, [("Bob", 3.0)]), path, "en")
        assert path.read_bytes() == before
        assert _listing(tmp_path) == {"at-risk.csv"}


def test_analyze_at_risk_on_a_full_disk_says_so_and_keeps_the_old_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "customer,date,amount\nann,2025-01-01,100\nann,2025-01-11,100\nbob,2025-03-01,5\n",
        encoding="utf-8",
    )
    out = tmp_path / "risk.csv"
    out.write_text("last month's list\n", encoding="utf-8")
    monkeypatch.setattr(atomic_write.os, "write", _full_disk)

    assert main(["analyze", str(orders), "--at-risk", str(out)]) == 2

    error = capsys.readouterr().err.strip()
    assert "risk.csv" in error and "No space left on device" in error
    assert len(error.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "last month's list\n"


def test_the_at_risk_csv_never_fails_on_text(tmp_path: Path) -> None:
    path = tmp_path / "at-risk.csv"
    write_sheet(Sheet("At risk", (Column("Customer"),), [("Caf\udce9",)]), path, "en")
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == "Caf\ufffd"


def test_write_atomic_returns_what_it_wrote(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    written = write_atomic(path, b"%PDF-1.4 ...")
    assert written == file_identity(path)
    assert written.size == len(b"%PDF-1.4 ...")

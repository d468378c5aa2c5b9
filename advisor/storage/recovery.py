"""Recovery copies: unsaved work written aside every few minutes, offered back after a crash.

A recovery file holds the project document plus where it came from and which process wrote it
(pid and, where the system says, its start time). It is removed when the work is saved or
discarded, so any file left in the folder at start-up means a session ended without either.
A copy is read with the same limits and checks as a project file; a damaged one is moved aside.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.domain.project import Project
from advisor.files import UnreadableFile, read_regular
from advisor.i18n import _
from advisor.storage.migrations import CURRENT_VERSION
from advisor.storage.project_file import (
    MAX_FILE_BYTES,
    ProjectFileError,
    document_from_plain,
    document_to_plain,
    encode_json,
    parse_json,
    write_atomic,
)

RECOVERY_SUFFIX = ".recovery.json"
#: The folder, inside the recovery folder, where damaged copies are moved.
DAMAGED_FOLDER = "damaged"


@dataclass(frozen=True)
class RecoveryCopy:
    """A recovery file found on disk."""

    path: Path
    original: Path | None
    saved_at: dt.datetime
    title: str


def recovery_path(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}{RECOVERY_SUFFIX}"


def write_recovery(project: Project, folder: Path, session_id: str, original: Path | None) -> Path:
    """Write (or refresh) this session's recovery copy and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    envelope = {
        "original_path": str(original) if original else None,
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "pid": os.getpid(),
        "started": _process_started(os.getpid()),
        "document": document_to_plain(project),
    }
    path = recovery_path(folder, session_id)
    write_atomic(path, encode_json(envelope), keep_backup=False)
    return path


def discard_recovery(path: Path) -> None:
    path.unlink(missing_ok=True)


def _process_started(pid: int) -> str | None:
    """When process ``pid`` started, as the kernel counts it (Linux: field 22 of
    ``/proc/PID/stat``); None where unknown, and then a copy is tied to its pid only."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            # The name (field 2) may hold spaces: the fields after it follow its closing ")".
            return stat.read().rpartition(")")[2].split()[19]
    except (OSError, IndexError):
        return None


def _pid_running(pid: int) -> bool:
    """Whether a process ``pid`` exists, whoever runs it."""
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
        try:
            code = wintypes.DWORD()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return not ok or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0 only asks
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to another user
        return True
    return True


def _process_alive(pid: object, started: object = None) -> bool:
    """Whether the session that wrote a copy still runs: its pid is alive and, where the
    start time is known, that pid is still the same process (pids are reused)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid == os.getpid():
        return False
    if not 0 < pid < 2**31:  # no system hands such pids out (and os.kill would overflow)
        return False
    if not _pid_running(pid):
        return False
    now = _process_started(pid)
    return started is None or now is None or now == started


def _read_envelope(path: Path) -> dict[str, Any]:
    """The envelope of a recovery copy, read with the limits of a project file."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except UnreadableFile as error:
        raise ProjectFileError(path, error.problem) from None
    envelope, _replaced = parse_json(raw, path)
    if not isinstance(envelope, dict):
        raise ProjectFileError(path, _("The recovery copy is damaged."))
    return envelope


@dataclass(frozen=True)
class RecoveryScan:
    """What the recovery folder held at start-up."""

    #: Copies left by sessions that are no longer running, newest first.
    copies: list[RecoveryCopy]
    #: Where the damaged copies found were moved (in the :data:`DAMAGED_FOLDER`).
    set_aside: list[Path]


def scan_recoveries(folder: Path) -> RecoveryScan:
    """The recovery copies to offer; a damaged one is moved into the ``damaged`` folder beside
    them, where it no longer gets in the way but can still be rescued by hand (never deleted)."""
    copies: list[RecoveryCopy] = []
    set_aside: list[Path] = []
    if not folder.is_dir():
        return RecoveryScan(copies, set_aside)
    for path in sorted(folder.glob(f"*{RECOVERY_SUFFIX}")):
        try:
            copy = _offered_copy(path)
        except (ProjectFileError, ValueError, TypeError, KeyError, AttributeError, OSError):
            moved = _set_aside(path)
            if moved is not None:
                set_aside.append(moved)
            continue
        if copy is not None:
            copies.append(copy)
    copies.sort(key=lambda copy: copy.saved_at, reverse=True)
    return RecoveryScan(copies, set_aside)


def find_recoveries(folder: Path) -> list[RecoveryCopy]:
    """Recovery copies left by sessions that are no longer running, newest first (damaged ones
    are set aside, see :func:`scan_recoveries`)."""
    return scan_recoveries(folder).copies


def _offered_copy(path: Path) -> RecoveryCopy | None:
    """The copy at ``path``, or None when its session still runs or a newer version of the
    application wrote it (left for that version); raises when it is damaged."""
    envelope = _read_envelope(path)
    if _process_alive(envelope.get("pid"), envelope.get("started")):
        return None
    document = envelope.get("document")
    version = document.get("format_version") if isinstance(document, dict) else None
    if isinstance(version, int) and version > CURRENT_VERSION:
        return None
    project = document_from_plain(document, path)
    saved_at = dt.datetime.fromisoformat(envelope["saved_at"])
    if saved_at.tzinfo is not None:
        saved_at = saved_at.astimezone().replace(tzinfo=None)
    original = envelope.get("original_path")
    if original is not None and not isinstance(original, str):
        raise ProjectFileError(path, _("The recovery copy is damaged."))
    return RecoveryCopy(path, Path(original) if original else None, saved_at, project.profile.name)


def _set_aside(path: Path) -> Path | None:
    """Move ``path`` into the damaged folder beside it (never over another file); None when it
    cannot be moved, and then it is only skipped."""
    folder = path.parent / DAMAGED_FOLDER
    target = folder / path.name
    try:
        folder.mkdir(exist_ok=True)
        number = 1
        while target.exists() or target.is_symlink():
            number += 1
            target = folder / f"{path.name}.{number}"
        path.rename(target)
    except OSError:
        return None
    return target


def load_recovery(copy: RecoveryCopy) -> Project:
    """The project held by a recovery copy."""
    return document_from_plain(_read_envelope(copy.path).get("document"), copy.path)

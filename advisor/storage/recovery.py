"""Recovery copies: unsaved work written aside every few minutes, offered back after a crash.

A recovery file holds the project document plus where it came from. It is removed when the
work is saved or discarded, so any file left in the folder at start-up means a session ended
without either.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.domain.project import Project
from advisor.files import UnreadableFile, read_regular
from advisor.storage.project_file import (
    MAX_DIGITS,
    MAX_FILE_BYTES,
    ProjectFileError,
    document_from_plain,
    document_to_plain,
    encode_json,
    valid_text,
    write_atomic,
)

RECOVERY_SUFFIX = ".recovery.json"


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
    """When process ``pid`` started, as the kernel counts it (Linux); None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            # The name (field 2) may hold spaces: the fields after it follow its closing ")".
            return stat.read().rpartition(")")[2].split()[19]
    except (OSError, IndexError):
        return None


def _process_alive(pid: object, started: object = None) -> bool:
    """Whether the session that wrote a copy still runs: its pid is alive and, where the
    start time is known, that pid is still the same process (pids are reused)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass
    now = _process_started(pid)
    return started is None or now is None or now == started


def _read_envelope(path: Path) -> Any:
    raw = read_regular(path, MAX_FILE_BYTES)
    return valid_text(json.loads(raw.decode("utf-8"), parse_int=_bounded_int))


def _bounded_int(text: str) -> int:
    if len(text) > MAX_DIGITS + 1:
        raise ValueError("too many digits")
    return int(text)


def find_recoveries(folder: Path) -> list[RecoveryCopy]:
    """Recovery copies left by sessions that are no longer running, newest first.

    Unreadable files are skipped (and kept, so nothing is lost).
    """
    found: list[RecoveryCopy] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*{RECOVERY_SUFFIX}"):
        try:
            envelope = _read_envelope(path)
            if _process_alive(envelope.get("pid"), envelope.get("started")):
                continue
            project = document_from_plain(envelope["document"], path)
            saved_at = dt.datetime.fromisoformat(envelope["saved_at"])
            if saved_at.tzinfo is not None:
                saved_at = saved_at.astimezone().replace(tzinfo=None)
            original = envelope.get("original_path")
            if original is not None and not isinstance(original, str):
                continue
        except (
            OSError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
            ProjectFileError,
            UnreadableFile,
        ):
            continue  # damaged: kept where it is, and never hides the others
        found.append(
            RecoveryCopy(path, Path(original) if original else None, saved_at, project.profile.name)
        )
    return sorted(found, key=lambda copy: copy.saved_at, reverse=True)


def load_recovery(copy: RecoveryCopy) -> Project:
    """The project held by a recovery copy."""
    envelope = _read_envelope(copy.path)
    return document_from_plain(envelope["document"], copy.path)

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

from advisor.domain.project import Project
from advisor.storage.project_file import (
    ProjectFileError,
    document_from_plain,
    document_to_plain,
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
        "document": document_to_plain(project),
    }
    path = recovery_path(folder, session_id)
    write_atomic(path, json.dumps(envelope, ensure_ascii=False).encode(), keep_backup=False)
    return path


def discard_recovery(path: Path) -> None:
    path.unlink(missing_ok=True)


def _process_alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def find_recoveries(folder: Path) -> list[RecoveryCopy]:
    """Recovery copies left by sessions that are no longer running, newest first.

    Unreadable files are skipped (and kept, so nothing is lost).
    """
    found: list[RecoveryCopy] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*{RECOVERY_SUFFIX}"):
        try:
            envelope = json.loads(path.read_text(encoding="utf-8"))
            if _process_alive(envelope.get("pid")):
                continue
            project = document_from_plain(envelope["document"], path)
            saved_at = dt.datetime.fromisoformat(envelope["saved_at"])
            if saved_at.tzinfo is not None:
                saved_at = saved_at.astimezone().replace(tzinfo=None)
            original = envelope.get("original_path")
            if original is not None and not isinstance(original, str):
                continue
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ProjectFileError):
            continue
        found.append(
            RecoveryCopy(path, Path(original) if original else None, saved_at, project.profile.name)
        )
    return sorted(found, key=lambda copy: copy.saved_at, reverse=True)


def load_recovery(copy: RecoveryCopy) -> Project:
    """The project held by a recovery copy."""
    envelope = json.loads(copy.path.read_text(encoding="utf-8"))
    return document_from_plain(envelope["document"], copy.path)

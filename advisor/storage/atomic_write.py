"""Writing a file so that it is either the new version, whole, or the old one, untouched.

Used for project files, recovery copies, PDF exports and CSV exports: the bytes go to a
temporary file beside the target, are flushed to disk and replace the target in one step.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from advisor.i18n import _


class ProjectFileError(Exception):
    """A file (a project, a recovery copy, an export) that cannot be read or written; the
    message is for the user."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


def backup_path(path: Path) -> Path:
    """Where the previous version is kept: ``plan.retention`` -> ``plan.backup.retention``."""
    return path.with_name(f"{path.stem}.backup{path.suffix or '.retention'}")


def write_atomic(path: Path, payload: bytes, keep_backup: bool) -> None:
    """Write ``payload`` to ``path`` so that a crash or a full disk never leaves a half file.

    The bytes go to a temporary file beside the target, are flushed to disk, and replace the
    target in one step. With ``keep_backup`` the previous file is copied aside first. A link is
    followed (the link stays, its target is replaced); a read-only file is refused, never
    overwritten; the owner and group of the file are kept where the system allows; temporary
    files of ours left by a crash in that folder are removed.
    """
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    directory = path.parent
    if path.exists() and _read_only(path):
        raise ProjectFileError(
            path, _("the file is read-only; save it under another name or change its permissions")
        )
    _remove_stale_temps(directory, path.name)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise ProjectFileError(path, _save_problem(error)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _file_mode(path))
        _keep_owner(path, temp)
        if keep_backup and path.exists():
            write_atomic(backup_path(path), path.read_bytes(), keep_backup=False)
        os.replace(temp, path)
    except ProjectFileError as error:
        temp.unlink(missing_ok=True)
        raise ProjectFileError(
            path,
            _("the backup copy could not be written ({problem})").format(problem=error.problem),
        ) from None
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ProjectFileError(path, _save_problem(error)) from None
    _sync_directory(directory)


#: A temporary file of ours older than this was left by a crash, not by a save in progress.
STALE_TEMP_SECONDS = 600


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Remove ``.NAME.XXXX.tmp`` files of ours (the exact shape ``write_atomic`` makes) left in
    ``directory`` by a process killed while writing; recent ones may be another save."""
    now = time.time()
    for temp in directory.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            old = now - temp.stat().st_mtime > STALE_TEMP_SECONDS
            if old and temp.is_file() and not temp.is_symlink():
                temp.unlink()


def _read_only(path: Path) -> bool:
    """The user cannot write the file, or marked it read-only (no write permission for its
    owner: even an administrator, who could write anyway, is asked to choose)."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR
    except OSError:
        return False


def _keep_owner(path: Path, temp: Path) -> None:
    """Give the new file the old one's owner and group, where this process may (POSIX)."""
    chown = getattr(os, "chown", None)
    if chown is None:
        return
    with contextlib.suppress(OSError):
        old = path.stat()
        new = temp.stat()
        if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
            chown(temp, old.st_uid, old.st_gid)


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applied)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _save_problem(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return _("you do not have permission to write here; choose another folder")
    if isinstance(error, FileNotFoundError):
        return _("the folder does not exist")
    return _("the file could not be written ({reason}); the previous version is intact").format(
        reason=error.strerror or error
    )


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

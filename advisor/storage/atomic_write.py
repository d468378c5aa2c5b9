"""Writing a file so that it is either the new version, whole, or the old one, untouched.

Used for project files, recovery copies, PDF exports and CSV exports: the bytes go to a
temporary file beside the target, are flushed to disk and replace the target in one step.
Saving respects the file it replaces: a link is followed (and stays a link), a read-only file
or one that is not an ordinary file is refused, the permissions, owner and group are kept where
the system allows, and a file another program changed since we read it is not overwritten
without asking (:class:`FileChangedOnDisk`).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.files import UnreadableFile, read_regular
from advisor.i18n import _

#: A temporary file of ours older than this was left by a crash, not by a save in progress.
STALE_TEMP_SECONDS = 600
#: The longest file name, in bytes, kept in a temporary file's name (most systems allow 255).
_MAX_NAME_IN_TEMP = 200
_TEMP_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
)
#: Files whose identity is taken to notice another writer are read whole, up to this size.
_IDENTITY_LIMIT = 256 * 1024 * 1024


class ProjectFileError(Exception):
    """A file (a project, a recovery copy, an export) that cannot be read or written; the
    message is for the user."""

    def __init__(self, path: Path | str, problem: str, damaged: bool = False) -> None:
        super().__init__(_("{file}: {problem}").format(file=path, problem=problem))
        self.path = Path(path)
        self.problem = problem
        #: The file's content is broken (cut short, changed by hand or by another program):
        #: ``problem`` then names the place (a line, a field), for the details only.
        self.damaged = damaged


@dataclass(frozen=True)
class FileIdentity:
    """What a file held when it was last read or written here: enough to notice that another
    program (another window, a colleague on a shared folder) wrote it since."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, content: bytes, mtime_ns: int) -> FileIdentity:
        return cls(mtime_ns, len(content), hashlib.sha256(content).hexdigest())

    def holds(self, content: bytes) -> bool:
        """Whether ``content`` is what the file held (a touched but unchanged file is)."""
        return len(content) == self.size and hashlib.sha256(content).hexdigest() == self.sha256


class FileChangedOnDisk(ProjectFileError):
    """Saving was stopped because the file changed on disk since it was opened or saved here;
    ``current`` is what it holds now (pass it as ``expected`` to overwrite it after all)."""

    def __init__(self, path: Path | str, current: FileIdentity) -> None:
        super().__init__(path, _("the file was changed by someone else since you opened it"))
        self.current = current


def backup_path(path: Path) -> Path:
    """Where the previous version is kept: ``plan.retention`` -> ``plan.backup.retention``."""
    return path.with_name(f"{path.stem}.backup{path.suffix or '.retention'}")


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; a character UTF-8 cannot hold (a lone surrogate pasted from a broken
    text) becomes U+FFFD, so writing never fails on text."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # pairs written as two surrogates are joined, lone ones replaced
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


def file_identity(path: Path) -> FileIdentity | None:
    """The identity of the file at ``path`` (through a link) now; None if there is no readable
    ordinary file there. Take it *before* reading the file, so that a change in between is
    seen as a change."""
    target = _real_file(path)
    try:
        mtime_ns = os.stat(target).st_mtime_ns
        return FileIdentity.of(read_regular(target, _IDENTITY_LIMIT), mtime_ns)
    except (OSError, UnreadableFile):
        return None


def write_atomic(
    path: Path, payload: bytes, keep_backup: bool = False, *, expected: FileIdentity | None = None
) -> FileIdentity:
    """Write ``payload`` to ``path`` so that a crash or a full disk never leaves a half file,
    and return the identity of what was written.

    With ``keep_backup`` the previous file is copied aside first (:func:`backup_path`). With
    ``expected`` (the identity the file had when it was read), a file whose content differs now
    is left alone and :class:`FileChangedOnDisk` raised; a file deleted since is written anew.
    Temporary files of ours for the same name, left by a crash, are removed. Raises
    :class:`ProjectFileError` with a message for the user; the previous file is then intact.
    """
    target = _real_file(path)
    current = _replaceable(path, target)

    def check_and_back_up() -> None:
        # As late as possible, just before the replacement: little time is left for another
        # writer, and the content read for the check is the one backed up.
        if current is None or (not keep_backup and expected is None):
            return
        try:
            previous = target.read_bytes()
        except FileNotFoundError:
            return  # deleted meanwhile: nothing to compare or to keep
        if expected is not None and not expected.holds(previous):
            raise FileChangedOnDisk(path, FileIdentity.of(previous, os.stat(target).st_mtime_ns))
        if keep_backup:
            backup = backup_path(target)
            try:
                # A copy of the original: its permissions and owner, so a private project
                # never gets a backup others can read.
                _replaceable(backup, _real_file(backup))
                _replace(backup, _real_file(backup), previous, current)
            except ProjectFileError as error:
                problem = _("the backup copy could not be written ({problem})")
                raise ProjectFileError(path, problem.format(problem=error.problem)) from None

    return _replace(path, target, payload, current, check_and_back_up)


def _replace(
    path: Path,
    target: Path,
    payload: bytes,
    like: os.stat_result | None,
    before_replacing: Callable[[], None] | None = None,
) -> FileIdentity:
    """The atomic write itself: temporary file, fsync, permissions and owner of ``like`` (the
    file replaced), ``before_replacing``, one ``os.replace``, the folder synced."""
    _remove_stale_temps(target.parent, target.name)
    try:
        fd, temp = _create_temp(target, private=like is not None)
    except OSError as error:
        raise ProjectFileError(path, _save_problem(error)) from None
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
            written = os.fstat(fd).st_mtime_ns  # os.replace and chmod keep it
        finally:
            os.close(fd)
        if like is not None:
            _keep_owner_and_mode(temp, like)
        if before_replacing is not None:
            before_replacing()
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise ProjectFileError(path, _save_problem(error)) from None
        raise
    _sync_directory(target.parent)
    return FileIdentity.of(payload, written)


def _real_file(path: Path) -> Path:
    """A link's final target (replacing it keeps the link); any other path as it is."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _replaceable(path: Path, target: Path) -> os.stat_result | None:
    """The status of the file to replace (None if there is none yet), after refusing what must
    not be replaced: a folder, a pipe or a device, and a read-only file. A file without write
    permission for its owner is refused even for an administrator, who could write anyway."""
    try:
        info = os.stat(target)
    except OSError:
        return None  # absent (or unreachable: creating the temporary file will say why)
    if stat.S_ISDIR(info.st_mode):
        raise ProjectFileError(path, _("this is a folder, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError(
            path, _("this is not an ordinary file (a pipe, a device or a socket)")
        )
    if not info.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise ProjectFileError(
            path, _("the file is read-only; save it under another name or change its permissions")
        )
    return info


def _temp_prefix(name: str) -> str:
    while len(os.fsencode(name)) > _MAX_NAME_IN_TEMP:
        name = name[:-1]
    return f".{name}."


def _create_temp(target: Path, private: bool) -> tuple[int, Path]:
    """A new ``.NAME.XXXXXXXX.tmp`` beside ``target``, open for writing: ``private`` (it gets
    the replaced file's permissions once written), or else with the usual permissions of a new
    file (the system applies the umask, which reading would change for every thread)."""
    prefix = _temp_prefix(target.name)
    mode = 0o600 if private else 0o666
    for _attempt in range(100):
        random = base64.b32encode(os.urandom(5)).decode("ascii").lower()  # 8 of [a-z2-7]
        temp = target.with_name(f"{prefix}{random}.tmp")
        try:
            return os.open(temp, _TEMP_FLAGS, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Remove temporary files of ours for ``name`` (the exact shape ``write_atomic`` makes, its
    own regular files) left in ``directory`` by a process killed while writing. Recent ones are
    kept: they may be another window's save in progress."""
    shape = re.compile(re.escape(_temp_prefix(name)) + r"[a-z0-9_]+\.tmp")
    now = time.time()
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not shape.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                ours = uid is None or info.st_uid == uid
                old = now - info.st_mtime > STALE_TEMP_SECONDS
                if ours and old and stat.S_ISREG(info.st_mode):
                    os.unlink(entry.path)


def _keep_owner_and_mode(temp: Path, original: os.stat_result) -> None:
    """Give the new file the old one's owner and group where this process may (POSIX: the
    administrator may give both, a member of the group the group), then its permissions."""
    chown = getattr(os, "chown", None)
    if chown is not None:
        mine = os.stat(temp)
        if (mine.st_uid, mine.st_gid) != (original.st_uid, original.st_gid):
            for uid, gid in ((original.st_uid, original.st_gid), (-1, original.st_gid)):
                try:
                    chown(temp, uid, gid)
                    break
                except OSError:
                    continue
    os.chmod(temp, stat.S_IMODE(original.st_mode) & 0o777)


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

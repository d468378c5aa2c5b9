"""Reading a file the user named, safely: regular files only (a FIFO, a device such as
``/dev/zero``, a socket or a folder is refused before anything is read or waited for), and
never more than a limit, counted while reading rather than trusted from the file system."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from advisor.i18n import _

_CHUNK = 1024 * 1024
#: Open for reading without waiting for a writer (a FIFO) and, on Windows, in binary mode.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class UnreadableFile(ValueError):
    """A file that cannot be read as asked; ``problem`` is for the user (no path in it)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _open(path: Path) -> int:
    try:
        return os.open(path, _FLAGS)
    except FileNotFoundError:
        raise UnreadableFile(path, _("the file does not exist")) from None
    except IsADirectoryError:
        raise UnreadableFile(path, _("this is a folder, not a file")) from None
    except PermissionError:
        raise UnreadableFile(path, _("you do not have permission to read this file")) from None
    except OSError as error:
        raise UnreadableFile(
            path, _("the file cannot be read ({reason})").format(reason=error.strerror)
        ) from None


def _check_regular(path: Path, fd: int) -> None:
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        raise UnreadableFile(path, _("this is a folder, not a file"))
    if not stat.S_ISREG(mode):
        raise UnreadableFile(path, _("this is not an ordinary file (a pipe, a device or a socket)"))


def ensure_regular(path: Path) -> None:
    """Raise :class:`UnreadableFile` unless ``path`` is a regular file that can be opened, for
    readers that stream a large file themselves (CSV imports)."""
    fd = _open(path)
    try:
        _check_regular(path, fd)
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`UnreadableFile` when the file is missing, not a regular file, unreadable or
    larger than ``limit``. Opening does not block on a FIFO (non-blocking open, then the type
    of what was opened is checked), and a file that grows while it is read is cut at the limit.
    """
    fd = _open(path)
    try:
        _check_regular(path, fd)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise UnreadableFile(path, _("the file is too large"))
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(
            path, _("the file cannot be read ({reason})").format(reason=error.strerror)
        ) from None
    finally:
        os.close(fd)

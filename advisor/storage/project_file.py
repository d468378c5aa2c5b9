"""Reading and writing ``.retention`` project files.

A project file is UTF-8 JSON: an envelope (``format``, ``format_version``, ``app_version``)
around the project document. Saving is atomic and keeps the previous file as a backup;
loading checks everything and fails with a :class:`ProjectFileError` naming the file and the
field, never with a traceback, and never writes anything.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor import __version__
from advisor.domain.journey import check_journey
from advisor.domain.project import Project
from advisor.domain.schema import (
    MAX_DIGITS,
    OversizedNumber,
    SchemaError,
    from_plain,
    to_plain,
    too_many_digits,
)
from advisor.files import UnreadableFile, read_regular
from advisor.i18n import N_, _
from advisor.storage.atomic_write import STALE_TEMP_SECONDS as STALE_TEMP_SECONDS
from advisor.storage.atomic_write import FileChangedOnDisk as FileChangedOnDisk
from advisor.storage.atomic_write import FileIdentity as FileIdentity
from advisor.storage.atomic_write import ProjectFileError as ProjectFileError
from advisor.storage.atomic_write import backup_path as backup_path
from advisor.storage.atomic_write import write_atomic as write_atomic
from advisor.storage.migrations import CURRENT_VERSION, migrate

FORMAT_MARKER = "retention-advisor-project"
SUFFIX = ".retention"
MAX_FILE_BYTES = 64 * 1024 * 1024
_SIGNATURES = {
    b"\x89PNG": N_("PNG image"),
    b"%PDF": N_("PDF document"),
    b"PK\x03\x04": N_("ZIP archive or Office document"),
    b"\xff\xd8\xff": N_("JPEG image"),
}


def document_to_plain(project: Project) -> dict[str, Any]:
    """The project wrapped in the versioned envelope, as plain data."""
    return {
        "format": FORMAT_MARKER,
        "format_version": CURRENT_VERSION,
        "app_version": __version__,
        "project": to_plain(project),
    }


def document_from_plain(data: Any, path: Path) -> Project:
    """Check the envelope, migrate older versions and build the project."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise ProjectFileError(path, _("this is not a Retention Advisor project file"))
    version = data.get("format_version")
    if isinstance(version, OversizedNumber):
        raise ProjectFileError(path, _field_problem("format_version", too_many_digits(version)))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProjectFileError(path, _("the file has no valid format version"))
    if version > CURRENT_VERSION:
        raise ProjectFileError(
            path,
            _(
                "it was saved by a newer Retention Advisor (format {found}); this version reads "
                "formats up to {supported}. Update the application to open it."
            ).format(found=version, supported=CURRENT_VERSION),
        )
    data = migrate(data, version)
    if not isinstance(data.get("project"), dict):
        raise ProjectFileError(path, _("the file holds no project"))
    try:
        project: Project = from_plain(Project, data.get("project"), "")
        check_journey(project.journey)
    except RecursionError:
        raise ProjectFileError(path, _("the file is nested too deeply to be a project")) from None
    except SchemaError as error:
        raise ProjectFileError(
            path, _field_problem(error.path, error.problem), damaged=True
        ) from None
    return project


@dataclass(frozen=True)
class Salvaged:
    """What could be read of a damaged project file."""

    project: Project
    #: The fields left out (their paths in the file, for the details).
    left_out: tuple[str, ...]


#: At most this many bad values are left out before a file is given up as unreadable.
MAX_LEFT_OUT = 50


def salvage_project(path: Path | str) -> Salvaged | None:
    """The project of a file whose JSON reads but some of whose values do not fit the model:
    each bad value is left out (a list's bad item removed, a field set back to its default),
    up to :data:`MAX_LEFT_OUT` of them. ``None`` when nothing can be read that way."""
    path = Path(path)
    try:
        data, _replaced = parse_json(_read_bytes(path), path)
    except ProjectFileError:
        return None
    try:
        document_from_plain(copy.deepcopy(data), path)  # the envelope and version are fine
    except ProjectFileError as error:
        if not error.damaged:
            return None
    version = data.get("format_version") if isinstance(data, dict) else None
    if not isinstance(version, int) or not isinstance(data.get("project"), dict):
        return None
    data = migrate(data, version)
    left_out: list[str] = []
    for _attempt in range(MAX_LEFT_OUT + 1):
        try:
            project: Project = from_plain(Project, data.get("project"), "")
            check_journey(project.journey)
            return Salvaged(project, tuple(left_out))
        except SchemaError as error:
            if not error.path or not _leave_out(data, error.path):
                return None
            left_out.append(error.path)
        except (RecursionError, TypeError, ValueError, KeyError):
            return None
    return None


_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _leave_out(data: dict[str, Any], field: str) -> bool:
    """Remove the value at ``field`` (``kpi_periods[2].customers_lost``) from the project in
    ``data``; a value inside a list takes its list item with it when it is the item itself."""
    steps: list[str | int] = [int(index) if index else name for name, index in _STEP.findall(field)]
    parent: Any = data["project"]
    for step in steps[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return False
    last = steps[-1] if steps else None
    if isinstance(parent, dict) and last in parent:
        del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
        return True
    return False


def _field_problem(field: str, problem: str) -> str:
    return _("field “{field}”: {problem}").format(field=field, problem=problem)


def encode_json(document: Any, indent: int | None = None) -> bytes:
    """``document`` as UTF-8 JSON. A character UTF-8 cannot hold (a lone surrogate pasted from
    a broken text) becomes U+FFFD, so saving never fails on text."""
    text = json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


_SURROGATE = re.compile("[\ud800-\udfff]")


def repaired_text(value: Any) -> tuple[Any, int]:
    """``value`` (plain JSON data, at most :data:`MAX_DEPTH` deep) with every lone surrogate of
    its texts and keys made U+FFFD, and how many there were. JSON can write half a character
    (``"\\ud800"``), which no UTF-8 file can hold: kept, it would make every save fail."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        items = [repaired_text(item) for item in value]
        return [item for item, _count in items], sum(count for _item, count in items)
    if isinstance(value, dict):
        pairs = [(repaired_text(key), repaired_text(item)) for key, item in value.items()]
        repaired = {key: item for (key, _k), (item, _i) in pairs}
        return repaired, sum(k + i for (_key, k), (_item, i) in pairs)
    return value, 0


def serialise(project: Project) -> bytes:
    return encode_json(document_to_plain(project), indent=2)


#: Deeper than this, JSON is no project: a project file nests 6 levels, a recovery copy 7.
MAX_DEPTH = 64


def _parse_int(text: str) -> int | OversizedNumber:
    """A whole number of the JSON. One of absurd length is not converted (Python would take long,
    or refuse past 4,300 digits) but marked, so that the check of its field names the field."""
    digits = len(text) - text.startswith("-")
    return OversizedNumber(digits) if digits > MAX_DIGITS else int(text)


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether ``data`` nests lists and objects more than ``limit`` levels deep (level by level,
    without recursion)."""
    level = [data]
    for _depth in range(limit):
        level = [
            child
            for value in level
            if isinstance(value, list | dict)
            for child in (value.values() if isinstance(value, dict) else value)
        ]
        if not level:
            return False
    return any(isinstance(value, list | dict) for value in level)


def parse_json(raw: bytes, path: Path) -> tuple[Any, int]:
    """The JSON data of ``raw`` as every file the application reads back is read: UTF-8 (a
    byte-order mark allowed), whole numbers of at most :data:`MAX_DIGITS` digits (longer ones
    marked for the field check), at most :data:`MAX_DEPTH` levels deep, lone surrogates made
    U+FFFD; with the number of those. Raises :class:`ProjectFileError`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.end < len(raw):
            raise ProjectFileError(path, _("this is not a text file, so not a project")) from None
        text = raw[: error.start].decode("utf-8-sig")  # cut inside a letter: report the cut
    try:
        data = json.loads(text, parse_int=_parse_int)
    except RecursionError:
        data = None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            problem = _("the file is cut short (it ends at line {line}); it may be truncated")
        else:
            problem = _("the file is damaged at line {line}, column {column}")
        raise ProjectFileError(
            path, problem.format(line=error.lineno, column=error.colno), damaged=True
        ) from None
    else:
        if not _deeper_than(data, MAX_DEPTH):
            return repaired_text(data)
    raise ProjectFileError(path, _("the file is nested too deeply to be a project"))


@dataclass(frozen=True)
class LoadedProject:
    """A project read from a file, and what had to be repaired on the way."""

    project: Project
    #: Broken characters (lone surrogates, written ``"\\ud800"`` in the JSON) made U+FFFD.
    replaced_characters: int = 0


def read_project(path: Path | str) -> LoadedProject:
    """Read and check a project file, saying what was repaired; raises
    :class:`ProjectFileError` with a clear message."""
    path = Path(path)
    raw = _read_bytes(path)
    if not raw.strip():
        raise ProjectFileError(path, _("the file is empty"))
    for signature, kind in _SIGNATURES.items():
        if raw.startswith(signature):
            raise ProjectFileError(
                path, _("this is a {kind}, not a Retention Advisor project").format(kind=_(kind))
            )
    data, replaced = parse_json(raw, path)
    return LoadedProject(document_from_plain(data, path), replaced)


def load_project(path: Path | str) -> Project:
    """Read and check a project file; raises :class:`ProjectFileError` with a clear message."""
    return read_project(path).project


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except UnreadableFile as error:
        problem = error.problem
        if problem == _("the file is too large"):
            problem = _("the file is too large to be a project")
        elif problem == _("this is a folder, not a file"):
            problem = _("this is a folder, not a project file")
        raise ProjectFileError(path, problem) from None


def save_project(
    project: Project, path: Path | str, expected: FileIdentity | None = None
) -> FileIdentity:
    """Save ``project`` atomically to ``path``, keeping the previous file as a backup, and
    return what the file holds now. ``expected``: what the file held when it was opened or last
    saved; if another program changed it since, raises :class:`FileChangedOnDisk`."""
    return write_atomic(Path(path), serialise(project), keep_backup=True, expected=expected)

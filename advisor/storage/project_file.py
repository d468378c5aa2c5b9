"""Reading and writing ``.retention`` project files.

A project file is UTF-8 JSON: an envelope (``format``, ``format_version``, ``app_version``)
around the project document. Saving is atomic and keeps the previous file as a backup;
loading checks everything and fails with a :class:`ProjectFileError` naming the file and the
field, never with a traceback, and never writes anything.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from advisor import __version__
from advisor.domain.journey import check_journey
from advisor.domain.project import Project
from advisor.domain.schema import SchemaError, from_plain, to_plain
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
            path, _("field “{field}”: {problem}").format(field=error.path, problem=error.problem)
        ) from None
    return project


def encode_json(document: Any, indent: int | None = None) -> bytes:
    """``document`` as UTF-8 JSON. A character UTF-8 cannot hold (a lone surrogate pasted from
    a broken text) becomes U+FFFD, so saving never fails on text."""
    text = json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


def valid_text(value: Any) -> Any:
    """``value`` (plain JSON data) with every lone surrogate of its strings made U+FFFD."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, list):
        return [valid_text(item) for item in value]
    if isinstance(value, dict):
        return {valid_text(key): valid_text(item) for key, item in value.items()}
    return value


def serialise(project: Project) -> bytes:
    return encode_json(document_to_plain(project), indent=2)


#: No figure of a project has more digits (the largest allowed is 10**12, in money).
MAX_DIGITS = 15


class _TooManyDigits(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    """An integer of the JSON, refused before Python converts an absurd number of digits."""
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _TooManyDigits(digits)
    return int(text)


def load_project(path: Path | str) -> Project:
    """Read and check a project file; raises :class:`ProjectFileError` with a clear message."""
    path = Path(path)
    raw = _read_bytes(path)
    if not raw.strip():
        raise ProjectFileError(path, _("the file is empty"))
    for signature, kind in _SIGNATURES.items():
        if raw.startswith(signature):
            raise ProjectFileError(
                path, _("this is a {kind}, not a Retention Advisor project").format(kind=_(kind))
            )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.end < len(raw):
            raise ProjectFileError(path, _("this is not a text file, so not a project")) from None
        text = raw[: error.start].decode("utf-8-sig")  # cut inside a letter: report the cut
    try:
        data = json.loads(text, parse_int=_parse_int)
    except _TooManyDigits as error:
        raise ProjectFileError(
            path,
            _("a number has {digits} digits, more than any figure can have ({limit})").format(
                digits=error.digits, limit=MAX_DIGITS
            ),
        ) from None
    except RecursionError:
        raise ProjectFileError(path, _("the file is nested too deeply to be a project")) from None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            problem = _("the file is cut short (it ends at line {line}); it may be truncated")
        else:
            problem = _("the file is damaged at line {line}, column {column}")
        raise ProjectFileError(
            path, problem.format(line=error.lineno, column=error.colno)
        ) from None
    try:
        data = valid_text(data)
    except RecursionError:
        raise ProjectFileError(path, _("the file is nested too deeply to be a project")) from None
    return document_from_plain(data, path)


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

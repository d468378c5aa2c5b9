"""Loading playbooks: a file (TOML, one playbook per file), a folder, and the library.

The bundled library lives in ``playbooks/``; a user folder chosen in the preferences adds
playbooks and overrides bundled ones by id. Each file is checked by
``advisor.storage.playbook_checks``; a file with problems is left out and its problems kept.
Files are read under limits (a file's size, nesting and number of keys; a folder's number of
files and bytes), so no file or folder can hang the app or exhaust its memory.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from advisor.domain.playbooks import Playbook, parse_target
from advisor.domain.project import Project
from advisor.files import UnreadableFile, read_regular
from advisor.i18n import _, ngettext
from advisor.paths import PLAYBOOKS
from advisor.storage.playbook_checks import Problem, check_playbook, is_playbook_id


@dataclass
class Library:
    """The playbooks that loaded, and the problems of those that did not."""

    playbooks: list[Playbook] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def get(self, playbook_id: str) -> Playbook | None:
        return next((p for p in self.playbooks if p.id == playbook_id), None)


#: A playbook is a page of text (the largest bundled one is 6 KB); anything much larger is not.
MAX_PLAYBOOK_BYTES = 256 * 1024
#: Tables and lists inside one another (bundled playbooks: 4), and the parts of a dotted key
#: (tomllib needs memory in the square of a key's parts: 16,000 parts take 1 GB).
MAX_DEPTH = 8
#: Keys and list items in one file (bundled playbooks: at most 83).
MAX_ENTRIES = 1_000
#: What one folder may make us read: files, bytes, and directory entries looked at.
MAX_FILES = 200
MAX_FOLDER_BYTES = 2 * 1024 * 1024
MAX_SCANNED = 100_000

#: TOML's strings and comments (skipped whole), brackets, dots, and the other parts of a key.
_TOKENS = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"{1,2}(?!"))*"{3,5}'
    r"|'''(?:[^']|'{1,2}(?!'))*'{3,5}"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*)"
    r"|(?P<open>[\[{])|(?P<close>[\]}])|(?P<dot>\.)|(?P<key>[A-Za-z0-9_\- \t]+)|.",
    re.DOTALL,
)


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests brackets, or dots one key, deeper than :data:`MAX_DEPTH`: a scan
    that skips strings and comments, before tomllib recurses or squares its memory."""
    depth = parts = 0
    for token in _TOKENS.finditer(text):
        kind = token.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "dot":
            parts += 1
        if depth > MAX_DEPTH or parts > MAX_DEPTH:
            return True
        if kind not in ("dot", "key", "skip") or token.group().startswith("#"):
            parts = 0  # a dotted key is bare words, quoted words, spaces and dots
    return False


def _too_large(data: dict[str, Any]) -> str | None:
    """What makes the parsed ``data`` too large to be a playbook, if anything."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 1)]
    entries = 0
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _("is nested too deeply to be a playbook")
        items = list(value.values()) if isinstance(value, dict) else value
        entries += len(items)
        if entries > MAX_ENTRIES:
            return _(
                "holds more than {limit} keys and list items; a playbook holds far fewer"
            ).format(limit=MAX_ENTRIES)
        stack.extend((item, depth + 1) for item in items if isinstance(item, dict | list))
    return None


def read_playbook(
    path: Path, user: bool = False, try_templates: bool = True
) -> tuple[Playbook | None, list[Problem]]:
    """One playbook file, or the problems that keep it out (see
    :func:`~advisor.storage.playbook_checks.check_playbook` for ``try_templates``)."""
    playbook, problems, _size = _read(path, user, try_templates)
    return playbook, problems


def _read(
    path: Path, user: bool, try_templates: bool = True
) -> tuple[Playbook | None, list[Problem], int]:
    """One playbook file, or the problem that keeps it out, and how many bytes it holds."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_PLAYBOOK_BYTES)
    except UnreadableFile as error:
        problem = _("cannot be read: {error}").format(error=error.problem)
        return None, [Problem(name, "", problem)], 0
    try:
        text = raw.decode("utf-8")
        if _too_deep(text):
            raise RecursionError
        data = tomllib.loads(text)
        found = _too_large(data)
    except UnicodeDecodeError:
        found = _("is not UTF-8 text; save it as UTF-8")
    except tomllib.TOMLDecodeError as error:
        found = _("is not valid TOML ({error}); fix the syntax").format(error=error)
    except RecursionError:
        found = _("is nested too deeply to be a playbook")
    except ValueError:  # a number with thousands of digits
        found = _("holds a number too long to be read")
    if found is not None:
        return None, [Problem(name, "", found)], len(raw)
    playbook, problems = check_playbook(name, data, user, try_templates)
    return playbook, problems, len(raw)


def playbook_file(folder: Path, playbook_id: str) -> Path | None:
    """The file of ``folder`` named after ``playbook_id``, or None for a text that cannot be an
    id: an id from a project file is looked up, never used as a path."""
    return folder / f"{playbook_id}.toml" if is_playbook_id(playbook_id) else None


def _toml_files(folder: Path) -> tuple[list[Path], int]:
    """The ``*.toml`` files of ``folder`` in name order, at most :data:`MAX_FILES`, and how many
    more there are among the first :data:`MAX_SCANNED` entries."""
    names: list[str] = []
    with os.scandir(folder) as entries:
        for index, entry in enumerate(entries):
            if index >= MAX_SCANNED:
                break
            if entry.name.endswith(".toml"):
                names.append(entry.name)
    names.sort()
    return [folder / name for name in names[:MAX_FILES]], max(0, len(names) - MAX_FILES)


def load_folder(folder: Path, user: bool = False) -> Library:
    """Every ``*.toml`` playbook of ``folder`` (up to :data:`MAX_FILES` files and
    :data:`MAX_FOLDER_BYTES`, the rest counted as a problem); a duplicate id is a problem of
    the later file."""
    library = Library()
    if not folder.is_dir():
        library.problems.append(
            Problem(str(folder), "", _("is not a folder; choose the folder holding .toml files"))
        )
        return library
    try:
        paths, skipped = _toml_files(folder)
    except OSError as error:
        problem = _("cannot be read: {error}").format(error=error.strerror)
        library.problems.append(Problem(str(folder), "", problem))
        return library
    seen: dict[str, str] = {}
    read = 0
    for index, path in enumerate(paths):
        if read >= MAX_FOLDER_BYTES:
            skipped += len(paths) - index
            break
        playbook, problems, size = _read(path, user)
        read += size
        library.problems.extend(problems)
        if playbook is None:
            continue
        if playbook.id in seen:
            library.problems.append(
                Problem(
                    str(path),
                    "id",
                    _("“{id}” is already used by {other}; give each playbook its own id").format(
                        id=playbook.id, other=seen[playbook.id]
                    ),
                )
            )
            continue
        seen[playbook.id] = str(path)
        library.playbooks.append(playbook)
    if skipped:
        message = ngettext(
            "{n} more .toml file was not read: a folder is read up to {files} files and {mb} MB",
            "{n} more .toml files were not read: a folder is read up to {files} files and {mb} MB",
            skipped,
        ).format(n=skipped, files=MAX_FILES, mb=MAX_FOLDER_BYTES // (1024 * 1024))
        library.problems.append(Problem(str(folder), "", message))
    return library


@cache
def bundled_library() -> Library:
    """The curated playbooks shipped with the app (read once)."""
    return load_folder(PLAYBOOKS)


def load_library(user_folder: Path | None = None) -> Library:
    """The bundled playbooks, with the user's own folder (if any) adding to them and
    replacing a bundled playbook that has the same id."""
    bundled = bundled_library()
    if user_folder is None:
        return Library(list(bundled.playbooks), list(bundled.problems))
    own = load_folder(user_folder, user=True)
    replaced = {p.id for p in own.playbooks}
    playbooks = [p for p in bundled.playbooks if p.id not in replaced] + own.playbooks
    return Library(playbooks, bundled.problems + own.problems)


def action_targets(project: Project, user_folder: Path | None = None) -> dict[str, str]:
    """The KPI each action of ``project`` aims at, by action id: its playbook's first tracked
    KPI, else a target written as "kpi goal" (actions with neither have none)."""
    library = load_library(user_folder)
    targets = {}
    for action in project.plan.actions:
        playbook = library.get(action.playbook_id) if action.playbook_id else None
        if playbook is not None and playbook.track:
            targets[action.id] = playbook.track[0].kpi
        elif (parsed := parse_target(action.kpi_target)) is not None:
            targets[action.id] = parsed.kpi
    return targets

"""Loading playbooks: a file (TOML, one playbook per file), a folder, and the library.

The bundled library lives in ``playbooks/``; a user folder chosen in the preferences adds
playbooks and overrides bundled ones by id. Each file is checked by
``advisor.storage.playbook_checks``; a file with problems is left out and its problems kept.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from advisor.domain.playbooks import Playbook
from advisor.files import UnreadableFile, read_regular
from advisor.i18n import _
from advisor.paths import PLAYBOOKS
from advisor.storage.playbook_checks import Problem, check_playbook


@dataclass
class Library:
    """The playbooks that loaded, and the problems of those that did not."""

    playbooks: list[Playbook] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def get(self, playbook_id: str) -> Playbook | None:
        return next((p for p in self.playbooks if p.id == playbook_id), None)


#: A playbook is a page of text; anything much larger is not one.
MAX_PLAYBOOK_BYTES = 256 * 1024


def read_playbook(path: Path, user: bool = False) -> tuple[Playbook | None, list[Problem]]:
    """One playbook file, or the problems that keep it out."""
    name = str(path)
    try:
        data = tomllib.loads(read_regular(path, MAX_PLAYBOOK_BYTES).decode("utf-8"))
    except UnreadableFile as error:
        return None, [Problem(name, "", _("cannot be read: {error}").format(error=error.problem))]
    except UnicodeDecodeError:
        return None, [Problem(name, "", _("is not UTF-8 text; save it as UTF-8"))]
    except tomllib.TOMLDecodeError as error:
        return None, [
            Problem(name, "", _("is not valid TOML ({error}); fix the syntax").format(error=error))
        ]
    except RecursionError:
        return None, [Problem(name, "", _("is nested too deeply to be a playbook"))]
    except ValueError:  # a number with thousands of digits
        return None, [Problem(name, "", _("holds a number too long to be read"))]
    return check_playbook(name, data, user)


def load_folder(folder: Path, user: bool = False) -> Library:
    """Every ``*.toml`` playbook of ``folder``; a duplicate id is a problem of the later file."""
    library = Library()
    if not folder.is_dir():
        library.problems.append(
            Problem(str(folder), "", _("is not a folder; choose the folder holding .toml files"))
        )
        return library
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        playbook, problems = read_playbook(path, user)
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

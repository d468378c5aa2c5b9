"""``retention-advisor validate PROJECT``: check a project file and show how complete each
step is."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.domain.wizard import STEP_TITLES, WORKSHOP_STEPS, completeness
from advisor.i18n import _, ngettext
from advisor.storage.project_file import read_project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=_("a .retention project file"))


def run(args: argparse.Namespace) -> int:
    loaded = read_project(args.project)
    project = loaded.project
    print(
        _("{file}: a valid project for “{name}”").format(
            file=args.project, name=project.profile.name or _("Untitled project")
        )
    )
    if loaded.replaced_characters:
        count = loaded.replaced_characters
        print(
            "  "
            + ngettext(
                "{n} broken character was replaced by {mark}; save the project to keep the repair",
                "{n} broken characters were replaced by {mark}; save the project to keep the "
                "repair",
                count,
            ).format(n=count, mark="\ufffd")
        )
    for step in WORKSHOP_STEPS:
        state = completeness(project, step)
        done = f"{state.done}/{state.total}"
        print("  " + _("{label}: {text}").format(label=_(STEP_TITLES[step]), text=done))
    return 0

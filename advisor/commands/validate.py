"""``retention-advisor validate PROJECT``: check a project file and show how complete each
step is."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.domain.wizard import STEP_TITLES, WORKSHOP_STEPS, completeness
from advisor.i18n import _
from advisor.storage.project_file import load_project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=_("a .retention project file"))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    print(
        _("{file}: a valid project for “{name}”").format(
            file=args.project, name=project.profile.name or _("Untitled project")
        )
    )
    for step in WORKSHOP_STEPS:
        state = completeness(project, step)
        done = f"{state.done}/{state.total}"
        print("  " + _("{label}: {text}").format(label=_(STEP_TITLES[step]), text=done))
    return 0

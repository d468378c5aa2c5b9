"""``retention-advisor progress PROJECT [--json]`` (the latest review round against the one
before) and ``retention-advisor compare BEFORE AFTER [--json]`` (two project files of the same
business): what changed in the KPIs, the actions and the findings."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from advisor.domain.reviews import (
    Progress,
    compare,
    latest_progress,
    progress_json,
    take_round,
)
from advisor.errors import InputError
from advisor.i18n import _, current_language
from advisor.report.progress_text import progress_summary
from advisor.storage.playbooks import action_targets
from advisor.storage.project_file import load_project
from advisor.storage.references import project_context


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=_("a .retention project file"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))


def add_compare_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("before", type=Path, help=_("the project file before"))
    parser.add_argument("after", type=Path, help=_("the project file after"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    progress = latest_progress(
        project, project_context(project), action_targets(project), dt.date.today()
    )
    if progress is None:
        raise InputError(
            _(
                "no review round recorded yet: record one with File › Start Review Round… "
                "(or compare two project files with the compare command)"
            )
        )
    _print(progress, args.json)
    return 0


def run_compare(args: argparse.Namespace) -> int:
    before, after = load_project(args.before), load_project(args.after)
    today = dt.date.today()
    progress = compare(
        take_round(before, project_context(before), today),
        take_round(after, project_context(after), today),
        action_targets(after),
    )
    _print(progress, args.json)
    return 0


def _print(progress: Progress, as_json: bool) -> None:
    if as_json:
        print(json.dumps(progress_json(progress), ensure_ascii=False, indent=2))
    else:
        print(progress_summary(progress, current_language()))

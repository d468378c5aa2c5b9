"""``retention-advisor playbooks check [DIR]``: validate a folder of playbook files (the bundled
library by default) and list every problem with its file, field and fix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.i18n import _, ngettext
from advisor.paths import PLAYBOOKS
from advisor.storage.playbooks import load_folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", help=_("validate playbook files and list every problem"), description=None
    )
    check.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=PLAYBOOKS,
        help=_("a folder of .toml playbooks (default: the bundled library)"),
    )
    check.add_argument(
        "--lang", choices=("en", "fr"), default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def run(args: argparse.Namespace) -> int:
    library = load_folder(args.folder)
    if library.problems:
        print(
            ngettext(
                "{n} problem in {folder}:", "{n} problems in {folder}:", len(library.problems)
            ).format(n=len(library.problems), folder=args.folder),
            file=sys.stderr,
        )
        for problem in library.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    count = len(library.playbooks)
    print(ngettext("{n} playbook, all valid.", "{n} playbooks, all valid.", count).format(n=count))
    return 0

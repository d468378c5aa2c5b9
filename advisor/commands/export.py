"""``retention-advisor export PROJECT -o plan.pdf [--lang en|fr] [--paper a4|letter]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.errors import InputError
from advisor.i18n import LANGUAGES, _
from advisor.storage.project_file import load_project

PAPERS = ("a4", "letter")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help=_("a .retention project file"))
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="PDF", help=_("the PDF file to write")
    )
    parser.add_argument("--paper", choices=PAPERS, default="a4", help=_("paper size (default: a4)"))
    parser.add_argument(
        "--orders",
        type=Path,
        metavar="FILE",
        help=_("an orders export: adds the cohort heat map and the RFM segments"),
    )
    parser.add_argument(
        "--playbooks",
        type=Path,
        metavar="FOLDER",
        help=_("your own playbooks, added to the bundled ones (same id: yours wins)"),
    )


def run(args: argparse.Namespace) -> int:
    from advisor.report.export import export_pdf  # reportlab loads only for this command
    from advisor.report.model import ReportOptions

    project = load_project(args.project)
    output: Path = args.output
    if output.is_dir():
        raise InputError(
            _("{path}: this is a folder; give the PDF file's name").format(path=output)
        )
    language = args.lang or project.profile.report_language.value
    assert language in LANGUAGES
    orders = None
    if args.orders is not None:
        from advisor.analytics.files import analyse_file  # pandas loads only with --orders

        orders = analyse_file(args.orders).orders
        if orders is None:
            raise InputError(
                _("{path}: survey answers, not orders; --orders needs an orders export").format(
                    path=args.orders
                )
            )
    if args.playbooks is not None and not args.playbooks.is_dir():
        raise InputError(
            _("{path}: not a folder; --playbooks needs the folder holding .toml files").format(
                path=args.playbooks
            )
        )
    options = ReportOptions(language=language, paper=args.paper, playbooks_folder=args.playbooks)
    export_pdf(project, options, output, orders=orders)
    print(_("{path}: action plan written").format(path=output))
    return 0

"""``--xlsx OUT`` and ``--csv OUT`` for the commands that print a table (``kpis``, ``plan``):
the same table written for a spreadsheet, besides what the command prints."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import InputError
from advisor.i18n import _, current_language

if TYPE_CHECKING:
    from advisor.sheets.table import Sheet


def add_table_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """``what``: the table, for the help ("the KPI table")."""
    parser.add_argument(
        "--xlsx",
        type=Path,
        metavar="OUT.xlsx",
        help=_("also write {what} to an Excel workbook").format(what=what),
    )
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="OUT.csv",
        help=_("also write {what} to a CSV file in --lang's convention").format(what=what),
    )


def write_tables(args: argparse.Namespace, sheet: Callable[[], Sheet], currency: str) -> None:
    """Write the table where ``--xlsx`` and ``--csv`` say; bad input (exit 2) if it cannot."""
    wanted = [(args.xlsx, ".xlsx"), (args.csv, ".csv")]
    if all(path is None for path, _suffix in wanted):
        return
    from advisor.sheets.writing import write_sheet

    table = sheet()
    for path, suffix in wanted:
        if path is None:
            continue
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            write_sheet(table, path, current_language(), currency)
        except OSError as error:
            raise InputError(f"{path}: {error.strerror or error}") from None

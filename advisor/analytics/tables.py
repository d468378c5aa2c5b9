"""A whole table read into a frame: a text export through pandas' C parser, with the
conventions :func:`~advisor.analytics.sniffing.sniff` found, or a workbook's sheet."""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pandas as pd

from advisor.analytics import workbooks
from advisor.analytics.errors import ImportProblem
from advisor.analytics.sniffing import Sniffed
from advisor.i18n import N_
from advisor.i18n.message import Message


def read_table(path: Path, sniffed: Sniffed, numeric: Collection[str] = ()) -> pd.DataFrame:
    """Every column of the table, blank cells as ``""`` (also the missing fields of short rows).

    Text exports come as text, except the columns of ``numeric`` whose sample held only plain
    numbers (``sniffed.numbers``): those are read as numbers by pandas' parser, which is far
    quicker and smaller than a million texts; if any cell of the file is not such a number,
    the file is read again as text. A workbook's cells come as typed (see
    :mod:`advisor.analytics.workbooks`). Columns with the same name are told apart as pandas
    does (``Total``, ``Total.1``). All columns are read, not only the used ones, so that a row
    with too many fields is reported (pandas ignores them when told which columns to use)."""
    if sniffed.sheet is not None:
        return _read_sheet(path, sniffed.sheet)
    kinds = {"int": "int64", "float": "float64"}
    typed = {
        sniffed.header.index(name): kinds[sniffed.numbers[name]]  # by position: pandas keeps
        for name in numeric  # the header's spaces, which sniff strips
        if name in sniffed.numbers
    }
    if typed:
        try:
            return _read_text(path, sniffed, defaultdict(lambda: str, typed))
        except (ValueError, OverflowError, TypeError):
            pass  # a cell that is not a plain number further down: everything as text
    return _read_text(path, sniffed, str)


def _read_text(path: Path, sniffed: Sniffed, dtype: Any) -> pd.DataFrame:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(
                path,
                sep=sniffed.delimiter,
                encoding=sniffed.encoding,
                dtype=dtype,
                keep_default_na=False,
                na_values=[],
                skip_blank_lines=False,
                skiprows=sniffed.skip_lines,
                index_col=False,
                encoding_errors="replace",
                engine="c",
            )
    except pd.errors.ParserError as error:
        raise _parser_problem(path, str(error), sniffed.skip_lines) from None
    except pd.errors.EmptyDataError:
        raise ImportProblem(
            path, Message.of(N_("the file is empty; export it again with its rows"))
        ) from None
    except UnicodeError:
        raise ImportProblem(
            path, Message.of(N_("the file's text encoding is not recognised; save it as CSV UTF-8"))
        ) from None
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        _check_first_row(path, sniffed)
    return frame


def _check_first_row(path: Path, sniffed: Sniffed) -> None:
    """pandas drops the extra fields of the first data row with a warning (trailing empty
    fields are a harmless habit of some exporters; filled ones are lost data)."""
    if not sniffed.sample_rows:
        return
    row = sniffed.sample_rows[0]
    expected = len(sniffed.header)
    if any(cell.strip() for cell in row[expected:]):
        raise ImportProblem(
            path,
            Message.of(
                N_(
                    "this row has {saw} fields where the header has {expected}: a separator "
                    "inside a value without quotes? Put such values in quotes or remove it"
                ),
                saw=len(row),
                expected=expected,
            ),
            row=sniffed.header_row + 1,
        )


def _parser_problem(path: Path, text: str, skipped: int) -> ImportProblem:
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if fields:
        expected, line, saw = (int(g) for g in fields.groups())
        return ImportProblem(
            path,
            Message.of(
                N_(
                    "this row has {saw} fields where the header has {expected}: a separator "
                    "inside a value without quotes? Put such values in quotes or remove it"
                ),
                saw=saw,
                expected=expected,
            ),
            row=line + skipped,
        )
    quote = re.search(r"EOF inside string starting (?:at|on) (?:row|line) (\d+)", text)
    if quote:
        return ImportProblem(
            path,
            Message.of(N_('a quote opened here is never closed; add the closing " or remove it')),
            row=int(quote.group(1)) + 1 + skipped,
        )
    return ImportProblem(
        path, Message.of(N_("the file cannot be read as a table ({detail})"), detail=text)
    )


def unique_names(header: list[str]) -> list[str]:
    """Column names made unique the way pandas does for a CSV: ``a``, ``a.1``, ``a.2``."""
    seen: dict[str, int] = {}
    names = []
    taken = set(header)
    for name in header:
        if name in seen:
            count = seen[name]
            candidate = f"{name}.{count}"
            while candidate in taken:
                count += 1
                candidate = f"{name}.{count}"
            seen[name] = count + 1
            taken.add(candidate)
            names.append(candidate)
        else:
            seen[name] = 1
            names.append(name)
    return names


def _read_sheet(path: Path, choice: workbooks.SheetChoice) -> pd.DataFrame:
    header, columns = workbooks.read_cells(path, choice)
    frame = pd.DataFrame(dict(enumerate(columns)), copy=False)
    frame.columns = unique_names(header)
    return frame

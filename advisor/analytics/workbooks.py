"""Excel and OpenDocument workbooks (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``), read
with python-calamine: the sheet that holds the table, its header row below any title rows, and
its cells as the workbook typed them.

Date cells arrive as ``datetime.date``/``datetime.datetime``, numeric cells as ``float`` or
``int``, text as ``str`` and empty cells as ``""``; the amount and date parsers take typed cells
as they are (:mod:`advisor.analytics.conventions`). Every other column is turned into the text
the spreadsheet shows (:func:`display_text`), so a customer number ``1234`` reads as ``"1234"``.
"""

from __future__ import annotations

import datetime as dt
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import python_calamine as calamine
from numpy.typing import NDArray

from advisor.analytics.errors import ImportProblem
from advisor.i18n import N_
from advisor.i18n.message import Message, count

#: Names a workbook file has; the content decides (a renamed CSV is read as text).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Rows looked at for the header (title rows and blank rows above it are skipped).
HEADER_SEARCH_ROWS = 30
#: The unpacked size of a workbook's parts: a million rows of orders take about 150 MB.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
#: Columns a table may have (Excel's own limit is 16,384); the same limit as for CSV.
MAX_COLUMNS = 2_000

Cell = Any  # str, float, int, bool, datetime.date, datetime.datetime, datetime.time, timedelta


def is_workbook(head: bytes) -> bool:
    """Whether a file's first bytes are those of a workbook (a zip or an OLE2 container)."""
    return head.startswith((_ZIP, _OLE))


@dataclass(frozen=True)
class SheetChoice:
    """Where the table of a workbook is."""

    sheet: str
    sheets: tuple[str, ...]
    header_index: int  # 0-based row of the header (the sheet is read from A1)
    header_row: int  # the spreadsheet's row number of the header (1 = the first row)
    header: list[str]
    columns: list[int]  # positions of the columns kept (blank columns left out)
    sample_rows: list[list[str]]


def _problem(path: Path, template: str, **values: object) -> ImportProblem:
    return ImportProblem(path, Message.of(template, **values))


def _check_size(path: Path) -> None:
    """Refuse a zip whose parts unpack to more than :data:`MAX_UNPACKED_BYTES` (a zip bomb or a
    workbook far beyond any shop's orders) before calamine inflates it."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip (an .xls) or damaged: calamine says which
    if unpacked > MAX_UNPACKED_BYTES:
        raise _problem(
            path,
            N_(
                "the workbook unpacks to {size} MB, more than the {limit} MB an export of "
                "orders or answers needs; save the table alone as CSV"
            ),
            size=unpacked // (1024 * 1024),
            limit=MAX_UNPACKED_BYTES // (1024 * 1024),
        )


def _open(path: Path) -> calamine.CalamineWorkbook:
    _check_size(path)
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise _problem(
            path,
            N_("the workbook is protected by a password; save a copy without one and import it"),
        ) from None
    except OSError as error:
        raise _problem(
            path, N_("cannot read the file ({reason})"), reason=error.strerror or str(error)
        ) from None
    except Exception:  # calamine's ZipError, XmlError, CalamineError and panics
        raise _damaged(path) from None


def _damaged(path: Path) -> ImportProblem:
    """The library's own words (English, about zip entries and XML) would tell the user
    nothing they can act on: the message says what to do."""
    return _problem(
        path,
        N_(
            "the workbook cannot be opened: it is damaged or not an Excel or OpenDocument "
            "file; open it in your spreadsheet and save it again"
        ),
    )


def _worksheets(book: calamine.CalamineWorkbook) -> list[str]:
    """Names of the sheets that hold cells (chart sheets left out), visible ones first."""
    visible: list[str] = []
    hidden: list[str] = []
    for meta in book.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        (visible if meta.visible == calamine.SheetVisibleEnum.Visible else hidden).append(meta.name)
    return visible + hidden


_cache_lock = threading.Lock()
_cache: dict[tuple[str, int, int, str], list[list[Cell]]] = {}


def _sheet_rows(path: Path, book: calamine.CalamineWorkbook, name: str) -> list[list[Cell]]:
    """All rows of one sheet. The last sheet read is kept (one entry), so that the preview
    and the reading that follows it parse a big workbook once."""
    status = path.stat()
    key = (str(path.resolve()), status.st_size, status.st_mtime_ns, name)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    try:
        rows: list[list[Cell]] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:
        raise _damaged(path) from None
    with _cache_lock:
        _cache.clear()
        _cache[key] = rows
    return rows


def forget(path: Path) -> None:
    """Drop the kept rows of ``path`` (after its table was read)."""
    name = str(path.resolve())
    with _cache_lock:
        for key in [k for k in _cache if k[0] == name]:
            del _cache[key]


def _filled(cell: Cell) -> bool:
    return not (isinstance(cell, str) and not cell.strip())


def find_header(rows: Sequence[Sequence[Cell]]) -> int:
    """The index of the header row among the first rows: the first with at least two filled
    cells, all of them text, and at least half as many as the fullest row there (a title, a
    date of export or a blank row above the table is skipped)."""
    top = rows[:HEADER_SEARCH_ROWS]
    counts = [sum(_filled(c) for c in row) for row in top]
    widest = max(counts, default=0)
    for index, row in enumerate(top):
        filled = [c for c in row if _filled(c)]
        if len(filled) >= max(2, widest / 2) and all(isinstance(c, str) for c in filled):
            return index
    return max(range(len(counts)), key=counts.__getitem__) if counts else 0


def display_text(cell: Cell) -> str:
    """A cell as the spreadsheet shows it, in neutral form: ``1234.0`` → ``"1234"``, a date →
    ``"2024-01-05"``, a date and time → ``"2024-01-05 13:45:00"``, ``True`` → ``"TRUE"``."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ") if cell.time() != dt.time() else cell.date().isoformat()
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)


def _choose(
    path: Path,
    book: calamine.CalamineWorkbook,
    names: list[str],
    wanted: str | None,
    score: Callable[[list[str]], int],
) -> tuple[str, list[list[Cell]], int]:
    if wanted is not None:
        exact = [n for n in names if n == wanted] or [
            n for n in names if n.casefold() == wanted.strip().casefold()
        ]
        if not exact:
            raise _problem(
                path,
                N_("the workbook has no sheet “{sheet}”; its sheets are: {sheets}"),
                sheet=wanted,
                sheets=", ".join(names),
            )
        rows = _sheet_rows(path, book, exact[0])
        return exact[0], rows, find_header(rows)
    best: tuple[int, int, str, list[list[Cell]], int] | None = None
    for name in names:
        rows = _sheet_rows(path, book, name)
        if not any(any(_filled(c) for c in row) for row in rows[:HEADER_SEARCH_ROWS]):
            continue
        index = find_header(rows)
        header = [display_text(c).strip() for c in rows[index]]
        candidate = (score(header), len(rows) - index, name, rows, index)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        raise _problem(path, N_("the workbook's sheets are empty; export it again with its rows"))
    return best[2], best[3], best[4]


def choose_sheet(
    path: Path,
    sample_rows: int,
    wanted: str | None,
    score: Callable[[list[str]], int],
) -> SheetChoice:
    """The sheet named ``wanted``, or the one whose header ``score`` rates highest (the one
    with most rows among equals), with its header row and first rows as text."""
    book = _open(path)
    names = _worksheets(book)
    if not names:
        raise _problem(path, N_("the workbook's sheets are empty; export it again with its rows"))
    name, rows, index = _choose(path, book, names, wanted, score)
    width = max((len(row) for row in rows[index : index + HEADER_SEARCH_ROWS]), default=0)
    used = [
        column
        for column in range(width)
        if any(
            column < len(row) and _filled(row[column])
            for row in rows[index : index + HEADER_SEARCH_ROWS]
        )
    ]
    if len(used) > MAX_COLUMNS:
        raise _problem(
            path,
            N_(
                "the table has {count} columns, more than the {limit} an export of orders or "
                "answers can have; save the useful columns alone"
            ),
            count=count(len(used)),
            limit=count(MAX_COLUMNS),
        )
    header = [display_text(rows[index][c]).strip() if c < len(rows[index]) else "" for c in used]
    if not any(header):
        raise _problem(path, N_("the workbook's sheets are empty; export it again with its rows"))
    samples: list[list[str]] = []
    for row in rows[index + 1 :]:
        cells = [display_text(row[c]) if c < len(row) else "" for c in used]
        if any(cell.strip() for cell in cells):
            samples.append(cells)
        if len(samples) >= sample_rows:
            break
    # rows are read from A1 (skip_empty_area=False), so the index is the row number - 1
    return SheetChoice(name, tuple(names), index, index + 1, header, used, samples)


def read_cells(path: Path, choice: SheetChoice) -> tuple[list[str], list[NDArray[Any]]]:
    """The header and the data columns (an object array of cells per column) of the chosen
    table."""
    book = _open(path)
    rows = _sheet_rows(path, book, choice.sheet)
    forget(path)
    data = rows[choice.header_index + 1 :]
    del rows
    width = max((len(row) for row in data[:1]), default=0)
    if any(len(row) != width for row in data):  # rows of one sheet are as wide, but be sure
        width = max(len(row) for row in data)
        data = [row if len(row) == width else [*row, *[""] * (width - len(row))] for row in data]
    table = np.empty((len(data), width), dtype=object)
    table[:] = data  # numpy copies the cells in one pass, far faster than transposing in Python
    del data
    columns = []
    for column in choice.columns:
        if column < width:
            columns.append(table[:, column].copy())
        else:
            columns.append(np.full(len(table), "", dtype=object))
    return choice.header, columns

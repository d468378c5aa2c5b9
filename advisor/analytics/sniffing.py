"""Recognise how a file was written: a workbook, or a text export's encoding, separator and
header, from its first bytes.

Exports saved by French Excel use ``;``, cp1252 or UTF-8 with a byte-order mark, and may start
with a ``sep=;`` line; "Unicode text" is UTF-16 with tabs; old Mac exports end lines with a
carriage return alone. Nothing here reads a whole text file: pandas does that afterwards with
the conventions found here. A workbook's table is found by :mod:`advisor.analytics.workbooks`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from advisor.analytics import workbooks
from advisor.analytics.errors import ImportProblem
from advisor.analytics.layouts import REQUIRED_ROLES, recognise, resolve_columns
from advisor.analytics.survey_columns import looks_like_survey
from advisor.files import UnreadableFile, ensure_regular
from advisor.i18n import N_
from advisor.i18n.message import Message, count

SAMPLE_BYTES = 256 * 1024
#: Names of the files the import reads: text exports and workbooks (the content decides).
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
IMPORT_SUFFIXES = TEXT_SUFFIXES + workbooks.WORKBOOK_SUFFIXES
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
#: Columns a table may have: more is no export of orders or answers (and pandas takes minutes
#: to tell apart a hundred thousand columns of one name).
MAX_COLUMNS = workbooks.MAX_COLUMNS
_SEP_LINE = re.compile(r'^"?sep=(.)"?\s*$', re.IGNORECASE)
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Sniffed:
    """What the start of a file says about the whole of it.

    ``header_row`` is the spreadsheet's row number of the header (2 after a ``sep=`` line or a
    workbook's title row); ``skip_lines`` the lines of a text file before it. A workbook has no
    encoding or separator (empty) and ``sheet`` says where its table is."""

    encoding: str
    delimiter: str
    header: list[str]
    sample_rows: list[list[str]]
    header_row: int = 1
    skip_lines: int = 0
    sheet: workbooks.SheetChoice | None = None
    #: Columns whose every cell in the sample is a plain whole number (``"int"``: no leading
    #: zero, no sign, at most 15 digits) or a plain decimal with a point (``"float"``), so the
    #: whole file may be read as numbers (see :func:`~advisor.analytics.tables.read_table`).
    numbers: dict[str, str] = field(default_factory=dict)


def detect_encoding(path: Path, raw: bytes) -> str:
    """The encoding pandas should read ``path`` with; refuses binary files and NUL bytes."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(raw) >= 4 and raw[1] == 0 and raw[3] == 0 and raw[0] != 0:
        return "utf-16-le"
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ImportProblem(
            path,
            Message.of(
                N_(
                    "the file contains NUL bytes from line {line}: it is not a text export or "
                    "it is damaged; export it again as CSV"
                ),
                line=line,
            ),
        )
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(raw) - 4:  # not merely a character cut by the sample's end
            return "cp1252"
    return "utf-8"


def _decode_sample(raw: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(raw, final=False)


def detect_delimiter(first_line: str) -> str:
    """The separator that occurs most often in the header line, outside quotes."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def table_score(header: list[str]) -> int:
    """How well a header reads as a table this product imports: the orders roles found by
    name (0–3), or 3 for survey answers."""
    if looks_like_survey(header):
        return len(REQUIRED_ROLES)
    columns = resolve_columns(recognise(header), header)
    return sum(role in columns for role in REQUIRED_ROLES)


def sniff(path: Path, sample_rows: int = 20, sheet: str | None = None) -> Sniffed:
    """Encoding, separator, header and the first rows of ``path``; for a workbook, the sheet
    named ``sheet`` or else the one that holds the table."""
    try:
        ensure_regular(path)  # a pipe or a device would block or never end
    except UnreadableFile as error:
        raise ImportProblem(path, Message.of("{text}", text=error.problem)) from None
    try:
        with path.open("rb") as stream:
            raw = stream.read(SAMPLE_BYTES)
    except OSError as error:
        raise ImportProblem(
            path, Message.of(N_("cannot read the file ({reason})"), reason=error.strerror or "")
        ) from None
    if workbooks.is_workbook(raw):
        choice = workbooks.choose_sheet(path, sample_rows, sheet, table_score)
        return Sniffed("", "", choice.header, choice.sample_rows, choice.header_row, 0, choice)
    if not raw.strip():
        raise ImportProblem(
            path, Message.of(N_("the file is empty; export it again with its rows"))
        )
    encoding = detect_encoding(path, raw)
    text = _decode_sample(raw, encoding).lstrip("\ufeff")
    lines = _LINE_END.split(text, maxsplit=2)
    skip = 0
    sep_line = _SEP_LINE.match(lines[0])
    if sep_line and len(lines) > 1:  # Excel's "sep=;" line names the separator
        skip = 1
        text = _LINE_END.split(text, maxsplit=1)[1]
        lines = lines[1:]
    if len(lines) == 1 and len(raw) == SAMPLE_BYTES:
        raise ImportProblem(
            path,
            Message.of(
                N_(
                    "the first line is longer than {size} KB: it is not the header of an "
                    "export of orders or answers"
                ),
                size=SAMPLE_BYTES // 1024,
            ),
            row=skip + 1,
        )
    delimiter = sep_line.group(1) if sep_line else detect_delimiter(lines[0])
    if lines[0].count(delimiter) >= MAX_COLUMNS:
        raise ImportProblem(
            path,
            Message.of(
                N_(
                    "the header has {count} columns, more than the {limit} an export of "
                    "orders or answers can have; save the useful columns alone"
                ),
                count=count(lines[0].count(delimiter) + 1),
                limit=count(MAX_COLUMNS),
            ),
            row=skip + 1,
        )
    # newline=None reads "\r", "\n" and "\r\n" alike as line ends
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) > sample_rows:
                break
    except csv.Error:
        pass  # an unclosed quote: pandas reports it with its line below
    if not rows:
        raise ImportProblem(
            path, Message.of(N_("the file is empty; export it again with its rows"))
        )
    header = [cell.strip() for cell in rows[0]]
    numbers = number_columns(header, _sample_rows(text, delimiter))
    return Sniffed(encoding, delimiter, header, rows[1:], skip + 1, skip, None, numbers)


_WHOLE = re.compile(r"(?:0|[1-9][0-9]{0,14})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?")
#: Rows of the sample looked at to tell number columns (a few thousand fit in the sample).
TYPING_ROWS = 5_000


def _sample_rows(text: str, delimiter: str) -> list[list[str]]:
    """The data rows of the sample but its last line, which the sample's end may have cut."""
    try:
        lines = list(csv.reader(io.StringIO(text, newline=None), delimiter=delimiter))
    except csv.Error:
        return []  # an unclosed quote: read as text, pandas reports it
    rows = lines[1:-1] if len(lines) > 2 else lines[1:]
    return [row for row in rows if any(cell.strip() for cell in row)][:TYPING_ROWS]


def number_columns(header: list[str], rows: list[list[str]]) -> dict[str, str]:
    """Columns (named once in ``header``) whose every sample cell is a whole number or a plain
    decimal: a blank, a sign, a leading zero, a thousands separator or a decimal comma anywhere
    in the sample leaves the column as text, read by the conventions instead."""
    if len(rows) < 2:
        return {}
    kinds = {}
    for index, name in enumerate(header):
        if not name or header.count(name) > 1:
            continue
        cells = [row[index] if index < len(row) else "" for row in rows]
        if all(_WHOLE.fullmatch(cell) for cell in cells):
            kinds[name] = "int"
        elif all(_DECIMAL.fullmatch(cell) for cell in cells):
            kinds[name] = "float"
    return kinds

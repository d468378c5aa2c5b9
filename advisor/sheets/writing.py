"""Writing a :class:`~advisor.sheets.table.Sheet`: ``.xlsx`` (typed cells: numbers, dates and
percents with formats, a frozen header with filters, columns sized to their contents) or, for
any other name, CSV in the reader's convention (English: ``,`` and a decimal point; French:
``;`` and a decimal comma), UTF-8 with a byte-order mark so Excel reads the accents, headers
translated, text cells that a spreadsheet would run as formulas neutralised. Written
atomically: a full disk or a crash never leaves half a file where the previous one was."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import math
import re
import unicodedata
from pathlib import Path

from advisor.i18n import translator
from advisor.i18n.formatting import currency_sign
from advisor.sheets.table import Cell, Column, Kind, Sheet, Value
from advisor.storage.atomic_write import ProjectFileError, utf8, write_atomic

#: Separators of a CSV file by language; any other language writes as English.
CSV_CONVENTIONS = {"en": (",", "."), "fr": (";", ",")}
#: The most characters a cell holds in Excel.
MAX_CELL_TEXT = 32_767
_FORMULA_STARTS = ("=", "+", "-", "@")
_CONTROL_STARTS = ("\t", "\r")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _skipped(character: str) -> bool:
    """What a spreadsheet may skip before it looks for a formula: any space (tab, line break,
    no-break space…) and any invisible format mark (zero-width space U+200B, byte-order mark
    U+FEFF, direction marks U+200E/U+200F, bidi embeddings and isolates…)."""
    return character.isspace() or unicodedata.category(character) == "Cf"


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (``=HYPERLINK(…)`` → ``'=HYP…``),
    even behind spaces or invisible characters (``\\u200b=cmd``); a cell starting with a tab or
    a carriage return is marked too."""
    start = 0
    while start < len(text) and _skipped(text[start]):
        start += 1
    risky = text.startswith(_CONTROL_STARTS) or text.startswith(_FORMULA_STARTS, start)
    return "'" + text if risky else text


def write_sheet(sheet: Sheet, path: Path, language: str, currency: str = "EUR") -> None:
    """Write ``sheet`` to ``path``: a workbook for ``.xlsx``, else CSV. Raises ``OSError``
    whose ``strerror`` is the reason for the user."""
    if path.suffix.lower() == ".xlsx":
        payload = xlsx_bytes(sheet, language, currency)
    else:
        payload = codecs.BOM_UTF8 + utf8(csv_text(sheet, language, currency))
    try:
        write_atomic(path, payload)
    except ProjectFileError as error:  # callers report an OSError's reason
        raise OSError(errno.EIO, error.problem) from None


def _kind(column: Column, value: Value) -> tuple[Kind, int, object]:
    if isinstance(value, Cell):
        return value.kind, value.decimals, value.value
    return column.kind, column.decimals, value


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _title(column: Column, language: str, currency: str) -> str:
    title = column.title if column.translated else translator(language).gettext(column.title)
    return title


# CSV


def csv_text(sheet: Sheet, language: str, currency: str = "EUR") -> str:
    """The CSV text of ``sheet`` in ``language``'s convention; percent and money columns say
    their unit in the header (the cells hold plain numbers)."""
    delimiter, decimal = CSV_CONVENTIONS.get(language, CSV_CONVENTIONS["en"])
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, delimiter=delimiter)
    sign = currency_sign(currency)
    header = []
    for column in sheet.columns:
        title = _title(column, language, currency)
        if column.kind == Kind.PERCENT:
            title += " (%)"
        elif column.kind == Kind.MONEY:
            title += f" ({sign})"
        header.append(neutralise(title))
    writer.writerow(header)

    def number(value: float, decimals: int) -> str:
        return f"{value:.{decimals}f}".replace(".", decimal)

    for row in sheet.rows:
        cells = []
        for column, value in zip(sheet.columns, row, strict=True):
            kind, decimals, raw = _kind(column, value)
            if _missing(raw):
                cells.append("")
            elif kind == Kind.TEXT or isinstance(raw, str):
                cells.append(neutralise(str(raw)))
            elif kind == Kind.DATE and isinstance(raw, dt.date):
                cells.append(raw.isoformat())
            elif kind == Kind.COUNT:
                cells.append(str(round(float(raw))))  # type: ignore[arg-type]
            elif kind == Kind.MONEY:
                cells.append(number(float(raw), 2))  # type: ignore[arg-type]
            else:
                cells.append(number(float(raw), decimals))  # type: ignore[arg-type]
        writer.writerow(cells)
    return stream.getvalue()


# Excel


def _money_format(currency: str, language: str) -> str:
    sign = currency_sign(currency).replace('"', "")
    return f'#,##0.00\\ "{sign}"' if language == "fr" else f'"{sign}"#,##0.00'


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: no ``[]:*?/\\``, at most 31 characters."""
    return _SHEET_NAME_FORBIDDEN.sub(" ", name).strip("' ")[:31] or "Sheet1"


def xlsx_bytes(sheet: Sheet, language: str, currency: str = "EUR") -> bytes:
    """The ``.xlsx`` file of ``sheet``."""
    import xlsxwriter

    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})  # fmt: skip
    page = book.add_worksheet(sheet_name(translator(language).gettext(sheet.name)))
    header_format = book.add_format({"bold": True, "bottom": 1, "text_wrap": True,
                                     "valign": "top"})  # fmt: skip
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    formats: dict[tuple[Kind, int], object] = {}

    def cell_format(kind: Kind, decimals: int) -> object:
        key = (kind, decimals)
        if key not in formats:
            pattern = {
                Kind.COUNT: "#,##0",
                Kind.NUMBER: "#,##0" + ("." + "0" * decimals if decimals else ""),
                Kind.MONEY: _money_format(currency, language),
                Kind.PERCENT: "0" + ("." + "0" * decimals if decimals else "") + "%",
                Kind.DATE: "dd/mm/yyyy" if language == "fr" else "yyyy-mm-dd",
            }.get(kind)
            formats[key] = book.add_format({"num_format": pattern, "valign": "top"})
        return formats[key]

    widths = [len(_title(c, language, currency)) for c in sheet.columns]
    for c, column in enumerate(sheet.columns):
        page.write_string(0, c, _title(column, language, currency), header_format)
    for r, row in enumerate(sheet.rows, start=1):
        sizing = r <= 1000  # widths from the first thousand rows: enough to size a column
        for c, (column, value) in enumerate(zip(sheet.columns, row, strict=True)):
            kind, decimals, raw = _kind(column, value)
            if _missing(raw):
                continue
            if kind == Kind.TEXT or isinstance(raw, str):
                text = str(raw)[:MAX_CELL_TEXT]
                page.write_string(r, c, text, wrap)
                if sizing:
                    lines = text.splitlines()
                    widths[c] = max(widths[c], max((len(line) for line in lines), default=0))
            elif kind == Kind.DATE and isinstance(raw, dt.date):
                moment = dt.datetime.combine(raw, dt.time()) if type(raw) is dt.date else raw
                page.write_datetime(r, c, moment, cell_format(kind, decimals))
                widths[c] = max(widths[c], 10)
            else:
                number = float(raw)  # type: ignore[arg-type]
                page.write_number(
                    r, c, number / 100 if kind == Kind.PERCENT else number,
                    cell_format(kind, decimals),
                )  # fmt: skip
                if sizing:
                    widths[c] = max(widths[c], len(f"{number:,.{decimals}f}") + 3)
    for c, column in enumerate(sheet.columns):
        width = column.width or min(max(widths[c], 6) + 2, 60)
        page.set_column(c, c, width)
    page.freeze_panes(1, 0)
    if sheet.rows:
        page.autofilter(0, 0, len(sheet.rows), len(sheet.columns) - 1)
    book.close()
    return stream.getvalue()

"""One orders frame from any export: ``customer`` (missing for guests), ``date``, ``amount``.

Nothing is dropped silently: every row that is not a sale is counted by reason, with its row
number (the spreadsheet's: the header is row 1), in :class:`ImportSource`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from advisor.analytics.conventions import DateOrder, parse_dates
from advisor.analytics.errors import ImportProblem, MappingNeeded
from advisor.analytics.layouts import (
    REQUIRED_ROLES,
    ROLE_TITLES,
    Layout,
    recognise,
    resolve_columns,
)
from advisor.analytics.records import (
    REASON_NAMES,
    Array,
    Records,
    by_order,
    classify,
    read_records,
    text_columns,
)
from advisor.analytics.sniffing import Sniffed, sniff
from advisor.i18n import N_
from advisor.i18n.message import Message
from advisor.progress import Progress


@dataclass
class ImportSource:
    """How a file was read and what became of its rows."""

    path: Path
    format: str
    format_title: str
    encoding: str
    delimiter: str
    columns: dict[str, str]
    rows_read: int = 0
    rows_used: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    excluded_rows: dict[str, list[int]] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)
    date_convention: str = ""


@dataclass
class OrdersImport:
    """Sales (one row per order) and refunds read from one file."""

    orders: pd.DataFrame
    refunds: pd.DataFrame
    source: ImportSource


def read_table(path: Path, sniffed: Sniffed) -> pd.DataFrame:
    """Every column as text (``""`` for empty cells and the missing fields of short rows).

    All columns are read, not only the used ones, so that a row with too many fields is
    reported (pandas ignores them when told which columns to use)."""
    try:
        return pd.read_csv(
            path,
            sep=sniffed.delimiter,
            encoding=sniffed.encoding,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            index_col=False,
            encoding_errors="replace",
            engine="c",
        )
    except pd.errors.ParserError as error:
        raise _parser_problem(path, str(error)) from None
    except pd.errors.EmptyDataError:
        raise ImportProblem(
            path, Message.of(N_("the file is empty; export it again with its rows"))
        ) from None
    except UnicodeError:
        raise ImportProblem(
            path, Message.of(N_("the file's text encoding is not recognised; save it as CSV UTF-8"))
        ) from None


def _parser_problem(path: Path, text: str) -> ImportProblem:
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
            row=line,
        )
    quote = re.search(r"EOF inside string starting (?:at|on) (?:row|line) (\d+)", text)
    if quote:
        return ImportProblem(
            path,
            Message.of(N_('a quote opened here is never closed; add the closing " or remove it')),
            row=int(quote.group(1)) + 1,
        )
    return ImportProblem(
        path, Message.of(N_("the file cannot be read as a table ({detail})"), detail=text)
    )


def _check_headers(path: Path, header: list[str], columns: Mapping[str, str]) -> list[Message]:
    warnings = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if name in seen:
            if name in columns.values():
                raise ImportProblem(
                    path,
                    Message.of(
                        N_(
                            "two columns are named “{name}” (columns {first} and {second}): "
                            "rename one so it is clear which to use"
                        ),
                        name=name,
                        first=seen[name],
                        second=position,
                    ),
                    row=1,
                )
            warnings.append(
                Message.of(N_("Two columns are named “{name}”; neither is used."), name=name)
            )
        seen.setdefault(name, position)
    return warnings


def choose_layout(
    path: Path, sniffed: Sniffed, mapping: Mapping[str, str] | None
) -> tuple[Layout, dict[str, str]]:
    """The recognised layout and its role -> column map; :class:`MappingNeeded` if incomplete."""
    layout = recognise(sniffed.header)
    columns = resolve_columns(layout, sniffed.header, mapping)
    for role, column in columns.items():
        if column not in sniffed.header:
            raise ImportProblem(
                path,
                Message.of(
                    N_("there is no column “{column}” for the {role}; the columns are: {columns}"),
                    column=column,
                    role=Message.of(ROLE_TITLES.get(role, role)),
                    columns=", ".join(sniffed.header),
                ),
            )
    missing = [role for role in REQUIRED_ROLES if role not in columns]
    if missing:
        raise MappingNeeded(
            path,
            Message.of(
                N_(
                    "cannot tell which column holds the {roles}; name it with "
                    "--map {example}=COLUMN (the columns are: {columns})"
                ),
                roles=", ".join(missing),
                example=missing[0],
                columns=", ".join(sniffed.header),
            ),
            sniffed.header,
        )
    return layout, columns


def load_orders(
    path: Path,
    mapping: Mapping[str, str] | None = None,
    dates: DateOrder | None = None,
    progress: Progress | None = None,
) -> OrdersImport:
    """Read an orders export into one row per sale; raises :class:`ImportProblem`."""
    progress = progress or Progress()
    sniffed = sniff(path)
    layout, columns = choose_layout(path, sniffed, mapping)
    warnings = _check_headers(path, sniffed.header, columns)
    progress.report(0.05)
    raw = read_table(path, sniffed)
    progress.report(0.5)
    if raw.empty:
        raise ImportProblem(
            path, Message.of(N_("the file has a header but no rows; export it again with its rows"))
        )
    raw.columns = [c.strip().lstrip("\ufeff") for c in raw.columns]
    text, row = text_columns(raw, columns)
    del raw
    source = ImportSource(
        path, layout.id, layout.title, sniffed.encoding, sniffed.delimiter, dict(columns)
    )
    source.rows_read = len(row)
    source.warnings = warnings
    if layout.warning:
        source.warnings.append(Message.of(layout.warning))
    records = by_order(read_records(text, row), layout.amount_rule)
    del text
    progress.report(0.7)
    parsed = parse_dates(pd.Series(records.date_text, dtype=object), path, columns["date"], dates)
    source.date_convention = parsed.convention
    if "+" in parsed.convention:
        source.warnings.append(
            Message.of(
                N_("The dates are written in several formats ({formats}); each was read as such."),
                formats=parsed.convention.replace("+", ", "),
            )
        )
    date = parsed.dates.to_numpy(dtype="datetime64[ns]")
    reason = classify(records, date, layout, "refunded" in columns)
    progress.report(0.9)
    _count_excluded(source, records, reason)
    sales = reason == 0
    source.rows_used = int(records.rows[sales].sum())
    guests = int(pd.isna(records.customer[sales]).sum())
    if guests:
        source.warnings.append(
            Message.of(
                N_(
                    "{count} orders have no customer (guests or counter sales): they count in "
                    "orders and revenue, not in customer figures."
                ),
                count=guests,
            )
        )
    refunds = reason == REASON_NAMES.index("refund")
    return OrdersImport(
        _orders_frame(records.customer[sales], date[sales], records.amount[sales]),
        _orders_frame(records.customer[refunds], date[refunds], np.abs(records.amount[refunds])),
        source,
    )


def _count_excluded(source: ImportSource, records: Records, reason: Array) -> None:
    """Rows excluded by reason and their row numbers, reasons in alphabetical order."""
    for code in sorted(np.unique(reason[reason != 0]).tolist(), key=REASON_NAMES.__getitem__):
        chosen = reason == code
        name = REASON_NAMES[code]
        source.excluded[name] = int(records.rows[chosen].sum())
        source.excluded_rows[name] = records.row[chosen].tolist()


def _orders_frame(customer: Array, date: Array, amount: Array) -> pd.DataFrame:
    return pd.DataFrame(
        {"customer": pd.array(customer, dtype="string"), "date": date, "amount": amount}
    )

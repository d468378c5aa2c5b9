"""One orders frame from any export: ``customer`` (missing for guests), ``date``, ``amount``.

Nothing is dropped silently: every row that is not a sale is counted by reason, with its row
number (the spreadsheet's: the header is row 1), in :class:`ImportSource`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from advisor.analytics.conventions import DateOrder, on_distinct, parse_dates
from advisor.analytics.errors import ImportProblem, MappingNeeded
from advisor.analytics.layouts import (
    REASONS,
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
from advisor.analytics.tables import read_table
from advisor.analytics.workbooks import display_text
from advisor.i18n import N_
from advisor.i18n.message import Message, count
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
    #: The workbook's sheet the table was read from ("" for a text export).
    sheet: str = ""


@dataclass
class OrdersImport:
    """Sales (one row per order) and refunds read from one file: ``code`` (the customer's
    number, −1 for a guest), ``date`` and ``amount``. ``keys[code]`` is the customer's key
    (e-mail, id or name); keys are sorted, so codes sort as the keys do."""

    orders: pd.DataFrame
    refunds: pd.DataFrame
    source: ImportSource
    keys: Array = field(default_factory=lambda: np.array([], dtype=object))

    def customers(self, frame: pd.DataFrame) -> pd.Series:
        """The customer key of each row of ``frame`` (missing for guests)."""
        code = frame["code"].to_numpy()
        names = pd.Series(self.keys, dtype="string").take(np.maximum(code, 0)).to_numpy()
        return pd.Series(names, index=frame.index, dtype="string").where(code >= 0)


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
                    "cannot tell which columns hold: {roles}; name each with "
                    "--map {example}=COLUMN (the columns are: {columns})"
                ),
                roles=_listed([Message.of(ROLE_TITLES[role]) for role in missing]),
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
    sheet: str | None = None,
) -> OrdersImport:
    """Read an orders export (for a workbook, the sheet named ``sheet`` or the one holding the
    table) into one row per sale; raises :class:`ImportProblem`."""
    progress = progress or Progress()
    sniffed = sniff(path, sheet=sheet)
    layout, columns = choose_layout(path, sniffed, mapping)
    warnings = _check_headers(path, sniffed.header, columns)
    progress.report(0.05)
    numeric = [columns[role] for role in _NUMBER_ROLES if role in columns]
    raw = read_table(path, sniffed, numeric)
    progress.report(0.5)
    if raw.empty:
        raise ImportProblem(
            path, Message.of(N_("the file has a header but no rows; export it again with its rows"))
        )
    raw.columns = [c.strip().lstrip("\ufeff") for c in raw.columns]
    text, row = text_columns(raw, columns)
    del raw
    row += sniffed.header_row - 1  # rows counted from the header, which may not be row 1
    if sniffed.sheet is not None:
        text = _cells_as_text(text)
    source = ImportSource(
        path, layout.id, layout.title, sniffed.encoding, sniffed.delimiter, dict(columns)
    )
    source.sheet = sniffed.sheet.sheet if sniffed.sheet is not None else ""
    source.rows_read = len(row)
    source.warnings = warnings
    if layout.warning:
        source.warnings.append(Message.of(layout.warning))
    records = read_records(text, row)
    del text  # the columns not kept (an e-mail beside a customer number, the raw statuses)
    records = by_order(records, layout.amount_rule)
    if records.reused:
        source.warnings.append(
            Message.of(
                N_(
                    "Order numbers used by more than one customer or on more than one day: "
                    "{count} (from row {rows}); each customer's rows of each day were counted "
                    "as an order of their own."
                ),
                count=count(len(records.reused)),
                rows=", ".join(str(r) for r in records.reused[:5])
                + (", …" if len(records.reused) > 5 else ""),
            )
        )
    progress.report(0.7)
    parsed = parse_dates(
        pd.Series(records.date_text, dtype=object),
        path,
        columns["date"],
        dates,
        sniffed.header_row + 1,
    )
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
    if not sales.any():
        raise _nothing_to_count(path, source)
    source.rows_used = int(records.rows[sales].sum())
    guests = int((records.customer[sales] < 0).sum())
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
    codes, keys = _sorted_codes(records, sales | refunds)
    return OrdersImport(
        _orders_frame(codes[sales], date[sales], records.amount[sales]),
        _orders_frame(codes[refunds], date[refunds], np.abs(records.amount[refunds])),
        source,
        keys,
    )


def _sorted_codes(records: Records, kept: Array) -> tuple[Array, Array]:
    """The customer code of each record (−1 for a guest and for records not ``kept``) and the
    keys of the customers of kept records, sorted: codes sort as the keys do."""
    customer = np.where(kept, records.customer, -1)
    used = np.zeros(len(records.keys) + 1, dtype=bool)
    used[customer] = True  # a guest's −1 marks the extra last slot
    chosen = np.flatnonzero(used[:-1])
    names = records.keys[chosen]
    order = np.argsort(_sortable(names), kind="stable")
    rank = np.full(len(records.keys) + 1, -1, dtype=np.int64)
    rank[chosen[order]] = np.arange(len(chosen))
    codes: Array = rank.take(customer)
    return codes, np.asarray(names[order], dtype=object)


#: Roles whose column may be read as numbers when every cell is a plain number: amounts are
#: parsed as typed cells, customer and order numbers are told apart as numbers (and named as
#: text only once per customer). A number written with a leading zero further down than the
#: sample ("0012" after thousands of rows of "12") would then be the number 12: exports write
#: their ids one way throughout, and the sample refuses a column where any has a leading zero.
_NUMBER_ROLES = ("amount", "refunded", "customer", "order")

#: Roles whose cells the parsers take as typed in a workbook; other cells become text.
_TYPED_ROLES = frozenset({"date", "amount", "refunded"})


def _sortable(keys: Array) -> Array:
    """Keys as numpy text when they are short (sorted in C, the order Python's is: by code
    point), else as they are: a fixed width set by one long key would take memory per key."""
    if len(keys) and max(map(len, keys)) <= 64:
        return keys.astype(str)
    return keys


def _cells_as_text(text: dict[str, Array]) -> dict[str, Array]:
    """A workbook's typed cells as the text a spreadsheet shows, except in the date and amount
    columns (a customer number 1234 is the key "1234", not 1234.0)."""
    return {
        role: values if role in _TYPED_ROLES else _as_text(values) for role, values in text.items()
    }


def _as_text(values: Array) -> Array:
    kind = pd.api.types.infer_dtype(values, skipna=False)
    if kind == "string":
        return values
    if kind in ("floating", "integer", "mixed-integer-float"):  # order and customer numbers
        numbers = values.astype(np.float64)
        if (np.mod(numbers, 1) == 0).all() and (np.abs(numbers) < 1e15).all():
            result: Array = numbers.astype(np.int64).astype(str).astype(object)
            return result
    return on_distinct(values, lambda s: s.map(display_text))


def _listed(items: list[Message]) -> Message | str:
    """Messages joined by commas (each translated when the whole is)."""
    listed: Message | str = ""
    for item in reversed(items):
        listed = item if listed == "" else Message.of("{item}, {rest}", item=item, rest=listed)
    return listed


def _nothing_to_count(path: Path, source: ImportSource) -> ImportProblem:
    """No row is a sale: a file of refunds alone is named as such; otherwise say how many rows
    were read and why each kind was left out."""
    if set(source.excluded) <= {"refund", "refunded"}:
        what = (
            Message.of(N_("the only row is a refund"))
            if source.rows_read == 1
            else Message.of(N_("all {rows} rows are refunds"), rows=source.rows_read)
        )
        return ImportProblem(
            path,
            Message.of(
                N_(
                    "{what}: export the sales (orders or payments), with their refunds if "
                    "you like, not the refunds alone"
                ),
                what=what,
            ),
        )
    reasons = sorted(source.excluded.items(), key=lambda item: -item[1])
    listed = _listed(
        [
            Message.of(N_("{reason}: {count}"), count=rows, reason=Message.of(REASONS[name]))
            for name, rows in reasons
        ]
    )
    what = (
        Message.of(N_("the only row is not a sale that can be counted"))
        if source.rows_read == 1
        else Message.of(N_("none of the {rows} rows is a sale that can be counted"),
                        rows=source.rows_read)
    )  # fmt: skip
    return ImportProblem(
        path,
        Message.of(
            N_(
                "{what}. Left out: {reasons}. Check that the columns used are the right "
                "ones: {columns}"
            ),
            what=what,
            reasons=listed,
            columns=", ".join(source.columns.values()),
        ),
    )


def _count_excluded(source: ImportSource, records: Records, reason: Array) -> None:
    """Rows excluded by reason and their row numbers, reasons in alphabetical order."""
    for code in sorted(np.unique(reason[reason != 0]).tolist(), key=REASON_NAMES.__getitem__):
        chosen = reason == code
        name = REASON_NAMES[code]
        source.excluded[name] = int(records.rows[chosen].sum())
        source.excluded_rows[name] = records.row[chosen].tolist()


def _orders_frame(code: Array, date: Array, amount: Array) -> pd.DataFrame:
    return pd.DataFrame({"code": code, "date": date, "amount": amount})

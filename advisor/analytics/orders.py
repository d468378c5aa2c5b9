"""One orders frame from any export: ``customer`` (missing for guests), ``date``, ``amount``.

Nothing is dropped silently: every row that is not a sale is counted by reason, with its row
number (the spreadsheet's: the header is row 1), in :class:`ImportSource`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from advisor.analytics.conventions import DateOrder, on_uniques, parse_amounts, parse_dates
from advisor.analytics.errors import ImportProblem, MappingNeeded
from advisor.analytics.layouts import (
    REASONS,
    REQUIRED_ROLES,
    ROLE_TITLES,
    Layout,
    OrderAmount,
    recognise,
    resolve_columns,
)
from advisor.analytics.sniffing import Sniffed, sniff
from advisor.i18n import N_
from advisor.i18n.message import Message
from advisor.progress import Progress

#: Above this, one order's amount is a typing slip or a wrong column, not a sale.
MAX_ORDER_AMOUNT = 1_000_000_000.0


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


def _keys(values: pd.Series) -> pd.Series:
    """Customer keys: trimmed, e-mails lower-cased, blanks and ``0`` (guests) missing."""
    return on_uniques(values, _unique_keys)


def _unique_keys(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    text = text.where(~text.str.contains("@", regex=False).fillna(False), text.str.lower())
    return text.where(~text.isin(["", "0", "-"]))


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
    frame = pd.DataFrame({role: raw[column] for role, column in columns.items()})
    frame["row"] = frame.index.to_numpy() + 2
    blank = (frame[list(columns)] == "").all(axis=1)
    frame = frame[~blank]
    source = ImportSource(
        path, layout.id, layout.title, sniffed.encoding, sniffed.delimiter, dict(columns)
    )
    source.rows_read = len(frame)
    source.warnings = warnings
    if layout.warning:
        source.warnings.append(Message.of(layout.warning))
    reason = pd.Series("", index=frame.index, dtype=object)

    customer = _keys(frame["customer"])
    for fallback in ("customer_alt", "customer_alt2"):
        if fallback in frame:
            customer = customer.fillna(_keys(frame[fallback]))
    amount = parse_amounts(frame["amount"])
    if "refunded" in frame:
        amount = amount - parse_amounts(frame["refunded"]).fillna(0.0)
    records = pd.DataFrame(
        {"customer": customer, "date": frame["date"], "amount": amount, "row": frame["row"]}
    )
    records["rows"] = 1
    records["amount_text"] = frame["amount"]
    for optional in ("status", "cancelled", "event"):
        records[optional] = (
            on_uniques(frame[optional], lambda s: s.str.strip().str.lower())
            if optional in frame
            else ""
        )
    records["reason"] = reason
    has_order = "order" in frame and (frame["order"] != "").any()
    if has_order:
        order = frame["order"]
        blank_order = order == ""
        if blank_order.any():
            order = order.where(~blank_order, "row " + frame["row"].astype(str))
        records["order"] = order
        if layout.amount_rule == OrderAmount.ROW:
            duplicate = records["order"].duplicated() & (records["reason"] == "")
            records.loc[duplicate, "reason"] = "duplicate"
        elif not records["order"].is_unique:
            records = _group_lines(records, layout.amount_rule)
    progress.report(0.7)
    parsed = parse_dates(records["date"], path, columns["date"], dates)
    source.date_convention = parsed.convention
    if "+" in parsed.convention:
        source.warnings.append(
            Message.of(
                N_("The dates are written in several formats ({formats}); each was read as such."),
                formats=parsed.convention.replace("+", ", "),
            )
        )
    records["date_text"] = records["date"]
    records["date"] = parsed.dates
    _classify(records, layout, "refunded" in columns)
    progress.report(0.9)
    refunds = records[records["reason"] == "refund"]
    sales = records[records["reason"] == ""]
    excluded = records[records["reason"] != ""]
    counts = excluded.groupby("reason")["rows"].sum()
    source.excluded = {str(k): int(v) for k, v in counts.items()}
    source.excluded_rows = {
        str(k): [int(r) for r in group["row"]] for k, group in excluded.groupby("reason")
    }
    source.rows_used = int(sales["rows"].sum())
    guests = int(sales["customer"].isna().sum())
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
    orders = pd.DataFrame(
        {
            "customer": sales["customer"].astype("string"),
            "date": sales["date"],
            "amount": sales["amount"],
        }
    ).reset_index(drop=True)
    refund_frame = pd.DataFrame(
        {
            "customer": refunds["customer"].astype("string"),
            "date": refunds["date"],
            "amount": refunds["amount"].abs(),
        }
    ).reset_index(drop=True)
    return OrdersImport(orders, refund_frame, source)


def _group_lines(records: pd.DataFrame, rule: OrderAmount) -> pd.DataFrame:
    """One record per order from its line rows: first non-blank fields, earliest row."""
    text = records[["customer", "date", "status", "cancelled", "event", "amount_text"]]
    text = text.replace("", pd.NA)
    grouped = text.groupby(records["order"], sort=False)
    result = grouped.first()
    by_order = records.groupby("order", sort=False)
    result["row"] = by_order["row"].min()
    result["rows"] = by_order["rows"].sum()
    amounts = by_order["amount"]
    first, total, distinct = amounts.first(), amounts.sum(min_count=1), amounts.nunique()
    result["amount"] = first if rule == OrderAmount.FIRST else first.where(distinct <= 1, total)
    result["reason"] = by_order["reason"].max()
    result = result.fillna({"status": "", "cancelled": "", "event": "", "date": ""})
    return result.reset_index()


def _classify(records: pd.DataFrame, layout: Layout, refund_column: bool) -> None:
    """Set ``reason`` on every record that is not a sale, first reason wins."""
    names = ["", *REASONS]
    code = {name: index for index, name in enumerate(names)}
    reason = records["reason"].map(code).to_numpy(dtype=np.int8)

    def mark(condition: Any, why: str) -> None:
        chosen = (reason == 0) & np.asarray(condition, dtype=bool)
        reason[chosen] = code[why]

    by_status = {value: code[why] for value, why in layout.statuses.items()}
    status = on_uniques(records["status"], lambda s: s.map(by_status).fillna(0))
    status = status.to_numpy(dtype=np.int8)
    chosen = (reason == 0) & (status > 0)
    reason[chosen] = status[chosen]
    mark(records["cancelled"].fillna("") != "", "cancelled")
    mark(records["event"] == "refund", "refund")
    missing_date = records["date"].isna().to_numpy()
    mark(missing_date & (records["date_text"].fillna("") == "").to_numpy(), "no_date")
    mark(missing_date, "bad_date")
    amount = records["amount"].to_numpy(dtype=np.float64)
    missing_amount = np.isnan(amount)
    mark(missing_amount & (records["amount_text"].fillna("") == "").to_numpy(), "no_amount")
    mark(missing_amount, "bad_amount")
    with np.errstate(invalid="ignore"):
        mark(np.abs(amount) > MAX_ORDER_AMOUNT, "absurd_amount")
        if refund_column:
            mark(amount <= 0, "refunded")
        mark(amount < 0, "refund")
    records["reason"] = np.array(names, dtype=object)[reason]

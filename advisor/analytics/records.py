"""The records of an orders file as NumPy arrays, one per field, and why each is not a sale.

Without pyarrow, pandas keeps text as Python strings: a million-row export holds a million of
them per column. So every step here works on whole arrays, and text transforms run on each
distinct value once (:func:`~advisor.analytics.conventions.on_distinct`), never on frames of text.
A record is one row of the file, or one order made of several line rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from advisor.analytics.conventions import implausible_dates, on_distinct, parse_amounts
from advisor.analytics.layouts import REASONS, Layout, OrderAmount

#: Reason codes: ``REASON_NAMES[code]``; 0 is a sale.
REASON_NAMES = ("", *REASONS)
_CODE = {name: code for code, name in enumerate(REASON_NAMES)}

#: Above this, one order's amount is a typing slip or a wrong column, not a sale.
MAX_ORDER_AMOUNT = 1_000_000_000.0

Array: TypeAlias = NDArray[Any]


@dataclass(frozen=True)
class Records:
    """Parallel arrays. Text arrays hold ``str`` (missing values only after grouping lines);
    ``customer`` holds keys, missing for guests; ``status``, ``cancelled`` and ``event`` are
    trimmed and lower-cased, ``None`` when the file has no such column."""

    customer: Array
    date_text: Array
    amount: Array
    amount_text: Array
    status: Array | None
    cancelled: Array | None
    event: Array | None
    order: Array | None
    row: Array
    rows: Array
    reason: Array
    #: The first row of each order number that more than one customer or day used (read as
    #: one order per customer and day).
    reused: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.row)


def text_columns(raw: pd.DataFrame, columns: Mapping[str, str]) -> tuple[dict[str, Array], Array]:
    """Role -> its column's texts, blank rows left out, and the row number of each."""
    text = {role: raw[column].to_numpy(dtype=object) for role, column in columns.items()}
    blank = text["customer"] == ""
    for values in text.values():
        blank[blank] = values[blank] == ""
    row = np.arange(2, len(raw) + 2)
    if blank.any():
        keep = ~blank
        text = {role: values[keep] for role, values in text.items()}
        row = row[keep]
    return text, row


def read_records(text: Mapping[str, Array], row: Array) -> Records:
    """Customer keys, amounts and statuses of each row; blank order numbers become unique."""
    customer = _keys(text["customer"])
    for fallback in ("customer_alt", "customer_alt2"):
        missing = pd.isna(customer)
        if fallback in text and missing.any():
            customer = customer.copy()
            customer[missing] = _keys(text[fallback][missing])
    amount = _amounts(text["amount"])
    if "refunded" in text:
        refunded = _amounts(text["refunded"])
        amount = amount - np.where(np.isnan(refunded), 0.0, refunded)
    order = text.get("order")
    if order is not None:
        blank_order = order == ""
        if blank_order.all():
            order = None
        elif blank_order.any():
            order = order.copy()
            order[blank_order] = [f"row {r}" for r in row[blank_order].tolist()]
    return Records(
        customer=customer,
        date_text=text["date"],
        amount=amount,
        amount_text=text["amount"],
        status=_lowered(text.get("status")),
        cancelled=_lowered(text.get("cancelled")),
        event=_lowered(text.get("event")),
        order=order,
        row=row,
        rows=np.ones(len(row), dtype=np.int64),
        reason=np.zeros(len(row), dtype=np.int8),
    )


def _series(values: Array) -> pd.Series:
    return pd.Series(values, dtype=object, copy=False)


def _keys(values: Array) -> Array:
    """Customer keys: trimmed, e-mails lower-cased, blanks and ``0`` (guests) missing."""
    return on_distinct(values, _unique_keys)


def _unique_keys(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    text = text.where(~text.str.contains("@", regex=False).fillna(False), text.str.lower())
    return text.where(~text.isin(["", "0", "-"]))


def _amounts(values: Array) -> Array:
    amounts: Array = parse_amounts(_series(values)).to_numpy(dtype=np.float64)
    return amounts


def _lowered(values: Array | None) -> Array | None:
    if values is None:
        return None
    return on_distinct(values, lambda s: s.str.strip().str.lower())


def by_order(records: Records, rule: OrderAmount) -> Records:
    """Repeated order numbers: duplicates when each row is an order (an export of a system's
    own payment or order ids), else one record per order. In the latter, an order number used
    by two customers or on two days (a till's tickets restart every day) is one order per
    customer and day."""
    if records.order is None:
        return records
    if rule == OrderAmount.ROW:  # a system's own ids (payments, transactions): never reused
        duplicate = pd.Series(records.order, dtype=object, copy=False).duplicated().to_numpy()
        reason = records.reason.copy()
        reason[duplicate & (reason == 0)] = _CODE["duplicate"]
        return replace(records, reason=reason)
    records, unique = _split_reused(records)
    if unique:
        return records
    return replace(_group_lines(records, rule), reused=records.reused)


_TIME_OF_DAY = r"[ T]+\d{1,2}[:h]\d{2}.*$"


def _day_texts(values: pd.Series) -> pd.Series:
    """The day part of date texts or cells ("2025-01-05 10:02" → "2025-01-05"), blanks
    missing: the rows of one order may be stamped a minute apart."""

    def day(value: object) -> object:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    text = values.map(day).astype("string").str.strip().str.replace(_TIME_OF_DAY, "", regex=True)
    return text.where(text != "")


def _conflicting(groups: Array, values: Array, count: int) -> Array:
    """Whether each group (codes ``0…count-1``) holds more than one distinct value (codes,
    −1 for a blank, which never counts)."""
    present = values >= 0
    pairs = np.unique(groups[present].astype(np.int64) * (int(values.max()) + 1) + values[present])
    per_group = np.bincount(pairs // (int(values.max()) + 1), minlength=count)
    result: Array = per_group > 1
    return result


def _split_reused(records: Records) -> tuple[Records, bool]:
    """Give each customer and day of a reused order number an order of its own. Blank
    customers or dates (line rows after the first) take their order's other rows' value.
    Also says whether every order number is used once (nothing to group then)."""
    assert records.order is not None
    groups, uniques = pd.factorize(records.order)
    if len(uniques) == len(groups):
        return records, True
    customers = pd.factorize(records.customer, use_na_sentinel=True)[0]
    days = pd.factorize(on_distinct(records.date_text, _day_texts), use_na_sentinel=True)[0]
    count = len(uniques)
    reused = _conflicting(groups, customers, count) | _conflicting(groups, days, count)
    if not reused.any():
        return records, False
    rows = np.flatnonzero(reused[groups])
    order = pd.Series(groups[rows])
    filled = {}
    for name, values in (
        ("customer", pd.Series(records.customer[rows], dtype=object)),
        ("day", pd.Series(on_distinct(records.date_text[rows], _day_texts), dtype=object)),
    ):
        forward = values.groupby(order, sort=False).ffill()
        filled[name] = forward.fillna(forward.groupby(order, sort=False).bfill()).fillna("")
    keys = (
        pd.Series(records.order[rows], dtype=object).astype(str)
        + "\x1f" + filled["customer"].astype(str) + "\x1f" + filled["day"].astype(str)
    )  # fmt: skip
    new_order = records.order.copy()
    new_order[rows] = keys.to_numpy(dtype=object)
    first_rows = pd.Series(records.row[rows]).groupby(order.to_numpy()).min()
    return replace(records, order=new_order, reused=tuple(sorted(first_rows.tolist()))), False


_TEXTS = ("customer", "date", "status", "cancelled", "event", "amount_text")


def _group_lines(records: Records, rule: OrderAmount) -> Records:
    """One record per order from its line rows: first non-blank fields, earliest row."""
    n = len(records)
    blank = np.full(n, "", dtype=object)
    frame = pd.DataFrame(
        {
            "customer": records.customer,
            "date": pd.array(records.date_text, dtype="str"),
            "status": blank if records.status is None else records.status,
            "cancelled": blank if records.cancelled is None else records.cancelled,
            "event": blank if records.event is None else records.event,
            "amount_text": pd.array(records.amount_text, dtype="str"),
            "order": records.order,
            "row": records.row,
            "rows": records.rows,
            "amount": records.amount,
            "reason": records.reason,
        }
    )
    grouped = frame[list(_TEXTS)].replace("", pd.NA).groupby(frame["order"], sort=False)
    result = grouped.first()
    lines = frame.groupby("order", sort=False)
    amounts = lines["amount"]
    first, total, distinct = amounts.first(), amounts.sum(min_count=1), amounts.nunique()
    amount = first if rule == OrderAmount.FIRST else first.where(distinct <= 1, total)
    result = result.fillna({"status": "", "cancelled": "", "event": "", "date": ""})

    def column(name: str, present: object) -> Array | None:
        return None if present is None else result[name].to_numpy(dtype=object)

    return Records(
        customer=result["customer"].to_numpy(dtype=object),
        date_text=result["date"].to_numpy(dtype=object),
        amount=amount.to_numpy(dtype=np.float64),
        amount_text=result["amount_text"].to_numpy(dtype=object),
        status=column("status", records.status),
        cancelled=column("cancelled", records.cancelled),
        event=column("event", records.event),
        order=result.index.to_numpy(dtype=object),
        row=lines["row"].min().to_numpy(dtype=np.int64),
        rows=lines["rows"].sum().to_numpy(dtype=np.int64),
        reason=lines["reason"].max().to_numpy(dtype=np.int8),
    )


def classify(
    records: Records,
    dates: Array,
    layout: Layout,
    refund_column: bool,
    today: dt.date | None = None,
) -> Array:
    """The reason code of every record given its ``dates`` (NaT where unreadable); the first
    reason found wins. Dates after ``today`` or before 1990 are typing slips or a misread
    convention (see :func:`~advisor.analytics.conventions.implausible_dates`)."""
    reason = records.reason.copy()

    def mark(condition: Array, why: str) -> None:
        reason[(reason == 0) & condition] = _CODE[why]

    by_status = {value: _CODE[why] for value, why in layout.statuses.items()}
    if records.status is not None:
        status = on_distinct(records.status, lambda s: s.map(by_status).fillna(0))
        status = status.astype(np.int8)
        chosen = (reason == 0) & (status > 0)
        reason[chosen] = status[chosen]
    if records.cancelled is not None:
        mark(~_blank(records.cancelled), "cancelled")
    missing_date = np.isnat(dates)
    mark(missing_date & _blank(records.date_text, missing_date), "no_date")
    mark(missing_date, "bad_date")
    after_today, before_1990 = implausible_dates(dates, today)
    mark(after_today, "future_date")
    mark(before_1990, "old_date")
    amount = records.amount
    missing_amount = np.isnan(amount)
    mark(missing_amount & _blank(records.amount_text, missing_amount), "no_amount")
    mark(missing_amount, "bad_amount")
    with np.errstate(invalid="ignore"):
        mark(np.abs(amount) > MAX_ORDER_AMOUNT, "absurd_amount")
        if records.event is not None:  # after the date and amount: a refund needs both
            mark(_equals(records.event, "refund"), "refund")
        if refund_column:
            mark(amount <= 0, "refunded")
        mark(amount < 0, "refund")
    return reason


def _blank(values: Array, where: Array | None = None) -> Array:
    """True where a text is empty or missing (only looked at ``where`` given)."""
    result = np.zeros(len(values), dtype=bool)
    chosen = np.ones(len(values), dtype=bool) if where is None else where
    subset = values[chosen]
    result[chosen] = pd.isna(subset) | _equals(subset, "")
    return result


def _equals(values: Array, text: str) -> Array:
    present = ~pd.isna(values)
    result = np.zeros(len(values), dtype=bool)
    result[present] = values[present] == text
    return result

"""The records of an orders file as NumPy arrays, one per field, and why each is not a sale.

Without pyarrow, pandas keeps text as Python strings: a million-row export holds a million of
them per column. So every step here works on whole arrays, and text transforms run on each
distinct value once (:func:`~advisor.analytics.conventions.on_distinct`), never on frames of text.
A record is one row of the file, or one order made of several line rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
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
    """Parallel arrays. Text arrays hold ``str`` (missing values only after grouping lines),
    or numbers where the file's column was read as numbers (amounts, order numbers);
    ``customer`` holds each record's customer as a code into ``keys`` (−1 for a guest);
    ``status``, ``cancelled`` and ``event`` are trimmed and lower-cased, ``None`` when the file
    has no such column."""

    customer: Array
    #: The customer keys the codes of ``customer`` point to (distinct; some may be unused).
    keys: Array
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

    def customer_keys(self) -> Array:
        """Each record's customer key, ``None`` for a guest."""
        keys: Array = np.concatenate([self.keys.astype(object), [None]]).take(self.customer)
        return keys


def text_columns(raw: pd.DataFrame, columns: Mapping[str, str]) -> tuple[dict[str, Array], Array]:
    """Role -> its column's cells (texts, or numbers where the column was read as numbers),
    blank rows left out, and the row number of each."""
    text = {role: _cells(raw[column]) for role, column in columns.items()}
    blank = _blank_cells(text["customer"])
    for values in text.values():
        blank[blank] = _blank_cells(values[blank])
    row = np.arange(2, len(raw) + 2)
    if blank.any():
        keep = ~blank
        text = {role: values[keep] for role, values in text.items()}
        row = row[keep]
    return text, row


def _cells(column: pd.Series) -> Array:
    """A column's cells: numbers stay numbers (a million Python objects would not)."""
    if column.dtype.kind in "iuf":
        values: Array = column.to_numpy()
        return values
    cells: Array = column.to_numpy(dtype=object)
    return cells


def _blank_cells(values: Array) -> Array:
    """Where a cell is empty: ``""`` or missing among texts, NaN among numbers."""
    if values.dtype.kind == "f":
        blank: Array = np.isnan(values)
        return blank
    if values.dtype.kind in "iu":
        return np.zeros(len(values), dtype=bool)
    blank = values == ""
    return np.asarray(blank, dtype=bool)


def read_records(text: Mapping[str, Array], row: Array) -> Records:
    """Customer codes, amounts and statuses of each row; blank order numbers become unique."""
    customer, keys = _key_codes(text["customer"])
    for fallback in ("customer_alt", "customer_alt2"):
        missing = customer < 0
        if fallback in text and missing.any():
            more, more_keys = _key_codes(text[fallback][missing])
            customer, keys = _merged(customer, keys, missing, more, more_keys)
    amount = _amounts(text["amount"])
    if "refunded" in text:
        refunded = _amounts(text["refunded"])
        amount = amount - np.where(np.isnan(refunded), 0.0, refunded)
    order = text.get("order")
    if order is not None:
        blank_order = _blank_cells(order)
        if blank_order.all():
            order = None
        elif blank_order.any():
            order = order.astype(object)
            order[blank_order] = [f"row {r}" for r in row[blank_order].tolist()]
    return Records(
        customer=customer,
        keys=keys,
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


def _key_codes(values: Array) -> tuple[Array, Array]:
    """Each cell's customer as a code (−1 for a guest) and the keys: trimmed, e-mails
    lower-cased; blanks and ``0`` are guests. Cells written differently that give one key
    (`` Ann@x.fr`` and ``ann@x.fr``) get one code. Only distinct cells are turned into keys."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if values.dtype.kind in "iu":  # customer numbers: each its own key, 0 a guest
        guest = np.flatnonzero(uniques == 0)
        if len(guest):
            codes = np.where(codes == guest[0], -1, codes - (codes > guest[0]))
            uniques = np.delete(uniques, guest[0])
        return codes, uniques.astype(str).astype(object)
    mapped = _unique_keys(pd.Series(uniques, dtype=object)).to_numpy(dtype=object)
    key_codes, keys = pd.factorize(mapped, use_na_sentinel=True)
    customer: Array = np.append(key_codes, -1).take(codes)
    return customer, np.asarray(keys, dtype=object)


def _merged(
    codes: Array, keys: Array, where: Array, more: Array, more_keys: Array
) -> tuple[Array, Array]:
    """``codes`` (into ``keys``) with the cells at ``where`` coded as ``more`` (into
    ``more_keys``, −1 left as it was), into one set of keys."""
    merged_codes, merged = pd.factorize(np.concatenate([keys, more_keys]), use_na_sentinel=True)
    remap = np.append(merged_codes, -1)
    result = remap.take(codes)
    result[where] = remap.take(np.where(more >= 0, more + len(keys), -1))
    return result, np.asarray(merged, dtype=object)


def _unique_keys(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    text = text.where(~text.str.contains("@", regex=False).fillna(False), text.str.lower())
    return text.where(~text.isin(["", "0", "-"]))


def _amounts(values: Array) -> Array:
    if values.dtype.kind in "iuf":  # the column was read as numbers
        return values.astype(np.float64)
    amounts: Array = parse_amounts(_series(values)).to_numpy(dtype=np.float64)
    return amounts


def _lowered(values: Array | None) -> Array | None:
    if values is None:
        return None
    return on_distinct(values, lambda s: s.str.strip().str.lower())


def by_order(records: Records, rule: OrderAmount) -> Records:
    """Rows of one order number: its line rows (one record per order), or, when each row is
    an order (a system's own payment or order ids), a duplicate. A number whose rows name
    different customers or days is one order per customer and day (a till's tickets restart
    every day, a shop's two systems may number invoices alike): see :func:`_reused_numbers`.
    """
    if records.order is None:
        return records
    if rule == OrderAmount.ROW:
        return _duplicates(records)
    group, numbers = pd.factorize(records.order, use_na_sentinel=False)
    if len(numbers) == len(group):
        return records
    records, group, reused = _split_reused(records, group, len(numbers), by_status=False)
    return replace(_group_lines(records, group, rule), reused=reused)


def _duplicates(records: Records) -> Records:
    """Each row an order: the later rows of a number are duplicates, unless the number was
    reused (only the rows of repeated numbers are looked at: they are few)."""
    order = pd.Series(records.order, dtype=object, copy=False)
    later = order.duplicated().to_numpy()
    if not later.any():
        return records
    rows = np.flatnonzero(order.isin(order[later].unique()).to_numpy())
    some = _take(records, rows)
    group, numbers = pd.factorize(some.order, use_na_sentinel=False)
    _, group, reused = _split_reused(some, group, len(numbers), by_status=True)
    later = rows[~_first_rows(group)]
    reason = records.reason.copy()
    reason[later[reason[later] == 0]] = _CODE["duplicate"]
    return replace(records, reason=reason, reused=reused)


def _take(records: Records, rows: Array) -> Records:
    """The records at ``rows``."""
    arrays: dict[str, Any] = {
        item.name: value[rows]
        for item in fields(records)
        if item.name != "keys" and isinstance(value := getattr(records, item.name), np.ndarray)
    }
    return replace(records, **arrays)


def _first_rows(group: Array) -> Array:
    """Where each group's first row is, for codes numbered in order of first appearance (as
    :func:`pandas.factorize` numbers them)."""
    before = np.maximum.accumulate(np.concatenate(([-1], group[:-1])))
    first: Array = group > before
    return first


def _present(values: Array) -> Array:
    """Where a text (or a workbook's cell) is neither missing nor empty."""
    present: Array = ~pd.isna(values)
    present[present] = values[present] != ""
    return present


def _first_present(group: Array, count: int, present: Array) -> Array:
    """Per group, the position of its first row where ``present``; ``len(group)`` if none."""
    where = np.flatnonzero(present)
    first = np.full(count, len(group), dtype=np.int64)
    np.minimum.at(first, group[where], where)
    return first


def _disagree(group: Array, count: int, values: Array, present: Array) -> Array:
    """Per group, whether its present values are not all equal (blanks agree with anything)."""
    first = _first_present(group, count, present)
    where = np.flatnonzero(present)
    other = values[where] != values[first[group[where]]]
    result = np.zeros(count, dtype=bool)
    result[group[where[other]]] = True
    return result


def _split_reused(
    records: Records, group: Array, count: int, by_status: bool
) -> tuple[Records, Array, tuple[int, ...]]:
    """The order of each row (codes in order of first appearance) once each customer and day
    of a reused number is an order of its own, and the first row of each reused number. The
    blank customer or date of a reused number's row (a line row's) is its neighbours' in the
    file, in the records returned."""
    repeated = np.flatnonzero(np.bincount(group, minlength=count)[group] > 1)
    number = group[repeated]
    reused, day = _reused_numbers(records, repeated, number, count, by_status)
    if not reused.any():
        return records, group, ()
    chosen = reused[number]
    rows, key = repeated[chosen], number[chosen].astype(np.int64)
    date = records.date_text[rows]  # a copy
    date[~_present(date)] = None
    customer, date = _filled_codes(records.customer[rows], key), _filled(date, key)
    for values in (customer, _filled(day[chosen], key)):
        codes = pd.factorize(values, use_na_sentinel=False)[0]
        key = pd.factorize(key * (int(codes.max()) + 1) + codes)[0]
    split = group.astype(np.int64)
    split[rows] = count + key
    filled = replace(records, customer=records.customer.copy(), date_text=records.date_text.copy())
    filled.customer[rows] = customer
    filled.date_text[rows] = np.where(pd.isna(date), "", date)
    first_row = records.row[np.flatnonzero(_first_rows(group))]
    return filled, pd.factorize(split)[0], tuple(sorted(first_row[reused].tolist()))


def _filled_codes(codes: Array, group: Array) -> Array:
    """:func:`_filled` for codes, −1 being missing."""
    if not (codes < 0).any():
        return codes
    known = pd.Series(np.where(codes < 0, np.nan, codes)).groupby(group, sort=False).ffill()
    filled = known.fillna(known.groupby(group, sort=False).bfill()).fillna(-1)
    result: Array = filled.to_numpy(dtype=np.int64)
    return result


def _filled(values: Array, group: Array) -> Array:
    """Missing values given the previous present one of their group, else the next one."""
    if not pd.isna(values).any():
        return values
    known = pd.Series(values, dtype=object).groupby(group, sort=False).ffill()
    result: Array = known.fillna(known.groupby(group, sort=False).bfill()).to_numpy()
    return result


def _reused_numbers(
    records: Records, rows: Array, number: Array, count: int, by_status: bool
) -> tuple[Array, Array]:
    """Per order number (``number``: those of ``rows``), whether its rows' customers or days
    differ (blanks agree with anything); and a day for each of ``rows`` (the same value for
    the rows of a number written with one date text). With ``by_status`` (each row an order),
    a later row of the number under another status is that order's later state (a refund
    listed on its own day): only rows of one status are compared by day."""
    customer = records.customer[rows]
    reused = _disagree(number, count, customer, customer >= 0)
    by_day, days = number, count
    if by_status and records.status is not None:
        status = pd.factorize(records.status[rows], use_na_sentinel=False)[0]
        by_day, uniques = pd.factorize(number.astype(np.int64) * (int(status.max()) + 1) + status)
        days = len(uniques)
    date = records.date_text[rows]
    day = np.full(len(rows), "", dtype=object)
    texts_differ = _disagree(by_day, days, date, _present(date))
    if texts_differ.any():  # the same day written at two times of day is one day
        some = np.flatnonzero(texts_differ[by_day])
        day[some] = on_distinct(date[some], _day_texts)
        differ = _disagree(by_day[some], days, day[some], ~pd.isna(day[some]))
        reused[number[some[differ[by_day[some]]]]] = True
    return reused, day


_TIME_OF_DAY = re.compile(r"[ T]+\d{1,2}[:h]\d{2}.*$")


def _day_texts(values: pd.Series) -> pd.Series:
    """The day of date texts or cells ("2025-01-05 10:02" → "2025-01-05", an Excel serial
    45662.42 → "45662"), blanks missing: the rows of one order may be stamped a minute apart."""
    return pd.Series([_day(value) for value in values], index=values.index, dtype=object)


def _day(value: object) -> str | None:
    if isinstance(value, str):
        return _TIME_OF_DAY.sub("", value.strip()) or None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | np.floating):
        return str(int(value // 1)) if np.isfinite(value) else None
    return None if value is None or value is pd.NA else str(value)


def _group_lines(records: Records, group: Array, rule: OrderAmount) -> Records:
    """One record per order (``group``: codes in order of first appearance) from its line
    rows: each field's first non-blank value, the earliest row."""
    count = int(group.max()) + 1
    first_row = np.flatnonzero(_first_rows(group))

    def first_text(values: Array) -> Array:
        first = _first_present(group, count, _present(values))
        found = first < len(group)
        result = np.full(count, "", dtype=object)
        result[found] = values[first[found]]
        return result

    customer = np.full(count, -1, dtype=np.int64)
    first = _first_present(group, count, records.customer >= 0)
    customer[first < len(group)] = records.customer[first[first < len(group)]]

    def optional(values: Array | None) -> Array | None:
        return None if values is None else first_text(values)

    amount = records.amount
    known = ~np.isnan(amount)
    first = _first_present(group, count, known)
    amounts = np.full(count, np.nan)
    amounts[first < len(group)] = amount[first[first < len(group)]]
    if rule != OrderAmount.FIRST:  # line amounts when they differ, else the order total
        lines = pd.Series(amount, copy=False).groupby(group, sort=False)
        total = lines.sum(min_count=1).to_numpy(dtype=np.float64)
        where = np.flatnonzero(known)
        differ = amount[where] != amounts[group[where]]
        amounts[group[where[differ]]] = total[group[where[differ]]]
    reason = np.zeros(count, dtype=np.int8)
    np.maximum.at(reason, group, records.reason)
    return Records(
        customer=customer,
        keys=records.keys,
        date_text=first_text(records.date_text),
        amount=amounts,
        amount_text=first_text(records.amount_text),
        status=optional(records.status),
        cancelled=optional(records.cancelled),
        event=optional(records.event),
        order=np.asarray(records.order, dtype=object)[first_row],
        row=records.row[first_row],
        rows=np.bincount(group, weights=records.rows, minlength=count).astype(np.int64),
        reason=reason,
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

"""Reading amounts and dates written by any tool: decimal comma or point, spaces (also the
no-break and narrow no-break ones) between thousands, currency signs before or after, scientific
notation, Excel serial dates, Unix timestamps, day-first or month-first dates, and a workbook's
typed cells (numbers, dates) taken as they are. Every function works on a whole column at once,
reading each distinct value once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from advisor.analytics.errors import AmbiguousDates, ImportProblem
from advisor.i18n import N_
from advisor.i18n.message import Message

_NOT_DIGITS = r"[^\d,.\-()]"  # currency signs, letters, spaces of every kind, apostrophes
_SCIENTIFIC = r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+"  # a plain number: 1.5E+03, 1,5e3, -2e-2
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_EXCEL_SERIALS = (20_000, 80_000)  # 1954-10-03 to 2119-01-10
_UNIX_EPOCH = pd.Timestamp("1970-01-01")
_UNIX_SECONDS = (631_152_000, 4_102_444_800)  # 1990-01-01 to 2100-01-01, UTC
_DAY_SECONDS = 86_400
_CENTURY_PIVOT = 30  # two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999 (as Excel)
_BOOLEAN_TEXT = {True: "TRUE", False: "FALSE"}

#: Orders and answers dated before this day are taken for typing mistakes
#: (:func:`implausible_dates`).
EARLIEST_DATE = dt.date(1990, 1, 1)


class DateOrder(StrEnum):
    """How dates like ``03/04/2025`` are read."""

    DMY = "dmy"
    MDY = "mdy"


def on_distinct(values: ArrayLike, transform: Callable[[pd.Series], pd.Series]) -> NDArray[Any]:
    """``transform`` applied to each distinct value once, as an array: a million rows of orders
    hold a few thousand dates and customers, so this is what keeps a big import fast."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = transform(pd.Series(uniques, dtype=object)).to_numpy()
    if (codes == -1).any():
        missing = transform(pd.Series([None], dtype=object)).to_numpy()
        mapped = np.concatenate([mapped, missing])
    result: NDArray[Any] = mapped.take(codes)
    return result


def on_uniques(values: pd.Series, transform: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """:func:`on_distinct` for a Series."""
    return pd.Series(on_distinct(values, transform), index=values.index)


def _is_number(cell: object) -> bool:
    """A numeric cell of a workbook (a bool is none, though Python counts it as one)."""
    return isinstance(cell, int | float | np.integer | np.floating) and not isinstance(
        cell, bool | np.bool_
    )


def _as_float(cell: Any) -> float:
    try:
        return float(cell)
    except OverflowError:  # an int beyond any float: no amount nor date anyway
        return math.copysign(math.inf, cell)


def _distinct(values: ArrayLike) -> tuple[NDArray[np.intp], pd.Series, bool]:
    """Codes and distinct values as :func:`on_distinct` finds them, and whether any distinct
    value is a typed cell (not a text). A bool cell is turned into its text first: ``True``
    would otherwise be one distinct value with ``1`` and ``1.0``."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype=object)
    kind = pd.api.types.infer_dtype(distinct, skipna=True)
    if kind in ("string", "empty"):
        return codes, distinct, False
    if kind in ("boolean", "mixed", "mixed-integer") and any(
        isinstance(v, bool | np.bool_) or (_is_number(v) and v in (0, 1)) for v in distinct
    ):
        cells = np.asarray(values, dtype=object)
        texts = [_BOOLEAN_TEXT[bool(v)] if isinstance(v, bool | np.bool_) else v for v in cells]
        codes, uniques = pd.factorize(np.array(texts, dtype=object), use_na_sentinel=True)
        distinct = pd.Series(uniques, dtype=object)
    return codes, distinct, True


def parse_amounts(values: pd.Series) -> pd.Series:
    """Floats from texts like ``1 250,50 €``, ``$1,250.00``, ``(12.00)``, ``1.5E+03`` and from
    numeric cells of a workbook as they are; NaN where unreadable."""
    codes, distinct, typed = _distinct(values)
    amounts = (_typed_amounts(distinct) if typed else _parse_amounts(distinct)).to_numpy()
    result = np.append(amounts.astype(np.float64), np.nan).take(codes)
    return pd.Series(result, index=values.index, dtype="float64")


def _typed_amounts(values: pd.Series) -> pd.Series:
    """Numeric cells as they are, texts as :func:`_parse_amounts` reads them (their decimal
    mark voted among texts alone), anything else (a date, a bool) unreadable."""
    number = np.array([_is_number(v) for v in values], dtype=bool)
    text = np.array([isinstance(v, str) for v in values], dtype=bool)
    result = np.full(len(values), np.nan)
    result[number] = [_as_float(v) for v in values[number]]
    if text.any():
        result[text] = _parse_amounts(values[text]).to_numpy(dtype=np.float64)
    return pd.Series(result, index=values.index)


def _parse_amounts(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    fast = pd.to_numeric(text, errors="coerce")
    if fast.notna().sum() == (text.fillna("") != "").sum():
        return fast.astype("float64")
    # "1e308" stripped of its letters would be 1308, and "1,5E+03" a decimal comma's vote.
    scientific = text.str.fullmatch(_SCIENTIFIC).fillna(False).astype(bool)
    cleaned = text.str.replace(_NOT_DIGITS, "", regex=True)
    negative = cleaned.str.startswith("-") | cleaned.str.startswith("(")
    cleaned = cleaned.str.replace(r"[()\-]", "", regex=True)
    voters = cleaned[~scientific]
    comma_decimal = voters.str.contains(r",\d{1,2}$", regex=True).sum()
    point_decimal = voters.str.contains(r"\.\d{1,2}$", regex=True).sum()
    if comma_decimal > point_decimal:
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        cleaned = cleaned.str.replace(",", "", regex=False)
    numbers = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce").astype("float64")
    numbers = numbers.where(~negative.fillna(False).astype(bool), -numbers)
    if scientific.any():
        written = text[scientific].str.replace(",", ".", regex=False)
        numbers[scientific] = pd.to_numeric(written, errors="coerce").astype("float64")
    return numbers


@dataclass(frozen=True)
class ParsedDates:
    """Dates read from a column (NaT where unreadable) and the convention found."""

    dates: pd.Series
    convention: str


_ISO = r"^\s*\d{4}-\d{1,2}-\d{1,2}"


def _iso_dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")


def _iso_days(values: pd.Series) -> tuple[NDArray[Any], str] | None:
    """The dates if every non-blank value starts with a ``yyyy-mm-dd`` day, else ``None``."""
    days = pd.Series([v[:10] if isinstance(v, str) else None for v in values], dtype=object)
    parsed = on_distinct(days, _iso_dates).astype("datetime64[ns]")
    read = ~np.isnat(parsed)
    if not (read | (days == "").to_numpy()).all():
        return None
    return parsed, "iso" if read.any() else "none"


def _iso_column(values: pd.Series) -> ParsedDates | None:
    """A column of texts that all start with a ``yyyy-mm-dd`` day (or are blank), read from
    their first ten characters alone: a million time stamps hold a few thousand days, so this
    is far quicker than telling a million distinct texts apart. ``None`` for any other column."""
    cells = values.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=False) != "string":
        return None
    codes, days = _day_numbers(cells)
    if days is None:  # not all ASCII "yyyy-mm-dd…": each text cut to its first ten characters
        codes, days = pd.factorize(cells.astype("U10"))
    parsed = _iso_dates(pd.Series(days, dtype=object)).to_numpy(dtype="datetime64[ns]")
    read = ~np.isnat(parsed)
    if not (read | (days == "")).all():
        return None
    dates = pd.Series(parsed.take(codes), index=values.index)
    return ParsedDates(dates, "iso" if read.any() else "none")


def _day_numbers(cells: NDArray[Any]) -> tuple[NDArray[np.intp], NDArray[Any] | None]:
    """Codes and distinct ``yyyy-mm-dd`` texts of texts that all begin with four digits, a
    dash, two digits, a dash and two digits, or are blank, read as numbers (ten bytes a text,
    no Python string made per row); ``(codes, None)`` for any other column."""
    try:
        head = cells.astype("S10")
    except UnicodeEncodeError:
        return np.zeros(0, dtype=np.intp), None
    chars = head.view(np.uint8).reshape(-1, 10)
    blank = chars[:, 0] == 0
    shaped = (chars[:, 4] == ord("-")) & (chars[:, 7] == ord("-"))
    number = np.zeros(len(chars), dtype=np.int32)
    for position in (0, 1, 2, 3, 5, 6, 8, 9):
        digit = chars[:, position] - np.uint8(ord("0"))  # wraps above 9 when not a digit
        shaped &= digit <= 9
        number *= 10
        number += digit
    if not (shaped | blank).all():
        return np.zeros(0, dtype=np.intp), None
    number[blank] = -1
    codes, distinct = pd.factorize(number)
    days = np.array(
        ["" if n < 0 else f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}" for n in distinct],
        dtype=object,
    )
    return codes, days


_NUMERIC = r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})"


def parse_dates(
    values: pd.Series,
    path: Path,
    column: str,
    order: DateOrder | None = None,
    first_row: int = 2,
) -> ParsedDates:
    """Dates from ISO texts (time zones ignored: the day the shop saw), ``dd/mm/yyyy`` or
    ``mm/dd/yyyy`` (asks through :class:`AmbiguousDates` when every day is 12 or less; two-digit
    years 00-29 are 2000-2029, 30-99 are 1930-1999), Excel serial numbers, Unix timestamps in
    seconds or milliseconds (the UTC day), and a workbook's date cells (the day they show,
    convention ``cell``). Mixing day-first and month-first in one column is refused.

    Each distinct value is read once: a million orders hold far fewer distinct dates."""
    iso = _iso_column(values)
    if iso is not None:
        return iso
    codes, distinct, typed = _distinct(values)

    def row_of(position: int) -> int:
        """The row where distinct value ``position`` first appears."""
        return first_row + int(np.argmax(codes == position))

    if typed:
        dates, convention = _typed_dates(distinct, path, column, order, row_of)
    else:
        dates, convention = _text_dates(distinct, path, column, order, row_of)
    dates = np.append(dates, np.datetime64("NaT", "ns")).take(codes)
    return ParsedDates(pd.Series(dates, index=values.index), convention)


def implausible_dates(
    dates: NDArray[np.datetime64], today: dt.date | None = None
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """``(after_today, before_1990)``: where a date is later than ``today`` (``today`` itself
    is fine) and where it is before :data:`EARLIEST_DATE`. Such dates are typing mistakes or a
    wrong convention, not orders to count. NaT is in neither mask; the time of day is ignored.

    By default ``today`` is the date where it is latest on Earth (UTC+14): an export's time
    stamps may be in UTC or in another time zone than the computer's, and a day that has begun
    somewhere is not "in the future"."""
    if today is None:
        today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()
    days = np.asarray(dates).astype("datetime64[D]")
    last = np.datetime64(today, "D")
    after_today: NDArray[np.bool_] = days > last
    before_1990: NDArray[np.bool_] = days < np.datetime64(EARLIEST_DATE, "D")
    return after_today, before_1990


def _text_dates(
    values: pd.Series,
    path: Path,
    column: str,
    order: DateOrder | None,
    row_of: Callable[[int], int],
) -> tuple[NDArray[Any], str]:
    """Dates of distinct texts (blanks and missing values allowed)."""
    return _iso_days(values) or _other_dates(values, path, column, order, row_of)


def _typed_dates(
    values: pd.Series,
    path: Path,
    column: str,
    order: DateOrder | None,
    row_of: Callable[[int], int],
) -> tuple[NDArray[Any], str]:
    """Dates of distinct workbook cells: date cells as they are, numeric cells as Excel serials
    or Unix timestamps, texts as :func:`_text_dates` reads them; anything else unreadable."""
    cells = (values != "").to_numpy()
    if pd.api.types.infer_dtype(values[cells], skipna=True) in ("date", "datetime"):
        days = np.full(len(values), np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
        days[cells] = _cell_days(values[cells])  # only date cells, and blanks
        return days, "cell"
    is_date = np.array([isinstance(v, dt.date) for v in values], dtype=bool)
    is_number = np.array([_is_number(v) for v in values], dtype=bool)
    is_text = np.array([isinstance(v, str) for v in values], dtype=bool)
    result = np.full(len(values), np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    conventions = []
    if is_date.any():
        result[is_date] = _cell_days(values[is_date])
        conventions.append("cell")
    if is_number.any():
        numbers = pd.Series([_as_float(v) for v in values[is_number]], dtype="float64")
        days, found = _number_dates(numbers)
        result[is_number] = days.to_numpy(dtype="datetime64[ns]")
        conventions += found
    if is_text.any():
        days_of_texts, convention = _text_dates(values[is_text], path, column, order, row_of)
        result[is_text] = days_of_texts
        conventions += [c for c in convention.split("+") if c != "none"]
    return result, "+".join(dict.fromkeys(conventions)) or "none"


_NS_RANGE = (np.datetime64("1677-09-22", "D"), np.datetime64("2262-04-11", "D"))


def _cell_days(cells: pd.Series) -> NDArray[Any]:
    """The day each date cell shows (a time of day ignored); unreadable beyond the years
    1677-2262 that a date column can hold."""
    read = pd.to_datetime(pd.Series(cells, dtype=object), errors="coerce")
    days: NDArray[Any] = read.to_numpy().astype("datetime64[D]")
    days[(days < _NS_RANGE[0]) | (days > _NS_RANGE[1])] = np.datetime64("NaT", "D")
    return days.astype("datetime64[ns]")


def _number_dates(numbers: pd.Series) -> tuple[pd.Series, list[str]]:
    """Dates of numbers, each read on its own: Excel serials (20000-80000, a time of day as
    a fraction) and whole Unix timestamps from 1990 to 2100 in seconds or milliseconds (the
    UTC day); NaT for any other number."""
    result = pd.Series(pd.NaT, index=numbers.index, dtype="datetime64[ns]")
    conventions = []
    serial = numbers.between(*_EXCEL_SERIALS) & (numbers == numbers.round(6))
    if serial.any():
        days = numbers[serial].astype("int64")
        result[serial] = _EXCEL_EPOCH + pd.to_timedelta(days, "D")
        conventions.append("excel")
    whole = numbers == np.floor(numbers)
    low, high = _UNIX_SECONDS
    seconds = whole & numbers.between(low, high)
    millis = whole & numbers.between(low * 1000, high * 1000)
    unix = seconds | millis
    if unix.any():
        since = numbers.where(seconds, numbers // 1000)[unix]
        days = (since // _DAY_SECONDS).astype("int64")
        result[unix] = _UNIX_EPOCH + pd.to_timedelta(days, "D")
        conventions.append("unix")
    return result, conventions


def _other_dates(
    values: pd.Series,
    path: Path,
    column: str,
    order: DateOrder | None,
    row_of: Callable[[int], int],
) -> tuple[NDArray[Any], str]:
    """ISO, Excel serial, Unix and day/month dates mixed in one column of distinct ``values``
    (labelled by their position among all the distinct values, for :func:`row_of`)."""
    text = values.astype("string").str.strip()
    present = text.fillna("") != ""
    iso = text.str.contains(_ISO, regex=True).fillna(False).astype(bool)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    conventions = []
    if iso.any():
        result[iso] = pd.to_datetime(
            text[iso].str.slice(0, 10).str.replace(r"-(\d)(?!\d)", r"-0\1", regex=True),
            format="%Y-%m-%d",
            errors="coerce",
        )
        conventions.append("iso")
    rest = present & ~iso
    if rest.any():
        numbers = pd.to_numeric(text[rest], errors="coerce").astype("float64")
        by_number, found = _number_dates(numbers)
        is_number = by_number.notna().reindex(values.index, fill_value=False)
        result[is_number] = by_number[by_number.notna()].to_numpy()
        conventions += found
        numeric = text[rest & ~is_number]
        parts = numeric.str.extract(_NUMERIC)
        parts = parts.dropna()
        if len(parts):
            first = parts[0].astype("int64")
            second = parts[1].astype("int64")
            year = parts[2].astype("int64")
            century = np.where(year < _CENTURY_PIVOT, 2000, 1900)
            year = year.where(year >= 100, year + century)
            # "45/31/2025" is no date in either order: left unread (a bad date), not a clue.
            possible = ~((first > 12) & (second > 12))
            day_first = (first[possible] > 12).any()
            month_first = (second[possible] > 12).any()
            if day_first and month_first:
                row = row_of(int((second[possible] > 12).idxmax()))
                raise ImportProblem(
                    path,
                    Message.of(
                        N_(
                            "the dates mix day-first and month-first formats (for example "
                            "“{a}” and “{b}”); export the column again in one format"
                        ),
                        a=str(numeric[(first[possible] > 12).idxmax()]),
                        b=str(numeric[(second[possible] > 12).idxmax()]),
                    ),
                    row=row,
                    column=column,
                )
            if day_first:
                chosen = DateOrder.DMY
            elif month_first:
                chosen = DateOrder.MDY
            elif order is not None:
                chosen = order
            else:
                raise AmbiguousDates(
                    path,
                    Message.of(
                        N_(
                            "every date could be day-first or month-first (like “{example}”); "
                            "say which: --dates dmy (day/month/year) or --dates mdy"
                        ),
                        example=str(numeric.iloc[0]),
                    ),
                    column=column,
                )
            day, month = (first, second) if chosen == DateOrder.DMY else (second, first)
            frame = pd.DataFrame({"year": year, "month": month, "day": day})
            result[parts.index] = pd.to_datetime(frame, errors="coerce")
            conventions.append(chosen.value)
    dates: NDArray[Any] = result.to_numpy(dtype="datetime64[ns]")
    return dates, "+".join(conventions) or "none"

"""Reading amounts and dates written by any tool: decimal comma or point, spaces (also the
no-break and narrow no-break ones) between thousands, currency signs before or after, Excel
serial dates, day-first or month-first dates. Every function works on a whole column at once.
"""

from __future__ import annotations

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
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


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


def parse_amounts(values: pd.Series) -> pd.Series:
    """Floats from texts like ``1 250,50 €``, ``$1,250.00``, ``(12.00)``; NaN where unreadable."""
    return on_uniques(values, _parse_amounts).astype("float64")


def _parse_amounts(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    fast = pd.to_numeric(text, errors="coerce")
    if fast.notna().sum() == (text.fillna("") != "").sum():
        return fast.astype("float64")
    cleaned = text.str.replace(_NOT_DIGITS, "", regex=True)
    negative = cleaned.str.startswith("-") | cleaned.str.startswith("(")
    cleaned = cleaned.str.replace(r"[()\-]", "", regex=True)
    comma_decimal = cleaned.str.contains(r",\d{1,2}$", regex=True).sum()
    point_decimal = cleaned.str.contains(r"\.\d{1,2}$", regex=True).sum()
    if comma_decimal > point_decimal:
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        cleaned = cleaned.str.replace(",", "", regex=False)
    numbers = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce").astype("float64")
    return numbers.where(~negative.fillna(False).astype(bool), -numbers)


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


_NUMERIC = r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})"


def parse_dates(
    values: pd.Series,
    path: Path,
    column: str,
    order: DateOrder | None = None,
    first_row: int = 2,
) -> ParsedDates:
    """Dates from ISO texts (time zones ignored: the day the shop saw), ``dd/mm/yyyy`` or
    ``mm/dd/yyyy`` (asks through :class:`AmbiguousDates` when every day is 12 or less) or Excel
    serial numbers. Mixing day-first and month-first in one column is refused.

    Each distinct text is read once: a million orders hold far fewer distinct dates."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype=object)

    def row_of(position: int) -> int:
        """The row where distinct value ``position`` first appears."""
        return first_row + int(np.argmax(codes == position))

    dates, convention = _iso_days(distinct) or _other_dates(distinct, path, column, order, row_of)
    dates = np.append(dates, np.datetime64("NaT", "ns")).take(codes)
    return ParsedDates(pd.Series(dates, index=values.index), convention)


def _other_dates(
    values: pd.Series,
    path: Path,
    column: str,
    order: DateOrder | None,
    row_of: Callable[[int], int],
) -> tuple[NDArray[Any], str]:
    """ISO, Excel serial and day/month dates mixed in one column of distinct ``values``."""
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
        serial = pd.to_numeric(text[rest], errors="coerce")
        is_serial = serial.between(20000, 80000) & (serial == serial.round(6))
        is_serial = is_serial.fillna(False).astype(bool)
        if is_serial.any():
            index = is_serial[is_serial].index
            result[index] = _EXCEL_EPOCH + pd.to_timedelta(serial[index].astype("int64"), "D")
            conventions.append("excel")
        numeric = text[rest & ~is_serial.reindex(values.index, fill_value=False)]
        parts = numeric.str.extract(_NUMERIC)
        parts = parts.dropna()
        if len(parts):
            first = parts[0].astype("int64")
            second = parts[1].astype("int64")
            year = parts[2].astype("int64")
            year = year.where(year >= 100, year + 2000)
            # "45/31/2025" is no date in either order: left unread (a bad date), not a clue.
            possible = ~((first > 12) & (second > 12))
            day_first = (first[possible] > 12).any()
            month_first = (second[possible] > 12).any()
            if day_first and month_first:
                row = row_of(int(values.index.get_loc((second[possible] > 12).idxmax())))
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

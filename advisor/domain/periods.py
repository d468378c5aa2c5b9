"""KPI periods: making the next one (adding a quarter is one click), telling their length,
and finding the one an imported period matches."""

from __future__ import annotations

import datetime as dt
import re

from advisor.domain.project import KpiPeriod


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


#: The letter of a quarter in each language ("2026 Q2", "2026 T2").
QUARTER_LETTERS = {"en": "Q", "fr": "T"}


def period_label(start: dt.date, months: int, language: str = "en") -> str:
    """A short name in ``language``: ``2026-04`` (month), ``2026 Q2`` / ``2026 T2``
    (quarter), ``2026`` (year), else ``2026-04 +2``."""
    if months == 1:
        return f"{start:%Y-%m}"
    if months == 3 and start.month in (1, 4, 7, 10):
        letter = QUARTER_LETTERS.get(language, "Q")
        return f"{start.year} {letter}{(start.month - 1) // 3 + 1}"
    if months == 12 and start.month == 1:
        return str(start.year)
    return f"{start:%Y-%m} +{months}"


def _months_between(start: dt.date, end: dt.date) -> int:
    return max(1, round(((end - start).days + 1) / 30.4375))


def _end_shifted(end: dt.date, months: int) -> dt.date:
    """The last day of a period as long as ``months`` after (or before) the one ending on
    ``end``: the same day of the month (the month's last day when it has fewer), and a month's
    last day stays a month's last day (31 March, 3 months on: 30 June)."""
    first = _add_months(end, months)
    last = _add_months(first, 1) - dt.timedelta(days=1)
    if end + dt.timedelta(days=1) == _add_months(end, 1):
        return last
    return first.replace(day=min(end.day, last.day))


def _period(
    start: dt.date, months: int, language: str, carried: int | None, end: dt.date | None = None
) -> KpiPeriod:
    """A period of ``months`` months from ``start`` (to ``end`` when it does not start on the
    1st): a calendar period is named as usual, another one by its dates."""
    calendar_end = _add_months(start, months) - dt.timedelta(days=1)
    end = end or calendar_end
    aligned = start.day == 1 and end == calendar_end
    return KpiPeriod(
        label=period_label(start, months, language) if aligned else f"{start} – {end}",
        start=start,
        end=end,
        customers_start=carried,
    )


def next_period(periods: list[KpiPeriod], today: dt.date, language: str = "en") -> KpiPeriod:
    """A blank period after the last one, as long as it, starting with its end customers.

    Without a previous period (or its dates), the last finished quarter before ``today``:
    figures are typed for periods that are over."""
    previous = periods[-1] if periods else None
    if previous is not None and previous.start and previous.end:
        months = _months_between(previous.start, previous.end)
        carried = previous.customers_end
        start = previous.end + dt.timedelta(days=1)
        return _period(start, months, language, carried, _end_shifted(previous.end, months))
    start = _add_months(dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1), -3)
    return _period(start, 3, language, None)


def period_before(periods: list[KpiPeriod], today: dt.date, language: str = "en") -> KpiPeriod:
    """A blank period before the first one, as long as it (the last finished quarter when
    there is none): figures are often found going back in time."""
    first = periods[0] if periods else None
    if first is None or first.start is None or first.end is None:
        return next_period([], today, language)
    months = _months_between(first.start, first.end)
    end = first.start - dt.timedelta(days=1)
    start = _end_shifted(end, -months) + dt.timedelta(days=1)
    return _period(start, months, language, None, end)


def last_periods(months: int, count: int, today: dt.date, language: str = "en") -> list[KpiPeriod]:
    """The ``count`` periods of ``months`` months that ended last before ``today``, oldest
    first ("the last 4 quarters", "the last 12 months")."""
    month_start = dt.date(today.year, today.month, 1)
    current = _add_months(month_start, -((today.month - 1) % months))  # the unfinished one
    return [
        _period(_add_months(current, -months * back), months, language, None)
        for back in range(count, 0, -1)
    ]


LENGTHS = {1: "month", 3: "quarter", 12: "year"}


def period_length(period: KpiPeriod) -> str | None:
    """``month``, ``quarter`` or ``year`` from the period's dates; ``None`` without dates or
    for another length."""
    if period.start is None or period.end is None:
        return None
    return LENGTHS.get(_months_between(period.start, period.end))


def usual_length(periods: list[KpiPeriod]) -> str | None:
    """The length most of the dated periods have (the latest period's on a tie)."""
    lengths = [length for length in map(period_length, periods) if length is not None]
    if not lengths:
        return None
    return max(reversed(lengths), key=lengths.count)


def find_period(
    periods: list[KpiPeriod], label: str, start: dt.date | None, end: dt.date | None
) -> int | None:
    """The index of the period covering the same dates (whatever its label: "2026 Q1",
    "2026 T1" and "2026-Q1" are one quarter), else of the one with the same label."""
    if start is not None and end is not None:
        for index, period in enumerate(periods):
            if (period.start, period.end) == (start, end):
                return index
    for index, period in enumerate(periods):
        undated = None in (period.start, period.end, start, end)  # dated ones matched above
        if period.label == label and undated:
            return index
    return None


_LABEL_MONTHS = (
    (re.compile(r"\d{4}"), 12),
    (re.compile(r"\d{4}[-/ ]?(?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])[-/ ]\d{4}"), 1),
    (re.compile(r"\d{4}[-/ ]?[QT][1-4]|[QT][1-4][-/ ]?\d{4}", re.IGNORECASE), 3),
    (re.compile(r"\d{4}[-/ ]?[HS][12]|[HS][12][-/ ]?\d{4}", re.IGNORECASE), 6),
)


#: The name of a period that does not start on the 1st: "2026-03-21 – 2026-06-20".
_DATED_LABEL = re.compile(r"(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})")
#: The name of a period of another number of months from the 1st: "2026-03 +2".
_COUNTED_LABEL = re.compile(r"\d{4}-\d{2} \+([1-9]\d?)")


def period_months(period: KpiPeriod) -> int | None:
    """How many months ``period`` covers: from its dates, else from a label such as "2026",
    "2026-03", "2026 Q1" / "T1 2026" or "2026 H1" / "S1 2026"; ``None`` when neither says."""
    if period.start is not None and period.end is not None:
        return _months_between(period.start, period.end)
    label = period.label.strip()
    if dated := _DATED_LABEL.fullmatch(label):
        try:  # typed by the user: "2026-02-30 – 2026-05-29" is no period
            start, end = (dt.date.fromisoformat(day) for day in dated.groups())
        except ValueError:
            return None
        return _months_between(start, end) if start <= end else None
    if counted := _COUNTED_LABEL.fullmatch(label):
        return int(counted.group(1))
    for pattern, months in _LABEL_MONTHS:
        if pattern.fullmatch(label):
            return months
    return None

"""Survey answers (Typeform, SurveyMonkey, any table with a score column) → NPS, CSAT and CES
counts per period, in the shape the KPI step stores (:class:`SurveyResults`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from advisor.analytics.conventions import DateOrder, parse_dates
from advisor.analytics.errors import ImportProblem, MappingNeeded
from advisor.analytics.layouts import normalise
from advisor.analytics.orders import read_table
from advisor.analytics.periods import PeriodUnit, period_bounds, period_label, period_numbers
from advisor.analytics.sniffing import Sniffed, sniff
from advisor.domain.project import SurveyResults
from advisor.i18n import N_
from advisor.i18n.message import Message

SURVEY_REASONS = {
    "partial": N_("partial answer (never submitted)"),
    "no_answer": N_("question not answered"),
    "bad_score": N_("score outside the scale"),
    "no_date": N_("no date"),
    "bad_date": N_("unreadable date"),
}
_DATE_NAMES = ("submit date (utc)", "submitted at", "end date", "date de réponse", "date")
_HINTS = {
    "nps": ("recommend", "recommander", "nps"),
    "csat": ("satisf", "csat"),
    "ces": ("easy", "effort", "facile", "ces"),
}


def looks_like_survey(header: list[str]) -> bool:
    """Typeform and SurveyMonkey exports, or a table with a score column and no amount."""
    names = [normalise(h) for h in header]
    if "submit date (utc)" in names or "respondent id" in names:
        return True
    has_amount = any(n in ("amount", "total", "montant", "net sales") for n in names)
    return not has_amount and any(_kind_from_name(n) for n in names)


def _kind_from_name(name: str) -> str | None:
    for kind, hints in _HINTS.items():
        if any(hint in name for hint in hints):
            return kind
    return None


@dataclass
class SurveyImport:
    """Counts per period and score kind, and what became of the rows."""

    path: Path
    format: str
    encoding: str
    delimiter: str
    unit: PeriodUnit
    columns: dict[str, str]
    rows_read: int = 0
    rows_used: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    periods: list[tuple[str, pd.Timestamp, SurveyResults, int]] = field(default_factory=list)


def _two_row_header(sniffed: Sniffed) -> list[str]:
    """SurveyMonkey's question row + answer row, as ``Question`` or ``Question / Response``."""
    names, current = [], ""
    second = sniffed.sample_rows[0] if sniffed.sample_rows else []
    for index, top in enumerate(sniffed.header):
        sub = second[index].strip() if index < len(second) else ""
        if top:
            current = top
            names.append(top)
        else:
            names.append(f"{current} / {sub}" if sub else current)
    return names


def load_survey(
    path: Path,
    unit: PeriodUnit,
    mapping: Mapping[str, str] | None = None,
    dates: DateOrder | None = None,
) -> SurveyImport:
    """Read a survey export; raises :class:`ImportProblem`."""
    sniffed = sniff(path)
    names = [normalise(h) for h in sniffed.header]
    monkey = "respondent id" in names
    header = _two_row_header(sniffed) if monkey else sniffed.header
    try:
        frame = pd.read_csv(
            path, sep=sniffed.delimiter, encoding=sniffed.encoding, dtype=str, header=None,
            skiprows=2 if monkey else 1, names=header, keep_default_na=False,
            encoding_errors="replace", index_col=False,
        )  # fmt: skip
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=header)
    except pd.errors.ParserError:
        read_table(path, sniffed)  # raises the explained problem
        raise
    first_row = 3 if monkey else 2
    mapping = dict(mapping or {})
    by_name = {normalise(h): h for h in header}
    date_column = mapping.get("date") or next(
        (by_name[n] for n in _DATE_NAMES if n in by_name), None
    )
    scores: dict[str, str] = {}
    if "score" in mapping:
        column = by_name.get(normalise(mapping["score"]), mapping["score"])
        scores[_kind_from_name(normalise(column)) or _kind_from_values(frame.get(column))] = column
    else:
        for h in header:
            kind = _kind_from_name(normalise(h))
            if kind and kind not in scores and _numeric_share(frame[h]) > 0.5:
                scores[kind] = h
    if date_column is None or date_column not in frame or not scores:
        raise MappingNeeded(
            path,
            Message.of(
                N_(
                    "cannot tell which column holds the answer date and the score; name them "
                    "with --map date=COLUMN,score=COLUMN (the columns are: {columns})"
                ),
                columns=", ".join(header),
            ),
            header,
            "survey",
        )
    if frame.empty:
        raise ImportProblem(
            path, Message.of(N_("the file has a header but no rows; export it again with its rows"))
        )
    result = SurveyImport(
        path,
        "surveymonkey" if monkey else ("typeform" if "submit date (utc)" in names else "table"),
        sniffed.encoding,
        sniffed.delimiter,
        unit,
        {"date": date_column, **scores},
    )
    result.rows_read = len(frame)
    raw_dates = frame[date_column].str.strip()
    parsed = parse_dates(raw_dates, path, date_column, dates, first_row).dates
    reason = pd.Series("", index=frame.index, dtype=object)
    partial = "submit" in normalise(date_column)
    reason[raw_dates == ""] = "partial" if partial else "no_date"
    reason[(reason == "") & parsed.isna()] = "bad_date"
    numbers = {kind: pd.to_numeric(frame[c].str.strip().str.replace(",", "."), errors="coerce")
               for kind, c in scores.items()}  # fmt: skip
    scales = {kind: _scale(kind, values) for kind, values in numbers.items()}
    answered = pd.Series(False, index=frame.index)
    for kind, values in numbers.items():
        low, high = scales[kind]
        valid = values.between(low, high) & (values == values.round())
        numbers[kind] = values.where(valid)
        answered |= valid
        reason[(reason == "") & values.notna() & ~valid] = "bad_score"
    reason[(reason == "") & ~answered] = "no_answer"
    used = reason == ""
    result.excluded = {str(k): int(v) for k, v in reason[~used].value_counts().items()}
    result.rows_used = int(used.sum())
    period = period_numbers(parsed[used], unit)
    for number in sorted(set(int(p) for p in period)):
        in_period = period.index[period == number]
        surveys = SurveyResults()
        for kind, values in numbers.items():
            low, high = scales[kind]
            counts = values[in_period].dropna().astype(int).value_counts()
            series = [int(counts.get(s, 0)) for s in range(low, high + 1)]
            if kind == "nps":
                surveys.nps_counts = series
            elif kind == "csat":
                surveys.csat_counts, surveys.csat_scale = series, high
                surveys.csat_cutoff = high - 1
            else:
                surveys.ces_counts, surveys.ces_scale = series, high
        start = pd.Timestamp(period_bounds(number, unit)[0])
        result.periods.append((period_label(number, unit), start, surveys, len(in_period)))
    return result


def _numeric_share(values: pd.Series) -> float:
    present = values.str.strip() != ""
    if not present.any():
        return 0.0
    return float(pd.to_numeric(values[present], errors="coerce").notna().mean())


def _kind_from_values(values: pd.Series | None) -> str:
    if values is None:
        return "nps"
    numbers = pd.to_numeric(values, errors="coerce")
    return (
        "nps"
        if numbers.min() == 0 or numbers.max() > 7
        else ("csat" if numbers.max() <= 5 else "ces")
    )


def _scale(kind: str, values: pd.Series) -> tuple[int, int]:
    if kind == "nps":
        return 0, 10
    if kind == "csat":
        return 1, 5
    return 1, 7 if values.max() > 5 else 5


def scores(surveys: SurveyResults) -> dict[str, float | None]:
    """NPS (−100…100), CSAT (% satisfied) and CES (mean) of one period; ``None`` without answers."""
    result: dict[str, float | None] = {"nps": None, "csat": None, "ces": None}
    n = sum(surveys.nps_counts)
    if n:
        promoters, detractors = sum(surveys.nps_counts[9:]), sum(surveys.nps_counts[:7])
        result["nps"] = round((promoters - detractors) / n * 100, 2)
    n = sum(surveys.csat_counts)
    if n:
        satisfied = sum(surveys.csat_counts[surveys.csat_cutoff - 1 :])
        result["csat"] = round(satisfied / n * 100, 2)
    n = sum(surveys.ces_counts)
    if n:
        total = sum((i + 1) * c for i, c in enumerate(surveys.ces_counts))
        result["ces"] = round(total / n, 2)
    return result

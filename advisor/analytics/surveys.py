"""Survey answers (Typeform, SurveyMonkey, any table with a score column) → NPS, CSAT and CES
counts per period, in the shape the KPI step stores (:class:`SurveyResults`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from advisor.analytics.conventions import DateOrder, parse_dates
from advisor.analytics.errors import ImportProblem, MappingNeeded
from advisor.analytics.layouts import normalise
from advisor.analytics.periods import PeriodUnit, period_bounds, period_label, period_numbers
from advisor.analytics.sniffing import Sniffed, sniff
from advisor.analytics.survey_columns import kind_from_name, looks_like_survey
from advisor.analytics.tables import read_table, unique_names
from advisor.analytics.workbooks import display_text
from advisor.domain.project import SurveyResults
from advisor.i18n import N_
from advisor.i18n.message import Message

__all__ = ["SURVEY_REASONS", "SurveyImport", "load_survey", "looks_like_survey", "scores"]

SURVEY_REASONS = {
    "partial": N_("partial answer (never submitted)"),
    "no_answer": N_("question not answered"),
    "bad_score": N_("score outside the scale"),
    "no_date": N_("no date"),
    "bad_date": N_("unreadable date"),
}
_DATE_NAMES = ("submit date (utc)", "submitted at", "end date", "date de réponse", "date")
#: Satisfaction answers written as words (SurveyMonkey, Google Forms), on the 1–5 scale;
#: compared without case, accents or a feminine ending.
_CSAT_WORDS = {
    "very dissatisfied": 1, "extremely dissatisfied": 1, "very unsatisfied": 1,
    "not at all satisfied": 1, "dissatisfied": 2, "unsatisfied": 2,
    "somewhat dissatisfied": 2, "not satisfied": 2, "neutral": 3,
    "neither satisfied nor dissatisfied": 3, "neither": 3, "satisfied": 4,
    "somewhat satisfied": 4, "very satisfied": 5, "extremely satisfied": 5,
    "tres insatisfait": 1, "pas du tout satisfait": 1, "insatisfait": 2, "peu satisfait": 2,
    "plutot insatisfait": 2, "pas satisfait": 2, "ni satisfait ni insatisfait": 3,
    "neutre": 3, "satisfait": 4, "plutot satisfait": 4, "assez satisfait": 4,
    "tres satisfait": 5, "tout a fait satisfait": 5,
}  # fmt: skip
#: "10 - Extremely likely", "5 – Très satisfait": the number before the words.
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})\s*(?:[-–—:.)]|\s)\s*\D")


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
    #: Answers left out in rows whose other answers count, by score kind.
    answers_excluded: dict[str, int] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)
    sheet: str = ""


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


def _plain(text: str) -> str:
    """Lower case, no accents, "(e)" and feminine endings dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("(e)", "")
    text = re.sub(r"\b(satisfait|insatisfait)es?\b", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" .!")


def read_scores(values: pd.Series, kind: str) -> pd.Series:
    """Numbers from answers: ``9``, ``9,0``, ``10 - Extremely likely``, and for CSAT the words
    of a 1–5 scale (``Very satisfied`` → 5, ``Plutôt satisfaite`` → 4); NaN where unreadable."""
    text = values.astype("string").str.strip()
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    rest = numbers.isna() & (text.fillna("") != "")
    if rest.any():
        leading = text[rest].str.extract(_LEADING_NUMBER, expand=False)
        numbers[rest] = pd.to_numeric(leading, errors="coerce")
        if kind == "csat":
            words = rest & numbers.isna()
            numbers[words] = text[words].map(lambda t: _CSAT_WORDS.get(_plain(t)))
    return numbers.astype("float64")


def load_survey(
    path: Path,
    unit: PeriodUnit,
    mapping: Mapping[str, str] | None = None,
    dates: DateOrder | None = None,
    sheet: str | None = None,
) -> SurveyImport:
    """Read a survey export (for a workbook, the sheet named ``sheet`` or the one holding the
    table); raises :class:`ImportProblem`."""
    sniffed = sniff(path, sheet=sheet)
    names = [normalise(h) for h in sniffed.header]
    monkey = "respondent id" in names
    header = _two_row_header(sniffed) if monkey else sniffed.header
    frame = read_table(path, sniffed)
    first_row = sniffed.header_row + 1
    frame.columns = unique_names(header)[: len(frame.columns)]
    header = list(frame.columns)
    frame.index = range(first_row, first_row + len(frame))  # the spreadsheet's row numbers
    if monkey:
        frame = frame.iloc[1:]  # the answers row of the two-row header
    if sniffed.sheet is not None:  # typed cells as shown (dates in ISO form, read as such)
        frame = frame.apply(lambda column: column.map(display_text))
    frame = frame[~frame.apply(lambda column: column.str.strip() == "").all(axis=1)]
    mapping = dict(mapping or {})
    by_name = {normalise(h): h for h in header}
    date_column = mapping.get("date") or next(
        (by_name[n] for n in _DATE_NAMES if n in by_name), None
    )
    score_columns: dict[str, str] = {}
    if "score" in mapping:
        column = by_name.get(normalise(mapping["score"]), mapping["score"])
        score_columns[kind_from_name(normalise(column)) or _kind_from_values(frame.get(column))] = (
            column
        )
    else:
        for h in header:
            named = kind_from_name(normalise(h))
            if named and named not in score_columns and _readable_share(frame[h], named) > 0.5:
                score_columns[named] = h
    if date_column is None or date_column not in frame or not score_columns:
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
        {"date": date_column, **score_columns},
        sheet=sniffed.sheet.sheet if sniffed.sheet is not None else "",
    )
    result.rows_read = len(frame)
    raw_dates = frame[date_column].str.strip()
    parsed = parse_dates(raw_dates, path, date_column, dates, first_row).dates
    reason = pd.Series("", index=frame.index, dtype=object)
    partial = "submit" in normalise(date_column)
    reason[raw_dates == ""] = "partial" if partial else "no_date"
    reason[(reason == "") & parsed.isna()] = "bad_date"
    numbers = {kind: read_scores(frame[c], kind) for kind, c in score_columns.items()}
    scales = {kind: _scale(kind, values) for kind, values in numbers.items()}
    answered = pd.Series(False, index=frame.index)
    invalid: dict[str, pd.Series] = {}
    for kind, values in numbers.items():
        low, high = scales[kind]
        valid = values.between(low, high) & (values == values.round())
        given = frame[score_columns[kind]].str.strip() != ""
        invalid[kind] = given & ~valid
        numbers[kind] = values.where(valid)
        answered |= valid
    any_invalid = pd.concat(invalid.values(), axis=1).any(axis=1)
    reason[(reason == "") & ~answered & any_invalid] = "bad_score"
    reason[(reason == "") & ~answered] = "no_answer"
    used = reason == ""
    result.excluded = {str(k): int(v) for k, v in reason[~used].value_counts().items()}
    result.rows_used = int(used.sum())
    if not result.rows_used:
        raise ImportProblem(
            path,
            Message.of(
                N_(
                    "none of the {rows} answers can be counted (no valid date or score); "
                    "check that the columns used are the right ones: {columns}"
                ),
                rows=result.rows_read,
                columns=", ".join(result.columns.values()),
            ),
        )
    for kind, wrong in invalid.items():
        left_out = wrong & used
        if left_out.any():
            result.answers_excluded[kind] = int(left_out.sum())
            low, high = scales[kind]
            column = score_columns[kind]
            result.warnings.append(
                Message.of(
                    N_(
                        "{count} answers in “{column}” are not scores from {low} to {high} "
                        "(row {row}: “{example}”) and were left out; the other answers of "
                        "their rows count."
                    ),
                    count=int(left_out.sum()),
                    column=column,
                    low=low,
                    high=high,
                    row=int(left_out.idxmax()),
                    example=str(frame.at[left_out.idxmax(), column])[:60],
                )
            )
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


def _readable_share(values: pd.Series, kind: str) -> float:
    present = values.str.strip() != ""
    if not present.any():
        return 0.0
    return float(read_scores(values[present], kind).notna().mean())


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

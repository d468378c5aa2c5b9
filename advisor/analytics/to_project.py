"""What an import gives the project: the period figures (from orders) or survey answer counts
as ONE undoable batch of edits that never overwrites a figure without asking, and the summary
the project keeps (never the rows), with what is needed to read the file again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from advisor.analytics.analysis import Analysis, kpi_period
from advisor.analytics.files import FileAnalysis
from advisor.analytics.periods import PeriodUnit, display_label, period_bounds, period_numbers
from advisor.analytics.surveys import SurveyImport
from advisor.domain.edits import (
    AddImportedFile,
    Edit,
    EditBatch,
    ForgetImportedFile,
    InsertPeriod,
    SetPeriodFigure,
)
from advisor.domain.periods import find_period
from advisor.domain.project import ImportedFile, KpiPeriod, Project
from advisor.i18n import N_

_FIGURES = [f.name for f in fields(KpiPeriod) if f.name not in ("label", "surveys")]


@dataclass(frozen=True)
class Conflict:
    """A figure the project already holds with another value than the import's."""

    label: str
    figure: str
    current: object
    imported: object


def period_edits(
    project: Project, analysis: Analysis, overwrite: bool = False, language: str = "en"
) -> tuple[EditBatch, list[Conflict]]:
    """The edits that bring the imported periods into the KPI step, and the conflicts.

    New periods are inserted in date order; in periods that exist (same dates, or same label),
    empty figures are filled; a figure that differs is changed only with ``overwrite`` —
    otherwise it is listed in the conflicts, for the user to decide."""
    edits: list[Edit] = []
    conflicts: list[Conflict] = []
    periods = list(project.kpi_periods)  # as the edits will have left them
    for figures in analysis.periods:
        imported = kpi_period(figures)
        imported.label = display_label(imported.label, language)  # "2025 T1" in French
        found = find_period(periods, imported.label, imported.start, imported.end)
        if found is None:
            edits.append(_insert(periods, imported))
            continue
        current = periods[found]
        for name in _FIGURES:
            new, old = getattr(imported, name), getattr(current, name)
            if new is None or new == old:
                continue
            if old is not None and not overwrite:
                conflicts.append(Conflict(current.label, name, old, new))
                continue
            edits.append(SetPeriodFigure(found, name, new))
    return EditBatch(tuple(edits), N_("Import period figures")), conflicts


def survey_edits(
    project: Project, survey: SurveyImport, overwrite: bool = False, language: str = "en"
) -> tuple[EditBatch, list[Conflict]]:
    """The edits that bring the answer counts of each period into the KPI step's survey
    figures, and the conflicts: counts already typed that differ are replaced only with
    ``overwrite``. A period the KPI step lacks is added with only its survey figures."""
    edits: list[Edit] = []
    conflicts: list[Conflict] = []
    periods = list(project.kpi_periods)  # as the edits will have left them
    for label, start, results, _answers in survey.periods:
        first, last = _bounds(start.date(), survey.unit)
        found = find_period(periods, label, first, last)
        if found is None:
            named = display_label(label, language)
            edits.append(_insert(periods, KpiPeriod(named, first, last, surveys=results)))
            continue
        current = periods[found]
        for counts, settings in _SURVEY_FIGURES:
            new, old = getattr(results, counts), getattr(current.surveys, counts)
            unchanged = new == old and all(
                getattr(results, name) == getattr(current.surveys, name) for name in settings
            )
            if not new or unchanged:
                continue
            if old and not overwrite:
                conflicts.append(Conflict(current.label, f"surveys.{counts}", sum(old), sum(new)))
                continue
            for name in (counts, *settings):
                edits.append(SetPeriodFigure(found, f"surveys.{name}", getattr(results, name)))
    return EditBatch(tuple(edits), N_("Import survey answers")), conflicts


def _insert(periods: list[KpiPeriod], period: KpiPeriod) -> InsertPeriod:
    """The edit inserting ``period`` in date order (by label for periods without dates), also
    made on ``periods``, the list the next edits will find."""

    def before(other: KpiPeriod) -> bool:
        if other.start is not None and period.start is not None:
            return other.start < period.start
        return other.label < period.label

    position = sum(1 for other in periods if before(other))
    periods.insert(position, period)
    return InsertPeriod(position, period)


_SURVEY_FIGURES = (
    ("nps_counts", ()),
    ("csat_counts", ("csat_scale", "csat_cutoff")),
    ("ces_counts", ("ces_scale",)),
)


def _bounds(day: dt.date, unit: PeriodUnit) -> tuple[dt.date, dt.date]:
    """First and last day of the period holding ``day``."""
    number = period_numbers(pd.Series([pd.Timestamp(day)]), unit).iloc[0]
    return period_bounds(int(number), unit)


def import_edits(
    project: Project,
    result: FileAnalysis,
    mapping: Mapping[str, str] | None = None,
    date_order: str = "",
    overwrite: bool = False,
    now: dt.datetime | None = None,
    language: str = "en",
) -> tuple[EditBatch, list[Conflict]]:
    """Everything an import adds to the project, as one batch: the figures (see
    :func:`period_edits` and :func:`survey_edits`, new periods labelled in ``language``) and
    the file's summary, which replaces the summary of an earlier import of the same file."""
    if result.orders is not None:
        batch, conflicts = period_edits(project, result.orders, overwrite, language)
    else:
        assert result.survey is not None
        batch, conflicts = survey_edits(project, result.survey, overwrite, language)
    record = imported_file(result, mapping, date_order, now)
    earlier = [
        i for i, f in enumerate(project.imported.files)
        if f.source_path and f.source_path == record.source_path and f.kind == record.kind
    ]  # fmt: skip
    summary: tuple[Edit, ...] = (AddImportedFile(record),)
    if earlier:
        summary = (ForgetImportedFile(earlier[-1]), AddImportedFile(record, earlier[-1]))
    return EditBatch((*batch.edits, *summary), batch.title), conflicts


def imported_file(
    result: FileAnalysis,
    mapping: Mapping[str, str] | None = None,
    date_order: str = "",
    now: dt.datetime | None = None,
) -> ImportedFile:
    """The summary of an import the project keeps: file name, rows used and dates covered, and
    where and how it was read (path, sheet, period, columns chosen, date order) to read it
    again."""
    if result.orders is not None:
        orders = result.orders.imported.orders
        path: Path = result.orders.imported.source.path
        kind, rows, unit = "orders", result.orders.imported.source.rows_used, result.orders.unit
        sheet = result.orders.imported.source.sheet
        first = orders["date"].min().date() if len(orders) else None
        last = orders["date"].max().date() if len(orders) else None
    else:
        survey = result.survey
        assert survey is not None
        path, kind, rows, unit = survey.path, "survey", survey.rows_used, survey.unit
        sheet = survey.sheet
        first = survey.periods[0][1].date() if survey.periods else None
        last = _bounds(survey.periods[-1][1].date(), unit)[1] if survey.periods else None
    return ImportedFile(
        file_name=path.name,
        kind=kind,
        rows=rows,
        first_date=first,
        last_date=last,
        imported_at=(now or dt.datetime.now()).replace(microsecond=0),
        source_path=str(path.resolve()),
        period=str(unit),
        columns=dict(mapping or {}),
        date_order=date_order,
        sheet=sheet,
    )

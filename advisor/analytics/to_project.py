"""What an import gives the project: the period figures as ONE undoable batch of edits that
never overwrites a figure without asking, and the summary the project keeps (never the rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from advisor.analytics.analysis import Analysis, kpi_period
from advisor.domain.edits import Edit, EditBatch, InsertPeriod, SetPeriodFigure
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
    project: Project, analysis: Analysis, overwrite: bool = False
) -> tuple[EditBatch, list[Conflict]]:
    """The edits that bring the imported periods into the KPI step, and the conflicts.

    New periods are inserted in date order; in periods that exist (same label), empty figures
    are filled; a figure that differs is changed only with ``overwrite`` — otherwise it is
    listed in the conflicts, for the user to decide."""
    edits: list[Edit] = []
    conflicts: list[Conflict] = []
    labels = [p.label for p in project.kpi_periods]
    starts = [p.start for p in project.kpi_periods]
    inserted = 0
    for figures in analysis.periods:
        imported = kpi_period(figures)
        if imported.label in labels:
            index = labels.index(imported.label) + inserted
            current = project.kpi_periods[labels.index(imported.label)]
            for name in _FIGURES:
                new, old = getattr(imported, name), getattr(current, name)
                if new is None or new == old:
                    continue
                if old is not None and not overwrite:
                    conflicts.append(Conflict(imported.label, name, old, new))
                    continue
                edits.append(SetPeriodFigure(index, name, new))
            continue
        position = sum(1 for s in starts if s is not None and imported.start and s < imported.start)
        edits.append(InsertPeriod(position + inserted, imported))
        inserted += 1
    return EditBatch(tuple(edits), N_("Import period figures")), conflicts


def imported_file(analysis: Analysis, now: dt.datetime | None = None) -> ImportedFile:
    """The summary of an orders import the project keeps (file name, rows used, dates)."""
    orders = analysis.imported.orders
    source = analysis.imported.source
    first = orders["date"].min() if len(orders) else None
    last = orders["date"].max() if len(orders) else None
    return ImportedFile(
        file_name=source.path.name,
        kind="orders",
        rows=source.rows_used,
        first_date=first.date() if first is not None else None,
        last_date=last.date() if last is not None else None,
        imported_at=(now or dt.datetime.now()).replace(microsecond=0),
    )

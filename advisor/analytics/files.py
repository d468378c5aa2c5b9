"""One entry point for any export: orders or survey answers, recognised from the header."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.analytics.analysis import Analysis, analyse, to_json
from advisor.analytics.conventions import DateOrder
from advisor.analytics.errors import MappingNeeded
from advisor.analytics.orders import load_orders
from advisor.analytics.periods import PeriodUnit
from advisor.analytics.sniffing import Sniffed, sniff
from advisor.analytics.survey_columns import looks_like_survey
from advisor.analytics.surveys import SurveyImport, load_survey, scores
from advisor.i18n import current_language
from advisor.progress import Progress


@dataclass(frozen=True)
class FileAnalysis:
    """An orders analysis or a survey import (exactly one is set)."""

    orders: Analysis | None = None
    survey: SurveyImport | None = None
    #: The header and first rows as read (for a workbook: its sheets and the one read).
    table: Sniffed | None = None

    def as_json(self) -> dict[str, Any]:
        if self.orders is not None:
            return {**to_json(self.orders), "warnings": self.warnings()}
        survey = self.survey
        assert survey is not None
        return {
            "source": {
                "file": survey.path.name,
                "sheet": survey.sheet or None,
                "format": survey.format,
                "encoding": survey.encoding or None,
                "delimiter": survey.delimiter or None,
                "columns": survey.columns,
                "rows_read": survey.rows_read,
                "rows_used": survey.rows_used,
                "rows_excluded": dict(sorted(survey.excluded.items())),
                "answers_excluded": dict(sorted(survey.answers_excluded.items())),
            },
            "warnings": self.warnings(),
            "surveys": [
                {
                    "label": label,
                    "start": start.date().isoformat(),
                    "answers": answers,
                    "scores": scores(results),
                    "nps_counts": results.nps_counts,
                    "csat_counts": results.csat_counts,
                    "ces_counts": results.ces_counts,
                }
                for label, start, results, answers in survey.periods
            ],
        }

    def warnings(self) -> list[str]:
        """What the reader should know about how the file was read, in their language."""
        language = current_language()
        if self.orders is not None:
            return [w.render(language) for w in self.orders.imported.source.warnings]
        assert self.survey is not None
        return [w.render(language) for w in self.survey.warnings]


def analyse_file(
    path: Path,
    period: str = "month",
    mapping: Mapping[str, str] | None = None,
    dates: DateOrder | None = None,
    progress: Progress | None = None,
    sheet: str | None = None,
) -> FileAnalysis:
    """Read and analyse ``path`` (for a workbook, the sheet named ``sheet`` or the one that
    holds the table); raises :class:`~advisor.analytics.errors.ImportProblem`."""
    progress = progress or Progress()
    unit = PeriodUnit(period)
    mapping = dict(mapping or {})
    table = sniff(path, sheet=sheet)
    try:
        if "score" in mapping or ("amount" not in mapping and looks_like_survey(table.header)):
            return FileAnalysis(survey=load_survey(path, unit, mapping, dates, sheet), table=table)
        imported = load_orders(
            path, mapping, dates, Progress(lambda f, m: progress.report(f * 0.8, m)), sheet
        )
    except MappingNeeded as problem:
        problem.table = table  # the dialog shows the rows to choose columns from
        raise
    return FileAnalysis(orders=analyse(imported, unit, progress=progress), table=table)

"""Imported period figures and survey answers reach the KPI step as one undoable batch, never
overwriting; the project keeps a summary of each file, enough to read it again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from advisor.analytics.files import analyse_file
from advisor.analytics.to_project import import_edits, imported_file, period_edits, survey_edits
from advisor.domain.project import KpiPeriod, Project, SurveyResults
from tests.import_fixtures import write_fixture


def _analysis(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = analyse_file(write_fixture(tmp_path, "shopify.csv"))
    assert result.orders is not None
    return result.orders


def test_new_periods_inserted_in_one_batch_that_undoes(tmp_path: Path) -> None:
    project = Project()
    batch, conflicts = period_edits(project, _analysis(tmp_path))
    assert conflicts == []
    undo = batch.apply(project)
    assert [p.label for p in project.kpi_periods] == ["2025-01", "2025-02"]
    february = project.kpi_periods[1]
    assert (february.customers_start, february.customers_end, february.customers_lost) == (2, 1, 1)
    assert february.orders == 1 and february.revenue == 30.0  # the guest's order is left out
    undo.apply(project)
    assert project.kpi_periods == []


def test_existing_figures_are_not_overwritten_without_asking(tmp_path: Path) -> None:
    project = Project(kpi_periods=[KpiPeriod("2025-02", customers_start=9)])
    batch, conflicts = period_edits(project, _analysis(tmp_path))
    assert [(c.label, c.figure, c.current, c.imported) for c in conflicts] == [
        ("2025-02", "customers_start", 9, 2)
    ]
    batch.apply(project)
    assert [p.label for p in project.kpi_periods] == ["2025-01", "2025-02"]
    assert project.kpi_periods[1].customers_start == 9
    assert project.kpi_periods[1].customers_end == 1  # empty figures are filled
    forced, _ = period_edits(project, _analysis(tmp_path), overwrite=True)
    forced.apply(project)
    assert project.kpi_periods[1].customers_start == 2


def test_the_project_keeps_a_summary_not_the_rows(tmp_path: Path) -> None:
    summary = imported_file(analyse_file(write_fixture(tmp_path, "shopify.csv")))
    assert (summary.file_name, summary.kind, summary.rows) == ("shopify.csv", "orders", 5)
    assert str(summary.first_date) == "2025-01-07" and str(summary.last_date) == "2025-02-14"


def test_the_summary_remembers_where_and_how_the_file_was_read(tmp_path: Path) -> None:
    path = write_fixture(tmp_path, "shopify.csv")
    result = analyse_file(path, "quarter")
    summary = imported_file(result, {"customer": "Email"}, "dmy")
    assert summary.source_path == str(path.resolve())
    assert (summary.period, summary.columns, summary.date_order) == (
        "quarter",
        {"customer": "Email"},
        "dmy",
    )


def _survey(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = analyse_file(write_fixture(tmp_path, "typeform.csv"))
    assert result.survey is not None
    return result.survey


def test_survey_counts_fill_the_kpi_steps_survey_figures(tmp_path: Path) -> None:
    project = Project(kpi_periods=[KpiPeriod("2025-01", customers_start=40)])
    batch, conflicts = survey_edits(project, _survey(tmp_path))
    assert conflicts == []
    undo = batch.apply(project)
    january, february = project.kpi_periods
    assert january.customers_start == 40  # the period's other figures are untouched
    assert january.surveys.nps_counts == [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]  # a 6 and a 10
    assert (february.label, february.start, february.end) == (
        "2025-02",
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 28),
    )
    assert february.surveys.nps_counts == [0] * 8 + [1, 0, 0]  # the 12 is outside the scale
    undo.apply(project)
    assert [p.label for p in project.kpi_periods] == ["2025-01"]
    assert project.kpi_periods[0].surveys.nps_counts == []


def test_survey_counts_typed_before_are_not_replaced_without_asking(tmp_path: Path) -> None:
    typed = SurveyResults(nps_counts=[0] * 10 + [7])
    project = Project(kpi_periods=[KpiPeriod("2025-01", surveys=typed)])
    batch, conflicts = survey_edits(project, _survey(tmp_path))
    assert [(c.label, c.figure, c.current, c.imported) for c in conflicts] == [
        ("2025-01", "surveys.nps_counts", 7, 2)  # answers counted, not lists
    ]
    batch.apply(project)
    assert project.kpi_periods[0].surveys.nps_counts == [0] * 10 + [7]
    forced, _ = survey_edits(project, _survey(tmp_path), overwrite=True)
    forced.apply(project)
    assert sum(project.kpi_periods[0].surveys.nps_counts) == 2


def test_importing_the_same_file_again_replaces_its_summary(tmp_path: Path) -> None:
    project = Project()
    path = write_fixture(tmp_path, "shopify.csv")
    first, _ = import_edits(project, analyse_file(path), now=dt.datetime(2026, 1, 1))
    first.apply(project)
    other, _ = import_edits(project, analyse_file(write_fixture(tmp_path, "typeform.csv")))
    other.apply(project)
    again, conflicts = import_edits(project, analyse_file(path), now=dt.datetime(2026, 2, 1))
    assert conflicts == []  # same figures: nothing differs
    undo = again.apply(project)
    files = project.imported.files
    assert [(f.file_name, f.imported_at) for f in files] == [
        ("shopify.csv", dt.datetime(2026, 2, 1)),
        ("typeform.csv", files[1].imported_at),
    ]
    undo.apply(project)
    assert [(f.file_name, f.imported_at) for f in project.imported.files][0] == (
        "shopify.csv",
        dt.datetime(2026, 1, 1),
    )


def test_a_period_typed_on_the_kpi_step_is_found_by_its_dates_whatever_its_label(
    tmp_path: Path,
) -> None:
    typed = KpiPeriod("2025 T1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), customers_end=7)
    project = Project(kpi_periods=[typed])
    result = analyse_file(write_fixture(tmp_path, "shopify.csv"), "quarter")
    assert result.orders is not None
    batch, conflicts = period_edits(project, result.orders)
    assert [(c.label, c.figure, c.current) for c in conflicts] == [("2025 T1", "customers_end", 7)]
    batch.apply(project)
    assert [p.label for p in project.kpi_periods] == ["2025 T1"]  # not a second first quarter
    assert project.kpi_periods[0].orders is not None  # its empty figures were filled


def test_new_periods_go_before_and_after_a_matched_one_in_date_order(tmp_path: Path) -> None:
    february = KpiPeriod("Feb", dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    project = Project(kpi_periods=[february])
    survey = _survey(tmp_path)
    batch, _ = survey_edits(project, survey)
    batch.apply(project)
    assert [p.label for p in project.kpi_periods] == ["2025-01", "Feb"]
    assert sum(project.kpi_periods[1].surveys.nps_counts) == 1

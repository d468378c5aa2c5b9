"""Imported period figures reach the KPI step as one undoable batch, never overwriting."""

from __future__ import annotations

from pathlib import Path

from advisor.analytics.files import analyse_file
from advisor.analytics.to_project import imported_file, period_edits
from advisor.domain.project import KpiPeriod, Project
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
    summary = imported_file(_analysis(tmp_path))
    assert (summary.file_name, summary.kind, summary.rows) == ("shopify.csv", "orders", 5)
    assert str(summary.first_date) == "2025-01-07" and str(summary.last_date) == "2025-02-14"

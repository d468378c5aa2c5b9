"""Export buttons of the KPI and plan steps: the file the user picks re-opens with the table."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from advisor.domain.wizard import StepId
from tests.ui_helpers import window_on


def test_the_kpi_step_exports_every_kpi_of_every_period(qtbot, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path / "config", StepId.KPIS, demo=True)
    page = window.pages[StepId.KPIS]
    out = tmp_path / "kpis.xlsx"
    asked: list[tuple[str, str]] = []
    page.ask_path = lambda title, name: asked.append((title, name)) or out
    page.export_button.click()
    assert asked == [("Export the KPI table", "KPIs")]
    table = openpyxl.load_workbook(out).active
    periods = {row[0].value for row in table.iter_rows(min_row=2)}
    assert periods == {p.label for p in window.session.project.kpi_periods}
    assert "Written to" in page.export_status.text()


def test_the_plan_step_exports_the_actions_and_says_why_it_cannot(qtbot, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path / "config", StepId.PLAN, demo=True)
    pane = window.pages[StepId.PLAN].plan_tabs
    out = tmp_path / "plan.csv"
    pane.ask_path = lambda title, name: out
    pane.export_button.click()
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    titles = [a.title for a in window.session.project.plan.actions]
    assert [row[0] for row in rows[1:]] == titles
    pane.ask_path = lambda title, name: tmp_path / "no such folder" / "plan.xlsx"
    pane.export_button.click()
    assert pane.export_status.text().startswith("Could not write plan.xlsx")

"""An owner alone fills in the KPI step: periods added going back in time, figures typed key by
key in their own convention, customers at the start carried from the period before, no error
left on screen once a value is fine, and every KPI of the latest period computed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from advisor.domain.periods import last_periods
from advisor.domain.wizard import StepId
from advisor.ui.shell.main_window import MainWindow
from tests.test_ui_kpis import ROW, kpi_page, kpi_text, open_editor


@pytest.fixture
def window(blank_on, qtbot) -> MainWindow:
    window = blank_on(StepId.KPIS)
    window.show()
    qtbot.waitExposed(window)
    return window


def type_keys(page, name: str, text: str, column: int, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` key by key (noting the message shown after each key), then Enter."""
    editor = open_editor(page, name, column)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        errors.append(page.input_message.text())
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            editor, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        )


def test_an_owner_adds_the_last_four_quarters_and_fills_them_in(window: MainWindow) -> None:
    page = kpi_page(window)
    page.add_earlier("quarters")
    periods = window.session.project.kpi_periods
    expected = [p.label for p in last_periods(3, 4, dt.date.today())]
    assert [p.label for p in periods] == expected  # the four quarters that are over, in order
    assert periods[-1].end is not None and periods[-1].end < dt.date.today()
    window.session.undo_stack.undo()
    assert window.session.project.kpi_periods == []  # one step
    window.session.undo_stack.redo()

    errors: list[str] = []
    ends = [1720, 1785, 1825, 1835]
    type_keys(page, "customers_start", "1650", 0, errors)
    for column, end in enumerate(ends):
        type_keys(page, "customers_end", f"{end:,}", column, errors)  # "1,720": a group comma
    # each start follows the period before's end, typed or carried, as the ends are typed
    starts = [p.customers_start for p in window.session.project.kpi_periods]
    assert starts == [1650, 1720, 1785, 1825]
    for column, (new, lost, both) in enumerate(
        [(190, 120, 1400), (205, 140, 1450), (190, 150, 1500), (170, 160, 1520)]
    ):
        type_keys(page, "customers_new", str(new), column, errors)
        type_keys(page, "customers_lost", str(lost), column, errors)
        type_keys(page, "customers_active_both", str(both), column, errors)
    type_keys(page, "orders", "2900", 3, errors)
    type_keys(page, "revenue", "38,500", 3, errors)  # typed with a thousands comma
    type_keys(page, "unique_buyers", "1330", 3, errors)
    type_keys(page, "repeat_buyers", "720", 3, errors)
    type_keys(page, "gross_margin_pct", "54.5", 3, errors)
    type_keys(page, "acquisition_spend", "2900", 3, errors)
    assert set(errors) == {""}  # no error at any key: every prefix was a number on its way
    latest = window.session.project.kpi_periods[3]
    assert (latest.revenue, latest.gross_margin_pct) == (38500.0, 54.5)
    assert page.figures.index(ROW["gross_margin_pct"], 3).data() == "54.5"  # as typed

    # a changed end moves a carried start, never one the user typed differently
    type_keys(page, "customers_end", "1800", 2, errors)
    assert window.session.project.kpi_periods[3].customers_start == 1800
    type_keys(page, "customers_start", "1790", 3, errors)
    type_keys(page, "customers_end", "1810", 2, errors)
    assert window.session.project.kpi_periods[3].customers_start == 1790

    # the latest period's retention, churn and CLV are computed, none left n/a
    page.figure_view.setCurrentIndex(page.figures.index(0, 3))
    for kpi in ("retention_rate", "churn_rate", "clv", "clv_margin", "aov", "ltv_cac"):
        assert kpi_text(page, kpi) not in ("", "n/a"), kpi


def test_a_wrong_value_says_so_and_the_message_goes_once_it_is_right(
    window: MainWindow,
) -> None:
    page = kpi_page(window)
    page.add_earlier("before")
    errors: list[str] = []
    type_keys(page, "orders", "12x", 0, errors)
    assert errors[-1].startswith("Type a number")
    type_keys(page, "orders", "120", 0, errors)
    assert page.input_message.text() == ""
    assert window.session.project.kpi_periods[0].orders == 120


def test_french_figures_and_dates_in_the_french_convention(window: MainWindow) -> None:
    window.set_language("fr")
    page = kpi_page(window)
    page.add_earlier("months")
    periods = window.session.project.kpi_periods
    assert len(periods) == 12 and periods[0].label.count("-") == 1
    errors: list[str] = []
    type_keys(page, "revenue", "38 500,50", 0, errors)
    type_keys(page, "end", "28/02/2027", 0, errors)
    assert set(errors) == {""}
    assert periods[0].revenue == 38500.5
    assert periods[0].end == dt.date(2027, 2, 28)
    assert page.figures.index(ROW["end"], 0).data() == "28/02/2027"  # as it was typed
    window.session.undo_stack.undo()
    page.add_earlier("quarters")  # French quarters are "T"
    assert any(" T" in p.label for p in window.session.project.kpi_periods)


def test_survey_answers_read_as_a_distribution_and_edit_as_typed(demo_on) -> None:
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)
    # the demo's 2026 Q1 NPS answers per score 0..10: 1 0 1 2 2 5 6 | 14 28 | 24 17
    nps = page.figures.index(ROW["surveys.nps_counts"], 0)
    assert nps.data() == "0–6: 17 · 7–8: 42 · 9–10: 41"
    assert nps.data(Qt.ItemDataRole.EditRole) == "1 0 1 2 2 5 6 14 28 24 17"
    csat = page.figures.index(ROW["surveys.csat_counts"], 0)
    assert csat.data() == "1: 3 · 2: 5 · 3: 12 · 4: 38 · 5: 42"


def test_every_row_of_figures_says_what_it_counts(window: MainWindow) -> None:
    page = kpi_page(window)
    tips = [
        page.figures.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        for row in range(page.figures.rowCount())
    ]
    assert all(tips), tips
    both = tips[ROW["customers_active_both"]]
    assert "strict retention rate counts only them" in both


def test_the_what_if_s_gain_is_the_project_s_and_undoable(demo_on) -> None:
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)
    page.figure_view.setCurrentIndex(page.figures.index(0, 3))
    assert page.what_if.points.value() == 3.0  # the project's assumption
    page.what_if.points.setValue(2.0)
    assert window.session.project.plan.retention_gain_points == 2.0  # the PDF reads it
    window.session.undo_stack.undo()
    assert window.session.project.plan.retention_gain_points == 3.0
    assert page.what_if.points.value() == 3.0

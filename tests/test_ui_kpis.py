"""The KPI step as a user drives it: typing figures, seeing KPIs and checks follow, pasting from
a spreadsheet, undoing, and the what-if and trend panes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from advisor.domain.kpi_definitions import DEFINITIONS
from advisor.domain.wizard import StepId
from advisor.i18n.formatting import NNBSP
from advisor.ui.kpis.page import KpisPage
from advisor.ui.kpis.period_table import ROWS
from advisor.ui.shell.main_window import MainWindow
from tests.ui_helpers import type_text

ROW = {name: row for row, name in enumerate(ROWS)}
KPI_ROW = {d.id: row for row, d in enumerate(DEFINITIONS)}


@pytest.fixture
def window(blank_on, qtbot) -> MainWindow:
    window = blank_on(StepId.KPIS)
    window.show()
    qtbot.waitExposed(window)
    return window


def kpi_page(window: MainWindow) -> KpisPage:
    page = window.page(StepId.KPIS)
    assert isinstance(page, KpisPage)
    return page


def open_editor(page: KpisPage, name: str, column: int = 0) -> QLineEdit:
    """Select a figure's cell and start editing it, as a double click would."""
    index = page.figures.index(ROW[name], column)
    page.figure_view.setCurrentIndex(index)
    page.figure_view.edit(index)
    editors = [e for e in page.figure_view.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editors[0].selectAll()
    return editors[0]


def type_figure(page: KpisPage, name: str, text: str, column: int = 0) -> None:
    """Type ``text`` key by key in a figure's cell and press Enter."""
    editor = open_editor(page, name, column)
    type_text(editor, text)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            editor, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        )


def kpi_text(page: KpisPage, kpi_id: str, column: int = 1) -> str:
    return str(page.kpis.index(KPI_ROW[kpi_id], column).data())


def add_period(page: KpisPage, qtbot) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)


def test_kpis_follow_the_figures_as_they_are_typed(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    assert "Add a period" in page.results_title.text()
    add_period(page, qtbot)
    assert len(window.session.project.kpi_periods) == 1
    assert kpi_text(page, "retention_rate") == "n/a"
    type_figure(page, "customers_start", "200")
    type_figure(page, "customers_end", "220")
    type_figure(page, "customers_new", "50")
    assert kpi_text(page, "retention_rate") == "85.0%"
    type_figure(page, "customers_lost", "30")
    assert kpi_text(page, "churn_rate") == "15.0%"
    assert kpi_text(page, "churn_rate", 2) == ""  # no sector yet: nothing to compare with
    page.kpi_view.setCurrentIndex(page.kpis.index(KPI_ROW["retention_rate"], 0))
    assert "((220 − 50) ÷ 200) × 100" in page.detail.toPlainText()


def test_each_keystroke_updates_the_kpis(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    type_figure(page, "customers_start", "200")
    editor = open_editor(page, "customers_lost")
    type_text(editor, "4")
    assert kpi_text(page, "churn_rate") == "2.0%"
    type_text(editor, "0")
    assert kpi_text(page, "churn_rate") == "20.0%"


def test_impossible_figures_are_flagged_and_never_become_kpis(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    type_figure(page, "customers_start", "100")
    type_figure(page, "customers_lost", "150")
    assert "More customers lost (150) than there were at the start (100)" in page.issues.text()
    assert kpi_text(page, "churn_rate") == "n/a"
    tooltip = page.kpis.index(KPI_ROW["churn_rate"], 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Check these figures" in tooltip
    type_figure(page, "customers_lost", "15")
    assert page.issues.text() == ""
    assert kpi_text(page, "churn_rate") == "15.0%"


def test_text_that_is_not_a_number_is_refused_with_a_message(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    type_figure(page, "orders", "twelve")
    assert "Type a number" in page.input_message.text()
    assert window.session.project.kpi_periods[0].orders is None
    type_figure(page, "orders", "-5")
    assert "Orders" in page.input_message.text()
    assert window.session.project.kpi_periods[0].orders is None
    type_figure(page, "customers_start", "99999999999999999999")
    assert "1,000,000,000 or less" in page.input_message.text()
    assert window.session.project.kpi_periods[0].customers_start <= 1_000_000_000


def test_french_number_formats_are_accepted(window: MainWindow, qtbot) -> None:
    window.set_language("fr")
    page = kpi_page(window)
    add_period(page, qtbot)
    type_figure(page, "revenue", "12 500,50")
    type_figure(page, "orders", "500")
    assert window.session.project.kpi_periods[0].revenue == 12500.5
    assert kpi_text(page, "aov") == f"25,00{NNBSP}€"


def test_a_block_pasted_from_a_spreadsheet_is_one_undo_step(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    add_period(page, qtbot)
    page.figure_view.setCurrentIndex(page.figures.index(ROW["customers_start"], 0))
    QGuiApplication.clipboard().setText("200\t220\n220\t230\n50\t40\n30\t30\n")
    paste = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert paste.matches(QKeySequence.StandardKey.Paste)
    QApplication.sendEvent(page.figure_view, paste)
    first, second = window.session.project.kpi_periods
    assert (first.customers_start, first.customers_end, first.customers_new) == (200, 220, 50)
    assert (second.customers_start, second.customers_lost) == (220, 30)
    assert kpi_text(page, "churn_rate") != "n/a"
    window.session.undo_stack.undo()
    assert first.customers_start is None and second.customers_start is None
    assert len(window.session.project.kpi_periods) == 2


def test_a_bad_cell_in_a_pasted_block_changes_nothing(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    page.figure_view.setCurrentIndex(page.figures.index(ROW["customers_start"], 0))
    assert not page.paste("200\nlots\n50")
    assert "Type a number" in page.input_message.text()
    assert window.session.project.kpi_periods[0].customers_start is None


def test_typed_figures_undo_and_redo(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    type_figure(page, "orders", "300")
    type_figure(page, "unique_buyers", "120")
    assert kpi_text(page, "purchase_frequency") == "2.50"
    window.session.undo_stack.undo()
    assert kpi_text(page, "purchase_frequency") == "n/a"
    window.session.undo_stack.redo()
    assert kpi_text(page, "purchase_frequency") == "2.50"
    assert window.isWindowModified()


def test_demo_shows_its_four_quarters_trend_and_what_if(demo_on) -> None:
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)
    assert page.figures.columnCount() == 4
    assert "2026 Q4" in page.results_title.text()
    page.kpi_view.setCurrentIndex(page.kpis.index(KPI_ROW["retention_rate"], 0))
    assert page.chart.spec is None  # drawn only when its tab is shown
    page.tabs.setCurrentWidget(page.chart)
    assert page.chart.spec is not None
    assert page.chart.spec.categories == ("2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4")
    assert page.chart.chart().series()[0].count() == 4
    page.kpi_view.setCurrentIndex(page.kpis.index(KPI_ROW["churn_rate"], 0))
    assert "Churn rate" in page.chart.chart().title()
    # A coffee roaster: no churn benchmark measured on shops, so no line and no verdict
    assert page.chart.spec.thresholds == ()
    assert kpi_text(page, "churn_rate", 2) == kpi_text(page, "retention_rate", 2) == ""
    page.kpi_view.setCurrentIndex(page.kpis.index(KPI_ROW["nps"], 0))
    assert [t.value for t in page.chart.spec.thresholds] == [0]  # good ≥ 0, critical < 0
    assert kpi_text(page, "nps", 2) == "✓ good"  # the demo's NPS of 20
    assert "Retention Advisor's own rule of thumb" in page.detail.toPlainText()
    assert "Revenue kept" in page.what_if.result.text()
    assert "€" in page.what_if.result.text()
    window.set_language("fr")
    assert "Chiffre d’affaires conservé" in page.what_if.result.text()
    assert f"{NNBSP}€" in page.what_if.result.text()


def test_removing_a_period_is_undoable(demo_on, qtbot) -> None:
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)
    page.figure_view.setCurrentIndex(page.figures.index(0, 1))
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    labels = [p.label for p in window.session.project.kpi_periods]
    assert labels == ["2026 Q1", "2026 Q3", "2026 Q4"]
    window.session.undo_stack.undo()
    assert page.figures.columnCount() == 4
    assert page.figures.headerData(1, Qt.Orientation.Horizontal) == "2026 Q2"


def test_a_kpi_that_got_worse_says_which_plays_help(demo_on) -> None:
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)
    churn = page.kpis.index(KPI_ROW["churn_rate"], 3)
    assert churn.data() == "▲\u00a0worse"  # the churn rose: the arrow shows the figure, the word
    assert churn.data(Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"  # what it means
    tip = churn.data(Qt.ItemDataRole.ToolTipRole)
    assert "Worse than the previous period (8.8%)" in tip
    assert "win-back campaigns" in tip
    # purchase frequency rose from 2.18 to 2.66 orders a buyer: more than noise, the right way
    rising = page.kpis.index(KPI_ROW["purchase_frequency"], 3)
    assert rising.data() == "▲\u00a0better"
    assert "Better than the previous period" in rising.data(Qt.ItemDataRole.ToolTipRole)


def test_a_score_from_few_answers_is_marked_as_a_hint(window: MainWindow, qtbot) -> None:
    page = kpi_page(window)
    add_period(page, qtbot)
    type_figure(page, "surveys.nps_counts", "0 0 0 0 0 0 1 2 2 3 4")
    value = page.kpis.index(KPI_ROW["nps"], 1)
    assert value.data() == "⚠\u00a050"  # (7 promoters − 1 detractor) ÷ 12
    assert "Only 12 answers" in value.data(Qt.ItemDataRole.ToolTipRole)


def _bold_names(page) -> set[str]:
    return {
        str(page.kpis.index(row, 0).data())
        for row in range(page.kpis.rowCount())
        if (font := page.kpis.index(row, 0).data(Qt.ItemDataRole.FontRole)) and font.bold()
    }


def test_the_kpis_the_retention_type_watches_are_in_bold(demo_on) -> None:
    """The roaster's customers decide anew each time (intentional retention): the KPIs of a
    purchase decision stand out; answered as a gym, the subscription's KPIs do instead."""
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)

    assert _bold_names(page) == {
        "Repeat purchase rate",
        "Purchase frequency",
        "Strict retention rate",
        "Customer retention rate",
        "Average order value",
        "Customer lifetime value (revenue)",
    }
    assert "intentional" in page.emphasis_note.text()

    from advisor.domain.diagnosis_edits import SetAnswer

    gym = {
        "payment": "subscription",
        "renewal": "automatic",
        "commitment": "month",
        "usage": "ongoing",
        "lost": "cancelled",
        "return_trigger": "nothing_needed",
    }
    for question, answer in gym.items():
        window.session.apply(SetAnswer(question, answer))
    window.show_step(StepId.KPIS)

    assert _bold_names(page) == {
        "Churn rate",
        "Customer retention rate",
        "Revenue churn",
        "Gross revenue retention",
        "Net revenue retention",
        "Customer lifespan",
        "Subscription lifetime value",
    }
    assert "continuous" in page.emphasis_note.text()
    window.new_project()
    window.show_step(StepId.KPIS)
    assert _bold_names(page) == set()


def test_a_keystroke_repaints_its_period_and_a_new_label_its_header(qtbot, tmp_path) -> None:
    from advisor.domain.edits import SetPeriodFigure
    from tests.ui_helpers import window_on

    window = window_on(qtbot, tmp_path / "config", StepId.KPIS, demo=True)
    figures = window.pages[StepId.KPIS].figures
    changed: list[tuple[int, int]] = []
    figures.dataChanged.connect(lambda a, b, *_r: changed.append((a.column(), b.column())))
    headers: list[tuple[int, int]] = []
    figures.headerDataChanged.connect(lambda _o, a, b: headers.append((a, b)))
    window.session.apply(SetPeriodFigure(2, "orders", 3333))
    assert changed == [(2, 2)] and headers == []
    window.session.apply(SetPeriodFigure(1, "label", "Spring"))
    assert headers == [(1, 1)]
    assert figures.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Spring"

"""An owner alone fills in the KPI step: periods added going back in time, figures typed key by
key in their own convention, customers at the start carried from the period before, no error
left on screen once a value is fine, and every KPI of the latest period computed."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import QEvent, QLocale, QRect, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QApplication, QStyle

from advisor.domain.periods import last_periods
from advisor.domain.wizard import StepId
from advisor.ui.shell.main_window import MainWindow
from tests.test_ui_kpis import KPI_ROW, ROW, kpi_page, kpi_text, open_editor


@pytest.fixture
def window(blank_on, qtbot) -> MainWindow:
    window = blank_on(StepId.KPIS)
    window.show()
    qtbot.waitExposed(window)
    return window


def readable(text: str) -> str:
    """``text`` as a reader sees it: no-break spaces and word joiners are invisible."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


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
    QApplication.processEvents()  # the view closes the editor after Enter on its next turn
    assert not editor.isVisible()


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

    # every KPI the latest period's figures allow is computed; worked by hand from 1,790 at
    # the start (typed), 1,835 at the end, 170 new, 160 lost, 1,520 also active before, 2,900
    # orders, 38,500 of revenue, 1,330 buyers, 720 repeat buyers, 54.5 % margin, 2,900 spent
    page.figure_view.setCurrentIndex(page.figures.index(0, 3))
    expected = {
        "retention_rate": "93.0%",  # (1,835 − 170) ÷ 1,790
        "strict_retention_rate": "84.9%",  # 1,520 ÷ 1,790
        "churn_rate": "8.9%",  # 160 ÷ 1,790
        "aov": "€13.28",  # 38,500 ÷ 2,900
        "purchase_frequency": "2.18",  # 2,900 ÷ 1,330
        "repeat_purchase_rate": "54.1%",  # 720 ÷ 1,330
        "lifespan": "11.2 quarters",  # 1,790 ÷ 160
        "clv": "€323.85",  # 38,500 ÷ 1,330 a buyer × 11.1875 quarters
        "clv_margin": "€176.50",  # × 54.5 %
        "cac": "€17.06",  # 2,900 ÷ 170
        "ltv_cac": "10.3 : 1",  # 176.50 ÷ 17.06
    }
    assert {kpi: kpi_text(page, kpi) for kpi in expected} == expected


def test_a_long_typing_session_does_not_wear_python_out(demo_on, qtbot) -> None:
    """PySide6 6.12 on Python 3.11 takes a reference from ``True`` at every signal emitted from
    Python: unguarded, about 750 keys typed in this table made CPython abort the whole app."""
    window = demo_on(StepId.KPIS)
    window.show()
    qtbot.waitExposed(window)
    page = kpi_page(window)
    errors: list[str] = []
    for figure in ("12000", "12500"):  # the first keys fill caches that keep references
        type_keys(page, "revenue", figure, 0, errors)
    before = sys.getrefcount(True)
    keys = 0
    for figure in ("13000", "13500", "14000", "14500") * 5:
        type_keys(page, "revenue", figure, 0, errors)
        keys += len(figure) + 1
    spent_per_key = (before - sys.getrefcount(True)) / keys
    assert window.session.project.kpi_periods[0].revenue == 14500  # the last figure typed
    # what is left lasts at least a million more keys (or nothing is spent at all)
    assert spent_per_key <= 0 or sys.getrefcount(True) / spent_per_key > 1_000_000


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


def test_a_french_owner_types_the_french_way(window: MainWindow) -> None:
    """Quarters named "T", figures grouped with spaces, a decimal comma: no error at any key,
    the starts carried, and the figures shown back as typed in the French convention."""
    window.set_language("fr")
    page = kpi_page(window)
    page.add_earlier("quarters")
    periods = window.session.project.kpi_periods
    expected = [p.label for p in last_periods(3, 4, dt.date.today(), "fr")]
    assert [p.label for p in periods] == expected and all(" T" in label for label in expected)
    errors: list[str] = []
    type_keys(page, "customers_start", "1 650", 0, errors)  # a space between thousands
    for column, end in enumerate(["1 720", "1785", "1 825", "1835"]):
        type_keys(page, "customers_end", end, column, errors)
    assert [p.customers_start for p in periods] == [1650, 1720, 1785, 1825]
    type_keys(page, "revenue", "38,500", 3, errors)  # a decimal comma: 38.5 in French
    assert set(errors) == {""}  # "38," was a number on its way, never a mistake
    assert periods[3].revenue == 38.5
    assert page.figures.index(ROW["revenue"], 3).data() == "38,50\u202f€"
    type_keys(page, "revenue", "38 500", 3, errors)
    type_keys(page, "gross_margin_pct", "54,5", 3, errors)
    assert (periods[3].revenue, periods[3].gross_margin_pct) == (38500.0, 54.5)
    assert page.figures.index(ROW["revenue"], 3).data() == "38\u202f500\u202f€"
    assert page.figures.index(ROW["gross_margin_pct"], 3).data() == "54,5"
    assert page.figures.index(ROW["customers_end"], 0).data() == "1\u202f720"
    assert set(errors) == {""} and page.input_message.text() == ""


def test_escape_puts_the_figure_back_and_takes_the_message_away(window: MainWindow) -> None:
    page = kpi_page(window)
    page.add_earlier("before")
    errors: list[str] = []
    type_keys(page, "orders", "95", 0, errors)
    editor = open_editor(page, "orders", 0)
    for char in "12x":
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    assert page.input_message.text().startswith("Type a number")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            editor, QKeyEvent(kind, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
        )
    assert page.input_message.text() == ""
    assert window.session.project.kpi_periods[0].orders == 95  # not the "12" typed live
    assert page.figures.index(ROW["orders"], 0).data() == "95"
    window.session.undo_stack.undo()  # the 95 typed before: Escape left no step of its own
    assert window.session.project.kpi_periods[0].orders is None


def test_a_date_is_edited_as_shown_and_spelled_out_in_its_tip(window: MainWindow) -> None:
    page = kpi_page(window)
    page.add_earlier("before")
    errors: list[str] = []
    type_keys(page, "end", "March 31, 2027", 0, errors)  # the American written order
    type_keys(page, "start", "1 Jan 2027", 0, errors)
    assert set(errors) == {""}
    period = window.session.project.kpi_periods[0]
    assert (period.start, period.end) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    end = page.figures.index(ROW["end"], 0)
    # in English, numbers in the system's order: month first in the tests' en_US locale
    system = QLocale.system().dateFormat(QLocale.FormatType.ShortFormat)
    shown, example = (
        ("03/31/2027", "03/31/2026") if system[0] in "Mm" else ("31/03/2027", "31/03/2026")
    )
    assert end.data() == end.data(Qt.ItemDataRole.EditRole) == shown
    assert end.data(Qt.ItemDataRole.ToolTipRole) == "31 March 2027"  # never in doubt
    type_keys(page, "end", "31/x", 0, errors)
    assert errors[-1] == f"Type a date such as {example}, 31 March 2026 or 2026-03-31."
    assert window.session.project.kpi_periods[0].end == dt.date(2027, 3, 31)  # kept


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
    assert readable(nps.data()) == "0–6: 17 · 7–8: 42 · 9–10: 41"
    assert nps.data(Qt.ItemDataRole.EditRole) == "1 0 1 2 2 5 6 14 28 24 17"
    csat = page.figures.index(ROW["surveys.csat_counts"], 0)
    assert readable(csat.data()) == "1: 3 · 2: 5 · 3: 12 · 4: 38 · 5: 42"
    # a line breaks only after a "·": never "0–" at a line's end, nor "9–10:" apart from 41
    assert nps.data().split(" ") == [  # ordinary spaces: the only places to break
        "0–\u20606:\u00a017\u00a0·",
        "7–\u20608:\u00a042\u00a0·",
        "9–\u206010:\u00a041",
    ]
    # in a column narrower than the whole text, the row grows to show every group
    view = page.figure_view
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    metrics = QFontMetrics(view.font())
    line = view.rowHeight(ROW["orders"])
    for name, groups in (("surveys.nps_counts", 3), ("surveys.csat_counts", 5)):
        text = page.figures.index(ROW[name], 0).data()
        if metrics.horizontalAdvance(text) > view.columnWidth(0):
            assert view.rowHeight(ROW[name]) > line, name
        widest = max(metrics.horizontalAdvance(group) for group in text.split(" "))
        assert widest < view.columnWidth(0), name  # each group whole on its line
        assert len(text.split(" ")) == groups


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


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)])
def test_every_kpi_result_reads_whole_in_french(demo_on, size: tuple[int, int]) -> None:
    """No KPI name cut to "Taux de réactivat…", no two names alike, and the change column's
    words whole: each word fits its column and each row is as tall as its wrapped text."""
    window = demo_on(StepId.KPIS)
    window.set_language("fr")
    window.resize(*size)
    window.show()
    for _turn in range(3):
        QApplication.processEvents()
    page = kpi_page(window)
    view, model = page.kpi_view, page.kpis
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert len(set(names)) == len(names)
    assert "Taux de réactivation" in names
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text = index.data() or ""
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font.resolve(view.font()) if font else view.font())
            room = view.columnWidth(column) - margin
            for word in text.split(" "):
                assert metrics.horizontalAdvance(word) <= room, (word, column)
            flags = int(Qt.TextFlag.TextWordWrap)
            needed = metrics.boundingRect(QRect(0, 0, room, 1000), flags, text).height()
            assert view.rowHeight(row) >= needed, text


def test_trend_axes_carry_the_unit_in_the_language_s_numbers(demo_on) -> None:
    window = demo_on(StepId.KPIS)
    page = kpi_page(window)
    page.tabs.setCurrentWidget(page.chart)

    def axis_labels(kpi: str) -> list[str]:
        page.kpi_view.setCurrentIndex(page.kpis.index(KPI_ROW[kpi], 0))
        axis = page.chart.chart().axes(Qt.Orientation.Vertical)[0]
        return [readable(label) for label in axis.categoriesLabels()]

    # the demo's lifespans: 12.3, 11.9, 11.4 and 8.7 quarters
    assert axis_labels("lifespan") == ["10 quarters", "12 quarters"]
    assert all(label.endswith("%") for label in axis_labels("churn_rate"))
    window.set_language("fr")
    assert axis_labels("lifespan") == ["10 trimestres", "12 trimestres"]
    frequencies = axis_labels("purchase_frequency")  # 2.29, 2.21, 2.18, 2.66 a quarter
    assert frequencies == ["2,2", "2,4", "2,6"]
    assert all(label.endswith("\u202f%") for label in axis_labels("churn_rate"))

"""File › Import orders…: a real export read in the background, its figures added to the KPI
step as one undo step, problems shown in the dialog, the at-risk list exported."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from advisor.domain.project import KpiPeriod, Project
from advisor.domain.wizard import StepId
from advisor.ui.imports import file_reading
from advisor.ui.imports.analysis_views import VALUE_ROLE
from advisor.ui.imports.dialog import ConflictChoice, ImportDialog
from advisor.ui.shell.project_session import ProjectSession
from tests.import_fixtures import write_fixture
from tests.ui_helpers import make_window


@pytest.fixture
def session(tmp_path: Path) -> ProjectSession:
    return ProjectSession(tmp_path / "recovery")


def open_text(qtbot, session: ProjectSession, path: Path, text: str) -> ImportDialog:
    """The dialog after reading ``text`` written to ``path``."""
    path.write_text(text, encoding="utf-8")
    return open_dialog(qtbot, session, path)


def open_dialog(qtbot, session: ProjectSession, path: Path) -> ImportDialog:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.open_file(path)
    return dialog


def test_an_export_shows_its_format_figures_and_goes_into_the_kpi_step_in_one_undo(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "shopify.csv"))
    summary = dialog.summary.text()
    assert "Shopify" in summary
    assert "Not counted (refunded): 1 (rows 5)" in summary
    assert "<b>2</b> customers" in summary
    assert not dialog.tabs.isHidden()
    assert dialog.add_button.isEnabled()

    dialog.add_button.click()
    project = session.project
    assert [p.label for p in project.kpi_periods] == ["2025-01", "2025-02"]
    assert project.kpi_periods[0].customers_end == 2
    assert [f.file_name for f in project.imported.files] == ["shopify.csv"]
    assert session.undo_stack.count() == 1

    session.undo_stack.undo()
    assert project.kpi_periods == []
    assert project.imported.files == []


def test_typed_figures_are_kept_unless_the_user_says_otherwise(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    january = KpiPeriod(
        label="2025-01", start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 31), customers_end=9
    )
    session.project.kpi_periods.append(january)
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "shopify.csv"))
    asked: list[int] = []

    def keep(conflicts: list) -> ConflictChoice:
        asked.append(len(conflicts))
        return ConflictChoice.KEEP

    dialog.ask_conflicts = keep
    dialog.add_button.click()
    assert asked and asked[0] >= 1
    assert session.project.kpi_periods[0].customers_end == 9
    assert [p.label for p in session.project.kpi_periods] == ["2025-01", "2025-02"]

    session.undo_stack.undo()
    dialog.ask_conflicts = lambda conflicts: ConflictChoice.OVERWRITE
    dialog.add_to_kpis()
    assert session.project.kpi_periods[0].customers_end == 2

    session.undo_stack.undo()
    dialog.ask_conflicts = lambda conflicts: ConflictChoice.CANCEL
    assert not dialog.add_to_kpis()
    assert session.project.kpi_periods[0].customers_end == 9
    assert len(session.project.kpi_periods) == 1


def test_periods_are_counted_as_the_kpi_step_counts_them_or_the_user_is_asked(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    quarter = KpiPeriod("2024 Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), customers_end=3)
    session.project.kpi_periods.append(quarter)
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "shopify.csv"))
    assert dialog.period_combo.currentData() == "quarter"  # as the KPI step's periods
    assert dialog.file_analysis is not None and dialog.file_analysis.orders is not None
    assert [p.label for p in dialog.file_analysis.orders.periods] == ["2025-Q1"]

    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("month"))
    asked: list[tuple[str, str]] = []
    dialog.ask_mixed_lengths = lambda existing, imported: asked.append((existing, imported))
    assert not dialog.add_to_kpis()  # the user cancelled
    assert asked == [("quarter", "month")]
    assert session.project.kpi_periods == [quarter]
    dialog.ask_mixed_lengths = lambda existing, imported: True
    assert dialog.add_to_kpis()
    assert [p.label for p in session.project.kpi_periods] == ["2024 Q4", "2025-01", "2025-02"]


@pytest.mark.parametrize("name", ["empty.csv", "unclosed_quote.csv", "nul.csv"])
def test_a_bad_file_shows_its_problem_in_the_dialog(
    qtbot, session: ProjectSession, tmp_path: Path, name: str
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, name))
    assert name in dialog.message.text()
    assert not dialog.add_button.isEnabled()
    assert dialog.tabs.isHidden()


def test_ambiguous_dates_are_asked_then_read_as_chosen(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "ambiguous.csv"))
    assert "Choose how to read the dates" in dialog.message.text()
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("dmy"))
    assert dialog.file_analysis is not None and dialog.file_analysis.orders is not None
    assert [p.label for p in dialog.file_analysis.orders.periods][0] == "2025-03"


def test_an_unknown_layout_is_mapped_by_the_user(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "unknown.csv"))
    assert not dialog.mapping_box.isHidden()
    assert [dialog.role_combos["customer"].itemText(i) for i in range(4)][1:] == [
        "Who",
        "When",
        "HowMuch",
    ]
    for role, column in (("customer", "Who"), ("date", "When"), ("amount", "HowMuch")):
        combo = dialog.role_combos[role]
        combo.setCurrentIndex(combo.findData(column))
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.read_again_button.click()
    assert dialog.file_analysis is not None and dialog.file_analysis.orders is not None
    assert dialog.file_analysis.orders.totals.customers == 2


def test_survey_answers_in_an_unknown_layout_are_mapped_to_a_date_and_a_score(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    rows = "Answered on,Rating\n2025-01-05,9\n2025-01-06,3\n2025-01-07,10\n"
    dialog = open_text(qtbot, session, tmp_path / "answers.csv", rows)
    assert dialog.kind_combo.currentData() == "orders"  # nothing says these are answers
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("survey"))
    assert dialog.role_combos["customer"].isHidden()
    assert not dialog.role_combos["score"].isHidden()
    assert "score" in dialog.mapping_help.text()
    for role, column in (("date", "Answered on"), ("score", "Rating")):
        combo = dialog.role_combos[role]
        combo.setCurrentIndex(combo.findData(column))
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.read_again_button.click()
    assert dialog.file_analysis is not None and dialog.file_analysis.survey is not None
    assert "2025-01: 3 answers, NPS 33.3" in dialog.summary.text()


def test_a_survey_whose_date_is_not_found_asks_for_survey_columns(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_text(qtbot, session, tmp_path / "sat.csv", "Satisfaction,Quand\n4,2025-01-05\n")
    assert dialog.kind_combo.currentData() == "survey"
    assert dialog.role_combos["amount"].isHidden()


def test_columns_recognised_by_name_are_preselected(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_text(
        qtbot, session, tmp_path / "till.csv", "Client,Jour,Montant\nann,2025-01-05,10\n"
    )
    assert not dialog.mapping_box.isHidden()
    chosen = {role: combo.currentData() for role, combo in dialog.role_combos.items()}
    assert chosen["customer"] == "Client"
    assert chosen["date"] == ""  # "Jour" is not a name we know: the user picks it


def test_quarters_when_chosen(qtbot, session: ProjectSession, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "shopify.csv"))
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("quarter"))
    assert dialog.file_analysis is not None and dialog.file_analysis.orders is not None
    assert len(dialog.file_analysis.orders.periods) == 1


def test_cancel_stops_the_reading_and_says_so(
    qtbot, session: ProjectSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_read(path, period, mapping, dates, sheet, progress):  # a very large file
        started.set()
        release.wait(5)
        progress.report(0.5)
        raise AssertionError("a cancelled reading went on")

    monkeypatch.setattr(file_reading, "_read", slow_read)
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.open_file(write_fixture(tmp_path, "shopify.csv"))
    assert started.wait(5)
    assert not dialog.cancel_button.isHidden()
    with qtbot.waitSignal(dialog.reading_finished, timeout=5000):
        dialog.cancel_button.click()
        release.set()
    assert dialog.message.text() == "Reading cancelled."
    assert dialog.cancel_button.isHidden()
    assert not dialog.add_button.isEnabled()


def test_survey_answers_show_their_scores_and_go_into_the_kpi_steps_survey_figures(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "typeform.csv"))
    assert "2025-01: 2 answers, NPS 0.0" in dialog.summary.text()
    assert dialog.tabs.isHidden()  # no cohorts or segments for survey answers
    assert dialog.add_button.text() == "Add these survey answers to the KPI step"
    with qtbot.waitSignal(dialog.figures_added):
        dialog.add_button.click()
    periods = session.project.kpi_periods
    assert [(p.label, sum(p.surveys.nps_counts)) for p in periods] == [
        ("2025-01", 2),
        ("2025-02", 1),
    ]
    assert "survey answers of 2 period(s)" in dialog.message.text()
    assert session.project.imported.files[0].kind == "survey"
    session.undo_stack.undo()
    assert session.project.kpi_periods == [] and session.project.imported.files == []


def test_the_first_rows_are_shown_before_any_mapping(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "unknown.csv"))
    table = dialog.preview.table
    assert not dialog.preview.isHidden()
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Who", "When", "HowMuch"]
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["10", "20", "5"]
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.open_file(write_fixture(tmp_path, "nul.csv"))
    assert dialog.preview.isHidden()
    assert "NUL bytes" in dialog.message.text()  # the reading says what is wrong with it


def test_a_file_imported_before_is_read_again_with_its_settings(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    path = write_fixture(tmp_path, "shopify.csv")
    dialog = open_dialog(qtbot, session, path)
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("quarter"))
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=20000)
    dialog.add_button.click()
    assert dialog.earlier_combo.count() == 2 and not dialog.earlier_combo.isHidden()
    session.undo_stack.undo()  # the list follows undo and redo
    assert dialog.earlier_combo.count() == 1 and dialog.earlier_combo.isHidden()
    session.undo_stack.redo()
    assert dialog.earlier_combo.count() == 2

    fresh = ImportDialog(session)  # e.g. the next time the project is opened
    qtbot.addWidget(fresh)
    assert fresh.period_combo.currentData() == "month"
    with qtbot.waitSignal(fresh.reading_finished, timeout=20000):
        fresh.earlier_combo.activated.emit(1)
    assert fresh.path == path.resolve()
    assert fresh.period_combo.currentData() == "quarter"
    assert fresh.file_analysis is not None and fresh.file_analysis.orders is not None
    assert [p.label for p in fresh.file_analysis.orders.periods] == ["2025-Q1"]

    path.unlink()
    fresh.earlier_combo.activated.emit(1)
    assert "is no longer at" in fresh.message.text()
    assert "shopify.csv" in fresh.message.text()


def test_views_show_cohorts_segments_and_export_the_at_risk_list(
    qtbot, qtmodeltester, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "excel_fr.csv"))
    tabs = dialog.tabs
    for model in (tabs.cohort_model, tabs.segment_model, tabs.at_risk_model):
        qtmodeltester.check(model)
    cohorts = tabs.cohort_model
    assert cohorts.index(0, 0).data() == "2025-01"
    assert cohorts.index(0, 2).data(VALUE_ROLE) == 100.0
    assert cohorts.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    tabs.show_cell(cohorts.index(0, 3))
    assert tabs.cell_customers.count() == 2
    segments = [tabs.segment_model.index(r, 0).data() for r in range(8)]
    assert "Champions" in segments

    def count(segment: str) -> int:
        titles = [tabs.segment_model.index(r, 0).data() for r in range(8)]
        return int(tabs.segment_model.index(titles.index(segment), 1).data())

    assert (count("Potential loyalists"), count("At risk")) == (1, 1)
    # Durand last ordered 15 days before the file ends: counted as recent with 20 days.
    for box in tabs.thresholds.recency:
        box.setValue(20)
    tabs.thresholds.apply_button.click()
    assert (count("Potential loyalists"), count("At risk")) == (2, 0)
    tabs.thresholds.recency[0].setValue(30)
    tabs.thresholds.apply_button.click()
    assert "must go up" in tabs.thresholds.problem.text()

    out = tmp_path / "at-risk.csv"
    tabs.ask_path = lambda title, name: out
    with qtbot.waitSignal(tabs.table_exported, timeout=5000):
        tabs.export_button.click()
    with out.open(encoding="utf-8-sig") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:3] == ["Customer", "Orders", "Revenue (€)"]
    assert len(rows) - 1 == tabs.at_risk_model.rowCount()
    assert "Written to" in tabs.export_status.text()


def test_file_menu_imports_into_a_project_and_shows_the_kpi_step(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "config")
    window.session.replace(Project(), None)
    window.show_step(StepId.PROFILE)
    window.import_orders(write_fixture(tmp_path, "stripe.csv"))
    dialog = window.import_dialog
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=20000)
    dialog.add_button.click()
    assert window.current_step == StepId.KPIS
    assert len(window.session.project.kpi_periods) == 2
    window.menus.undo.trigger()
    assert window.session.project.kpi_periods == []

    window.set_language("fr")
    assert dialog.windowTitle() == "Importer des commandes ou des réponses d’enquête"
    assert dialog.add_button.text() == "Ajouter ces chiffres à l’étape KPI"
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        window.import_orders(write_fixture(tmp_path, "square.csv"))
    assert window.import_dialog is dialog
    assert "Square" in dialog.summary.text()


def test_the_kpi_step_has_a_button_that_opens_the_import(
    demo_on, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_on(StepId.KPIS)
    asked: list[bool] = []
    monkeypatch.setattr(ImportDialog, "choose_file", lambda self: asked.append(True))
    window.page(StepId.KPIS).import_button.click()
    assert asked == [True] and window.import_dialog.isVisible()


def test_the_file_menu_item_and_a_dropped_export_open_the_import(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, tmp_path / "config")
    calls: list[tuple] = []
    monkeypatch.setattr(window, "import_orders", lambda *args: calls.append(args))
    window.menus.import_orders.trigger()
    assert calls == [()]
    assert window.menus.import_orders.text() == "&Import Orders…"

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "orders.CSV"))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert calls == [(), (tmp_path / "orders.CSV",)]


def test_the_import_dialog_does_not_load_pandas_until_a_file_is_read() -> None:
    code = (
        "import sys, advisor.ui.imports.dialog, advisor.ui.shell.main_window;"
        "print('pandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def _two_sheet_workbook(tmp_path: Path) -> Path:
    from tests.spreadsheet_files import write_xlsx

    return write_xlsx(
        tmp_path / "caisse.xlsx",
        {
            "Notes": [["Export de la caisse, montants TTC"]],
            "2025": [
                ["Ventes 2025"],
                [],
                ["Client", "Date", "Montant"],
                ["ann", dt.date(2025, 1, 5), 10.0],
                ["bob", dt.date(2025, 2, 6), 20.0],
            ],
            "2024": [["Client", "Date", "Montant"], ["zoe", dt.date(2024, 3, 1), 99.0]],
        },
    )


def test_a_workbook_shows_the_sheet_holding_the_table_and_reads_another_when_chosen(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, session, _two_sheet_workbook(tmp_path))
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert [dialog.sheet_combo.itemText(i) for i in range(3)] == ["Notes", "2025", "2024"]
    assert dialog.sheet_combo.currentText() == "2025"  # the notes sheet is passed over
    preview = dialog.preview.table
    assert [preview.horizontalHeaderItem(c).text() for c in range(3)] == [
        "Client", "Date", "Montant",
    ]  # fmt: skip
    assert preview.item(0, 0).text() == "ann" and preview.item(0, 1).text() == "2025-01-05"
    assert "workbook sheet “2025”" in dialog.summary.text()
    assert "2 rows read, 2 used." in dialog.summary.text()
    with qtbot.waitSignal(dialog.reading_finished, timeout=20000):
        dialog.sheet_combo.setCurrentIndex(2)
    assert preview.item(0, 0).text() == "zoe"
    assert dialog.file_analysis is not None and dialog.file_analysis.orders is not None
    assert dialog.file_analysis.orders.totals.revenue == 99.0
    dialog.add_to_kpis()
    assert session.project.imported.files[-1].sheet == "2024"  # read again from that sheet


def test_a_large_workbook_is_previewed_once_the_background_reading_has_parsed_it(
    qtbot, session: ProjectSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.ui.imports import file_preview

    monkeypatch.setattr(file_preview, "LARGE_WORKBOOK_BYTES", 0)
    parsed_on_window_thread: list[Path] = []
    original = file_preview.sniff
    monkeypatch.setattr(
        file_preview, "sniff", lambda *a: parsed_on_window_thread.append(a[0]) or original(*a)
    )
    dialog = open_dialog(qtbot, session, _two_sheet_workbook(tmp_path))
    assert parsed_on_window_thread == []
    assert dialog.preview.isVisibleTo(dialog)
    assert dialog.preview.table.item(1, 0).text() == "bob"
    assert dialog.sheet_combo.currentText() == "2025"


def test_a_dropped_workbook_opens_the_import(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, tmp_path / "config")
    calls: list[tuple] = []
    monkeypatch.setattr(window, "import_orders", lambda *args: calls.append(args))
    for name in ("ventes.xlsx", "ventes.ods", "ventes.XLS"):
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
        window.dropEvent(
            QDropEvent(
                QPointF(5, 5),
                Qt.DropAction.CopyAction,
                data,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )
    assert calls == [(tmp_path / n,) for n in ("ventes.xlsx", "ventes.ods", "ventes.XLS")]


def test_imported_quarters_are_named_as_the_kpi_step_names_them_in_french(
    qtbot, session: ProjectSession, tmp_path: Path
) -> None:
    from advisor.i18n import use_language

    use_language("fr")
    quarter = KpiPeriod("2024 T4", dt.date(2024, 10, 1), dt.date(2024, 12, 31), customers_end=3)
    session.project.kpi_periods.append(quarter)
    dialog = open_dialog(qtbot, session, write_fixture(tmp_path, "shopify.csv"))
    assert dialog.period_combo.currentData() == "quarter"
    assert dialog.add_to_kpis()
    assert [p.label for p in session.project.kpi_periods] == ["2024 T4", "2025 T1"]

"""The export step: options, a PDF written in the background, "Open PDF", cancel, errors."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices

from advisor.domain.project import Language
from advisor.domain.wizard import StepId
from advisor.ui.export.page import ExportPage
from advisor.ui.shell.main_window import MainWindow


@pytest.fixture
def window(demo_on) -> MainWindow:
    return demo_on(StepId.EXPORT)


def _page(window: MainWindow) -> ExportPage:
    page = window.page(StepId.EXPORT)
    assert isinstance(page, ExportPage)
    return page


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_exports_in_the_background_then_opens_the_pdf(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    target = tmp_path / "plan"
    page.ask_pdf_path = lambda suggestion: target  # type: ignore[method-assign]
    assert not page.open_button.isEnabled()
    with qtbot.waitSignal(page.export_finished, timeout=20000) as finished:
        page.export_button.click()
        assert not page.export_button.isEnabled()  # one export at a time
    assert finished.args == [tmp_path / "plan.pdf"]
    assert "Brûlerie des Canuts" in _text(tmp_path / "plan.pdf")
    qtbot.waitUntil(lambda: page.export_button.isEnabled())
    assert page.open_button.isEnabled()
    assert "plan.pdf" in page.status.text()
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page.open_button.click()
    assert opened == [str(tmp_path / "plan.pdf")]


def test_options_shape_the_pdf(window: MainWindow, qtbot, tmp_path: Path) -> None:
    page = _page(window)
    page.paper.setCurrentIndex(page.paper.findData("letter"))
    page.section_boxes["journey"].setChecked(False)
    page.language.setCurrentIndex(page.language.findData("fr"))
    page.language.activated.emit(page.language.currentIndex())
    assert window.session.project.profile.report_language == Language.FR  # saved, undoable
    with qtbot.waitSignal(page.export_finished, timeout=20000):
        page.start_export(tmp_path / "plan.pdf")
    text = _text(tmp_path / "plan.pdf")
    assert "Synthèse" in text and "Parcours client" not in text
    assert float(PdfReader(tmp_path / "plan.pdf").pages[0].mediabox.width) == 612


def test_branding_preferences_are_kept(window: MainWindow) -> None:
    page = _page(window)
    page.ask_colour = lambda current: "#aa3300"  # type: ignore[method-assign]
    page.accent_button.click()
    assert page.settings.report_accent == "#aa3300"
    assert page.accent_reset.isEnabled()
    page.accent_reset.click()
    assert page.settings.report_accent == ""
    page.ask_logo_path = lambda: Path("/tmp/logo.png")  # type: ignore[method-assign]
    page.logo_button.click()
    assert page.settings.report_logo == Path("/tmp/logo.png")
    assert page.logo_label.text() == "logo.png"


def test_an_unwritable_place_says_so(window: MainWindow, qtbot, tmp_path: Path) -> None:
    page = _page(window)
    with qtbot.waitSignal(page.export_failed, timeout=20000) as failed:
        page.start_export(tmp_path / "missing" / "plan.pdf")
    assert "folder does not exist" in failed.args[0]
    qtbot.waitUntil(lambda: page.export_button.isEnabled())
    assert not page.open_button.isEnabled()


def test_cancel_writes_nothing(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import advisor.report.export as export

    release = threading.Event()
    original = export.build_report

    def slow_build(*args: object) -> object:
        release.wait(10)  # the export is under way when the user cancels
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "build_report", slow_build)
    page = _page(window)
    task = page.start_export(tmp_path / "plan.pdf")
    assert page.cancel_button.isVisibleTo(page)
    with qtbot.waitSignal(task.finished, timeout=20000):
        page.cancel_button.click()
        release.set()
    assert not (tmp_path / "plan.pdf").exists()
    assert "cancelled" in page.status.text()
    assert page.export_button.isEnabled() and not page.open_button.isEnabled()


def test_empty_sections_are_greyed_out(blank_on) -> None:
    page = _page(blank_on(StepId.EXPORT))
    assert not page.section_boxes["kpis"].isEnabled()
    assert not page.section_boxes["plan"].isEnabled()


def test_french_page(window: MainWindow) -> None:
    window.set_language("fr")
    page = _page(window)
    assert page.open_button.text() == "Ouvrir le PDF"
    assert page.section_boxes["summary"].text() == "Synthèse"


def test_an_orders_export_adds_cohorts_and_segments(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from tests.import_fixtures import write_fixture

    page = _page(window)
    orders = write_fixture(tmp_path, "shopify.csv")
    page.ask_orders_path = lambda: orders  # type: ignore[method-assign]
    page.orders_button.click()
    assert page.orders_label.text() == "shopify.csv"
    with qtbot.waitSignal(page.export_finished, timeout=30000):
        page.start_export(tmp_path / "plan.pdf")
    assert "Customer segments (RFM)" in _text(tmp_path / "plan.pdf")
    qtbot.waitUntil(lambda: page.export_button.isEnabled())
    survey = write_fixture(tmp_path, "typeform.csv")
    page.ask_orders_path = lambda: survey  # type: ignore[method-assign]
    page.orders_button.click()
    with qtbot.waitSignal(page.export_failed, timeout=30000) as failed:
        page.start_export(tmp_path / "plan2.pdf")
    assert "survey answers, not orders" in failed.args[0]
    assert not (tmp_path / "plan2.pdf").exists()


def test_the_playbook_folder_preference_reaches_the_pdf(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from tests.test_report_model import write_playbook

    page = _page(window)
    page.settings.playbook_folder = write_playbook(tmp_path / "own")
    try:
        window.session.project.plan.actions[0].playbook_id = "test-first-cup"
        with qtbot.waitSignal(page.export_finished, timeout=30000):
            page.start_export(tmp_path / "plan.pdf")
    finally:
        page.settings.playbook_folder = None  # the settings folder is shared by the session
    assert "First cup guide" in _text(tmp_path / "plan.pdf")


def test_the_export_step_is_done_once_a_pdf_is_written_and_until_the_next_change(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from advisor.domain.edits import SetProfileField
    from advisor.domain.wizard import WORKSHOP_STEPS

    def export_row_says() -> str:
        return window.navigator.item(WORKSHOP_STEPS.index(StepId.EXPORT)).text()

    assert "not started" in export_row_says()  # the profile is filled, nothing is printed
    page = _page(window)
    page.ask_pdf_path = lambda suggestion: tmp_path / "plan.pdf"  # type: ignore[method-assign]
    with qtbot.waitSignal(page.export_finished, timeout=20000):
        page.export_button.click()
    assert "complete" in export_row_says()
    window.session.apply(SetProfileField("sector", "Coffee and tea"))
    assert "not started" in export_row_says()  # the PDF no longer shows the project
    window.session.undo_stack.undo()
    assert "not started" in export_row_says()  # a change since: print again to be sure


def test_an_incomplete_project_says_what_is_missing_and_may_be_printed_anyway(
    blank_on, qtbot, tmp_path: Path
) -> None:
    window = blank_on(StepId.EXPORT)
    page = _page(window)
    assert "Business profile: Business name" in page.readiness.text()
    asked: list[list[str]] = []
    answer = [False]

    def confirm(missing: list[str]) -> bool:
        asked.append(missing)
        return answer[0]

    page.confirm_incomplete = confirm  # type: ignore[method-assign]
    page.ask_pdf_path = lambda suggestion: tmp_path / "plan.pdf"  # type: ignore[method-assign]
    page.export_button.click()
    assert asked and asked[0][0].startswith("Business profile: ")
    assert len(asked[0]) == 6  # every step before the export is still empty
    assert not (tmp_path / "plan.pdf").exists()  # cancelled: nothing written
    answer[0] = True
    with qtbot.waitSignal(page.export_finished, timeout=20000):
        page.export_button.click()
    assert (tmp_path / "plan.pdf").exists()


def test_print_sends_the_pdf_s_pages_to_the_printer(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from advisor.ui.export.printing import print_pdf

    page = _page(window)
    shown: list[bytes] = []
    page.show_print_preview = shown.append  # type: ignore[method-assign]
    window.menus.print_plan.trigger()  # File › Print… (Ctrl+P)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    pdf = shown[0]
    assert pdf.startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # a PDF file as the printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_pdf(printer, pdf)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert pages == len(PdfReader(io.BytesIO(pdf)).pages) == len(printed.pages)
    assert window.menus.print_plan.shortcut().toString() == "Ctrl+P"

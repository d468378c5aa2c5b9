"""The main window as a user drives it: start page, demo, steps, editing, saving, closing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from advisor.domain.project import BusinessModel, Project
from advisor.domain.wizard import STEP_TITLES, WORKSHOP_STEPS, StepId
from advisor.storage.project_file import load_project, save_project
from advisor.ui.shell.dialogs import ChangedChoice, RecoveryChoice, SaveChoice
from advisor.ui.shell.main_window import MainWindow
from tests.ui_helpers import make_window, type_text


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    return make_window(qtbot, tmp_path / "config")


def _saved_project(tmp_path: Path, name: str = "Boulangerie Martin") -> Path:
    project = Project()
    project.profile.name = name
    path = tmp_path / "martin.retention"
    save_project(project, path)
    return path


def test_start_page_opens_demo_and_every_step_can_be_visited(window: MainWindow, qtbot) -> None:
    assert window.central.currentWidget() is window.start_page
    qtbot.mouseClick(window.start_page.demo_button, Qt.MouseButton.LeftButton)
    assert window.session.is_demo
    assert window.current_step == StepId.PROFILE
    assert "(demo)" in window.windowTitle()
    assert window.page(StepId.PROFILE).name.text() == window.session.project.profile.name
    for row, step in enumerate(WORKSHOP_STEPS):
        window.navigator.setCurrentRow(row)
        assert window.current_step == step
        assert window.page_stack.currentWidget() is window.page(step)
        assert STEP_TITLES[step] in window.page(step).title.text()
    window.show_step(StepId.PROFILE)
    for step in WORKSHOP_STEPS[1:]:
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
        assert window.current_step == step
    assert not window.next_button.isEnabled()


def test_sidebar_shows_completeness_of_each_step(window: MainWindow) -> None:
    window.new_project()
    assert "not started" in window.navigator.item(0).text()
    window.open_demo()
    assert "complete" in window.navigator.item(0).text()


def test_typing_a_name_with_accents_is_one_undoable_edit(window: MainWindow) -> None:
    window.new_project()
    page = window.page(StepId.PROFILE)
    type_text(page.name, "Café Éole")
    assert window.session.project.profile.name == "Café Éole"
    assert window.isWindowModified()
    assert "Café Éole" in window.windowTitle()
    window.menus.undo.trigger()
    assert window.session.project.profile.name == ""
    assert page.name.text() == ""
    assert not window.isWindowModified()
    window.menus.redo.trigger()
    assert page.name.text() == "Café Éole"


def test_every_profile_field_edit_is_undoable(window: MainWindow) -> None:
    window.new_project()
    page = window.page(StepId.PROFILE)
    type_text(page.customers.edit, "1800")
    page.business_model.setCurrentIndex(page.business_model.findData("subscription"))
    page.business_model.activated.emit(page.business_model.currentIndex())
    page.currency.setCurrentText("CHF")
    page.currency.activated.emit(page.currency.currentIndex())
    type_text(page.notes, "Atelier")
    profile = window.session.project.profile
    assert (profile.customers, profile.business_model, profile.currency, profile.notes) == (
        1800,
        BusinessModel.SUBSCRIPTION,
        "CHF",
        "Atelier",
    )
    assert "(CHF)" in window.page(StepId.PROFILE)._labels["yearly_revenue"].text()
    for _ in range(4):
        window.menus.undo.trigger()
    assert (profile.customers, profile.business_model, profile.currency, profile.notes) == (
        None,
        None,
        "EUR",
        "",
    )
    assert page.customers.edit.text() == ""


def test_impossible_number_is_refused_inline(window: MainWindow) -> None:
    window.new_project()
    page = window.page(StepId.PROFILE)
    type_text(page.customers.edit, "-12")
    assert page.customers.error_text == "This cannot be negative"
    type_text(page.yearly_revenue.edit, "lots")
    assert "Type a number" in page.yearly_revenue.error_text
    assert window.session.project.profile.customers is None
    assert window.session.project.profile.yearly_revenue is None


def test_french_revenue_with_narrow_spaces_is_read(window: MainWindow) -> None:
    window.set_language("fr")
    window.new_project()
    page = window.page(StepId.PROFILE)
    type_text(page.yearly_revenue.edit, "420\u202f000,50")
    assert window.session.project.profile.yearly_revenue == 420000.5


def test_language_switch_changes_visible_text(window: MainWindow) -> None:
    window.open_demo()
    assert window.menus.file_menu.title() == "&File"
    window.set_language("fr")
    assert window.menus.file_menu.title() == "&Fichier"
    assert "Profil" in window.page(StepId.PROFILE).title.text()
    assert window.navigator.item(1).text().startswith("Parcours client")
    assert window.settings.language == "fr"
    window.set_language("en")
    assert window.menus.file_menu.title() == "&File"


def test_save_as_then_reopen_gives_the_same_project(window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    type_text(window.page(StepId.PROFILE).facilitator_firm, " & Co")
    target = tmp_path / "out" / "roaster"
    target.parent.mkdir()
    window.ask_save_path = lambda: target  # type: ignore[method-assign]
    assert window.save()
    saved = target.with_suffix(".retention")
    assert not window.isWindowModified()
    assert not window.session.is_demo
    assert load_project(saved) == window.session.project
    assert window.settings.recent_files[0] == saved.resolve()
    assert window.start_page.recent.count() == 1


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_work(
    window: MainWindow, tmp_path: Path
) -> None:
    window.open_path(_saved_project(tmp_path))
    type_text(window.page(StepId.PROFILE).sector, "Bakery")
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or SaveChoice.CANCEL  # type: ignore
    assert not window.close()
    assert asked and window.session.project.profile.sector == "Bakery"
    window.ask_save_changes = lambda: SaveChoice.SAVE  # type: ignore[method-assign]
    assert window.close()
    assert load_project(tmp_path / "martin.retention").profile.sector == "Bakery"


def test_damaged_file_is_explained_and_current_project_kept(
    window: MainWindow, tmp_path: Path
) -> None:
    window.open_demo()
    name = window.session.project.profile.name
    bad = tmp_path / "photo.retention"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(message)  # type: ignore
    assert not window.open_path(bad)
    assert "photo.retention" in errors[0] and "PNG" in errors[0]
    assert window.session.project.profile.name == name
    assert bad.read_bytes().startswith(b"\x89PNG")


def test_dropping_a_project_file_opens_it(window: MainWindow, tmp_path: Path) -> None:
    path = _saved_project(tmp_path, "Fromagerie Dubois")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.session.project.profile.name == "Fromagerie Dubois"
    assert window.session.path == path


def test_recovery_copy_is_offered_and_restored_after_a_crash(qtbot, tmp_path: Path) -> None:
    config = tmp_path / "config"
    crashed = make_window(qtbot, config)
    crashed.open_path(_saved_project(tmp_path))
    type_text(crashed.page(StepId.PROFILE).sector, "Boulangerie")
    crashed.session.write_recovery()
    (recovery,) = (config / "recovery").glob("*.recovery.json")
    envelope = json.loads(recovery.read_text())
    envelope["pid"] = 2**22 + 4321  # as if that process had died
    recovery.write_text(json.dumps(envelope))

    reopened = make_window(qtbot, config)
    reopened.ask_restore = lambda title, when: RecoveryChoice.RESTORE  # type: ignore
    reopened.offer_recovery()
    assert reopened.session.project.profile.sector == "Boulangerie"
    assert reopened.isWindowModified()
    assert reopened.session.path == tmp_path / "martin.retention"
    assert load_project(tmp_path / "martin.retention").profile.sector == ""
    crashed.session.discard_recovery()


def _two_windows_on_one_file(qtbot, tmp_path: Path) -> tuple[MainWindow, MainWindow, Path]:
    """Windows A and B open the same file; B saves a change, then A changes something too."""
    path = _saved_project(tmp_path)
    a, b = make_window(qtbot, tmp_path / "config-a"), make_window(qtbot, tmp_path / "config-b")
    assert a.open_path(path) and b.open_path(path)
    type_text(b.page(StepId.PROFILE).sector, "Bakery")
    assert b.save()
    type_text(a.page(StepId.PROFILE).facilitator_name, "Claire")
    return a, b, path


def test_saving_over_another_windows_save_asks_and_keep_mine_overwrites(
    qtbot, tmp_path: Path
) -> None:
    a, _b, path = _two_windows_on_one_file(qtbot, tmp_path)
    asked: list[Path] = []
    a.ask_file_changed = lambda p: asked.append(p) or ChangedChoice.OVERWRITE  # type: ignore

    assert a.save()

    assert asked == [path]
    saved = load_project(path)
    assert (saved.profile.facilitator_name, saved.profile.sector) == ("Claire", "")
    assert load_project(path.with_name("martin.backup.retention")).profile.sector == "Bakery"
    assert not a.isWindowModified()
    type_text(a.page(StepId.PROFILE).facilitator_name, " Dumont")
    assert a.save() and asked == [path]  # its own save is no change by someone else


def test_saving_over_another_windows_save_can_cancel_reload_theirs_or_save_as(
    qtbot, tmp_path: Path
) -> None:
    a, _b, path = _two_windows_on_one_file(qtbot, tmp_path)
    a.ask_file_changed = lambda p: ChangedChoice.CANCEL  # type: ignore[method-assign]
    assert not a.save()
    assert load_project(path).profile.sector == "Bakery" and a.isWindowModified()

    elsewhere = tmp_path / "mine.retention"
    a.ask_file_changed = lambda p: ChangedChoice.SAVE_AS  # type: ignore[method-assign]
    a.ask_save_path = lambda: elsewhere  # type: ignore[method-assign]
    assert a.save()
    assert load_project(elsewhere).profile.facilitator_name == "Claire"
    assert load_project(path).profile.sector == "Bakery" and a.session.path == elsewhere

    assert a.open_path(path)
    type_text(a.page(StepId.PROFILE).facilitator_name, "Claire")
    other = load_project(path)
    other.profile.notes = "Saved by a third window"
    save_project(other, path)
    a.ask_file_changed = lambda p: ChangedChoice.RELOAD  # type: ignore[method-assign]
    assert not a.save()
    assert a.session.project.profile.notes == "Saved by a third window"
    assert a.page(StepId.PROFILE).facilitator_name.text() == ""
    assert not a.isWindowModified()


def test_a_recovery_copy_that_cannot_be_written_is_reported_once(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.storage.project_file import ProjectFileError
    from advisor.ui.shell import project_session

    def full_disk(*args: object) -> Path:
        raise ProjectFileError("recovery.json", "No space left on device")

    real_write = project_session.write_recovery
    monkeypatch.setattr(project_session, "write_recovery", full_disk)
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(message)  # type: ignore
    window.new_project()
    type_text(window.page(StepId.PROFILE).name, "Atelier")
    for _tick in range(8):
        window.autosave_timer.timeout.emit()
    assert len(errors) == 1 and "No space left on device" in errors[0]

    monkeypatch.setattr(project_session, "write_recovery", real_write)
    window.autosave_timer.timeout.emit()  # written again: a later failure is news
    assert list(window.settings.recovery_dir.glob("*.recovery.json"))
    monkeypatch.setattr(project_session, "write_recovery", full_disk)
    window.autosave_timer.timeout.emit()
    assert len(errors) == 2


def test_workshop_mode_enlarges_the_type(window: MainWindow) -> None:
    window.open_demo()
    normal = window.page(StepId.PROFILE).name.font().pointSizeF()
    window.menus.workshop.trigger()
    assert window.page(StepId.PROFILE).name.font().pointSizeF() > normal * 1.3
    window.menus.workshop.trigger()
    assert window.page(StepId.PROFILE).name.font().pointSizeF() == normal


def test_unexpected_exception_writes_recovery_and_shows_details(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from advisor.ui.shell import error_dialog

    shown: list[str] = []
    monkeypatch.setattr(
        error_dialog, "show_error_dialog", lambda parent, report: shown.append(report)
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_dialog.install_exception_hook(window.session.write_recovery, lambda: window)
    window.new_project()
    type_text(window.page(StepId.PROFILE).name, "Atelier")
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        sys.excepthook(RuntimeError, error, error.__traceback__)
    assert "RuntimeError: boom" in shown[0]
    assert list(window.settings.recovery_dir.glob("*.recovery.json"))
    assert window.session.project.profile.name == "Atelier"


def test_recent_files_and_window_size_are_remembered(qtbot, tmp_path: Path) -> None:
    config = tmp_path / "config"
    first = make_window(qtbot, config)
    path = _saved_project(tmp_path)
    first.open_path(path)
    first.resize(700, 500)
    assert first.close()

    second = make_window(qtbot, config)
    assert (second.size().width(), second.size().height()) == (700, 500)
    (action,) = second.menus.recent_menu.actions()
    assert "martin.retention" in action.text()
    action.trigger()
    assert second.session.project.profile.name == "Boulangerie Martin"


def test_missing_recent_file_is_shown_disabled_and_dropped_when_opened(
    window: MainWindow, tmp_path: Path
) -> None:
    path = _saved_project(tmp_path)
    window.open_path(path)
    window.close_project()
    path.unlink()
    window.menus.refresh_recent()
    assert not window.start_page.recent.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    errors: list[str] = []
    window.show_error = lambda title, message: errors.append(message)  # type: ignore
    assert not window.open_path(path)
    assert "does not exist" in errors[0]
    assert window.settings.recent_files == []


def test_undo_from_another_step_shows_when_returning(window: MainWindow) -> None:
    window.new_project()
    type_text(window.page(StepId.PROFILE).name, "Atelier")
    window.show_step(StepId.KPIS)
    window.menus.undo.trigger()
    window.show_step(StepId.PROFILE)
    assert window.page(StepId.PROFILE).name.text() == ""
    assert "not started" in window.navigator.item(0).text()


def _answer_example_dialog(qtbot, example_id: str | None, rows: list[tuple[str, str]]) -> None:
    """When File › New from Example… shows its dialog, note its rows, then pick ``example_id``
    with the keyboard (None: Escape)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from advisor.ui.shell.example_dialog import ExampleDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExampleDialog)
        try:
            items = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
            rows.extend((item.text(0), item.text(1)) for item in items)
            if example_id is None:
                qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
            else:
                dialog.select(example_id)
                qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():  # never leave a modal dialog open: the run would hang
                dialog.reject()

    QTimer.singleShot(0, answer)


def test_new_from_example_opens_a_copy_that_save_puts_elsewhere(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from advisor.paths import EXAMPLES

    shipped = EXAMPLES / "hair-salon.en.retention"
    before = shipped.read_bytes()
    rows: list[tuple[str, str]] = []
    _answer_example_dialog(qtbot, "hair-salon", rows)
    window.menus.new_from_example.trigger()
    assert ("Atelier Margaux Coiffure", "Hair salon") in rows and len(rows) >= 9
    assert window.current_step == StepId.PROFILE
    assert "Atelier Margaux Coiffure" in window.windowTitle()
    assert window.session.path is None and not window.isWindowModified()
    type_text(window.page(StepId.PROFILE).facilitator_firm, " & Co")
    target = tmp_path / "salon.retention"
    asked: list[int] = []
    window.ask_save_path = lambda: asked.append(1) or target  # type: ignore[method-assign]
    assert window.save()
    assert asked and window.session.path == target
    assert shipped.read_bytes() == before


def test_new_from_example_cancel_changes_nothing_and_unsaved_work_is_asked_about(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    window.open_path(_saved_project(tmp_path))
    type_text(window.page(StepId.PROFILE).sector, "Bakery")
    asked: list[int] = []
    window.ask_save_changes = lambda: asked.append(1) or SaveChoice.CANCEL  # type: ignore
    _answer_example_dialog(qtbot, None, [])
    window.menus.new_from_example.trigger()
    assert not asked  # cancelled before anything was asked
    _answer_example_dialog(qtbot, "garage", [])
    window.menus.new_from_example.trigger()
    assert asked == [1]
    assert window.session.project.profile.sector == "Bakery"
    assert window.session.path == tmp_path / "martin.retention"


def test_about_box_shows_the_licence_and_opens_the_third_party_notices(
    window: MainWindow, qtbot
) -> None:
    from advisor import __version__
    from advisor.ui.shell.about_dialog import AboutDialog

    window.menus.about.trigger()  # opens without blocking (window-modal)
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    assert __version__ in about.text.text()
    assert "Licensed under the Apache License 2.0." in about.text.text()
    assert "Your data stays on this computer" in about.text.text()
    qtbot.mouseClick(about.notices_button, Qt.MouseButton.LeftButton)
    notices = about.notices
    assert notices is not None and notices.isVisible() and notices.view.isReadOnly()
    text = notices.view.toPlainText()
    assert "PySide6" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "Apache License 2.0" in text
    with qtbot.waitSignal(about.destroyed):  # closing the box deletes it and the notices
        about.reject()


def test_a_text_over_its_limit_is_refused_with_a_reason_not_an_error(qtbot, tmp_path) -> None:
    from advisor.domain.edits import SetProfileField

    window = make_window(qtbot, tmp_path / "config")
    window.open_demo()
    name = window.session.project.profile.name
    window.session.apply(SetProfileField("name", "x" * 600))
    assert window.session.project.profile.name == name
    assert "500" in window.statusBar().currentMessage()
    assert not window.session.undo_stack.canUndo()


def _damaged_with_backup(tmp_path: Path) -> Path:
    """A project saved twice (so a backup copy sits beside it), then damaged: one figure made
    impossible and another a word."""
    path = _saved_project(tmp_path, "Boulangerie Martin")
    project = load_project(path)
    project.profile.sector = "Bakery and tea room"
    save_project(project, path)  # the first version is now plan's backup copy
    document = json.loads(path.read_text("utf-8"))
    document["project"]["profile"]["customers"] = "lots"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_a_damaged_file_offers_its_backup_copy_and_leaves_the_file_alone(
    window: MainWindow, tmp_path: Path
) -> None:
    from advisor.ui.shell.dialogs import DamagedChoice

    path = _damaged_with_backup(tmp_path)
    damaged = path.read_bytes()
    offers: list[tuple[str | None, int | None, str]] = []

    def answer(choice: DamagedChoice):  # type: ignore[no-untyped-def]
        def ask(path: Path, backup: str | None, left_out: int | None, details: str):  # type: ignore[no-untyped-def]
            offers.append((backup, left_out, details))
            return choice

        return ask

    window.ask_damaged = answer(DamagedChoice.CANCEL)  # type: ignore[method-assign]
    assert not window.open_path(path)
    backup, left_out, details = offers[0]
    assert backup == "martin.backup.retention" and left_out == 1
    assert "profile.customers" in details  # the field's path only in the details

    window.ask_damaged = answer(DamagedChoice.BACKUP)  # type: ignore[method-assign]
    assert window.open_path(path)
    assert window.session.project.profile.name == "Boulangerie Martin"
    assert window.session.project.profile.sector != "Bakery and tea room"  # the save before
    assert window.session.path is None and window.session.is_modified  # Save As asks where

    window.ask_damaged = answer(DamagedChoice.READABLE)  # type: ignore[method-assign]
    assert window.open_path(path, already_asked=True)
    assert window.session.project.profile.sector == "Bakery and tea room"
    assert window.session.project.profile.customers is None  # the unreadable value left out
    assert path.read_bytes() == damaged


def test_a_damaged_file_named_on_the_command_line_opens_the_window_and_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    from PySide6.QtWidgets import QApplication

    from advisor import app as app_module
    from advisor.cli import gui_parser
    from advisor.ui.shell.dialogs import DamagedChoice
    from advisor.ui.shell.settings import AppSettings

    path = _damaged_with_backup(tmp_path)
    asked: list[str] = []
    windows: list[MainWindow] = []

    def ask(self, path: Path, backup, left_out, details):  # type: ignore[no-untyped-def]
        asked.append(path.name)
        windows.append(self)
        return DamagedChoice.CANCEL

    monkeypatch.setattr(MainWindow, "ask_damaged", ask)
    monkeypatch.setattr(app_module, "AppSettings", lambda: AppSettings(tmp_path / "config"))

    def run_once(self) -> int:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: bool(asked))
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    assert app_module.run_app(gui_parser().parse_args([str(path)])) == 0
    assert asked == ["martin.retention"]
    assert windows[0].isVisible()
    windows[0].session.undo_stack.setClean()
    windows[0].close()


def test_a_review_round_is_recorded_undoably_and_the_next_one_says_what_changed(
    window: MainWindow,
) -> None:
    from advisor.ui.shell.reviews import start_review_round

    window.open_demo()
    shown: list[str] = []
    window.show_message = lambda title, text: shown.append(text)  # type: ignore[method-assign]
    window.menus.review_round.trigger()
    assert len(window.session.project.reviews) == 1
    assert "Review round of" in shown[-1] and "2026 Q4" in shown[-1]
    window.session.project.kpi_periods[-1].customers_lost = 120  # figures of the next quarter
    text = start_review_round(window, dt.date(2027, 4, 15))
    assert "Churn rate: 11.4% → 6.5%, better" in text
    window.session.undo_stack.undo()
    assert len(window.session.project.reviews) == 1  # one undo step a round


def test_export_plan_to_calendar_writes_an_ics_file(window: MainWindow, tmp_path: Path) -> None:
    from icalendar import Calendar

    window.open_demo()
    target = tmp_path / "plan"
    window.ask_calendar_path = lambda suggestion: target  # type: ignore[method-assign]
    window.menus.calendar.trigger()
    events = list(Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT"))
    assert len(events) == 6  # five actions and the review


def test_the_plan_step_shows_the_progress_since_the_last_round(window: MainWindow) -> None:
    from advisor.ui.shell.reviews import start_review_round

    window.open_demo()
    window.show_message = lambda title, text: None  # type: ignore[method-assign]
    window.show_step(StepId.PLAN)
    tabs = window.page(StepId.PLAN).plan_tabs  # type: ignore[attr-defined]
    assert not tabs.isTabVisible(2)  # no round yet: no Progress tab
    start_review_round(window, dt.date(2027, 1, 10))
    window.session.project.kpi_periods[-1].customers_lost = 120
    window.session.project_changed.emit()
    assert tabs.isTabVisible(2) and tabs.tabText(2) == "Progress"
    text = tabs.progress.toPlainText()
    assert "Progress since the last review" in text and "better" in text


def test_the_plan_step_offers_the_review_round_once_its_date_has_come(window: MainWindow) -> None:
    window.open_demo()
    window.show_message = lambda title, text: None  # type: ignore[method-assign]
    window.session.project.plan.review_date = dt.date.today() - dt.timedelta(days=1)
    window.show_step(StepId.PLAN)
    page = window.page(StepId.PLAN)
    assert not page.review_button.isHidden()  # type: ignore[attr-defined]
    page.review_button.click()  # type: ignore[attr-defined]
    assert len(window.session.project.reviews) == 1

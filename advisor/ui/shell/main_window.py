"""The main window: start page, step sidebar, step pages, menus and file handling."""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor import APP_NAME
from advisor.domain.project import Language, Project
from advisor.domain.wizard import StepId, neighbour_step
from advisor.i18n import _, current_language, use_language
from advisor.i18n.formatting import format_datetime
from advisor.paths import demo_project
from advisor.storage.project_file import SUFFIX, ProjectFileError, load_project
from advisor.storage.recovery import discard_recovery, find_recoveries, load_recovery
from advisor.ui.common.none_refcount import protect_none
from advisor.ui.common.step_page import StepPage
from advisor.ui.shell import dialogs
from advisor.ui.shell.dialogs import RecoveryChoice, SaveChoice
from advisor.ui.shell.menus import MainMenus
from advisor.ui.shell.project_session import ProjectSession
from advisor.ui.shell.qt_translations import install_qt_translator
from advisor.ui.shell.settings import AppSettings
from advisor.ui.shell.start_page import StartPage
from advisor.ui.shell.step_navigator import StepNavigator

# "module:class" of each built step's page, imported when first shown: importing them all
# (QtCharts, Qt models) would cost more at start-up than building the window.
PAGE_CLASSES: dict[StepId, str] = {
    StepId.PROFILE: "advisor.ui.profile.page:ProfilePage",
    StepId.JOURNEY: "advisor.ui.journey.page:JourneyPage",
    StepId.RETENTION_TYPE: "advisor.ui.diagnosis.retention_type_page:RetentionTypePage",
    StepId.CHURN: "advisor.ui.diagnosis.churn_page:ChurnPage",
    StepId.KPIS: "advisor.ui.kpis.page:KpisPage",
    StepId.PLAN: "advisor.ui.plan.page:PlanPage",
    StepId.EXPORT: "advisor.ui.export.page:ExportPage",
}
AUTOSAVE_INTERVAL_MS = 2 * 60 * 1000
IMPORT_SUFFIXES = (".csv", ".tsv", ".txt")  # dropped files the import dialog reads
WORKSHOP_FONT_SCALE = 1.5


class MainWindow(QMainWindow):
    """One window, one project at a time."""

    #: The visible step changed (its id).
    step_shown = Signal(StepId)

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        protect_none()  # every page makes Qt calls that return nothing; see none_refcount
        self.settings = settings
        self.session = ProjectSession(settings.recovery_dir, self)
        self.current_step = StepId.START
        self.setAcceptDrops(True)
        self.resize(1200, 780)

        self.start_page = StartPage()
        self.navigator = StepNavigator()
        self.pages: dict[StepId, StepPage] = {}  # built when first shown
        self.page_stack = QStackedWidget()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.central = QStackedWidget()
        self.central.addWidget(self.start_page)
        self.central.addWidget(self._build_workspace())
        self.setCentralWidget(self.central)
        self.menus = MainMenus(self)

        self._connect()
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.session.write_recovery)
        self.autosave_timer.start()
        self.retranslate_ui()
        self.show_step(StepId.START)

    def _build_workspace(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.page_stack, 1)
        column.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _connect(self) -> None:
        self.start_page.new_requested.connect(self.new_project)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.demo_requested.connect(self.open_demo)
        self.start_page.recent_chosen.connect(self.open_path)
        self.navigator.step_chosen.connect(self.show_step)
        self.previous_button.clicked.connect(lambda: self.go_to_neighbour(-1))
        self.next_button.clicked.connect(lambda: self.go_to_neighbour(+1))
        self.session.project_changed.connect(self._on_project_changed)
        self.session.project_replaced.connect(self._on_project_replaced)
        self.session.modified_changed.connect(self.setWindowModified)
        self.session.path_changed.connect(self._update_title)

    # Navigation

    def show_step(self, step: StepId) -> None:
        """Show the start page or a workshop step."""
        self.current_step = step
        if step == StepId.START:
            self.central.setCurrentIndex(0)
        else:
            self.central.setCurrentIndex(1)
            page = self.page(step)
            page.load(self.session.project)  # edits made elsewhere (undo) show up here
            self.page_stack.setCurrentWidget(page)
            self.previous_button.setEnabled(neighbour_step(step, -1) is not None)
            self.next_button.setEnabled(neighbour_step(step, +1) is not None)
        self.navigator.select_step(step)
        self.menus.update_enabled()
        self._update_title()
        self.step_shown.emit(step)

    def go_to_neighbour(self, offset: int) -> None:
        """Show the next (+1) or previous (-1) workshop step, if there is one."""
        target = neighbour_step(self.current_step, offset)
        if target is not None:
            self.show_step(target)

    def page(self, step: StepId) -> StepPage:
        """The page of a workshop step, built on first use."""
        if step not in self.pages:
            page = _page_class(step)()
            page.edit_requested.connect(self.session.apply)
            page.import_requested.connect(lambda: self.import_orders())
            page.set_workshop_mode(self.menus.workshop.isChecked())
            page.use_settings(self.settings)
            self.page_stack.addWidget(page)
            self.pages[step] = page
        return self.pages[step]

    @property
    def has_project(self) -> bool:
        return self.current_step != StepId.START

    # Project changes

    def _on_project_changed(self) -> None:
        project = self.session.project
        self.navigator.refresh(project)
        if self.current_step in self.pages:
            self.pages[self.current_step].load(project)
        self._update_title()

    def _on_project_replaced(self) -> None:
        for page in self.pages.values():
            page.load(self.session.project)
        self.navigator.refresh(self.session.project)
        self._update_title()

    def _update_title(self) -> None:
        if not self.has_project and not self.session.is_modified:
            self.setWindowTitle(APP_NAME)
            return
        name = self.session.display_name or _("Untitled project")
        if self.session.is_demo:
            name = _("{name} (demo)").format(name=name)
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.session.is_modified)

    # File handling

    def new_project(self) -> None:
        if self.maybe_save():
            project = Project()
            project.profile.report_language = Language(current_language())
            self.session.replace(project, None)
            self.show_step(StepId.PROFILE)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path, already_asked=True)

    def open_path(
        self, path: Path, already_asked: bool = False, loaded: Project | None = None
    ) -> bool:
        """Open a project file (``loaded``: its content, already loaded and checked); on a bad
        file, explain and keep the current project."""
        if not already_asked and not self.maybe_save():
            return False
        try:
            self.session.open(path, loaded)
        except ProjectFileError as error:
            self.show_error(_("Cannot open the project"), _describe(error))
            if not path.exists():
                self.settings.remove_recent_file(path)
                self.menus.refresh_recent()
            return False
        self.settings.add_recent_file(path)
        self.menus.refresh_recent()
        self.show_step(StepId.PROFILE)
        return True

    def open_demo(self, loaded: Project | None = None) -> bool:
        """Open the demo project (``loaded``: the demo, already loaded and checked)."""
        if not self.maybe_save():
            return False
        project = loaded
        try:
            if project is None:
                project = load_project(demo_project(current_language()))
        except ProjectFileError as error:
            self.show_error(_("Cannot open the demo"), _describe(error))
            return False
        self.session.replace(project, None, demo=True)
        self.show_step(StepId.PROFILE)
        return True

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        return path is not None and self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            self.session.save(path)
        except ProjectFileError as error:
            self.show_error(_("Cannot save the project"), _describe(error))
            return False
        self.settings.add_recent_file(path)
        self.menus.refresh_recent()
        self.statusBar().showMessage(_("Saved to {path}").format(path=path), 5000)
        return True

    def close_project(self) -> bool:
        if not self.maybe_save():
            return False
        self.session.replace(Project(), None)
        self.show_step(StepId.START)
        self._update_title()
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; ``False`` means the user cancelled."""
        if not self.session.is_modified:
            return True
        choice = self.ask_save_changes()
        if choice == SaveChoice.SAVE:
            return self.save()
        if choice == SaveChoice.DISCARD:
            self.session.discard_recovery()
            return True
        return False

    def offer_recovery(self) -> None:
        """After a crash, offer the newest recovery copy back."""
        copies = find_recoveries(self.settings.recovery_dir)
        if not copies:
            return
        copy = copies[0]
        choice = self.ask_restore(
            copy.title or _("Untitled project"), format_datetime(copy.saved_at, current_language())
        )
        if choice == RecoveryChoice.RESTORE:
            try:
                project = load_recovery(copy)
            except (OSError, ValueError, ProjectFileError):
                self.show_error(_("Cannot restore"), _("The recovery copy is damaged."))
                return
            self.session.replace(project, copy.original, unsaved=True)
            discard_recovery(copy.path)
            self.session.write_recovery()
            self.show_step(StepId.PROFILE)
        elif choice == RecoveryChoice.DISCARD:
            discard_recovery(copy.path)

    def import_orders(self, path: Path | None = None) -> None:
        """File › Import orders… (or a dropped export): the import dialog, on a project."""
        if not self.has_project:
            self.new_project()
            if not self.has_project:
                return
        from advisor.ui.imports.dialog import ImportDialog  # only now: the analytics views

        dialog = getattr(self, "import_dialog", None)
        if dialog is None:  # one dialog, reused: a reading in progress keeps its receiver
            dialog = ImportDialog(self.session, self)
            dialog.figures_added.connect(lambda: self.show_step(StepId.KPIS))
            self.import_dialog = dialog
        dialog.show()
        dialog.raise_()
        if path is not None:
            dialog.open_file(path)
        else:
            dialog.choose_file()

    # Dialogs (small methods, so tests can answer them)

    def ask_save_changes(self) -> SaveChoice:
        return dialogs.ask_save_changes(self, self.session.display_name or _("Untitled project"))

    def ask_restore(self, title: str, when: str) -> RecoveryChoice:
        return dialogs.ask_restore(self, title, when)

    def ask_open_path(self) -> Path | None:
        return dialogs.ask_open_path(self)

    def ask_save_path(self) -> Path | None:
        name = self.session.display_name or "plan"
        return dialogs.ask_save_path(self, self.session.path or Path.home() / f"{name}{SUFFIX}")

    def show_error(self, title: str, message: str) -> None:
        dialogs.show_error(self, title, message)

    # View

    def set_language(self, language: str) -> None:
        """Switch every visible text without restarting."""
        use_language(language)
        self.settings.language = language
        install_qt_translator(language)
        self.retranslate_ui()

    def set_workshop_mode(self, on: bool) -> None:
        """Full screen with larger type, for a projector."""
        font = QApplication.font()
        if on:
            font.setPointSizeF(font.pointSizeF() * WORKSHOP_FONT_SCALE)
            self.showFullScreen()
        else:
            self.showNormal()
        self.setFont(font)
        self.menus.workshop.setChecked(on)
        for page in self.pages.values():
            page.set_workshop_mode(on)

    def retranslate_ui(self) -> None:
        self.menus.retranslate_ui()
        self.start_page.retranslate_ui()
        for page in self.pages.values():
            page.retranslate_ui()
        self.navigator.refresh(self.session.project if self.has_project else None)
        self.previous_button.setText(_("← Previous step"))
        self.next_button.setText(_("Next step →"))
        self.start_page.set_recent_files(self.settings.recent_files)
        if getattr(self, "import_dialog", None) is not None:
            self.import_dialog.retranslate_ui()
        self._update_title()

    # Window events

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            if files[0].suffix.lower() in IMPORT_SUFFIXES:
                self.import_orders(files[0])
            else:
                self.open_path(files[0])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self.maybe_save():
            event.ignore()
            return
        self.session.discard_recovery()
        if not self.isFullScreen():
            self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()


def _page_class(step: StepId) -> type[StepPage]:
    module, _colon, name = PAGE_CLASSES[step].partition(":")
    page_class: type[StepPage] = getattr(importlib.import_module(module), name)
    return page_class


def _describe(error: ProjectFileError) -> str:
    return _("{file}\n\n{problem}").format(file=error.path, problem=error.problem)

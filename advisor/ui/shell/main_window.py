"""The main window: start page, step sidebar, step pages built on first use, navigation between
them, menus, view settings and window events. The file operations are ``file_operations``."""

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
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from advisor import APP_NAME
from advisor.analytics.sniffing import IMPORT_SUFFIXES  # no pandas
from advisor.domain.wizard import StepId, neighbour_step
from advisor.i18n import _, use_language
from advisor.ui.common.refcount_guard import protect_singletons
from advisor.ui.common.step_page import StepPage
from advisor.ui.shell.file_operations import FileOperations
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
WORKSHOP_FONT_SCALE = 1.5


class MainWindow(QMainWindow, FileOperations):
    """One window, one project at a time."""

    #: The visible step changed (its id).
    step_shown = Signal(StepId)

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        protect_singletons()  # every page calls Qt and emits signals; see refcount_guard
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
        self.session.recovery_failed.connect(self.report_recovery_problem)
        self.session.edit_refused.connect(lambda why: self.statusBar().showMessage(why, 10_000))

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
            self._show_page(page)
            self.previous_button.setEnabled(neighbour_step(step, -1) is not None)
            self.next_button.setEnabled(neighbour_step(step, +1) is not None)
        self.navigator.select_step(step)
        self.menus.update_enabled()
        self._update_title()
        self.step_shown.emit(step)

    def _show_page(self, page: QWidget) -> None:
        """Show ``page``; only the page shown sets how small the window may be (a stack
        otherwise asks for the widest of every page built so far)."""
        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for other in self.pages.values():
            policy = preferred if other is page else ignored
            other.setSizePolicy(policy, policy)
        self.page_stack.setCurrentWidget(page)

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
            if step == StepId.PLAN:
                page.review_requested.connect(self.menus.review_round.trigger)  # type: ignore[attr-defined]
            if step == StepId.EXPORT:
                from advisor.ui.export.page import ExportPage  # loaded with the page

                assert isinstance(page, ExportPage)
                page.export_finished.connect(lambda _path: self.session.mark_printed())
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
        self.navigator.refresh(project, self.session.printed)
        if self.current_step in self.pages:
            self.pages[self.current_step].load(project)
        self._update_title()

    def _on_project_replaced(self) -> None:
        for page in self.pages.values():
            page.load(self.session.project)
        self.navigator.refresh(self.session.project, self.session.printed)
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

    # View

    def set_language(self, language: str) -> None:
        """Switch every visible text without restarting."""
        use_language(language)
        self.settings.language = language
        install_qt_translator(language)
        self.retranslate_ui()

    def set_workshop_mode(self, on: bool) -> None:
        """Full screen with larger type, for a projector."""
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        self.set_type_scale(on)

    def set_type_scale(self, workshop: bool) -> None:
        """Every text of the window at the workshop's size or the normal one; in workshop
        mode the step list gives its width to the page (Previous and Next, Ctrl+PgUp and
        Ctrl+PgDown and the View menu still move between steps)."""
        font = QApplication.font()
        if workshop:
            font.setPointSizeF(font.pointSizeF() * WORKSHOP_FONT_SCALE)
        self.setFont(font)
        self.navigator.setVisible(not workshop)
        self.menus.workshop.setChecked(workshop)
        for page in self.pages.values():
            page.set_workshop_mode(workshop)

    def retranslate_ui(self) -> None:
        self.menus.retranslate_ui()
        self.start_page.retranslate_ui()
        for page in self.pages.values():
            page.retranslate_ui()
        self.navigator.refresh(
            self.session.project if self.has_project else None, self.session.printed
        )
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

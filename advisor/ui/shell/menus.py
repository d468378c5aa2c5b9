"""The main window's menus and their actions, with the platform's standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from advisor import APP_NAME
from advisor.domain.wizard import StepId
from advisor.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language
from advisor.ui.shell.undo import EditCommand

if TYPE_CHECKING:
    from advisor.ui.shell.help_window import HelpWindow
    from advisor.ui.shell.host import WindowHost


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    """``keys`` without repeats, in order."""
    seen: list[QKeySequence] = []
    for sequence in keys:
        if not sequence.isEmpty() and sequence not in seen:
            seen.append(sequence)
    return seen


class MainMenus:
    """Builds File, Edit, View and Help for a main window and keeps them current."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        bar = window.menuBar()
        key = QKeySequence.StandardKey
        self.new = self._action(window.new_project, key.New)
        self.new_from_example = self._action(self._new_from_example)
        self.open = self._action(window.open_dialog, key.Open)
        self.save = self._action(window.save, key.Save)
        self.save_as = self._action(window.save_as, key.SaveAs)
        self.close = self._action(window.close_project, key.Close)
        self.import_orders = self._action(lambda: window.import_orders())  # no `checked`
        self.review_round = self._action(self._start_review_round)
        self.calendar = self._action(self._export_calendar)
        self.print_plan = self._action(self._print_plan, key.Print)
        if self.print_plan.shortcut().isEmpty():
            self.print_plan.setShortcut(QKeySequence("Ctrl+P"))
        self.playbook_folder = self._action(self._choose_playbook_folder)
        self.quit = self._action(window.close, key.Quit)
        # some desktops define no Quit key (Windows): Ctrl+Q everywhere
        self.quit.setShortcuts(
            _unique([*QKeySequence.keyBindings(key.Quit), QKeySequence("Ctrl+Q")])
        )
        stack = window.session.undo_stack
        self.undo = self._action(stack.undo, key.Undo)
        self.redo = self._action(stack.redo, key.Redo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(self._show_undo_text)
        stack.redoTextChanged.connect(self._show_redo_text)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.workshop = self._action(window.set_workshop_mode, key.FullScreen)
        self.workshop.setCheckable(True)
        self.next_step = self._action(lambda: window.go_to_neighbour(+1))
        self.next_step.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.previous_step = self._action(lambda: window.go_to_neighbour(-1))
        self.previous_step.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.about = self._action(self.show_about)
        self.step_help = self._action(self.show_step_help, key.HelpContents)
        if self.step_help.shortcut().isEmpty():
            self.step_help.setShortcut(QKeySequence("F1"))
        self.user_guide = self._action(lambda: self.show_help("index"))
        self.clipboard = {
            name: self._action(partial(self._on_focus, name), shortcut)
            for name, shortcut in (
                ("cut", key.Cut),
                ("copy", key.Copy),
                ("paste", key.Paste),
                ("selectAll", key.SelectAll),
            )
        }
        for action in self.clipboard.values():
            # the focused field's own shortcuts keep working: the menu items are for the mouse
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._help_window: HelpWindow | None = None

        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(window)
        for item in (
            self.new,
            self.new_from_example,
            self.open,
            self.recent_menu,
            None,
            self.import_orders,
            self.playbook_folder,
            None,
            self.save,
            self.save_as,
            None,
            self.review_round,
            self.calendar,
            self.print_plan,
            None,
            self.close,
            self.quit,
        ):
            self._add(self.file_menu, item)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions(list(self.clipboard.values()))
        self.edit_menu.aboutToShow.connect(self._update_clipboard)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.previous_step, self.next_step])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.workshop)
        self.language_menu = self.view_menu.addMenu("")
        self.languages = QActionGroup(window)
        self.language_actions: dict[str, QAction] = {}
        for language in LANGUAGES:
            action = self.language_menu.addAction(LANGUAGE_NAMES[language])
            action.setCheckable(True)
            action.triggered.connect(partial(window.set_language, language))
            self.languages.addAction(action)
            self.language_actions[language] = action
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.step_help, self.user_guide])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about)
        self.refresh_recent()

    def _action(
        self, slot: Callable[..., object], shortcut: QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    @staticmethod
    def _add(menu: QMenu, item: QAction | QMenu | None) -> None:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)

    def _new_from_example(self) -> None:
        from advisor.ui.shell.example_dialog import open_example  # not needed at start-up

        open_example(self.window)

    def _choose_playbook_folder(self) -> None:
        from advisor.ui.plan.playbook_folder import choose_playbook_folder  # not needed at start-up

        choose_playbook_folder(self.window)

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.window.settings.recent_files
        for path in paths:
            action = self.recent_menu.addAction(f"{path.name} — {path.parent}")
            action.triggered.connect(partial(self._open_recent, path))
            action.setEnabled(path.exists())
        self.recent_menu.setEnabled(bool(paths))
        self.window.start_page.set_recent_files(paths)

    def _open_recent(self, path: Path) -> None:
        self.window.open_path(path)

    def update_enabled(self) -> None:
        has_project = self.window.has_project
        for action in (
            self.save, self.save_as, self.close, self.next_step, self.previous_step,
            self.print_plan, self.review_round, self.calendar,
        ):  # fmt: skip
            action.setEnabled(has_project)

    def _start_review_round(self) -> None:
        from advisor.ui.shell.reviews import start_review_round  # not needed at start-up

        start_review_round(self.window)

    def _export_calendar(self) -> None:
        from advisor.ui.shell.reviews import export_calendar  # not needed at start-up

        export_calendar(self.window)

    def _print_plan(self) -> None:
        """The export step's Print…: its options (paper, language, sections) are the PDF's."""
        self.window.show_step(StepId.EXPORT)
        page = self.window.pages[StepId.EXPORT]
        page.print_plan()  # type: ignore[attr-defined]

    def show_step_help(self) -> None:
        """The guide's page for the step shown (the guide's contents on the start page)."""
        step = self.window.current_step
        self.show_help("index" if step == StepId.START else step.value)

    def show_help(self, page: str) -> None:
        from advisor.ui.shell.help_window import HelpWindow  # not needed at start-up

        if self._help_window is None:
            self._help_window = HelpWindow(self.window)
        self._help_window.show_page(page)

    def _on_focus(self, name: str) -> None:
        """Cut, copy, paste or select all in the field that has the keyboard."""
        method = getattr(QApplication.focusWidget(), name, None)
        if callable(method):
            method()

    def _update_clipboard(self) -> None:
        focus = QApplication.focusWidget()
        for name, action in self.clipboard.items():
            action.setEnabled(callable(getattr(focus, name, None)))

    def show_about(self) -> None:
        from advisor.ui.shell.about_dialog import show_about  # not needed at start-up

        show_about(self.window)

    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.recent_menu.setTitle(_("Open &Recent"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.new.setText(_("&New Project"))
        self.new_from_example.setText(_("New from &Example…"))
        self.open.setText(_("&Open…"))
        self.save.setText(_("&Save"))
        self.save_as.setText(_("Save &As…"))
        self.import_orders.setText(_("&Import Orders…"))
        self.print_plan.setText(_("&Print…"))
        self.review_round.setText(_("Start &Review Round…"))
        self.calendar.setText(_("Export Plan to &Calendar…"))
        self.playbook_folder.setText(_("&Playbook Folder…"))
        self.close.setText(_("&Close Project"))
        self.quit.setText(_("&Quit"))
        self._retranslate_undo()
        self.workshop.setText(_("&Workshop Mode"))
        self.next_step.setText(_("&Next Step"))
        self.previous_step.setText(_("&Previous Step"))
        self.about.setText(_("&About {app}").format(app=APP_NAME))
        self.step_help.setText(_("&Help for This Step"))
        self.user_guide.setText(_("User &Guide"))
        for name, text in (
            ("cut", _("Cu&t")),
            ("copy", _("&Copy")),
            ("paste", _("&Paste")),
            ("selectAll", _("Select &All")),
        ):
            self.clipboard[name].setText(text)
        self.language_actions[current_language()].setChecked(True)

    def _retranslate_undo(self) -> None:
        stack = self.window.session.undo_stack
        for index in range(stack.count()):
            command = stack.command(index)
            if isinstance(command, EditCommand):
                command.retranslate()
        self._show_undo_text(stack.undoText())
        self._show_redo_text(stack.redoText())

    def _show_undo_text(self, what: str) -> None:
        self.undo.setText(_("&Undo {what}").format(what=what) if what else _("&Undo"))

    def _show_redo_text(self, what: str) -> None:
        self.redo.setText(_("&Redo {what}").format(what=what) if what else _("&Redo"))

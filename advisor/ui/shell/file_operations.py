"""The main window's file operations: new, open (a file, a recent one, the demo), save (and
what to do when someone else changed the file), close, the recovery copy offered back after a
crash and File › Import orders…; with the questions they ask (small methods, so tests can
answer them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.domain.project import Language, Project
from advisor.domain.wizard import StepId
from advisor.i18n import _, current_language, ngettext
from advisor.i18n.formatting import format_datetime
from advisor.paths import demo_project
from advisor.storage.atomic_write import FileChangedOnDisk, FileIdentity
from advisor.storage.project_file import (
    SUFFIX,
    ProjectFileError,
    backup_path,
    load_project,
    salvage_project,
)
from advisor.storage.recovery import discard_recovery, load_recovery, scan_recoveries
from advisor.ui.shell import dialogs
from advisor.ui.shell.dialogs import ChangedChoice, RecoveryChoice, SaveChoice

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from advisor.ui.imports.dialog import ImportDialog
    from advisor.ui.shell.menus import MainMenus
    from advisor.ui.shell.project_session import ProjectSession
    from advisor.ui.shell.settings import AppSettings


class FileOperations:
    """What the File menu, the start page and dropped files do to the window's project; mixed
    into ``MainWindow``, which provides the parts declared below."""

    if TYPE_CHECKING:
        settings: AppSettings
        session: ProjectSession
        menus: MainMenus
        import_dialog: ImportDialog

        @property
        def has_project(self) -> bool: ...

        def show_step(self, step: StepId) -> None: ...
        def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)
        def _update_title(self) -> None: ...

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
            if not path.exists():
                self.settings.remove_recent_file(path)
                self.menus.refresh_recent()
            if error.damaged:
                return self._open_damaged(path, error)
            self.show_error(_("Cannot open the project"), _describe(error))
            return False
        self.settings.add_recent_file(path)
        self.menus.refresh_recent()
        self.show_step(StepId.PROFILE)
        return True

    def _open_damaged(self, path: Path, error: ProjectFileError) -> bool:
        """A damaged file: offer the backup copy beside it, or what can be read of it, each
        as a new unsaved project (the damaged file is never written over)."""
        backup: Project | None = None
        try:
            if backup_path(path).is_file():
                backup = load_project(backup_path(path))
        except ProjectFileError:
            backup = None
        salvaged = salvage_project(path)
        details = _("{file}\n{problem}").format(file=path, problem=error.problem)
        if salvaged is not None and salvaged.left_out:
            details += "\n\n" + _("Values left out: {fields}").format(
                fields=", ".join(salvaged.left_out)
            )
        choice = self.ask_damaged(
            path,
            backup_path(path).name if backup is not None else None,
            len(salvaged.left_out) if salvaged is not None else None,
            details,
        )
        if choice == dialogs.DamagedChoice.BACKUP and backup is not None:
            opened, what = backup, _("the backup copy of {file}")
        elif choice == dialogs.DamagedChoice.READABLE and salvaged is not None:
            opened, what = salvaged.project, _("what could be read of {file}")
        else:
            return False
        self.session.replace(opened, None, unsaved=True)
        self.show_step(StepId.PROFILE)
        self.statusBar().showMessage(
            _("Opened {what}; save it under a name with File › Save As…").format(
                what=what.format(file=path.name)
            )
        )
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
        """Save; if someone else changed the file since it was opened here, ask whether to
        overwrite their version, reload it or save under another name."""
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        overwrite: FileIdentity | None = None
        while True:
            try:
                self.session.save(path, overwrite)
                break
            except FileChangedOnDisk as changed:
                choice = self.ask_file_changed(path)
                if choice == ChangedChoice.OVERWRITE:
                    overwrite = changed.current  # theirs, as seen now: a third change asks again
                    continue
                if choice == ChangedChoice.SAVE_AS:
                    return self.save_as()
                if choice == ChangedChoice.RELOAD:
                    self.reload()
                return False
            except ProjectFileError as error:
                self.show_error(_("Cannot save the project"), _describe(error))
                return False
        self.settings.add_recent_file(path)
        self.menus.refresh_recent()
        self.statusBar().showMessage(_("Saved to {path}").format(path=path), 5000)
        return True

    def reload(self) -> None:
        """Read the project's file again, dropping the changes made here (after someone else
        saved it); on a bad file, explain and keep the current project."""
        if self.session.path is None:
            return
        try:
            self.session.open(self.session.path)
        except ProjectFileError as error:
            self.show_error(_("Cannot open the project"), _describe(error))

    def report_recovery_problem(self, problem: str) -> None:
        """The recovery copy could not be written: said once (the session does not repeat it
        at every tick), so the user saves while the work is still in the window."""
        self.show_error(
            _("Cannot write the recovery copy"),
            _("{problem}\n\nYour work is still open: save it now to keep it safe.").format(
                problem=problem
            ),
        )

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
        """After a crash, offer the newest recovery copy back (saying where damaged ones went)."""
        scan = scan_recoveries(self.settings.recovery_dir)
        if scan.set_aside:
            count = len(scan.set_aside)
            message = ngettext(
                "A recovery copy was damaged and could not be read. It was moved to {folder}.",
                "{n} recovery copies were damaged and could not be read. They were moved to "
                "{folder}.",
                count,
            )
            folder = scan.set_aside[0].parent
            self.show_error(_("Damaged recovery copy"), message.format(n=count, folder=folder))
        if not scan.copies:
            return
        copy = scan.copies[0]
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

    def ask_file_changed(self, path: Path) -> ChangedChoice:
        return dialogs.ask_file_changed(self, path.name)

    def ask_open_path(self) -> Path | None:
        return dialogs.ask_open_path(self)

    def ask_save_path(self) -> Path | None:
        name = self.session.display_name or "plan"
        return dialogs.ask_save_path(self, self.session.path or Path.home() / f"{name}{SUFFIX}")

    def show_error(self, title: str, message: str) -> None:
        dialogs.show_error(self, title, message)

    def show_message(self, title: str, message: str) -> None:
        from advisor.ui.shell.reviews import show_message

        show_message(self, title, message)

    def ask_calendar_path(self, suggestion: Path) -> Path | None:
        from advisor.ui.shell.reviews import ask_calendar_path

        return ask_calendar_path(self, suggestion)

    def ask_damaged(
        self, path: Path, backup: str | None, left_out: int | None, details: str
    ) -> dialogs.DamagedChoice:
        return dialogs.ask_damaged(self, path.name, backup, left_out, details)


def _describe(error: ProjectFileError) -> str:
    """The file and its problem as a sentence (the problem starts with a capital)."""
    problem = error.problem[:1].upper() + error.problem[1:]
    return _("{file}\n\n{problem}").format(file=error.path, problem=problem)

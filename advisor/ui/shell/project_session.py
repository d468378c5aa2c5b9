"""The open project: the document, where it is saved, its undo history and its recovery copy."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from advisor.domain.edits import Edit
from advisor.domain.project import Project
from advisor.domain.schema import SchemaError
from advisor.storage.atomic_write import FileIdentity, file_identity
from advisor.storage.project_file import load_project, save_project
from advisor.storage.recovery import discard_recovery, write_recovery
from advisor.ui.shell.undo import EditCommand


class ProjectSession(QObject):
    """Owns the project being edited; every change goes through :meth:`apply`."""

    #: The project's content changed (an edit, an undo or a redo).
    project_changed = Signal()
    #: Another project was opened or created; pages reload everything.
    project_replaced = Signal()
    #: The unsaved-changes flag flipped.
    modified_changed = Signal(bool)
    #: The file the project is saved to changed (after Save As or Open).
    path_changed = Signal()
    #: The recovery copy could not be written (why, for the user); said once, not at every
    #: attempt, until a copy is written again.
    recovery_failed = Signal(str)
    #: An edit the project's rules refuse (a text over its length limit…), with why.
    edit_refused = Signal(str)

    def __init__(self, recovery_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = Project()
        self.path: Path | None = None
        self.is_demo = False
        self.undo_stack = QUndoStack(self)
        self._recovery_dir = recovery_dir
        self._session_id = os.urandom(16).hex()  # what secrets.token_hex does, without hashlib
        self._recovery_file: Path | None = None
        self._restored_unsaved = False
        self._recovery_failing = False
        #: Changes made so far (edits, undos, redos), and the project and that count when
        #: its plan was last written to a PDF.
        self._revision = 0
        self._printed: tuple[Project, int] | None = None
        self.undo_stack.indexChanged.connect(self._count_change)
        #: What the file held when it was opened or last saved here, to notice another writer.
        self.disk_identity: FileIdentity | None = None
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    @property
    def is_modified(self) -> bool:
        return self._restored_unsaved or not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.project.profile.name or (self.path.stem if self.path else "")

    def mark_printed(self) -> None:
        """The plan of the project as it is now was written to a PDF."""
        self._printed = (self.project, self._revision)
        self.project_changed.emit()

    @property
    def printed(self) -> bool:
        """Whether a PDF was written after the last change (an edit, an undo or a redo)."""
        if self._printed is None:
            return False
        project, revision = self._printed
        return project is self.project and revision == self._revision

    def _count_change(self) -> None:
        self._revision += 1

    def apply(self, edit: Edit) -> None:
        """Apply an edit through the undo stack (checked by the domain before it is set); an
        edit the rules refuse changes nothing and says why (``edit_refused``)."""
        try:
            edit.apply(self.project).apply(self.project)  # try it, then take it back
        except SchemaError as error:
            self.edit_refused.emit(str(error))
            return
        self._revision += 1  # also when the stack merges it with the edit before
        self.undo_stack.push(EditCommand(self.project, edit, self.project_changed.emit))

    def replace(
        self, project: Project, path: Path | None, *, demo: bool = False, unsaved: bool = False
    ) -> None:
        """Start editing another project; the old one's history and recovery copy go."""
        self.discard_recovery()
        self.project = project
        self.path = path
        self.is_demo = demo
        self.disk_identity = None
        self.undo_stack.clear()
        self._restored_unsaved = unsaved
        self.project_replaced.emit()
        self.path_changed.emit()
        self._emit_modified()

    def open(self, path: Path, loaded: Project | None = None) -> None:
        """Load ``path`` (unless ``loaded`` is its content, already loaded and checked); raises
        ``ProjectFileError`` and leaves the current project as it is."""
        identity = file_identity(path)  # before reading: a change in between counts as one
        self.replace(loaded if loaded is not None else load_project(path), path)
        self.disk_identity = identity

    def save(self, path: Path | None = None, overwrite: FileIdentity | None = None) -> None:
        """Save to ``path`` (Save As) or to the current file; raises ``ProjectFileError``, and
        ``FileChangedOnDisk`` when another program changed the current file since it was opened
        or saved here (``overwrite``: that changed file's identity, to replace it after all)."""
        target = path or self.path
        if target is None:
            raise ValueError("no file to save to")
        expected = overwrite or (self.disk_identity if target == self.path else None)
        self.disk_identity = save_project(self.project, target, expected)
        self.path = target
        self.is_demo = False
        self._restored_unsaved = False
        self.undo_stack.setClean()
        self.discard_recovery()
        self.path_changed.emit()
        self._emit_modified()

    def write_recovery(self) -> None:
        """Write the unsaved work aside (called by a timer and before an error dialog). Never
        raises: it runs from the error handler too, so a failure (a full disk, a folder that
        cannot be written) is reported once through ``recovery_failed``, not at every tick."""
        if not self.is_modified:
            return
        try:
            self._recovery_file = write_recovery(
                self.project, self._recovery_dir, self._session_id, self.path
            )
        except Exception as error:  # the safety net must not become the next error
            if not self._recovery_failing:
                self._recovery_failing = True
                self.recovery_failed.emit(str(error))
            return
        self._recovery_failing = False

    def discard_recovery(self) -> None:
        if self._recovery_file is not None:
            discard_recovery(self._recovery_file)
            self._recovery_file = None

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(self._restored_unsaved or not clean)

    def _emit_modified(self) -> None:
        self.modified_changed.emit(self.is_modified)

"""What every step page offers the main window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from advisor.domain.project import Project
from advisor.domain.wizard import StepId
from advisor.ui.shell.settings import AppSettings


class StepPage(QWidget):
    """A page attached to one workshop step.

    Pages never change the project themselves: they emit :attr:`edit_requested` with a domain
    edit, and the session applies it through the undo stack.
    """

    #: The user asked for a change to the project (a ``advisor.domain.edits.Edit``).
    edit_requested = Signal(object)
    #: The user asked to import an orders or survey export (as File › Import Orders… does).
    import_requested = Signal()

    step_id: StepId

    def load(self, project: Project) -> None:
        """Show the project's current content."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Set every visible text again in the current language."""
        raise NotImplementedError

    def use_settings(self, settings: AppSettings) -> None:
        """The preferences a page may need (the plan reads the user's playbook folder)."""

    def set_workshop_mode(self, on: bool) -> None:
        """Workshop mode (large type on a projector) was switched; most pages need nothing."""

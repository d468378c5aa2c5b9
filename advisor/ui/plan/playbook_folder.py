"""File › Playbook Folder…: choose (or stop using) a folder of the user's own playbooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from advisor.domain.wizard import StepId
from advisor.i18n import _
from advisor.storage.playbooks import load_folder

if TYPE_CHECKING:
    from advisor.ui.shell.host import WindowHost


def choose_playbook_folder(window: WindowHost) -> None:
    """Ask for the folder, remember it in the preferences and reload the plan's library."""
    current = window.settings.playbook_folder
    if current is not None:
        box = QMessageBox(window)
        box.setWindowTitle(_("Playbook folder"))
        box.setText(_("Your playbooks are read from {folder}.").format(folder=current))
        change = box.addButton(_("Choose Another…"), QMessageBox.ButtonRole.AcceptRole)
        stop = box.addButton(_("Stop Using It"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is stop:
            apply_playbook_folder(window, None)
            return
        if box.clickedButton() is not change:
            return
    chosen = QFileDialog.getExistingDirectory(
        window, _("Folder of your own playbooks"), str(current or Path.home())
    )
    if chosen:
        apply_playbook_folder(window, Path(chosen))


def apply_playbook_folder(window: WindowHost, folder: Path | None) -> None:
    """Remember ``folder`` and use it now; say what is wrong with its files, if anything."""
    window.settings.playbook_folder = folder
    page = window.pages.get(StepId.PLAN)
    if page is not None:
        page.use_settings(window.settings)
    if folder is None:
        return
    library = load_folder(folder, user=True)
    if library.problems:
        QMessageBox.warning(
            window,
            _("Playbook folder"),
            _("{n} playbook(s) of {folder} could not be used:").format(
                n=len({p.file for p in library.problems}), folder=folder
            )
            + "\n\n"
            + "\n".join(str(problem) for problem in library.problems[:12]),
        )

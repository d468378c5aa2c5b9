"""File › New from Example…: pick one of the bundled sample businesses and open it as a new,
unsaved project, so Save asks where to keep the copy and the shipped file is never touched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.project import Project
from advisor.domain.wizard import StepId
from advisor.i18n import _, current_language
from advisor.paths import examples
from advisor.storage.project_file import ProjectFileError, load_project

if TYPE_CHECKING:
    from advisor.ui.shell.host import WindowHost

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Example:
    """A bundled sample business, loaded and checked."""

    id: str
    path: Path
    project: Project


def load_examples(language: str) -> list[Example]:
    """The bundled examples written in ``language`` (English where no translation exists),
    sorted by business name; a file that does not load is left out."""
    found = []
    for example_id, path in examples(language):
        try:
            found.append(Example(example_id, path, load_project(path)))
        except ProjectFileError:
            continue  # a packaging slip; the other examples stay usable
    return sorted(found, key=lambda example: example.project.profile.name.casefold())


class ExampleDialog(QDialog):
    """The examples as a two-column list (business, sector); Enter or a double click opens
    the selected one, Escape cancels."""

    def __init__(self, choices: list[Example], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = {example.id: example for example in choices}
        self.setWindowTitle(_("New from Example"))
        intro = QLabel(
            _(
                "Each example is a small business with a finished diagnosis: journey, retention "
                "type, churn causes and figures. It opens as a new project; saving asks where "
                "to keep your copy."
            )
        )
        intro.setWordWrap(True)
        label = QLabel(_("&Sample businesses:"))
        self.list = QTreeWidget()
        label.setBuddy(self.list)
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([_("Business name"), _("Sector")])
        self.list.setRootIsDecorated(False)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for example in choices:
            profile = example.project.profile
            item = QTreeWidgetItem([profile.name, profile.sector])
            item.setData(0, ID_ROLE, example.id)
            item.setToolTip(1, profile.sector)
            self.list.addTopLevelItem(item)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.list.itemDoubleClicked.connect(self.accept)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(choices))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self.list.setFocus()

    def select(self, example_id: str) -> None:
        """Make ``example_id`` the current choice."""
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and item.data(0, ID_ROLE) == example_id:
                self.list.setCurrentItem(item)
                return
        raise KeyError(example_id)

    def chosen(self) -> Example | None:
        item = self.list.currentItem()
        return self.choices.get(item.data(0, ID_ROLE)) if item is not None else None


def open_example(window: WindowHost) -> bool:
    """Let the user pick an example, then (after the usual question about unsaved changes)
    open it with no file path. Cancel leaves everything as it was."""
    dialog = ExampleDialog(load_examples(current_language()), window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        example = dialog.chosen()
    finally:
        dialog.deleteLater()
    if example is None or not window.maybe_save():
        return False
    window.session.replace(example.project, None)
    window.show_step(StepId.PROFILE)
    return True

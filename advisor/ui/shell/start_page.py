"""The start page: begin a new project, open one, reopen a recent one or explore the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.i18n import _
from advisor.ui.common.widgets import heading, help_label, set_heading

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    """Shown when no project is open."""

    #: The user wants a blank project.
    new_requested = Signal()
    #: The user wants to pick a project file.
    open_requested = Signal()
    #: The user wants the bundled demo project.
    demo_requested = Signal()
    #: The user picked a recent project (its path).
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(level=0)
        self.tagline = help_label()
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(36)
        self.recent_title = heading(level=2)
        self.recent = QListWidget()
        self.recent.setAlternatingRowColors(True)
        self.recent_empty = help_label()
        self._paths: list[Path] = []

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        body = QWidget()
        body.setFixedWidth(720)
        column = QVBoxLayout(body)
        column.addWidget(self.title)
        column.addWidget(self.tagline)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent_empty)
        column.addWidget(self.recent, 10)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent.itemActivated.connect(self._on_recent_activated)
        self.retranslate_ui()

    def set_recent_files(self, paths: list[Path]) -> None:
        self._paths = list(paths)
        self.recent.clear()
        for path in self._paths:
            missing = not path.exists()
            text = f"{path.stem}\n{path.parent}"
            if missing:
                text += "  — " + _("file not found")
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            if missing:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        self.recent.setVisible(bool(self._paths))
        self.recent_empty.setVisible(not self._paths)

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(item.data(PATH_ROLE)))

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Retention Advisor"))
        self.tagline.setText(
            _(
                "Keep the customers you already have. Map their journey, find out why they "
                "leave, measure what matters and leave the workshop with a printed action plan."
            )
        )
        self.new_button.setText(_("New project"))
        self.open_button.setText(_("Open…"))
        self.demo_button.setText(_("Open demo"))
        set_heading(self.recent_title, _("Recent projects"))
        self.recent_empty.setText(_("Projects you open or save appear here."))
        self.set_recent_files(self._paths)

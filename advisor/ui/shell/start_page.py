"""The start page: begin a new project, open one, reopen a recent one or explore the demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.files import UnreadableFile, read_regular
from advisor.i18n import _, current_language
from advisor.i18n.formatting import format_datetime
from advisor.ui.common.widgets import heading, help_label, set_heading

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    """Shown when no project is open: one main action (a new project), opening a file or the
    demo beside it, and the recent projects by business name and date."""

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
        self.new_button.setDefault(True)
        self.new_button.setMinimumHeight(44)
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        for button in (self.open_button, self.demo_button):
            button.setFlat(True)
        self.recent_title = heading(level=2)
        self.recent = QListWidget()
        self.recent.setAlternatingRowColors(True)
        self.recent.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.recent.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.recent_empty = help_label()
        self._paths: list[Path] = []
        #: Business names read from the recent files (read once, after the first paint).
        self._names: dict[Path, str] = {}

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        body = QWidget()
        body.setMaximumWidth(720)
        column = QVBoxLayout(body)
        column.addWidget(self.title)
        column.addWidget(self.tagline)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent_empty)
        column.addWidget(self.recent)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addWidget(body, 1, Qt.AlignmentFlag.AlignHCenter)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent.itemActivated.connect(self._on_recent_activated)
        self.retranslate_ui()

    def set_recent_files(self, paths: list[Path]) -> None:
        """List ``paths``, newest first: each by its business name (the file's name until the
        names are read, just after the window shows) and when it was last saved."""
        self._paths = list(paths)
        self.recent.clear()
        language = current_language()
        for path in self._paths:
            try:
                saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
            except OSError:
                saved = None
            name = self._names.get(path) or path.stem
            when = (
                _("saved {when}").format(when=format_datetime(saved, language))
                if saved is not None
                else _("file not found")
            )
            item = QListWidgetItem(f"{name}\n{when} — {path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}, {when}")
            if saved is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        self.recent.setVisible(bool(self._paths))
        self.recent_empty.setVisible(not self._paths)
        if any(path not in self._names for path in self._paths):
            QTimer.singleShot(0, self._read_names)

    def _read_names(self) -> None:
        """The business name of each recent project (its file name when it has none or
        cannot be read): a small, bounded read of each file."""
        for path in self._paths:
            if path not in self._names:
                self._names[path] = business_name(path) or path.stem
        self.set_recent_files(self._paths)

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
        self.new_button.setText(_("Start a New Project"))
        self.open_button.setText(_("Open a Project…"))
        self.demo_button.setText(_("Explore the Demo"))
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setAccessibleName(button.text().replace("&", ""))
        set_heading(self.recent_title, _("Recent projects"))
        self.recent.setAccessibleName(_("Recent projects"))
        self.recent_empty.setText(_("Projects you open or save appear here."))
        self.set_recent_files(self._paths)


def business_name(path: Path) -> str:
    """The business name saved in project file ``path`` ("" when it cannot be read)."""
    import json

    try:
        data = json.loads(read_regular(path, MAX_NAME_READ).decode("utf-8-sig"))
        name = data["project"]["profile"]["name"]
    except (UnreadableFile, ValueError, KeyError, TypeError, RecursionError):
        return ""
    return name.strip()[:80] if isinstance(name, str) else ""


#: A recent file larger than this is named by its file name (a project is far smaller).
MAX_NAME_READ = 4 * 1024 * 1024

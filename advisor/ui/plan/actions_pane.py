"""The plan's actions: the table (edit in place, add, remove, reorder, Delete removes the
selection) and the 30/60/90-day roadmap, as two tabs. Every change is a domain edit handed to
``apply_edit`` (the session's undo stack)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.edits import Edit
from advisor.domain.plan_edits import InsertActions, MoveAction, RemoveActions, new_action_id
from advisor.domain.project import PlannedAction, Project
from advisor.i18n import _, current_language
from advisor.report.progress_text import ProgressSection
from advisor.ui.common.table_export import AskPath, ask_table_path, write_table
from advisor.ui.common.widgets import Tone, keep_numbers_whole, set_tone
from advisor.ui.plan.table_model import COLUMNS, PlanTableModel
from advisor.ui.plan.widgets import DateDelegate, RoadmapTree, StatusDelegate


class ActionsPane(QTabWidget):
    """The actions table with its buttons, and the roadmap."""

    def __init__(
        self,
        apply_edit: Callable[[Edit], None],
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._apply_edit = apply_edit
        self._today = today
        self._project = Project()
        self.model = PlanTableModel(apply_edit, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(COLUMNS.index("due"), DateDelegate(self.table))
        self.table.setItemDelegateForColumn(COLUMNS.index("status"), StatusDelegate(self.table))
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.roadmap = RoadmapTree()
        self.export_button = QPushButton()
        self.export_status = QLabel()  # where the plan went, or why it did not
        self.export_status.setWordWrap(True)
        self.export_status.hide()
        #: Asks where to write the plan (replaced in tests).
        self.ask_path: AskPath = partial(ask_table_path, self)
        #: The user's own playbooks, whose steps the exported plan lists too.
        self.playbook_folder: Path | None = None

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        actions = QWidget()
        table_column = QVBoxLayout(actions)
        table_column.addWidget(self.table, 1)
        table_column.addLayout(buttons)
        table_column.addWidget(self.export_status)
        self.addTab(actions, "")
        self.addTab(self.roadmap, "")
        self.progress = QTextBrowser()  # since the last review round, when there is one
        self.addTab(self.progress, "")
        self.setTabVisible(2, False)
        self.table.setColumnHidden(COLUMNS.index("playbook_id"), True)  # shown as a tooltip

        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.export_button.clicked.connect(self.export_plan)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.installEventFilter(self)  # Delete removes the selected actions

    def show_plan(self, project: Project, titles: Mapping[str, str]) -> None:
        """Show the project's actions (``titles``: each playbook's title by id), keeping the
        selection, and its roadmap as of today."""
        self._project = project
        selected = self.selected_action_ids()
        self.model.set_project(project, titles)
        self._select_actions(selected)
        self._size_table()
        self.roadmap.set_plan(project.plan, self._today())
        self._update_buttons()
        self._show_progress(project)

    def _show_progress(self, project: Project) -> None:
        """The progress since the last review round, as the printed plan shows it."""
        self.setTabVisible(2, bool(project.reviews))
        if not project.reviews:
            return
        from advisor.domain.reviews import latest_progress
        from advisor.report.progress_text import progress_section
        from advisor.storage.playbooks import action_targets
        from advisor.storage.references import project_context

        found = latest_progress(
            project, project_context(project), action_targets(project, self.playbook_folder),
            self._today(),
        )  # fmt: skip
        if found is None:
            return
        language, currency = current_language(), project.profile.currency
        self.progress.setHtml(keep_numbers_whole(progress_html(
            progress_section(found, project, language, currency)
        )))  # fmt: skip

    def _size_table(self) -> None:
        header = self.table.horizontalHeader()
        for column, name in enumerate(COLUMNS):
            if name == "title":
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            elif name in ("kpi_target", "owner"):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, 150 if name == "kpi_target" else 110)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()

    def selected_action_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.action_id(row) for row in rows if row < self.model.rowCount()]

    def _select_actions(self, ids: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for action_id in ids:
            row = self.model.row_of(action_id)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)
                self.table.setCurrentIndex(self.model.index(row, 0))

    def add_action(self) -> None:
        """A new action after the selection (at the end when none), ready to be named."""
        plan = self._project.plan
        action = PlannedAction(
            new_action_id(plan), _("New action"), due=plan.start or self._today()
        )
        rows = [self.model.row_of(i) for i in self.selected_action_ids()]
        index = max((r for r in rows if r is not None), default=len(plan.actions) - 1) + 1
        self._apply_edit(InsertActions(index, (action,)))
        self._select_actions([action.id])
        self.table.edit(self.model.index(self.model.row_of(action.id) or 0, 0))

    def remove_selected(self) -> None:
        ids = self.selected_action_ids()
        if ids:
            self._apply_edit(RemoveActions(tuple(ids)))

    def move_selected(self, offset: int) -> None:
        ids = self.selected_action_ids()
        if len(ids) != 1:
            return
        row = self.model.row_of(ids[0])
        if row is None or not 0 <= row + offset < self.model.rowCount():
            return
        self._apply_edit(MoveAction(ids[0], row + offset))
        self._select_actions(ids)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def export_plan(self) -> None:
        """The actions, with their playbooks' steps, to an Excel workbook or a CSV file the
        user picks (in the report's language, like the printed plan)."""
        path = self.ask_path(_("Export the action plan"), _("action plan"))
        if path is None:
            return
        from advisor.sheets.project_tables import plan_sheet

        project = self._project
        language = project.profile.report_language.value
        sheet = plan_sheet(project, language, self.playbook_folder)
        problem = write_table(sheet, path, project.profile.currency, language)
        self.export_status.setText(problem or _("Written to {file}.").format(file=str(path)))
        set_tone(self.export_status, Tone.ERROR if problem else Tone.NORMAL)
        self.export_status.show()

    def _update_buttons(self) -> None:
        ids = self.selected_action_ids()
        row = self.model.row_of(ids[0]) if len(ids) == 1 else None
        self.remove_button.setEnabled(bool(ids))
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < self.model.rowCount() - 1)

    def retranslate_ui(self) -> None:
        self.setTabText(0, _("Actions"))
        self.setTabText(1, _("Roadmap 30/60/90 days"))
        self.setTabText(2, _("Progress"))
        self.add_button.setText(_("A&dd action"))
        self.remove_button.setText(_("Re&move"))
        self.up_button.setText(_("Move &up"))
        self.down_button.setText(_("Move do&wn"))
        self.export_button.setText(_("Export plan…"))
        self.export_button.setToolTip(
            _("Save the actions and their steps as an Excel workbook or CSV")
        )


def progress_html(part: ProgressSection) -> str:
    """The progress section as rich text for the plan step's Progress tab."""
    esc = html.escape
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in part.kpis
    )
    header = "".join(f"<th align='left'>{esc(cell)}</th>" for cell in part.header)
    lists = "".join(
        f"<p><b>{esc(label)}</b><br>{esc(text)}</p>" for label, text in (*part.actions,
                                                                          *part.findings)
    )  # fmt: skip
    effects = "".join(f"<li>{esc(effect)}</li>" for effect in part.effects)
    return (
        f"<h3>{esc(part.title)}</h3><p><i>{esc(part.dates)}</i></p>"
        f"<table cellspacing='0' cellpadding='3'><tr>{header}</tr>{rows}</table>{lists}"
        + (f"<ul>{effects}</ul>" if effects else "")
        + f"<p><small>{esc(part.note)}</small></p>"
    )

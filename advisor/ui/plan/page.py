"""Action-plan step: playbooks recommended from the diagnosis, ranked with their reasons and on a
value/effort matrix; picking one turns its steps into dated actions; the actions table (edit,
add, remove, reorder) and the 30/60/90-day roadmap; the plan's start and review dates.

Every change is a domain edit (``advisor.domain.plan_edits``) sent through the undo stack.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.matching import Recommendation, recommend
from advisor.domain.matching_input import DiagnosisInput, diagnosis_input
from advisor.domain.plan_edits import (
    InsertActions,
    MoveAction,
    RemoveActions,
    SetPlanField,
    new_action_id,
    pick_playbook,
)
from advisor.domain.playbook_text import TextContext, business_facts
from advisor.domain.playbooks import REVIEW_RITUAL, Playbook
from advisor.domain.project import PlannedAction, Project
from advisor.domain.wizard import StepId
from advisor.i18n import _, current_language
from advisor.storage.playbooks import Library, load_library
from advisor.storage.references import load_reference_data, project_context
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import heading, help_label, set_heading
from advisor.ui.plan.playbook_list import PlaybookList
from advisor.ui.plan.table_model import COLUMNS, PlanTableModel
from advisor.ui.plan.widgets import (
    DateDelegate,
    RoadmapTree,
    StatusDelegate,
    ValueEffortMatrix,
    from_qdate,
    optional_date_edit,
    playbook_html,
    to_qdate,
)
from advisor.ui.shell.settings import AppSettings


class PlanPage(StepPage):
    """Recommendations on the left, the plan on the right."""

    step_id = StepId.PLAN

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._project = Project()
        self._today = today
        self._folder: Path | None = None
        self._library: Library | None = None
        self._reference = load_reference_data()
        self._data = DiagnosisInput()
        self.recommendations: list[Recommendation] = []

        self.title = heading()
        self.intro = help_label()
        self.start_label, self.review_label = QLabel(), QLabel()
        self.start_date, self.review_date = optional_date_edit(), optional_date_edit()
        self.capacity_label = QLabel()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 20)
        self.ritual_note = help_label()
        self.recommended_label = heading(level=2)
        self.recommended = PlaybookList()
        self.show_all = QCheckBox()
        self.matrix = ValueEffortMatrix()
        self.views = QTabWidget()
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.pick_button = QPushButton()
        self.problems = help_label()

        self.plan_tabs = QTabWidget()
        self.model = PlanTableModel(self.edit_requested.emit, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(COLUMNS.index("due"), DateDelegate(self.table))
        self.table.setItemDelegateForColumn(COLUMNS.index("status"), StatusDelegate(self.table))
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.roadmap = RoadmapTree()
        self._build_layout()
        self._connect()
        self.retranslate_ui()

    def _build_layout(self) -> None:
        dates = QHBoxLayout()
        for label, edit in (
            (self.start_label, self.start_date),
            (self.review_label, self.review_date),
        ):
            label.setBuddy(edit)
            dates.addWidget(label)
            dates.addWidget(edit)
        self.capacity_label.setBuddy(self.capacity)
        dates.addWidget(self.capacity_label)
        dates.addWidget(self.capacity)
        dates.addStretch(1)

        self.views.addTab(self.recommended, "")
        self.views.addTab(self.matrix, "")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.recommended_label)
        column.addWidget(self.views, 3)
        column.addWidget(self.show_all)
        column.addWidget(self.ritual_note)
        column.addWidget(self.detail, 4)
        column.addWidget(self.pick_button)
        column.addWidget(self.problems)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        actions = QWidget()
        table_column = QVBoxLayout(actions)
        table_column.addWidget(self.table, 1)
        table_column.addLayout(buttons)
        self.plan_tabs.addTab(actions, "")
        self.plan_tabs.addTab(self.roadmap, "")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.plan_tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 640])
        self.table.setColumnHidden(COLUMNS.index("playbook_id"), True)  # shown as a tooltip
        splitter.setChildrenCollapsible(False)

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.intro)
        outer.addLayout(dates)
        outer.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.recommended.currentItemChanged.connect(lambda *_args: self._show_selected())
        self.recommended.itemDoubleClicked.connect(lambda *_args: self.pick_selected())
        self.matrix.playbook_clicked.connect(self.select_playbook)
        self.show_all.toggled.connect(lambda _on: self._fill_recommendations())
        self.pick_button.clicked.connect(self.pick_selected)
        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.start_date.dateChanged.connect(lambda d: self._set_date("start", d))
        self.review_date.dateChanged.connect(lambda d: self._set_date("review_date", d))
        self.capacity.valueChanged.connect(
            lambda n: self.edit_requested.emit(SetPlanField("capacity", n))
            if n != self._project.plan.capacity
            else None
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.installEventFilter(self)  # Delete removes the selected actions

    # Loading

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def use_settings(self, settings: AppSettings) -> None:
        self.set_playbook_folder(settings.playbook_folder)

    def set_playbook_folder(self, folder: Path | None) -> None:
        """Use the playbooks of ``folder`` too (the preference); reloads the library."""
        self._folder = folder
        self._library = None
        self.load(self._project)

    def library(self) -> Library:
        if self._library is None:
            self._library = load_library(self._folder)
        return self._library

    def load(self, project: Project) -> None:
        self._project = project
        self._data = diagnosis_input(project, project_context(project))
        library = self.library()
        self.recommendations = recommend(library.playbooks, self._data)
        titles = {p.id: p.title.get(current_language()) for p in library.playbooks}
        selected = self.selected_action_ids()
        self.model.set_project(project, titles)
        self._select_actions(selected)
        self._size_table()
        self.roadmap.set_plan(project.plan, self.today())
        for edit, value in (
            (self.start_date, project.plan.start),
            (self.review_date, project.plan.review_date),
        ):
            edit.blockSignals(True)
            edit.setDate(to_qdate(value))
            edit.blockSignals(False)
        self.capacity.blockSignals(True)
        self.capacity.setValue(project.plan.capacity)
        self.capacity.blockSignals(False)
        self._fill_recommendations()
        self._show_problems(library)
        self._update_buttons()

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

    def _fill_recommendations(self) -> None:
        current = self.current_playbook_id()
        language = current_language()
        picked = {a.playbook_id for a in self._project.plan.actions}
        matched = {r.playbook.id for r in self.recommendations}
        others = [p for p in self.library().playbooks if p.id not in matched]
        self.recommended.fill(
            self.recommendations,
            others if self.show_all.isChecked() else [],
            picked,
            language,
            self._project.profile.currency,
        )
        self.matrix.set_recommendations(self.recommendations)
        self.select_playbook(
            current or (self.recommendations[0].playbook.id if self.recommendations else "")
        )

    def _show_problems(self, library: Library) -> None:
        count = len(library.problems)
        self.problems.setVisible(bool(count))
        if count:
            self.problems.setText(
                _(
                    "{n} playbook problem(s) in your folder; run “playbooks check” to see them."
                ).format(n=count)
            )

    # Recommendations

    def current_playbook_id(self) -> str:
        return self.recommended.current_id()

    def select_playbook(self, playbook_id: str) -> None:
        self.recommended.select(playbook_id)
        self._show_selected()

    def _recommendation(self, playbook_id: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.playbook.id == playbook_id), None)

    def _show_selected(self) -> None:
        playbook_id = self.current_playbook_id()
        recommendation = self._recommendation(playbook_id)
        playbook = self.library().get(playbook_id)
        self.matrix.select(recommendation.playbook.id if recommendation else "")
        self.pick_button.setEnabled(playbook is not None)
        if playbook is not None and recommendation is None:
            note = _("Not among the plays recommended for this diagnosis; it can still be added.")
            self.detail.setHtml(
                f"<p><i>{html.escape(note)}</i></p>"
                + playbook_html(playbook, None, self._text_context(), self._data.latest())
            )
            return
        if recommendation is None:
            self.detail.setHtml(
                "<p>"
                + _(
                    "No playbook yet: fill in the churn causes, the journey's emotions or the "
                    "KPIs, and the plays that answer them appear here."
                )
                + "</p>"
            )
            return
        self.detail.setHtml(
            playbook_html(
                recommendation.playbook, recommendation, self._text_context(), self._data.latest()
            )
        )

    def _text_context(self) -> TextContext:
        profile = self._project.profile
        return self._data.text_context(
            current_language(), profile.currency, business_facts(profile)
        )

    def pick_selected(self) -> None:
        """Turn the selected playbook's steps into actions (one undo step)."""
        playbook = self.library().get(self.current_playbook_id())
        if playbook is not None:
            self.pick(playbook)

    def pick(self, playbook: Playbook) -> None:
        language = self._project.profile.report_language.value
        edit = pick_playbook(
            self._project,
            playbook,
            language,
            self.today(),
            latest=self._data.latest(),
            ritual=self.library().get(REVIEW_RITUAL),
        )
        self.edit_requested.emit(edit)

    # Actions

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
        plan = self._project.plan
        action = PlannedAction(new_action_id(plan), _("New action"), due=plan.start or self.today())
        rows = [self.model.row_of(i) for i in self.selected_action_ids()]
        index = max((r for r in rows if r is not None), default=len(plan.actions) - 1) + 1
        self.edit_requested.emit(InsertActions(index, (action,)))
        self._select_actions([action.id])
        self.table.edit(self.model.index(self.model.row_of(action.id) or 0, 0))

    def remove_selected(self) -> None:
        ids = self.selected_action_ids()
        if ids:
            self.edit_requested.emit(RemoveActions(tuple(ids)))

    def move_selected(self, offset: int) -> None:
        ids = self.selected_action_ids()
        if len(ids) != 1:
            return
        row = self.model.row_of(ids[0])
        if row is None or not 0 <= row + offset < self.model.rowCount():
            return
        self.edit_requested.emit(MoveAction(ids[0], row + offset))
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

    def _update_buttons(self) -> None:
        ids = self.selected_action_ids()
        row = self.model.row_of(ids[0]) if len(ids) == 1 else None
        self.remove_button.setEnabled(bool(ids))
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < self.model.rowCount() - 1)

    def _set_date(self, name: str, value: QDate) -> None:
        self.edit_requested.emit(SetPlanField(name, from_qdate(value)))

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Action plan"))
        self.intro.setText(
            _(
                "Playbooks that answer your diagnosis, best first. Pick one to turn its steps into "
                "actions due from the plan's start; then give each an owner, adjust the dates "
                "and set a review date for the next workshop."
            )
        )
        set_heading(self.recommended_label, _("Recommended playbooks"))
        self.start_label.setText(_("Plan &starts:"))
        self.review_label.setText(_("&Review on:"))
        self.capacity_label.setText(_("New a&ctions a month:"))
        self.capacity.setToolTip(
            _(
                "How many new actions the team can start in a month: the steps of the playbooks "
                "you add are spread so that no month holds more."
            )
        )
        ritual = self.library().get(REVIEW_RITUAL)
        self.ritual_note.setVisible(ritual is not None)
        if ritual is not None:
            self.ritual_note.setText(
                _(
                    "Every plan also holds “{title}”: it comes with the first playbook you add, "
                    "and checks that the others work."
                ).format(title=ritual.title.get(current_language()))
            )
        for edit in (self.start_date, self.review_date):
            edit.setSpecialValueText(_("not set"))
        self.recommended.retranslate_ui()
        self.show_all.setText(_("Also list the playbooks not matched to this diagnosis"))
        self.views.setTabText(0, _("Ranked list"))
        self.views.setTabText(1, _("Value/effort matrix"))
        self.pick_button.setText(_("&Add this playbook to the plan"))
        self.plan_tabs.setTabText(0, _("Actions"))
        self.plan_tabs.setTabText(1, _("Roadmap 30/60/90 days"))
        self.add_button.setText(_("A&dd action"))
        self.remove_button.setText(_("Re&move"))
        self.up_button.setText(_("Move &up"))
        self.down_button.setText(_("Move do&wn"))
        self.load(self._project)

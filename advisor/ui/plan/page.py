"""Action-plan step: playbooks recommended from the diagnosis (``recommendations_pane``) beside
the plan's actions and roadmap (``actions_pane``), under the plan's start and review dates and
how many new actions a month the team can take on.

Every change is a domain edit (``advisor.domain.plan_edits``) sent through the undo stack.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from advisor.domain.matching import Recommendation, recommend
from advisor.domain.matching_input import DiagnosisInput, diagnosis_input
from advisor.domain.plan_edits import SetPlanField, pick_playbook
from advisor.domain.playbooks import REVIEW_RITUAL, Playbook
from advisor.domain.project import Project
from advisor.domain.wizard import StepId
from advisor.i18n import _, current_language
from advisor.storage.playbooks import Library, load_library
from advisor.storage.references import load_reference_data, project_context
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import AdaptiveSplitter, heading, help_label, set_heading
from advisor.ui.plan.actions_pane import ActionsPane
from advisor.ui.plan.recommendations_pane import RecommendationsPane
from advisor.ui.plan.widgets import from_qdate, optional_date_edit, to_qdate
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
        self.review_button = QPushButton()  # shown once the review date has come
        self.review_button.hide()
        self.capacity_label = QLabel()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 20)
        self.suggestions = RecommendationsPane()
        self.plan_tabs = ActionsPane(self.edit_requested.emit, self.today)
        # Their parts, as the tests and the rest of the window reach them.
        pane = self.suggestions
        self.recommended, self.matrix, self.views = pane.recommended, pane.matrix, pane.views
        self.show_all, self.detail, self.pick_button = pane.show_all, pane.detail, pane.pick_button
        self.ritual_note = pane.ritual_note
        actions = self.plan_tabs
        self.model, self.table, self.roadmap = actions.model, actions.table, actions.roadmap
        self.add_button, self.remove_button = actions.add_button, actions.remove_button
        self.up_button, self.down_button = actions.up_button, actions.down_button
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
        dates.addWidget(self.review_button)

        splitter = AdaptiveSplitter(self.suggestions, self.plan_tabs, sizes=(360, 640))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.intro)
        outer.addLayout(dates)
        outer.addWidget(splitter, 1)

    #: The user asked to record a review round (File › Start Review Round… does the same).
    review_requested = Signal()

    def _connect(self) -> None:
        self.review_button.clicked.connect(self.review_requested)
        self.suggestions.pick_requested.connect(self.pick_selected)
        self.start_date.dateChanged.connect(lambda d: self._set_date("start", d))
        self.review_date.dateChanged.connect(lambda d: self._set_date("review_date", d))
        self.capacity.valueChanged.connect(
            lambda n: (
                self.edit_requested.emit(SetPlanField("capacity", n))
                if n != self._project.plan.capacity
                else None
            )
        )

    # Loading

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def use_settings(self, settings: AppSettings) -> None:
        self.set_playbook_folder(settings.playbook_folder)

    def set_playbook_folder(self, folder: Path | None) -> None:
        """Use the playbooks of ``folder`` too (the preference); reloads the library."""
        self._folder = folder
        self.plan_tabs.playbook_folder = folder
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
        self.plan_tabs.show_plan(project, titles)
        review = project.plan.review_date
        self.review_button.setVisible(review is not None and review <= self.today())
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
        self.suggestions.show_recommendations(self.recommendations, library, self._data, project)

    # Recommendations

    def current_playbook_id(self) -> str:
        return self.suggestions.current_playbook_id()

    def select_playbook(self, playbook_id: str) -> None:
        self.suggestions.select_playbook(playbook_id)

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
        return self.plan_tabs.selected_action_ids()

    def add_action(self) -> None:
        self.plan_tabs.add_action()

    def remove_selected(self) -> None:
        self.plan_tabs.remove_selected()

    def move_selected(self, offset: int) -> None:
        self.plan_tabs.move_selected(offset)

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
        for widget, name in (
            (self.recommended, _("Recommended playbooks")),
            (self.matrix, _("Value/effort matrix")),
            (self.detail, _("The chosen playbook")),
            (self.table, _("Actions of the plan")),
            (self.roadmap, _("30/60/90-day roadmap")),
        ):
            widget.setAccessibleName(name)
        self.review_button.setText(_("Start the Review Round…"))
        self.review_button.setToolTip(
            _("The review date has come: record where the plan stands and see what changed")
        )
        self.start_label.setText(_("Plan &starts:"))
        self.review_label.setText(_("&Review on:"))
        self.capacity_label.setText(_("New a&ctions a month:"))
        self.capacity.setToolTip(
            _(
                "How many new actions the team can start in a month: the steps of the playbooks "
                "you add are spread so that no month holds more."
            )
        )
        self.suggestions.show_ritual(self.library().get(REVIEW_RITUAL))
        for edit in (self.start_date, self.review_date):
            edit.setSpecialValueText(_("not set"))
        self.suggestions.retranslate_ui()
        self.plan_tabs.retranslate_ui()
        self.load(self._project)

"""The playbooks recommended from the diagnosis: ranked with their reasons or on a
value/effort matrix, optionally with every other playbook of the library, and the chosen
one's description with the business's own figures."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QPushButton, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from advisor.domain.matching import Recommendation
from advisor.domain.matching_input import DiagnosisInput
from advisor.domain.playbook_text import TextContext, business_facts
from advisor.domain.playbooks import Playbook
from advisor.domain.project import Project
from advisor.i18n import _, current_language
from advisor.storage.playbooks import Library
from advisor.ui.common.widgets import heading, help_label, set_heading
from advisor.ui.plan.playbook_list import PlaybookList
from advisor.ui.plan.widgets import ValueEffortMatrix, playbook_html


class RecommendationsPane(QWidget):
    """The playbook list and matrix, the chosen playbook's description and "Add"."""

    #: The user asked to add the chosen playbook to the plan ("Add", or a double click).
    pick_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = Project()
        self._library = Library()
        self._data = DiagnosisInput()
        self.recommendations: list[Recommendation] = []
        self.recommended_label = heading(level=2)
        self.recommended = PlaybookList()
        self.show_all = QCheckBox()
        self.matrix = ValueEffortMatrix()
        self.views = QTabWidget()
        self.ritual_note = help_label()
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.pick_button = QPushButton()
        self.problems = help_label()

        self.views.addTab(self.recommended, "")
        self.views.addTab(self.matrix, "")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.recommended_label)
        column.addWidget(self.views, 3)
        column.addWidget(self.show_all)
        column.addWidget(self.ritual_note)
        column.addWidget(self.detail, 4)
        column.addWidget(self.pick_button)
        column.addWidget(self.problems)

        self.recommended.currentItemChanged.connect(lambda *_args: self._show_selected())
        self.recommended.itemDoubleClicked.connect(lambda *_args: self.pick_requested.emit())
        self.matrix.playbook_clicked.connect(self.select_playbook)
        self.show_all.toggled.connect(lambda _on: self._fill())
        self.pick_button.clicked.connect(self.pick_requested)

    def show_recommendations(
        self,
        recommendations: list[Recommendation],
        library: Library,
        data: DiagnosisInput,
        project: Project,
    ) -> None:
        """Show ``recommendations`` (the playbooks of ``library`` matched to ``data``, the
        project's diagnosis), keeping the chosen playbook, and the library's problems."""
        self.recommendations = recommendations
        self._library, self._data, self._project = library, data, project
        self._fill()
        self._show_problems()

    def _fill(self) -> None:
        current = self.current_playbook_id()
        picked = {a.playbook_id for a in self._project.plan.actions}
        matched = {r.playbook.id for r in self.recommendations}
        others = [p for p in self._library.playbooks if p.id not in matched]
        self.recommended.fill(
            self.recommendations,
            others if self.show_all.isChecked() else [],
            picked,
            current_language(),
            self._project.profile.currency,
        )
        self.matrix.set_recommendations(self.recommendations)
        self.select_playbook(
            current or (self.recommendations[0].playbook.id if self.recommendations else "")
        )

    def _show_problems(self) -> None:
        count = len(self._library.problems)
        self.problems.setVisible(bool(count))
        if count:
            self.problems.setText(
                _(
                    "{n} playbook problem(s) in your folder; run “playbooks check” to see them."
                ).format(n=count)
            )

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
        playbook = self._library.get(playbook_id)
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

    def show_ritual(self, ritual: Playbook | None) -> None:
        """Say that every plan holds the review ritual, when the library has one."""
        self.ritual_note.setVisible(ritual is not None)
        if ritual is not None:
            self.ritual_note.setText(
                _(
                    "Every plan also holds “{title}”: it comes with the first playbook you add, "
                    "and checks that the others work."
                ).format(title=ritual.title.get(current_language()))
            )

    def retranslate_ui(self) -> None:
        set_heading(self.recommended_label, _("Recommended playbooks"))
        self.recommended.retranslate_ui()
        self.show_all.setText(_("Also list the playbooks not matched to this diagnosis"))
        self.views.setTabText(0, _("Ranked list"))
        self.views.setTabText(1, _("Value/effort matrix"))
        self.pick_button.setText(_("&Add this playbook to the plan"))

"""Retention-type step: a short questionnaire, and beside it the type it points to, why, and
what follows (KPIs to watch, how to count churn, levers that work)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from advisor.domain.diagnosis_edits import SetAnswer
from advisor.domain.edits import EditBatch
from advisor.domain.kpi_definitions import BY_ID
from advisor.domain.project import Project
from advisor.domain.retention_advice import (
    ONE_OFF_DESCRIPTION,
    ONE_OFF_TITLE,
    advice_for,
    kpis_to_watch,
    recommended_period,
)
from advisor.domain.retention_questionnaire import (
    QUESTIONS,
    TYPE_DESCRIPTIONS,
    TYPE_NAMES,
    RetentionType,
    suggested_answers,
    unknown_answers,
)
from advisor.domain.retention_type import CONFIDENCE_NAMES, Diagnosis, diagnose_project
from advisor.domain.themes import THEME_NAMES
from advisor.domain.wizard import StepId
from advisor.i18n import N_, _, current_language
from advisor.i18n.formatting import format_percent
from advisor.ui.common.question_page import (
    QuestionPage,
    add_question,
    fill_choices,
    rich_label,
    show_choice,
)
from advisor.ui.common.widgets import Tone, heading, help_label, set_heading, set_tone


class QuestionRow:
    """The widgets of one question: its text, the answer choices and a help line."""

    def __init__(self, question_id: str) -> None:
        self.question_id = question_id
        self.label = QLabel()
        set_tone(self.label, Tone.STRONG)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.help = help_label()
        self.hint = QLabel()
        set_tone(self.hint, Tone.SUGGESTED)
        self.hint.setWordWrap(True)
        self.hint.hide()


class RetentionTypePage(QuestionPage):
    """Answering a question is one undoable edit; the result follows every answer."""

    step_id = StepId.RETENTION_TYPE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagnosis: Diagnosis | None = None
        self.suggestion_note = QLabel()
        self.suggestion_note.setWordWrap(True)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(self._accept_suggestions)
        self.rows = {q.id: QuestionRow(q.id) for q in QUESTIONS}

        bar = QHBoxLayout()
        bar.addWidget(self.suggestion_note, 1)
        bar.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)
        self.questions.addLayout(bar)
        self.questions.addWidget(self.unknown_note)
        for row in self.rows.values():
            self.questions.addSpacing(6)
            add_question(self.questions, row.label, row.combo)
            self.questions.addWidget(row.hint)
            self.questions.addWidget(row.help)
            row.combo.activated.connect(lambda _i, r=row: self._answer(r))

        self.result_title = heading(level=2)
        self.score_labels: dict[RetentionType, QLabel] = {}
        self.score_bars: dict[RetentionType, QProgressBar] = {}
        scores = QGridLayout()
        for line, kind in enumerate(RetentionType):
            label, bar_ = QLabel(), QProgressBar()
            bar_.setRange(0, 100)
            bar_.setTextVisible(True)
            scores.addWidget(label, line, 0)
            scores.addWidget(bar_, line, 1)
            self.score_labels[kind], self.score_bars[kind] = label, bar_
        self.verdict = rich_label()
        self.details = rich_label()
        self.results.addWidget(self.result_title)
        self.results.addLayout(scores)
        self.results.addWidget(self.verdict)
        self.results.addWidget(self.details)
        self.place_columns()
        self.retranslate_ui()

    # Edits

    def _answer(self, row: QuestionRow) -> None:
        if self._project is None:
            return
        answer = row.combo.currentData()
        if self._project.retention_type.answers.get(row.question_id) != answer or answer is None:
            self.edit_requested.emit(SetAnswer(row.question_id, answer))

    def _accept_suggestions(self) -> None:
        if self._project is None:
            return
        answers = self._project.retention_type.answers
        edits = tuple(
            SetAnswer(q, a)
            for q, a in suggested_answers(self._project.profile.business_model).items()
            if q not in answers
        )
        if edits:
            self.edit_requested.emit(EditBatch(edits, N_("Use the suggested answers")))

    # Showing the project

    def load(self, project: Project) -> None:
        self._project = project
        answers = project.retention_type.answers
        suggestions = suggested_answers(project.profile.business_model)
        for question_id, row in self.rows.items():
            chosen = answers.get(question_id)
            suggested = suggestions.get(question_id) if chosen is None else None
            shown = chosen if chosen is not None else suggested
            show_choice(row.combo, shown)
            row.hint.setVisible(suggested is not None)
        pending = [q for q in suggestions if q not in answers]
        self.suggestion_note.setVisible(bool(pending))
        self.accept_button.setVisible(bool(pending))
        self.suggestion_note.setText(
            _(
                "Some answers are suggested by the business model in the profile: confirm "
                "each by choosing it, change it, or use them all at once."
            )
        )
        unknown = unknown_answers(answers)
        self.unknown_note.setVisible(bool(unknown))
        self.unknown_note.setText(
            _(
                "This file holds answers this version does not know; they are kept in the "
                "file but not counted: {answers}"
            ).format(answers=", ".join(unknown))
        )
        self._show_result(diagnose_project(project))

    def _show_result(self, diagnosis: Diagnosis) -> None:
        """The result once the user has answered a question: answers suggested by the
        business model alone are a starting point, not a diagnosis to announce."""
        self.diagnosis = diagnosis
        shown = diagnosis.main is not None and diagnosis.answered > 0
        for kind, bar in self.score_bars.items():
            bar.setValue(round(diagnosis.scores[kind]) if shown else 0)
            bar.setFormat(
                format_percent(diagnosis.scores[kind], current_language(), 0) if shown else "–"
            )
        if not shown:
            self.verdict.setText(
                _("Answer a few questions to see which kind of retention fits the business.")
            )
            self.details.setText("")
            return
        esc = html.escape
        name = esc(_(TYPE_NAMES[diagnosis.main]))
        confidence = esc(_(CONFIDENCE_NAMES[diagnosis.confidence])) if diagnosis.confidence else ""
        parts = [f"<h3>{name}</h3><p><i>{confidence}</i> — "]
        counts = (
            _("{answered} of {total} questions answered, {suggested} suggested")
            if diagnosis.suggested
            else _("{answered} of {total} questions answered")
        )
        parts.append(
            esc(
                counts.format(
                    answered=diagnosis.answered,
                    total=diagnosis.total,
                    suggested=diagnosis.suggested,
                )
            )
            + "</p>"
        )
        if diagnosis.tied:
            names = _(" and ").join(_(TYPE_NAMES[k]) for k in diagnosis.tied)
            parts.append(
                "<p>"
                + esc(
                    _(
                        "The answers do not decide between {types}; the more demanding "
                        "reading is shown. Answer more questions to settle it."
                    ).format(types=names)
                )
                + "</p>"
            )
        parts.append(f"<p>{esc(_(TYPE_DESCRIPTIONS[diagnosis.main]))}</p>")
        if diagnosis.one_off:
            parts.append(f"<p><b>{esc(_(ONE_OFF_TITLE))}</b><br>{esc(_(ONE_OFF_DESCRIPTION))}</p>")
        self.verdict.setText("".join(parts))
        self.details.setText(self._details_html(diagnosis))

    def _details_html(self, diagnosis: Diagnosis) -> str:
        esc = html.escape
        advice = advice_for(diagnosis)
        assert advice is not None
        drivers = "".join(
            f"<li>{esc(_(d.question.text))} → <b>{esc(_(d.answer.text))}</b>"
            + (f" <i>({esc(_('suggested'))})</i>" if d.suggested else "")
            + "</li>"
            for d in diagnosis.drivers
        )
        kpis = ", ".join(esc(_(BY_ID[k].title)) for k in kpis_to_watch(diagnosis))
        period = recommended_period(diagnosis)
        levers = "".join(
            f"<li>{esc(_(lever.text))} <i>({esc(_themes(lever.themes))})</i></li>"
            for lever in advice.levers
        )
        return (
            f"<p><b>{esc(_('What decided it'))}</b></p><ul>{drivers}</ul>"
            f"<p><b>{esc(_('KPIs to watch'))}</b><br>{kpis}</p>"
            f"<p><b>{esc(_('How to count churn'))}</b><br>{esc(_(advice.churn_definition))}"
            + (f" {esc(_(period))}" if period else "")
            + "</p>"
            f"<p><b>{esc(_('Levers that work for this type'))}</b></p><ul>{levers}</ul>"
        )

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Retention type"))
        self.intro.setText(
            _(
                "Ten short questions on how customers buy and come back. The answers tell "
                "whether retention here is continuous, discontinuous or intentional, which "
                "decides the figures to watch and the levers that work."
            )
        )
        self.accept_button.setText(_("Use the suggested answers"))
        set_heading(self.result_title, _("Result"))
        for kind, label in self.score_labels.items():
            label.setText(_(TYPE_NAMES[kind]))
        for question in QUESTIONS:
            row = self.rows[question.id]
            row.label.setText(_(question.text))
            row.help.setText(_(question.help))
            row.hint.setText(_("Suggested by the business model; choose an answer to confirm."))
            answers = [(_(answer.text), answer.id) for answer in question.answers]
            fill_choices(row.combo, [(_("Not answered"), None), *answers])
        if self._project is not None:
            self.load(self._project)


def _themes(themes: tuple[str, ...]) -> str:
    return ", ".join(_(THEME_NAMES[theme]) for theme in themes)

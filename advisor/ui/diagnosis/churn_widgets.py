"""The parts of the churn-causes step: one box per cause, the mistakes checklist and the
loyalty audit. Layout only: they show the project and report what the user changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.churn_causes import SEVERITY_NAMES, Cause, DataSuggestion, is_controllable
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.mistakes import MISTAKES
from advisor.domain.project import ChurnCauseCheck, ChurnChecklist, Severity
from advisor.i18n import _, current_language
from advisor.ui.common.question_page import add_question, fill_choices, show_choice
from advisor.ui.common.widgets import Tone, help_label, keep_numbers_whole, set_tone


class WrappingCheck(QWidget):
    """A check box whose text wraps (a plain QCheckBox never does, and a long French line
    would widen the whole form); clicking the text ticks the box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.label.mouseReleaseEvent = lambda _event: self.box.click()  # type: ignore[method-assign]

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.box.setAccessibleName(text)


def compact_combo() -> QComboBox:
    """A choice box sized for its items' usual length, so the form never scrolls sideways."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


class CauseBox(QGroupBox):
    """One churn cause: symptoms to tick, severity, control, evidence, and what the data says."""

    #: A symptom was ticked or unticked (symptom id, ticked).
    symptom_toggled = Signal(str, bool)
    #: A severity was chosen (a ``Severity`` value or None).
    severity_chosen = Signal(object)
    #: Control was judged (True, False or None).
    control_chosen = Signal(object)
    #: The evidence text was edited.
    evidence_edited = Signal(str)

    def __init__(self, cause: Cause, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cause = cause
        self.description = help_label()
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        set_tone(self.suggestion, Tone.WARNING)
        self.suggestion.hide()
        self.symptom_rows = {sid: WrappingCheck() for sid in cause.symptoms}
        self.symptoms = {sid: row.box for sid, row in self.symptom_rows.items()}
        self.severity = compact_combo()
        self.control = compact_combo()
        self.evidence = QPlainTextEdit()
        self.evidence.setTabChangesFocus(True)
        self.evidence.setFixedHeight(self.evidence.fontMetrics().lineSpacing() * 3 + 14)
        self.severity_label, self.control_label = QLabel(), QLabel()
        self.severity_label.setBuddy(self.severity)
        self.control_label.setBuddy(self.control)

        column = QVBoxLayout(self)
        column.addWidget(self.description)
        column.addWidget(self.suggestion)
        for sid, box in self.symptoms.items():
            column.addWidget(self.symptom_rows[sid])
            box.clicked.connect(lambda checked, s=sid: self.symptom_toggled.emit(s, checked))
        choices = QFormLayout()
        choices.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        choices.addRow(self.severity_label, self.severity)
        choices.addRow(self.control_label, self.control)
        column.addLayout(choices)
        column.addWidget(self.evidence)
        self.severity.activated.connect(
            lambda _i: self.severity_chosen.emit(self.severity.currentData())
        )
        self.control.activated.connect(
            lambda _i: self.control_chosen.emit(self.control.currentData())
        )
        self.evidence.textChanged.connect(
            lambda: self.evidence_edited.emit(self.evidence.toPlainText())
        )

    def show_check(self, check: ChurnCauseCheck | None, hints: list[DataSuggestion]) -> None:
        check = check or ChurnCauseCheck()
        for sid, box in self.symptoms.items():
            box.setChecked(sid in check.symptoms)
        show_choice(self.severity, check.severity.value if check.severity else None)
        show_choice(self.control, check.controllable)
        if self.evidence.toPlainText() != check.evidence:
            self.evidence.blockSignals(True)
            self.evidence.setPlainText(check.evidence)
            self.evidence.blockSignals(False)
        language = current_language()
        lines = [
            _("Suggested by your data: {reason}").format(reason=h.message.render(language))
            for h in hints
        ]
        self.suggestion.setText(keep_numbers_whole("<br>".join(lines)))
        self.suggestion.setVisible(bool(lines))
        usual = _("usually yes") if self.cause.controllable else _("usually not")
        self.control.setItemText(0, _("Not judged ({usual})").format(usual=usual))
        self.setProperty("controllable", is_controllable(self.cause.id, check))

    def retranslate_ui(self) -> None:
        self.setTitle(_(self.cause.title))
        self.description.setText(_(self.cause.description))
        for sid, row in self.symptom_rows.items():
            row.set_text(_(self.cause.symptoms[sid]))
        self.severity_label.setText(_("Applies:"))
        self.control_label.setText(_("Within your control:"))
        fill_choices(
            self.severity,
            [(_("Not judged"), None)] + [(_(SEVERITY_NAMES[s]), s.value) for s in Severity],
        )
        fill_choices(
            self.control, [(_("Not judged"), None), (_("yes"), True), (_("mostly not"), False)]
        )
        self.evidence.setPlaceholderText(_("Evidence: what you saw, heard or counted"))


class MistakesBox(QGroupBox):
    """The common mistakes; a ticked one is a mistake the business makes."""

    #: A mistake was ticked or unticked (mistake id, ticked).
    mistake_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = help_label()
        self.rows = {m.id: WrappingCheck() for m in MISTAKES}
        self.boxes = {mid: row.box for mid, row in self.rows.items()}
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        for mid, box in self.boxes.items():
            column.addWidget(self.rows[mid])
            box.clicked.connect(lambda checked, m=mid: self.mistake_toggled.emit(m, checked))

    def show_mistakes(self, mistakes: list[str]) -> None:
        for mid, box in self.boxes.items():
            box.setChecked(mid in mistakes)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Common mistakes"))
        self.intro.setText(_("Tick the ones the business makes today; each becomes a finding."))
        for mistake in MISTAKES:
            self.rows[mistake.id].set_text(_(mistake.title))
            self.rows[mistake.id].setToolTip(_(mistake.help))


class LoyaltyBox(QGroupBox):
    """Whether there is a loyalty programme and, if so, the fairness audit."""

    #: The programme question was answered (True, False or None).
    programme_chosen = Signal(object)
    #: An audit item was judged (item id, True/False/None).
    item_chosen = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel()
        self.programme = compact_combo()
        self.audit_intro = help_label()
        self.items = {item.id: compact_combo() for item in AUDIT_ITEMS}
        self.item_labels = {item.id: QLabel() for item in AUDIT_ITEMS}
        self.audit = QWidget()
        form = QVBoxLayout(self.audit)
        form.setContentsMargins(0, 0, 0, 0)
        for iid, combo in self.items.items():
            add_question(form, self.item_labels[iid], combo)
            combo.activated.connect(
                lambda _i, i=iid, c=combo: self.item_chosen.emit(i, c.currentData())
            )
        column = QVBoxLayout(self)
        add_question(column, self.question, self.programme)
        column.addWidget(self.audit_intro)
        column.addWidget(self.audit)
        self.programme.activated.connect(
            lambda _i: self.programme_chosen.emit(self.programme.currentData())
        )

    def show_checklist(self, churn: ChurnChecklist) -> None:
        show_choice(self.programme, churn.has_loyalty_programme)
        for iid, combo in self.items.items():
            show_choice(combo, churn.loyalty_audit.get(iid))
        shown = bool(churn.has_loyalty_programme)
        self.audit.setVisible(shown)
        self.audit_intro.setVisible(shown)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Fair loyalty"))
        self.question.setText(_("Does the business run or plan a loyalty programme?"))
        fill_choices(self.programme, [(_("Not said"), None), (_("Yes"), True), (_("No"), False)])
        self.audit_intro.setText(
            _("Check that the programme is fair and clear; each “no” becomes a finding.")
        )
        for item in AUDIT_ITEMS:
            self.item_labels[item.id].setText(_(item.title))
            self.item_labels[item.id].setToolTip(_(item.help))
            fill_choices(
                self.items[item.id],
                [(_("Not checked"), None), (_("Yes"), True), (_("No"), False)],
            )

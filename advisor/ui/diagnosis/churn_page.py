"""Churn-causes step: the six reasons customers leave, the common mistakes and the fair-loyalty
audit; beside them, what to act on first and the findings the plan will address."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QWidget

from advisor.domain.churn_causes import (
    CAUSES,
    CAUSES_BY_ID,
    SEVERITY_NAMES,
    RankedCause,
    data_suggestions,
    rank_causes,
    unknown_cause_entries,
)
from advisor.domain.diagnosis_edits import (
    SetAuditItem,
    SetCauseControllable,
    SetCauseEvidence,
    SetCauseSeverity,
    SetHasLoyaltyProgramme,
    SetMistake,
    SetSymptom,
)
from advisor.domain.finding import FINDING_SEVERITY_NAMES
from advisor.domain.findings import findings
from advisor.domain.project import Project, Severity
from advisor.domain.retention_type import diagnose_project
from advisor.domain.wizard import StepId
from advisor.i18n import _, current_language
from advisor.storage.references import project_context
from advisor.ui.common.question_page import QuestionPage, rich_label
from advisor.ui.common.widgets import heading, keep_numbers_whole, set_heading
from advisor.ui.diagnosis.churn_widgets import CauseBox, LoyaltyBox, MistakesBox

SEVERITY_MARKS = {"high": "✗", "medium": "!", "low": "·"}


class ChurnPage(QuestionPage):
    """Every tick and choice is one undoable edit; the summary follows each of them."""

    step_id = StepId.CHURN

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.causes = {cause.id: CauseBox(cause) for cause in CAUSES}
        self.mistakes = MistakesBox()
        self.loyalty = LoyaltyBox()
        for part in (self.unknown_note, *self.causes.values(), self.mistakes, self.loyalty):
            self.questions.addWidget(part)

        self.summary_title = heading(level=2)
        self.summary = rich_label()
        self.findings_title = heading(level=2)
        self.findings = rich_label()
        for part in (self.summary_title, self.summary, self.findings_title, self.findings):
            self.results.addWidget(part)
        self.place_columns()
        self._connect()
        self.retranslate_ui()

    def _connect(self) -> None:
        edit = self.request_edit
        for cid, box in self.causes.items():
            box.symptom_toggled.connect(lambda s, on, c=cid: edit(SetSymptom(c, s, on)))
            box.severity_chosen.connect(
                lambda v, c=cid: edit(SetCauseSeverity(c, None if v is None else Severity(v)))
            )
            box.control_chosen.connect(lambda v, c=cid: edit(SetCauseControllable(c, v)))
            box.evidence_edited.connect(lambda t, c=cid: self._edit_evidence(c, t))
        self.mistakes.mistake_toggled.connect(lambda m, on: edit(SetMistake(m, on)))
        self.loyalty.programme_chosen.connect(lambda v: edit(SetHasLoyaltyProgramme(v)))
        self.loyalty.item_chosen.connect(lambda i, v: edit(SetAuditItem(i, v)))

    def _edit_evidence(self, cause_id: str, text: str) -> None:
        check = self._project.churn.causes.get(cause_id) if self._project else None
        if text != (check.evidence if check else ""):
            self.request_edit(SetCauseEvidence(cause_id, text))

    def load(self, project: Project) -> None:
        self._project = project
        churn = project.churn
        self._context = project_context(project)
        hints = data_suggestions(project.kpi_periods, self._context, diagnose_project(project))
        for cid, box in self.causes.items():
            box.show_check(churn.causes.get(cid), hints.get(cid, []))
        self.mistakes.show_mistakes(churn.mistakes)
        self.loyalty.show_checklist(churn)
        unknown = unknown_cause_entries(project)
        unknown += [m for m in churn.mistakes if m not in self.mistakes.boxes]
        unknown += [i for i in churn.loyalty_audit if i not in self.loyalty.items]
        self.unknown_note.setVisible(bool(unknown))
        self.unknown_note.setText(
            _(
                "This file holds entries this version does not know; they are kept in the "
                "file but not used: {entries}"
            ).format(entries=", ".join(unknown))
        )
        self._show_summary(project)

    def _show_summary(self, project: Project) -> None:
        esc = html.escape
        summary = rank_causes(project, self._context)
        parts = []
        if summary.act_first:
            parts.append(f"<p><b>{esc(_('Act on these first'))}</b></p><ol>")
            parts += [f"<li>{_ranked(r)}</li>" for r in summary.act_first]
            parts.append("</ol>")
        if summary.outside_control:
            parts.append(
                f"<p><b>{esc(_('Outside your control, and what you can still do'))}</b></p><ul>"
            )
            parts += [
                f"<li>{_ranked(r)}<br><i>{esc(_(r.cause.what_to_do))}</i></li>"
                for r in summary.outside_control
            ]
            parts.append("</ul>")
        if summary.not_judged:
            names = ", ".join(_(CAUSES_BY_ID[c].title) for c in summary.not_judged)
            parts.append(f"<p>{esc(_('Not judged yet: {causes}').format(causes=names))}</p>")
        if not parts:
            parts.append(esc(_("Judge each cause to see which to act on first.")))
        self.summary.setText(keep_numbers_whole("".join(parts)))

        language = current_language()
        found = findings(project, self._context)
        if not found:
            self.findings.setText(esc(_("No finding yet.")))
            return
        rows = []
        for finding in found:
            mark = SEVERITY_MARKS[finding.severity.value]
            severity = esc(_(FINDING_SEVERITY_NAMES[finding.severity]))
            title = esc(finding.title.render(language))
            rows.append(f"<li><b>{mark} {severity}</b> — {title}</li>")
        self.findings.setText(keep_numbers_whole(f"<ul>{''.join(rows)}</ul>"))

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Churn causes"))
        self.intro.setText(
            _(
                "Six reasons customers leave. For each, tick the symptoms you recognise, say how "
                "strongly it applies and whether it is within your control, and note the "
                "evidence. Figures from the KPI step point to some causes on their own."
            )
        )
        set_heading(self.summary_title, _("What to act on first"))
        set_heading(self.findings_title, _("Findings for the plan"))
        for box in self.causes.values():
            box.retranslate_ui()
        self.mistakes.retranslate_ui()
        self.loyalty.retranslate_ui()
        if self._project is not None:
            self.load(self._project)


def _ranked(ranked: RankedCause) -> str:
    esc = html.escape
    severity = _(SEVERITY_NAMES[ranked.severity]) if ranked.severity else ""
    title = f"<b>{esc(_(ranked.cause.title))}</b>"
    details = [_(ranked.cause.symptoms[s]) for s in ranked.symptoms]
    if ranked.suggestions:
        details.append(_("suggested by your data"))
    if not details:
        return _("{cause} ({severity})").format(cause=title, severity=esc(severity))
    return _("{cause} ({severity}): {details}").format(
        cause=title, severity=esc(severity), details=esc(" · ".join(details))
    )

"""Steps whose editors are not built yet: what the step will hold, and what the project
already holds for it (read-only), so nothing in the file is hidden from the user."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from advisor.domain.churn_causes import CHURN_CAUSES
from advisor.domain.project import Project
from advisor.domain.wizard import STEP_TITLES, StepId, completeness
from advisor.i18n import N_, _, current_language, ngettext
from advisor.i18n.formatting import format_date, format_money, format_number
from advisor.ui.pages.base import StepPage
from advisor.ui.widgets import heading, help_label, scrolling_page, set_heading

PURPOSE: dict[StepId, str] = {
    StepId.JOURNEY: N_(
        "Map every stage from discovering the business to coming back: touchpoints, what the "
        "customer tries to do, how they feel, friction points and opportunities, on a visual "
        "board fit for a projector."
    ),
    StepId.RETENTION_TYPE: N_(
        "A short questionnaire that tells whether retention here is continuous, discontinuous "
        "or intentional, and so which figures to watch and which levers work."
    ),
    StepId.CHURN: N_(
        "The six reasons customers leave, with symptoms to tick and evidence, the common "
        "mistakes to avoid and a fairness check of any loyalty programme."
    ),
    StepId.KPIS: N_(
        "Retention, churn, average order value, purchase frequency, repeat rate, lifetime "
        "value, NPS, CSAT and CES from the business's own figures or imported exports, each "
        "with what it means and a reference line."
    ),
    StepId.PLAN: N_(
        "Actions drawn from curated playbooks that fit this diagnosis, each with an owner, a "
        "date and a measure of success, on a 30/60/90-day roadmap."
    ),
    StepId.EXPORT: N_(
        "A printable PDF action plan in English or French, worth handing over at the end of "
        "the workshop."
    ),
}

SEVERITY_NAMES = {"none": N_("not at all"), "somewhat": N_("somewhat"), "strongly": N_("strongly")}


def project_summary(project: Project, step: StepId) -> list[str]:
    """Lines describing what the project already holds for ``step``."""
    lang = current_language()
    currency = project.profile.currency
    if step == StepId.JOURNEY:
        lines = []
        for stage in project.journey.stages:
            n = len(stage.touchpoints)
            touchpoints = ngettext("{n} touchpoint", "{n} touchpoints", n).format(n=n)
            lines.append(f"{stage.name} — {touchpoints}")
        return lines
    if step == StepId.RETENTION_TYPE:
        n = len(project.retention_type.answers)
        return [ngettext("{n} answer recorded", "{n} answers recorded", n).format(n=n)] if n else []
    if step == StepId.CHURN:
        return [
            f"{_(CHURN_CAUSES.get(cid, cid))}: {_(SEVERITY_NAMES[c.severity.value])}"
            for cid, c in project.churn.causes.items()
            if c.severity is not None
        ]
    if step == StepId.KPIS:
        lines = []
        for period in project.kpi_periods:
            parts = [period.label]
            if period.customers_start is not None and period.customers_end is not None:
                parts.append(
                    _("customers {start} → {end}").format(
                        start=format_number(period.customers_start, lang),
                        end=format_number(period.customers_end, lang),
                    )
                )
            if period.revenue is not None:
                parts.append(
                    _("revenue {amount}").format(
                        amount=format_money(period.revenue, currency, lang, 0)
                    )
                )
            lines.append(" · ".join(parts))
        return lines
    if step == StepId.PLAN:
        lines = []
        for action in project.plan.actions:
            parts = [action.title]
            if action.owner:
                parts.append(action.owner)
            if action.due:
                parts.append(format_date(action.due, lang))
            lines.append(" — ".join(parts))
        return lines
    return []


class UpcomingStepPage(StepPage):
    """Placeholder for a step whose editor arrives in a later version."""

    def __init__(self, step: StepId, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_id = step
        self._project: Project | None = None
        self.title = heading()
        self.purpose = help_label()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.summary_title = heading(level=2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        scrolling_page(
            self, self.title, self.purpose, self.status, self.summary_title, self.summary
        )
        self.retranslate_ui()

    def load(self, project: Project) -> None:
        self._project = project
        lines = project_summary(project, self.step_id)
        self.summary_title.setVisible(bool(lines))
        self.summary.setVisible(bool(lines))
        items = "".join(f"<li>{_escape(line)}</li>" for line in lines)
        self.summary.setText(f"<ul>{items}</ul>")
        state = completeness(project, self.step_id)
        if state.missing:
            names = ", ".join(_(label) for label in state.missing)
            self.status.setText(_("Still missing: {items}").format(items=names))
        else:
            self.status.setText(_("The project already holds what this step needs."))

    def retranslate_ui(self) -> None:
        set_heading(self.title, _(STEP_TITLES[self.step_id]))
        self.purpose.setText(
            _(PURPOSE[self.step_id])
            + "\n\n"
            + _("The editor for this step arrives in a later version of Retention Advisor.")
        )
        set_heading(self.summary_title, _("Already in this project"))
        if self._project is not None:
            self.load(self._project)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""The workshop's steps, how complete each one is, and whether the plan is ready to export.

Pure functions over the project, so the sidebar, the command line and the tests agree
(after Electrum's GUI-agnostic wizard). Pages attach to steps by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from advisor.domain.churn_causes import CHURN_CAUSES
from advisor.domain.loyalty_audit import AUDIT_ITEMS
from advisor.domain.project import Project
from advisor.domain.retention_questionnaire import QUESTIONS, is_known_answer
from advisor.i18n import N_


class StepId(StrEnum):
    """Step ids, also accepted by ``--page``."""

    START = "start"
    PROFILE = "profile"
    JOURNEY = "journey"
    RETENTION_TYPE = "retention-type"
    CHURN = "churn"
    KPIS = "kpis"
    PLAN = "plan"
    EXPORT = "export"


WORKSHOP_STEPS: tuple[StepId, ...] = (
    StepId.PROFILE,
    StepId.JOURNEY,
    StepId.RETENTION_TYPE,
    StepId.CHURN,
    StepId.KPIS,
    StepId.PLAN,
    StepId.EXPORT,
)

STEP_TITLES: dict[StepId, str] = {
    StepId.START: N_("Start"),
    StepId.PROFILE: N_("Business profile"),
    StepId.JOURNEY: N_("Customer journey"),
    StepId.RETENTION_TYPE: N_("Retention type"),
    StepId.CHURN: N_("Churn causes"),
    StepId.KPIS: N_("KPIs"),
    StepId.PLAN: N_("Action plan"),
    StepId.EXPORT: N_("Export"),
}

PROFILE_FIELD_LABELS: dict[str, str] = {
    "name": N_("Business name"),
    "sector": N_("Sector"),
    "business_model": N_("Business model"),
    "sells_to": N_("Sells to"),
    "customers": N_("Number of customers"),
    "yearly_revenue": N_("Yearly revenue"),
    "currency": N_("Currency"),
    "report_language": N_("Report language"),
    "facilitator_name": N_("Facilitator"),
    "facilitator_firm": N_("Facilitator's firm"),
    "notes": N_("Notes"),
}


class StepState(StrEnum):
    EMPTY = "empty"
    PARTIAL = "partial"
    COMPLETE = "complete"


@dataclass(frozen=True)
class Completeness:
    """How much of a step is filled; ``missing`` holds untranslated labels of what is left."""

    done: int
    total: int
    missing: tuple[str, ...] = ()

    @property
    def state(self) -> StepState:
        if self.done >= self.total:
            return StepState.COMPLETE
        return StepState.EMPTY if self.done == 0 else StepState.PARTIAL

    @property
    def fraction(self) -> float:
        return 1.0 if self.total == 0 else self.done / self.total


def _tally(checks: list[tuple[str, bool]]) -> Completeness:
    missing = tuple(label for label, ok in checks if not ok)
    return Completeness(len(checks) - len(missing), len(checks), missing)


def _profile(project: Project) -> Completeness:
    p = project.profile
    return _tally(
        [
            (PROFILE_FIELD_LABELS["name"], bool(p.name.strip())),
            (PROFILE_FIELD_LABELS["sector"], bool(p.sector.strip())),
            (PROFILE_FIELD_LABELS["business_model"], p.business_model is not None),
            (PROFILE_FIELD_LABELS["customers"], p.customers is not None),
            (PROFILE_FIELD_LABELS["yearly_revenue"], p.yearly_revenue is not None),
        ]
    )


def _journey(project: Project) -> Completeness:
    stages = project.journey.stages
    return _tally(
        [
            (N_("At least three stages"), len(stages) >= 3),
            (
                N_("A touchpoint at every stage"),
                bool(stages) and all(s.touchpoints for s in stages),
            ),
            (
                N_("An emotion at every stage"),
                bool(stages) and all(s.emotion is not None for s in stages),
            ),
            (N_("At least one friction point"), any(s.frictions for s in stages)),
        ]
    )


def _retention_type(project: Project) -> Completeness:
    answers = project.retention_type.answers
    answered = sum(1 for q in QUESTIONS if is_known_answer(q.id, answers.get(q.id, "")))
    return _tally(
        [
            (N_("At least half of the questions answered"), answered * 2 >= len(QUESTIONS)),
            (N_("Every question answered"), answered == len(QUESTIONS)),
        ]
    )


def _churn(project: Project) -> Completeness:
    churn = project.churn
    causes = churn.causes
    checks = [
        (title, cid in causes and causes[cid].severity is not None)
        for cid, title in CHURN_CAUSES.items()
    ]
    checks.append(
        (N_("Whether there is a loyalty programme"), churn.has_loyalty_programme is not None)
    )
    if churn.has_loyalty_programme:
        audited = all(item.id in churn.loyalty_audit for item in AUDIT_ITEMS)
        checks.append((N_("The loyalty programme audit"), audited))
    return _tally(checks)


def _kpis(project: Project) -> Completeness:
    latest = project.kpi_periods[-1] if project.kpi_periods else None
    return _tally(
        [
            (N_("At least one period of figures"), latest is not None),
            (
                N_("Customers at start and end"),
                latest is not None and None not in (latest.customers_start, latest.customers_end),
            ),
            (
                N_("Orders and revenue"),
                latest is not None and None not in (latest.orders, latest.revenue),
            ),
        ]
    )


def _plan(project: Project) -> Completeness:
    actions = project.plan.actions
    return _tally(
        [
            (N_("At least one action"), bool(actions)),
            (
                N_("An owner and a due date for every action"),
                bool(actions) and all(a.owner and a.due for a in actions),
            ),
            (N_("A review date"), project.plan.review_date is not None),
        ]
    )


def _export(printed: bool) -> Completeness:
    return _tally([(N_("The plan printed since the last change"), printed)])


_RULES: dict[StepId, Callable[[Project], Completeness]] = {
    StepId.PROFILE: _profile,
    StepId.JOURNEY: _journey,
    StepId.RETENTION_TYPE: _retention_type,
    StepId.CHURN: _churn,
    StepId.KPIS: _kpis,
    StepId.PLAN: _plan,
}


def completeness(project: Project, step: StepId, printed: bool = False) -> Completeness:
    """How complete ``step`` is for ``project``. The export step is done when the plan was
    ``printed`` (a PDF written) after the project's last change."""
    if step == StepId.EXPORT:
        return _export(printed)
    return _RULES[step](project)


def ready_to_export(project: Project) -> bool:
    """Every step before the export is complete (see :func:`missing_before_export`)."""
    return not missing_before_export(project)


def missing_before_export(project: Project) -> list[tuple[StepId, tuple[str, ...]]]:
    """What each step before the export still lacks, in workshop order (untranslated
    labels): the check the export makes before writing a plan."""
    found: list[tuple[StepId, tuple[str, ...]]] = []
    for step in WORKSHOP_STEPS:
        if step != StepId.EXPORT:
            missing = completeness(project, step).missing
            if missing:
                found.append((step, missing))
    return found


def neighbour_step(step: StepId, offset: int) -> StepId | None:
    """The step ``offset`` places after ``step`` in the workshop order, if there is one."""
    if step not in WORKSHOP_STEPS:
        return WORKSHOP_STEPS[0] if offset > 0 else None
    index = WORKSHOP_STEPS.index(step) + offset
    return WORKSHOP_STEPS[index] if 0 <= index < len(WORKSHOP_STEPS) else None
